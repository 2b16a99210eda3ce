package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
)

// imageNamer tells the file name a library image was imported as;
// storage.DB implements it.
type imageNamer interface {
	ImageName(ctx context.Context, src string) (string, error)
}

// formView holds the article's fields. Each widget's change handler
// writes straight into the in-memory article.
type formView struct {
	cfg      formConfig
	filling  bool // fill is setting the widgets: their callbacks are not edits
	object   fyne.CanvasObject
	headline *widget.Entry
	headN    *widget.Label
	byline   *widget.Entry
	section  *widget.Select
	summary  *widget.Entry
	sumN     *widget.Label
	dateline *widget.Entry
	tags     *widget.Entry
	slug     *widget.Entry
	state    *widget.Label

	imgPick, imgClear  *widget.Button
	imgSrc             *widget.Label
	imgAlt, imgCaption *widget.Entry
	imgCredit          *widget.Entry
	slugAuto           bool // the slug follows the headline until someone edits it
}

// formConfig is what the form needs from the window.
type formConfig struct {
	Article   func() *editor.Article // the open article, which the fields write into
	Settings  func() editor.Settings
	Edited    func() // after every change a person makes
	Images    editor.ImageStore
	Go, Do    func(func())
	ShowError func(error)
	Window    fyne.Window      // parent of the image chooser
	Prefs     fyne.Preferences // remembers the folder the last image came from
}

func newFormView(cfg formConfig) *formView {
	f := &formView{cfg: cfg}
	entry := func(ph string, set func(string)) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(ph)
		e.OnChanged = func(s string) {
			if f.filling {
				return
			}
			set(s)
			cfg.Edited()
		}
		return e
	}
	f.headN = widget.NewLabel("")
	f.sumN = widget.NewLabel("")
	f.headline = entry("Headline", func(s string) {
		ar := cfg.Article()
		if strings.ContainsAny(s, "\r\n") {
			// A headline is one line; a pasted line break is a space.
			s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), " ")
			f.filling = true
			f.headline.SetText(s)
			f.filling = false
		}
		ar.Headline = s
		if f.slugAuto {
			ar.Slug = editor.Slugify(s)
			f.filling = true
			f.slug.SetText(ar.Slug)
			f.filling = false
		}
		f.counts()
	})
	// A long headline wraps onto a second and third line instead of
	// showing only its end; a line break typed or pasted becomes a space.
	f.headline.MultiLine = true
	f.headline.Wrapping = fyne.TextWrapWord
	f.headline.SetMinRowsVisible(2)
	f.byline = entry("Byline: Lisa Johnson, Tom Baker", func(s string) { cfg.Article().Byline = splitList(s) })
	f.section = widget.NewSelect(cfg.Settings().Sections, func(s string) {
		if f.filling {
			return
		}
		cfg.Article().Section = s
		cfg.Edited()
	})
	f.section.PlaceHolder = "Section"
	f.summary = entry("Summary: the dek under the byline", func(s string) { cfg.Article().Summary = s; f.counts() })
	f.summary.MultiLine = true
	f.summary.Wrapping = fyne.TextWrapWord
	f.summary.SetMinRowsVisible(2)
	f.dateline = entry("Dateline: PARIS", func(s string) { cfg.Article().Dateline = s })
	f.tags = entry("Tags: ukraine, diplomacy", func(s string) { cfg.Article().Tags = splitList(s) })
	f.slug = entry("slug", func(s string) { cfg.Article().Slug = strings.TrimSpace(s); f.slugAuto = s == "" })
	f.state = widget.NewLabel("")

	f.imgSrc = widget.NewLabel("No image")
	f.imgSrc.Truncation = fyne.TextTruncateEllipsis
	f.imgPick = widget.NewButtonWithIcon("Choose image…", theme.FileImageIcon(), f.pickImage)
	f.imgClear = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		cfg.Article().Image = editor.Image{}
		f.fillImage(editor.Image{})
		cfg.Edited()
	})
	f.imgAlt = entry("Alt text: what the picture shows", func(s string) { cfg.Article().Image.Alt = s })
	f.imgCaption = entry("Caption", func(s string) { cfg.Article().Image.Caption = s })
	f.imgCredit = entry("Credit", func(s string) { cfg.Article().Image.Credit = s })

	label := func(s string) *widget.Label { l := widget.NewLabel(s); l.TextStyle.Bold = true; return l }
	grid := container.New(&formLayout{},
		label("Headline"), container.NewBorder(nil, nil, nil, f.headN, f.headline),
		label("Byline"), f.byline,
		label("Section"), container.NewBorder(nil, nil, nil, f.state, f.section),
		label("Summary"), container.NewBorder(nil, nil, nil, f.sumN, f.summary),
		label("Dateline · Tags"), container.NewGridWithColumns(2, f.dateline, f.tags),
		label("Image"), container.NewBorder(nil, nil, f.imgPick, f.imgClear, f.imgSrc),
		widget.NewLabel(""), container.NewGridWithColumns(3, f.imgAlt, f.imgCaption, f.imgCredit),
		label("Slug"), f.slug,
	)
	f.object = grid
	return f
}

// fill shows ar; nothing it changes counts as an edit.
func (f *formView) fill(ar *editor.Article) {
	f.filling = true
	defer func() { f.filling = false }()
	f.headline.SetText(ar.Headline)
	f.byline.SetText(strings.Join(ar.Byline, ", "))
	opts := f.cfg.Settings().Sections
	if ar.Section != "" && !slices.Contains(opts, ar.Section) {
		opts = append(append([]string(nil), opts...), ar.Section) // keep a section the list no longer has
	}
	f.section.Options = opts
	f.section.SetSelected(ar.Section)
	if ar.Section == "" {
		f.section.ClearSelected()
	}
	f.summary.SetText(ar.Summary)
	f.dateline.SetText(ar.Dateline)
	f.tags.SetText(strings.Join(ar.Tags, ", "))
	f.slug.SetText(ar.Slug)
	f.slugAuto = ar.Published.IsZero() && (ar.Slug == "" || ar.Slug == editor.Slugify(ar.Headline))
	f.state.SetText(string(ar.Status))
	f.fillImage(ar.Image)
	f.counts()
}

func (f *formView) fillImage(img editor.Image) {
	f.imgSrc.SetText(imageLabel(img.Src, ""))
	if n, ok := f.cfg.Images.(imageNamer); ok && strings.HasPrefix(img.Src, editor.ImageSrcPrefix) {
		src := img.Src
		f.cfg.Go(func() {
			name, err := n.ImageName(context.Background(), src)
			f.cfg.Do(func() {
				if err == nil && f.cfg.Article().Image.Src == src {
					f.imgSrc.SetText(imageLabel(src, name))
				}
			})
		})
	}
	f.imgAlt.SetText(img.Alt)
	f.imgCaption.SetText(img.Caption)
	f.imgCredit.SetText(img.Credit)
}

// counts shows length against the newsroom's guide; over the guide is
// advice, never a block, so it only changes colour.
func (f *formView) counts() {
	set := func(l *widget.Label, s string, guide int) {
		n := utf8.RuneCountInString(s)
		if guide > 0 {
			l.SetText(fmt.Sprintf("%d/%d", n, guide))
			l.Importance = widget.MediumImportance
			if n > guide {
				l.Importance = widget.DangerImportance
			}
			l.Refresh()
			return
		}
		l.SetText(fmt.Sprint(n))
	}
	ar, st := f.cfg.Article(), f.cfg.Settings()
	set(f.headN, ar.Headline, st.HeadlineGuide)
	set(f.sumN, ar.Summary, st.SummaryGuide)
}

func (f *formView) pickImage() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			f.cfg.ShowError(err)
			return
		}
		if r == nil {
			return
		}
		f.cfg.Prefs.SetString("image.folder", filepath.Dir(r.URI().Path()))
		f.useImage(r)
	}, f.cfg.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".jpg", ".jpeg", ".png", ".gif", ".webp"}))
	if dir := imageFolder(f.cfg.Prefs.String("image.folder")); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	// Large enough to read file names and see the folder tree.
	size := f.cfg.Window.Canvas().Size()
	d.Resize(fyne.NewSize(max(size.Width*0.8, 700), max(size.Height*0.8, 500)))
	d.Show()
}

// useImage reads a picked image off the UI goroutine, checks it is one,
// and copies it into the library.
func (f *formView) useImage(r fyne.URIReadCloser) {
	uri := r.URI()
	f.cfg.Go(func() {
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, 50<<20))
		src := uri.Path()
		if err == nil {
			_, _, err = editor.SniffImage(data)
		}
		if err == nil {
			// Copied into the library, so the article does not depend on a
			// file that may move.
			src, err = f.cfg.Images.PutImage(context.Background(), data, uri.Name())
		}
		f.cfg.Do(func() {
			if err != nil {
				f.cfg.ShowError(fmt.Errorf("use image %s: %w", uri.Name(), err))
				return
			}
			ar := f.cfg.Article()
			ar.Image.Src = src
			f.fillImage(ar.Image)
			f.cfg.Edited()
		})
	})
}

// imageFolder is where the image chooser opens: the folder the last image
// came from, else the Pictures folder, else "" (the home folder).
func imageFolder(last string) string {
	candidates := []string{last}
	if home, err := os.UserHomeDir(); err == nil {
		candidates = append(candidates, filepath.Join(home, "Pictures"))
	}
	for _, c := range candidates {
		if fi, err := os.Stat(c); c != "" && err == nil && fi.IsDir() {
			return c
		}
	}
	return ""
}

// imageLabel is what the form says about the image: the file name it
// was chosen as, never the library's internal copydesk-image: reference.
func imageLabel(src, name string) string {
	switch {
	case src == "":
		return "No image"
	case name != "":
		return name
	case strings.HasPrefix(src, editor.ImageSrcPrefix):
		return "Image in the library"
	}
	return src
}

// formLayout is a two-column form with narrow labels: widget.Form pads
// every row generously, and the body below needs the height.
type formLayout struct{}

func (formLayout) labelWidth(objs []fyne.CanvasObject) float32 {
	w := float32(0)
	for i := 0; i < len(objs); i += 2 {
		w = max(w, objs[i].MinSize().Width)
	}
	return w
}

func (l formLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	lw := l.labelWidth(objs)
	pad := theme.Padding()
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		h := max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(lw, objs[i].MinSize().Height))
		objs[i+1].Move(fyne.NewPos(lw+pad, y))
		objs[i+1].Resize(fyne.NewSize(size.Width-lw-pad, h))
		y += h + pad
	}
}

func (l formLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	lw := l.labelWidth(objs)
	var w, h float32
	for i := 0; i+1 < len(objs); i += 2 {
		w = max(w, objs[i+1].MinSize().Width)
		h += max(objs[i].MinSize().Height, objs[i+1].MinSize().Height) + theme.Padding()
	}
	return fyne.NewSize(lw+theme.Padding()+w, h)
}
