package graph

import (
	"context"
	"fmt"
	"slices"

	"github.com/99designs/gqlgen/graphql"

	"github.com/onework/onework/careers"
	"github.com/onework/onework/graph/model"
	"github.com/onework/onework/matching"
	"github.com/onework/onework/textmatch"
	"github.com/onework/onework/workforce"
)

func (r *Resolver) careerEngine() (*careers.Engine, *textmatch.Matcher, error) {
	if r.Careers == nil || r.Careers.Engine() == nil {
		return nil, nil, workforce.Errorf(workforce.EINTERNAL, "career moves are not ready yet")
	}
	return r.Careers.Engine(), r.Careers.Titles(), nil
}

// careerMoves answers the careerMoves query.
func (r *Resolver) careerMoves(ctx context.Context, from model.CareerOrigin, nearIn *model.NearInput, first *int, after *string, filter *model.CareerMoveFilter) (*model.CareerMoveConnection, error) {
	eng, titles, err := r.careerEngine()
	if err != nil {
		return nil, err
	}
	given := 0
	for _, s := range []*string{from.OccupationID, from.PersonID, from.JobTitle} {
		if s != nil {
			given++
		}
	}
	if given != 1 {
		return nil, workforce.Invalid("from", "give exactly one of occupationId, personId and jobTitle")
	}
	near, err := r.near(ctx, nearIn)
	if err != nil {
		return nil, err
	}
	q := careers.Query{After: str(after)}
	if first != nil {
		q.First = *first
	}
	if filter != nil {
		q.Filter = careers.Filter{CrossSectorOnly: value(filter.CrossSectorOnly), MinPayRatio: value(filter.MinPayRatio),
			MaxJobZoneStep: filter.MaxJobZoneStep, MinSimilarity: filter.MinSimilarity}
	}
	if near != nil && near.WithinKm > r.Limits.MaxDemandRadiusKm {
		return nil, workforce.Invalid("near.withinKm", "must be at most %v for career moves", r.Limits.MaxDemandRadiusKm)
	}
	if near != nil {
		counts, err := r.Read.OpenVacancyCounts(ctx, *near, r.now())
		if err != nil {
			return nil, err
		}
		q.Demand = func(occupationID string) int { return counts[occupationID] }
	}
	conn := &model.CareerMoveConnection{}
	var moves *careers.Moves
	switch {
	case from.OccupationID != nil:
		if moves, err = eng.CareerMoves(*from.OccupationID, q); err != nil {
			return nil, err
		}
		conn.Origin, err = r.occupation(ctx, *from.OccupationID)
	case from.JobTitle != nil:
		var id string
		if id, err = titleOccupation(titles, *from.JobTitle); err != nil {
			return nil, err
		}
		normalised := textmatch.NormaliseTitle(*from.JobTitle)
		conn.NormalisedTitle = &normalised
		if moves, err = eng.CareerMoves(id, q); err != nil {
			return nil, err
		}
		conn.Origin, err = r.occupation(ctx, id)
	case from.PersonID != nil:
		var origin string
		if moves, origin, err = r.personMoves(ctx, eng, *from.PersonID, q); err != nil {
			return nil, err
		}
		conn.Origin, err = r.occupation(ctx, origin)
	}
	if err != nil {
		return nil, err
	}
	conn.TotalCount = moves.Total
	if moves.Note != "" {
		conn.Note = &moves.Note
	}
	conn.PageInfo = &model.PageInfo{HasNextPage: moves.HasNext}
	if moves.EndCursor != "" {
		conn.PageInfo.EndCursor = &moves.EndCursor
	}
	for _, m := range moves.Items {
		conn.Moves = append(conn.Moves, &model.CareerMove{Move: m})
	}
	if near != nil {
		err = r.attachProgrammes(ctx, conn.Moves, near)
	}
	return conn, err
}

// titleOccupation matches a job title to an occupation, or says why not
// and suggests close titles that themselves resolve.
func titleOccupation(titles *textmatch.Matcher, title string) (string, error) {
	id, _, err := titles.ResolveTitle("from.jobTitle", title)
	return id, err
}

// personMoves ranks moves from a person's skills and returns the occupation
// to show as their origin: their latest job, else the first they seek.
func (r *Resolver) personMoves(ctx context.Context, eng *careers.Engine, personID string, q careers.Query) (*careers.Moves, string, error) {
	p, skills, err := r.personWithSkills(ctx, personID)
	if err != nil {
		return nil, "", err
	}
	profile := careers.Profile{Skills: skills, History: p.History, Seeks: p.Seeks, CurrentPay: p.CurrentPay}
	moves, err := eng.PersonMoves(profile, q)
	if err != nil {
		return nil, "", err
	}
	return moves, careers.ShownOrigin(profile), nil
}

// personWithSkills loads a person the caller may read, and their skills.
func (r *Resolver) personWithSkills(ctx context.Context, id string) (*workforce.Person, []workforce.PersonSkill, error) {
	p, err := load(ctx, r, workforce.KindPerson, r.loaders(ctx).Person, id)
	if err != nil {
		return nil, nil, err
	}
	if p == nil {
		return nil, nil, workforce.NotFound("person", id)
	}
	skills, err := r.loaders(ctx).PersonSkills.Load(ctx, id)
	return p, skills, err
}

// attachProgrammes gives each move the nearby programmes that teach most
// of its missing essential skills, with one read for the whole page.
func (r *Resolver) attachProgrammes(ctx context.Context, moves []*model.CareerMove, near *workforce.Near) error {
	var all []string
	for _, m := range moves {
		all = append(all, m.MissingEssential()...)
	}
	if len(all) == 0 {
		return nil
	}
	progs, teaches, err := r.programmesTeaching(ctx, all, &workforce.Near{Point: near.Point, WithinKm: max(near.WithinKm, careers.ProgrammeRadiusKm)})
	if err != nil {
		return err
	}
	for _, m := range moves {
		m.Nearby = careers.NearbyForMove(progs, teaches, m.MissingEssential(), careers.ProgrammesPerMove)
	}
	return nil
}

// programmesTeaching returns the programmes that teach any of the skills
// near a place, with the skills each teaches.
func (r *Resolver) programmesTeaching(ctx context.Context, skills []string, near *workforce.Near) ([]*workforce.Programme, map[string][]string, error) {
	slices.Sort(skills)
	progs, err := r.Read.ProgrammesTeaching(ctx, slices.Compact(skills), near, 500)
	if err != nil || len(progs) == 0 {
		return nil, nil, err
	}
	ids := make([]string, len(progs))
	for i, p := range progs {
		ids[i] = p.ID
		if err := r.authorize(ctx, workforce.ActionRead, workforce.KindProgramme, p.ID, p); err != nil {
			return nil, nil, err
		}
	}
	teaches, err := r.Read.ProgrammeSkills(ctx, ids)
	return progs, teaches, err
}

// programmesFor answers the programmesFor query.
func (r *Resolver) programmesFor(ctx context.Context, personID string, target model.ProgrammeTarget, first *int) (*model.ProgrammeRecommendations, error) {
	eng, _, err := r.careerEngine()
	if err != nil {
		return nil, err
	}
	if (target.VacancyID == nil) == (target.OccupationID == nil) {
		return nil, workforce.Invalid("target", "give exactly one of vacancyId and occupationId")
	}
	p, held, err := r.personWithSkills(ctx, personID)
	if err != nil {
		return nil, err
	}
	if err := r.locatePerson(ctx, personID); err != nil {
		return nil, err
	}
	occupationID, label, reqs, err := r.target(ctx, target)
	if err != nil {
		return nil, err
	}
	gap := careers.EssentialGap(reqs, held)
	out := &model.ProgrammeRecommendations{Programmes: []*careers.RankedProgramme{}}
	if out.Gap, err = loadAll(ctx, r, workforce.KindSkill, r.loaders(ctx).Skill, gap); err != nil || len(gap) == 0 {
		return out, err
	}
	var near *workforce.Near
	if home := r.homePoint(ctx, p); home != nil {
		near = &workforce.Near{Point: *home, WithinKm: careers.ProgrammeRadiusKm}
	}
	progs, teaches, err := r.programmesTeaching(ctx, gap, near)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(progs))
	for i, pr := range progs {
		ids[i] = pr.ID
	}
	progressions, err := r.Read.ProgrammeProgressions(ctx, ids)
	if err != nil {
		return nil, err
	}
	req := careers.ProgrammeRequest{Gap: gap, TargetLabel: label, Now: r.now(),
		Candidates: careers.Candidates(progs, teaches, progressions, occupationID)}
	if near != nil {
		req.Location = &near.Point
	}
	ranked, err := eng.RankProgrammes(req)
	if err != nil {
		return nil, err
	}
	p2, err := r.page(first, nil)
	if err != nil {
		return nil, err
	}
	out.Programmes = pointers(ranked.Items[:min(len(ranked.Items), p2.First)])
	return out, nil
}

// target resolves a programme target to its occupation, a label and its requirements.
func (r *Resolver) target(ctx context.Context, t model.ProgrammeTarget) (occupationID, label string, reqs []workforce.Requirement, err error) {
	if t.VacancyID != nil {
		v, err := load(ctx, r, workforce.KindVacancy, r.loaders(ctx).Vacancy, *t.VacancyID)
		if err != nil {
			return "", "", nil, err
		}
		if v == nil {
			return "", "", nil, &workforce.Error{Code: workforce.ENOTFOUND, Field: "target.vacancyId", Message: fmt.Sprintf("vacancy %q not found", *t.VacancyID)}
		}
		reqs, err = r.loaders(ctx).VacancyRequirements.Load(ctx, v.ID)
		return v.OccupationID, v.Title, reqs, err
	}
	o, err := r.occupation(ctx, *t.OccupationID)
	if err != nil {
		return "", "", nil, err
	}
	if o == nil {
		return "", "", nil, &workforce.Error{Code: workforce.ENOTFOUND, Field: "target.occupationId", Message: fmt.Sprintf("occupation %q not found", *t.OccupationID)}
	}
	reqs, err = r.loaders(ctx).OccupationRequirements.Load(ctx, o.ID)
	return o.ID, o.Label, reqs, err
}

// homePoint is a person's home location, else their home area's centre.
func (r *Resolver) homePoint(ctx context.Context, p *workforce.Person) *workforce.Point {
	if p.Location != nil {
		return p.Location
	}
	if place, err := r.place(ctx, p.PlaceID); err == nil && place != nil {
		return place.Location
	}
	return nil
}

// programmesForVacancy answers the programmesForVacancy query.
func (r *Resolver) programmesForVacancy(ctx context.Context, vacancyID string, first *int) ([]*model.VacancyProgramme, error) {
	pg, err := r.page(first, nil)
	if err != nil {
		return nil, err
	}
	feeders, err := r.vacancyFeeders(ctx, vacancyID)
	if err != nil {
		return nil, err
	}
	out := []*model.VacancyProgramme{}
	if len(feeders.programmes) == 0 {
		return out, nil
	}
	scope := workforce.CandidateFilter{VacancyID: vacancyID, EmployerID: feeders.employerID}
	if err := r.Auth.Scope(ctx, workforce.KindPerson, &scope); err != nil {
		return nil, err
	}
	if r.Engine == nil {
		return nil, workforce.Errorf(workforce.EINTERNAL, "matching engine not configured")
	}
	var gaps [][]string
	q := matchingQuery(scope.OrgID)
	for scanned := 0; scanned < careers.CandidatesScanned; {
		page, err := r.Engine.CandidatesForVacancy(vacancyID, q)
		if err != nil {
			return nil, err
		}
		for _, e := range page.Edges {
			gaps = append(gaps, missingEssential(&e))
		}
		scanned += len(page.Edges)
		if !page.HasNextPage {
			break
		}
		q.After = page.EndCursor
	}
	ready := careers.ReadyCounts(feeders.programmes, feeders.teaches, gaps)
	progs := slices.Clone(feeders.programmes)
	slices.SortStableFunc(progs, careers.ByReady(ready))
	for _, p := range progs[:min(len(progs), pg.First)] {
		vp := &model.VacancyProgramme{Programme: p}
		if vp.Teaches, err = loadAll(ctx, r, workforce.KindSkill, r.loaders(ctx).Skill, feeders.teaches[p.ID]); err != nil {
			return nil, err
		}
		vp.CandidatesMadeReady = r.aggregate(ctx, ready[p.ID])
		out = append(out, vp)
	}
	return out, nil
}

// feeders are the programmes near a vacancy that teach its essential skills.
type feeders struct {
	employerID string
	programmes []*workforce.Programme
	teaches    map[string][]string
}

// vacancyFeeders loads the feeders of a vacancy, once per request.
func (r *Resolver) vacancyFeeders(ctx context.Context, vacancyID string) (*feeders, error) {
	return r.loaders(ctx).feeders.get(vacancyID, func() (*feeders, error) { return r.loadFeeders(ctx, vacancyID) })
}

// loadFeeders reads the feeders of one vacancy.
func (r *Resolver) loadFeeders(ctx context.Context, vacancyID string) (*feeders, error) {
	v, err := load(ctx, r, workforce.KindVacancy, r.loaders(ctx).Vacancy, vacancyID)
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, workforce.NotFound("vacancy", vacancyID)
	}
	f := &feeders{employerID: v.EmployerID}
	reqs, err := r.loaders(ctx).VacancyRequirements.Load(ctx, vacancyID)
	if err != nil {
		return nil, err
	}
	essential := careers.EssentialGap(reqs, nil)
	if len(essential) == 0 {
		return f, nil
	}
	var near *workforce.Near
	if v.Location != nil {
		near = &workforce.Near{Point: *v.Location, WithinKm: careers.FeederRadiusKm}
	}
	f.programmes, f.teaches, err = r.programmesTeaching(ctx, essential, near)
	return f, err
}

// missingEssential lists the essential skills a candidate lacks.
func missingEssential(e *matching.Edge) []string {
	var out []string
	for _, s := range e.Skills {
		if s.Essential && s.Tier == matching.Missing {
			out = append(out, s.SkillID)
		}
	}
	return out
}

// matchingQuery pages through all candidates of a caseload (all for "").
func matchingQuery(orgID string) matching.Query {
	return matching.Query{First: 100, OrgID: orgID}
}

// parentArg finds an argument of the nearest enclosing field with the given name.
func parentArg(ctx context.Context, field, arg string) (any, bool) {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if fc.Field.Field != nil && fc.Field.Name == field {
			v, ok := fc.Args[arg]
			return v, ok
		}
	}
	return nil, false
}

// readyAfter finds, for a candidate edge of candidatesForVacancy, the
// essential skills they lack and a nearby programme that teaches them all.
func (r *Resolver) readyAfter(ctx context.Context, e *matching.Edge) (*workforce.Programme, []string, error) {
	missing := missingEssential(e)
	if len(missing) == 0 {
		return nil, nil, nil
	}
	v, ok := parentArg(ctx, "candidatesForVacancy", "vacancyId")
	id, _ := v.(string)
	if !ok || id == "" {
		return nil, missing, nil
	}
	f, err := r.vacancyFeeders(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return careers.FirstCovering(f.programmes, f.teaches, missing), missing, nil
}

// destinations sets a programme's destinations beside local demand.
func (r *Resolver) destinations(ctx context.Context, p *workforce.Programme) ([]*model.ProgrammeDestination, error) {
	l := r.loaders(ctx)
	leads, err := l.ProgrammeOccupations.Load(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	progressions, err := l.ProgrammeProgressions.Load(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	teaches, err := l.ProgrammeSkills.Load(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	completions, err := l.ProgrammeCompletions.Load(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	ids, learners, hires := careers.Destinations(leads, progressions, completions)
	occs, err := loadAll(ctx, r, workforce.KindOccupation, l.Occupation, ids)
	if err != nil {
		return nil, err
	}
	demand := map[string]int{}
	if at := r.programmePoint(ctx, p); at != nil {
		if demand, err = r.Read.OpenVacancyCounts(ctx, workforce.Near{Point: *at, WithinKm: careers.FeederRadiusKm}, r.now()); err != nil {
			return nil, err
		}
	}
	out := make([]*model.ProgrammeDestination, 0, len(occs))
	for _, o := range occs {
		reqs, err := l.OccupationRequirements.Load(ctx, o.ID)
		if err != nil {
			return nil, err
		}
		coverage := careers.Coverage(teaches, careers.EssentialGap(reqs, nil))
		out = append(out, &model.ProgrammeDestination{Occupation: o, SkillCoverage: coverage, Learners: learners[o.ID],
			OpenVacanciesNearby: demand[o.ID], Hires: r.aggregate(ctx, hires[o.ID])})
	}
	return out, nil
}

// programmePoint is where a programme runs: its location, else its place's centre.
func (r *Resolver) programmePoint(ctx context.Context, p *workforce.Programme) *workforce.Point {
	if p.Location != nil {
		return p.Location
	}
	if place, err := r.place(ctx, p.PlaceID); err == nil && place != nil {
		return place.Location
	}
	return nil
}

// programmesForOccupation answers the programmesForOccupation query.
func (r *Resolver) programmesForOccupation(ctx context.Context, occupationID string, nearIn model.NearInput, first *int) ([]*model.OccupationProgramme, error) {
	pg, err := r.page(first, nil)
	if err != nil {
		return nil, err
	}
	o, err := r.occupation(ctx, occupationID)
	if err != nil {
		return nil, err
	}
	if o == nil {
		return nil, workforce.NotFound("occupation", occupationID)
	}
	near, err := r.near(ctx, &nearIn)
	if err != nil {
		return nil, err
	}
	reqs, err := r.loaders(ctx).OccupationRequirements.Load(ctx, occupationID)
	if err != nil {
		return nil, err
	}
	essential := careers.EssentialGap(reqs, nil)
	progs, teaches := []*workforce.Programme{}, map[string][]string{}
	if len(essential) > 0 {
		if progs, teaches, err = r.programmesTeaching(ctx, essential, near); err != nil {
			return nil, err
		}
	}
	leading, err := r.Read.FindProgrammes(ctx, workforce.ProgrammeFilter{OccupationID: occupationID, Near: near}, workforce.Page{First: r.Limits.MaxPageSize})
	if err != nil {
		return nil, err
	}
	leads := map[string]bool{}
	for _, p := range leading.Items {
		leads[p.ID] = true
		if _, ok := teaches[p.ID]; !ok {
			progs = append(progs, p)
			if teaches[p.ID], err = r.loaders(ctx).ProgrammeSkills.Load(ctx, p.ID); err != nil {
				return nil, err
			}
		}
	}
	ready, counted, err := r.peopleMadeReady(ctx, occupationID, essential, near, progs, teaches)
	if err != nil {
		return nil, err
	}
	ranked := careers.RankForOccupation(progs, teaches, essential, leads, ready)
	out := make([]*model.OccupationProgramme, 0, min(len(ranked), pg.First))
	for _, op := range ranked[:min(len(ranked), pg.First)] {
		m := &model.OccupationProgramme{Programme: op.Programme, LeadsTo: op.LeadsTo, SkillCoverage: op.SkillCoverage}
		if counted {
			m.PeopleMadeReady = r.aggregate(ctx, op.Ready)
		}
		out = append(out, m)
	}
	return out, nil
}

// peopleMadeReady counts, per programme, the people near who seek the
// occupation and lack essential skills that the programme teaches all of.
// Counting reads people, so it happens only for callers who may list
// people (within their scope); for others counted is false.
func (r *Resolver) peopleMadeReady(ctx context.Context, occupationID string, essential []string, near *workforce.Near,
	progs []*workforce.Programme, teaches map[string][]string) (ready map[string]int, counted bool, err error) {
	f := workforce.PersonFilter{Seeking: occupationID}
	if r.Auth.Scope(ctx, workforce.KindPerson, &f) != nil || len(essential) == 0 {
		return nil, false, nil
	}
	var gaps [][]string
	page := workforce.Page{First: r.Limits.MaxPageSize}
	for scanned := 0; scanned < careers.PeopleScanned; {
		s, err := r.Read.FindPeople(ctx, f, page)
		if err != nil {
			return nil, false, err
		}
		var ids []string
		for _, p := range s.Items {
			if home := r.homePoint(ctx, p); home != nil && workforce.DistanceKm(*home, near.Point) <= near.WithinKm && p.ConsentMatching {
				ids = append(ids, p.ID)
			}
		}
		held, err := r.Read.PersonSkills(ctx, ids)
		if err != nil {
			return nil, false, err
		}
		for _, id := range ids {
			gaps = append(gaps, careers.EssentialGap(careers.Requirements(essential), held[id]))
		}
		scanned += len(s.Items)
		if !s.HasNext || len(s.Cursors) == 0 {
			break
		}
		page.After = s.Cursors[len(s.Cursors)-1]
	}
	return careers.ReadyCounts(progs, teaches, gaps), true, nil
}

// aggregate returns a count of people for display: null when under the
// small-number threshold, unless the caller may see personal data.
func (r *Resolver) aggregate(ctx context.Context, n int) *int {
	return careers.Suppress(n, n < careers.SmallNumber && r.Auth.Reveal(ctx, workforce.KindPerson, nil, workforce.Personal))
}
