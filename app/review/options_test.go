package review

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"copydesk/editor/review"
)

func TestStampNamesTheZoneWhenTheMachineDiffers(t *testing.T) {
	t.Parallel()
	chicago, err := time.LoadLocation("America/Chicago")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	winter := time.Date(2026, 1, 15, 14, 30, 0, 0, time.UTC)
	summer := time.Date(2026, 7, 15, 14, 30, 0, 0, time.UTC)
	tests := []struct {
		name              string
		newsroom, machine *time.Location
		at                time.Time
		want              string
	}{
		{"same zone", chicago, chicago, winter, "Jan 15 08:30"},
		{"newsroom elsewhere", chicago, berlin, winter, "Jan 15 08:30 CST"},
		{"summer time named", chicago, berlin, summer, "Jul 15 09:30 CDT"},
		{"same offset, other name", time.UTC, time.FixedZone("GMT", 0), winter, "Jan 15 14:30"},
		{"fixed offset", time.FixedZone("", 5*3600+1800), time.UTC, winter, "Jan 15 20:00 +0530"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := Options{Location: tt.newsroom, Machine: tt.machine}.withDefaults()
			if got := o.Stamp(tt.at); got != tt.want {
				t.Errorf("Stamp = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestNotesShowTheZoneWhenTheMachineDiffers: a note's time carries the
// newsroom's zone on a machine whose clock reads otherwise.
func TestNotesShowTheZoneWhenTheMachineDiffers(t *testing.T) {
	test.NewTempApp(t)
	store := &rvNotes{body: "The council voted 5-2.", notes: []review.Note{
		{ID: 1, Text: "Name them", Anchor: review.Anchor{Text: "voted 5-2", Start: 12}, Author: "Ed Itor", Time: time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)},
	}}
	opts := syncReview
	opts.Machine = time.FixedZone("PDT", -7*3600)
	p := NewNotesPanel(store, 7, opts)
	w := test.NewWindow(p.Object())
	defer w.Close()
	if len(p.rows) != 1 || !strings.Contains(p.rows[0].meta.Text, "Apr 1 08:00 UTC") {
		t.Errorf("meta %q, want the time with its zone", p.rows[0].meta.Text)
	}
}
