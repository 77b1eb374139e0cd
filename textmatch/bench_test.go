package textmatch

import (
	"runtime"
	"testing"

	"github.com/onework/onework/cputime"
)

// The benchmarks run on real data: NHS Jobs titles and descriptions against
// all of ESCO.

func BenchmarkNew(b *testing.B) {
	e := mustESCO(b)
	b.ReportAllocs()
	for b.Loop() {
		New(e.occupations, e.skills)
	}
}

func BenchmarkOccupation(b *testing.B) {
	e := mustESCO(b)
	ads := loadAdverts(b, dataDir(b))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		e.matcher.Occupation(ads[i%len(ads)].Title)
		i++
	}
}

func BenchmarkSuggest(b *testing.B) {
	e := mustESCO(b)
	ads := loadAdverts(b, dataDir(b))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		e.matcher.Suggest(ads[i%len(ads)].Title, 5)
		i++
	}
}

// BenchmarkSkills reads descriptions of 4 to 6 KB, the size the brief
// names; SetBytes makes the figure comparable across description sizes.
func BenchmarkSkills(b *testing.B) {
	e := mustESCO(b)
	var texts []string
	total := 0
	for _, a := range loadAdverts(b, dataDir(b)) {
		if n := len(a.Description); n >= 4<<10 && n <= 6<<10 {
			texts = append(texts, a.Description)
			total += n
		}
	}
	if len(texts) == 0 {
		b.Fatal("no descriptions of 4-6 KB")
	}
	b.SetBytes(int64(total / len(texts)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		e.matcher.Skills(texts[i%len(texts)])
		i++
	}
}

// BenchmarkNewSOCCoder builds the SOC coder from the training part of the
// coding index and the other titles it learns from, as a server would at
// start-up; retained-MB is the heap the coder keeps after collection.
func BenchmarkNewSOCCoder(b *testing.B) {
	train, _ := SplitCodingIndex(codingIndex(b))
	titles := socTrainingTitles(b, train)
	b.ReportAllocs()
	var c *SOCCoder
	cpu0 := cputime.Process()
	n := 0
	for b.Loop() {
		c = NewSOCCoder(titles)
		n++
	}
	b.StopTimer()
	b.ReportMetric((cputime.Process()-cpu0).Seconds()/float64(n), "cpu-s/op")
	var with, without runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&with)
	runtime.KeepAlive(c)
	c = nil
	runtime.GC()
	runtime.ReadMemStats(&without)
	b.ReportMetric(float64(with.HeapAlloc-without.HeapAlloc)/(1<<20), "retained-MB")
}
