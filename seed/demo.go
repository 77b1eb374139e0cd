package seed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/onework/onework/importer"
	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// DemoOptions says what "seed demo" builds.
type DemoOptions struct {
	// Area is the ONS code of an ICB, local authority or region.
	Area string
	// DataDir holds the reference data (DemoFiles).
	DataDir string
	Seed    uint64
	// People is how many synthetic people to make.
	People int
	// Today is the demo's clock: the real adverts are moved so that they
	// stand to Today as they stood to the day they were collected, and
	// every synthetic date is relative to it.
	Today time.Time
}

// DemoFiles are the files under the data folder that "seed demo" reads.
var DemoFiles = []string{
	"esco-v1.1.1/occupations_en.csv", "esco-v1.1.1/skills_en.csv", "esco-v1.1.1/occupationSkillRelations.csv",
	"esco-v1.1.1/skillSkillRelations.csv", "esco-v1.1.1/broaderRelationsOccPillar.csv", "esco-v1.1.1/broaderRelationsSkillPillar.csv",
	"esco-v1.1.1/skillGroups_en.csv",
	"nesta/occupation_attributes.csv", "nesta/skills_based_sectors_all_esco.csv",
	"uk-soc2020/soc2020_structure_descriptions.csv", "uk-soc2020/soc2020ext_esco_draft_crosswalk.csv",
	importer.ASHEFile, importer.ApprenticeshipsFile,
	"geography/lsoa21_centroids.csv", "geography/lookup_lsoa21_ward24_ltla24.csv", "geography/lookup_lsoa21_icb24.csv",
	"geography/lookup_ltla24_region24.csv", "geography/ltla24_centroids.csv", "geography/icb22_centroids.csv",
	"geography/nhs_trusts22_points.csv",
	"imd/imd2025_england_lsoa21.csv", "imd/imd2025_england_ltla24.csv", "imd/imd2025_england_icb24.csv",
	AdvertsFile,
}

// AdvertsFile holds the real NHS adverts, inside the data folder.
const AdvertsFile = "vacancies/nhs_jobs_2020.jsonl"

// checkDataDir returns an error naming every file of DemoFiles that dir
// lacks or that is empty.
func checkDataDir(dir string) error {
	var missing []string
	for _, f := range DemoFiles {
		st, err := os.Stat(filepath.Join(dir, f))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			missing = append(missing, f+" (missing)")
		case err != nil:
			missing = append(missing, fmt.Sprintf("%s (%v)", f, err))
		case st.IsDir() || st.Size() == 0:
			missing = append(missing, f+" (empty)")
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the data folder %s lacks %s; nothing was written (see ../shared/data/SOURCES.md for where each file comes from)",
			dir, strings.Join(missing, ", "))
	}
	return nil
}

// demoInput is everything "seed demo" reads before it writes anything.
type demoInput struct {
	places    *importer.PlacesData
	adverts   *importer.JobPostingsData
	pay       []importer.UnitGroupPay
	standards map[string]importer.Standard
	// collected is the day the adverts were collected; shift is how many
	// days they were moved forward.
	collected time.Time
	shift     int
}

// readDemo reads and checks the area's places, the adverts, pay and the
// apprenticeship standards, and moves the adverts onto the clock.
func readDemo(o DemoOptions) (*demoInput, error) {
	if err := checkDataDir(o.DataDir); err != nil {
		return nil, err
	}
	in := &demoInput{}
	files := importer.PlacesFilesIn(filepath.Join(o.DataDir, "geography"), filepath.Join(o.DataDir, "imd"))
	var err error
	if in.places, err = importer.ReadPlaces(files, o.Area); err != nil {
		if strings.Contains(err.Error(), "no LSOA lies in area") {
			return nil, fmt.Errorf("unknown area %q: give the ONS code of an ICB (E54...), a local authority (E06, E07, E08 or E09...) "+
				"or a region (E12...); the codes are in %s, %s and %s; nothing was written", o.Area,
				files.ICBCentroids, files.LACentroids, files.LAToRegion)
		}
		return nil, err
	}
	if in.adverts, err = importer.ReadJobPostings(filepath.Join(o.DataDir, AdvertsFile)); err != nil {
		return nil, err
	}
	in.collected, in.shift = shiftAdverts(in.adverts.Postings, o.Today)
	if in.pay, err = importer.ReadUnitGroupPay(filepath.Join(o.DataDir, importer.ASHEFile)); err != nil {
		return nil, err
	}
	if in.standards, err = importer.ReadStandards(filepath.Join(o.DataDir, importer.ApprenticeshipsFile)); err != nil {
		return nil, err
	}
	return in, nil
}

// shiftAdverts moves every advert forward by whole days, from the day the
// adverts were collected (the last day any was posted) to today, so that
// each keeps its posting and closing windows and exactly the adverts open
// on their collection day are open today. Each is marked as shifted in its
// source. It returns the collection day and the shift in days.
func shiftAdverts(ps []*importer.Posting, today time.Time) (time.Time, int) {
	var collected time.Time
	for _, p := range ps {
		if p.Vacancy.PostedAt != nil && p.Vacancy.PostedAt.After(collected) {
			collected = *p.Vacancy.PostedAt
		}
	}
	if collected.IsZero() {
		return collected, 0
	}
	collected = day(collected)
	days := int(math.Round(day(today).Sub(collected).Hours() / 24))
	for _, p := range ps {
		v := p.Vacancy
		for _, t := range []**time.Time{&v.PostedAt, &v.ClosesAt} {
			if *t != nil {
				moved := (*t).AddDate(0, 0, days)
				*t = &moved
			}
		}
		v.Source = fmt.Sprintf("%s, collected %s, dates shifted %+d days to the demo clock", v.Source, collected.Format(time.DateOnly), days)
	}
	return collected, days
}

// Demo builds a realistic demo of one area on a stated clock: all of ESCO
// with Nesta's job zones, pay and sectors and the SOC 2020 crosswalk; the
// area's LSOAs with IMD deciles and the places above them; the NHS trusts
// there; the real 2020 NHS adverts located there, moved onto the clock; and
// deterministic synthetic people, employers with vacancies, providers,
// programmes, progressions and completions. Every input is read and
// checked before anything is written; a second run with the same options
// changes nothing.
func Demo(ctx context.Context, im *importer.Importer, o DemoOptions) (*importer.Summary, error) {
	if o.Today.IsZero() {
		return nil, errors.New("seed demo: the demo needs a clock (DemoOptions.Today)")
	}
	in, err := readDemo(o)
	if err != nil {
		return nil, fmt.Errorf("seed demo: %w", err)
	}
	out := im.Out
	if out == nil {
		out = io.Discard
	}
	fmt.Fprintf(out, "demo: %d adverts collected on %s moved %+d days to %s\n", len(in.adverts.Postings),
		in.collected.Format(time.DateOnly), in.shift, day(o.Today).Format(time.DateOnly))
	s := importer.NewSummary()
	steps := []func() (*importer.Summary, error){
		func() (*importer.Summary, error) { return im.ESCO(ctx, filepath.Join(o.DataDir, "esco-v1.1.1")) },
		// Career moves need job zones, pay and skills-based sectors.
		func() (*importer.Summary, error) { return im.Nesta(ctx, o.DataDir) },
		// People's pay comes from their occupation's SOC unit group.
		func() (*importer.Summary, error) { return im.SOC(ctx, filepath.Join(o.DataDir, "uk-soc2020")) },
		func() (*importer.Summary, error) {
			err := im.WritePlaces(ctx, in.places)
			return in.places.Summary, err
		},
		func() (*importer.Summary, error) { return writeAdverts(ctx, im, in) },
	}
	for _, step := range steps {
		sum, err := step()
		if sum != nil {
			s.Merge(sum)
		}
		if err != nil {
			return s, fmt.Errorf("seed demo: %w", err)
		}
	}
	g, err := newGenerator(ctx, im.DB, o.Seed, o.Today, in.places.LSOAs())
	if err != nil {
		return s, fmt.Errorf("seed demo: %w", err)
	}
	g.pay = map[string]importer.UnitGroupPay{}
	for _, p := range in.pay {
		g.pay[p.Code] = p
	}
	d := &demo{generator: g, prefix: DemoPrefix(o.Area, o.Seed), places: in.places, standards: in.standards}
	if err := d.build(o.People); err != nil {
		return s, fmt.Errorf("seed demo: %w", err)
	}
	if err := d.prune(ctx, im.DB, out); err != nil {
		return s, fmt.Errorf("seed demo: %w", err)
	}
	if err := d.write(ctx, im, s, out); err != nil {
		return s, fmt.Errorf("seed demo: %w", err)
	}
	return s, nil
}

// DemoPrefix returns the start of the ids of the demo's synthetic data.
func DemoPrefix(area string, seed uint64) string {
	return fmt.Sprintf("demo-%s-s%d", strings.ToLower(area), seed)
}

// writeAdverts writes the adverts located in the area (nearest LSOA in the
// area and within 3 km of it), and gives their employers the kind their
// names and the registers say, as a first import does.
func writeAdverts(ctx context.Context, im *importer.Importer, in *demoInput) (*importer.Summary, error) {
	inArea := map[string]*workforce.Place{}
	for _, p := range in.places.LSOAs() {
		inArea[p.ID] = p
	}
	var kept []*importer.Posting
	s, err := im.WritePostings(ctx, in.adverts, func(p *importer.Posting) bool {
		l, ok := inArea[p.Vacancy.PlaceID]
		keep := ok && p.Vacancy.Location != nil && importer.Distance(*l.Location, *p.Vacancy.Location) <= 3
		if keep {
			kept = append(kept, p)
		}
		return keep
	})
	if err != nil {
		return s, err
	}
	var fix []*workforce.Employer
	seen := map[string]bool{}
	for _, p := range kept {
		if e := p.Employer; !strings.HasPrefix(e.ID, "ods:") && !seen[e.ID] {
			seen[e.ID] = true
			fix = append(fix, e)
		}
	}
	err = importer.WriteNodes(ctx, im, s, "advert employers", fix, im.DB.UpsertEmployers)
	return s, err
}

// demo is the synthetic part of a demo area, built in memory and then
// written.
type demo struct {
	*generator
	prefix    string
	places    *importer.PlacesData
	standards map[string]importer.Standard

	people       []*workforce.Person
	personSkills []store.BulkPersonSkill
	employers    []*workforce.Employer
	vacancies    []*workforce.Vacancy
	requires     []store.BulkRequirement
	providers    []*workforce.Provider
	programmes   []*workforce.Programme
	teaches      []store.BulkLink
	leadsTo      []store.BulkLink
	progressions []workforce.Progression
	completions  []workforce.Completion
}

// lsoasIn returns the area's LSOAs in the local authority named name (all
// of them when name is "" or no local authority has that name).
func (d *demo) lsoasIn(name string) []*workforce.Place {
	la := ""
	for _, p := range d.places.Places {
		if p.Kind == workforce.PlaceLocalAuthority && p.Name == name {
			la = p.ID
		}
	}
	var out []*workforce.Place
	for _, p := range d.lsoas {
		if la == "" || slices.Contains(p.ParentIDs, la) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return d.lsoas
	}
	return out
}

// build makes the synthetic people, employers, vacancies, providers and
// programmes in memory.
func (d *demo) build(people int) error {
	if err := d.buildEmployers(); err != nil {
		return err
	}
	if err := d.buildLearning(); err != nil {
		return err
	}
	return d.buildPeople(people)
}

// write writes what build made.
func (d *demo) write(ctx context.Context, im *importer.Importer, s *importer.Summary, out io.Writer) error {
	steps := []func() error{
		func() error { return writeEmployersAndVacancies(ctx, im, s, d.employers, d.vacancies, d.requires) },
		func() error { return importer.WriteNodes(ctx, im, s, "providers", d.providers, im.DB.UpsertProviders) },
		func() error {
			return importer.WriteNodes(ctx, im, s, "programmes", d.programmes, im.DB.UpsertProgrammes)
		},
		func() error {
			return importer.WriteLinks(ctx, im, s, "programme teaches", d.teaches, importer.BulkLinks(im.DB, store.ProgrammeTeaches))
		},
		func() error {
			return importer.WriteLinks(ctx, im, s, "programme leads to", d.leadsTo, importer.BulkLinks(im.DB, store.ProgrammeLeadsTo))
		},
		func() error { return importer.WriteNodes(ctx, im, s, "people", d.people, im.DB.UpsertPeople) },
		func() error {
			return importer.WriteLinks(ctx, im, s, "person skills", d.personSkills, im.DB.BulkPersonSkills)
		},
		func() error {
			for _, p := range d.progressions {
				if err := im.DB.RecordProgression(ctx, p); err != nil {
					return err
				}
			}
			fmt.Fprintf(out, "demo: %d programme progressions recorded\n", len(d.progressions))
			return nil
		},
		func() error {
			for _, c := range d.completions {
				if err := im.DB.RecordCompletion(ctx, c); err != nil {
					return err
				}
			}
			fmt.Fprintf(out, "demo: %d completions recorded\n", len(d.completions))
			return nil
		},
		func() error { return demoReferrals(ctx, im, s, d.prefix+"-", d.prefix+"-org", d.seed, d.today) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}
