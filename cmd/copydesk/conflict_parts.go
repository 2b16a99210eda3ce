package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"copydesk/editor"
	"copydesk/editor/merge"
	"copydesk/editor/review"
	"copydesk/storage"
)

// settleFlags are the conflicts command's flags for settling one part of
// an article that a desk sync could not merge.
type settleFlags struct {
	field     string
	paragraph int // as listed, from 1; 0 when the field has one conflict
	take      string
	value     string
}

func (s *settleFlags) declare(fs *flag.FlagSet) {
	fs.StringVar(&s.field, "field", "", "settle the conflict in `FIELD` (headline, byline, …, image.alt, status, body)")
	fs.IntVar(&s.paragraph, "paragraph", 0, "with --field body: which body conflict, by its listed paragraph number `N`")
	fs.StringVar(&s.take, "take", "", "with --field: keep your version, take theirs, or go back to the common one: `mine|theirs|base`")
	fs.StringVar(&s.value, "value", "", "with --field: use `TEXT` instead ('-' reads it from standard input)")
}

// active reports whether the flags ask to settle something, after
// checking they make sense together.
func (s *settleFlags) active(fs *flag.FlagSet) (bool, error) {
	hasValue := false
	fs.Visit(func(f *flag.Flag) { hasValue = hasValue || f.Name == "value" })
	switch {
	case s.field == "" && (s.take != "" || hasValue || s.paragraph != 0):
		return false, usagef("--take, --value and --paragraph need --field")
	case s.field == "":
		return false, nil
	case s.take != "" && hasValue:
		return false, usagef("give --take or --value, not both")
	case s.take == "" && !hasValue:
		return false, usagef("--field needs --take mine|theirs|base or --value TEXT")
	}
	if hasValue {
		s.take = string(merge.Edit)
	}
	switch merge.Choice(s.take) {
	case merge.KeepMine, merge.TakeTheirs, merge.TakeBase, merge.Edit:
		return true, nil
	}
	return false, usagef("--take must be mine, theirs or base, not %q", s.take)
}

// settle settles the one open conflict the flags name.
func (s *settleFlags) settle(ctx context.Context, e *env, db *storage.DB, a *editor.Article, cs []review.Conflict) error {
	c, err := pickPart(a, cs, s.field, s.paragraph)
	if err != nil {
		return err
	}
	text := s.value
	if s.take == string(merge.Edit) && text == "-" {
		b, err := io.ReadAll(io.LimitReader(e.stdin, editor.MaxBodyBytes+1))
		if err != nil {
			return fmt.Errorf("read the value from standard input: %w", err)
		}
		text = strings.TrimSuffix(string(b), "\n")
	}
	if _, err := db.ResolveConflict(ctx, c.ID, merge.Choice(s.take), text); err != nil {
		if errors.Is(err, merge.ErrChanged) {
			return fmt.Errorf("the %s of %s was edited after the sync, so %s could overwrite that edit; "+
				"keep it with --take mine, or give the text you want with --value", c.Part.Label(), a.Slug, s.take)
		}
		return err
	}
	how := map[string]string{"mine": "kept this machine's version", "theirs": "took " + nameOr(c.FiledBy) + "'s version",
		"base": "went back to the version before either change", "edit": "saved your text"}[s.take]
	_, err = fmt.Fprintf(e.stdout, "%s: %s: %s\n", a.Slug, c.Part.Label(), how)
	return err
}

// pickPart finds the open part conflict in field (and, for the body, at
// the listed paragraph number), or says which ones are open.
func pickPart(a *editor.Article, cs []review.Conflict, field string, paragraph int) (review.Conflict, error) {
	var inField []review.Conflict
	var open []string
	for _, c := range cs {
		if c.Part == nil {
			continue
		}
		open = append(open, c.Part.Label())
		if c.Part.Field == field && (paragraph == 0 || c.Part.At+1 == paragraph) {
			inField = append(inField, c)
		}
	}
	switch {
	case len(inField) == 1:
		return inField[0], nil
	case len(inField) > 1:
		return review.Conflict{}, fmt.Errorf("%s has %d conflicts in the %s: say which with --paragraph N (one of: %s)",
			a.Slug, len(inField), field, strings.Join(open, "; "))
	case len(open) == 0:
		return review.Conflict{}, fmt.Errorf("%s has no field or paragraph conflicts to settle", a.Slug)
	}
	return review.Conflict{}, fmt.Errorf("%s has no open conflict in %s; open: %s", a.Slug, placeName(field, paragraph), strings.Join(open, "; "))
}

func placeName(field string, paragraph int) string {
	if field == merge.FieldBody && paragraph > 0 {
		return fmt.Sprintf("body paragraph %d", paragraph)
	}
	return field
}

// writeConflicts lists an article's open conflicts for people: a
// whole-article one as the two revisions to compare, a part with its
// three versions and the command that settles it.
func writeConflicts(w io.Writer, a *editor.Article, cs []review.Conflict) error {
	if len(cs) == 0 {
		_, err := fmt.Fprintf(w, "%s: no conflicts\n", a.Slug)
		return err
	}
	var b strings.Builder
	for _, c := range cs {
		if c.Part == nil {
			fmt.Fprintf(&b, "revision %d (this machine) and %d (filed by %s): compare with 'copydesk diff %s %d %d'\n",
				c.LocalRevision, c.IncomingRevision, nameOr(c.FiledBy), a.Slug, c.LocalRevision, c.IncomingRevision)
			continue
		}
		p := c.Part
		fmt.Fprintf(&b, "%s: changed here and by %s\n", p.Label(), nameOr(c.FiledBy))
		for _, v := range [][2]string{{"base", p.Base}, {"mine", p.Mine}, {"theirs", p.Theirs}} {
			fmt.Fprintf(&b, "  %-8s%s\n", v[0]+":", indentMore(v[1]))
		}
		fmt.Fprintf(&b, "  settle: copydesk conflicts %s --field %s%s --take mine|theirs  (or --value TEXT)\n",
			a.Slug, p.Field, paragraphFlag(c, cs))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// paragraphFlag is the --paragraph a body conflict needs when the body has more than one.
func paragraphFlag(c review.Conflict, cs []review.Conflict) string {
	n := 0
	for _, o := range cs {
		if o.Part != nil && o.Part.Field == c.Part.Field {
			n++
		}
	}
	if c.Part.Field != merge.FieldBody || n < 2 {
		return ""
	}
	return fmt.Sprintf(" --paragraph %d", c.Part.At+1)
}

// indentMore shows a multi-line version under its label and an empty one as such.
func indentMore(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(empty)"
	}
	return strings.ReplaceAll(s, "\n", "\n          ")
}

// conflictNotice is the one-line warning other commands (history) print
// about an open conflict.
func conflictNotice(slug string, c review.Conflict) string {
	if c.Part != nil {
		return fmt.Sprintf("copydesk: conflict: the %s was changed here and by %s since the last sync; see 'copydesk conflicts %s'",
			c.Part.Label(), nameOr(c.FiledBy), slug)
	}
	return fmt.Sprintf("copydesk: conflict: revision %d (this machine) and %d (filed by %s) both changed %s since the common version; compare with 'copydesk diff %s %d %d'",
		c.LocalRevision, c.IncomingRevision, nameOr(c.FiledBy), slug, slug, c.LocalRevision, c.IncomingRevision)
}
