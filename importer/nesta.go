package importer

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/onework/onework/careers"
	"github.com/onework/onework/store"
)

// Nesta imports, from Nesta's Mapping Career Causeways data under the data
// root, what career moves need beyond ESCO: each occupation's O*NET job
// zone and UK annual pay (a narrower occupation without its own takes those
// of its nearest broader one, as careers.LoadData explains), and Nesta's 14
// skills-based sectors as Sector nodes (ids "nesta-sector-N") with the
// occupations IN_SECTOR them. Import ESCO first: occupations not in the
// graph are skipped and counted as missing. The files are read and checked
// in full before anything is written.
func (im *Importer) Nesta(ctx context.Context, dataDir string) (*Summary, error) {
	// Only attributes and sectors are written: SOC groups are "import
	// soc"'s, so no coding index is read.
	d, err := careers.LoadData(dataDir, nil)
	if err != nil {
		return nil, fmt.Errorf("import nesta: %w", err)
	}
	s := NewSummary()
	var attrs []store.OccupationAttributes
	for _, o := range d.Occupations {
		if o.JobZone > 0 || o.AnnualPay > 0 {
			attrs = append(attrs, store.OccupationAttributes{ID: o.ID, JobZone: o.JobZone, AnnualPay: o.AnnualPay})
		}
	}
	c := s.Kind("occupation attributes")
	for batch := range slices.Chunk(attrs, im.batchSize()) {
		n, err := im.DB.SetOccupationAttributes(ctx, batch)
		if err != nil {
			return s, fmt.Errorf("import nesta: %w", err)
		}
		c.Updated += n
		c.Unchanged += len(batch) - n
	}
	if err := WriteNodes(ctx, im, s, "sectors", d.Sectors, im.DB.UpsertSectors); err != nil {
		return s, err
	}
	var links []store.BulkLink
	for occ, sectors := range d.OccupationSectors {
		for _, sec := range sectors {
			links = append(links, store.BulkLink{FromID: occ, ToID: sec})
		}
	}
	slices.SortFunc(links, func(a, b store.BulkLink) int {
		return cmp.Or(strings.Compare(a.FromID, b.FromID), strings.Compare(a.ToID, b.ToID))
	})
	err = WriteLinks(ctx, im, s, "occupation sectors", links, BulkLinks(im.DB, store.OccupationInSector))
	return s, err
}
