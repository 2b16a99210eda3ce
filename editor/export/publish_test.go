package export

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"copydesk/editor"
)

// sampleKilled was published and then withdrawn.
func sampleKilled() *editor.Article {
	a := sampleCorrected()
	a.ID, a.UID, a.Slug = 12, "7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b", "mayor-resigns"
	a.Headline = "Mayor resigns, sources say"
	a.Status = editor.StatusKilled
	a.Corrections = nil
	return a
}

func TestGoldenTombstone(t *testing.T) {
	var b bytes.Buffer
	site := testSite()
	site.Root = "../../"
	if err := EncodeTombstone(&b, sampleKilled(), site); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", "killed.tombstone.html")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("%s differs from golden file; got:\n%s", golden, b.String())
	}
	for _, leak := range []string{"Mayor", "resigns", "Ana Ruiz"} {
		if bytes.Contains(b.Bytes(), []byte(leak)) {
			t.Errorf("tombstone names %q from the killed article", leak)
		}
	}
}

// TestPublishingEnd exports a site before and after an embargo lifts and
// with a killed article under both kill settings, and checks every place
// a reader or a crawler could find an article: its page, the section and
// home pages, the feed and the sitemaps.
func TestPublishingEnd(t *testing.T) {
	lift := sampleEmbargoed().Embargo
	tests := []struct {
		name        string
		now         time.Time
		killed      editor.KilledPage
		embargoSeen bool
		tombstone   bool
	}{
		{"before the embargo", lift.Add(-5 * time.Minute), editor.KilledTombstone, false, true},
		{"at the embargo", lift, editor.KilledTombstone, true, true},
		{"killed pages removed", lift.Add(time.Hour), editor.KilledRemove, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			// A first export with the killed article still published, so
			// the kill has a page to take down.
			live := sampleKilled()
			live.Status = editor.StatusPublished
			site := testSite()
			site.Now = tt.now
			site.Settings.KilledPages = tt.killed
			if _, err := WriteSite(context.Background(), dir, []*editor.Article{sampleFull(), live, sampleEmbargoed()}, site); err != nil {
				t.Fatal(err)
			}
			if _, err := WriteSite(context.Background(), dir, []*editor.Article{sampleFull(), sampleKilled(), sampleEmbargoed()}, site); err != nil {
				t.Fatal(err)
			}
			read := func(rel string) string {
				b, err := os.ReadFile(filepath.Join(dir, rel))
				if err != nil {
					return ""
				}
				return string(b)
			}
			everywhere := read("index.html") + read("business/index.html") + read("local/index.html") + read("feed.xml") +
				read("sitemap-1.xml") + read("sitemap-news.xml")
			embargoPage := read("business/fed-raises-rates/index.html")
			if got := embargoPage != "" && strings.Contains(everywhere, "fed-raises-rates"); got != tt.embargoSeen {
				t.Errorf("embargoed article on the site: %v, want %v", got, tt.embargoSeen)
			}
			if !tt.embargoSeen && (embargoPage != "" || strings.Contains(everywhere, "Federal Reserve")) {
				t.Error("embargoed article leaked before its time")
			}
			if strings.Contains(everywhere, "mayor-resigns") || strings.Contains(everywhere, "Mayor resigns") {
				t.Error("killed article is still listed")
			}
			gone := read("local/mayor-resigns/index.html")
			if tt.tombstone {
				if !strings.Contains(gone, "This article has been withdrawn") || !strings.Contains(gone, `<meta name="robots" content="noindex">`) {
					t.Errorf("no tombstone at the killed article's address:\n%s", gone)
				}
			} else if _, err := os.Stat(filepath.Join(dir, "local", "mayor-resigns")); !os.IsNotExist(err) {
				t.Errorf("killed article's folder is still there (%v)", err)
			}
			if !strings.Contains(read("world/ukraine-allies-security-guarantees/index.html"), "Correction, <time") {
				t.Error("the corrected article lost its correction")
			}
		})
	}
}

// TestEmbargoNoticeOnPage: a page rendered before the embargo (the
// preview, a single export) says so in the newsroom's time zone.
func TestEmbargoNoticeOnPage(t *testing.T) {
	for _, tt := range []struct {
		now  time.Time
		want bool
	}{
		{testNow, true},
		{sampleEmbargoed().Embargo, false},
	} {
		site := testSite()
		site.Now = tt.now
		var b bytes.Buffer
		if err := EncodeHTML(&b, sampleEmbargoed(), site); err != nil {
			t.Fatal(err)
		}
		got := strings.Contains(b.String(), `<p class="embargo">Embargoed until Nov. 28, 2026, 1 p.m. CST</p>`)
		if got != tt.want {
			t.Errorf("at %v: notice shown %v, want %v", tt.now, got, tt.want)
		}
	}
}

// manyArticles makes n published articles in section sec, one a minute.
func manyArticles(n int, sec string, firstID int64) []*editor.Article {
	var out []*editor.Article
	for i := range n {
		at := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(firstID+int64(i)) * time.Minute)
		out = append(out, &editor.Article{
			ID: firstID + int64(i), Headline: "Story number " + strconv.Itoa(int(firstID)+i), Section: sec,
			Slug: "story-number-" + strconv.Itoa(int(firstID)+i),
			Body: "Text.", Status: editor.StatusPublished, Created: at, Updated: at, Published: at,
		})
	}
	return out
}

func TestPagination(t *testing.T) {
	dir := t.TempDir()
	site := testSite()
	site.Settings.ListPageSize = 50
	arts := append(manyArticles(120, "Local", 1), manyArticles(3, "Sports", 500)...)
	if _, err := WriteSite(context.Background(), dir, arts, site); err != nil {
		t.Fatal(err)
	}
	headlines := regexp.MustCompile(`<a class="headline" href="([^"]+)">Story number (\d+)</a>`)
	tests := []struct {
		file       string
		items      int
		newest     int
		prev, next string
	}{
		{"local/index.html", 50, 120, "", "../local/page/2/index.html"},
		{"local/page/2/index.html", 50, 70, "../../../local/index.html", "../../../local/page/3/index.html"},
		{"local/page/3/index.html", 20, 20, "../../../local/page/2/index.html", ""},
		{"sports/index.html", 3, 502, "", ""},
		{"index.html", 50, 502, "", "page/2/index.html"},
		{"page/3/index.html", 23, 70 - 47, "../../page/2/index.html", ""},
	}
	for _, tt := range tests {
		b, err := os.ReadFile(filepath.Join(dir, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		m := headlines.FindAllStringSubmatch(page, -1)
		if len(m) != tt.items {
			t.Errorf("%s lists %d articles, want %d", tt.file, len(m), tt.items)
			continue
		}
		if n, _ := strconv.Atoi(m[0][2]); n != tt.newest {
			t.Errorf("%s starts with story %d, want %d", tt.file, n, tt.newest)
		}
		// Every link on the page leads to a page that exists.
		for _, l := range m {
			if _, err := os.Stat(filepath.Join(dir, filepath.Dir(tt.file), l[1])); err != nil {
				t.Errorf("%s: link %s: %v", tt.file, l[1], err)
			}
		}
		for rel, want := range map[string]string{"prev": tt.prev, "next": tt.next} {
			tag := `<link rel="` + rel + `" href="` + want + `">`
			if want == "" && strings.Contains(page, `<link rel="`+rel+`"`) {
				t.Errorf("%s has a rel=%s link at the end of the list", tt.file, rel)
			} else if want != "" && !strings.Contains(page, tag) {
				t.Errorf("%s lacks %s", tt.file, tag)
			} else if want != "" {
				if _, err := os.Stat(filepath.Join(dir, filepath.Dir(tt.file), want)); err != nil {
					t.Errorf("%s: rel=%s leads nowhere: %v", tt.file, rel, err)
				}
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "local", "page", "4")); !os.IsNotExist(err) {
		t.Errorf("a fourth Local page exists (%v)", err)
	}
}

// TestSitemapIndexSchema splits the sitemap into several files and
// validates the index and each file against the protocol's own schemas.
func TestSitemapIndexSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is not installed and CI is set (make deps-test installs libxml2-utils)")
		}
		t.Skip("xmllint not installed")
	}
	dir := t.TempDir()
	site := testSite()
	site.SitemapURLs = 40
	arts := manyArticles(95, "Local", 1)
	if _, err := WriteSite(context.Background(), dir, arts, site); err != nil {
		t.Fatal(err)
	}
	validate := func(schema, file string) {
		t.Helper()
		out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", filepath.Join("testdata", "sitemaps", schema), filepath.Join(dir, file)).CombinedOutput()
		if err != nil {
			t.Errorf("%s against %s: %v\n%s", file, schema, err, out)
		}
	}
	validate("siteindex.xsd", SitemapName)
	data, err := os.ReadFile(filepath.Join(dir, SitemapName))
	if err != nil {
		t.Fatal(err)
	}
	var idx struct {
		Locs []string `xml:"sitemap>loc"`
	}
	if err := xml.Unmarshal(data, &idx); err != nil {
		t.Fatal(err)
	}
	want := []string{"sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap-news.xml"}
	if len(idx.Locs) != len(want) {
		t.Fatalf("index lists %v, want %v", idx.Locs, want)
	}
	total := 0
	for i, loc := range idx.Locs {
		if !strings.HasSuffix(loc, "/"+want[i]) {
			t.Errorf("index entry %d is %s, want %s", i, loc, want[i])
		}
		if want[i] == "sitemap-news.xml" {
			continue
		}
		validate("sitemap.xsd", want[i])
		b, _ := os.ReadFile(filepath.Join(dir, want[i]))
		n := strings.Count(string(b), "<url>")
		if n > site.SitemapURLs {
			t.Errorf("%s has %d URLs, more than %d", want[i], n, site.SitemapURLs)
		}
		total += n
	}
	if total != len(arts) {
		t.Errorf("sitemaps list %d URLs, want %d", total, len(arts))
	}
	// A schema that cannot fail proves nothing: a urlset is not an index.
	out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", filepath.Join("testdata", "sitemaps", "siteindex.xsd"), filepath.Join(dir, "sitemap-1.xml")).CombinedOutput()
	if err == nil {
		t.Errorf("xmllint accepted a urlset as a sitemap index:\n%s", out)
	}
}

// TestNewsSitemapLimit: the news sitemap holds at most NewsSitemapURLs
// of the articles from the last NewsWindow, newest first.
func TestNewsSitemapLimit(t *testing.T) {
	dir := t.TempDir()
	arts := manyArticles(NewsSitemapURLs+30, "Local", 1)
	site := testSite()
	// The newest article is 2026-10-01 + 1030 min; the window holds all.
	site.Now = arts[len(arts)-1].Published.Add(time.Hour)
	old := manyArticles(1, "Local", 5000)[0]
	old.Published = site.Now.Add(-NewsWindow - time.Minute)
	arts = append(arts, old)
	if _, err := WriteSite(context.Background(), dir, arts, site); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, newsSitemapName))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "<url>"); n != NewsSitemapURLs {
		t.Errorf("news sitemap has %d URLs, want %d", n, NewsSitemapURLs)
	}
	if !strings.Contains(string(b), "story-number-1030/") || strings.Contains(string(b), "story-number-5000/") || strings.Contains(string(b), "story-number-30/") {
		t.Error("news sitemap is not the newest articles of the window")
	}
}
