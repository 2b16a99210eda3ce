package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"copydesk/editor"
	"copydesk/editor/review"
)

func init() {
	register(&command{
		name: "status", args: "REF STATUS", minArgs: 2, maxArgs: 2,
		summary: "move an article through the workflow (draft, filed, editing, approved, published, killed, spiked)",
		setup: func(fs *flag.FlagSet) runFunc {
			var req review.MoveRequest
			var at string
			fs.StringVar(&req.Note, "note", "", "`TEXT` saying why: required for editing → draft, for a kill, and as the correction when republishing")
			fs.StringVar(&req.Override, "override", "", "`REASON` for approving despite error-level check findings")
			fs.StringVar(&at, "at", "", "with published, schedule publication for `TIME` (RFC 3339, or 2006-01-02 15:04 in the newsroom's time zone); the article is embargoed until then")
			return func(ctx context.Context, e *env, args []string) error {
				return runStatus(ctx, e, args[0], args[1], at, req)
			}
		},
	})
}

// runStatus moves REF to STATUS. The library counts the check findings
// an approval must answer for itself (storage.WithErrorFindings), and
// reads who is asking (for a kill) from its own Settings.
func runStatus(ctx context.Context, e *env, ref, status, at string, req review.MoveRequest) error {
	to, err := editor.ParseStatus(status)
	if err != nil {
		return usagef("%v", err)
	}
	db, a, err := e.openArticle(ctx, ref)
	if err != nil {
		return err
	}
	defer db.Close()
	settings, err := applyRoleEnv(ctx, db)
	if err != nil {
		return err
	}
	if at != "" {
		if req.At, err = parseTime(at, settings.Location()); err != nil {
			return usagef("--at: %v", err)
		}
	}
	moved, err := db.MoveStatus(ctx, a.ID, to, req)
	var refused *review.MoveError
	if errors.As(err, &refused) {
		return refused // the rule's own sentence is the whole message
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %s → %s\n", moved.Slug, a.Status, moved.Status)
	if n := len(moved.Corrections); n > len(a.Corrections) {
		fmt.Fprintf(e.stdout, "correction added: %s\n", moved.Corrections[n-1].Text)
	}
	if notice := editor.EmbargoNotice(moved, settings, time.Now()); notice != "" {
		fmt.Fprintf(e.stdout, "%s; the site leaves it out until then\n", notice)
	}
	return nil
}

// parseTime reads a time a person typed: RFC 3339, or a date and clock
// time without a zone, taken in the newsroom's time zone loc.
func parseTime(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time like 2026-12-04T15:00:00-06:00 or 2026-12-04 15:00", s)
}

// applyRoleEnv returns the library's Settings after storing the role
// COPYDESK_ROLE names, if any: the command line's counterpart of the role
// in the window's Settings, for scripts and shared accounts. Like that
// setting it is a declaration, not a login: the desk trusts its people.
func applyRoleEnv(ctx context.Context, db editor.Store) (editor.Settings, error) {
	s, err := db.Settings(ctx)
	if err != nil {
		return s, fmt.Errorf("read settings: %w", err)
	}
	role := editor.Role(strings.TrimSpace(os.Getenv("COPYDESK_ROLE")))
	switch role {
	case "", s.PersonRole:
		return s, nil
	case editor.RoleEditor, editor.RoleReporter:
		s.PersonRole = role
		if err := db.SaveSettings(ctx, s); err != nil {
			return s, fmt.Errorf("save settings: %w", err)
		}
		return s, nil
	}
	return s, usagef("COPYDESK_ROLE=%s: the role is %s or %s", role, editor.RoleReporter, editor.RoleEditor)
}
