package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"copydesk/editor"

	"copydesk/desk"
	"copydesk/storage"
)

func init() {
	register(&command{
		name: "desk", args: "join URL | sync | status | leave", minArgs: 1, maxArgs: 2,
		summary: "share the library with a newsroom's desk, a Git repository (join, sync, status, leave)",
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "status: print one JSON object")
			name := fs.String("name", "", "join: your name as it appears in the desk's history (saved in Settings)")
			email := fs.String("email", "", "join: your email for the desk's history (saved in Settings)")
			clonePath := fs.String("clone", "", "join: where to keep this machine's copy of the desk (default: beside the library)")
			return func(ctx context.Context, e *env, args []string) error {
				return runDesk(ctx, e, args, *asJSON, *name, *email, *clonePath)
			}
		},
	})
}

func runDesk(ctx context.Context, e *env, args []string, asJSON bool, name, email, clonePath string) error {
	verb := args[0]
	switch verb {
	case "join", "sync", "status", "leave":
	default:
		return usagef("unknown desk command %q (join, sync, status, leave)", verb)
	}
	if (verb == "join") != (len(args) == 2) {
		if verb == "join" {
			return usagef("desk join needs the desk's URL")
		}
		return usagef("desk %s takes no argument", verb)
	}
	db, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	switch verb {
	case "join":
		return deskJoin(ctx, e, db, args[1], name, email, clonePath)
	case "sync":
		return deskSync(ctx, e, db)
	case "status":
		return deskStatus(ctx, e, db, asJSON)
	default:
		return deskLeave(ctx, e, db)
	}
}

func deskJoin(ctx context.Context, e *env, db *storage.DB, url, name, email, clonePath string) error {
	s, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	if name != "" {
		s.PersonName = strings.TrimSpace(name)
	}
	if email != "" {
		s.PersonEmail = strings.TrimSpace(email)
	}
	if strings.TrimSpace(s.PersonName) == "" {
		return usagef("the desk's history names every change: pass --name (and --email)")
	}
	if err := db.SaveSettings(ctx, s); err != nil {
		return err
	}
	remote, clonePath, err := joinDesk(ctx, db, url, clonePath)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "joined %s (copy kept in %s)\n", url, clonePath)
	return runSync(ctx, e, db, remote)
}

// joinDesk records url as the library's desk once it answers; the clone
// goes beside the library unless clonePath names a folder.
func joinDesk(ctx context.Context, db *storage.DB, url, clonePath string) (desk.Remote, string, error) {
	remote, err := desk.OpenRemote(url)
	if err != nil {
		return nil, "", err
	}
	if clonePath == "" {
		lib := db.Path()
		clonePath = strings.TrimSuffix(lib, filepath.Ext(lib)) + ".desk"
	}
	if clonePath, err = filepath.Abs(clonePath); err != nil {
		return nil, "", err
	}
	// Reach the desk before recording anything, so a wrong URL leaves
	// the library as it was.
	clone, err := desk.OpenClone(clonePath)
	if err != nil {
		return nil, "", err
	}
	if _, err := remote.Fetch(ctx, clone); err != nil {
		return nil, "", fmt.Errorf("join %s: %w", url, err)
	}
	if err := db.JoinDesk(ctx, url, clonePath); err != nil {
		return nil, "", err
	}
	return remote, clonePath, nil
}

func deskSync(ctx context.Context, e *env, db *storage.DB) error {
	st, err := db.DeskState(ctx)
	if err != nil {
		return err
	}
	remote, err := desk.OpenRemote(st.Remote)
	if err != nil {
		return err
	}
	return runSync(ctx, e, db, remote)
}

func runSync(ctx context.Context, e *env, db *storage.DB, remote desk.Remote) error {
	rep, err := desk.Sync(ctx, db, remote, desk.Options{Progress: func(c desk.Change) { printChange(e.stdout, c) }})
	if errors.Is(err, desk.ErrUnreachable) {
		n := 0
		if rep != nil {
			n = rep.Waiting
		}
		return fmt.Errorf("desk unreachable, %s waiting", plural(n, "local change", "local changes"))
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "synced: %d out, %d in, %d merged, %s, %d refused; %d waiting\n",
		rep.Count(desk.Out), rep.Count(desk.In), rep.Count(desk.Merged),
		plural(rep.Count(desk.Conflicted), "conflict", "conflicts"), rep.Count(desk.Refused), rep.Waiting)
	return err
}

func printChange(w io.Writer, c desk.Change) {
	switch c.Direction {
	case desk.Refused:
		fmt.Fprintf(w, "refused   %s\n", c.Detail)
	case desk.Conflicted:
		fmt.Fprintf(w, "conflict  %s (%s): %s — see copydesk conflicts %s\n", c.Headline, c.UID, c.Detail, c.UID)
	default:
		fmt.Fprintf(w, "%-9s %s (%s)\n", c.Direction, c.Headline, c.UID)
	}
}

func deskStatus(ctx context.Context, e *env, db *storage.DB, asJSON bool) error {
	st, err := db.DeskStatus(ctx)
	if err != nil {
		return err
	}
	type changed struct {
		Count int    `json:"count"`
		Known bool   `json:"known"` // false when the desk could not be reached
		Error string `json:"error,omitempty"`
	}
	var since changed
	if remote, err := desk.OpenRemote(st.Remote); err == nil {
		fctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		n, err := desk.ChangedSince(fctx, db, remote)
		cancel()
		if err != nil {
			since.Error = editor.OneLine(err.Error())
		} else {
			since.Count, since.Known = n, true
		}
	}
	if asJSON {
		return writeJSON(e.stdout, struct {
			*storage.DeskStatus
			ChangedOnDesk changed `json:"changed_on_desk"`
		}{st, since})
	}
	w := e.stdout
	fmt.Fprintf(w, "desk:       %s\n", st.Remote)
	fmt.Fprintf(w, "role:       %s\n", st.Role)
	if st.LastSync.IsZero() {
		fmt.Fprintf(w, "last sync:  never\n")
	} else {
		fmt.Fprintf(w, "last sync:  %s (%s ago)\n", st.LastSync.Local().Format("2006-01-02 15:04:05"), time.Since(st.LastSync).Round(time.Second))
	}
	fmt.Fprintf(w, "waiting:    %d to go out\n", len(st.Waiting))
	for _, s := range st.Waiting {
		fmt.Fprintf(w, "            %s\n", s)
	}
	if since.Known {
		fmt.Fprintf(w, "on desk:    %d changed since the last sync\n", since.Count)
	} else {
		fmt.Fprintf(w, "on desk:    unknown (%s)\n", since.Error)
	}
	fmt.Fprintf(w, "conflicts:  %d open\n", st.Conflicts)
	for uid, msg := range st.Refused {
		fmt.Fprintf(w, "refused:    %s (%s)\n", msg, uid)
	}
	return nil
}

func deskLeave(ctx context.Context, e *env, db *storage.DB) error {
	waiting, err := db.Waiting(ctx)
	if err != nil {
		return err
	}
	clone, err := db.LeaveDesk(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "left the desk; every article stays in this library")
	if len(waiting) > 0 {
		fmt.Fprintf(e.stdout, " (%s never went out)", plural(len(waiting), "change", "changes"))
	}
	_, err = fmt.Fprintf(e.stdout, ".\nThe copy of the desk is still in %s; delete it if you no longer need it.\n", clone)
	return err
}
