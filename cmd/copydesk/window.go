package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"copydesk/app"
	"copydesk/app/bodyedit"
	"copydesk/assets"
	"copydesk/editor"
	"copydesk/editor/export"
	"copydesk/storage"
)

// appID is the desktop application ID (FyneApp.toml and the .desktop file
// use the same); Fyne keeps preferences under it.
const appID = "org.appletontimes.copydesk"

var _ app.BodyEditor = (*bodyedit.Editor)(nil)

// runWindow shows the window at once and opens the library behind it: on
// a big library the start-up integrity check takes seconds, and a window
// that appears only then looks like a program that failed to start.
func runWindow(ctx context.Context, e *env) error {
	fa := fyneapp.NewWithID(appID)
	fa.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	w := fa.NewWindow("Copydesk")
	progress := widget.NewProgressBarInfinite()
	w.SetContent(container.NewCenter(container.NewVBox(widget.NewLabel("Checking and opening the library…"), progress)))
	w.Resize(fyne.NewSize(1280, 860))

	var openErr error
	var db *storage.DB
	go func() {
		d, err := e.openStore(ctx)
		fyne.Do(func() {
			progress.Stop()
			if err != nil {
				openErr = err
				msg := widget.NewLabel("The library could not be opened:\n\n" + oneLine(err.Error()) + "\n\nRun 'copydesk verify' for details; 'copydesk recover' restores a backup.")
				msg.Wrapping = fyne.TextWrapWord
				w.SetContent(container.NewPadded(container.NewBorder(nil, widget.NewButton("Quit", w.Close), nil, nil, msg)))
				return
			}
			db = d
			var images export.ImageSource
			if is, ok := any(d).(export.ImageSource); ok {
				images = is // libraries that keep images serve them to the page
			}
			app.New(w, d, windowOptions(images))
			// The integrity check and first queries leave garbage behind;
			// hand it back before the window settles in for the day.
			debug.FreeOSMemory()
		})
	}()
	w.ShowAndRun()
	if db != nil {
		if err := db.Close(); err != nil {
			return fmt.Errorf("close library: %w", err)
		}
	}
	return openErr // main prints it too, for scripts and terminals
}

// windowOptions wires the domain packages the window must not import
// itself: the fast body editor and the export formats.
func windowOptions(images export.ImageSource) app.Options {
	formats := make([]app.Format, 0, len(export.Formats))
	for _, f := range export.Formats {
		if f.Bundle {
			continue // a page bundle is a folder; the CLI writes those
		}
		formats = append(formats, app.Format{Name: f.Name, Ext: f.Ext, Encode: encoder(f, images)})
	}
	return app.Options{
		Version:    Version,
		NewBody:    func() app.BodyEditor { return bodyedit.New() },
		Formats:    formats,
		Page:       encoder(export.HTML, images),
		PageAssets: export.WriteAssets,
	}
}

func encoder(f export.Format, images export.ImageSource) func(io.Writer, *editor.Article, editor.Settings) error {
	return func(w io.Writer, a *editor.Article, s editor.Settings) error {
		if err := f.Encode(w, a, export.Site{Settings: s, Images: images}); err != nil {
			return fmt.Errorf("export %s: %w", f.Name, err)
		}
		return nil
	}
}
