// Package bundle reads and writes ".copydesk" files, which carry one
// article between machines that share no library: a reporter's laptop
// offline and the desk's machine. A bundle is a zip holding the article in
// the interchange format, the version it was based on, its image, notes,
// audit trail and a manifest with the SHA-256 of every part.
//
// Bundles arrive by mail and USB sticks, so Read treats them as hostile:
// a bundle is accepted whole or refused whole, before anything is stored.
package bundle

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"copydesk/editor"
	"copydesk/editor/review"
)

// Ext is the file extension of a bundle.
const Ext = ".copydesk"

// Format and Version identify the manifest; a newer version is refused
// rather than half understood.
const (
	Format  = "copydesk-bundle"
	Version = 1
)

// Limits on what Read accepts. A zip states its sizes itself, so they are
// enforced on the bytes actually decompressed, not on the headers.
const (
	MaxEntries   = 8
	MaxTotalSize = 64 << 20                    // all parts, uncompressed
	MaxTextPart  = editor.MaxBodyBytes + 1<<20 // article.md, base.md: a full body plus front matter
	MaxImageSize = editor.MaxImageBytes
	MaxJSONPart  = 8 << 20 // manifest, notes, audit
	// MaxRatio refuses zip bombs: text compresses perhaps 10:1, and even
	// very repetitive prose stays far below this.
	MaxRatio = 200
	// ratioFloor exempts small parts, where a high ratio cannot hurt.
	ratioFloor = 1 << 20
)

// Part names inside the zip.
const (
	ManifestName = "manifest.json"
	ArticleName  = "article.md"
	BaseName     = "base.md"
	NotesName    = "notes.json"
	AuditName    = "audit.json"
	imageDir     = "image/"
)

// ErrInvalid is wrapped by every refusal of Read, so callers can tell a bad
// bundle from a failing disk with errors.Is.
var ErrInvalid = errors.New("not a valid Copydesk bundle")

// Bundle is one article as filed from one machine.
type Bundle struct {
	Article *editor.Article
	// Base is the state this machine last exchanged with the other one,
	// the common version conflicts are judged against; nil when the
	// article was never exchanged.
	Base    *editor.Article
	Image   *Image // nil when the article has no image file to carry
	Notes   []review.Note
	Audit   []review.AuditEntry
	FiledBy string    // the person from Settings
	Filed   time.Time // when the bundle was written
}

// Image is the featured image file carried with the article.
type Image struct {
	Name string // "<sha256>.<ext>", as in the library src
	Data []byte
}

type manifest struct {
	Format  string          `json:"format"`
	Version int             `json:"version"`
	UID     string          `json:"uid"`
	FiledBy string          `json:"filed_by"`
	Filed   time.Time       `json:"filed"`
	Parts   map[string]part `json:"parts"`
}

type part struct {
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Write writes b as a bundle. The output depends only on b, so filing the
// same article twice gives the same bytes.
func Write(w io.Writer, b *Bundle) error {
	if b.Article == nil {
		return errors.New("write bundle: no article")
	}
	if b.Article.UID == "" {
		return errors.New("write bundle: the article has no uid")
	}
	type entry struct {
		name string
		data []byte
	}
	var entries []entry
	md := func(a *editor.Article) ([]byte, error) {
		var buf bytes.Buffer
		if err := editor.WriteMarkdown(&buf, a); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	data, err := md(b.Article)
	if err != nil {
		return fmt.Errorf("write bundle: article: %w", err)
	}
	entries = append(entries, entry{ArticleName, data})
	if b.Base != nil {
		if data, err = md(b.Base); err != nil {
			return fmt.Errorf("write bundle: base version: %w", err)
		}
		entries = append(entries, entry{BaseName, data})
	}
	if b.Image != nil {
		if !validImageName(b.Image.Name) {
			return fmt.Errorf("write bundle: image name %q is not a plain file name", b.Image.Name)
		}
		if err := checkImage(b.Article, b.Image); err != nil {
			return fmt.Errorf("write bundle: %w", err)
		}
		entries = append(entries, entry{imageDir + b.Image.Name, b.Image.Data})
	}
	notes, audit := b.Notes, b.Audit
	if notes == nil {
		notes = []review.Note{}
	}
	if audit == nil {
		audit = []review.AuditEntry{}
	}
	for _, j := range []struct {
		name string
		v    any
	}{{NotesName, notes}, {AuditName, audit}} {
		data, err := json.MarshalIndent(j.v, "", "  ")
		if err != nil {
			return fmt.Errorf("write bundle: %s: %w", j.name, err)
		}
		entries = append(entries, entry{j.name, data})
	}
	m := manifest{Format: Format, Version: Version, UID: b.Article.UID, FiledBy: b.FiledBy, Filed: b.Filed.UTC(), Parts: map[string]part{}}
	for _, e := range entries {
		sum := sha256.Sum256(e.data)
		m.Parts[e.name] = part{SHA256: hex.EncodeToString(sum[:]), Size: int64(len(e.data))}
	}
	mdata, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("write bundle: manifest: %w", err)
	}
	// The manifest goes first so a person unzipping by hand sees it first.
	entries = append([]entry{{ManifestName, mdata}}, entries...)

	zw := zip.NewWriter(w)
	for _, e := range entries {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: b.Filed.UTC()})
		if err != nil {
			return fmt.Errorf("write bundle: %w", err)
		}
		if _, err := fw.Write(e.data); err != nil {
			return fmt.Errorf("write bundle: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	return nil
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// Read parses and verifies a bundle of the given size. Any problem (not a
// zip, a part missing or unlisted, a checksum that does not match, an
// unsafe or duplicate name, a part too large or compressed suspiciously
// well, an article that does not parse) refuses the whole bundle with an
// error wrapping ErrInvalid.
func Read(r io.ReaderAt, size int64) (*Bundle, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, invalid("not a zip file (%v)", err)
	}
	if len(zr.File) > MaxEntries {
		return nil, invalid("%d parts, more than the %d a bundle has", len(zr.File), MaxEntries)
	}
	parts := map[string][]byte{}
	var total int64
	for _, f := range zr.File {
		name := f.Name
		if err := checkName(name); err != nil {
			return nil, err
		}
		if _, dup := parts[name]; dup {
			return nil, invalid("part %q appears twice", name)
		}
		limit := partLimit(name)
		if f.UncompressedSize64 > uint64(limit) {
			return nil, invalid("part %q is larger than %d MB", name, limit>>20)
		}
		if f.UncompressedSize64 > ratioFloor && f.UncompressedSize64 > MaxRatio*f.CompressedSize64 {
			return nil, invalid("part %q is compressed %d:1, which only a zip bomb is", name, f.UncompressedSize64/max(f.CompressedSize64, 1))
		}
		data, err := readPart(f, min(limit, MaxTotalSize-total))
		if err != nil {
			return nil, err
		}
		total += int64(len(data))
		parts[name] = data
	}

	mdata, ok := parts[ManifestName]
	if !ok {
		return nil, invalid("manifest.json is missing")
	}
	var m manifest
	if err := json.Unmarshal(mdata, &m); err != nil {
		return nil, invalid("manifest.json does not parse: %v", err)
	}
	if m.Format != Format {
		return nil, invalid("manifest format is %q, not %q", m.Format, Format)
	}
	if m.Version != Version {
		return nil, invalid("bundle version %d; this Copydesk reads version %d", m.Version, Version)
	}
	// In zip order, so the first problem reported is always the same one.
	for _, f := range zr.File {
		if f.Name == ManifestName {
			continue
		}
		if _, listed := m.Parts[f.Name]; !listed {
			return nil, invalid("part %q is not in the manifest", f.Name)
		}
	}
	names := make([]string, 0, len(m.Parts))
	for name := range m.Parts {
		names = append(names, name)
	}
	slices.Sort(names) // the first problem reported is always the same one
	for _, name := range names {
		p := m.Parts[name]
		data, ok := parts[name]
		if !ok {
			return nil, invalid("part %q listed in the manifest is missing", name)
		}
		sum := sha256.Sum256(data)
		if int64(len(data)) != p.Size || hex.EncodeToString(sum[:]) != strings.ToLower(p.SHA256) {
			return nil, invalid("checksum of %q does not match the manifest; the bundle was changed or damaged", name)
		}
	}
	for _, required := range []string{ArticleName, NotesName, AuditName} {
		if _, ok := parts[required]; !ok {
			return nil, invalid("%s is missing", required)
		}
	}

	b := &Bundle{FiledBy: m.FiledBy, Filed: m.Filed}
	if b.Article, err = parseArticle(ArticleName, parts[ArticleName]); err != nil {
		return nil, err
	}
	if b.Article.UID == "" || b.Article.UID != m.UID {
		return nil, invalid("article uid %q does not match the manifest's %q", b.Article.UID, m.UID)
	}
	if data, ok := parts[BaseName]; ok {
		if b.Base, err = parseArticle(BaseName, data); err != nil {
			return nil, err
		}
		if b.Base.UID != b.Article.UID {
			return nil, invalid("base version is of another article (uid %q)", b.Base.UID)
		}
	}
	var images []string
	for _, name := range names { // sorted, so the same bundle always fails the same way
		if strings.HasPrefix(name, imageDir) {
			images = append(images, name)
		}
	}
	switch len(images) {
	case 0:
	case 1:
		b.Image = &Image{Name: strings.TrimPrefix(images[0], imageDir), Data: parts[images[0]]}
		if err := checkImage(b.Article, b.Image); err != nil {
			return nil, invalid("%v", err)
		}
	default:
		return nil, invalid("more than one image")
	}
	if err := strictJSON(NotesName, parts[NotesName], &b.Notes); err != nil {
		return nil, err
	}
	if err := strictJSON(AuditName, parts[AuditName], &b.Audit); err != nil {
		return nil, err
	}
	for _, n := range b.Notes {
		if !safeText(n.Text) || !safeText(n.Author) || !safeText(n.Anchor.Text) || n.Anchor.Start < 0 {
			return nil, invalid("a note has text that is not valid")
		}
	}
	for _, e := range b.Audit {
		if !e.From.Valid() || !e.To.Valid() || !safeText(e.Person) || !safeText(e.Note) || !safeText(e.Override) {
			return nil, invalid("an audit entry is not valid")
		}
	}
	return b, nil
}

// checkImage makes sure the carried image is the one the article names:
// a real image whose content hash is the one in its library src, so a
// bundle cannot smuggle other bytes in under the article's picture.
func checkImage(a *editor.Article, img *Image) error {
	key, ext, ok := editor.ParseLibraryImageSrc(a.Image.Src)
	if !ok {
		return fmt.Errorf("an image is carried but the article's image.src %q names no library image", a.Image.Src)
	}
	if _, _, err := editor.SniffImage(img.Data); err != nil {
		return fmt.Errorf("the image: %v", err)
	}
	sum := sha256.Sum256(img.Data)
	if hex.EncodeToString(sum[:]) != key || img.Name != key+"."+ext {
		return fmt.Errorf("the image is not the one the article names")
	}
	return nil
}

func partLimit(name string) int64 {
	switch {
	case name == ArticleName || name == BaseName:
		return MaxTextPart
	case strings.HasPrefix(name, imageDir):
		return MaxImageSize
	}
	return MaxJSONPart
}

// readPart decompresses at most limit bytes, so a header that understates
// the size cannot make Read allocate more than the limits allow.
func readPart(f *zip.File, limit int64) ([]byte, error) {
	if limit <= 0 {
		return nil, invalid("the parts together are larger than %d MB", MaxTotalSize>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, invalid("part %q cannot be opened (%v)", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, invalid("part %q is damaged (%v)", f.Name, err)
	}
	if int64(len(data)) > limit {
		return nil, invalid("part %q is larger than it may be", f.Name)
	}
	return data, nil
}

// checkName refuses every name that could escape a folder if someone
// unzipped the bundle, or that is not one of the parts a bundle has.
func checkName(name string) error {
	switch {
	case name == "" || !utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl):
		return invalid("a part has an unreadable name")
	case strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || strings.Contains(name, ":") ||
		path.Clean(name) != name || name == ".." || strings.HasPrefix(name, "../"):
		return invalid("part name %q is not a safe relative path", name)
	}
	switch name {
	case ManifestName, ArticleName, BaseName, NotesName, AuditName:
		return nil
	}
	if rest, ok := strings.CutPrefix(name, imageDir); ok && validImageName(rest) {
		return nil
	}
	return invalid("unexpected part %q", name)
}

// validImageName accepts a plain file name: no folders, no dot files.
func validImageName(s string) bool {
	if s == "" || len(s) > 200 || s[0] == '.' || !utf8.ValidString(s) {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool {
		return r == '/' || r == '\\' || r == ':' || unicode.IsControl(r)
	})
}

func parseArticle(name string, data []byte) (*editor.Article, error) {
	a, err := editor.ParseMarkdown(data)
	if err != nil {
		return nil, invalid("%s: %v", name, err)
	}
	if err := a.Validate(); err != nil {
		return nil, invalid("%s: %v", name, err)
	}
	return a, nil
}

func strictJSON(name string, data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return invalid("%s does not parse: %v", name, err)
	}
	if dec.More() {
		return invalid("%s has data after its end", name)
	}
	return nil
}

func safeText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0) && len(s) <= editor.MaxFieldRunes*4
}

// ContentHash identifies an article's content across machines: the
// SHA-256 of its interchange form. The slug is left out because an import
// may have to suffix it ("-2") when the slug is taken locally, and that is
// not an edit; ids, versions and save times are local and not in the
// interchange form at all.
func ContentHash(a *editor.Article) (string, error) {
	c := a.Clone()
	c.Slug = ""
	h := sha256.New()
	if err := editor.WriteMarkdown(h, c); err != nil {
		return "", fmt.Errorf("content hash: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
