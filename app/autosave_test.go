package app

import (
	"context"
	"errors"
	"testing"
	"time"

	"copydesk/editor"
)

// autosaveRig drives an Autosaver on a fake clock with saves that run
// when the test says so.
type autosaveRig struct {
	clock   *fakeClock
	s       *Autosaver
	saves   []time.Duration // when each save started, from the start
	pending []func()
	err     error
	hold    bool // keep saves in flight until finish()
	start   time.Time
	art     editor.Article
}

func newAutosaveRig() *autosaveRig {
	r := &autosaveRig{clock: newFakeClock()}
	r.start = r.clock.Now()
	r.s = NewAutosaver(r.clock, func(f func()) { f() }, func(f func()) {
		if r.hold {
			r.pending = append(r.pending, f)
			return
		}
		f()
	})
	r.s.Delay, r.s.MaxInterval, r.s.MaxBackoff = time.Second, 10*time.Second, 30*time.Second
	r.s.Snapshot = func() *editor.Article { return r.art.Clone() }
	r.s.Save = func(context.Context, *editor.Article) error {
		r.saves = append(r.saves, r.clock.Now().Sub(r.start))
		return r.err
	}
	return r
}

// finish completes every save in flight.
func (r *autosaveRig) finish() {
	for len(r.pending) > 0 {
		f := r.pending[0]
		r.pending = r.pending[1:]
		f()
	}
}

// typeFor records an edit every step for d, completing saves at once.
func (r *autosaveRig) typeFor(d, step time.Duration) {
	for t := time.Duration(0); t < d; t += step {
		r.s.Changed()
		r.clock.Advance(step)
		r.finish()
	}
}

func TestAutosaveTiming(t *testing.T) {
	tests := []struct {
		name string
		run  func(r *autosaveRig)
		want []time.Duration
	}{
		{"one edit saves after the delay", func(r *autosaveRig) {
			r.s.Changed()
			r.clock.Advance(999 * time.Millisecond)
			r.finish()
			r.clock.Advance(time.Millisecond)
			r.finish()
		}, []time.Duration{time.Second}},
		{"each keystroke postpones the save", func(r *autosaveRig) {
			r.typeFor(3*time.Second, 500*time.Millisecond) // edits at 0, 0.5 … 2.5 s
			r.clock.Advance(5 * time.Second)
			r.finish()
		}, []time.Duration{3500 * time.Millisecond}},
		{"continuous typing saves every ten seconds", func(r *autosaveRig) {
			r.typeFor(25*time.Second, 200*time.Millisecond)
			r.clock.Advance(5 * time.Second)
			r.finish()
		}, []time.Duration{10 * time.Second, 20 * time.Second, 25800 * time.Millisecond}},
		{"nothing changed, nothing saved", func(r *autosaveRig) {
			r.clock.Advance(time.Minute)
			r.finish()
		}, nil},
		{"failures retry with doubling backoff", func(r *autosaveRig) {
			r.err = errors.New("disk I/O error")
			r.s.Changed()
			r.clock.Advance(8 * time.Second) // saves at 1, 2, 4, 8 s
			r.finish()
			r.clock.Advance(0)
			r.finish()
		}, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newAutosaveRig()
			tc.run(r)
			if len(r.saves) != len(tc.want) {
				t.Fatalf("saves at %v, want %v", r.saves, tc.want)
			}
			for i := range tc.want {
				if r.saves[i] != tc.want[i] {
					t.Fatalf("saves at %v, want %v", r.saves, tc.want)
				}
			}
		})
	}
}

func TestAutosaveEditsDuringSaveAreSavedNext(t *testing.T) {
	r := newAutosaveRig()
	var acked []string
	r.s.Acked = func(a *editor.Article) { acked = append(acked, a.Body) }
	r.hold = true
	r.art.Body = "one"
	r.s.Changed()
	r.clock.Advance(time.Second) // save of "one" starts, not finished
	if len(r.pending) != 1 {
		t.Fatalf("saves in flight = %d", len(r.pending))
	}
	r.art.Body = "one two" // typed while saving
	r.s.Changed()
	r.finish()
	if !r.s.Dirty() || r.s.State().State != StateEdited {
		t.Fatalf("after the first save: dirty %v state %v", r.s.Dirty(), r.s.State())
	}
	r.clock.Advance(time.Second)
	r.finish()
	if len(acked) != 2 || acked[0] != "one" || acked[1] != "one two" {
		t.Fatalf("acknowledged saves = %q", acked)
	}
	if r.s.Dirty() || r.s.State().String() != "Saved" {
		t.Errorf("dirty %v state %q", r.s.Dirty(), r.s.State())
	}
}

func TestAutosaveFlush(t *testing.T) {
	r := newAutosaveRig()
	r.hold = true
	r.s.Changed()
	var got []error
	r.s.Flush(func(err error) { got = append(got, err) })
	if len(r.pending) != 1 {
		t.Fatalf("flush did not start a save at once: %d in flight", len(r.pending))
	}
	r.finish()
	if len(got) != 1 || got[0] != nil {
		t.Fatalf("flush results = %v", got)
	}
	r.s.Flush(func(err error) { got = append(got, err) })
	if len(got) != 2 || got[1] != nil || len(r.saves) != 1 {
		t.Errorf("flush with nothing to save: results %v saves %v", got, r.saves)
	}
	r.err = errors.New("database is locked")
	r.s.Changed()
	r.s.Flush(func(err error) { got = append(got, err) })
	r.finish()
	if len(got) != 3 || got[2] == nil {
		t.Errorf("failed flush results = %v", got)
	}
	if want := "Not saved — library is busy, retrying"; r.s.State().String() != want {
		t.Errorf("state %q, want %q", r.s.State(), want)
	}
}

func TestAutosaveConflictWaitsForChoice(t *testing.T) {
	r := newAutosaveRig()
	conflicts := 0
	r.s.Conflict = func(error) { conflicts++ }
	r.err = editor.ErrConflict
	r.s.Changed()
	r.clock.Advance(time.Second)
	r.finish()
	r.s.Changed() // typing goes on while the dialog is open
	r.clock.Advance(time.Minute)
	r.finish()
	if conflicts != 1 || len(r.saves) != 1 || r.s.State().State != StateConflict {
		t.Fatalf("conflicts %d saves %v state %v", conflicts, r.saves, r.s.State())
	}
	r.err = nil
	r.s.Resolved(true)
	r.finish()
	if len(r.saves) != 2 || r.s.Dirty() || r.s.State().State != StateSaved {
		t.Errorf("after keep mine: saves %v dirty %v state %v", r.saves, r.s.Dirty(), r.s.State())
	}
}
