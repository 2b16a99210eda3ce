package review

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
	"copydesk/editor/check"
)

// ChecksPanel shows the ready-to-file findings of the article being
// edited. The window calls Update after edits; the checks run off the UI
// goroutine and only the newest run's result is shown, so a slow run
// over an old text can never replace a newer one. Tapping a finding calls
// onSelect, which selects the passage in the body editor (BodyEditor.Select
// takes the same rune offsets) or focuses the field.
type ChecksPanel struct {
	opts     Options
	onSelect func(field string, start, end int)

	findings   []check.Finding
	rows       []*findingRow
	gen        int               // bumped by every Update; results of older runs are dropped
	classifier *check.Classifier // trained on the library by Train; nil until then

	summary *widget.Label
	box     *fyne.Container
	root    fyne.CanvasObject
}

// NewChecksPanel builds an empty panel; onSelect may be nil.
func NewChecksPanel(onSelect func(field string, start, end int), opts Options) *ChecksPanel {
	p := &ChecksPanel{opts: opts.withDefaults(), onSelect: onSelect}
	p.summary = widget.NewLabelWithStyle("Checks have not run yet.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.summary.Wrapping = fyne.TextWrapWord
	p.box = container.NewVBox()
	p.root = container.NewBorder(p.summary, nil, nil, nil, container.NewVScroll(p.box))
	return p
}

// Object is what the window places in its layout.
func (p *ChecksPanel) Object() fyne.CanvasObject { return p.root }

// Findings returns the findings shown now.
func (p *ChecksPanel) Findings() []check.Finding { return append([]check.Finding(nil), p.findings...) }

// Update checks a copy of a in the background and shows the result. Call
// it on the UI goroutine; a is cloned first, so the caller may keep editing.
func (p *ChecksPanel) Update(a *editor.Article, s editor.Settings, c check.Context) {
	p.gen++
	gen := p.gen
	a = a.Clone()
	if c.Classifier == nil {
		c.Classifier = p.classifier
	}
	p.opts.Go(func() {
		fs := check.Run(a, s, c)
		p.opts.Do(func() {
			if gen != p.gen {
				return // a newer text is being checked
			}
			p.SetFindings(fs)
		})
	})
}

// Train teaches section-fit the newsroom's own sections from its approved
// and published articles, off the UI goroutine, then calls done (on the UI
// goroutine) so the window can re-run the checks. Until it finishes, and
// if it fails, the built-in vocabulary is used: a failed training only
// makes section-fit less sharp, so it is reported but never blocks.
func (p *ChecksPanel) Train(store editor.TrainingStore, done func(error)) {
	p.opts.Go(func() {
		arts, err := store.TrainingArticles(context.Background())
		var c *check.Classifier
		if err == nil {
			c = check.Train(arts)
		}
		p.opts.Do(func() {
			if c != nil {
				p.classifier = c
			}
			if done != nil {
				done(err)
			}
		})
	})
}

// SetFindings shows fs; call it on the UI goroutine.
func (p *ChecksPanel) SetFindings(fs []check.Finding) {
	p.findings = fs
	p.summary.SetText(findingsSummary(fs))
	shown := mostSevereFirst(fs, maxFindingRows)
	p.rows = p.rows[:0]
	objs := make([]fyne.CanvasObject, 0, len(shown)+1)
	for _, f := range shown {
		r := newFindingRow(f, p.tap)
		p.rows = append(p.rows, r)
		objs = append(objs, r)
	}
	if more := len(fs) - len(shown); more > 0 {
		l := widget.NewLabel(fmt.Sprintf("… and %d more. Fix the ones above and the list moves up; `copydesk check` prints them all.", more))
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
	}
	p.box.Objects = objs
	p.box.Refresh()
}

// maxFindingRows bounds the rows the panel builds. A pasted raw
// transcript can produce tens of thousands of findings; a row widget each
// would hold the UI goroutine for seconds per check run, and nobody reads
// past the first screens anyway.
const maxFindingRows = 200

// mostSevereFirst returns at most n findings, errors before warnings
// before notes, keeping the checks' own order within each severity.
func mostSevereFirst(fs []check.Finding, n int) []check.Finding {
	if len(fs) <= n {
		return fs
	}
	out := make([]check.Finding, 0, n)
	for _, sev := range []check.Severity{check.SeverityError, check.SeverityWarning, check.SeverityInfo} {
		for _, f := range fs {
			if len(out) == n {
				return out
			}
			if f.Severity == sev {
				out = append(out, f)
			}
		}
	}
	return out
}

func (p *ChecksPanel) tap(f check.Finding) {
	if p.onSelect != nil {
		p.onSelect(f.Field, f.Start, f.End)
	}
}

// findingsSummary is the panel's headline: whether the story can be filed
// as it stands, and how much there is to read.
func findingsSummary(fs []check.Finding) string {
	n := map[check.Severity]int{}
	for _, f := range fs {
		n[f.Severity]++
	}
	if len(fs) == 0 {
		return "Ready to file: no findings."
	}
	var parts []string
	add := func(k int, one, many string) {
		if k == 1 {
			parts = append(parts, "1 "+one)
		} else if k > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", k, many))
		}
	}
	add(n[check.SeverityError], "error", "errors")
	add(n[check.SeverityWarning], "warning", "warnings")
	add(n[check.SeverityInfo], "note for the editor", "notes for the editor")
	head := "Ready to file"
	if n[check.SeverityError] > 0 {
		head = "Fix before filing"
	}
	return head + ": " + strings.Join(parts, ", ") + "."
}

// findingFieldNames are the form's labels, so a finding says "Image alt text",
// not "image.alt".
var findingFieldNames = map[string]string{
	"headline": "Headline", "byline": "Byline", "section": "Section", "summary": "Summary",
	"dateline": "Dateline", "tags": "Tags", "image.src": "Image", "image.alt": "Image alt text",
	"image.caption": "Caption", "image.credit": "Credit", "body": "Body", "notes": "Notes",
}

// findingRow is one finding: tapping anywhere on it jumps to the passage,
// the largest target a reporter working down the list can hit.
type findingRow struct {
	widget.BaseWidget
	finding check.Finding
	onTap   func(check.Finding)
	icon    *widget.Icon
	title   *widget.Label
	message *widget.Label
}

func newFindingRow(f check.Finding, onTap func(check.Finding)) *findingRow {
	r := &findingRow{finding: f, onTap: onTap}
	var res fyne.Resource
	switch f.Severity {
	case check.SeverityError:
		res = theme.NewErrorThemedResource(theme.ErrorIcon())
	case check.SeverityWarning:
		res = theme.NewWarningThemedResource(theme.WarningIcon())
	default:
		res = theme.InfoIcon()
	}
	r.icon = widget.NewIcon(res)
	field := findingFieldNames[f.Field]
	if field == "" {
		field = f.Field
	}
	r.title = widget.NewLabelWithStyle(field+" · "+f.Rule, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.message = widget.NewLabel(f.Message)
	r.message.Wrapping = fyne.TextWrapWord
	r.ExtendBaseWidget(r)
	return r
}

func (r *findingRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, container.NewVBox(r.icon), nil,
		container.NewVBox(r.title, r.message)))
}

// Tapped jumps to the finding's passage.
func (r *findingRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap(r.finding)
	}
}

// Cursor shows the row is clickable.
func (r *findingRow) Cursor() desktop.Cursor { return desktop.PointerCursor }
