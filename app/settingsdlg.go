package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
	"copydesk/editor/spell"
)

// settingsView is the Settings dialog's fields, kept for tests.
type settingsView struct {
	masthead, tagline, site, sections, lang, tz *widget.Entry
	headGuide, sumGuide, name, font, delay      *widget.Entry
	role, theme                                 *widget.Select
	nameArticles                                *widget.Entry
	foreignQuotes                               *widget.Check
	dlg                                         *dialog.FormDialog
}

// ShowSettings opens the Settings dialog; OK stores them in the library
// and applies theme and font size at once.
func (a *App) ShowSettings() {
	s := a.settings
	v := &settingsView{}
	e := func(val string) *widget.Entry { w := widget.NewEntry(); w.SetText(val); return w }
	v.masthead, v.tagline, v.site = e(s.Masthead), e(s.Tagline), e(s.SiteURL)
	v.sections, v.lang, v.tz = e(strings.Join(s.Sections, ", ")), e(s.Language), e(s.TimeZone)
	v.headGuide, v.sumGuide = e(strconv.Itoa(s.HeadlineGuide)), e(strconv.Itoa(s.SummaryGuide))
	v.name, v.font, v.delay = e(s.PersonName), e(strconv.FormatFloat(float64(s.FontSize), 'f', -1, 32)), e(strconv.Itoa(s.AutosaveDelayMS))
	v.role = widget.NewSelect([]string{string(editor.RoleReporter), string(editor.RoleEditor)}, nil)
	v.role.SetSelected(string(s.PersonRole))
	v.theme = widget.NewSelect([]string{"system", "light", "dark"}, nil)
	v.theme.SetSelected(s.Theme)
	v.nameArticles = e(strconv.Itoa(s.SpellNameArticles))
	v.foreignQuotes = widget.NewCheck("Leave quotes in another language unflagged", nil)
	v.foreignQuotes.SetChecked(s.SpellForeignQuotes)
	num := func(min, max int) fyne.StringValidator {
		return func(t string) error {
			n, err := strconv.Atoi(strings.TrimSpace(t))
			if err != nil || n < min || n > max {
				return fmt.Errorf("a number from %d to %d", min, max)
			}
			return nil
		}
	}
	v.headGuide.Validator, v.sumGuide.Validator = num(10, 300), num(20, 5000)
	v.delay.Validator = num(200, 60000)
	v.nameArticles.Validator = num(1, 1000)
	v.font.Validator = func(t string) error {
		f, err := strconv.ParseFloat(strings.TrimSpace(t), 32)
		if err != nil || f < 8 || f > 40 {
			return fmt.Errorf("a size from 8 to 40")
		}
		return nil
	}
	items := []*widget.FormItem{
		{Text: "Masthead", Widget: v.masthead},
		{Text: "Tagline", Widget: v.tagline},
		{Text: "Site URL", Widget: v.site},
		{Text: "Sections", Widget: v.sections, HintText: "Comma-separated, in menu order"},
		{Text: "Language", Widget: v.lang, HintText: "BCP 47, e.g. en-US; spelling dictionaries: " + strings.ReplaceAll(strings.Join(spell.Languages(spell.SystemDir), ", "), "_", "-")},
		{Text: "Spelling", Widget: v.foreignQuotes},
		{Text: "Learn names from", Widget: v.nameArticles, HintText: "Published articles a capitalised word must appear in"},
		{Text: "Time zone", Widget: v.tz, HintText: "IANA name, e.g. America/Chicago"},
		{Text: "Headline guide", Widget: v.headGuide, HintText: "Characters"},
		{Text: "Summary guide", Widget: v.sumGuide, HintText: "Characters"},
		{Text: "Your name", Widget: v.name, HintText: "Used for revisions and notes"},
		{Text: "Your role", Widget: v.role},
		{Text: "Font size", Widget: v.font},
		{Text: "Theme", Widget: v.theme},
		{Text: "Autosave delay", Widget: v.delay, HintText: "Milliseconds after typing stops"},
	}
	v.dlg = dialog.NewForm("Settings", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		a.saveSettings(v.read(s))
	}, a.win)
	v.dlg.Resize(fyne.NewSize(560, 640))
	v.dlg.Show()
}

func (v *settingsView) read(s editor.Settings) editor.Settings {
	atoi := func(e *widget.Entry, def int) int {
		if n, err := strconv.Atoi(strings.TrimSpace(e.Text)); err == nil {
			return n
		}
		return def
	}
	s.Masthead, s.Tagline = strings.TrimSpace(v.masthead.Text), strings.TrimSpace(v.tagline.Text)
	s.SiteURL = strings.TrimRight(strings.TrimSpace(v.site.Text), "/")
	s.Sections = splitList(v.sections.Text)
	s.Language, s.TimeZone = strings.TrimSpace(v.lang.Text), strings.TrimSpace(v.tz.Text)
	s.HeadlineGuide, s.SummaryGuide = atoi(v.headGuide, s.HeadlineGuide), atoi(v.sumGuide, s.SummaryGuide)
	s.PersonName, s.PersonRole = strings.TrimSpace(v.name.Text), editor.Role(v.role.Selected)
	if f, err := strconv.ParseFloat(strings.TrimSpace(v.font.Text), 32); err == nil {
		s.FontSize = float32(f)
	}
	s.Theme = v.theme.Selected
	s.AutosaveDelayMS = atoi(v.delay, s.AutosaveDelayMS)
	s.SpellNameArticles = atoi(v.nameArticles, s.SpellNameArticles)
	s.SpellForeignQuotes = v.foreignQuotes.Checked
	return s
}

// saveSettings applies s at once and stores it in the background; if
// storing fails the person is told, and the settings stay applied for
// this session.
func (a *App) saveSettings(s editor.Settings) {
	a.settings = s
	a.applyTheme()
	a.form.section.Options = s.Sections
	a.form.section.Refresh()
	a.lib.sect.Options = append([]string{allOption}, s.Sections...)
	a.lib.sect.Refresh()
	a.form.counts()
	a.saver.Delay = max(time.Duration(s.AutosaveDelayMS)*time.Millisecond, 100*time.Millisecond)
	a.saver.MaxInterval = max(a.saver.Delay, time.Second)
	a.schedulePreview(0)
	a.bg(func() {
		err := a.store.SaveSettings(context.Background(), s)
		a.ui(func() {
			if err != nil {
				a.showError(fmt.Errorf("save settings: %w", err))
			}
		})
	})
}
