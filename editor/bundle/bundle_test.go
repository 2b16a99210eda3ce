package bundle

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
	"copydesk/editor/review"
)

var filed = time.Date(2026, 3, 2, 14, 30, 0, 0, time.UTC)

// tinyPNG is a real w×1 image, which editor.SniffImage decodes.
func tinyPNG(w int) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, 1))); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

var picture = tinyPNG(1)

func pictureKey() string {
	sum := sha256.Sum256(picture)
	return hex.EncodeToString(sum[:])
}

func sample() *Bundle {
	a := &editor.Article{
		UID: "5f0c9a1e-7d51-4d8e-9a4f-2b1c3d4e5f60", Slug: "allies-agree-guarantees",
		Headline: "Ukraine's allies agree to security guarantees", Byline: []string{"Lisa Johnson"},
		Section: "World", Summary: "Allies agreed in Paris.", Dateline: "PARIS",
		Tags: []string{"Ukraine", "NATO"}, Status: editor.StatusFiled,
		Image: editor.Image{Src: editor.LibraryImageSrc(pictureKey(), "png"), Alt: "Leaders at the Élysée", Credit: "AP"},
		Body:  "PARIS — Allies of Ukraine have agreed…\n\n\"We are committed,\" a diplomat said.\n",
	}
	base := a.Clone()
	base.Body = "PARIS — Allies agreed.\n"
	base.Status = editor.StatusDraft
	return &Bundle{
		Article: a, Base: base,
		Image: &Image{Name: pictureKey() + ".png", Data: picture},
		Notes: []review.Note{{UID: "n1", Text: "Who is the diplomat?", Anchor: review.Anchor{Text: "a diplomat said", Start: 61},
			Author: "Ed Itor", Time: filed.Add(-time.Hour)}},
		Audit: []review.AuditEntry{{UID: "a1", Time: filed.Add(-2 * time.Hour), Person: "Lisa Johnson",
			From: editor.StatusDraft, To: editor.StatusFiled}},
		FiledBy: "Lisa Johnson", Filed: filed,
	}
}

func write(t testing.TB, b *Bundle) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func read(data []byte) (*Bundle, error) { return Read(bytes.NewReader(data), int64(len(data))) }

func TestRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(b *Bundle)
	}{
		{"full", func(b *Bundle) {}},
		{"no base, image, notes or audit", func(b *Bundle) { b.Base, b.Image, b.Notes, b.Audit = nil, nil, nil, nil }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := sample()
			tt.edit(in)
			data := write(t, in)
			if again := write(t, in); !bytes.Equal(data, again) {
				t.Error("writing the same bundle twice gave different bytes")
			}
			out, err := read(data)
			if err != nil {
				t.Fatal(err)
			}
			if in.Notes == nil {
				in.Notes, in.Audit = []review.Note{}, []review.AuditEntry{}
			}
			if !reflect.DeepEqual(in, out) {
				t.Errorf("round trip changed the bundle:\n in %+v\nout %+v", in, out)
			}
		})
	}
}

// rawZip builds a zip from name/content pairs exactly as given, so tests
// can make bundles Write never would.
func rawZip(t testing.TB, method uint16, files ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f[0], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// unpack returns a valid bundle's parts in order, for tampering.
func unpack(t testing.TB, data []byte) [][2]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var files [][2]string
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		files = append(files, [2]string{f.Name, b.String()})
	}
	return files
}

// resign rewrites the manifest so its checksums match the parts again:
// a tamperer who also fixes the manifest still meets the other checks.
func resign(t testing.TB, files [][2]string) [][2]string {
	var m manifest
	if err := json.Unmarshal([]byte(files[0][1]), &m); err != nil {
		t.Fatal(err)
	}
	m.Parts = map[string]part{}
	for _, f := range files[1:] {
		sum := sha256.Sum256([]byte(f[1]))
		m.Parts[f[0]] = part{SHA256: hex.EncodeToString(sum[:]), Size: int64(len(f[1]))}
	}
	data, _ := json.Marshal(m)
	files[0][1] = string(data)
	return files
}

func TestReadRefuses(t *testing.T) {
	good := write(t, sample())
	parts := func() [][2]string { return unpack(t, good) }
	edit := func(f func(p [][2]string) [][2]string) []byte { return rawZip(t, zip.Deflate, f(parts())...) }
	find := func(p [][2]string, name string) int {
		for i := range p {
			if p[i][0] == name {
				return i
			}
		}
		t.Fatalf("no part %s", name)
		return -1
	}
	tests := []struct {
		name string
		data []byte
		msg  string
	}{
		{"empty file", nil, "not a zip"},
		{"not a zip", []byte("PK\x03\x04 but then nothing"), "not a zip"},
		{"truncated", good[:len(good)/2], "not a zip"},
		{"body changed", edit(func(p [][2]string) [][2]string {
			i := find(p, ArticleName)
			p[i][1] = strings.Replace(p[i][1], "agreed", "refused", 1)
			return p
		}), `checksum of "article.md" does not match`},
		{"note changed", edit(func(p [][2]string) [][2]string {
			i := find(p, NotesName)
			p[i][1] = strings.Replace(p[i][1], "diplomat", "minister", 1)
			return p
		}), `checksum of "notes.json"`},
		{"image changed", edit(func(p [][2]string) [][2]string {
			i := find(p, "image/"+pictureKey()+".png")
			p[i][1] += "x"
			return p
		}), `checksum of "image/` + pictureKey() + `.png"`},
		{"image swapped, re-signed", edit(func(p [][2]string) [][2]string {
			p[find(p, "image/"+pictureKey()+".png")][1] = string(tinyPNG(2))
			return resign(t, p)
		}), "the image is not the one the article names"},
		{"image not an image, re-signed", edit(func(p [][2]string) [][2]string {
			p[find(p, "image/"+pictureKey()+".png")][1] = "<script>alert(1)</script>"
			return resign(t, p)
		}), "the image:"},
		{"part missing", edit(func(p [][2]string) [][2]string {
			i := find(p, AuditName)
			return append(p[:i], p[i+1:]...)
		}), `"audit.json" listed in the manifest is missing`},
		{"manifest missing", edit(func(p [][2]string) [][2]string { return p[1:] }), "manifest.json is missing"},
		{"required part missing and unlisted", edit(func(p [][2]string) [][2]string {
			i := find(p, ArticleName)
			return resign(t, append(p[:i], p[i+1:]...))
		}), "article.md is missing"},
		{"unlisted part", edit(func(p [][2]string) [][2]string {
			return append(p, [2]string{"image/extra.png", "x"})
		}), `"image/extra.png" is not in the manifest`},
		{"duplicate part", edit(func(p [][2]string) [][2]string {
			return append(p, p[find(p, ArticleName)])
		}), `"article.md" appears twice`},
		{"parent path", edit(func(p [][2]string) [][2]string {
			return append(p, [2]string{"../../.bashrc", "rm -rf ~"})
		}), "not a safe relative path"},
		{"parent path inside", edit(func(p [][2]string) [][2]string {
			return append(p, [2]string{"image/../../x", "x"})
		}), "not a safe relative path"},
		{"absolute path", edit(func(p [][2]string) [][2]string {
			return append(p, [2]string{"/etc/passwd", "x"})
		}), "not a safe relative path"},
		{"windows path", edit(func(p [][2]string) [][2]string {
			return append(p, [2]string{`image\..\evil.jpg`, "x"})
		}), "not a safe relative path"},
		{"drive letter", edit(func(p [][2]string) [][2]string {
			return append(p, [2]string{"C:/evil.jpg", "x"})
		}), "not a safe relative path"},
		{"unknown part", edit(func(p [][2]string) [][2]string {
			return append(p, [2]string{"run.sh", "x"})
		}), `unexpected part "run.sh"`},
		{"too many parts", edit(func(p [][2]string) [][2]string {
			for len(p) <= MaxEntries {
				p = append(p, [2]string{"notes.json", "[]"})
			}
			return p
		}), "more than the 8"},
		{"two images", edit(func(p [][2]string) [][2]string {
			return resign(t, append(p, [2]string{"image/second.jpg", string(picture)}))
		}), "more than one image"},
		{"wrong format", edit(func(p [][2]string) [][2]string {
			p[0][1] = strings.Replace(p[0][1], Format, "zip", 1)
			return p
		}), `format is "zip"`},
		{"newer version", edit(func(p [][2]string) [][2]string {
			p[0][1] = strings.Replace(p[0][1], `"version": 1`, `"version": 2`, 1)
			return p
		}), "bundle version 2"},
		{"article does not parse, re-signed", edit(func(p [][2]string) [][2]string {
			p[find(p, ArticleName)][1] = "---\nheadline: [unclosed\n---\n"
			return resign(t, p)
		}), "article.md:"},
		{"uid differs from manifest, re-signed", edit(func(p [][2]string) [][2]string {
			i := find(p, ArticleName)
			p[i][1] = strings.Replace(p[i][1], "5f0c9a1e", "00000000", 1)
			return resign(t, p)
		}), "does not match the manifest's"},
		{"base of another article, re-signed", edit(func(p [][2]string) [][2]string {
			i := find(p, BaseName)
			p[i][1] = strings.Replace(p[i][1], "5f0c9a1e", "00000000", 1)
			return resign(t, p)
		}), "base version is of another article"},
		{"notes with unknown field, re-signed", edit(func(p [][2]string) [][2]string {
			p[find(p, NotesName)][1] = `[{"text":"x","script":"alert(1)"}]`
			return resign(t, p)
		}), "notes.json does not parse"},
		{"audit with bad status, re-signed", edit(func(p [][2]string) [][2]string {
			p[find(p, AuditName)][1] = `[{"from":"draft","to":"gone"}]`
			return resign(t, p)
		}), "audit entry is not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := read(tt.data)
			if err == nil {
				t.Fatalf("accepted: %+v", b)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error does not wrap ErrInvalid: %v", err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not contain %q", err, tt.msg)
			}
		})
	}
}

// TestReadRefusesZipBomb stores 30 MB of zeros that compress to about
// 30 KB: the ratio check must refuse it from the header, and a header
// that lies about the size must be caught while decompressing.
func TestReadRefusesZipBomb(t *testing.T) {
	zeros := strings.Repeat("\x00", 30<<20)
	for _, name := range []string{"image/bomb.jpg", ArticleName, NotesName} {
		t.Run(name, func(t *testing.T) {
			data := rawZip(t, zip.Deflate, [2]string{name, zeros})
			_, err := read(data)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v", err)
			}
			if !strings.Contains(err.Error(), "zip bomb") && !strings.Contains(err.Error(), "larger than") {
				t.Errorf("unexpected reason: %v", err)
			}
		})
	}
	// A header that lies: claim 1 KB uncompressed for the 30 MB of zeros.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: NotesName, Method: zip.Deflate, UncompressedSize64: 1024, CompressedSize64: 0})
	w.Write(deflate(t, []byte(zeros)))
	zw.Close()
	if _, err := read(buf.Bytes()); !errors.Is(err, ErrInvalid) {
		t.Fatalf("lying header accepted or wrong error: %v", err)
	}
}

func deflate(t testing.TB, data []byte) []byte {
	// Write through zip once and lift the raw compressed bytes out.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "x", Method: zip.Deflate})
	w.Write(data)
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.File[0].OpenRaw()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	out.ReadFrom(rc)
	return out.Bytes()
}

func TestWriteRefuses(t *testing.T) {
	tests := []struct {
		name string
		edit func(b *Bundle)
	}{
		{"no article", func(b *Bundle) { b.Article = nil }},
		{"no uid", func(b *Bundle) { b.Article.UID = "" }},
		{"invalid article", func(b *Bundle) { b.Article.Headline = "" }},
		{"image name with folder", func(b *Bundle) { b.Image.Name = "../x.jpg" }},
		{"dot-file image", func(b *Bundle) { b.Image.Name = ".x" }},
		{"image the article does not name", func(b *Bundle) { b.Article.Image.Src = "leaders.jpg" }},
		{"not an image", func(b *Bundle) { b.Image.Data = []byte("GIF") }},
	}
	for _, tt := range tests {
		b := sample()
		tt.edit(b)
		if err := Write(&bytes.Buffer{}, b); err == nil {
			t.Errorf("%s: written", tt.name)
		}
	}
}

// FuzzReadBundle feeds arbitrary bytes to Read. It must never panic, and
// whatever it accepts must survive Write and Read unchanged, so an
// accepted bundle is always a well-formed one.
func FuzzReadBundle(f *testing.F) {
	good := write(f, sample())
	f.Add(good)
	min := sample()
	min.Base, min.Image, min.Notes, min.Audit = nil, nil, nil, nil
	f.Add(write(f, min))
	f.Add(good[:len(good)-30])
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	// Stored (uncompressed) parts keep the fuzzer's byte flips inside the
	// checked content instead of breaking the deflate stream.
	f.Add(rawZip(f, zip.Store, unpack(f, write(f, min))...))
	if seeds, err := filepath.Glob("testdata/*.copydesk"); err == nil {
		for _, s := range seeds {
			if data, err := os.ReadFile(s); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := read(data)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("refusal does not wrap ErrInvalid: %v", err)
			}
			return
		}
		again, err := read(write(t, b))
		if err != nil {
			t.Fatalf("accepted bundle does not survive a rewrite: %v", err)
		}
		if !reflect.DeepEqual(b, again) {
			t.Fatalf("rewrite changed the bundle:\n%+v\n%+v", b, again)
		}
	})
}

// FuzzReadBundleParts builds bundles whose manifest is always correctly
// signed around fuzzed part contents, so the fuzzer gets past the
// checksums into the front matter, JSON and validation paths, the way a
// tamperer who re-signs would.
func FuzzReadBundleParts(f *testing.F) {
	parts := unpack(f, write(f, sample()))
	get := func(name string) []byte {
		for _, p := range parts {
			if p[0] == name {
				return []byte(p[1])
			}
		}
		return nil
	}
	f.Add(get(ArticleName), get(BaseName), get(NotesName), get(AuditName), get("image/"+pictureKey()+".png"))
	f.Add([]byte("---\nuid: x\nheadline: h\n---\n"), []byte{}, []byte("[]"), []byte("[]"), []byte{})
	f.Add(get(ArticleName), get(ArticleName), []byte(`[{"uid":"n","text":"\u0000"}]`), []byte(`[{"from":"draft","to":"filed"}]`), []byte("GIF89a"))
	f.Fuzz(func(t *testing.T, article, base, notes, audit, img []byte) {
		files := [][2]string{{ManifestName, parts[0][1]}, {ArticleName, string(article)}, {NotesName, string(notes)}, {AuditName, string(audit)}}
		if len(base) > 0 {
			files = append(files, [2]string{BaseName, string(base)})
		}
		if len(img) > 0 {
			files = append(files, [2]string{"image/" + pictureKey() + ".png", string(img)})
		}
		data := rawZip(t, zip.Store, resign(t, files)...)
		b, err := read(data)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("refusal does not wrap ErrInvalid: %v", err)
			}
			return
		}
		again, err := read(write(t, b))
		if err != nil {
			t.Fatalf("accepted bundle does not survive a rewrite: %v", err)
		}
		if !reflect.DeepEqual(b, again) {
			t.Fatalf("rewrite changed the bundle:\n%+v\n%+v", b, again)
		}
	})
}
