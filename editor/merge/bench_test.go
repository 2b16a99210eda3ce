package merge

import (
	"bytes"
	"strings"
	"testing"

	"copydesk/editor"
	"copydesk/editor/synth"
)

// benchVersions is a synthetic article of words words and two edits of
// it. Each side rewrites every every-th paragraph, at different places,
// plus one paragraph both rewrite (one conflict) and the headline on one
// side; every <= 0 means each side rewrites every paragraph.
func benchVersions(words, every int) (base, mine, theirs *editor.Article) {
	base = synth.Article(1, words)
	paras := SplitParagraphs(base.Body)
	edit := func(offset int, mark string) *editor.Article {
		a := base.Clone()
		ps := append([]string(nil), paras...)
		for i := range ps {
			if every <= 0 || i%every == offset {
				ps[i] += " " + mark
			}
		}
		ps[len(ps)/2] += " " + mark + " (both)"
		a.Body = strings.Join(ps, "\n\n") + "\n"
		return a
	}
	mine, theirs = edit(0, "Mine."), edit(every/2, "Theirs.")
	mine.Headline += " today"
	return base, mine, theirs
}

func benchmarkArticles(b *testing.B, words, every int) {
	base, mine, theirs := benchVersions(words, every)
	measure(b, func() {
		if r := Articles(base, mine, theirs, Options{}); len(r.Conflicts) == 0 {
			b.Fatal("no conflict")
		}
	})
	b.ReportMetric(float64(len(SplitParagraphs(base.Body))), "paragraphs")
}

// The baseline is what a sync does with every changed article anyway:
// write its three versions as article.md.
func benchmarkWriteThree(b *testing.B, words, every int) {
	base, mine, theirs := benchVersions(words, every)
	var buf bytes.Buffer
	measure(b, func() {
		for _, a := range []*editor.Article{base, mine, theirs} {
			buf.Reset()
			if err := editor.WriteMarkdown(&buf, a); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// measure runs op in the benchmark loop and reports its CPU time per
// operation (cpu-ns/op) beside the wall time.
func measure(b *testing.B, op func()) {
	start, ok := cpuNanos()
	n := 0
	for b.Loop() {
		op()
		n++
	}
	if end, ok2 := cpuNanos(); ok && ok2 && n > 0 {
		b.ReportMetric(float64(end-start)/float64(n), "cpu-ns/op")
	}
}

func BenchmarkArticles1kWordsFewEdits(b *testing.B)  { benchmarkArticles(b, 1000, 10) }
func BenchmarkArticles10kWordsFewEdits(b *testing.B) { benchmarkArticles(b, 10000, 20) }
func BenchmarkArticles10kWordsRewrite(b *testing.B)  { benchmarkArticles(b, 10000, 0) }
func BenchmarkArticles50kWordsFewEdits(b *testing.B) { benchmarkArticles(b, 50000, 50) }
func BenchmarkWriteThree10kWordsBaseline(b *testing.B) {
	benchmarkWriteThree(b, 10000, 20)
}
