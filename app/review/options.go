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
	Go       func(func()) // runs store calls off the UI goroutine
	Do       func(func()) // runs f on the UI goroutine (fyne.Do)
	Location *time.Location
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
	return o
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
