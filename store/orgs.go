package store

import "context"

// caseloadOrgsQuery lists the organisations that hold people, busiest first.
const caseloadOrgsQuery = `MATCH (p:Person) WHERE p.orgId <> ''
WITH p.orgId AS id, count(*) AS n ORDER BY n DESC, id LIMIT $limit RETURN id`

// CaseloadOrgs returns up to limit organisation ids that have people on
// their caseload, the busiest first. Only the development sign-in of the
// console uses it, to suggest an adviser organisation.
func (db *DB) CaseloadOrgs(ctx context.Context, limit int) ([]string, error) {
	return readIDs(ctx, db, "list caseload organisations", caseloadOrgsQuery, map[string]any{"limit": limit})
}
