// Package cputime reads the CPU time a process or a thread has used: on a
// shared machine a steadier measure of what work costs than wall time. The
// benchmarks and `onework bench` report it beside their latencies.
package cputime

import (
	"syscall"
	"time"
)

// Process is the CPU time the whole process has used, user and system, all
// threads and the garbage collector included; 0 if it cannot be read.
func Process() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
