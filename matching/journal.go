package matching

import (
	"slices"

	"github.com/onework/onework/workforce"
)

// A write that a re-lay journals is applied again, later, to the new
// index (see Engine.relay). The caller may have reused the values it
// passed by then (a loading loop fills one Person over and over), so the
// journal keeps a write over copies of them, made by these functions.
// Each copies what the index reads of a value, pointers included.

func ptrCopy[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

func personCopy(p *workforce.Person, skills []workforce.PersonSkill) (*workforce.Person, []workforce.PersonSkill) {
	if p == nil {
		return nil, slices.Clone(skills)
	}
	c := *p
	c.Location, c.AvailableFrom = ptrCopy(p.Location), ptrCopy(p.AvailableFrom)
	c.Seeks = slices.Clone(p.Seeks)
	c.History = slices.Clone(p.History)
	for i := range c.History {
		c.History[i].From, c.History[i].To = ptrCopy(c.History[i].From), ptrCopy(c.History[i].To)
	}
	c.Registrations = slices.Clone(p.Registrations)
	for i := range c.Registrations {
		c.Registrations[i].Expires = ptrCopy(c.Registrations[i].Expires)
	}
	// The index never reads equality data; the copy does not carry it.
	c.Equality = nil
	return &c, slices.Clone(skills)
}

func vacancyCopy(v *workforce.Vacancy, reqs []workforce.Requirement) (*workforce.Vacancy, []workforce.Requirement) {
	if v == nil {
		return nil, slices.Clone(reqs)
	}
	c := *v
	c.Location, c.PostedAt, c.ClosesAt = ptrCopy(v.Location), ptrCopy(v.PostedAt), ptrCopy(v.ClosesAt)
	return &c, slices.Clone(reqs)
}

func skillCopy(s *workforce.Skill, links workforce.Links) (*workforce.Skill, workforce.Links) {
	if s != nil {
		c := *s
		c.AltLabels, c.HiddenLabels = slices.Clone(s.AltLabels), slices.Clone(s.HiddenLabels)
		s = &c
	}
	return s, workforce.Links{Broader: slices.Clone(links.Broader), Narrower: slices.Clone(links.Narrower), Related: slices.Clone(links.Related)}
}

func placeCopy(p *workforce.Place) *workforce.Place {
	if p == nil {
		return nil
	}
	c := *p
	c.Location, c.ParentIDs = ptrCopy(p.Location), slices.Clone(p.ParentIDs)
	return &c
}

func employerCopy(e *workforce.Employer) *workforce.Employer {
	if e == nil {
		return nil
	}
	c := *e
	c.Location = ptrCopy(e.Location)
	return &c
}

func occupationCopy(o *workforce.Occupation, reqs []workforce.Requirement) (*workforce.Occupation, []workforce.Requirement) {
	if o != nil {
		c := *o
		c.AltLabels = slices.Clone(o.AltLabels)
		o = &c
	}
	return o, slices.Clone(reqs)
}
