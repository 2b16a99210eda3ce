//go:build !unix

package merge

func cpuNanos() (int64, bool) { return 0, false }
