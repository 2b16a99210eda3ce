package review

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// Options are shared by the review views (history, notes, audit).
// Zero values pick the real thing; tests pass synchronous hops so every
// store call has finished when the test looks.
type Options struct {
	Go       func(func())   // runs store calls off the UI goroutine
	Do       func(func())   // runs f on the UI goroutine (fyne.Do)
	Location *time.Location // the newsroom's: times are shown in it
	// Machine is the computer's own zone (default time.Local); a time
	// whose offset differs from it is shown with its zone, so "15:04"
	// cannot be read as the reader's own clock.
	Machine *time.Location
}

func (o Options) withDefaults() Options {
	if o.Go == nil {
		o.Go = func(f func()) { go f() }
	}
	if o.Do == nil {
		o.Do = fyne.Do
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.Machine == nil {
		o.Machine = time.Local
	}
	return o
}

// Stamp is t as the review views show it: "Jan 2 15:04" in the newsroom's
// zone, with the zone's name ("Jan 2 15:04 CET") when the machine's clock
// reads differently at that moment.
func (o Options) Stamp(t time.Time) string {
	in := t.In(o.Location)
	s := in.Format("Jan 2 15:04")
	_, off := in.Zone()
	if _, mine := t.In(o.Machine).Zone(); mine != off {
		s += " " + in.Format("MST")
	}
	return s
}

// Cause is the part of a wrapped error a reporter needs: "save article 3:
// exec: disk full" reads "disk full"; the log keeps the whole chain.
func Cause(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && i+2 < len(msg) {
		return msg[i+2:]
	}
	return msg
}
