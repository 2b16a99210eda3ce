package merge

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"copydesk/editor"
)

// ErrChanged is returned by Resolve when the field no longer holds Mine's
// value: someone edited it after the merge, and applying a choice made
// against the old value would overwrite that edit without anyone seeing it.
var ErrChanged = errors.New("changed since the merge")

// Choice is how a person settles a Conflict.
type Choice string

// The choices a conflict view offers.
const (
	KeepMine   Choice = "mine"
	TakeTheirs Choice = "theirs"
	TakeBase   Choice = "base"
	Edit       Choice = "edit" // the person's own text
)

// Text returns the value c gives the conflicting field under choice.
func (c Conflict) Text(choice Choice) (string, error) {
	switch choice {
	case KeepMine:
		return c.Mine, nil
	case TakeTheirs:
		return c.Theirs, nil
	case TakeBase:
		return c.Base, nil
	case Edit:
		return "", fmt.Errorf("an edit brings its own text")
	}
	return "", fmt.Errorf("%q is not a choice: use mine, theirs, base or edit", choice)
}

// Label names the conflict's place for people: "headline", "image
// caption", "body paragraph 3".
func (c Conflict) Label() string {
	if c.Field == FieldBody {
		return fmt.Sprintf("body paragraph %d", c.At+1)
	}
	return strings.ReplaceAll(c.Field, ".", " ")
}

// Resolve settles conflict c in a, the article as merged (or as edited
// since), by giving the field the value text: Mine, Theirs or a person's
// own version. For the body, text replaces Mine's paragraphs at c.At (or
// the nearest place they are found, if paragraphs moved); shift is how
// many paragraphs the body gained (negative: lost), for the caller to move
// the At of the article's other body conflicts after this one. A status
// moved to published for the first time is given now as its publication
// time. The result is validated as a save would; on any error a is unchanged.
func Resolve(a *editor.Article, c Conflict, text string, now time.Time) (shift int, err error) {
	b := a.Clone()
	cur, err := current(b, c)
	if err != nil {
		return 0, err
	}
	if c.Field != FieldBody && cur != c.Mine {
		return 0, fmt.Errorf("resolve %s: %w", c.Label(), ErrChanged)
	}
	switch c.Field {
	case FieldStatus:
		st, err := editor.ParseStatus(strings.TrimSpace(text))
		if err != nil {
			return 0, fmt.Errorf("resolve status: %w", err)
		}
		b.Status = st
		if st == editor.StatusPublished && b.Published.IsZero() {
			b.Published = now
		}
	case FieldBody:
		shift, err = replaceParagraphs(b, c, text)
		if err != nil {
			return 0, err
		}
	default:
		fieldAccess[c.Field].set(b, text)
	}
	if err := b.Validate(); err != nil {
		return 0, fmt.Errorf("resolve %s: %w", c.Label(), err)
	}
	*a = *b
	return shift, nil
}

// current is the field's value in a as a Conflict's text.
func current(a *editor.Article, c Conflict) (string, error) {
	f, ok := fieldAccess[c.Field]
	if !ok {
		return "", fmt.Errorf("resolve: %q is not a field a merge can conflict on", c.Field)
	}
	return f.get(a), nil
}

// fieldAccess reads and writes each field a Conflict can name, as text.
var fieldAccess = map[string]struct {
	get func(*editor.Article) string
	set func(*editor.Article, string)
}{
	FieldUID:          {func(a *editor.Article) string { return a.UID }, func(a *editor.Article, v string) { a.UID = v }},
	FieldSlug:         {func(a *editor.Article) string { return a.Slug }, func(a *editor.Article, v string) { a.Slug = v }},
	FieldHeadline:     {func(a *editor.Article) string { return a.Headline }, func(a *editor.Article, v string) { a.Headline = v }},
	FieldByline:       {func(a *editor.Article) string { return JoinList(a.Byline) }, func(a *editor.Article, v string) { a.Byline = SplitList(v) }},
	FieldSection:      {func(a *editor.Article) string { return a.Section }, func(a *editor.Article, v string) { a.Section = v }},
	FieldSummary:      {func(a *editor.Article) string { return a.Summary }, func(a *editor.Article, v string) { a.Summary = v }},
	FieldDateline:     {func(a *editor.Article) string { return a.Dateline }, func(a *editor.Article, v string) { a.Dateline = v }},
	FieldTags:         {func(a *editor.Article) string { return JoinList(a.Tags) }, func(a *editor.Article, v string) { a.Tags = SplitList(v) }},
	FieldImageSrc:     {func(a *editor.Article) string { return a.Image.Src }, func(a *editor.Article, v string) { a.Image.Src = v }},
	FieldImageAlt:     {func(a *editor.Article) string { return a.Image.Alt }, func(a *editor.Article, v string) { a.Image.Alt = v }},
	FieldImageCaption: {func(a *editor.Article) string { return a.Image.Caption }, func(a *editor.Article, v string) { a.Image.Caption = v }},
	FieldImageCredit:  {func(a *editor.Article) string { return a.Image.Credit }, func(a *editor.Article, v string) { a.Image.Credit = v }},
	FieldStatus:       {func(a *editor.Article) string { return string(a.Status) }, func(a *editor.Article, v string) { a.Status = editor.Status(v) }},
	FieldBody:         {func(a *editor.Article) string { return a.Body }, func(a *editor.Article, v string) { a.Body = v }},
}

// replaceParagraphs puts text's paragraphs where Mine's run stands in the
// body, keeping every other byte of the body as it is.
func replaceParagraphs(a *editor.Article, c Conflict, text string) (int, error) {
	b := splitBody(a.Body)
	mine := SplitParagraphs(c.Mine)
	at := locate(b.paras, mine, c.At)
	if at < 0 {
		return 0, fmt.Errorf("resolve %s: the paragraph was edited after the merge: %w", c.Label(), ErrChanged)
	}
	repl := SplitParagraphs(text)
	brk := "\n\n"
	if strings.Contains(a.Body, "\r\n") {
		brk = "\r\n\r\n"
	}
	var sb strings.Builder
	sb.WriteString(leadBefore(b.lead, len(b.paras)+len(repl)-len(mine) > 0))
	var out []string
	out = append(out, b.paras[:at]...)
	out = append(out, repl...)
	out = append(out, b.paras[at+len(mine):]...)
	// Separators: those of untouched paragraphs stay; new ones get a break.
	seps := make([]string, 0, len(out))
	for i := 0; i < at; i++ {
		seps = append(seps, b.seps[i])
	}
	for range repl {
		seps = append(seps, brk)
	}
	seps = append(seps, b.seps[at+len(mine):]...)
	if len(out) > 0 {
		if len(b.seps) > 0 {
			seps[len(seps)-1] = b.seps[len(b.seps)-1]
		}
		for i := 0; i < len(out)-1; i++ {
			if !isParagraphBreak(seps[i]) {
				seps[i] = brk
			}
		}
	}
	for i, p := range out {
		sb.WriteString(p)
		sb.WriteString(seps[i])
	}
	a.Body = sb.String()
	return len(repl) - len(mine), nil
}

// locate finds run in paras at hint or, failing that, at the nearest
// place; an empty run (Mine deleted the paragraphs) is inserted at hint.
func locate(paras, run []string, hint int) int {
	if len(run) == 0 {
		return min(max(hint, 0), len(paras))
	}
	for d := 0; d <= len(paras); d++ {
		for _, i := range []int{hint - d, hint + d} {
			if i >= 0 && i+len(run) <= len(paras) && slices.Equal(paras[i:i+len(run)], run) {
				return i
			}
		}
	}
	return -1
}
