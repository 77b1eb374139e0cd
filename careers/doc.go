// Package careers recommends career moves between occupations and ranks the
// programmes that close a skills gap, each with a breakdown and plain-English
// reasons an adviser can read out.
//
// A move from an origin (an occupation, or a person's held skills and work
// history) to a target occupation is judged in three steps, after Nesta's
// Mapping Career Causeways method:
//
//  1. Similarity: the ESCO essential and optional skills of the two, each
//     weighted by its specificity (a skill many occupations require counts
//     less), with partial credit for skills ESCO relates to each other
//     (skill relations and the skill hierarchy). Only skills are compared:
//     O*NET work activities and work context, the other half of Nesta's
//     measure, are not in our data.
//  2. Viability, a gate: similarity at least a threshold and at most one
//     O*NET job-zone step between origin and target.
//  3. Desirability, a ranking: similarity, the pay ratio to the origin, and
//     local demand (open vacancies within reach, counted by the caller),
//     with a flag for a change of sector.
//
// The engine holds no personal data and no vacancies: a person's skills come
// in with the query, demand comes from a function the caller supplies, and
// the caller attaches programmes to a move's missing skills with
// Engine.RankProgrammes. It is pure Go over an in-memory index built once by
// New, safe for concurrent use. docs/careers.md describes the method, its
// evaluation against Nesta's published recommendations, and its limits.
package careers
