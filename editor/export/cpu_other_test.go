//go:build !unix

package export

import "time"

// cpuTime is unavailable here; benchmarks then report wall-clock only.
func cpuTime() time.Duration { return 0 }
