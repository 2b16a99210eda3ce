package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"copydesk/editor"
	"copydesk/editor/bundle"
	"copydesk/storage"
)

// maxBundleFile bounds what import reads before Read checks the parts.
const maxBundleFile = bundle.MaxTotalSize + 8<<20

// importBundle is import for a .copydesk review bundle.
func importBundle(ctx context.Context, e *env, db *storage.DB, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return unwrapPathError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.Size() > maxBundleFile {
		return fmt.Errorf("bundle refused: the file is larger than %d MB", maxBundleFile>>20)
	}
	b, err := bundle.Read(f, st.Size())
	if err != nil {
		if errors.Is(err, bundle.ErrInvalid) {
			return fmt.Errorf("bundle refused, nothing imported: %w", err)
		}
		return err
	}
	if b.Image != nil {
		// Stored first and by content hash: if the import below fails, the
		// library holds one unreferenced picture, never a wrong one.
		if _, err := db.PutImage(ctx, b.Image.Data, b.Image.Name); err != nil {
			return fmt.Errorf("bundle refused, nothing imported: %w", err)
		}
	} else if _, _, ok := editor.ParseLibraryImageSrc(b.Article.Image.Src); ok {
		if _, _, err := db.Image(ctx, b.Article.Image.Src); err != nil {
			fmt.Fprintf(e.stderr, "copydesk import: warning: the bundle carries no image and this library lacks %s\n", b.Article.Image.Src)
		}
	}
	res, err := db.ImportBundle(ctx, b)
	if err != nil {
		return err
	}
	a := res.Article
	switch res.Outcome {
	case storage.ImportConflict:
		c := res.Conflict
		fmt.Fprintf(e.stdout, "%d\t%s\t%s\tconflict\n", a.ID, a.UID, a.Slug)
		fmt.Fprintf(e.stderr, "copydesk import: CONFLICT: %s was changed here and by %s since the common version.\n"+
			"  Both are kept: revision %d is yours, revision %d (now current) is theirs. Nothing was lost.\n"+
			"  Compare: copydesk diff %s %d %d   Keep yours: copydesk restore %s %d\n",
			a.Slug, nameOr(b.FiledBy), c.LocalRevision, c.IncomingRevision, a.Slug, c.LocalRevision, c.IncomingRevision, a.Slug, c.LocalRevision)
	default:
		fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\n", a.ID, a.UID, a.Slug, res.Outcome)
		if res.Outcome == storage.ImportKeptLocal {
			fmt.Fprintf(e.stderr, "copydesk import: %s: this library already had that version and has moved on; kept its own\n", a.Slug)
		}
	}
	return nil
}
