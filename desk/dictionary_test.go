package desk_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"copydesk/desk"
	"copydesk/editor"
)

func (m *machine) words() []string {
	m.t.Helper()
	ws, err := m.db.NewsroomWords(context.Background(), false)
	if err != nil {
		m.t.Fatal(err)
	}
	var out []string
	for _, w := range ws {
		out = append(out, w.Word)
	}
	return out
}

// TestDictionaryTravels adds a word on one machine and removes it on the
// other: each change reaches the other library through the desk, and
// once both agree a sync has nothing to push.
func TestDictionaryTravels(t *testing.T) {
	ctx := context.Background()
	url := bareDesk(t)
	ada, ben := newMachine(t, url, "Ada Reporter"), newMachine(t, url, "Ben Editor")
	ada.join()
	ben.join()
	if err := ada.db.AddNewsroomWord(ctx, "Öztürk"); err != nil {
		t.Fatal(err)
	}
	if err := ben.db.AddNewsroomWord(ctx, "Kaukauna"); err != nil {
		t.Fatal(err)
	}
	if rep := ada.sync(); !rep.Pushed {
		t.Fatalf("ada's new word did not go out: %+v", rep)
	}
	ben.sync()
	ada.sync()
	for _, m := range []*machine{ada, ben} {
		if got := m.words(); !slices.Equal(got, []string{"Kaukauna", "Öztürk"}) {
			t.Fatalf("%s's dictionary = %q", m.name, got)
		}
	}
	file := gitCmd(t, url, "show", "main:"+desk.DictionaryFile)
	if !strings.Contains(file, "Öztürk\t+\t") || !strings.Contains(file, "Ada Reporter") {
		t.Fatalf("dictionary on the desk:\n%s", file)
	}

	// A removal is a change like an addition: the later one wins.
	time.Sleep(5 * time.Millisecond) // the removal must be stamped after the addition
	if err := ben.db.RemoveNewsroomWord(ctx, "Öztürk"); err != nil {
		t.Fatal(err)
	}
	ben.sync()
	ada.sync()
	if got := ada.words(); !slices.Equal(got, []string{"Kaukauna"}) {
		t.Fatalf("ada's dictionary after ben's removal = %q", got)
	}
	for _, m := range []*machine{ada, ben} {
		if rep := m.sync(); rep.Pushed || len(rep.Changes) != 0 {
			t.Fatalf("%s: idle sync did %+v", m.name, rep)
		}
	}
}

func TestParseDictionary(t *testing.T) {
	changed := time.Date(2026, 3, 1, 12, 0, 0, 123000000, time.UTC)
	tests := []struct {
		name    string
		in      string
		want    []editor.NewsroomWord
		badLine int
	}{
		{"empty", "", nil, 0},
		{"comments and blanks", "# header\n\n  \n", nil, 0},
		{"hand-added word", "Gonzaga\n", []editor.NewsroomWord{{Word: "Gonzaga", Source: editor.WordAdded}}, 0},
		{"full line", "Öztürk\t-\t2026-03-01T12:00:00.123Z\tBen Editor\tbyline\t4\n",
			[]editor.NewsroomWord{{Word: "Öztürk", Removed: true, Changed: changed, AddedBy: "Ben Editor", Source: editor.WordByline, Articles: 4}}, 0},
		{"crlf", "Gonzaga\t+\r\n", []editor.NewsroomWord{{Word: "Gonzaga", Source: editor.WordAdded}}, 0},
		{"two words", "ok\nNew York\n", nil, 2},
		{"bad mark", "word\t?\n", nil, 1},
		{"bad time", "word\t+\tyesterday\n", nil, 1},
		{"bad count", "word\t+\t\t\t\t-3\n", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := desk.ParseDictionary([]byte(tt.in))
			if tt.badLine > 0 {
				var fe *desk.FileError
				if !errors.As(err, &fe) || fe.Line != tt.badLine || fe.Path != desk.DictionaryFile {
					t.Fatalf("error = %v, want a file error on line %d", err, tt.badLine)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(got, tt.want, func(a, b editor.NewsroomWord) bool { return a == b }) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// FuzzParseDictionary: whatever a hand edit puts in the file, parsing
// returns words or a line error, and what it returns survives a round trip.
func FuzzParseDictionary(f *testing.F) {
	f.Add([]byte("Öztürk\t+\t2026-03-01T12:00:00Z\tAda\tadded\t0\n"))
	f.Add([]byte("Gonzaga\n# note\nbad word\n"))
	f.Add([]byte("x\t-\t\t\t\t7\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		words, err := desk.ParseDictionary(data)
		if err != nil {
			return
		}
		again, err := desk.ParseDictionary(desk.EncodeDictionary(words))
		if err != nil {
			t.Fatalf("re-parse of the encoded dictionary: %v", err)
		}
		if len(again) != len(words) {
			t.Fatalf("round trip: %d words, then %d", len(words), len(again))
		}
		for i := range words {
			if again[i].Word != words[i].Word || again[i].Removed != words[i].Removed || !again[i].Changed.Equal(words[i].Changed) {
				t.Fatalf("round trip changed %+v into %+v", words[i], again[i])
			}
		}
	})
}
