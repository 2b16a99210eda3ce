package desk

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"copydesk/editor"
)

// DictionaryFile holds the newsroom dictionary at the desk's root.
const DictionaryFile = "dictionary.txt"

// Words is the newsroom dictionary as a sync exchanges it; a Library that
// has one (storage.DB does) shares it through DictionaryFile.
type Words interface {
	// NewsroomWords lists the dictionary; with removed set, the pruned
	// words too, so a removal travels like an addition.
	NewsroomWords(ctx context.Context, removed bool) ([]editor.NewsroomWord, error)
	// MergeNewsroomWords takes the desk's words; per word, the later
	// change wins.
	MergeNewsroomWords(ctx context.Context, incoming []editor.NewsroomWord) (int, error)
}

// EncodeDictionary writes words one a line, sorted as given: the word,
// then tab-separated "+" or "-" (added or removed), when it changed, who
// changed it, the source and the article count. A line holding only a word
// (added by hand with a text editor) is an addition.
func EncodeDictionary(words []editor.NewsroomWord) []byte {
	var b bytes.Buffer
	b.WriteString("# Newsroom dictionary: word<TAB>+ or -<TAB>changed<TAB>by<TAB>source<TAB>articles\n")
	for _, w := range words {
		mark := "+"
		if w.Removed {
			mark = "-"
		}
		changed := ""
		if !w.Changed.IsZero() {
			changed = w.Changed.UTC().Format(time.RFC3339Nano)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%d\n", w.Word, mark, changed, field(w.AddedBy), field(w.Source), w.Articles)
	}
	return b.Bytes()
}

// field keeps a free-text value on its line and in its column.
func field(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// ParseDictionary reads a dictionary file. Blank lines and lines starting
// with # are skipped; a malformed line is an error naming its line, so a
// bad hand edit is refused rather than half taken.
func ParseDictionary(data []byte) ([]editor.NewsroomWord, error) {
	var out []editor.NewsroomWord
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		w := editor.NewsroomWord{Word: strings.TrimSpace(cols[0]), Source: editor.WordAdded}
		if w.Word == "" || strings.ContainsFunc(w.Word, unicode.IsSpace) {
			return nil, &FileError{Path: DictionaryFile, Line: n, Msg: fmt.Sprintf("%q is not one word", cols[0])}
		}
		if len(cols) > 1 {
			switch cols[1] {
			case "+", "":
			case "-":
				w.Removed = true
			default:
				return nil, &FileError{Path: DictionaryFile, Line: n, Msg: fmt.Sprintf("second column is %q, want + or -", cols[1])}
			}
		}
		if len(cols) > 2 && cols[2] != "" {
			t, err := time.Parse(time.RFC3339Nano, cols[2])
			if err != nil {
				return nil, &FileError{Path: DictionaryFile, Line: n, Msg: fmt.Sprintf("changed time: %v", err)}
			}
			w.Changed = t
		}
		if len(cols) > 3 {
			w.AddedBy = cols[3]
		}
		if len(cols) > 4 && cols[4] != "" {
			w.Source = cols[4]
		}
		if len(cols) > 5 && cols[5] != "" {
			a, err := strconv.Atoi(cols[5])
			if err != nil || a < 0 {
				return nil, &FileError{Path: DictionaryFile, Line: n, Msg: fmt.Sprintf("article count %q", cols[5])}
			}
			w.Articles = a
		}
		out = append(out, w)
	}
	if err := sc.Err(); err != nil {
		return nil, &FileError{Path: DictionaryFile, Msg: err.Error()}
	}
	return out, nil
}

// syncDictionary takes the desk's dictionary into words and returns the
// file the desk should hold afterwards, or nil when it already does. A
// desk file that cannot be read is reported in bad and replaced by this
// library's dictionary; the bad version stays in the history.
func syncDictionary(ctx context.Context, words Words, clone *Clone, snap *Snapshot) (data []byte, bad error, err error) {
	var current []byte
	if h, ok := snap.RootFile(DictionaryFile); ok {
		if current, err = clone.Blob(h); err != nil {
			return nil, nil, err
		}
		theirs, perr := ParseDictionary(current)
		if perr != nil {
			bad = perr
		} else if _, err := words.MergeNewsroomWords(ctx, theirs); err != nil {
			return nil, nil, err
		}
	}
	mine, err := words.NewsroomWords(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	if len(mine) == 0 && current == nil {
		return nil, bad, nil
	}
	data = EncodeDictionary(mine)
	if bytes.Equal(data, current) {
		return nil, bad, nil
	}
	return data, bad, nil
}
