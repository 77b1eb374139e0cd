package importer

import (
	"context"
	"slices"

	"github.com/onework/onework/textmatch"
	"github.com/onework/onework/workforce"
)

// GraphMatcher returns a MatchFunc built with textmatch over every
// occupation and skill in the graph.
func (im *Importer) GraphMatcher(ctx context.Context) (MatchFunc, error) {
	occIDs, err := im.DB.IDs(ctx, workforce.KindOccupation)
	if err != nil {
		return nil, err
	}
	skillIDs, err := im.DB.IDs(ctx, workforce.KindSkill)
	if err != nil {
		return nil, err
	}
	var occs []*workforce.Occupation
	for chunk := range slices.Chunk(occIDs, 2000) {
		o, err := im.DB.Occupations(ctx, chunk)
		if err != nil {
			return nil, err
		}
		occs = append(occs, o...)
	}
	var skills []*workforce.Skill
	for chunk := range slices.Chunk(skillIDs, 2000) {
		s, err := im.DB.Skills(ctx, chunk)
		if err != nil {
			return nil, err
		}
		skills = append(skills, s...)
	}
	// Sorted input keeps the matcher, and so the import, deterministic.
	slices.SortFunc(occs, func(a, b *workforce.Occupation) int { return compareIDs(a.ID, b.ID) })
	slices.SortFunc(skills, func(a, b *workforce.Skill) int { return compareIDs(a.ID, b.ID) })
	m := textmatch.New(occs, skills)
	return func(title, text string) (string, float64, bool, []FoundSkill) {
		occ, conf, ok := m.Occupation(title)
		var found []FoundSkill
		for _, f := range m.Skills(text) {
			found = append(found, FoundSkill{SkillID: f.SkillID, Confidence: f.Confidence})
		}
		return occ, conf, ok, found
	}, nil
}

func compareIDs(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
