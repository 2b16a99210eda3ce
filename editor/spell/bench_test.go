package spell

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// article writes a deterministic article of n words: sentences of real
// words from testdata with a name, a number and, one word in a hundred, a
// misspelling, in paragraphs.
func article(tb testing.TB, n int) string {
	words, label := readWordList(tb)
	var real, bad []string
	for _, w := range words {
		if label[w] == "real" {
			real = append(real, w)
		} else {
			bad = append(bad, w)
		}
	}
	r := rand.New(rand.NewPCG(7, 11))
	var b strings.Builder
	inSentence := 0
	for i := range n {
		w := real[r.IntN(len(real))]
		switch {
		case r.IntN(100) == 0:
			w = bad[r.IntN(len(bad))]
		case r.IntN(60) == 0:
			w = "Appleton"
		case r.IntN(80) == 0:
			w = "2026"
		}
		if inSentence == 0 {
			w = initCap(w)
		}
		b.WriteString(w)
		inSentence++
		switch {
		case i == n-1 || inSentence > 8+r.IntN(12):
			b.WriteString(".")
			inSentence = 0
			if r.IntN(5) == 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteString(" ")
			}
		case r.IntN(12) == 0:
			b.WriteString(", ")
		default:
			b.WriteString(" ")
		}
	}
	return b.String()
}

// cpuTime is the process's user+system CPU time. Benchmarks report it
// beside wall time because the machines they run on are shared: on a busy
// one wall time measures the queue, CPU time the work.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the CPU time per operation (per unit, when each
// iteration does several) since start.
func reportCPU(b *testing.B, start time.Duration, units int) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N*units)/1e6, "cpu-ms/op")
}

func BenchmarkLoadEnUS(b *testing.B) {
	var heap uint64
	start := cpuTime()
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		d, err := LoadBytes(enUSAff, enUSDic)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = after.HeapAlloc - before.HeapAlloc
		runtime.KeepAlive(d)
	}
	reportCPU(b, start, 1)
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
}

// The hunspell binary starting and loading the same dictionary with
// nothing to check: the baseline for BenchmarkLoadEnUS.
func BenchmarkHunspellLoad(b *testing.B) {
	bin := hunspellBinary(b)
	base, _ := filepath.Abs(filepath.Join("dict", "en_US"))
	var cpu time.Duration
	for b.Loop() {
		cmd := exec.Command(bin, "-l", "-d", base)
		cmd.Stdin = strings.NewReader("")
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
		cpu += childCPU(cmd)
	}
	b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
}

// childCPU is the CPU time a finished command used.
func childCPU(cmd *exec.Cmd) time.Duration {
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

func BenchmarkCheckArticle10k(b *testing.B) {
	d := enUS(b)
	text := article(b, 10000)
	b.SetBytes(int64(len(text)))
	var bad int
	start := cpuTime()
	for b.Loop() {
		bad = len(NewDocument(d, d.WordChars(), text).Misspelt())
	}
	reportCPU(b, start, 1)
	b.ReportMetric(float64(bad), "misspelt")
}

// The hunspell binary listing the misspelt words of the same article;
// subtract BenchmarkHunspellLoad for its checking alone.
func BenchmarkHunspellArticle10k(b *testing.B) {
	bin := hunspellBinary(b)
	base, _ := filepath.Abs(filepath.Join("dict", "en_US"))
	text := article(b, 10000)
	b.SetBytes(int64(len(text)))
	var bad int
	var cpu time.Duration
	for b.Loop() {
		cmd := exec.Command(bin, "-l", "-d", base)
		cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
		cmd.Stdin = strings.NewReader(text)
		out, err := cmd.Output()
		if err != nil {
			b.Fatal(err)
		}
		bad = strings.Count(string(out), "\n")
		cpu += childCPU(cmd)
	}
	b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(bad), "misspelt")
}

// One keystroke in the middle of a 50,000-word article: type a letter,
// then delete it (two edits per iteration, each re-checking its line).
func BenchmarkKeystroke50k(b *testing.B) {
	d := enUS(b)
	text := article(b, 50000)
	doc := NewDocument(d, d.WordChars(), text)
	at := strings.LastIndex(text[:len(text)/2], " ")
	start := cpuTime()
	for b.Loop() {
		doc.Edit(at, at, "x")
		doc.Edit(at, at+1, "")
	}
	reportCPU(b, start, 2)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(2*b.N)/1000, "µs/edit")
}

func BenchmarkSuggest(b *testing.B) {
	d := enUS(b)
	words := []string{"recieve", "accomodation", "teh", "definately", "goverment", "Kowalczk", "occurence", "wierd"}
	start := cpuTime()
	for b.Loop() {
		for _, w := range words {
			d.Suggest(w)
		}
	}
	reportCPU(b, start, len(words))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(len(words)*b.N)/1e6, "ms/word")
}
