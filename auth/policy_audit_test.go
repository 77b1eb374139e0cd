package auth

import (
	"context"
	"testing"

	"github.com/onework/onework/workforce"
)

// fullAudit is an audit log whose queue is full.
type fullAudit struct{ recorded int }

func (a *fullAudit) Record(context.Context, workforce.AuditEvent) error {
	a.recorded++
	return workforce.Errorf(workforce.EUNAVAILABLE, "audit queue full")
}

func TestNoPersonalDataWithoutItsAuditRecord(t *testing.T) {
	audit := &fullAudit{}
	p := &Policy{Audit: audit}
	person := &workforce.Person{ID: "p1", OrgID: "org-a"}
	ctx := WithUser(context.Background(), &User{Subject: "adv", Role: RoleAdviser, OrgID: "org-a"})
	if err := p.Authorize(ctx, workforce.ActionRead, workforce.KindPerson, person.ID, person); workforce.ErrorCode(err) != workforce.EUNAVAILABLE {
		t.Errorf("read allowed by role but not recorded = %v, want EUNAVAILABLE", err)
	}
	other := WithUser(context.Background(), &User{Subject: "adv", Role: RoleAdviser, OrgID: "org-b"})
	if err := p.Authorize(other, workforce.ActionRead, workforce.KindPerson, person.ID, person); workforce.ErrorCode(err) != workforce.EFORBIDDEN {
		t.Errorf("a refusal stays a refusal when the audit is full: %v", err)
	}
	if audit.recorded != 2 {
		t.Errorf("recorded %d events, want 2", audit.recorded)
	}
}
