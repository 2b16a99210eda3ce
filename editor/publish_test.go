package editor

import (
	"bytes"
	"testing"
	"time"
)

func TestAPTime(t *testing.T) {
	chicago, err := time.LoadLocation("America/Chicago")
	if err != nil {
		t.Skip("no zoneinfo:", err)
	}
	tests := []struct {
		utc       time.Time
		date, all string
	}{
		{time.Date(2026, 12, 4, 21, 5, 0, 0, time.UTC), "Dec. 4, 2026", "Dec. 4, 2026, 3:05 p.m. CST"},
		{time.Date(2026, 12, 4, 21, 0, 0, 0, time.UTC), "Dec. 4, 2026", "Dec. 4, 2026, 3 p.m. CST"},
		{time.Date(2026, 7, 1, 14, 30, 0, 0, time.UTC), "July 1, 2026", "July 1, 2026, 9:30 a.m. CDT"},
		{time.Date(2026, 9, 10, 17, 0, 0, 0, time.UTC), "Sept. 10, 2026", "Sept. 10, 2026, noon CDT"},
		{time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC), "March 2, 2026", "March 2, 2026, midnight CST"},
		{time.Date(2026, 1, 1, 5, 59, 0, 0, time.UTC), "Dec. 31, 2025", "Dec. 31, 2025, 11:59 p.m. CST"},
	}
	for _, tt := range tests {
		if got := APDate(tt.utc, chicago); got != tt.date {
			t.Errorf("APDate(%v) = %q, want %q", tt.utc, got, tt.date)
		}
		if got := APTime(tt.utc, chicago); got != tt.all {
			t.Errorf("APTime(%v) = %q, want %q", tt.utc, got, tt.all)
		}
	}
}

func TestEmbargo(t *testing.T) {
	lift := time.Date(2026, 12, 4, 21, 0, 0, 0, time.UTC)
	s := DefaultSettings() // America/Chicago
	tests := []struct {
		name   string
		status Status
		now    time.Time
		onSite bool
		notice string
	}{
		{"before", StatusPublished, lift.Add(-time.Minute), false, "Embargoed until Dec. 4, 2026, 3 p.m. CST"},
		{"at the time", StatusPublished, lift, true, ""},
		{"after", StatusPublished, lift.Add(time.Hour), true, ""},
		{"approved is never on the site", StatusApproved, lift.Add(time.Hour), false, ""},
		{"killed is never on the site", StatusKilled, lift.Add(time.Hour), false, ""},
	}
	for _, tt := range tests {
		a := &Article{Headline: "Rates rise", Status: tt.status, Embargo: lift}
		if got := a.OnSite(tt.now); got != tt.onSite {
			t.Errorf("%s: OnSite = %v, want %v", tt.name, got, tt.onSite)
		}
		if got := EmbargoNotice(a, s, tt.now); got != tt.notice {
			t.Errorf("%s: notice %q, want %q", tt.name, got, tt.notice)
		}
	}
}

func TestEmbargoFrontMatterRoundTrip(t *testing.T) {
	src := "---\nheadline: Rates rise\nstatus: approved\nembargo: 2026-12-04T15:00:00-06:00\n---\n\nBody.\n"
	a, err := ParseMarkdown([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 12, 4, 21, 0, 0, 0, time.UTC); !a.Embargo.Equal(want) {
		t.Fatalf("embargo %v, want %v", a.Embargo, want)
	}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, a); err != nil {
		t.Fatal(err)
	}
	if b.String() != src {
		t.Errorf("round trip changed the file:\n%s", b.String())
	}
	if _, err := ParseMarkdown([]byte("---\nheadline: X\nembargo: tomorrow\n---\n")); err == nil {
		t.Error("an embargo that is not a time was accepted")
	}
	killed, err := ParseMarkdown([]byte("---\nheadline: X\nstatus: killed\n---\n"))
	if err != nil || killed.Status != StatusKilled {
		t.Errorf("status killed: %v %v", killed, err)
	}
}
