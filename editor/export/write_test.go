package export

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteArticle(t *testing.T) {
	tests := []struct {
		format string
		main   string
		others []string // written beside it
		absent []string
	}{
		{"html", "ukraine-allies-security-guarantees.html", []string{"ukraine-allies-security-guarantees.png", "assets/site.css", "assets/site.js"}, nil},
		{"hugo", "ukraine-allies-security-guarantees/index.md", []string{"ukraine-allies-security-guarantees/ukraine-allies-security-guarantees.png"}, []string{"assets"}},
		{"ninjs", "ukraine-allies-security-guarantees.json", nil, []string{"ukraine-allies-security-guarantees.png", "assets"}},
		{"text", "ukraine-allies-security-guarantees.txt", nil, []string{"ukraine-allies-security-guarantees.png"}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			dir := t.TempDir()
			f, _ := Lookup(tt.format)
			path, err := WriteArticle(context.Background(), dir, f, sampleFull(), testSite())
			if err != nil {
				t.Fatal(err)
			}
			if path != filepath.Join(dir, tt.main) {
				t.Errorf("path = %s, want %s", path, tt.main)
			}
			var want bytes.Buffer
			if err := f.Encode(&want, sampleFull(), testSite()); err != nil {
				t.Fatal(err)
			}
			if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want.Bytes()) {
				t.Errorf("file differs from Encode's output (%v)", err)
			}
			for _, o := range tt.others {
				if _, err := os.Stat(filepath.Join(dir, o)); err != nil {
					t.Errorf("missing %s: %v", o, err)
				}
			}
			for _, o := range tt.absent {
				if _, err := os.Stat(filepath.Join(dir, o)); err == nil {
					t.Errorf("%s written, but %s does not refer to it", o, tt.format)
				}
			}
		})
	}
	t.Run("image failure names the image", func(t *testing.T) {
		site := testSite()
		site.Images = fakeImages{fail: true}
		_, err := WriteArticle(context.Background(), t.TempDir(), HTML, sampleFull(), site)
		if err == nil || !strings.Contains(err.Error(), "copydesk-image:") {
			t.Fatalf("err = %v", err)
		}
	})
}
