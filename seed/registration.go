package seed

import "github.com/onework/onework/workforce"

// registrations gives a person the registration their most recent
// occupation requires (workforce.RegulationFor), when they could still hold
// it: in work, or out of it for under three years (the NMC and HCPC renew
// registrations every two to three years; people away longer return to
// practice first). Numbers are left unrecorded rather than invented, as a
// made-up number could be a real professional's; the expiry falls within
// the next three years.
func (g *generator) registrations(pr profile) []workforce.Registration {
	if len(pr.past) == 0 || pr.stoppedYearsAgo >= 3 {
		return nil
	}
	o := g.occ[pr.past[0]]
	if o == nil {
		return nil
	}
	rp, ok := workforce.RegulationFor(o.Code)
	if !ok {
		return nil
	}
	return []workforce.Registration{{Regulator: rp.Regulator, Expires: g.daysFromToday(30 + g.rng.IntN(3*365))}}
}
