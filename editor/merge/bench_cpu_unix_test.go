//go:build unix

package merge

import "syscall"

// cpuNanos is the CPU time this process has used, user and system. The
// benchmarks report it per operation beside wall time because the machine
// they run on is shared: wall time there measures the queue for a core.
func cpuNanos() (int64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
