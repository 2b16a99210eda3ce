package editor

import (
	"strings"
	"time"
)

// KilledPage says what a site export leaves where a killed article was.
type KilledPage string

// The choices for Settings.KilledPages.
const (
	// KilledTombstone leaves a page saying the article was withdrawn, so
	// readers following an old link learn why it is gone.
	KilledTombstone KilledPage = "tombstone"
	// KilledRemove deletes the page; the link then gives the server's 404.
	KilledRemove KilledPage = "remove"
)

// DefaultListPageSize is how many articles a section or home page lists
// before the next page starts, when Settings.ListPageSize is unset.
const DefaultListPageSize = 50

// Embargoed reports whether a's embargo has not yet passed at now.
func (a *Article) Embargoed(now time.Time) bool {
	return !a.Embargo.IsZero() && now.Before(a.Embargo)
}

// OnSite reports whether the public site carries a at now: it is
// published and any embargo has passed.
func (a *Article) OnSite(now time.Time) bool {
	return a.Status == StatusPublished && !a.Embargoed(now)
}

// LastCorrected is the time of the newest correction, zero if none.
func (a *Article) LastCorrected() time.Time {
	var t time.Time
	for _, c := range a.Corrections {
		if c.Time.After(t) {
			t = c.Time
		}
	}
	return t
}

// apMonths are the month names as AP style writes them before a day:
// March to July in full, the others abbreviated.
var apMonths = [...]string{"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}

// APDate is t's date in loc the way a newspaper prints it: "Dec. 4, 2026".
func APDate(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return apMonths[t.Month()-1] + " " + t.Format("2, 2006")
}

// APTime is t's date and time in loc with its zone: "Dec. 4, 2026, 3:05
// p.m. CST"; noon and midnight are written as words.
func APTime(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	clock := t.Format("3:04")
	switch {
	case t.Hour() == 12 && t.Minute() == 0:
		clock = "noon"
	case t.Hour() == 0 && t.Minute() == 0:
		clock = "midnight"
	case t.Hour() < 12:
		clock = strings.TrimSuffix(clock, ":00") + " a.m."
	default:
		clock = strings.TrimSuffix(clock, ":00") + " p.m."
	}
	return APDate(t, loc) + ", " + clock + " " + t.Format("MST")
}

// EmbargoNotice is the line the preview and an exported page show under
// the byline while a is embargoed: "Embargoed until Dec. 4, 2026, 3 p.m.
// CST", in the newsroom's time zone. It is "" when a has no embargo left.
func EmbargoNotice(a *Article, s Settings, now time.Time) string {
	if !a.Embargoed(now) {
		return ""
	}
	return "Embargoed until " + APTime(a.Embargo, s.Location())
}
