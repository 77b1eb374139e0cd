package model

import "github.com/onework/onework/workforce"

// Requirement is a skill that a vacancy or an occupation requires, with the
// skill itself. The resolver of a requirements list loads the skills of the
// whole list at once, so that a requirement's skill is a plain field and
// not a resolver that gqlgen would run in a goroutine per requirement.
type Requirement struct {
	workforce.Requirement
	// Skill is nil when the skill is missing or was not selected.
	Skill *workforce.Skill
}
