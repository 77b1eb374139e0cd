package matching

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/onework/onework/workforce"
)

// freshFrom builds an engine with a Builder from the world's final state.
func freshFrom(t *testing.T, w *world) *Engine {
	t.Helper()
	b, err := NewBuilder(Config{MaxPageSize: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	w.replay(b)
	fresh := b.Build()
	fresh.Now = SyntheticNow
	return fresh
}

// sameAnswers checks that e answers every query of a sample as fresh does,
// page for page, and counts what it holds alike.
func sameAnswers(t *testing.T, what string, r *rand.Rand, w *world, fresh, e *Engine) {
	t.Helper()
	if diff := cmp.Diff(fresh.Stats(), e.Stats()); diff != "" {
		t.Errorf("%s: Stats (-fresh +engine):\n%s", what, diff)
	}
	for _, side := range []struct {
		ids  []string
		rank rankFunc
	}{{w.vacIDs, candidatesOf}, {w.personIDs, vacanciesOf}} {
		for _, id := range sample(r, side.ids, 25) {
			for _, q := range []Query{{First: 50}, {First: 20, MinSkills: 0.2}, {First: 10, LocalOnly: true}} {
				want, got := mustRank(t, side.rank, fresh, id, q), mustRank(t, side.rank, e, id, q)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s: rank(%q, %+v) (-fresh +engine):\n%s", what, id, q, diff)
				}
			}
		}
	}
}

// churn makes n random writes through w: people moved, reskilled, given
// or refused consent, removed, added; vacancies changed, removed, added;
// places and employers moved.
func churn(r *rand.Rand, w *world, e *Engine, n int, fresh *int) {
	for range n {
		switch k := r.IntN(20); {
		case k < 12 && len(w.personIDs) > 0:
			pid := w.personIDs[r.IntN(len(w.personIDs))]
			row := w.people[pid]
			p, skills := row.v, slices.Clone(row.with)
			switch k % 4 {
			case 0:
				p.Location = pt(51+3*r.Float64(), -3+3*r.Float64())
			case 1:
				skills = append(skills, workforce.PersonSkill{SkillID: w.skills[r.IntN(len(w.skills))], Level: 2})
				skills = skills[r.IntN(len(skills)):]
			case 2:
				p.ConsentMatching = !p.ConsentMatching
			case 3:
				forget(w.people, &w.personIDs, pid)
				e.RemovePerson(pid)
				continue
			}
			w.UpsertPerson(&p, skills)
		case k < 14:
			*fresh++
			src := w.people[w.personIDs[r.IntN(len(w.personIDs))]]
			p := src.v
			p.ID = fmt.Sprintf("new-%d", *fresh)
			p.Location = pt(51+3*r.Float64(), -3+3*r.Float64())
			w.UpsertPerson(&p, src.with)
		case k < 17 && len(w.vacIDs) > 0:
			vid := w.vacIDs[r.IntN(len(w.vacIDs))]
			row := w.vacancies[vid]
			v := row.v
			if k == 16 {
				forget(w.vacancies, &w.vacIDs, vid)
				e.RemoveVacancy(vid)
				continue
			}
			v.Location = pt(51+3*r.Float64(), -3+3*r.Float64())
			w.UpsertVacancy(&v, row.with[:len(row.with)*(1+r.IntN(3))/3])
		case k < 18:
			*fresh++
			src := w.vacancies[w.vacIDs[r.IntN(len(w.vacIDs))]]
			v := src.v
			v.ID = fmt.Sprintf("new-%d", *fresh)
			v.Location = nil
			w.UpsertVacancy(&v, src.with)
		case k < 19:
			pl := w.places[w.placeIDs[r.IntN(len(w.placeIDs))]]
			if pl.Location != nil {
				pl.Location = pt(pl.Location.Lat+0.05*r.NormFloat64(), pl.Location.Lon+0.05*r.NormFloat64())
			}
			w.UpsertPlace(&pl)
		default:
			em := w.employers[w.empIDs[r.IntN(len(w.empIDs))]]
			em.Location = pt(51+3*r.Float64(), -3+3*r.Float64())
			em.RealLivingWage = !em.RealLivingWage
			w.UpsertEmployer(&em)
		}
	}
}

// inGridOrder reports whether people and vacancies sit in grid-cell order,
// as the Builder lays them out.
func inGridOrder(x *index) bool {
	var last int32 = -2
	for i := range x.people.rows {
		k := cellKeyOf(x.personLocation(&x.people.rows[i]))
		if k < last {
			return false
		}
		last = k
	}
	last = -2
	for i := range x.vacancies.rows {
		v := &x.vacancies.rows[i]
		k := cellKeyOf(v.loc, v.located)
		if k < last {
			return false
		}
		last = k
	}
	return true
}

// TestPropertyRelayAnswersAsAFreshBuild: after random writes and re-lays,
// in any interleaving, the engine answers every query exactly as an engine
// built fresh from the same data, and a re-lay leaves people and
// vacancies in grid order with nothing counted out of place.
func TestPropertyRelayAnswersAsAFreshBuild(t *testing.T) {
	for _, seed := range seeds {
		// RelayShare 1 keeps the background re-lay out of the way, so that
		// this test decides when to re-lay.
		e, err := New(Config{MaxPageSize: 100_000, RelayShare: 1})
		if err != nil {
			t.Fatal(err)
		}
		e.Now = SyntheticNow
		w := newWorld(e)
		Synthetic(seed, 3000, 300, w)
		r := rand.New(rand.NewPCG(seed, 23))
		n := 0
		for round := range 4 {
			churn(r, w, e, 400, &n)
			e.mu.RLock()
			misplaced := e.idx.misplaced
			e.mu.RUnlock()
			if misplaced.people == 0 || misplaced.vacancies == 0 {
				t.Errorf("round %d: %+v rows counted out of order after churn, want some of each", round, misplaced)
			}
			if round%2 == 1 {
				sameAnswers(t, fmt.Sprintf("seed %d round %d before re-lay", seed, round), r, w, freshFrom(t, w), e)
			}
			// The writes may have started a re-lay in the background: wait
			// for it, then re-lay once more.
			waitRelay(e)
			ok := e.relay()
			e.relaying.Store(false)
			if !ok {
				t.Fatalf("round %d: relay() = false", round)
			}
			e.mu.RLock()
			misplaced, ordered := e.idx.misplaced, inGridOrder(e.idx)
			e.mu.RUnlock()
			if misplaced.people != 0 || misplaced.vacancies != 0 || !ordered {
				t.Errorf("round %d after Relay: %+v out of order, in grid order %v; want none, true", round, misplaced, ordered)
			}
			sameAnswers(t, fmt.Sprintf("seed %d round %d after re-lay", seed, round), r, w, freshFrom(t, w), e)
		}
	}
}

// waitRelay waits until no re-lay runs and holds off new ones; the caller
// calls e.relaying.Store(false) when done.
func waitRelay(e *Engine) {
	for !e.relaying.CompareAndSwap(false, true) {
		runtime.Gosched()
	}
}

// TestRelayStartsPastTheShare: writes that put more than RelayShare of the
// people out of grid order start a re-lay by themselves.
func TestRelayStartsPastTheShare(t *testing.T) {
	e, err := New(Config{MaxPageSize: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	e.Now = SyntheticNow
	w := newWorld(e)
	Synthetic(1, 5000, 300, w)
	// Loading 5,000 people one by one put them all out of order, so
	// re-lays ran during the load; let the last finish.
	waitRelay(e)
	e.relaying.Store(false)
	e.mu.RLock()
	before, relays := e.idx.misplaced.people, e.relays
	e.mu.RUnlock()
	r := rand.New(rand.NewPCG(1, 5))
	moved := 0
	for _, pid := range w.personIDs[:relayFloor+600] { // past the floor and 10% of 5,000
		row := w.people[pid]
		p := row.v
		p.Location = pt(50+4*r.Float64(), -4+4*r.Float64())
		w.UpsertPerson(&p, row.with)
		moved++
	}
	waitRelay(e)
	e.mu.RLock()
	misplaced, after := e.idx.misplaced.people, e.relays
	e.mu.RUnlock()
	e.relaying.Store(false)
	if after == relays || misplaced >= before+moved {
		t.Errorf("after moving %d of %d people (%d out of order before): %d re-lays, %d out of order; want a re-lay to have run",
			moved, len(w.personIDs), before, after-relays, misplaced)
	}
	sameAnswers(t, "after the background re-lay", r, w, freshFrom(t, w), e)
}

// TestRelayUnderConcurrentQueriesAndWrites runs queries, writes and
// re-lays at once (run it with -race). The writes add, move and remove
// people who never enter the queried rankings (they have not consented,
// or live far from every vacancy), so every query must answer exactly as
// before: a query seeing a half-laid index would not. At the end no write
// is lost: the engine answers as one built fresh from the same data.
func TestRelayUnderConcurrentQueriesAndWrites(t *testing.T) {
	e, err := New(Config{MaxPageSize: 100_000, RelayShare: 1})
	if err != nil {
		t.Fatal(err)
	}
	e.Now = SyntheticNow
	w := newWorld(e)
	Synthetic(3, 3000, 300, w)
	r := rand.New(rand.NewPCG(3, 3))
	vids, pids := sample(r, w.vacIDs, 8), sample(r, w.personIDs, 8)
	want := map[string]Page{}
	for _, id := range vids {
		want["v"+id] = mustCandidates(t, e, id, Query{First: 30})
	}
	for _, id := range pids {
		want["p"+id] = mustVacancies(t, e, id, Query{First: 30})
	}
	const writers = 2
	final := make([]map[string]*personRow, writers)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := range writers {
		final[g] = map[string]*personRow{}
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 9))
			src := w.people[w.personIDs[g]]
			for i := range 600 {
				p := src.v
				p.ID = fmt.Sprintf("w%d-%d", g, i%150)
				p.ConsentMatching = r.IntN(2) == 0
				// Far from every vacancy: the synthetic partnership is in England.
				p.Location = pt(-40+r.Float64(), 100+r.Float64())
				if r.IntN(5) == 0 {
					e.RemovePerson(p.ID)
					delete(final[g], p.ID)
					continue
				}
				e.UpsertPerson(&p, src.with)
				final[g][p.ID] = &personRow{p, slices.Clone(src.with)}
			}
		})
	}
	relays := 0
	var relayer sync.WaitGroup
	relayer.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
				if e.Relay() {
					relays++
				}
			}
		}
	})
	var readers sync.WaitGroup
	for g := range 2 {
		readers.Go(func() {
			for i := range 100 {
				id := vids[(g+i)%len(vids)]
				got := mustCandidates(t, e, id, Query{First: 30})
				if diff := cmp.Diff(want["v"+id], got); diff != "" {
					t.Errorf("candidates for %s during writes and re-lays (-before +during):\n%s", id, diff)
					return
				}
				id = pids[(g+i)%len(pids)]
				got = mustVacancies(t, e, id, Query{First: 30})
				if diff := cmp.Diff(want["p"+id], got); diff != "" {
					t.Errorf("vacancies for %s during writes and re-lays (-before +during):\n%s", id, diff)
					return
				}
			}
		})
	}
	wg.Wait()
	readers.Wait()
	close(stop)
	relayer.Wait()
	if relays == 0 {
		t.Error("no re-lay ran during the test")
	}
	for g := range writers {
		for id, row := range final[g] {
			record(w.people, &w.personIDs, id, row)
		}
	}
	fresh := freshFrom(t, w)
	sameAnswers(t, fmt.Sprintf("after %d re-lays", relays), r, w, fresh, e)
	for g := range writers {
		for id := range final[g] {
			want, got := mustVacancies(t, fresh, id, Query{}), mustVacancies(t, e, id, Query{})
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("vacancies for %s written during re-lays (-fresh +engine):\n%s", id, diff)
			}
		}
	}
}

// TestRelayDroppedAfterLoad: a re-lay of an index that Load replaced
// while it was laid out is dropped, not swapped in over the load.
func TestRelayDroppedAfterLoad(t *testing.T) {
	e := newScenario(t, false)
	built := newScenario(t, true)
	e.UpsertPerson(&workforce.Person{ID: "stray", ConsentMatching: true}, nil)
	next, loads, ok := e.relayStart()
	if !ok {
		t.Fatal("relayStart: index in error")
	}
	b := e.NewBuilder()
	loadScenario(b)
	e.Load(b)
	next.relay()
	if e.relayEnd(next, loads) {
		t.Error("relayEnd swapped in a re-lay of the index Load replaced")
	}
	if diff := cmp.Diff(built.Stats(), e.Stats()); diff != "" {
		t.Errorf("Stats after Load during a re-lay (-built +engine):\n%s", diff)
	}
	if _, err := e.VacanciesForPerson("stray", Query{}); workforce.ErrorCode(err) != workforce.ENOTFOUND {
		t.Errorf("VacanciesForPerson(stray): error %v, want not found: the re-lay brought back what Load dropped", err)
	}
}
