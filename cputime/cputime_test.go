package cputime

import (
	"runtime"
	"testing"
	"time"
)

// TestClocksAdvanceWithWork: both clocks move forward by at least part of
// a busy loop's run, and never backwards.
func TestClocksAdvanceWithWork(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	p0, t0 := Process(), Thread()
	if p0 <= 0 {
		t.Fatalf("Process() = %v, want above 0 for a running process", p0)
	}
	x := 0
	for start := time.Now(); time.Since(start) < 50*time.Millisecond; {
		x++
	}
	p1, t1 := Process(), Thread()
	if p1 <= p0 {
		t.Errorf("Process() did not advance over 50 ms of work: %v then %v (%d)", p0, p1, x)
	}
	if runtime.GOOS == "linux" && t1 <= t0 {
		t.Errorf("Thread() did not advance over 50 ms of work: %v then %v", t0, t1)
	}
}
