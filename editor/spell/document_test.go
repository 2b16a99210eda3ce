package spell

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"copydesk/editor"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The Appleton Times reported.", []string{"The", "Appleton", "Times", "reported"}},
		{"See https://appletontimes.com/a-b?x=1 now", []string{"See", "now"}},
		{"Mail jane.doe@example.org or visit www.example.com.", []string{"Mail", "or", "visit"}},
		{"Run `go tset` please", []string{"Run", "please"}},
		{"```\nnot chcked\n```\nchecked", []string{"checked"}},
		{"It was 5km long and cost $1,200 in the 1990s, the 21st time.", []string{"It", "was", "long", "and", "cost", "in", "the", "the", "21st", "time"}},
		{"A [link](https://x.y/zz) here", []string{"A", "link", "here"}},
		{"don't and don’t, well-known -dash- end", []string{"don't", "and", "don’t", "well-known", "dash", "end"}},
		{"Öztürk said «bonjour»", []string{"Öztürk", "said", "bonjour"}},
		{"    indented code is skipped\nprose", []string{"prose"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range Tokenize(tt.text, "0123456789’") {
			if tt.text[tok.Start:tok.End] != tok.Word {
				t.Errorf("%q: token %q does not match its offsets", tt.text, tok.Word)
			}
			got = append(got, tok.Word)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestWordsNewsroom(t *testing.T) {
	w := NewWords(enUS(t), "Öztürk", "Kowalczyk", "asdfword")
	tests := []struct {
		word string
		ok   bool
	}{
		{"Öztürk", true}, {"ÖZTÜRK", true}, {"Öztürk's", true}, {"Öztürk’s", true}, {"öztürk", false},
		{"Kowalczyk", true}, {"Asdfword", true}, {"ASDFWORD", true},
		{"newsroom", true}, {"Kowalczk", false},
	}
	for _, tt := range tests {
		if got := w.Check(tt.word); got != tt.ok {
			t.Errorf("Check(%q) = %v, want %v", tt.word, got, tt.ok)
		}
	}
	w.Remove("Kowalczyk")
	if w.Check("Kowalczyk") {
		t.Error("a removed word is still accepted")
	}
}

func misspeltWords(d *Document) []string {
	var out []string
	for _, t := range d.Misspelt() {
		out = append(out, t.Word)
	}
	return out
}

func TestDocumentEdit(t *testing.T) {
	w := NewWords(enUS(t))
	doc := NewDocument(w, "0123456789’", "The reporter wrote teh story.\n\nA second paragarph here.")
	if got, want := misspeltWords(doc), []string{"teh", "paragarph"}; !slices.Equal(got, want) {
		t.Fatalf("misspelt = %q, want %q", got, want)
	}
	at := strings.Index(doc.Text(), "teh")
	changed := doc.Edit(at, at+3, "the")
	if len(changed) != 0 {
		t.Errorf("fixed line still reports %v", changed)
	}
	if got, want := misspeltWords(doc), []string{"paragarph"}; !slices.Equal(got, want) {
		t.Errorf("after fix: %q, want %q", got, want)
	}
	at = strings.Index(doc.Text(), "here")
	doc.Edit(at, at, "Kowalczyk ")
	if got, want := misspeltWords(doc), []string{"paragarph", "Kowalczyk"}; !slices.Equal(got, want) {
		t.Errorf("after typing a name: %q, want %q", got, want)
	}
	w.Add("Kowalczyk")
	doc.Recheck()
	if got, want := misspeltWords(doc), []string{"paragarph"}; !slices.Equal(got, want) {
		t.Errorf("after adding the name: %q, want %q", got, want)
	}
}

// checkDocument asserts that an edited document holds what a fresh one of
// the same text would.
func checkDocument(t *testing.T, sp Speller, doc *Document) {
	t.Helper()
	fresh := NewDocument(sp, "0123456789’", doc.Text())
	if !slices.Equal(doc.Tokens(), fresh.Tokens()) {
		t.Fatalf("tokens after edits differ from a fresh read of %q:\n got %v\nwant %v", doc.Text(), doc.Tokens(), fresh.Tokens())
	}
	if !slices.Equal(doc.Misspelt(), fresh.Misspelt()) {
		t.Fatalf("misspelt after edits differ for %q: %v vs %v", doc.Text(), doc.Misspelt(), fresh.Misspelt())
	}
}

func TestDocumentRandomEdits(t *testing.T) {
	sp := enUS(t)
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"word", " ", "\n", "teh", "`", "```\n", "https://x.io/a ", "-", "'", "Paris", "paris", "é", "\n\n", "21st", "5km"}
	doc := NewDocument(sp, "0123456789’", "")
	for range 3000 {
		text := doc.Text()
		start := r.IntN(len(text) + 1)
		end := min(len(text), start+r.IntN(8))
		for start > 0 && start < len(text) && text[start]&0xC0 == 0x80 {
			start--
		}
		for end < len(text) && text[end]&0xC0 == 0x80 {
			end++
		}
		repl := pieces[r.IntN(len(pieces))]
		if r.IntN(3) == 0 {
			repl = ""
		}
		doc.Edit(start, end, repl)
		checkDocument(t, sp, doc)
	}
}

func TestLearnNames(t *testing.T) {
	d := enUS(t)
	arts := []*editor.Article{
		{Byline: []string{"Ayşe Öztürk"}, Body: "Mayor Woodford met Rortvedt at the Fox River dam.", Status: editor.StatusPublished},
		{Byline: []string{"Ayşe Öztürk", "Tom Lee"}, Body: "Woodford spoke. Rortvedt's library.", Status: editor.StatusPublished},
		{Byline: []string{"Tom Lee"}, Body: "Woodford again; Zzyzx once; NASA said so.", Status: editor.StatusPublished},
	}
	got := LearnNames(d, d.WordChars(), arts, 2)
	var words []string
	for _, w := range got {
		words = append(words, w.Word+"/"+w.Source)
	}
	want := []string{"Ayşe/byline", "Rortvedt/archive", "Woodford/archive", "Öztürk/byline"}
	if !slices.Equal(words, want) {
		t.Errorf("LearnNames = %q, want %q (Fox, River, Tom, Lee are words; Zzyzx is in one article; NASA is capitals)", words, want)
	}
	for _, w := range got {
		if w.Word == "Woodford" && w.Articles != 3 {
			t.Errorf("Woodford counted in %d articles, want 3", w.Articles)
		}
	}
}

func TestDocumentWordBeforePeriod(t *testing.T) {
	w := NewWords(enUS(t), "Rortvedt")
	doc := NewDocument(w, "0123456789’", "They met Rortvedt. See etc. and Mr. Smith, not Rortvedtt.")
	if got, want := misspeltWords(doc), []string{"Rortvedtt"}; !slices.Equal(got, want) {
		t.Errorf("misspelt = %q, want %q", got, want)
	}
}
