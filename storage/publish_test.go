package storage

import (
	"context"
	"errors"
	"testing"
	"time"

	"copydesk/editor"
	"copydesk/editor/export"
	"copydesk/editor/review"
)

func TestEmbargoIsStored(t *testing.T) {
	ctx := context.Background()
	d := newDB(t)
	lift := time.Date(2026, 12, 4, 21, 0, 0, 0, time.UTC)
	a := &editor.Article{Headline: "Rates rise", Status: editor.StatusApproved, Embargo: lift}
	if err := d.Save(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := d.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Embargo.Equal(lift) {
		t.Fatalf("embargo %v, want %v", got.Embargo, lift)
	}
	got.Embargo = time.Time{}
	if err := d.Save(ctx, got); err != nil {
		t.Fatal(err)
	}
	if again, err := d.Resolve(ctx, got.Slug); err != nil || !again.Embargo.IsZero() {
		t.Fatalf("cleared embargo came back as %v (%v)", again.Embargo, err)
	}
}

// TestKillAndSchedule moves articles through the publishing end of the
// workflow as the library's person: the kill rule reads the role from
// the library's Settings, never from the request.
func TestKillAndSchedule(t *testing.T) {
	ctx := context.Background()
	d := reviewDB(t, "Ed Itor")
	publish := func(req review.MoveRequest) *editor.Article {
		t.Helper()
		a := reviewArticle(t, d, "The council voted 5-2.")
		for _, to := range []editor.Status{editor.StatusFiled, editor.StatusEditing, editor.StatusApproved} {
			if _, err := d.MoveStatus(ctx, a.ID, to, review.MoveRequest{}); err != nil {
				t.Fatal(err)
			}
		}
		moved, err := d.MoveStatus(ctx, a.ID, editor.StatusPublished, req)
		if err != nil {
			t.Fatal(err)
		}
		return moved
	}
	setRole := func(r editor.Role) {
		s, err := d.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		s.PersonRole = r
		if err := d.SaveSettings(ctx, s); err != nil {
			t.Fatal(err)
		}
	}

	at := time.Date(2030, 1, 2, 15, 0, 0, 0, time.UTC)
	sched := publish(review.MoveRequest{At: at})
	stored, err := d.Article(ctx, sched.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !stored.Published.Equal(at) || !stored.Embargo.Equal(at) || stored.Status != editor.StatusPublished {
		t.Fatalf("scheduled article stored as %s published %v embargo %v", stored.Status, stored.Published, stored.Embargo)
	}

	a := publish(review.MoveRequest{})
	setRole(editor.RoleReporter)
	_, err = d.MoveStatus(ctx, a.ID, editor.StatusKilled, review.MoveRequest{Note: "Legal asked", Role: editor.RoleEditor})
	if !errors.Is(err, review.ErrEditorsOnly) {
		t.Fatalf("reporter kill: %v", err)
	}
	setRole(editor.RoleEditor)
	killed, err := d.MoveStatus(ctx, a.ID, editor.StatusKilled, review.MoveRequest{Note: "Legal asked"})
	if err != nil {
		t.Fatal(err)
	}
	if killed.Status != editor.StatusKilled || killed.Body != a.Body {
		t.Fatalf("killed article: %+v", killed)
	}
	audit, err := d.Audit(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := audit[len(audit)-1]
	if last.To != editor.StatusKilled || last.Note != "Legal asked" || last.Person != "Ed Itor" {
		t.Errorf("audit of the kill: %+v", last)
	}
	list, err := d.Search(ctx, editor.Filter{Status: editor.StatusKilled})
	if err != nil || len(list) != 1 || list[0].ID != a.ID {
		t.Errorf("search for killed articles: %+v %v", list, err)
	}
}

func TestSiteArticlesAndMarks(t *testing.T) {
	ctx := context.Background()
	d := newDB(t)
	for _, st := range []editor.Status{editor.StatusPublished, editor.StatusDraft, editor.StatusKilled} {
		if err := d.Save(ctx, &editor.Article{Headline: "A " + string(st) + " story", Body: "Words here.", Status: st}); err != nil {
			t.Fatal(err)
		}
	}
	list, err := d.SiteArticles(ctx, []editor.Status{editor.StatusPublished, editor.StatusKilled})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Status != editor.StatusPublished || list[1].Status != editor.StatusKilled {
		t.Fatalf("site articles: %+v", list)
	}
	for _, a := range list {
		if a.Body != "" || a.Version == 0 || a.Updated.IsZero() || a.Headline == "" {
			t.Errorf("listed article %+v: want no body, but version, updated and headline", a)
		}
	}

	site := "/srv/site"
	m1 := export.FileMark{Mark: export.Mark{1, 2, 3}, Article: list[0].ID}
	m2 := export.FileMark{Mark: export.Mark{9}}
	if err := d.RecordSiteMarks(ctx, site, map[string]export.FileMark{"a/b/index.html": m1, "index.html": m2}, nil); err != nil {
		t.Fatal(err)
	}
	if err := d.RecordSiteMarks(ctx, "/srv/other", map[string]export.FileMark{"index.html": m1}, nil); err != nil {
		t.Fatal(err)
	}
	m2.Mark[0] = 10
	if err := d.RecordSiteMarks(ctx, site, map[string]export.FileMark{"index.html": m2}, []string{"a/b/index.html"}); err != nil {
		t.Fatal(err)
	}
	got, err := d.SiteMarks(ctx, site)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got["index.html"] != m2 {
		t.Errorf("marks %+v, want only index.html = %+v", got, m2)
	}
}
