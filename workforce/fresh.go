package workforce

import "context"

type freshReadsKey struct{}

// WithFreshReads returns a context whose reads go to the source of truth,
// past any process cache: for read-modify-write paths (mutations), which
// must never build a write on a copy that another replica has since
// changed.
func WithFreshReads(ctx context.Context) context.Context {
	return context.WithValue(ctx, freshReadsKey{}, true)
}

// FreshReads reports whether reads in ctx must skip process caches.
func FreshReads(ctx context.Context) bool {
	fresh, _ := ctx.Value(freshReadsKey{}).(bool)
	return fresh
}
