package matcheval

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/onework/onework/careers"
	"github.com/onework/onework/matching"
	"github.com/onework/onework/textmatch"
	"github.com/onework/onework/workforce"
)

// Now is the day the judgements were written: registrations and work
// dates are read against it.
var Now = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// DefaultFile is the judgement file, relative to the repository root.
const DefaultFile = "matcheval/testdata/judged.txt"

// K is the cut-off of the metrics: the first page an adviser reads.
const K = 5

// World is a judgement set loaded into an engine.
type World struct {
	Set    *Set
	Engine *matching.Engine
	// guess is the occupation judged against for a vacancy with none.
	guess map[string]string
	// old is what the previous model needs that the engine no longer
	// computes: each vacancy's requirements and the skill taxonomy.
	reqs  map[string][]workforce.Requirement
	reuse map[string]string
	links map[string]map[string]bool
	hours map[string]float64
	// skills are the skills each person holds.
	skills map[string]map[string]bool
}

// Build resolves the set's ESCO labels against d and loads everything into
// a new engine. An unknown label is an error naming it and its line.
func Build(s *Set, d careers.Data) (*World, error) {
	occByLabel := map[string]*workforce.Occupation{}
	for _, o := range d.Occupations {
		occByLabel[o.Label] = o
	}
	skillByLabel := map[string]string{}
	w := &World{Set: s, guess: map[string]string{}, reqs: map[string][]workforce.Requirement{},
		reuse: map[string]string{}, links: map[string]map[string]bool{}, hours: map[string]float64{}, skills: map[string]map[string]bool{}}
	for _, sk := range d.Skills {
		skillByLabel[sk.Label] = sk.ID
		w.reuse[sk.ID] = sk.ReuseLevel
	}
	link := func(a, b string) {
		if w.links[a] == nil {
			w.links[a] = map[string]bool{}
		}
		w.links[a][b] = true
	}
	for id, l := range d.SkillLinks {
		for _, group := range [][]string{l.Broader, l.Narrower, l.Related} {
			for _, to := range group {
				link(id, to)
				link(to, id)
			}
		}
	}
	occ := func(label string, line int) (string, error) {
		if o, ok := occByLabel[label]; ok {
			return o.ID, nil
		}
		return "", fmt.Errorf("line %d: %q is not an ESCO occupation", line, label)
	}
	skill := func(label string, line int) (string, error) {
		if id, ok := skillByLabel[label]; ok {
			return id, nil
		}
		return "", fmt.Errorf("line %d: %q is not an ESCO skill", line, label)
	}

	e, err := matching.New(matching.Config{MaxPageSize: 1000})
	if err != nil {
		return nil, err
	}
	e.Now = func() time.Time { return Now }
	w.Engine = e
	for _, sk := range d.Skills {
		e.UpsertSkill(sk, d.SkillLinks[sk.ID])
	}
	for _, o := range d.Occupations {
		e.UpsertOccupation(o, d.Requirements[o.ID])
	}
	for _, a := range s.Areas {
		kind := workforce.PlaceLocalAuthority
		if a.Kind == "ICB" {
			kind = workforce.PlaceICB
		}
		var parents []string
		if a.Parent != "" {
			parents = []string{a.Parent}
		}
		e.UpsertPlace(&workforce.Place{ID: a.ID, Name: a.Name, Kind: kind, ParentIDs: parents})
	}
	for _, p := range s.Places {
		e.UpsertPlace(&workforce.Place{ID: p.ID, Name: p.Name, Kind: workforce.PlaceLSOA, IMDDecile: p.IMD,
			Location: &workforce.Point{Lat: p.Lat, Lon: p.Lon}, ParentIDs: []string{p.LA, p.ICB}})
	}
	titles := textmatch.New(d.Occupations, d.Skills)
	for _, v := range s.Vacancies {
		var reqs []workforce.Requirement
		occID := ""
		if v.Occupation != "" {
			if occID, err = occ(v.Occupation, v.line); err != nil {
				return nil, err
			}
			for _, r := range d.Requirements[occID] {
				r.Source, r.Confidence = "esco", 1
				reqs = append(reqs, r)
			}
		} else if id, _, ok := titles.Occupation(v.Title); ok {
			w.guess[v.ID] = id
		}
		for _, label := range v.Advert {
			id, err := skill(label, v.line)
			if err != nil {
				return nil, err
			}
			reqs = append(reqs, workforce.Requirement{SkillID: id, Essential: true, Source: "description", Confidence: 1})
		}
		employer := &workforce.Employer{ID: "employer-" + v.ID, Name: "Employer of " + v.Title, Kind: workforce.EmployerPrivate, PlaceID: v.Place}
		e.UpsertEmployer(employer)
		closes := Now.AddDate(0, 1, 0)
		e.UpsertVacancy(&workforce.Vacancy{ID: v.ID, Title: v.Title, EmployerID: employer.ID, OccupationID: occID, PlaceID: v.Place,
			HoursPerWeek: v.Hours, RequiresRightToWork: true, ClosesAt: &closes}, reqs)
		w.reqs[v.ID] = reqs
		w.hours[v.ID] = v.Hours
	}
	for _, p := range s.People {
		person := &workforce.Person{ID: p.ID, PlaceID: p.Place, TravelKm: p.TravelKm, HoursPerWeek: p.Hours,
			RightToWork: !p.NoRightToWork, ConsentMatching: true}
		if !p.Available.IsZero() {
			person.AvailableFrom = &p.Available
		}
		for _, j := range p.Worked {
			id, err := occ(j.Occupation, p.line)
			if err != nil {
				return nil, err
			}
			from := time.Date(j.From, 1, 1, 0, 0, 0, 0, time.UTC)
			job := workforce.Job{OccupationID: id, From: &from}
			if j.To != 0 {
				to := time.Date(j.To, 12, 31, 0, 0, 0, 0, time.UTC)
				job.To = &to
			}
			person.History = append(person.History, job)
		}
		for _, label := range p.Seeks {
			id, err := occ(label, p.line)
			if err != nil {
				return nil, err
			}
			person.Seeks = append(person.Seeks, id)
		}
		for _, r := range p.Registrations {
			reg := workforce.Registration{Regulator: workforce.Regulator(r.Regulator)}
			if !r.Expires.IsZero() {
				reg.Expires = &r.Expires
			}
			if err := reg.Validate(); err != nil {
				return nil, fmt.Errorf("line %d: person %s: %w", p.line, p.ID, err)
			}
			person.Registrations = append(person.Registrations, reg)
		}
		var skills []workforce.PersonSkill
		w.skills[p.ID] = map[string]bool{}
		for _, label := range p.Skills {
			id, err := skill(label, p.line)
			if err != nil {
				return nil, err
			}
			skills = append(skills, workforce.PersonSkill{SkillID: id, Level: 3, Source: "adviser"})
			w.skills[p.ID][id] = true
		}
		if err := person.Validate(); err != nil {
			return nil, fmt.Errorf("line %d: person %s: %w", p.line, p.ID, err)
		}
		e.UpsertPerson(person, skills)
	}
	return w, nil
}

// Scores are a model's mean metrics over the judged vacancies.
type Scores struct {
	NDCG, Precision float64
}

// Result compares the models on one judgement set.
type Result struct {
	Vacancies, Judgements int
	Old, New              Scores
	// PerVacancy holds each vacancy's NDCG@K under the old and new models.
	PerVacancy []VacancyResult
}

// VacancyResult is one vacancy's metrics and its new top K.
type VacancyResult struct {
	ID            string
	OldNDCG, NDCG float64
	Top           []string
}

// Evaluate ranks the judged people for every judged vacancy with the
// engine (as the API does, with the default skills floor of 0.01) and with
// the previous model, and scores both rankings against the judgements. A
// judged person a model leaves out ranks after everyone it returns.
func (w *World) Evaluate() (Result, error) {
	byVacancy := map[string]map[string]int{}
	var order []string
	for _, j := range w.Set.Judged {
		if byVacancy[j.Vacancy] == nil {
			byVacancy[j.Vacancy] = map[string]int{}
			order = append(order, j.Vacancy)
		}
		byVacancy[j.Vacancy][j.Person] = j.Grade
	}
	res := Result{Vacancies: len(order), Judgements: len(w.Set.Judged)}
	for _, vid := range order {
		grades := byVacancy[vid]
		page, err := w.Engine.CandidatesForVacancy(vid, matching.Query{First: 1000, MinSkills: 0.01, AsOccupation: w.guess[vid]})
		if err != nil {
			return res, err
		}
		newIDs := make([]string, 0, len(page.Edges))
		for _, e := range page.Edges {
			newIDs = append(newIDs, e.NodeID)
		}
		oldIDs, err := w.oldRanking(vid)
		if err != nil {
			return res, err
		}
		judged := make([]int, 0, len(grades))
		for _, g := range grades {
			judged = append(judged, g)
		}
		newRank, oldRank := rankedGrades(newIDs, grades), rankedGrades(oldIDs, grades)
		vr := VacancyResult{ID: vid, OldNDCG: NDCG(oldRank, judged, K), NDCG: NDCG(newRank, judged, K)}
		for _, id := range newIDs {
			if _, ok := grades[id]; ok && len(vr.Top) < K {
				vr.Top = append(vr.Top, id)
			}
		}
		res.PerVacancy = append(res.PerVacancy, vr)
		res.New.NDCG += vr.NDCG
		res.Old.NDCG += vr.OldNDCG
		res.New.Precision += PrecisionAt(newRank, K)
		res.Old.Precision += PrecisionAt(oldRank, K)
	}
	if n := float64(len(order)); n > 0 {
		res.New.NDCG /= n
		res.Old.NDCG /= n
		res.New.Precision /= n
		res.Old.Precision /= n
	}
	return res, nil
}

// rankedGrades lists the grades of the judged people in ranked order, then
// of the judged people the ranking left out, in id order.
func rankedGrades(ranked []string, grades map[string]int) []int {
	out := make([]int, 0, len(grades))
	seen := map[string]bool{}
	for _, id := range ranked {
		if g, ok := grades[id]; ok {
			out = append(out, g)
			seen[id] = true
		}
	}
	var rest []string
	for id := range grades {
		if !seen[id] {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	for _, id := range rest {
		out = append(out, grades[id])
	}
	return out
}

// oldRanking is the previous model, restated to compare against: a
// weighted mean of skills 0.45, distance 0.20, local 0.15 and access 0.10,
// where skills is the share of requirement weight held (specificity times
// confidence, optional requirements at half weight, a skill linked in ESCO
// at half credit, the first 64 requirements only); hours and availability
// were hard filters and the skills floor 0.01 left out people with no
// skills part. Distance, local and access are the engine's own, unchanged.
func (w *World) oldRanking(vid string) ([]string, error) {
	page, err := w.Engine.CandidatesForVacancy(vid, matching.Query{First: 1000, Weights: &matching.Weights{Skills: 1}})
	if err != nil {
		return nil, err
	}
	df := map[string]int{}
	for _, reqs := range w.reqs {
		for _, r := range dedupe(reqs) {
			df[r.SkillID]++
		}
	}
	reqs := dedupe(w.reqs[vid])
	weight := func(r workforce.Requirement) float64 {
		f := (0.5 + 0.5*r.Confidence) * oldReuse(w.reuse[r.SkillID]) / (1 + math.Log1p(float64(df[r.SkillID])))
		if !r.Essential {
			f *= 0.5
		}
		return f
	}
	slices.SortFunc(reqs, func(a, b workforce.Requirement) int {
		if a.Essential != b.Essential {
			if a.Essential {
				return -1
			}
			return 1
		}
		fa, fb := 0.5+0.5*a.Confidence, 0.5+0.5*b.Confidence
		if !a.Essential {
			fa, fb = fa*0.5, fb*0.5
		}
		return cmp.Or(-cmp.Compare(fa, fb), cmp.Compare(a.SkillID, b.SkillID))
	})
	reqs = reqs[:min(len(reqs), 64)]
	people := map[string]Person{}
	for _, p := range w.Set.People {
		people[p.ID] = p
	}
	type scored struct {
		id    string
		score float64
	}
	var out []scored
	for _, e := range page.Edges {
		p := people[e.NodeID]
		if p.Hours > 0 && w.hours[vid] > p.Hours {
			continue
		}
		held := w.skills[e.NodeID]
		total, got := 0.0, 0.0
		for _, r := range reqs {
			wt := weight(r)
			total += wt
			switch {
			case held[r.SkillID]:
				got += wt
			case w.linkedToHeld(r.SkillID, held):
				got += 0.5 * wt
			}
		}
		skills := 0.5
		if total > 0 {
			skills = got / total
		}
		if skills < 0.01 {
			continue
		}
		b := e.Breakdown
		out = append(out, scored{e.NodeID, (0.45*skills + 0.20*b.Distance + 0.15*b.Local + 0.10*b.Access) / 0.9})
	}
	slices.SortFunc(out, func(a, b scored) int { return cmp.Or(-cmp.Compare(a.score, b.score), cmp.Compare(a.id, b.id)) })
	ids := make([]string, len(out))
	for i, s := range out {
		ids[i] = s.id
	}
	return ids, nil
}

// linkedToHeld reports whether skill s is linked in ESCO to a held skill.
func (w *World) linkedToHeld(s string, held map[string]bool) bool {
	for n := range w.links[s] {
		if held[n] {
			return true
		}
	}
	return false
}

func dedupe(reqs []workforce.Requirement) []workforce.Requirement {
	seen := map[string]int{}
	var out []workforce.Requirement
	for _, r := range reqs {
		if i, ok := seen[r.SkillID]; ok {
			if r.Essential && !out[i].Essential {
				out[i] = r
			}
			continue
		}
		seen[r.SkillID] = len(out)
		out = append(out, r)
	}
	return out
}

func oldReuse(level string) float64 {
	l := strings.ToLower(level)
	switch {
	case strings.Contains(l, "transversal"):
		return 0.5
	case strings.Contains(l, "cross-sector"), strings.Contains(l, "cross_sector"):
		return 0.75
	}
	return 1
}

// Explain prints the top n candidates for a vacancy with their grades,
// scores, breakdowns and reasons, as an adviser would read them.
func (w *World) Explain(out io.Writer, vid string, n int) error {
	page, err := w.Engine.CandidatesForVacancy(vid, matching.Query{First: n, MinSkills: 0.01, AsOccupation: w.guess[vid]})
	if err != nil {
		return err
	}
	title := vid
	for _, v := range w.Set.Vacancies {
		if v.ID == vid {
			title = v.Title
		}
	}
	grades := map[string]Judgement{}
	for _, j := range w.Set.Judged {
		if j.Vacancy == vid {
			grades[j.Person] = j
		}
	}
	fmt.Fprintf(out, "\n%s (%s)\n", title, vid)
	for _, note := range page.Notes {
		fmt.Fprintf(out, "  note: %s\n", note)
	}
	for i, e := range page.Edges {
		b := e.Breakdown
		grade := "not judged"
		if j, ok := grades[e.NodeID]; ok {
			grade = fmt.Sprintf("adviser grade %d: %s", j.Grade, j.Reason)
		}
		fmt.Fprintf(out, "  %d. %s  score %.3f  fit %.3f (skills %.3f, experience %.3f)  [%s]\n", i+1, e.NodeID, e.Score, b.Fit, b.Skills, b.Experience, grade)
		for _, r := range e.Reasons {
			fmt.Fprintf(out, "     - %s\n", r)
		}
	}
	return nil
}

// RunEval is the "onework eval matching" command: it reads the judgement
// file (--judgements, default DefaultFile), builds an engine over the ESCO
// data in dataDir, and prints NDCG@5 and precision@5 for the previous and
// the current model, and with --verbose each vacancy's figures.
func RunEval(args []string, dataDir string, out io.Writer) error {
	fs := flag.NewFlagSet("eval matching", flag.ContinueOnError)
	fs.SetOutput(out)
	file := fs.String("judgements", DefaultFile, "judgement file (format: the head of "+DefaultFile+")")
	verbose := fs.Bool("verbose", false, "print each vacancy's NDCG@5 and top 5")
	explain := fs.String("explain", "", "comma-separated vacancy ids whose top 3 to print with scores and reasons")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("eval matching: unexpected arguments %q", fs.Args())
	}
	f, err := os.Open(*file)
	if err != nil {
		return fmt.Errorf("eval matching: %w", err)
	}
	defer f.Close()
	set, err := Parse(f)
	if err != nil {
		return fmt.Errorf("eval matching: %s: %w", *file, err)
	}
	start := time.Now()
	d, err := careers.LoadData(dataDir, textmatch.ReadSOCIndex)
	if err != nil {
		return fmt.Errorf("eval matching: %w", err)
	}
	w, err := Build(set, d)
	if err != nil {
		return fmt.Errorf("eval matching: %s: %w", *file, err)
	}
	res, err := w.Evaluate()
	if err != nil {
		return fmt.Errorf("eval matching: %w", err)
	}
	if res.Vacancies == 0 {
		return errors.New("eval matching: nothing judged")
	}
	fmt.Fprintf(out, "matching evaluation on %s: %d vacancies, %d people, %d judgements; built in %v\n\n",
		*file, res.Vacancies, len(set.People), res.Judgements, time.Since(start).Round(time.Millisecond))
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "model\tNDCG@%d\tprecision@%d\n", K, K)
	fmt.Fprintf(tw, "old: weighted mean of skills and place\t%.3f\t%.3f\n", res.Old.NDCG, res.Old.Precision)
	fmt.Fprintf(tw, "new: fit first (skills, experience, registration)\t%.3f\t%.3f\n", res.New.NDCG, res.New.Precision)
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, vid := range strings.Split(*explain, ",") {
		if vid = strings.TrimSpace(vid); vid != "" {
			if err := w.Explain(out, vid, 3); err != nil {
				return fmt.Errorf("eval matching: %w", err)
			}
		}
	}
	if *verbose {
		fmt.Fprintln(out)
		tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "vacancy\told NDCG@%d\tnew NDCG@%d\tnew top %d\n", K, K, K)
		for _, v := range res.PerVacancy {
			fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%s\n", v.ID, v.OldNDCG, v.NDCG, strings.Join(v.Top, " "))
		}
		return tw.Flush()
	}
	return nil
}
