package app

import (
	"os"
	"runtime/debug"
	"sync"
	"testing"
)

func TestStartupTrimFreesOnceAfterEveryStep(t *testing.T) {
	tests := []struct {
		steps, done, wantFrees int
	}{
		{2, 0, 0},
		{2, 1, 0},
		{2, 2, 1},
		{2, 5, 1}, // later previews and searches do not free again
		{1, 1, 1},
	}
	for _, tc := range tests {
		frees := 0
		tr := newStartupTrim(tc.steps, func(f func()) { frees++ })
		for range tc.done {
			tr.step()
		}
		if frees != tc.wantFrees {
			t.Errorf("%d steps, %d done: %d frees, want %d", tc.steps, tc.done, frees, tc.wantFrees)
		}
	}
	var none *startupTrim
	none.step() // a window built without one must not panic
}

func TestWindowStartTrimsAfterPreviewAndLibrary(t *testing.T) {
	store := newFakeStore()
	h := newHarness(t, store)
	if h.app.trim.left != 0 {
		t.Errorf("after the first preview and library page, %d start-up steps are still open", h.app.trim.left)
	}
}

func TestTuneGCLowersGOGC(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: the window leaves the GC as told")
	}
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	tuneOnce = sync.Once{}
	tuneGC()
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("GOGC after tuneGC = %d, want %d", got, gcPercent)
	}
}
