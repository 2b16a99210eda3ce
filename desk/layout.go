// Package desk keeps a library in step with a newsroom's shared desk: a Git
// repository holding one folder per article, which every member's machine
// clones in full so that writing never needs the network. Syncing is
// fetch, merge per article against the last state both sides agreed on,
// and push.
//
// The package speaks Git through go-git, so a machine without the git
// command can still join a desk. It writes objects and trees directly
// instead of going through a work tree: only the folders of changed
// articles are read or written, so a sync costs the same on a desk of a
// thousand articles as on one of a hundred thousand (apart from the one
// flat articles/ tree object, which is read and rewritten whole).
//
// The library itself is reached through the Library interface, which
// package storage implements; no SQL lives here.
package desk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"copydesk/editor"
	"copydesk/editor/review"
)

// Names inside the repository.
const (
	ArticlesDir = "articles"
	ArticleFile = "article.md"
	NotesFile   = "notes.jsonl"
	AuditFile   = "audit.jsonl"
	ConfigFile  = "desk.toml"
)

// ArticlePath is the repository path of an article's Markdown file.
func ArticlePath(uid string) string { return path.Join(ArticlesDir, uid, ArticleFile) }

// Folder is one article's folder in the repository.
type Folder struct {
	Article   *editor.Article
	Notes     []review.Note
	Audit     []review.AuditEntry
	ImageName string // "<sha256>.<ext>", empty when the article has no library image
	Image     []byte
}

// noteLine and auditLine are the JSON-lines forms: the fields that mean
// the same on every machine, without the library's row ids.
type noteLine struct {
	UID         string    `json:"uid"`
	Text        string    `json:"text"`
	AnchorText  string    `json:"anchor_text,omitempty"`
	AnchorStart int       `json:"anchor_start,omitempty"`
	Author      string    `json:"author"`
	Time        time.Time `json:"time"`
	Resolved    bool      `json:"resolved,omitempty"`
}

type auditLine struct {
	UID      string        `json:"uid"`
	Time     time.Time     `json:"time"`
	Person   string        `json:"person"`
	From     editor.Status `json:"from"`
	To       editor.Status `json:"to"`
	Note     string        `json:"note,omitempty"`
	Override string        `json:"override,omitempty"`
}

// EncodeNotes writes notes as JSON lines, oldest first, so that two
// machines' additions to one file differ only in added lines.
func EncodeNotes(notes []review.Note) []byte {
	var b bytes.Buffer
	for _, n := range sortedNotes(notes) {
		line, _ := json.Marshal(noteLine{UID: n.UID, Text: n.Text, AnchorText: n.Anchor.Text, AnchorStart: n.Anchor.Start,
			Author: n.Author, Time: n.Time.UTC(), Resolved: n.Resolved})
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// EncodeAudit writes audit entries as JSON lines, oldest first.
func EncodeAudit(entries []review.AuditEntry) []byte {
	var b bytes.Buffer
	for _, e := range sortedAudit(entries) {
		line, _ := json.Marshal(auditLine{UID: e.UID, Time: e.Time.UTC(), Person: e.Person, From: e.From, To: e.To, Note: e.Note, Override: e.Override})
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// DecodeNotes reads notes.jsonl. name is used in errors; a bad line is
// reported with its number.
func DecodeNotes(name string, data []byte) ([]review.Note, error) {
	var notes []review.Note
	err := eachLine(name, data, func(line []byte) error {
		var l noteLine
		if err := strictJSON(line, &l); err != nil {
			return err
		}
		if l.UID == "" || strings.TrimSpace(l.Text) == "" {
			return fmt.Errorf("a note needs a uid and a text")
		}
		notes = append(notes, review.Note{UID: l.UID, Text: l.Text, Anchor: review.Anchor{Text: l.AnchorText, Start: l.AnchorStart},
			Author: l.Author, Time: l.Time.UTC(), Resolved: l.Resolved})
		return nil
	})
	return notes, err
}

// DecodeAudit reads audit.jsonl.
func DecodeAudit(name string, data []byte) ([]review.AuditEntry, error) {
	var entries []review.AuditEntry
	err := eachLine(name, data, func(line []byte) error {
		var l auditLine
		if err := strictJSON(line, &l); err != nil {
			return err
		}
		if l.UID == "" || !l.To.Valid() {
			return fmt.Errorf("an audit entry needs a uid and a valid \"to\" status")
		}
		entries = append(entries, review.AuditEntry{UID: l.UID, Time: l.Time.UTC(), Person: l.Person, From: l.From, To: l.To, Note: l.Note, Override: l.Override})
		return nil
	})
	return entries, err
}

func strictJSON(line []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func eachLine(name string, data []byte, fn func([]byte) error) error {
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if err := fn(line); err != nil {
			return &FileError{Path: name, Line: i + 1, Msg: err.Error()}
		}
	}
	return nil
}

// UnionNotes merges two sets of notes by uid. A note resolved on either
// side is resolved: resolving is what people do to notes, and a union
// that cannot depend on which side came first lets every machine reach
// the same file.
func UnionNotes(a, b []review.Note) []review.Note {
	byUID := map[string]int{}
	var out []review.Note
	for _, n := range slices.Concat(a, b) {
		if i, ok := byUID[n.UID]; ok {
			out[i].Resolved = out[i].Resolved || n.Resolved
			continue
		}
		byUID[n.UID] = len(out)
		out = append(out, n)
	}
	return sortedNotes(out)
}

// UnionAudit merges two audit trails by uid; entries are never changed.
func UnionAudit(a, b []review.AuditEntry) []review.AuditEntry {
	seen := map[string]bool{}
	var out []review.AuditEntry
	for _, e := range slices.Concat(a, b) {
		if !seen[e.UID] {
			seen[e.UID] = true
			out = append(out, e)
		}
	}
	return sortedAudit(out)
}

func sortedNotes(notes []review.Note) []review.Note {
	out := slices.Clone(notes)
	slices.SortStableFunc(out, func(x, y review.Note) int {
		if c := x.Time.Compare(y.Time); c != 0 {
			return c
		}
		return strings.Compare(x.UID, y.UID)
	})
	return out
}

func sortedAudit(entries []review.AuditEntry) []review.AuditEntry {
	out := slices.Clone(entries)
	slices.SortStableFunc(out, func(x, y review.AuditEntry) int {
		if c := x.Time.Compare(y.Time); c != 0 {
			return c
		}
		return strings.Compare(x.UID, y.UID)
	})
	return out
}

// FileError is a file in the repository that could not be taken in,
// with the line at fault, as "articles/<uid>/article.md:7: …".
type FileError struct {
	Path string
	Line int
	Msg  string
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Member is one person on the desk.
type Member struct {
	Name  string      `toml:"name"`
	Email string      `toml:"email"`
	Role  editor.Role `toml:"role"`
}

// Config is desk.toml: the settings every member shares.
type Config struct {
	Masthead      string   `toml:"masthead"`
	Tagline       string   `toml:"tagline,omitempty"`
	Sections      []string `toml:"sections"`
	HeadlineGuide int      `toml:"headline_guide"`
	SummaryGuide  int      `toml:"summary_guide"`
	TimeZone      string   `toml:"time_zone"`
	Members       []Member `toml:"members"`
}

// ConfigFrom takes the shared settings from a library's settings.
func ConfigFrom(s editor.Settings) Config {
	return Config{Masthead: s.Masthead, Tagline: s.Tagline, Sections: s.Sections, HeadlineGuide: s.HeadlineGuide,
		SummaryGuide: s.SummaryGuide, TimeZone: s.TimeZone}
}

// Apply puts the shared settings into s, leaving the personal ones.
func (c Config) Apply(s editor.Settings) editor.Settings {
	if c.Masthead != "" {
		s.Masthead = c.Masthead
	}
	if c.Tagline != "" {
		s.Tagline = c.Tagline
	}
	if len(c.Sections) > 0 {
		s.Sections = slices.Clone(c.Sections)
	}
	if c.HeadlineGuide > 0 {
		s.HeadlineGuide = c.HeadlineGuide
	}
	if c.SummaryGuide > 0 {
		s.SummaryGuide = c.SummaryGuide
	}
	if c.TimeZone != "" {
		s.TimeZone = c.TimeZone
	}
	return s
}

// Member returns the member with email (or, when email is empty, name).
func (c Config) Member(name, email string) (Member, bool) {
	for _, m := range c.Members {
		if (email != "" && strings.EqualFold(m.Email, email)) || (email == "" && m.Name == name) {
			return m, true
		}
	}
	return Member{}, false
}

// IsEditor reports whether the person named name is an editor of the desk.
func (c Config) IsEditor(name string) bool {
	for _, m := range c.Members {
		if m.Name == name && m.Role == editor.RoleEditor {
			return true
		}
	}
	return false
}

// EncodeConfig writes desk.toml.
func EncodeConfig(c Config) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# The shared settings of this Copydesk desk. Members' roles are a guard\n# against mistakes, not security: anyone who can push can change this file.\n\n")
	if err := toml.NewEncoder(&b).Encode(c); err != nil {
		return nil, fmt.Errorf("write %s: %w", ConfigFile, err)
	}
	return b.Bytes(), nil
}

// DecodeConfig reads desk.toml, refusing unknown keys so a typo is caught.
func DecodeConfig(data []byte) (Config, error) {
	var c Config
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return c, &FileError{Path: ConfigFile, Line: pe.Position.Line, Msg: pe.Message}
		}
		return c, &FileError{Path: ConfigFile, Msg: err.Error()}
	}
	if und := md.Undecoded(); len(und) > 0 {
		return c, &FileError{Path: ConfigFile, Msg: fmt.Sprintf("unknown key %q", und[0].String())}
	}
	for _, m := range c.Members {
		if m.Role != editor.RoleEditor && m.Role != editor.RoleReporter {
			return c, &FileError{Path: ConfigFile, Msg: fmt.Sprintf("member %q has role %q; roles are reporter and editor", m.Name, m.Role)}
		}
	}
	return c, nil
}
