package main

import (
	"context"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"copydesk/app"
	"copydesk/app/bodyedit"
	"copydesk/assets"
	"copydesk/editor"
	"copydesk/editor/export"
)

// appID is the desktop application ID (FyneApp.toml and the .desktop file
// use the same); Fyne keeps preferences under it.
const appID = "org.appletontimes.copydesk"

var _ app.BodyEditor = (*bodyedit.Editor)(nil)

// runWindow opens the library and shows the editing window until it is closed.
func runWindow(ctx context.Context, e *env) error {
	db, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()

	fa := fyneapp.NewWithID(appID)
	fa.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	w := fa.NewWindow("Copydesk")
	var images export.ImageSource
	if is, ok := any(db).(export.ImageSource); ok {
		images = is // libraries that keep images serve them to the page
	}
	app.New(w, db, windowOptions(images))
	w.ShowAndRun()
	return nil
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
