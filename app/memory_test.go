package app

import (
	"os"
	"runtime/debug"
	"sync"
	"testing"
	"time"
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

// fakeIdleTimer stands in for time.AfterFunc: the test fires it by hand.
type fakeIdleTimer struct {
	armed  bool
	resets int
	f      func()
}

func (f *fakeIdleTimer) Reset(time.Duration) bool {
	was := f.armed
	f.armed = true
	f.resets++
	return was
}

func (f *fakeIdleTimer) fire() {
	if f.armed {
		f.armed = false
		f.f()
	}
}

func TestIdleTrimFreesOnceAfterEachQuietSpell(t *testing.T) {
	frees := 0
	trim := newIdleTrim(time.Minute, func() { frees++ })
	var timer *fakeIdleTimer
	trim.after = func(d time.Duration, f func()) resetter {
		if d != time.Minute {
			t.Errorf("timer armed for %v, want the trim's delay", d)
		}
		timer = &fakeIdleTimer{armed: true, f: f}
		return timer
	}
	for range 5 { // a burst of background work
		trim.touch()
	}
	if frees != 0 {
		t.Fatalf("freed %d times during the burst, want 0", frees)
	}
	if timer == nil || timer.resets != 4 {
		t.Fatalf("want one timer pushed back by each later touch, got %+v", timer)
	}
	timer.fire()
	timer.fire() // a timer that has fired does not fire again by itself
	if frees != 1 {
		t.Fatalf("freed %d times after the quiet spell, want 1", frees)
	}
	trim.touch() // the next burst re-arms the same timer
	timer.fire()
	if frees != 2 {
		t.Fatalf("freed %d times after the second spell, want 2", frees)
	}
	var none *idleTrim
	none.touch() // a window built without one must not panic
}

func TestBackgroundWorkTouchesTheIdleTrim(t *testing.T) {
	h := newHarness(t, newFakeStore())
	a := h.app
	var timer *fakeIdleTimer
	a.idle.timer = nil
	a.idle.after = func(_ time.Duration, f func()) resetter {
		timer = &fakeIdleTimer{armed: true, f: f}
		return timer
	}
	ran := false
	a.bg(func() { ran = true })
	if timer != nil {
		t.Fatal("the trim was armed before the job finished")
	}
	h.drain()
	if !ran || timer == nil || !timer.armed {
		t.Fatalf("background job ran=%v, idle timer %+v: finished work must arm the trim", ran, timer)
	}
}
