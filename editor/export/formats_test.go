package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"copydesk/editor"
	"copydesk/editor/xsstest"
)

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

// ninjsSchema compiles the official schema from testdata. Its GeoJSON
// reference is satisfied locally (see testdata/NOTICE): tests stay offline.
func ninjsSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	schemaOnce.Do(func() {
		f, err := os.Open(filepath.Join("testdata", "ninjs-schema_2.1.json"))
		if err != nil {
			schemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat() // "uri" and "date-time" are checked, not just annotated
		if err := c.AddResource("https://geojson.org/schema/GeoJSON.json", map[string]any{}); err != nil {
			schemaErr = err
			return
		}
		if err := c.AddResource("ninjs.json", doc); err != nil {
			schemaErr = err
			return
		}
		schema, schemaErr = c.Compile("ninjs.json")
	})
	if schemaErr != nil {
		t.Fatalf("ninjs schema: %v", schemaErr)
	}
	return schema
}

func validateNINJS(t testing.TB, data []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ninjs is not JSON: %v\n%s", err, data)
	}
	if err := ninjsSchema(t).Validate(inst); err != nil {
		t.Fatalf("ninjs does not validate: %v\n%s", err, data)
	}
}

func TestNINJSValidatesAgainstSchema(t *testing.T) {
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := EncodeNINJS(&b, s.art(), testSite()); err != nil {
				t.Fatal(err)
			}
			validateNINJS(t, b.Bytes())
			var got map[string]any
			if err := json.Unmarshal(b.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if got["type"] != "text" || got["headlines"].([]any)[0].(map[string]any)["value"] != editor.OneLine(s.art().Headline) {
				t.Errorf("type/headline wrong: %v %v", got["type"], got["headlines"])
			}
		})
	}
	// The schema must be able to fail, or the check above proves nothing.
	t.Run("schema rejects a bad document", func(t *testing.T) {
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"uri":"not a uri","type":"text","pubstatus":"maybe"}`))
		if err := ninjsSchema(t).Validate(inst); err == nil {
			t.Fatal("schema accepted an invalid ninjs document")
		}
	})
}

func TestNITFWellFormed(t *testing.T) {
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			var b bytes.Buffer
			a := s.art()
			if err := EncodeNITF(&b, a, testSite()); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				XMLName xml.Name
				Head    struct {
					Title   string `xml:"title"`
					DocData struct {
						DocID struct {
							ID string `xml:"id-string,attr"`
						} `xml:"doc-id"`
						EdMsg *struct {
							Info string `xml:"info,attr"`
						} `xml:"ed-msg"`
					} `xml:"docdata"`
				} `xml:"head"`
				Body struct {
					Head struct {
						HL1    string `xml:"hedline>hl1"`
						Byline string `xml:"byline"`
					} `xml:"body.head"`
					Content struct {
						P []string `xml:"p"`
					} `xml:"body.content"`
					End *struct{} `xml:"body.end"`
				} `xml:"body"`
			}
			if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
				t.Fatalf("not well-formed: %v\n%s", err, b.String())
			}
			if doc.XMLName.Space != NITFNamespace || doc.XMLName.Local != "nitf" {
				t.Errorf("root = %v", doc.XMLName)
			}
			if doc.Head.Title != a.Headline || doc.Body.Head.HL1 != a.Headline {
				t.Errorf("title %q hl1 %q", doc.Head.Title, doc.Body.Head.HL1)
			}
			if doc.Body.Head.Byline != BylineText(a.Byline) {
				t.Errorf("byline %q", doc.Body.Head.Byline)
			}
			wantMsg := ""
			if !a.Embargo.IsZero() {
				wantMsg = "Embargoed until " + editor.APTime(a.Embargo, location(testSite().Settings))
			}
			if doc.Head.DocData.EdMsg == nil || doc.Head.DocData.EdMsg.Info != wantMsg {
				t.Errorf("ed-msg must be present and say %q: %+v", wantMsg, doc.Head.DocData.EdMsg)
			}
			if len(doc.Body.Content.P) == 0 || doc.Body.End == nil {
				t.Errorf("body.content has no paragraphs or body.end missing")
			}
			checkXMLTokens(t, b.Bytes())
		})
	}
}

// checkXMLTokens reads every token, which fails on any malformed input
// that Unmarshal into a partial struct might skip.
func checkXMLTokens(t testing.TB, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("XML does not parse: %v\n%s", err, data)
		}
	}
}

func TestTextWireCopy(t *testing.T) {
	a := sampleFull()
	a.Body = "A [link](https://example.com/a) and **bold** and a_very_long_word_" + strings.Repeat("x", 90) + " end.\n\nSecond paragraph with `code` and *emphasis*."
	var b bytes.Buffer
	if err := EncodeText(&b, a, testSite()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if lines[0] != a.Headline[:len(lines[0])] {
		t.Errorf("first line %q does not start the headline", lines[0])
	}
	for _, want := range []string{"By Lisa Johnson and Marc Dubois\n", "\nPARIS — A link (https://example.com/a) and bold", "Second paragraph with code and emphasis."} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	for _, bad := range []string{"**", "](", "`", "*emphasis*"} {
		if strings.Contains(out, bad) {
			t.Errorf("Markdown syntax %q left in\n%s", bad, out)
		}
	}
	for _, l := range lines {
		if n := utf8.RuneCountInString(l); n > WireWidth && strings.Contains(l, " ") {
			t.Errorf("line of %d runes (a line over %d may only be one long word): %q", n, WireWidth, l)
		}
	}
}

func TestBylineText(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""}, {[]string{"A"}, "By A"}, {[]string{"A", "B"}, "By A and B"},
		{[]string{"A", "B", "C"}, "By A, B and C"}, {[]string{" A ", "", "B\nC"}, "By A and B C"},
	}
	for _, tt := range tests {
		if got := BylineText(tt.in); got != tt.want {
			t.Errorf("BylineText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	for _, f := range Formats {
		got, ok := Lookup(strings.ToUpper(f.Name))
		if !ok || got.Name != f.Name || got.Encode == nil || got.Ext == "" || got.MediaType == "" {
			t.Errorf("Lookup(%q) = %+v, %v", f.Name, got, ok)
		}
	}
	if _, ok := Lookup("pdf"); ok {
		t.Error("Lookup(pdf) succeeded")
	}
}

func TestMarkdownRoundTrip(t *testing.T) {
	for _, s := range samples {
		var b bytes.Buffer
		if err := EncodeMarkdown(&b, s.art(), testSite()); err != nil {
			t.Fatal(err)
		}
		got, err := editor.ParseMarkdown(b.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		want := s.art()
		// A library image travels as the file written beside the page;
		// import reads it back from there.
		if name := ImageFileName(want); name != "" {
			want.Image.Src = name
		}
		if got.Headline != want.Headline || got.Body != want.Body || got.Dateline != want.Dateline || strings.Join(got.Byline, "|") != strings.Join(want.Byline, "|") || got.Image != want.Image || !got.Embargo.Equal(want.Embargo) || len(got.Corrections) != len(want.Corrections) {
			t.Errorf("%s: round trip changed the article: %+v", s.name, got)
		}
	}
}

// TestHugoBuild builds the Hugo bundles with the real hugo binary.
func TestHugoBuild(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("hugo is not installed and CI is set (make deps-test installs it)")
		}
		t.Skip("hugo not installed")
	}
	site := t.TempDir()
	for _, f := range []string{"content/news", "layouts/_default"} {
		if err := os.MkdirAll(filepath.Join(site, f), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(site, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.yaml", "baseURL: https://www.appletontimes.example/\ntitle: The Appleton Times\ndisableKinds: [taxonomy, term, RSS, sitemap, robotsTXT, 404]\n")
	// A minimal layout that prints what the test checks. Hugo before 0.123
	// (Debian ships 0.111) keeps the params key as .Params.params; later
	// versions merge it into .Params. The layout reads either.
	write("layouts/_default/single.html", `{{ $p := .Params }}{{ with .Params.params }}{{ $p = . }}{{ end }}<h1>{{ .Title }}</h1><p class="by">{{ $p.byline }}</p><p class="dl">{{ $p.dateline }}</p>{{ with $p.images }}{{ with $.Resources.GetMatch (index . 0) }}<img src="{{ .RelPermalink }}">{{ end }}{{ end }}{{ .Content }}`)
	write("layouts/_default/list.html", `{{ range .Pages }}{{ .Title }}{{ end }}`)
	arts := []*editorArticle{{"full", sampleFull()}, {"rich", sampleRich()}, {"minimal", sampleMinimal()}}
	// Hostile text in every front matter field must still give front
	// matter Hugo's own YAML reader accepts.
	for i, p := range xsstest.Payloads {
		a := sampleFull()
		for _, set := range fields {
			set(a, p)
		}
		a.Slug = fmt.Sprintf("payload-%d", i)
		a.Image.Src = ""
		arts = append(arts, &editorArticle{a.Slug, a})
	}
	for _, x := range arts {
		x.a.Status = editor.StatusPublished
		dir := filepath.Join(site, "content", "news", Slug(x.a))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := EncodeHugo(&b, x.a, testSite()); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "index.md"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if name := ImageFileName(x.a); name != "" {
			if err := os.WriteFile(filepath.Join(dir, name), testPNG, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	cmd := exec.Command(hugo, "--source", site, "--destination", filepath.Join(site, "public"), "--quiet")
	cmd.Env = append(os.Environ(), "HUGO_CACHEDIR="+t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo build failed: %v\n%s", err, out)
	}
	full := sampleFull()
	page, err := os.ReadFile(filepath.Join(site, "public", "news", Slug(full), "index.html"))
	if err != nil {
		t.Fatalf("hugo did not write the full sample's page: %v", err)
	}
	for _, want := range []string{"<h1>Ukraine&#39;s allies agree to provide multilayered security guarantees as part of a peace proposal</h1>", "By Lisa Johnson and Marc Dubois", "PARIS", `<img src="/news/` + Slug(full) + `/` + ImageFileName(full) + `">`, "<h2 id=\"what-the-guarantees-include\">", `<p><span class="dateline">PARIS</span> — In a significant development`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("hugo page lacks %q:\n%s", want, page)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public", "news", Slug(full), ImageFileName(full))); err != nil {
		t.Errorf("bundle image not published: %v", err)
	}
	for _, s := range []string{"zurich-cafe-prices", "council-meets-tuesday"} {
		if _, err := os.Stat(filepath.Join(site, "public", "news", s, "index.html")); err != nil {
			t.Errorf("page %s missing: %v", s, err)
		}
	}
	// Hugo's default (safe) Markdown settings and html/template keep the
	// payloads inert in what it builds from our bundles.
	for i := range xsstest.Payloads {
		page, err := os.ReadFile(filepath.Join(site, "public", "news", fmt.Sprintf("payload-%d", i), "index.html"))
		if err != nil {
			t.Errorf("payload page %d: %v", i, err)
			continue
		}
		if err := xsstest.CheckHTMLString(string(page)); err != nil {
			t.Errorf("payload page %d built by hugo: %v", i, err)
		}
	}
}

type editorArticle struct {
	name string
	a    *editor.Article
}
