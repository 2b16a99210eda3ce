package bodyedit

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
)

// checkLayouts requires every cached layout, however it was reached
// (incrementally after edits or from scratch), to equal a fresh layout of
// the same text.
func checkLayouts(t *testing.T, e *Editor) {
	t.Helper()
	for p, pa := range e.paras {
		if pa.lay == nil {
			continue
		}
		got, want := pa.lay, e.layoutPara(pa.text, pa.lay.width)
		fail := func(what string, i int) {
			t.Helper()
			lo, hi := max(i-30, 0), min(i+30, len(pa.text))
			t.Fatalf("paragraph %d: %s differs at %d from a fresh layout, near %q|%q\ngw got %v\nwant %v\nbrk got %v\nwant %v", p, what, i, string(pa.text[lo:i]), string(pa.text[i:hi]), got.gw[lo:hi], want.gw[lo:hi], got.brk[lo:hi], want.brk[lo:hi])
		}
		if len(got.starts) != len(want.starts) {
			fail("line count", len(got.starts))
		}
		for i := range want.starts {
			if got.starts[i] != want.starts[i] {
				fail("line starts", i)
			}
		}
		for i := range want.gb {
			if got.gb[i] != want.gb[i] {
				fail("grapheme boundaries", i)
			}
			if got.brk[i] != want.brk[i] && i < len(pa.text) {
				fail("break opportunities", i)
			}
			if d := got.xs[i] - want.xs[i]; d > 0.01 || d < -0.01 {
				fail("x positions", i)
			}
		}
		for i := range want.styles {
			if got.styles[i] != want.styles[i] {
				fail("styles", i)
			}
		}
	}
}

var relayoutSeed, relayoutSteps uint64 = 1, 400

// Random typing, deleting and replacing inside a long paragraph: the
// incremental relayout must match a full one after every edit.
func TestRelayoutMatchesFullLayout(t *testing.T) {
	base := strings.ReplaceAll(prose(1500), "\n", " ") + " e\u0301t\u00e9 \U0001F469\u200D\U0001F467 新闻编辑部今天 “quoted” — dash-word 3.5"
	e, _ := newTestEditor(t, base, 500, 400)
	rng := rand.New(rand.NewPCG(relayoutSeed, 2))
	pieces := []string{"a", " ", "**", "*", "_", "[", "](", ")", "`", "e\u0301", "新", "\U0001F1EB\U0001F1F7", "word ", "-", "“"}
	for step := uint64(0); step < relayoutSteps; step++ {
		n := e.Len()
		s := rng.IntN(n + 1)
		end := min(n, s+rng.IntN(4))
		switch rng.IntN(3) {
		case 0:
			e.Select(s, s)
			test := pieces[rng.IntN(len(pieces))]
			for _, r := range test {
				e.TypedRune(r)
			}
		case 1:
			e.Select(s, s)
			key(e, fyne.KeyBackspace)
		default:
			e.ReplaceRange(s, end, pieces[rng.IntN(len(pieces))])
		}
		p, _ := e.locate(e.Caret())
		e.ensureLayout(p)
		checkLayouts(t, e)
	}
	if !utf8.ValidString(e.Text()) {
		t.Fatal("text is not valid UTF-8")
	}
}
