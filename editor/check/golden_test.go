package check

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"copydesk/editor"
)

// update rewrites the golden files: go test ./editor/check -update, then
// review the diff like any other change to what the desk is told.
var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// golden is what a fixture produces, with each finding's and fact's
// passage spelled out so a reviewer of the diff sees what moved.
type golden struct {
	Findings []goldenItem `json:"findings"`
	Facts    []goldenItem `json:"facts"`
}

type goldenItem struct {
	What    string `json:"what"` // "warning style" / "figure"
	Field   string `json:"field"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Passage string `json:"passage"`
	Message string `json:"message,omitempty"`
	Speaker string `json:"speaker,omitempty"`
}

func TestGolden(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"reference", "clean"} {
		t.Run(name, func(t *testing.T) {
			a := loadArticle(t, name+".json")
			var g golden
			for _, f := range Run(a, editor.DefaultSettings(), Context{}) {
				g.Findings = append(g.Findings, goldenItem{What: string(f.Severity) + " " + f.Rule, Field: f.Field, Start: f.Start, End: f.End,
					Passage: flagged(t, a, f), Message: f.Message})
			}
			for _, f := range FactSheet(a) {
				g.Facts = append(g.Facts, goldenItem{What: string(f.Kind), Field: f.Field, Start: f.Start, End: f.End,
					Passage: flagged(t, a, Finding{Field: f.Field, Start: f.Start, End: f.End}), Speaker: f.Speaker})
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(g); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from the checks' output; run go test ./editor/check -update and review the diff.\ngot:\n%s", path, firstDiff(buf.String(), string(want)))
			}
		})
	}
}

// firstDiff shows the first differing line, enough to start looking.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + itoa(i+1) + ":\n  got:  " + g[i] + "\n  want: " + w[i]
		}
	}
	return "lengths differ"
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }
