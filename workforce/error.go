package workforce

import (
	"errors"
	"fmt"
)

// Error codes. They are transport-neutral; the GraphQL layer maps them to
// extensions.code values.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ELIMIT        = "limit_exceeded"
	// EUNAVAILABLE means a dependency (the database) cannot be reached
	// now; the same request may succeed shortly.
	EUNAVAILABLE = "unavailable"
	EINTERNAL    = "internal"
)

// Error is a domain error: a code, the input field it concerns (if any) and a
// message safe to show to the caller.
type Error struct {
	Code    string
	Field   string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("workforce error: code=%s field=%s message=%s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("workforce error: code=%s message=%s", e.Code, e.Message)
}

// PersonHidden is the one answer for a person the caller may not see,
// whether or not the id exists: the same code and message either way, so
// that answers are no oracle of who is on the register.
func PersonHidden(id string) *Error {
	return Errorf(EFORBIDDEN, "you may not see person %q", id)
}

// Errorf returns an Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error about the named input field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFound returns an ENOTFOUND error for a kind of node and its id.
func NotFound(kind, id string) *Error {
	return &Error{Code: ENOTFOUND, Field: "id", Message: fmt.Sprintf("%s %q not found", kind, id)}
}

// ErrorCode returns the code of the first domain Error in err's chain, "" for
// nil and EINTERNAL for anything else.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first domain Error in err's chain,
// "" for nil and a generic text for anything else, so that internal details
// never reach a caller.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// ErrorField returns the input field of the first domain Error in err's chain.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
