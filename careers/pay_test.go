package careers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestASHEPay(t *testing.T) {
	dir := dataDir(t)
	pay, err := ReadASHE(dir)
	if err != nil {
		t.Fatalf("ReadASHE = %v", err)
	}
	// ONS's headline: the full-time median for all employees.
	if all := pay[""]; all.Annual != 37430 {
		t.Errorf("full-time median of all employees = %v, want ONS's 37,430", all.Annual)
	}
	for _, tc := range []struct {
		unit     string
		fallback bool
	}{{"6131", false}, {"7111", false}} {
		p, ok := pay.For(tc.unit)
		if !ok || p.Annual <= 0 || p.Fallback != tc.fallback || p.Group != tc.unit || !strings.Contains(p.Describe(), "ASHE 2024") {
			t.Errorf("For(%s) = %+v, %v; want the unit's own ASHE 2024 figure", tc.unit, p, ok)
		}
	}
	// A unit group whose annual median ONS suppressed falls back to a
	// broader group, and says so.
	fallbacks := 0
	for code, p := range pay {
		if len(code) == 4 && p.Annual == 0 {
			got, ok := pay.For(code)
			if !ok || !got.Fallback || len(got.Group) >= 4 || !strings.Contains(got.Describe(), "suppressed") {
				t.Errorf("For(%s) = %+v, want a broader group's figure, flagged", code, got)
			}
			fallbacks++
		}
	}
	if fallbacks == 0 {
		t.Error("no suppressed unit group found: ASHE suppresses about 31 full-time unit medians")
	}
	if _, ok := pay.For("x"); ok {
		t.Error("For(unknown) found pay")
	}

	e, d := mustRealEngine(t)
	for _, o := range d.Occupations {
		if o.Label != "shop assistant" {
			continue
		}
		m := mustMoves(t, e, o.ID, Query{First: 5})
		for _, mv := range m.Items {
			if mv.AnnualPay > 0 && mv.PayInfo.Source == "" {
				t.Errorf("move to %s shows pay %v without a source", mv.Label, mv.AnnualPay)
			}
		}
		t.Logf("shop assistant -> %s: %v (%s)", m.Items[0].Label, m.Items[0].AnnualPay, m.Items[0].PayInfo.Describe())
	}
}

func TestReadASHEBadInput(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, FileASHE, "soc2020_code,workers,annual_median,hourly_median\n6131,full_time,lots,1\n")
	if _, err := ReadASHE(dir); err == nil || !strings.Contains(err.Error(), `annual_median "lots"`) || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("ReadASHE(bad number) = %v, want an error naming the cell and line", err)
	}
	write(t, dir, FileASHE, "soc2020_code,annual_median\n6131,1\n")
	if _, err := ReadASHE(dir); err == nil || !strings.Contains(err.Error(), `no column "workers"`) {
		t.Errorf("ReadASHE(missing column) = %v, want an error naming it", err)
	}
}

// write writes a file under dir, making its folder.
func write(t *testing.T, dir, name, body string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
