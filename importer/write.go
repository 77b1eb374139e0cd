package importer

import (
	"context"
	"fmt"
	"slices"

	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// WriteNodes upserts items in batches of im.BatchSize, counting the outcome
// under kind and reporting progress.
func WriteNodes[T any](ctx context.Context, im *Importer, s *Summary, kind string, items []T, upsert func(context.Context, []T) (workforce.WriteResult, error)) error {
	p := newProgress(im.out(), kind, len(items), im.progressEvery())
	for batch := range slices.Chunk(items, im.batchSize()) {
		r, err := upsert(ctx, batch)
		if err != nil {
			return fmt.Errorf("write %s: %w", kind, err)
		}
		s.Written(kind, len(batch), r)
		p.Add(len(batch))
	}
	p.Finish()
	return nil
}

// WriteLinks writes links in batches of im.BatchSize with a bulk method of
// the store, counting the outcome under kind and reporting progress.
func WriteLinks[T any](ctx context.Context, im *Importer, s *Summary, kind string, links []T, write func(context.Context, []T) (store.BulkCounts, error)) error {
	p := newProgress(im.out(), kind, len(links), im.progressEvery())
	c := s.Kind(kind)
	for batch := range slices.Chunk(links, im.batchSize()) {
		r, err := write(ctx, batch)
		if err != nil {
			return fmt.Errorf("write %s: %w", kind, err)
		}
		c.Created += r.Created
		c.Updated += r.Updated
		c.Unchanged += r.Unchanged
		c.Missing += r.Missing
		p.Add(len(batch))
	}
	p.Finish()
	return nil
}

// BulkLinks adapts the store's BulkLinks for one relationship to WriteLinks.
func BulkLinks(db *store.DB, rel store.BulkRel) func(context.Context, []store.BulkLink) (store.BulkCounts, error) {
	return func(ctx context.Context, links []store.BulkLink) (store.BulkCounts, error) {
		return db.BulkLinks(ctx, rel, links)
	}
}

// Progress starts reporting the progress of a write phase of total rows
// named what, as WriteNodes and WriteLinks do, for writers of their own;
// Add and Finish are safe for concurrent use.
func (im *Importer) Progress(what string, total int) *Progress {
	return newProgress(im.out(), what, total, im.progressEvery())
}
