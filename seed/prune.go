package seed

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// prune removes what an earlier demo with the same prefix wrote and this one
// does not make: nodes whose ids it no longer makes (a smaller --people, a
// changed generator) and the skills and occupations of the nodes it makes
// again that it would not link now. A run after an identical one finds
// nothing to remove.
func (d *demo) prune(ctx context.Context, db *store.DB, out io.Writer) error {
	made := map[workforce.Kind]map[string]bool{}
	mark := func(kind workforce.Kind, id string) {
		if made[kind] == nil {
			made[kind] = map[string]bool{}
		}
		made[kind][id] = true
	}
	for _, p := range d.people {
		mark(workforce.KindPerson, p.ID)
	}
	for _, v := range d.vacancies {
		mark(workforce.KindVacancy, v.ID)
	}
	for _, p := range d.programmes {
		mark(workforce.KindProgramme, p.ID)
	}
	for _, p := range d.providers {
		mark(workforce.KindProvider, p.ID)
	}
	for _, e := range d.employers {
		mark(workforce.KindEmployer, e.ID)
	}
	nodes, links := 0, 0
	kept := map[workforce.Kind][]string{}
	// Dependents first: vacancies before their employers, programmes
	// before their providers.
	for _, kind := range []workforce.Kind{workforce.KindPerson, workforce.KindVacancy, workforce.KindProgramme, workforce.KindProvider, workforce.KindEmployer} {
		ids, err := db.IDs(ctx, kind)
		if err != nil {
			return err
		}
		for _, id := range ids {
			switch {
			case !strings.HasPrefix(id, d.prefix+"-"):
			case made[kind][id]:
				kept[kind] = append(kept[kind], id)
			default:
				if err := db.Delete(ctx, kind, id); err != nil {
					return fmt.Errorf("remove stale %s %s: %w", kind, id, err)
				}
				nodes++
			}
		}
	}
	want := map[[2]string]bool{}
	for _, s := range d.personSkills {
		want[[2]string{s.PersonID, s.SkillID}] = true
	}
	for _, r := range d.requires {
		want[[2]string{r.FromID, r.SkillID}] = true
	}
	for _, l := range slices.Concat(d.teaches, d.leadsTo) {
		want[[2]string{l.FromID, l.ToID}] = true
	}
	unlink := func(ids []string, read func(context.Context, []string) (map[string][]string, error), drop func(context.Context, string, string) error) error {
		for chunk := range slices.Chunk(ids, 500) {
			have, err := read(ctx, chunk)
			if err != nil {
				return err
			}
			for from, tos := range have {
				for _, to := range tos {
					if !want[[2]string{from, to}] {
						if err := drop(ctx, from, to); err != nil {
							return fmt.Errorf("remove stale link %s-%s: %w", from, to, err)
						}
						links++
					}
				}
			}
		}
		return nil
	}
	personSkills := func(ctx context.Context, ids []string) (map[string][]string, error) {
		m, err := db.PersonSkills(ctx, ids)
		return skillIDs(m, func(s workforce.PersonSkill) string { return s.SkillID }), err
	}
	vacancySkills := func(ctx context.Context, ids []string) (map[string][]string, error) {
		m, err := db.VacancyRequirements(ctx, ids)
		return skillIDs(m, func(r workforce.Requirement) string { return r.SkillID }), err
	}
	if err := unlink(kept[workforce.KindPerson], personSkills, db.UnlinkPersonSkill); err != nil {
		return err
	}
	if err := unlink(kept[workforce.KindVacancy], vacancySkills, db.UnlinkVacancySkill); err != nil {
		return err
	}
	if err := unlink(kept[workforce.KindProgramme], db.ProgrammeSkills, db.UnlinkProgrammeSkill); err != nil {
		return err
	}
	if err := unlink(kept[workforce.KindProgramme], db.ProgrammeOccupations, db.UnlinkProgrammeOccupation); err != nil {
		return err
	}
	if nodes+links > 0 {
		fmt.Fprintf(out, "demo: removed %d nodes and %d links an earlier demo made and this one does not\n", nodes, links)
	}
	return nil
}

func skillIDs[T any](m map[string][]T, id func(T) string) map[string][]string {
	out := make(map[string][]string, len(m))
	for k, vs := range m {
		for _, v := range vs {
			out[k] = append(out[k], id(v))
		}
	}
	return out
}
