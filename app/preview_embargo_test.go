package app

import (
	"strings"
	"testing"
	"time"

	"copydesk/editor"
)

// TestPreviewEmbargo: while an article is embargoed the preview says
// until when, in the newsroom's time zone, where the date would be.
func TestPreviewEmbargo(t *testing.T) {
	tests := []struct {
		name    string
		embargo time.Time
		want    string
	}{
		{"ahead", time.Date(2099, 12, 31, 15, 0, 0, 0, time.UTC), "Embargoed until Dec. 31, 2099, 9 a.m. CST"},
		{"passed", time.Date(2001, 1, 1, 15, 0, 0, 0, time.UTC), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := newFakeStore()
			ar := store.put(&editor.Article{Headline: "Rates rise", Byline: []string{"Dana Whitfield"}, Status: editor.StatusApproved,
				Embargo: tt.embargo, Body: "The central bank raised rates.\n"})
			h := newHarness(t, store)
			h.app.openArticle(ar.ID)
			h.advance(PreviewDelay)
			text := h.app.preview.Text()
			if tt.want == "" {
				if strings.Contains(text, "Embargoed") {
					t.Errorf("preview shows an embargo that has passed:\n%s", text)
				}
				return
			}
			by, notice := strings.Index(text, "By Dana Whitfield"), strings.Index(text, tt.want)
			if notice < 0 || by < 0 || notice < by {
				t.Errorf("preview lacks %q under the byline:\n%s", tt.want, text)
			}
		})
	}
}
