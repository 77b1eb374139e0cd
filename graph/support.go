package graph

import (
	"context"

	"github.com/onework/onework/graph/model"
	"github.com/onework/onework/workforce"
)

// page turns first/after arguments into a domain page, enforcing the limits.
func (r *Resolver) page(first *int, after *string) (workforce.Page, error) {
	p := workforce.Page{First: r.Limits.DefaultPageSize}
	if first != nil {
		switch {
		case *first < 0:
			return p, workforce.Invalid("first", "must not be negative")
		case *first > r.Limits.MaxPageSize:
			return p, workforce.Invalid("first", "must be at most %d", r.Limits.MaxPageSize)
		}
		p.First = *first
	}
	if after != nil && *after != "" {
		raw, err := model.DecodeCursor(*after)
		if err != nil {
			return p, err
		}
		p.After = raw
	}
	return p, nil
}

// authorize is the single authorization point for reads and writes of nodes.
func (r *Resolver) authorize(ctx context.Context, action workforce.Action, kind workforce.Kind, id string, node any) error {
	return r.Auth.Authorize(ctx, action, kind, id, node)
}

// load reads one node by id through the request's loader and the
// authorization point; a missing node is (nil, nil).
func load[T comparable](ctx context.Context, r *Resolver, kind workforce.Kind, l *Loader[T], id string) (T, error) {
	var zero T
	if id == "" {
		return zero, nil
	}
	n, err := l.Load(ctx, id)
	if err != nil || n == zero {
		return zero, err
	}
	if err := r.authorize(ctx, workforce.ActionRead, kind, id, n); err != nil {
		return zero, err
	}
	return n, nil
}

// loadAll reads nodes by id, keeping the order of ids and skipping ids that
// are not found.
func loadAll[T comparable](ctx context.Context, r *Resolver, kind workforce.Kind, l *Loader[T], ids []string) ([]T, error) {
	var zero T
	nodes, err := l.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(nodes))
	for i, n := range nodes {
		if n == zero {
			continue
		}
		if err := r.authorize(ctx, workforce.ActionRead, kind, ids[i], n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// list runs a find and wraps the page as a connection whose total is
// counted only when asked for. Every node on the page passes the
// authorization point.
func list[T any, F any](ctx context.Context, r *Resolver, kind workforce.Kind, id func(T) string,
	find func(context.Context, F, workforce.Page) (*workforce.Slice[T], error),
	count func(context.Context, F) (int, error),
	f F, first *int, after *string) (model.Connection[T], error) {
	p, err := r.page(first, after)
	if err != nil {
		return model.Connection[T]{}, err
	}
	if err := r.Auth.Scope(ctx, kind, &f); err != nil {
		return model.Connection[T]{}, err
	}
	s, err := find(ctx, f, p)
	if err != nil {
		return model.Connection[T]{}, err
	}
	for _, n := range s.Items {
		if err := r.authorize(ctx, workforce.ActionRead, kind, id(n), n); err != nil {
			return model.Connection[T]{}, err
		}
	}
	return model.NewConnection(s, func(ctx context.Context) (int, error) { return count(ctx, f) }), nil
}

// write authorizes a write of each node, runs the upsert and reports the change.
func write[T any](ctx context.Context, r *Resolver, kind workforce.Kind, id func(T) string,
	upsert func(context.Context, []T) (workforce.WriteResult, error), nodes []T) (*workforce.WriteResult, error) {
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = id(n)
		if err := r.authorize(ctx, workforce.ActionWrite, kind, ids[i], n); err != nil {
			return nil, err
		}
	}
	res, err := upsert(ctx, nodes)
	if err != nil {
		return nil, err
	}
	if res.Created+res.Updated > 0 {
		r.changed(ctx, kind, ids...)
	}
	return &res, nil
}

// remove authorizes and runs a delete.
func (r *Resolver) remove(ctx context.Context, kind workforce.Kind, id string) (*model.DeleteResult, error) {
	if err := r.authorize(ctx, workforce.ActionDelete, kind, id, nil); err != nil {
		return nil, err
	}
	if err := r.Write.Delete(ctx, kind, id); err != nil {
		return nil, err
	}
	r.changed(ctx, kind, id)
	return &model.DeleteResult{ID: id, Deleted: true}, nil
}

// link authorizes a change to the node at one end of a link, runs it, and
// returns the node afresh.
func link[T comparable](ctx context.Context, r *Resolver, kind workforce.Kind, l *Loader[T], id string, do func() error) (T, error) {
	var zero T
	if err := r.authorize(ctx, workforce.ActionWrite, kind, id, nil); err != nil {
		return zero, err
	}
	if err := do(); err != nil {
		return zero, err
	}
	r.changed(ctx, kind, id)
	l.Clear(id)
	n, err := load(ctx, r, kind, l, id)
	if err == nil && n == zero {
		err = workforce.NotFound(string(kind), id)
	}
	return n, err
}

// near resolves a NearInput (a point or a place's centroid) to a domain circle.
func (r *Resolver) near(ctx context.Context, in *model.NearInput) (*workforce.Near, error) {
	if in == nil {
		return nil, nil
	}
	if in.WithinKm <= 0 || in.WithinKm > r.Limits.MaxRadiusKm {
		return nil, workforce.Invalid("near.withinKm", "must be above 0 and at most %v", r.Limits.MaxRadiusKm)
	}
	switch {
	case in.Point != nil && in.PlaceID != nil:
		return nil, workforce.Invalid("near", "give a point or a placeId, not both")
	case in.Point != nil:
		if err := workforce.ValidPoint("near.point", in.Point); err != nil {
			return nil, err
		}
		return &workforce.Near{Point: *in.Point, WithinKm: in.WithinKm}, nil
	case in.PlaceID != nil:
		p, err := load(ctx, r, workforce.KindPlace, r.loaders(ctx).Place, *in.PlaceID)
		if err != nil {
			return nil, err
		}
		if p == nil {
			return nil, &workforce.Error{Code: workforce.ENOTFOUND, Field: "near.placeId", Message: "place " + *in.PlaceID + " not found"}
		}
		if p.Location == nil {
			return nil, workforce.Invalid("near.placeId", "place %s has no location", p.ID)
		}
		return &workforce.Near{Point: *p.Location, WithinKm: in.WithinKm}, nil
	}
	return nil, workforce.Invalid("near", "give a point or a placeId")
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func enum[T ~string](v *T) T {
	if v == nil {
		return ""
	}
	return *v
}
