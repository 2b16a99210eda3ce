//go:build linux

package storage

import (
	"syscall"
	"time"
	"unsafe"
)

// clockThreadCPUTime is Linux's CLOCK_THREAD_CPUTIME_ID, which package
// syscall does not name.
const clockThreadCPUTime = 3

// processCPU is the CPU time this process has used. On a machine shared
// with other busy processes, wall-clock percentiles measure the scheduler
// as much as the code; CPU time per operation is what an idle machine's
// wall time would be for this single-threaded work.
func processCPU() (time.Duration, bool) { return rusage(syscall.RUSAGE_SELF) }

// threadCPU is the CPU time of the calling OS thread, to the nanosecond
// (getrusage's per-thread figures move in scheduler ticks); with the
// goroutine locked to its thread it times single operations.
func threadCPU() (time.Duration, bool) {
	var ts syscall.Timespec
	_, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0)
	if errno != 0 {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}

func rusage(who int) (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
