package export

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"copydesk/editor"
	"copydesk/editor/xsstest"
)

// chromium finds Debian's chromium; without it the test skips locally and
// fails in CI, where make deps-test installs it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p == "" {
			continue
		}
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed and CI is set (make deps-test installs it)")
	}
	t.Skip("chromium not installed")
	return ""
}

// payloadArticle puts one payload into every field at once.
func payloadArticle(i int, p string) *editor.Article {
	a := sampleFull()
	a.ID = int64(1000 + i)
	for _, set := range fields {
		set(a, p)
	}
	a.Image.Src = sampleFull().Image.Src // one page in the set keeps a real image
	if i%2 == 1 {
		a.Image.Src = p
	}
	return a
}

// stripCSP writes a copy of the site with the CSP meta removed from every
// page, so the test proves the escaping itself and not only the policy.
func stripCSP(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if strings.HasSuffix(p, ".html") {
			s := string(data)
			start := strings.Index(s, `<meta http-equiv="Content-Security-Policy"`)
			if start < 0 {
				return fmt.Errorf("%s has no CSP meta", rel)
			}
			end := strings.Index(s[start:], ">\n")
			data = []byte(s[:start] + s[start+end+2:])
		}
		out := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBrowserXSS loads exported pages in real headless Chromium and fails
// if any script a payload smuggled in runs (an alert/confirm/prompt dialog
// opens, or document.title starts with "XSS"). It also checks what a
// reader sees: the h1, byline, dateline run-in, relative time from the
// same-origin script, and the JSON-LD headline.
// startBrowser starts headless chromium for the test and stops it at
// cleanup; every page is served from localhost and nothing else is
// fetched.
func startBrowser(t *testing.T, exe string) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
	}
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return bctx
}

func TestBrowserXSS(t *testing.T) {
	exe := chromium(t)
	root := t.TempDir()
	withCSP, noCSP := filepath.Join(root, "csp"), filepath.Join(root, "nocsp")

	clean := sampleFull()
	clean.Published = time.Now().Add(-73 * time.Hour) // "3 days ago" from the script
	arts := []*editor.Article{clean}
	for i, p := range xsstest.Payloads {
		arts = append(arts, payloadArticle(i, p))
	}
	if _, err := WriteSite(context.Background(), withCSP, arts, testSite()); err != nil {
		t.Fatal(err)
	}
	stripCSP(t, withCSP, noCSP)

	var pages []string
	entries := place(arts)
	for _, e := range entries {
		pages = append(pages, e.rel()+"index.html")
	}
	sections := map[string]bool{}
	for _, e := range entries {
		sections[e.section] = true
	}
	for s := range sections {
		pages = append(pages, s+"/index.html")
	}
	pages = append(pages, "index.html")

	srv := httptest.NewServer(http.FileServer(http.Dir(root)))
	defer srv.Close()

	bctx := startBrowser(t, exe)
	var mu sync.Mutex
	var dialogs []string
	// A dialog blocks the page, so another goroutine records and closes it.
	go func() {
		for ev, err := range chromedp.Events(bctx, cdppage.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			mu.Lock()
			dialogs = append(dialogs, fmt.Sprintf("%s dialog %q", ev.Type, ev.Message))
			mu.Unlock()
			_, _ = chromedp.Call(bctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	// waitJS evaluates expr until it is true. Evaluating right after a
	// navigation can hit the old page's execution context ("Cannot find
	// context with specified id"), so errors are retried, not fatal.
	waitJS := func(expr string) error {
		var err error
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(25 * time.Millisecond) {
			var ok bool
			if ok, err = chromedp.Run(bctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
				return nil
			}
		}
		return fmt.Errorf("%s never became true (last error: %v)", expr, err)
	}
	// evalString retries for the same reason waitJS does.
	evalString := func(expr string) (string, error) {
		var v string
		var err error
		for range 40 {
			if v, err = chromedp.Run(bctx, chromedp.Evaluate[string](expr)); err == nil {
				return v, nil
			}
			time.Sleep(25 * time.Millisecond)
		}
		return v, err
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.TextContent(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}

	// What a reader sees on the clean page, with the CSP in place.
	cleanURL := srv.URL + "/csp/" + entries[0].rel() + "index.html"
	if err := chromedp.Do(bctx, chromedp.Navigate(cleanURL)); err != nil {
		t.Fatalf("clean page: %v", err)
	}
	if err := waitJS(`document.querySelector("time[data-relative]").textContent.endsWith("ago")`); err != nil {
		t.Errorf("relative time never appeared (the same-origin script must run under the CSP): %v; time text %q", err, text("time[data-relative]"))
	}
	if h1 := text("h1"); h1 != clean.Headline {
		t.Errorf("h1 = %q", h1)
	}
	if by := text(".byline"); by != "By Lisa Johnson and Marc Dubois" {
		t.Errorf("byline = %q", by)
	}
	if first := text(".body p"); !strings.HasPrefix(first, "PARIS — In a significant development") {
		t.Errorf("first paragraph = %q, want the dateline run in", first)
	}
	if tt := text("time[data-relative]"); tt != "3 days ago" {
		t.Errorf("relative time = %q, want %q", tt, "3 days ago")
	}
	ld, err := evalString(`JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent).headline`)
	if err != nil || ld != clean.Headline {
		t.Errorf("JSON-LD headline = %q, %v", ld, err)
	}

	// Controls: pages where script does run must be caught, or the checks
	// below could never fail.
	ctrl := filepath.Join(root, "control")
	if err := os.MkdirAll(ctrl, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"title.html": `<!DOCTYPE html><title>ok</title><img src="missing.png" onerror="document.title='XSS control'">`,
		"alert.html": `<!DOCTYPE html><title>ok</title><script src="alert.js"></script>`,
		"alert.js":   `alert("XSS control");`,
	} {
		if err := os.WriteFile(filepath.Join(ctrl, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+"/control/title.html")); err != nil {
		t.Fatal(err)
	}
	if err := waitJS(`document.title.startsWith("XSS")`); err != nil {
		t.Errorf("control: a title set by script was not seen: %v", err)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+"/control/alert.html")); err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		n := len(dialogs)
		mu.Unlock()
		if n > 0 {
			break
		}
	}
	mu.Lock()
	if len(dialogs) != 1 {
		t.Errorf("control: %d dialogs seen, want 1: %q", len(dialogs), dialogs)
	}
	dialogs = nil
	mu.Unlock()

	// Every page, with and without the CSP.
	loaded := 0
	for _, variant := range []string{"csp", "nocsp"} {
		for _, p := range pages {
			url := srv.URL + "/" + variant + "/" + p
			if err := chromedp.Do(bctx,
				chromedp.Navigate(url),
				// Let onerror/onload handlers of anything that slipped
				// through fire before the title is read.
				chromedp.Sleep(20*time.Millisecond),
			); err != nil {
				t.Fatalf("%s: %v", url, err)
			}
			title, err := evalString(`document.title`)
			if err != nil {
				t.Fatalf("%s: %v", url, err)
			}
			h1, err := evalString(`(document.querySelector("h1")||{textContent:""}).textContent`)
			if err != nil {
				t.Fatalf("%s: %v", url, err)
			}
			loaded++
			if strings.HasPrefix(title, "XSS") {
				t.Errorf("%s: script ran: title %q", url, title)
			}
			if strings.Count(p, "/") == 2 {
				var want string
				for _, e := range entries {
					if e.rel()+"index.html" == p {
						want = editor.OneLine(e.a.Headline)
					}
				}
				if h1 != want {
					t.Errorf("%s: h1 = %q, want %q", url, h1, want)
				}
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for _, d := range dialogs {
		t.Errorf("script ran: %s", d)
	}
	t.Logf("loaded %d pages (%d payloads, with and without CSP) in one browser", loaded, len(xsstest.Payloads))
}

// TestBrowserCorrection opens a corrected article's site page in
// chromium: the reader sees each correction at the end of the article
// and the "Updated" time under the byline, and the page's JSON-LD parses
// in the browser with the corrections in it.
func TestBrowserCorrection(t *testing.T) {
	exe := chromium(t)
	root := t.TempDir()
	a := sampleCorrected()
	if _, err := WriteSite(context.Background(), root, []*editor.Article{a, sampleFull()}, testSite()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(root)))
	defer srv.Close()
	bctx := startBrowser(t, exe)
	if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+"/"+ArticlePath(a)+"index.html")); err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("article .correction")].map(e => e.innerText)`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Correction, Nov. 24, 2026: An earlier version said the bridge reopened on Monday. It reopened Tuesday.",
		"Correction, Nov. 25, 2026: The repairs took four months, not five.",
	}
	if strings.Join(shown, "\n") != strings.Join(want, "\n") {
		t.Errorf("corrections shown:\n%q\nwant\n%q", shown, want)
	}
	last, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.querySelector("article .corrections") === document.querySelector("article").lastElementChild`))
	if err != nil {
		t.Fatal(err)
	}
	if !last {
		t.Error("corrections are not at the end of the article")
	}
	updated, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector(".meta .updated").innerText`))
	if err != nil {
		t.Fatal(err)
	}
	if updated != "Updated Nov. 25, 2026, 3:05 p.m. CST" {
		t.Errorf("updated line %q", updated)
	}
	type jsonLD struct {
		Type       string `json:"@type"`
		Correction []struct {
			Type string `json:"@type"`
			Text string `json:"text"`
			Date string `json:"datePublished"`
		} `json:"correction"`
	}
	ld, err := chromedp.Run(bctx, chromedp.Evaluate[jsonLD](`JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)`))
	if err != nil {
		t.Fatalf("JSON-LD does not parse in the browser: %v", err)
	}
	if ld.Type != "NewsArticle" || len(ld.Correction) != 2 || ld.Correction[1].Type != "CorrectionComment" ||
		ld.Correction[1].Text != "The repairs took four months, not five." || ld.Correction[1].Date != "2026-11-25T15:05:00-06:00" {
		t.Errorf("JSON-LD corrections: %+v", ld)
	}
}
