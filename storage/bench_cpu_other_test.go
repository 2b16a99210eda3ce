//go:build !unix

package storage

import "time"

func processCPU() (time.Duration, bool) { return 0, false }
