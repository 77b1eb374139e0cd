package model

import (
	"github.com/onework/onework/careers"
	"github.com/onework/onework/matching"
	"github.com/onework/onework/workforce"
)

// SkillMatch is how a match covers one required skill, with the skills it
// names loaded for the whole list by the list's resolver (see Requirement).
type SkillMatch struct {
	matching.SkillMatch
	// SkillNode and ViaNode are nil when not selected (ViaNode also when
	// there is no Via).
	SkillNode, ViaNode *workforce.Skill
}

// MoveSkill is a skill shared or missing in a career move, with the skill
// loaded for the whole list by the list's resolver (see Requirement).
type MoveSkill struct {
	careers.SkillRef
	// SkillNode is nil when not selected.
	SkillNode *workforce.Skill
}
