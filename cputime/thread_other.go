//go:build !linux

package cputime

import "time"

// Thread is not measured on this system: it returns 0, and the benchmarks
// then report wall time only.
func Thread() time.Duration { return 0 }
