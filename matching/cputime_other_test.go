//go:build !linux

package matching

import "time"

// threadCPU is not measured here; the benchmarks then report wall time only.
func threadCPU() time.Duration { return 0 }

// processCPU is not measured here either.
func processCPU() time.Duration { return 0 }
