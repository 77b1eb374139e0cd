package graph

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"

	"github.com/onework/onework/graph/model"
	"github.com/onework/onework/insights"
	"github.com/onework/onework/matching"
	"github.com/onework/onework/workforce"
)

// skewPool bounds the eligible pool Skew@k compares the top k with.
const skewPool = 5000

func insightSlice(in model.InsightSlice) insights.Slice {
	s := insights.Slice{PlaceID: str(in.PlaceID), OccupationID: str(in.OccupationID), SOCGroup: str(in.SocGroup),
		ISCOGroup: str(in.IscoGroup), SectorID: str(in.SectorID), EmployerKind: enum(in.EmployerKind)}
	if in.Window != nil {
		s.From, s.To = in.Window.From, in.Window.To
	}
	return s
}

// insight authorizes the caller for the insight a request names, answers
// it from the current snapshot and says where its CSV is. A caller without
// rights gets the error and no figures.
func (r *Resolver) insight(ctx context.Context, req insights.Request) (*insights.Table, error) {
	if err := r.authorize(ctx, workforce.ActionRead, workforce.KindInsight, req.Name, nil); err != nil {
		return nil, err
	}
	if r.Insights == nil {
		return nil, workforce.Errorf(workforce.EINTERNAL, "insights not configured")
	}
	e, err := r.Insights.Engine(ctx)
	if err != nil {
		return nil, err
	}
	var t *insights.Table
	if req.Name == insights.NameSkew {
		t, err = r.skewAtK(ctx, e, req)
	} else {
		t, err = e.Answer(req)
	}
	if err != nil {
		return nil, err
	}
	t.CSVPath = "/insights/" + req.Name + ".csv"
	if q := req.Query().Encode(); q != "" {
		t.CSVPath += "?" + q
	}
	return t, nil
}

// skewAtK ranks every eligible candidate for the vacancy (up to skewPool)
// with the matching engine, marks who lives in IMD deciles 1-2, and
// compares the top k with the pool. Only the aggregate leaves.
func (r *Resolver) skewAtK(ctx context.Context, e *insights.Engine, req insights.Request) (*insights.Table, error) {
	if r.Engine == nil {
		return nil, workforce.Errorf(workforce.EINTERNAL, "matching engine not configured")
	}
	if err := workforce.ValidID("vacancyId", req.VacancyID); err != nil {
		return nil, err
	}
	k := req.K
	if k == 0 {
		k = 20
	}
	var ids []string
	q := matching.Query{First: r.Limits.MaxPageSize, MinSkills: r.MinSkills}
	for len(ids) < skewPool {
		p, err := r.Engine.CandidatesForVacancy(req.VacancyID, q)
		if err != nil {
			return nil, err
		}
		for _, edge := range p.Edges {
			ids = append(ids, edge.NodeID)
		}
		if !p.HasNextPage || p.EndCursor == "" {
			break
		}
		q.After = p.EndCursor
	}
	homes := map[string]string{}
	for start := 0; start < len(ids); start += 1000 {
		people, err := r.Read.People(ctx, ids[start:min(start+1000, len(ids))])
		if err != nil {
			return nil, err
		}
		for _, p := range people {
			homes[p.ID] = p.PlaceID
		}
	}
	deprived := make([]bool, len(ids))
	for i, id := range ids {
		deprived[i] = e.Deprived(homes[id])
	}
	return insights.SkewAtK(deprived, k, e.AsOf())
}

// InsightsCSV serves every insight table as CSV at /insights/{name}.csv,
// with the query parameters of insights.Request, the same authorization
// and the same suppression as the GraphQL answer. Errors are JSON with the
// code GraphQL would give.
func InsightsCSV(r *Resolver, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodGet {
			w.Header().Set("Allow", http.MethodGet)
			writeHTTPError(w, req, logger, workforce.Errorf(workforce.EINVALID, "use GET"), http.StatusMethodNotAllowed)
			return
		}
		name, ok := strings.CutSuffix(strings.TrimPrefix(req.URL.Path, "/insights/"), ".csv")
		if !ok {
			writeHTTPError(w, req, logger, workforce.Errorf(workforce.ENOTFOUND, "insights are served at /insights/{name}.csv"), 0)
			return
		}
		ir, err := insights.ParseRequest(name, req.URL.Query())
		if err != nil {
			writeHTTPError(w, req, logger, err, 0)
			return
		}
		t, err := r.insight(req.Context(), ir)
		if err != nil {
			writeHTTPError(w, req, logger, err, 0)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		w.Header().Set("Cache-Control", "no-store")
		_ = t.WriteCSV(w)
	})
}

// writeHTTPError writes a domain error as JSON with its GraphQL code and a
// matching HTTP status; internal errors are logged and masked.
func writeHTTPError(w http.ResponseWriter, req *http.Request, logger *slog.Logger, err error, status int) {
	code := workforce.ErrorCode(err)
	if status == 0 {
		switch code {
		case workforce.EINVALID:
			status = http.StatusBadRequest
		case workforce.ENOTFOUND:
			status = http.StatusNotFound
		case workforce.EUNAUTHORIZED:
			status = http.StatusUnauthorized
		case workforce.EFORBIDDEN:
			status = http.StatusForbidden
		default:
			status = http.StatusInternalServerError
		}
	}
	ext := map[string]any{"code": codeFor(code)}
	if f := workforce.ErrorField(err); f != "" {
		ext["field"] = f
	}
	msg := workforce.ErrorMessage(err)
	if code == workforce.EINTERNAL {
		logger.ErrorContext(req.Context(), "internal error", "path", req.URL.Path, "err", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{"message": msg, "extensions": ext}}})
}
