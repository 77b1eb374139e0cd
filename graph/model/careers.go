package model

import (
	"github.com/onework/onework/careers"
	"github.com/onework/onework/workforce"
)

// CareerMove is a move with the nearby programmes that teach what it lacks.
type CareerMove struct {
	careers.Move
	Nearby []*workforce.Programme
}
