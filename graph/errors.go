package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/onework/onework/workforce"
)

// ErrorPresenter returns the function that turns every error into what a
// client sees: domain errors keep their message and get an extensions.code
// (and the input field, for bad input); anything else is logged with the
// request id and masked, so no query text or stack reaches a client.
func ErrorPresenter(logger *slog.Logger, requestID func(context.Context) string) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		var de *workforce.Error
		switch {
		case errors.As(err, &de) && de.Code == workforce.EUNAVAILABLE:
			gqlErr.Message = de.Message
			gqlErr.Extensions = map[string]any{"code": codeUnavailable}
		case ctx.Err() != nil && errors.As(context.Cause(ctx), &de) && de.Code == workforce.EUNAVAILABLE:
			// The request was cancelled because the database went away.
			gqlErr.Message = de.Message
			gqlErr.Extensions = map[string]any{"code": codeUnavailable}
			gqlErr.Err = nil
		case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded):
			// Past its deadline every unresolved field fails, each for a
			// reason of its own (a cancelled read, a loader with no
			// values): they are one timeout, which the response handler
			// reports and logs once.
			gqlErr.Message = timeoutMessage
			gqlErr.Extensions = map[string]any{"code": codeTimeout}
			gqlErr.Err = nil
		case errors.As(err, &de) && de.Code != workforce.EINTERNAL:
			gqlErr.Message = de.Message
			gqlErr.Extensions["code"] = codeFor(de.Code)
			if de.Field != "" {
				gqlErr.Extensions["field"] = de.Field
			}
		case gqlErr.Err == nil && gqlErr.Extensions["code"] != nil:
			// Errors of the GraphQL machinery itself: parse, validation, limits.
			switch {
			case gqlErr.Rule == "MaxIntrospectionDepth", strings.HasPrefix(gqlErr.Message, "exceeded token limit"):
				gqlErr.Extensions["reason"] = gqlErr.Extensions["code"]
				gqlErr.Extensions["code"] = codeLimitExceeded
			case gqlErr.Extensions["code"] == errcode.ValidationFailed, gqlErr.Extensions["code"] == errcode.ParseFailed:
				gqlErr.Extensions["reason"] = gqlErr.Extensions["code"]
				gqlErr.Extensions["code"] = codeBadUserInput
			}
		default:
			id := requestID(ctx)
			logger.ErrorContext(ctx, "internal error", "request_id", id, "path", gqlErr.Path.String(), "err", err)
			gqlErr.Message = fmt.Sprintf("internal error (request %s)", id)
			gqlErr.Extensions = map[string]any{"code": codeInternal, "requestId": id}
			gqlErr.Err = nil
		}
		return gqlErr
	}
}

// timeoutMessage is the message of the one error of a request past its
// deadline.
const timeoutMessage = "the request took too long and was stopped"

// RecoverFunc turns a panic in a resolver into an internal error.
func RecoverFunc(logger *slog.Logger, requestID func(context.Context) string) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		logger.ErrorContext(ctx, "panic in resolver", "request_id", requestID(ctx), "panic", fmt.Sprint(v))
		return errors.New("panic in resolver")
	}
}
