package careers

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/onework/onework/workforce"
)

// Data is what the engine is built from. Only Occupations and Requirements
// are needed; the rest sharpen the similarity and the explanations.
type Data struct {
	// Occupations are the origins and targets of moves. JobZone and
	// AnnualPay may be 0 (unknown): the gate and the pay ratio then skip
	// the check and the reasons say so.
	Occupations []*workforce.Occupation
	// Requirements maps an occupation id to the skills it requires.
	Requirements map[string][]workforce.Requirement
	// Skills give labels for explanations; a skill that occurs only in
	// requirements or links is labelled by its id.
	Skills []*workforce.Skill
	// SkillLinks maps a skill id to its broader, narrower and related
	// skills. Links need only be given once: the engine makes them
	// symmetric. A broader id may also be a skill group that is not a
	// skill: skills under one group then count as siblings.
	SkillLinks map[string]workforce.Links
	// SkillGroups maps a skill id to the ESCO skill groups it sits in
	// (such as "cleaning interior and exterior of buildings"): skills in
	// one group count as siblings, the transferable skills that group
	// names. The graph holds them as (Skill)-[:BROADER]->(SkillGroup)
	// (workforce.Taxonomy.SkillGroups); LoadData reads them from ESCO's
	// files, filed by SkillGroupLink either way.
	SkillGroups map[string][]string
	// OccupationSectors maps an occupation id to its sector ids (such as
	// Nesta's skills-based sectors), for the change-of-sector flag.
	OccupationSectors map[string][]string
	// Sectors give sector names for explanations.
	Sectors []*workforce.Sector
	// EmployerMix maps an occupation id to the share of its local jobs
	// held by each kind of employer, such as 0.7 NHS and 0.3 care
	// providers. Shares need not sum to 1. A move whose origin and target
	// are mostly employed by different kinds also counts as a change of
	// sector.
	EmployerMix map[string]map[workforce.EmployerKind]float64
	// OccupationBroader maps an occupation id to its broader occupations
	// in ESCO's hierarchy: occupations under one parent are close.
	OccupationBroader map[string][]string
	// Pay is ONS ASHE pay by SOC 2020 group (ReadASHE). When set, an
	// occupation with a SOC unit group is paid its group's figure, with
	// source, year and basis; otherwise its AnnualPay, of unstated source.
	Pay PayTable
	// EntryRoutes maps a SOC 2020 unit group to its typical entry routes
	// and qualifications (ONS), shown with a qualification step.
	EntryRoutes map[string]string
	// Profiles add O*NET skills profiles and Nesta sub-sectors to the
	// closeness of two occupations; either may be empty.
	Profiles Profiles
}

// Engine recommends career moves and ranks programmes. Its data is immutable
// after New, and it is safe for concurrent use.
type Engine struct {
	cfg Config

	occs    []occupation
	occByID map[string]int32
	// nodes are the skills and skill groups, interned: index order is id
	// order, so that every loop over them, and every sum they feed, runs
	// in the same order on every call.
	nodes      []node
	nodeByID   map[string]int32
	postings   [][]posting // by node: the occupations requiring it
	sectorName map[string]string
	routes     map[string]string // SOC 2020 unit group: typical entry routes

	scratch sync.Pool
	// passes keep the similarity pass of the origin occupations asked
	// about (originPass).
	passes passes
}

// occupation is an Occupation as the scorer needs it.
type occupation struct {
	id, label string
	jobZone   int
	pay       float64
	// reqs are sorted for explanations: essential first, then the more
	// specific, then by id.
	reqs []req
	// total is the sum of the weights of reqs.
	total   float64
	sectors []string
	kind    workforce.EmployerKind // the main kind of employer, "" if unknown
	// isco is the ISCO-08 unit group, soc the SOC 2020 unit group and sub
	// the Nesta sub-sector, "" when unknown; parents are the broader
	// occupations' indexes; profile is the unit O*NET skills profile, nil
	// when unknown.
	isco, soc, sub string
	parents        []int32
	profile        []float64
	// level is the UK skill level (1-4) of the SOC 2020 unit group, 0
	// when unknown, raised for a supervisory job in an elementary group
	// (supervisoryLevel) and for a senior one below level 3
	// (seniorLevel); open is true when the group is open entry and the
	// job is neither supervisory nor senior. supervises is true for a job
	// the O*NET crosswalk calls a manager or first-line supervisor
	// (onetSupervisory) or whose title names a supervisor (SupervisorTitle),
	// senior for one whose title names a manager, director or consultant
	// (SeniorTitle).
	level           int
	open            bool
	supervises      bool
	onetSupervisory bool
	senior          bool
	// payInfo says where pay comes from.
	payInfo Pay
}

type req struct {
	node      int32
	w         float64
	essential bool
}

// node is a skill or a skill group.
type node struct {
	id, label string
	// spec is the specificity weight: ln(1 + N/df)^Config.Specificity for
	// a skill df of the N occupations with requirements require, 0 when
	// none does.
	spec float64
	// direct are the nodes linked to this one (related, broader and
	// narrower); parents are the broader ones alone, whose other children
	// are this node's siblings.
	direct   []int32
	parents  []int32
	children []int32
}

type posting struct {
	occ int32
	w   float64
}

// New builds an engine from d, checking every occupation, requirement and
// link. It returns an EINVALID error naming the first bad item. The zero
// Config means DefaultConfig.
func New(d Data, cfg Config) (*Engine, error) {
	if cfg == (Config{}) {
		cfg = DefaultConfig()
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	e := &Engine{cfg: cfg, occByID: make(map[string]int32, len(d.Occupations)), sectorName: map[string]string{}, routes: d.EntryRoutes}
	if err := e.addOccupations(d); err != nil {
		return nil, err
	}
	if err := e.internNodes(d); err != nil {
		return nil, err
	}
	if err := e.addRequirements(d.Requirements); err != nil {
		return nil, err
	}
	e.addLinks(d.SkillLinks, d.SkillGroups)
	for _, s := range d.Sectors {
		if s != nil {
			e.sectorName[s.ID] = s.Name
		}
	}
	e.scratch.New = func() any { return newScratch(len(e.occs), len(e.nodes)) }
	return e, nil
}

// addOccupations checks and adds the occupations in id order, with their
// sectors and main kind of employer.
func (e *Engine) addOccupations(d Data) error {
	occs := slices.Clone(d.Occupations)
	for i, o := range occs {
		if o == nil {
			return workforce.Invalid(indexed("occupations", i), "must not be nil")
		}
		if err := o.Validate(); err != nil {
			return prefixField(indexed("occupations", i), err)
		}
	}
	slices.SortFunc(occs, func(a, b *workforce.Occupation) int { return cmp.Compare(a.ID, b.ID) })
	for i, o := range occs {
		if i > 0 && occs[i-1].ID == o.ID {
			return workforce.Invalid("occupations", "duplicate occupation %q", o.ID)
		}
		e.occByID[o.ID] = int32(i)
		sectors := slices.Clone(d.OccupationSectors[o.ID])
		slices.Sort(sectors)
		e.occs = append(e.occs, occupation{
			id: o.ID, label: o.Label, jobZone: o.JobZone, pay: o.AnnualPay,
			sectors: slices.Compact(sectors), kind: mainKind(d.EmployerMix[o.ID]),
			isco: o.ISCOGroup, soc: o.SOCCode, sub: d.Profiles.SubSectors[o.ID],
			profile: unitProfile(d.Profiles.ONet[o.ID]), level: SkillLevel(o.SOCCode),
			open: OpenEntry(d.EntryRoutes[o.SOCCode]), supervises: d.Profiles.Supervisory[o.ID] || SupervisorTitle(o.Label),
			onetSupervisory: d.Profiles.Supervisory[o.ID], senior: SeniorTitle(o.Label),
		})
		oc := &e.occs[len(e.occs)-1]
		if oc.supervises {
			oc.open, oc.level = false, supervisoryLevel(oc.level)
		}
		if oc.senior {
			oc.open, oc.level = false, seniorLevel(oc.level)
		}
	}
	for i := range e.occs {
		oc := &e.occs[i]
		oc.payInfo = Pay{Annual: oc.pay, Source: "recorded occupation pay", Basis: "typical UK annual pay, year not stated"}
		if p, ok := d.Pay.For(oc.soc); ok && len(oc.soc) == 4 {
			oc.pay, oc.payInfo = p.Annual, p
		} else if oc.pay == 0 {
			oc.payInfo = Pay{}
		}
	}
	for i, o := range occs {
		for _, b := range d.OccupationBroader[o.ID] {
			if bi, ok := e.occByID[b]; ok {
				e.occs[i].parents = append(e.occs[i].parents, bi)
			}
		}
		slices.Sort(e.occs[i].parents)
	}
	for _, id := range sortedKeys(d.OccupationSectors) {
		if _, ok := e.occByID[id]; !ok {
			return workforce.Invalid("occupationSectors", "unknown occupation %q", id)
		}
	}
	for _, id := range sortedKeys(d.EmployerMix) {
		if _, ok := e.occByID[id]; !ok {
			return workforce.Invalid("employerMix", "unknown occupation %q", id)
		}
		for k, share := range d.EmployerMix[id] {
			if !inRange(share, 0, 1) {
				return workforce.Invalid("employerMix", "the share of %s employers for %q must be between 0 and 1, got %v", k, id, share)
			}
		}
	}
	return nil
}

// supervisoryLevel is the UK skill level a supervisory job is judged at
// when its SOC 2020 unit group has level: at least 2. The draft crosswalk
// puts some supervisors in the elementary group of the work they
// supervise (a stevedore superintendent in 9259, at level 1), but ONS's
// level 2 is the one that asks for longer work experience, and a
// supervisor is promoted from that work. Unknown levels stay unknown.
func supervisoryLevel(level int) int {
	if level == 1 {
		return 2
	}
	return level
}

// mainKind returns the kind of employer with the largest share, the first
// in workforce.EmployerKinds on a tie, or "" when there is none.
func mainKind(mix map[workforce.EmployerKind]float64) workforce.EmployerKind {
	var best workforce.EmployerKind
	top := 0.0
	for _, k := range workforce.EmployerKinds {
		if mix[k] > top {
			best, top = k, mix[k]
		}
	}
	return best
}

// internNodes gives every skill and skill group an index, in id order.
func (e *Engine) internNodes(d Data) error {
	labels := map[string]string{}
	for i, s := range d.Skills {
		if s == nil {
			return workforce.Invalid(indexed("skills", i), "must not be nil")
		}
		if err := s.Validate(); err != nil {
			return prefixField(indexed("skills", i), err)
		}
		labels[s.ID] = s.Label
	}
	ids := map[string]bool{}
	for id := range labels {
		ids[id] = true
	}
	for _, occID := range sortedKeys(d.Requirements) {
		for _, r := range d.Requirements[occID] {
			if err := workforce.ValidID("requirements."+occID+".skillId", r.SkillID); err != nil {
				return err
			}
			ids[r.SkillID] = true
		}
	}
	for _, id := range sortedKeys(d.SkillLinks) {
		l := d.SkillLinks[id]
		for _, list := range [][]string{{id}, l.Broader, l.Narrower, l.Related} {
			for _, to := range list {
				if err := workforce.ValidID("skillLinks."+id, to); err != nil {
					return err
				}
				ids[to] = true
			}
		}
	}
	for _, id := range sortedKeys(d.SkillGroups) {
		for _, to := range append([]string{id}, d.SkillGroups[id]...) {
			if err := workforce.ValidID("skillGroups."+id, to); err != nil {
				return err
			}
			ids[to] = true
		}
	}
	sorted := sortedKeys(ids)
	e.nodes = make([]node, len(sorted))
	e.nodeByID = make(map[string]int32, len(sorted))
	for i, id := range sorted {
		label := labels[id]
		if label == "" {
			label = id
		}
		e.nodes[i] = node{id: id, label: label}
		e.nodeByID[id] = int32(i)
	}
	return nil
}

// addRequirements weighs each requirement by its role and its skill's
// specificity, and builds the inverted index from skills to occupations.
func (e *Engine) addRequirements(all map[string][]workforce.Requirement) error {
	reqs := make([][]req, len(e.occs))
	df := make([]int, len(e.nodes))
	for _, occID := range sortedKeys(all) {
		rs := all[occID]
		oi, ok := e.occByID[occID]
		if !ok {
			return workforce.Invalid("requirements", "unknown occupation %q", occID)
		}
		seen := map[int32]int{}
		for _, r := range rs {
			ni := e.nodeByID[r.SkillID]
			if at, dup := seen[ni]; dup {
				// A skill listed twice counts once, as essential if either says so.
				reqs[oi][at].essential = reqs[oi][at].essential || r.Essential
				continue
			}
			seen[ni] = len(reqs[oi])
			reqs[oi] = append(reqs[oi], req{node: ni, essential: r.Essential})
			df[ni]++
		}
	}
	withReqs := 0
	for _, rs := range reqs {
		if len(rs) > 0 {
			withReqs++
		}
	}
	for i := range e.nodes {
		if df[i] > 0 {
			e.nodes[i].spec = math.Pow(math.Log1p(float64(withReqs)/float64(df[i])), e.cfg.Specificity)
		}
	}
	e.postings = make([][]posting, len(e.nodes))
	for oi, rs := range reqs {
		o := &e.occs[oi]
		for i := range rs {
			rs[i].w = e.roleWeight(rs[i].essential) * e.nodes[rs[i].node].spec
			o.total += rs[i].w
			e.postings[rs[i].node] = append(e.postings[rs[i].node], posting{occ: int32(oi), w: rs[i].w})
		}
		slices.SortFunc(rs, func(a, b req) int {
			if a.essential != b.essential {
				if a.essential {
					return -1
				}
				return 1
			}
			return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.node, b.node))
		})
		o.reqs = rs
	}
	return nil
}

// roleWeight is the weight of an essential or an optional requirement.
func (e *Engine) roleWeight(essential bool) float64 {
	if essential {
		return 1
	}
	return e.cfg.OptionalWeight
}

// addLinks records the taxonomy both ways, sorted and without duplicates,
// so that expansion visits neighbours in a fixed order. A skill group is a
// broader node like a broader skill.
func (e *Engine) addLinks(links map[string]workforce.Links, groups map[string][]string) {
	for id, gs := range groups {
		for _, g := range gs {
			e.addBroader(e.nodeByID[id], e.nodeByID[g])
		}
	}
	for id, l := range links {
		from := e.nodeByID[id]
		for _, id := range l.Related {
			to := e.nodeByID[id]
			e.nodes[from].direct = append(e.nodes[from].direct, to)
			e.nodes[to].direct = append(e.nodes[to].direct, from)
		}
		for _, id := range l.Broader {
			e.addBroader(from, e.nodeByID[id])
		}
		for _, id := range l.Narrower {
			e.addBroader(e.nodeByID[id], from)
		}
	}
	for i := range e.nodes {
		n := &e.nodes[i]
		n.direct = append(n.direct, n.parents...)
		n.direct = append(n.direct, n.children...)
		for _, list := range []*[]int32{&n.direct, &n.parents, &n.children} {
			slices.Sort(*list)
			*list = slices.DeleteFunc(slices.Compact(*list), func(x int32) bool { return x == int32(i) })
		}
	}
}

// addBroader records that parent is broader than child.
func (e *Engine) addBroader(child, parent int32) {
	e.nodes[child].parents = append(e.nodes[child].parents, parent)
	e.nodes[parent].children = append(e.nodes[parent].children, child)
}

// sortedKeys returns the keys of m in order, so that the first bad item
// reported is the same on every run.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// indexed names item i of a list field, as in "skills[3]".
func indexed(field string, i int) string { return fmt.Sprintf("%s[%d]", field, i) }

// prefixField puts path in front of the field of a domain error, so that a
// caller sees which item of a list was bad.
func prefixField(path string, err error) error {
	field := path
	if f := workforce.ErrorField(err); f != "" {
		field += "." + f
	}
	return workforce.Invalid(field, "%s", workforce.ErrorMessage(err))
}
