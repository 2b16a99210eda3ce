package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"copydesk/editor"
)

// Desk is what the window needs of the newsroom's shared desk; the
// program hands it one backed by the library and a Git clone.
type Desk interface {
	// State reports the desk as the status bar shows it; Joined is false
	// when the library syncs with no desk.
	State(ctx context.Context) (DeskState, error)
	Join(ctx context.Context, url string) (DeskResult, error)
	// Sync commits, fetches, merges and pushes. An unreachable desk is
	// reported in the result (Offline), not as an error.
	Sync(ctx context.Context) (DeskResult, error)
	Leave(ctx context.Context) error
}

// DeskState is the desk as the status bar and the Status dialog show it.
type DeskState struct {
	Joined    bool
	Remote    string
	LastSync  time.Time
	Waiting   int
	Conflicts int
	Offline   bool // the last sync could not reach the desk
}

// DeskResult is what a sync did.
type DeskResult struct {
	// Arrived are the uids of articles the desk changed in this library
	// (taken in, merged or left with a conflict).
	Arrived []string
	Lines   []string // one line per article, as the CLI prints them
	State   DeskState
}

// Sync timing: a burst of saves syncs once, shortly after the last one,
// and an idle window still hears from the desk every few minutes.
const (
	deskAfterSave = 5 * time.Second
	deskEvery     = 3 * time.Minute
)

// deskSync runs the desk's syncs for the window: one at a time, off the
// UI goroutine, with results back through a.ui.
type deskSync struct {
	desk    Desk
	label   *widget.Label
	state   DeskState
	running bool
	again   bool // a sync was asked for while one ran
	burst   Timer
	tick    Timer
	minutes int // ticks so far; every few a sync
}

func (a *App) startDesk() {
	if a.opts.Desk == nil {
		return
	}
	a.desk = &deskSync{desk: a.opts.Desk, label: widget.NewLabel("")}
	a.status.setDesk(a.desk.label)
	a.bg(func() {
		st, err := a.opts.Desk.State(context.Background())
		a.ui(func() {
			if err != nil {
				a.desk.label.SetText("Desk: " + editor.OneLine(err.Error()))
				return
			}
			a.deskShow(st)
		})
	})
	a.deskTick()
}

// deskTick keeps the status bar's "synced N min ago" true, and syncs
// every few minutes while a desk is joined.
func (a *App) deskTick() {
	a.desk.tick = a.clock.AfterFunc(time.Minute, func() {
		a.ui(func() {
			if a.closing {
				return
			}
			a.desk.minutes++
			if !a.desk.running {
				a.desk.label.SetText(deskText(a.desk.state, a.clock.Now()))
			}
			if a.desk.state.Joined && a.desk.minutes%int(deskEvery/time.Minute) == 0 {
				a.DeskSync(nil)
			}
			a.deskTick()
		})
	})
}

// deskSaved schedules a sync after a burst of saves settles.
func (a *App) deskSaved() {
	if a.desk == nil || !a.desk.state.Joined {
		return
	}
	if a.desk.burst != nil {
		a.desk.burst.Stop()
	}
	a.desk.burst = a.clock.AfterFunc(deskAfterSave, func() { a.ui(func() { a.DeskSync(nil) }) })
}

// DeskSync syncs with the desk in the background (Desk ▸ Sync now); done,
// if not nil, runs on the UI goroutine with the result.
func (a *App) DeskSync(done func(DeskResult, error)) {
	if a.desk == nil {
		return
	}
	if a.desk.running {
		a.desk.again = true
		return
	}
	a.desk.running = true
	a.desk.label.SetText("Desk: syncing…")
	a.bg(func() {
		res, err := a.desk.desk.Sync(context.Background())
		a.ui(func() {
			a.desk.running = false
			a.deskSynced(res, err)
			if done != nil {
				done(res, err)
			}
			if a.desk.again {
				a.desk.again = false
				a.DeskSync(nil)
			}
		})
	})
}

func (a *App) deskSynced(res DeskResult, err error) {
	if err != nil {
		a.desk.label.SetText("Desk: sync failed")
		a.showError(fmt.Errorf("sync with the desk: %w", err))
		return
	}
	a.deskShow(res.State)
	a.deskRestartTick()
	a.spell.newsroomChanged()
	if len(res.Arrived) == 0 {
		return
	}
	a.lib.reload()
	if a.art != nil && a.art.UID != "" && slices.Contains(res.Arrived, a.art.UID) {
		a.deskArrivedOpen()
	}
}

// deskArrivedOpen brings the open article up to what the desk made of it.
// Unsaved typing is never replaced: saving it meets the newer stored
// version, and the autosaver's conflict path lets the person choose, as
// with a save from another window.
func (a *App) deskArrivedOpen() {
	if a.conflict != nil {
		return // the person is already choosing; the choice reads the stored version
	}
	id := a.art.ID
	if a.saver.Dirty() {
		a.saver.Flush(func(error) {})
		return
	}
	a.loadArticle(id, "reload article", func(ar *editor.Article) {
		if a.art.ID != id || a.saver.Dirty() {
			if a.art.ID == id {
				a.syncBody()
				a.showConflict(ar)
			}
			return
		}
		a.startArticle(ar)
	})
}

// deskShow puts the desk's state in the status bar.
func (a *App) deskShow(st DeskState) {
	a.desk.state = st
	a.desk.label.SetText(deskText(st, a.clock.Now()))
}

// deskRestartTick counts the minutes from a sync just finished, so the
// next periodic sync comes a full interval after it.
func (a *App) deskRestartTick() {
	if a.desk.tick != nil {
		a.desk.tick.Stop()
	}
	a.desk.minutes = 0
	a.deskTick()
}

func deskText(st DeskState, now time.Time) string {
	switch {
	case !st.Joined:
		return ""
	case st.Conflicts > 0:
		return "Desk: " + count(st.Conflicts, "conflict", "conflicts")
	case st.Offline:
		return fmt.Sprintf("Desk: offline, %d waiting", st.Waiting)
	}
	waiting := ""
	if st.Waiting > 0 {
		waiting = fmt.Sprintf(", %d waiting", st.Waiting)
	}
	ago := now.Sub(st.LastSync)
	switch {
	case st.LastSync.IsZero():
		return "Desk: not synced yet" + waiting
	case ago < time.Minute:
		return "Desk: synced just now" + waiting
	case ago < time.Hour:
		return "Desk: synced " + count(int(ago/time.Minute), "min", "min") + " ago" + waiting
	}
	return "Desk: synced " + st.LastSync.Local().Format("Jan 2 15:04") + waiting
}

func (a *App) deskMenu() *fyne.Menu {
	return fyne.NewMenu("Desk",
		item("Join…", nil, a.deskJoin),
		item("Sync now", shortcut(fyne.KeyY, fyne.KeyModifierShift), func() { a.DeskSync(nil) }),
		item("Status…", nil, a.deskStatus),
		item("Leave…", nil, a.deskLeave),
	)
}

func (a *App) deskJoin() {
	if a.desk.state.Joined {
		dialog.ShowInformation("Desk", "This library already syncs with "+a.desk.state.Remote+".\nLeave it first to join another desk.", a.win)
		return
	}
	url := widget.NewEntry()
	url.SetPlaceHolder("/srv/desk.git, ssh://host/desk.git or https://…")
	dialog.ShowForm("Join a desk", "Join", "Cancel", []*widget.FormItem{widget.NewFormItem("Desk", url)}, func(ok bool) {
		u := strings.TrimSpace(url.Text)
		if !ok || u == "" {
			return
		}
		a.desk.label.SetText("Desk: joining…")
		a.saveThen(func() {
			a.bg(func() {
				res, err := a.desk.desk.Join(context.Background(), u)
				a.ui(func() {
					if err != nil {
						a.desk.label.SetText("")
						a.showError(fmt.Errorf("join %s: %w", u, err))
						return
					}
					a.deskSynced(res, nil)
					a.lib.reload()
				})
			})
		})
	}, a.win)
}

func (a *App) deskStatus() {
	a.bg(func() {
		st, err := a.desk.desk.State(context.Background())
		a.ui(func() {
			if err != nil {
				a.showError(fmt.Errorf("desk status: %w", err))
				return
			}
			st.Offline = a.desk.state.Offline // known only from the last sync
			a.deskShow(st)
			if !st.Joined {
				dialog.ShowInformation("Desk", "This library syncs with no desk. Desk ▸ Join… shares it with a newsroom.", a.win)
				return
			}
			last := "never"
			if !st.LastSync.IsZero() {
				last = st.LastSync.Local().Format("2006-01-02 15:04")
			}
			dialog.ShowInformation("Desk", fmt.Sprintf("Desk: %s\nLast sync: %s\nWaiting to go out: %d\nOpen conflicts: %d",
				st.Remote, last, st.Waiting, st.Conflicts), a.win)
		})
	})
}

func (a *App) deskLeave() {
	if !a.desk.state.Joined {
		return
	}
	dialog.ShowConfirm("Leave the desk", "Stop syncing with "+a.desk.state.Remote+"? Every article stays in this library.", func(ok bool) {
		if !ok {
			return
		}
		a.bg(func() {
			err := a.desk.desk.Leave(context.Background())
			a.ui(func() {
				if err != nil {
					a.showError(fmt.Errorf("leave the desk: %w", err))
					return
				}
				a.deskShow(DeskState{})
			})
		})
	}, a.win)
}
