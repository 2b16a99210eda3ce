package desk

import (
	"errors"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
	"copydesk/editor/review"
)

func TestNotesAndAuditRoundTrip(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	notes := []review.Note{
		{UID: "n2", Text: "Second", Author: "Ben", Time: at.Add(time.Minute), Resolved: true},
		{UID: "n1", Text: "Check the count", Anchor: review.Anchor{Text: "5-2", Start: 12}, Author: "Ada", Time: at},
	}
	got, err := DecodeNotes(NotesFile, EncodeNotes(notes))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].UID != "n1" || got[0].Anchor.Start != 12 || !got[1].Resolved {
		t.Fatalf("notes came back as %+v", got)
	}
	audit := []review.AuditEntry{{UID: "a1", Time: at, Person: "Ada", From: editor.StatusDraft, To: editor.StatusFiled}}
	ga, err := DecodeAudit(AuditFile, EncodeAudit(audit))
	if err != nil || len(ga) != 1 || ga[0].To != editor.StatusFiled {
		t.Fatalf("audit came back as %+v, %v", ga, err)
	}
}

func TestDecodeRefusesWithLine(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"bad json", "{\"uid\":\"n1\",\"text\":\"a\",\"author\":\"x\",\"time\":\"2026-01-01T00:00:00Z\"}\n{oops\n", "notes.jsonl:2:"},
		{"unknown key", "{\"uid\":\"n1\",\"txt\":\"a\"}\n", "notes.jsonl:1:"},
		{"no text", "\n\n{\"uid\":\"n1\",\"text\":\" \"}\n", "notes.jsonl:3:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeNotes(NotesFile, []byte(tt.data))
			var fe *FileError
			if !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("err = %v, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestUnionIsOrderFree(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	a := []review.Note{{UID: "n1", Text: "A", Time: at}, {UID: "n2", Text: "B", Time: at.Add(time.Second)}}
	b := []review.Note{{UID: "n2", Text: "B", Time: at.Add(time.Second), Resolved: true}, {UID: "n3", Text: "C", Time: at}}
	x, y := EncodeNotes(UnionNotes(a, b)), EncodeNotes(UnionNotes(b, a))
	if string(x) != string(y) {
		t.Fatalf("union depends on order:\n%s\n%s", x, y)
	}
	if n := strings.Count(string(x), "\n"); n != 3 || !strings.Contains(string(x), `"uid":"n2","text":"B","author":"","time":"2026-03-02T09:30:01Z","resolved":true`) {
		t.Fatalf("union:\n%s", x)
	}
}

func TestConfigRoundTripAndRefusals(t *testing.T) {
	c := Config{Masthead: "The Appleton Times", Sections: []string{"News"}, HeadlineGuide: 70, TimeZone: "America/Chicago",
		Members: []Member{{Name: "Ada", Email: "ada@x.org", Role: editor.RoleEditor}}}
	data, err := EncodeConfig(c)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeConfig(data)
	if err != nil || got.Masthead != c.Masthead || !got.IsEditor("Ada") {
		t.Fatalf("config came back as %+v, %v", got, err)
	}
	for _, bad := range []string{"masthed = \"x\"\n", "[[members]]\nname = \"x\"\nrole = \"boss\"\n", "masthead = \n"} {
		if _, err := DecodeConfig([]byte(bad)); err == nil || !strings.HasPrefix(err.Error(), ConfigFile) {
			t.Errorf("DecodeConfig(%q) = %v, want an error naming %s", bad, err, ConfigFile)
		}
	}
}

// FuzzDecodeLines: notes.jsonl and audit.jsonl arrive from other machines
// and hand edits; whatever they hold, decoding returns notes or a
// FileError, never panics, and what decodes encodes back to the same set.
func FuzzDecodeLines(f *testing.F) {
	f.Add([]byte(`{"uid":"n1","text":"Check","author":"Ada","time":"2026-01-01T00:00:00Z"}` + "\n"))
	f.Add([]byte(`{"uid":"a1","time":"2026-01-01T00:00:00Z","person":"Ada","from":"draft","to":"filed"}` + "\n"))
	f.Add([]byte("{\n}\n\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		notes, err := DecodeNotes(NotesFile, data)
		var fe *FileError
		if err != nil && !errors.As(err, &fe) {
			t.Fatalf("error is not a FileError: %v", err)
		}
		if err == nil {
			again, err := DecodeNotes(NotesFile, EncodeNotes(notes))
			if err != nil || len(again) != len(notes) {
				t.Fatalf("re-encoded notes: %d vs %d, %v", len(again), len(notes), err)
			}
		}
		if _, err := DecodeAudit(AuditFile, data); err != nil && !errors.As(err, &fe) {
			t.Fatalf("error is not a FileError: %v", err)
		}
	})
}

// FuzzDecodeConfig: desk.toml is edited by hand; a bad one is a FileError.
func FuzzDecodeConfig(f *testing.F) {
	f.Add([]byte("masthead = \"The Appleton Times\"\n[[members]]\nname = \"Ada\"\nrole = \"editor\"\n"))
	f.Add([]byte("sections = [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := DecodeConfig(data)
		var fe *FileError
		if err != nil && !errors.As(err, &fe) {
			t.Fatalf("error is not a FileError: %v", err)
		}
	})
}
