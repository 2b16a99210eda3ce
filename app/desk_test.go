package app

import (
	"testing"
	"time"
)

func TestDeskText(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		st   DeskState
		want string
	}{
		{"no desk", DeskState{}, ""},
		{"never synced", DeskState{Joined: true}, "Desk: not synced yet"},
		{"just now", DeskState{Joined: true, LastSync: now.Add(-20 * time.Second)}, "Desk: synced just now"},
		{"minutes", DeskState{Joined: true, LastSync: now.Add(-2*time.Minute - 5*time.Second)}, "Desk: synced 2 min ago"},
		{"offline", DeskState{Joined: true, LastSync: now.Add(-10 * time.Minute), Waiting: 3, Offline: true}, "Desk: offline, 3 waiting"},
		{"changed during sync", DeskState{Joined: true, LastSync: now.Add(-time.Second), Waiting: 1}, "Desk: synced just now, 1 waiting"},
		{"conflicts first", DeskState{Joined: true, LastSync: now, Waiting: 3, Conflicts: 2}, "Desk: 2 conflicts"},
		{"one conflict", DeskState{Joined: true, Conflicts: 1}, "Desk: 1 conflict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := deskText(tt.st, now); got != tt.want {
				t.Errorf("deskText = %q, want %q", got, tt.want)
			}
		})
	}
}
