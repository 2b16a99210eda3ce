package preview

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"copydesk/editor"
	"copydesk/editor/synth"
)

// typeInMiddle returns body with one character appended to the middle
// paragraph, alternating, as a keystroke would change it.
func typeInMiddle(body string, i int) string {
	paras := strings.Split(body, "\n\n")
	m := len(paras) / 2
	paras[m] += string(rune('a' + i%26))
	return strings.Join(paras, "\n\n")
}

// BenchmarkPreviewRefresh measures one preview refresh after a keystroke:
// the background half (parse the changed chunk, reuse the rest, header
// blocks) plus the UI half (swap blocks, relayout the rows on screen).
// "cold" re-renders every block, as a non-incremental preview would.
func BenchmarkPreviewRefresh(b *testing.B) {
	test.NewTempApp(b)
	s := editor.DefaultSettings()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, words := range []int{1000, 10000, 50000} {
		a := synth.Article(int64(words), words)
		for _, mode := range []string{"incremental", "cold"} {
			b.Run(fmt.Sprintf("words=%d/%s", words, mode), func(b *testing.B) {
				v := NewView()
				w := test.NewWindow(v.scroll)
				defer w.Close()
				w.Resize(fyne.NewSize(640, 900))
				r := &Renderer{}
				v.SetBlocks(r.Blocks(a, s, now))
				i := 0
				for b.Loop() {
					i++
					snap := a.Clone()
					snap.Body = typeInMiddle(a.Body, i)
					if mode == "cold" {
						r = &Renderer{}
					}
					v.SetBlocks(r.Blocks(snap, s, now))
				}
				if len(v.shown) == 0 {
					b.Fatal("no rows on screen")
				}
			})
		}
	}
}

// BenchmarkPreviewApply is the UI goroutine's share alone: swapping in a
// render where one block changed.
func BenchmarkPreviewApply(b *testing.B) {
	test.NewTempApp(b)
	s := editor.DefaultSettings()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	a := synth.Article(50000, 50000)
	v := NewView()
	w := test.NewWindow(v.scroll)
	defer w.Close()
	w.Resize(fyne.NewSize(640, 900))
	r := &Renderer{}
	renders := make([][]Block, 2)
	for i := range renders {
		snap := a.Clone()
		snap.Body = typeInMiddle(a.Body, i)
		renders[i] = r.Blocks(snap, s, now)
	}
	i := 0
	for b.Loop() {
		i++
		v.SetBlocks(renders[i%2])
	}
}
