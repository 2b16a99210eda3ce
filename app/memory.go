package app

import (
	"os"
	"runtime/debug"
	"sync"
)

// gcPercent is the window's GOGC. Go's default (100) lets the heap grow
// to twice the live data before collecting, and keeps the freed half
// resident; the window's live heap is mostly font faces Fyne parses once
// (about 36 MB with a 10,000-word article open), so the default costs
// ~35 MB of RSS for nothing. 50 bounds that at half the live heap and
// grows with it, so a 50,000-word story is never starved the way a fixed
// GOMEMLIMIT would starve it (the GC would run continuously). Typing stays
// as fast: a keystroke allocates little (BenchmarkBodyKeystroke, see
// BENCHMARKS.md).
const gcPercent = 50

var tuneOnce sync.Once

// tuneGC applies gcPercent once per process, unless the person set GOGC
// or GOMEMLIMIT themselves.
func tuneGC() {
	tuneOnce.Do(func() {
		if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
			debug.SetGCPercent(gcPercent)
		}
	})
}

// startupTrim hands the garbage of opening the window back to the system
// once the first article's preview and the library's first page are in:
// parsing, rendering and the first queries leave tens of megabytes of freed
// heap that Go would otherwise keep resident for the rest of the day.
type startupTrim struct {
	left int // steps still to finish
	free func()
}

func newStartupTrim(steps int, bg func(func())) *startupTrim {
	return &startupTrim{left: steps, free: func() { bg(debug.FreeOSMemory) }}
}

// step records one finished start-up step; the last one frees memory.
func (t *startupTrim) step() {
	if t == nil || t.left <= 0 {
		return
	}
	t.left--
	if t.left == 0 {
		t.free()
	}
}
