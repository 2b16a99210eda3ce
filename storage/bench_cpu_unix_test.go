//go:build unix

package storage

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used. On a machine shared
// with other busy processes, wall-clock percentiles measure the scheduler
// as much as the code; CPU time per operation is what an idle machine's
// wall time would be for this single-threaded work.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
