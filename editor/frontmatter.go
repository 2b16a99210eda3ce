package editor

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The interchange file is Markdown with YAML front matter:
//
//	---
//	headline: Allies agree on guarantees
//	byline: Lisa Johnson
//	---
//
//	PARIS — The body, byte for byte.
//
// Separator rule: the line that closes the front matter ends with its own
// line break, and one blank line after it is also part of the separator
// (it is what people and other tools write). Everything after that is the
// body, exactly: leading blank lines beyond the first, CRLF line endings
// and trailing newlines are all kept. WriteMarkdown always writes the
// blank line (unless the body is empty), so a body that itself starts with
// a blank line survives the round trip.

// MaxMarkdownBytes bounds a whole interchange file: the largest body plus
// room for any sane front matter. Readers should stop reading beyond it.
const MaxMarkdownBytes = MaxBodyBytes + 1<<20

// ParseError is a problem in an interchange file at a 1-based line. It
// carries no file name; the caller knows it and prints "FILE:LINE: Msg".
type ParseError struct {
	Line int
	Msg  string
	// Err is the underlying *ValidationError when the front matter was
	// well-formed but the article is not valid, so forms can mark fields.
	Err error
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Unwrap exposes the *ValidationError, if any, to errors.As.
func (e *ParseError) Unwrap() error { return e.Err }

// frontMatterKeys are the keys WriteMarkdown writes, in its order. Local
// bookkeeping (id, version, created, updated) is never in a file: it
// belongs to one library, not to the article.
var frontMatterKeys = []string{"uid", "slug", "headline", "byline", "section", "summary", "dateline", "tags", "image", "status", "published", "embargo", "corrections"}

var imageKeys = []string{"src", "alt", "caption", "credit"}

// ParseMarkdown reads an article from its interchange form: a "---" line,
// YAML front matter, a closing "---" line, then the Markdown body. A UTF-8
// byte order mark and CRLF line endings are accepted. Unknown keys are
// errors, so a typo like "headlin:" is caught instead of silently losing
// the headline. Status defaults to draft; a uid must be a UUID and is
// folded to lower case. Every error is a *ParseError
// with the line it was found on; the article is also Validated.
func ParseMarkdown(data []byte) (*Article, error) {
	if len(data) > MaxMarkdownBytes {
		return nil, &ParseError{Line: 1, Msg: fmt.Sprintf("file is larger than %d MB", MaxMarkdownBytes>>20)}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		return nil, &ParseError{Line: fmLineAt(data, fmInvalidUTF8At(data)), Msg: "contains bytes that are not valid UTF-8 text"}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, &ParseError{Line: fmLineAt(data, i), Msg: "contains a NUL character"}
	}

	first, rest, _ := fmCutLine(data)
	if !fmIsDelimiter(first) {
		return nil, &ParseError{Line: 1, Msg: `file must start with a "---" line opening the front matter`}
	}
	front := rest
	var body []byte
	closed := false
	line := 2 // line number of the line being examined
	for len(rest) > 0 {
		l, next, _ := fmCutLine(rest)
		if fmIsDelimiter(l) {
			front = front[:len(front)-len(rest)]
			body, closed = next, true
			break
		}
		rest = next
		line++
	}
	if !closed {
		return nil, &ParseError{Line: 1, Msg: `front matter has no closing "---" line`}
	}
	bodyLine := line + 1
	if b, ok := bytes.CutPrefix(body, []byte("\n")); ok {
		body, bodyLine = b, bodyLine+1
	} else if b, ok := bytes.CutPrefix(body, []byte("\r\n")); ok {
		body, bodyLine = b, bodyLine+1
	}
	if len(body) > MaxBodyBytes {
		return nil, &ParseError{Line: bodyLine, Msg: fmt.Sprintf("body is larger than %d MB", MaxBodyBytes>>20)}
	}

	p := &fmParser{lines: map[string]int{}}
	a, err := p.article(front)
	if err != nil {
		return nil, err
	}
	a.Body = string(body)
	p.lines["body"] = bodyLine
	if err := a.Validate(); err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) && len(ve.Fields) > 0 {
			line, ok := p.lines[ve.Fields[0].Field]
			if !ok {
				line = 1 // the field is absent, so the whole front matter is at fault
			}
			return nil, &ParseError{Line: line, Msg: ve.Error(), Err: ve}
		}
		return nil, &ParseError{Line: 1, Msg: err.Error(), Err: err}
	}
	return a, nil
}

// cutLine splits off the first line (without its "\n"); found is false on
// the last line of a file without a final newline.
func fmCutLine(b []byte) (line, rest []byte, found bool) {
	return bytes.Cut(b, []byte("\n"))
}

// isDelimiter accepts "---" with trailing blanks or a CR, as editors leave them.
func fmIsDelimiter(line []byte) bool {
	return string(bytes.TrimRight(line, " \t\r")) == "---"
}

func fmLineAt(data []byte, off int) int { return bytes.Count(data[:off], []byte("\n")) + 1 }

func fmInvalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// fmParser walks the YAML node tree itself rather than decoding into a
// struct: that is how every error gets a line number, how a byline can be
// a string or a list, and how a number typed as a headline ("1984") stays
// the text the reporter typed.
type fmParser struct {
	offset int            // file line of the first YAML line, minus one
	lines  map[string]int // field name as in FieldError.Field → file line
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (p *fmParser) article(front []byte) (*Article, error) {
	p.offset = 1 // the opening "---" is line 1
	a := &Article{Status: StatusDraft}
	dec := yaml.NewDecoder(bytes.NewReader(front))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return a, nil // only blank lines or comments: Validate reports the headline
		}
		return nil, p.yamlError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, p.yamlError(err)
		}
		return nil, p.errorf(&extra, "front matter must be a single YAML document")
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if yamlIsNull(root) {
		return a, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, p.errorf(root, `front matter must be "key: value" lines`)
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], yamlAlias(root.Content[i+1])
		key := k.Value
		if k.Kind != yaml.ScalarNode {
			return nil, p.errorf(k, "front matter keys must be plain words")
		}
		if prev, dup := seen[key]; dup {
			return nil, p.errorf(k, "key %q is already set on line %d", key, prev)
		}
		seen[key] = p.line(k)
		p.lines[key] = p.line(k)
		var err error
		switch key {
		case "uid":
			if a.UID, err = p.text(key, v); err == nil && a.UID != "" {
				// The uid names the article in exports, bundles and other
				// libraries, so a hand-typed "my-story" is refused here rather
				// than spread; case is folded so re-importing matches.
				if !isUUID(a.UID) {
					err = p.errorf(v, "uid must be a UUID like 3f2b8c1e-5d4a-4e2f-9b7c-1a2b3c4d5e6f, not %q", a.UID)
				}
				a.UID = strings.ToLower(a.UID)
			}
		case "slug":
			a.Slug, err = p.text(key, v)
		case "headline":
			a.Headline, err = p.text(key, v)
		case "byline":
			a.Byline, err = p.textList(key, v)
		case "section":
			a.Section, err = p.text(key, v)
		case "summary":
			a.Summary, err = p.text(key, v)
		case "dateline":
			a.Dateline, err = p.text(key, v)
		case "tags":
			a.Tags, err = p.textList(key, v)
		case "image":
			a.Image, err = p.image(v)
		case "status":
			var s string
			if s, err = p.text(key, v); err == nil && s != "" {
				if a.Status, err = ParseStatus(s); err != nil {
					err = p.errorf(v, "unknown status %q: must be one of %s", s, statusNames())
				}
			}
		case "published":
			a.Published, err = p.time(key, v)
		case "embargo":
			a.Embargo, err = p.time(key, v)
		case "corrections":
			a.Corrections, err = p.corrections(v)
		default:
			return nil, p.unknownKey(k, frontMatterKeys, "")
		}
		if err != nil {
			return nil, err
		}
	}
	return a, nil
}

func (p *fmParser) line(n *yaml.Node) int { return n.Line + p.offset }

func (p *fmParser) errorf(n *yaml.Node, format string, args ...any) error {
	return &ParseError{Line: p.line(n), Msg: fmt.Sprintf(format, args...)}
}

// yamlError turns yaml.v3's "yaml: line N: msg" into a ParseError; the
// library reports no line for a few problems, which then blame line 1.
func (p *fmParser) yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			line, msg = n+p.offset, m[2]
		}
	}
	return &ParseError{Line: line, Msg: "invalid YAML: " + msg}
}

func (p *fmParser) unknownKey(k *yaml.Node, known []string, parent string) error {
	msg := fmt.Sprintf("unknown key %q", parent+k.Value)
	if s := closestKey(k.Value, known); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", parent+s)
	}
	return p.errorf(k, "%s", msg)
}

func yamlAlias(n *yaml.Node) *yaml.Node {
	// One level is enough for hand-written files, and never following a
	// chain means a hostile file cannot make the walk loop.
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func yamlIsNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" ||
		n.Kind == yaml.DocumentNode && len(n.Content) == 0
}

// text accepts any scalar as text: reporters write headlines like "1984" or
// "Yes", which YAML would otherwise call a number or a boolean. An empty
// value ("summary:") is the empty string.
func (p *fmParser) text(key string, n *yaml.Node) (string, error) {
	n = yamlAlias(n)
	if n.Kind != yaml.ScalarNode {
		return "", p.errorf(n, "%s must be text, not a %s", key, yamlKindName(n))
	}
	if yamlIsNull(n) {
		return "", nil
	}
	return n.Value, nil
}

// textList accepts a list of text or, for the common single author or tag,
// one text value.
func (p *fmParser) textList(key string, n *yaml.Node) ([]string, error) {
	n = yamlAlias(n)
	switch {
	case yamlIsNull(n):
		return nil, nil
	case n.Kind == yaml.ScalarNode:
		return []string{n.Value}, nil
	case n.Kind != yaml.SequenceNode:
		return nil, p.errorf(n, "%s must be text or a list of text, not a %s", key, yamlKindName(n))
	}
	out := make([]string, 0, len(n.Content))
	for _, item := range n.Content {
		item = yamlAlias(item)
		if item.Kind != yaml.ScalarNode || yamlIsNull(item) {
			return nil, p.errorf(item, "each %s entry must be text, not a %s", key, yamlKindName(item))
		}
		out = append(out, item.Value)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

func (p *fmParser) time(key string, n *yaml.Node) (time.Time, error) {
	s, err := p.text(key, n)
	if err != nil || s == "" {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, p.errorf(n, "%s must be an RFC 3339 time like 2024-09-01T14:30:00Z, not %q", key, s)
	}
	return t, nil
}

func (p *fmParser) image(n *yaml.Node) (Image, error) {
	var img Image
	n = yamlAlias(n)
	if yamlIsNull(n) {
		return img, nil
	}
	if n.Kind != yaml.MappingNode {
		return img, p.errorf(n, "image must be src, alt, caption and credit lines, not a %s", yamlKindName(n))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			return img, p.errorf(k, "key %q is already set", "image."+k.Value)
		}
		seen[k.Value] = true
		p.lines["image."+k.Value] = p.line(k)
		var err error
		switch k.Value {
		case "src":
			img.Src, err = p.text("image.src", v)
		case "alt":
			img.Alt, err = p.text("image.alt", v)
		case "caption":
			img.Caption, err = p.text("image.caption", v)
		case "credit":
			img.Credit, err = p.text("image.credit", v)
		default:
			return img, p.unknownKey(k, imageKeys, "image.")
		}
		if err != nil {
			return img, err
		}
	}
	return img, nil
}

func (p *fmParser) corrections(n *yaml.Node) ([]Correction, error) {
	n = yamlAlias(n)
	if yamlIsNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, p.errorf(n, "corrections must be a list of time and text entries, not a %s", yamlKindName(n))
	}
	var out []Correction
	for _, item := range n.Content {
		item = yamlAlias(item)
		if item.Kind != yaml.MappingNode {
			return nil, p.errorf(item, "each correction must have a time and a text, not be a %s", yamlKindName(item))
		}
		var c Correction
		var hasTime, hasText bool
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			var err error
			switch k.Value {
			case "time":
				if hasTime {
					return nil, p.errorf(k, `key "time" is already set in this correction`)
				}
				hasTime = true
				c.Time, err = p.time("correction time", v)
			case "text":
				if hasText {
					return nil, p.errorf(k, `key "text" is already set in this correction`)
				}
				hasText = true
				c.Text, err = p.text("correction text", v)
			default:
				return nil, p.unknownKey(k, []string{"time", "text"}, "corrections.")
			}
			if err != nil {
				return nil, err
			}
		}
		// A correction readers cannot date or read would be printed as an
		// empty box on the site, so both parts are required.
		if c.Time.IsZero() {
			return nil, p.errorf(item, "each correction needs a time")
		}
		if strings.TrimSpace(c.Text) == "" {
			return nil, p.errorf(item, "each correction needs a text")
		}
		out = append(out, c)
	}
	return out, nil
}

// isUUID accepts the 8-4-4-4-12 hex form in either case.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}

func yamlKindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "set of keys"
	case yaml.AliasNode:
		return "alias"
	case yaml.ScalarNode:
		if yamlIsNull(n) {
			return "empty value"
		}
		return "single value"
	}
	return "document"
}

func statusNames() string {
	names := make([]string, len(Statuses))
	for i, s := range Statuses {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// closest suggests the known key a typo most likely meant: within two
// edits, so "headlin" finds "headline" but "colour" suggests nothing.
func closestKey(s string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := fmEditDistance(strings.ToLower(s), k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func fmEditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 1 << 30 // no key is that long; skip the quadratic work
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// WriteMarkdown writes a in the interchange form ParseMarkdown reads, with
// keys in a fixed order and empty fields left out, so the same article
// always gives the same bytes (diffs and golden files stay stable). The
// body is written exactly. An article that does not Validate is refused:
// its file could not be read back.
func WriteMarkdown(w io.Writer, a *Article) error {
	if err := a.Validate(); err != nil {
		return fmt.Errorf("write markdown: %w", err)
	}
	for _, c := range a.Corrections {
		if c.Time.IsZero() || strings.TrimSpace(c.Text) == "" {
			return fmt.Errorf("write markdown: each correction needs a time and a text")
		}
	}
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v *yaml.Node) {
		root.Content = append(root.Content, yamlString(key), v)
	}
	addStr := func(key, v string) {
		if v != "" {
			add(key, yamlString(v))
		}
	}
	addStr("uid", a.UID)
	addStr("slug", a.Slug)
	add("headline", yamlString(a.Headline))
	switch len(a.Byline) {
	case 0:
	case 1:
		add("byline", yamlString(a.Byline[0])) // the common case reads like a byline
	default:
		add("byline", yamlStrings(a.Byline))
	}
	addStr("section", a.Section)
	addStr("summary", a.Summary)
	addStr("dateline", a.Dateline)
	if len(a.Tags) > 0 {
		add("tags", yamlStrings(a.Tags))
	}
	if !a.Image.IsZero() {
		img := &yaml.Node{Kind: yaml.MappingNode}
		for _, kv := range [][2]string{{"src", a.Image.Src}, {"alt", a.Image.Alt}, {"caption", a.Image.Caption}, {"credit", a.Image.Credit}} {
			if kv[1] != "" {
				img.Content = append(img.Content, yamlString(kv[0]), yamlString(kv[1]))
			}
		}
		add("image", img)
	}
	add("status", yamlString(string(a.Status)))
	if !a.Published.IsZero() {
		add("published", yamlTime(a.Published))
	}
	if !a.Embargo.IsZero() {
		add("embargo", yamlTime(a.Embargo))
	}
	if len(a.Corrections) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, c := range a.Corrections {
			seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
				yamlString("time"), yamlTime(c.Time),
				yamlString("text"), yamlString(c.Text),
			}})
		}
		add("corrections", seq)
	}

	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return fmt.Errorf("write markdown: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("write markdown: %w", err)
	}
	buf.WriteString("---\n")
	if a.Body != "" {
		buf.WriteString("\n")
		buf.WriteString(a.Body)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// yamlString tags every value as a string, so yaml.v3 quotes "null",
// "1984" or ": " exactly when a plain scalar would read back as something
// else. YAML 1.1 readers (older site generators) still take yes/no/on/off
// as booleans although yaml.v3 does not, so those are quoted too.
func yamlString(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch strings.ToLower(s) {
	case "y", "yes", "n", "no", "on", "off":
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// yamlTime writes a time unquoted, as people write it; the timestamp tag
// is what lets yaml.v3 leave the quotes off.
func yamlTime(t time.Time) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: t.Format(time.RFC3339Nano)}
}

func yamlStrings(list []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	for _, s := range list {
		n.Content = append(n.Content, yamlString(s))
	}
	return n
}
