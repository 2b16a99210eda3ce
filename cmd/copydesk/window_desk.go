package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"copydesk/app"
	"copydesk/desk"
	"copydesk/storage"
)

// windowDesk is the window's desk: the library's desk state and the Git
// engine, the same calls the desk command makes.
type windowDesk struct{ db *storage.DB }

var _ app.Desk = windowDesk{}

func (w windowDesk) State(ctx context.Context) (app.DeskState, error) {
	st, err := w.db.DeskStatus(ctx)
	if errors.Is(err, desk.ErrNotJoined) {
		return app.DeskState{}, nil
	}
	if err != nil {
		return app.DeskState{}, fmt.Errorf("desk state: %w", err)
	}
	return app.DeskState{Joined: true, Remote: st.Remote, LastSync: st.LastSync,
		Waiting: len(st.Waiting), Conflicts: st.Conflicts}, nil
}

func (w windowDesk) Join(ctx context.Context, url string) (app.DeskResult, error) {
	s, err := w.db.Settings(ctx)
	if err != nil {
		return app.DeskResult{}, err
	}
	if strings.TrimSpace(s.PersonName) == "" {
		return app.DeskResult{}, errors.New("the desk's history names every change: set your name in File ▸ Settings first")
	}
	remote, _, err := joinDesk(ctx, w.db, url, "")
	if err != nil {
		return app.DeskResult{}, err
	}
	return w.sync(ctx, remote)
}

func (w windowDesk) Sync(ctx context.Context) (app.DeskResult, error) {
	st, err := w.db.DeskState(ctx)
	if err != nil {
		return app.DeskResult{}, err
	}
	remote, err := desk.OpenRemote(st.Remote)
	if err != nil {
		return app.DeskResult{}, err
	}
	return w.sync(ctx, remote)
}

func (w windowDesk) sync(ctx context.Context, remote desk.Remote) (app.DeskResult, error) {
	var res app.DeskResult
	rep, err := desk.Sync(ctx, w.db, remote, desk.Options{})
	offline := errors.Is(err, desk.ErrUnreachable)
	if err != nil && !offline {
		return res, err
	}
	if rep != nil {
		for _, c := range rep.Changes {
			var line bytes.Buffer
			printChange(&line, c)
			res.Lines = append(res.Lines, strings.TrimSpace(line.String()))
			switch c.Direction {
			case desk.In, desk.Merged, desk.Conflicted:
				res.Arrived = append(res.Arrived, c.UID)
			}
		}
	}
	res.State, err = w.State(ctx)
	res.State.Offline = offline
	return res, err
}

func (w windowDesk) Leave(ctx context.Context) error {
	_, err := w.db.LeaveDesk(ctx)
	return err
}
