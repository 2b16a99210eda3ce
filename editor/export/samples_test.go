package export

import (
	"context"
	"fmt"
	"time"
	_ "time/tzdata" // golden files must not depend on the machine's zoneinfo

	"copydesk/editor"
)

var (
	testNow = time.Date(2026, 11, 28, 18, 0, 0, 0, time.UTC)
	// testPNG is a 1×1 PNG, what a library image returns in tests.
	testPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")
)

// fakeImages serves every library image as testPNG and counts requests.
type fakeImages struct{ fail bool }

func (f fakeImages) Image(ctx context.Context, src string) ([]byte, string, error) {
	if f.fail {
		return nil, "", fmt.Errorf("image %s: %w", src, editor.ErrNotFound)
	}
	return testPNG, "image/png", nil
}

func testSite() Site {
	return Site{Settings: editor.DefaultSettings(), Now: testNow, Images: fakeImages{}}
}

// sampleFull uses every field.
func sampleFull() *editor.Article {
	return &editor.Article{
		ID:       7,
		UID:      "6f1c2a9e-3b1d-4c1e-9a55-0c7e2f9b1d42",
		Slug:     "ukraine-allies-security-guarantees",
		Headline: "Ukraine's allies agree to provide multilayered security guarantees as part of a peace proposal",
		Byline:   []string{"Lisa Johnson", "Marc Dubois"},
		Section:  "World",
		Summary:  "Ukraine's allies, including 27 European countries, Canada, and the U.S., agreed in Paris to provide multilayered security guarantees as part of a potential peace deal with Russia.",
		Dateline: "Paris",
		Tags:     []string{"Ukraine", "Russia", "NATO"},
		Image: editor.Image{
			Src:     "copydesk-image:3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea.png",
			Alt:     "Leaders stand for a group photograph in front of the Élysée Palace",
			Caption: "Leaders gather at the Élysée Palace in Paris before the talks.",
			Credit:  "Photo: Appleton Times staff",
		},
		Body: "In a significant development amid ongoing efforts to end the war in Ukraine, allies of the Eastern European nation have reached an agreement on providing multilayered security guarantees as part of a potential peace proposal with Russia.\n\n" +
			"Officials involved in the Paris talks emphasized the importance of security guarantees. \"We are committed to Ukraine's sovereignty and territorial integrity,\" a European diplomat said.\n\n" +
			"## What the guarantees include\n\n" +
			"The multilayered approach reportedly encompasses immediate military support, long-term defense pacts similar to NATO's Article 5, and economic incentives to rebuild Ukraine's infrastructure.\n",
		Status:    editor.StatusPublished,
		Version:   4,
		Created:   time.Date(2026, 11, 25, 9, 15, 0, 0, time.UTC),
		Updated:   time.Date(2026, 11, 26, 16, 40, 0, 0, time.UTC),
		Published: time.Date(2026, 11, 26, 14, 30, 0, 0, time.UTC),
		Corrections: []editor.Correction{
			{Time: time.Date(2026, 11, 26, 16, 40, 0, 0, time.UTC), Text: "An earlier version misstated the number of European countries at the meeting. It was 27, not 28."},
		},
	}
}

// sampleMinimal has only what a save requires.
func sampleMinimal() *editor.Article {
	return &editor.Article{
		ID:       8,
		Headline: "Council meets Tuesday",
		Body:     "The city council meets Tuesday at 7 p.m.",
		Status:   editor.StatusDraft,
		Created:  time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC),
		Updated:  time.Date(2026, 11, 27, 8, 5, 0, 0, time.UTC),
	}
}

// sampleRich exercises lists, quotes, links, footnotes, tables and
// non-ASCII text, and a body that already starts with its dateline.
func sampleRich() *editor.Article {
	return &editor.Article{
		ID:       9,
		UID:      "0b9e4d2c-8a77-4f0e-b3c1-5d6e7f8a9b0c",
		Slug:     "zurich-cafe-prices",
		Headline: "Zürich café prices rise — “a small shock” for São Paulo visitors",
		Byline:   []string{"Anaïs Müller", "Jürgen Weiß", "Zoë O'Brien"},
		Section:  "Business",
		Summary:  "Coffee costs 5.20 francs on average; tourists & locals react.",
		Dateline: "ZÜRICH",
		Tags:     []string{"Switzerland", "prices"},
		Image:    editor.Image{Src: "https://images.example.com/cafe 1.jpg", Alt: "A cup of coffee on a café table", Credit: "Reuters"},
		Body: "ZÜRICH -- Prices at the city's cafés rose again, data from the [Federal Statistical Office](https://www.bfs.admin.ch/) show.[^1]\n\n" +
			"> \"It is a small shock,\" said **Ana** from *São Paulo*, sipping a ~~cheap~~ flat white.\n\n" +
			"What changed:\n\n" +
			"1. Milk costs more\n2. Rents rose by 4 %\n3. Wages followed\n\n" +
			"- [x] Survey done\n- [ ] Follow-up in spring\n\n" +
			"| City | Price (CHF) |\n|:-----|------------:|\n| Zürich | 5.20 |\n| Genève | 4.90 |\n\n" +
			"See the office's site at www.bfs.admin.ch or write to <desk@appletontimes.example>. Code: `1 < 2 && 3 > 2`.\n\n" +
			"[^1]: Consumer price index, October 2026 — 日本語のテキストも。\n",
		Status:    editor.StatusApproved,
		Version:   2,
		Created:   time.Date(2026, 11, 20, 7, 0, 0, 0, time.UTC),
		Updated:   time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC),
		Published: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC),
	}
}

var samples = []struct {
	name string
	art  func() *editor.Article
}{
	{"full", sampleFull},
	{"minimal", sampleMinimal},
	{"rich", sampleRich},
	{"embargoed", sampleEmbargoed},
	{"corrected", sampleCorrected},
}

// sampleEmbargoed is scheduled: published, but embargoed until after testNow.
func sampleEmbargoed() *editor.Article {
	return &editor.Article{
		ID:        10,
		UID:       "9d2f61b0-7c4e-4b8a-a1d3-2e5f6a7b8c9d",
		Slug:      "fed-raises-rates",
		Headline:  "Federal Reserve raises rates by a quarter point",
		Byline:    []string{"Dana Whitfield"},
		Section:   "Business",
		Summary:   "The central bank's decision is released at 1 p.m. Central.",
		Dateline:  "WASHINGTON",
		Body:      "The Federal Reserve raised its benchmark rate by a quarter point on Saturday.\n",
		Status:    editor.StatusPublished,
		Version:   3,
		Created:   time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC),
		Updated:   time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC),
		Published: time.Date(2026, 11, 28, 19, 0, 0, 0, time.UTC),
		Embargo:   time.Date(2026, 11, 28, 19, 0, 0, 0, time.UTC),
	}
}

// sampleCorrected was corrected twice after publication.
func sampleCorrected() *editor.Article {
	return &editor.Article{
		ID:        11,
		UID:       "4a7c2e19-5b3d-4f6e-8a9b-0c1d2e3f4a5b",
		Slug:      "bridge-reopens",
		Headline:  "Oneida Street bridge reopens after repairs",
		Byline:    []string{"Ana Ruiz"},
		Section:   "Local",
		Summary:   "Traffic returned to the bridge on Tuesday morning.",
		Dateline:  "APPLETON, Wis.",
		Body:      "The Oneida Street bridge reopened to traffic on Tuesday after four months of repairs.\n",
		Status:    editor.StatusPublished,
		Version:   7,
		Created:   time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC),
		Updated:   time.Date(2026, 11, 25, 21, 5, 0, 0, time.UTC),
		Published: time.Date(2026, 11, 24, 13, 0, 0, 0, time.UTC),
		Corrections: []editor.Correction{
			{Time: time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC), Text: "An earlier version said the bridge reopened on Monday. It reopened Tuesday."},
			{Time: time.Date(2026, 11, 25, 21, 5, 0, 0, time.UTC), Text: "The repairs took four months, not five."},
		},
	}
}
