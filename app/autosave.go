package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"copydesk/app/review"
	"copydesk/editor"
)

// Clock is the time source of autosave and the preview debounce, so their
// tests advance a fake clock instead of sleeping.
type Clock interface {
	Now() time.Time
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is the part of *time.Timer a Clock hands out.
type Timer interface{ Stop() bool }

type realClock struct{}

func (realClock) Now() time.Time                            { return time.Now() }
func (realClock) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// SaveState is where the open article stands with respect to the library.
type SaveState int

// Save states, as the status bar shows them.
const (
	StateSaved    SaveState = iota // the library holds what is on screen
	StateEdited                    // changes wait for the autosave delay
	StateSaving                    // a save is in flight
	StateFailed                    // the last save failed; a retry is scheduled
	StateInvalid                   // the article cannot be saved until it is fixed
	StateConflict                  // someone else saved; a person must choose
)

// SaveStatus is a state plus the error behind it.
type SaveStatus struct {
	State SaveState
	Err   error
}

func (s SaveStatus) String() string {
	switch s.State {
	case StateEdited:
		return "Edited"
	case StateSaving:
		return "Saving…"
	case StateFailed:
		return "Not saved — " + saveReason(s.Err) + ", retrying"
	case StateInvalid:
		return "Not saved — " + saveReason(s.Err)
	case StateConflict:
		return "Changed elsewhere — choose a version"
	}
	return "Saved"
}

// saveReason words a storage failure for a reporter; the full chain goes
// to the log, the status bar gets the last, most specific part.
func saveReason(err error) string {
	if err == nil {
		return "unknown error"
	}
	var ve *editor.ValidationError
	if errors.As(err, &ve) && len(ve.Fields) > 0 {
		return ve.Fields[0].Msg
	}
	msg := err.Error()
	for _, known := range []struct{ needle, say string }{
		{"disk is full", "disk full"},
		{"database or disk is full", "disk full"},
		{"no space left", "disk full"},
		{"readonly", "library is read-only"},
		{"read-only", "library is read-only"},
		{"locked", "library is busy"},
		{"busy", "library is busy"},
	} {
		if containsFold(msg, known.needle) {
			return known.say
		}
	}
	return review.Cause(err)
}

// Autosaver decides when the open article is written: Delay after typing
// stops, but never later than MaxInterval after the first unsaved edit, so
// continuous typing is still saved. Saves run on a clone off the UI
// goroutine; the in-memory article stays the source of truth until a save
// is acknowledged, and edits made during a save are saved next. Every
// method must be called on the UI goroutine; callbacks run there too.
type Autosaver struct {
	Delay       time.Duration
	MaxInterval time.Duration
	// MaxBackoff caps the wait between retries of a failing save.
	MaxBackoff time.Duration

	clock Clock
	ui    func(func()) // runs f on the UI goroutine
	bg    func(func()) // runs f off the UI goroutine

	// Snapshot returns a clone of the article as it is now.
	Snapshot func() *editor.Article
	// Save writes a (ID, Version, … are filled in on success).
	Save func(ctx context.Context, a *editor.Article) error
	// Acked adopts what a successful save assigned (ID, version, times).
	Acked func(saved *editor.Article)
	// Status reports every state change.
	Status func(SaveStatus)
	// Conflict is called once when the stored version moved underneath.
	Conflict func(err error)

	edits, saved uint64 // edit counters: dirty while edits > saved
	firstUnsaved time.Time
	timer        Timer
	timerSeq     uint64
	saving       bool
	failures     int
	conflict     bool
	stopped      bool
	waiters      []func(error)
	status       SaveStatus
}

// NewAutosaver returns an autosaver that has nothing to save yet.
func NewAutosaver(clock Clock, ui, bg func(func())) *Autosaver {
	if clock == nil {
		clock = realClock{}
	}
	return &Autosaver{Delay: time.Second, MaxInterval: 10 * time.Second, MaxBackoff: 30 * time.Second, clock: clock, ui: ui, bg: bg}
}

// State returns the current save status.
func (s *Autosaver) State() SaveStatus { return s.status }

// Dirty reports whether there are edits the library does not hold yet.
func (s *Autosaver) Dirty() bool { return s.edits > s.saved }

// Changed records an edit and schedules a save.
func (s *Autosaver) Changed() {
	if s.stopped {
		return
	}
	s.edits++
	if s.conflict {
		return // the choice decides what happens to these edits
	}
	now := s.clock.Now()
	if s.firstUnsaved.IsZero() {
		s.firstUnsaved = now
	}
	if s.saving {
		return // done() schedules the follow-up save
	}
	if s.status.State == StateFailed {
		return // the retry timer is already running; a new edit must not postpone it forever
	}
	s.setStatus(SaveStatus{State: StateEdited})
	s.schedule(s.nextDelay(now))
}

// nextDelay is Delay, shortened so the first unsaved edit waits at most MaxInterval.
func (s *Autosaver) nextDelay(now time.Time) time.Duration {
	d := s.Delay
	if s.MaxInterval > 0 && !s.firstUnsaved.IsZero() {
		if left := s.firstUnsaved.Add(s.MaxInterval).Sub(now); left < d {
			d = max(left, 0)
		}
	}
	return d
}

func (s *Autosaver) schedule(d time.Duration) {
	s.stopTimer()
	s.timerSeq++
	seq := s.timerSeq
	s.timer = s.clock.AfterFunc(d, func() {
		s.ui(func() {
			if seq == s.timerSeq && !s.stopped {
				s.timer = nil
				s.fire()
			}
		})
	})
}

func (s *Autosaver) stopTimer() {
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	s.timerSeq++ // a callback already queued must not fire
}

func (s *Autosaver) fire() {
	if s.saving || s.conflict || !s.Dirty() {
		return
	}
	s.start()
}

func (s *Autosaver) start() {
	s.stopTimer()
	a := s.Snapshot()
	gen := s.edits
	s.saving = true
	s.firstUnsaved = time.Time{}
	s.setStatus(SaveStatus{State: StateSaving})
	save := s.Save
	s.bg(func() {
		err := save(context.Background(), a)
		s.ui(func() { s.done(a, gen, err) })
	})
}

func (s *Autosaver) done(a *editor.Article, gen uint64, err error) {
	s.saving = false
	if s.stopped {
		s.notify(err)
		return
	}
	var ve *editor.ValidationError
	switch {
	case err == nil:
		s.failures = 0
		s.saved = gen
		if s.Acked != nil {
			s.Acked(a)
		}
		if s.Dirty() {
			if len(s.waiters) > 0 {
				s.start()
				return
			}
			if s.firstUnsaved.IsZero() {
				s.firstUnsaved = s.clock.Now()
			}
			s.setStatus(SaveStatus{State: StateEdited})
			s.schedule(s.nextDelay(s.clock.Now()))
			return
		}
		s.setStatus(SaveStatus{State: StateSaved})
		s.notify(nil)
	case errors.Is(err, editor.ErrConflict):
		s.conflict = true
		s.setStatus(SaveStatus{State: StateConflict, Err: err})
		s.notify(err)
		if s.Conflict != nil {
			s.Conflict(err)
		}
	case errors.As(err, &ve):
		// Retrying cannot help; the next edit tries again.
		s.setStatus(SaveStatus{State: StateInvalid, Err: err})
		s.notify(err)
	default:
		s.failures++
		s.setStatus(SaveStatus{State: StateFailed, Err: err})
		s.notify(err)
		s.schedule(s.backoff())
	}
}

// backoff doubles the wait after each failure in a row: a full disk or a
// locked library is rarely fixed within a second, and hammering it helps no one.
func (s *Autosaver) backoff() time.Duration {
	d := s.Delay
	if d <= 0 {
		d = time.Second
	}
	for i := 1; i < s.failures && d < s.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, s.MaxBackoff)
}

func (s *Autosaver) notify(err error) {
	ws := s.waiters
	s.waiters = nil
	for _, w := range ws {
		w(err)
	}
}

func (s *Autosaver) setStatus(st SaveStatus) {
	s.status = st
	if s.Status != nil {
		s.Status(st)
	}
}

// Flush saves now if anything is unsaved and calls done with the outcome
// (nil when everything is saved). Used before closing and switching articles.
func (s *Autosaver) Flush(done func(error)) {
	if s.conflict {
		done(fmt.Errorf("save article: %w", editor.ErrConflict))
		return
	}
	if !s.Dirty() && !s.saving {
		done(nil)
		return
	}
	s.waiters = append(s.waiters, done)
	if !s.saving {
		s.start()
	}
}

// Resolved ends a conflict. When the person kept their version (dirty),
// it is saved at once; when they took the stored one, nothing is unsaved.
func (s *Autosaver) Resolved(dirty bool) {
	s.conflict = false
	s.failures = 0
	if !dirty {
		s.saved = s.edits
		s.firstUnsaved = time.Time{}
		s.setStatus(SaveStatus{State: StateSaved})
		return
	}
	s.edits++
	s.start()
}

// Stop cancels pending saves; a save in flight still completes.
func (s *Autosaver) Stop() {
	s.stopped = true
	s.stopTimer()
}
