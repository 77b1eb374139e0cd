// Package careers recommends career moves between occupations and ranks the
// programmes that close a skills gap, each with a breakdown and plain-English
// reasons an adviser can read out.
//
// A move from an origin (an occupation, or a person's held skills and work
// history) to a target occupation is judged in four steps, after Nesta's
// Mapping Career Causeways method and with UK evidence:
//
//  1. Skills similarity: the ESCO essential and optional skills of the two,
//     each weighted by its specificity, with partial credit for skills ESCO
//     relates to each other, and a little for skills of one ESCO skill
//     group (transferable skills).
//  2. Closeness, the order moves are served in: the skills similarity with
//     the O*NET skills profiles (through Nesta's ESCO-O*NET crosswalk),
//     ISCO and SOC 2020 group proximity, Nesta sub-sectors, ESCO's
//     occupation family, and a preference for main occupations over
//     specialisms.
//  3. Viability, a gate: a little skills similarity, and at most one step
//     up in preparation, in UK SOC 2020 skill levels (O*NET job zones where
//     those are unknown); a near-identical move is kept, flagged as needing
//     a qualification step. A job whose unit group ONS describes as open
//     entry (no formal qualifications, training on the job) needs less
//     skills similarity, and a change of sector is sideways unless into
//     open entry. A cross-sector list is served in rounds across the
//     destination sectors.
//  4. Desirability: pay (ONS ASHE 2024 by SOC 2020 unit group, with its
//     source) and local demand reorder moves only within a narrow band of
//     equal closeness.
//
// The engine holds no personal data and no vacancies: a person's skills come
// in with the query, demand comes from a function the caller supplies, and
// the caller attaches programmes to a move's missing skills with
// Engine.RankProgrammes. It is pure Go over an in-memory index built once by
// New, safe for concurrent use. docs/careers.md describes the method, its
// evaluation against Nesta's published recommendations, and its limits.
package careers
