//go:build linux

package matching

import (
	"syscall"
	"time"
	"unsafe"
)

// threadCPU is the CPU time of the calling thread. On a shared machine the
// wall-clock percentiles include time spent waiting for a core; the CPU
// percentiles show what the query itself costs.
func threadCPU() time.Duration { return clockCPU(3) } // CLOCK_THREAD_CPUTIME_ID

// processCPU is the CPU time of the whole process, all threads: what a
// build costs however many cores it spreads over.
func processCPU() time.Duration { return clockCPU(2) } // CLOCK_PROCESS_CPUTIME_ID

// clockCPU reads one of the kernel's CPU-time clocks; 0 if it cannot.
func clockCPU(clock uintptr) time.Duration {
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clock, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
