// Package merge combines two machines' versions of one article against
// their common ancestor. A field or a body paragraph that only one side
// changed takes that side's value; when both changed the same one
// differently the merge keeps both versions as a Conflict for a person to
// settle, so no one's words are ever dropped. Workflow statuses merge by
// the desk's rules rather than as text.
package merge

import (
	"slices"
	"strings"
	"time"

	"copydesk/editor"
)

// Field names a Conflict can carry, besides "body". Image parts conflict
// separately, named as in editor.FieldError ("image.alt"), so a caption
// rewritten here and a credit fixed there merge without a conflict.
const (
	FieldUID          = "uid"
	FieldSlug         = "slug"
	FieldHeadline     = "headline"
	FieldByline       = "byline"
	FieldSection      = "section"
	FieldSummary      = "summary"
	FieldDateline     = "dateline"
	FieldTags         = "tags"
	FieldImageSrc     = "image.src"
	FieldImageAlt     = "image.alt"
	FieldImageCaption = "image.caption"
	FieldImageCredit  = "image.credit"
	FieldStatus       = "status"
	FieldBody         = "body"
)

// Conflict is one field, or one run of body paragraphs, that both sides
// changed differently since the common ancestor. The merged article holds
// Mine's value there; Base and Theirs are kept here so nothing is lost.
type Conflict struct {
	Field string `json:"field"` // one of the Field* names
	// Paragraph is, for Field=="body", the index in Mine's body of the
	// first paragraph the conflict covers (where Mine's run would start if
	// Mine deleted it); -1 otherwise.
	Paragraph int `json:"paragraph"`
	// Base, Mine and Theirs are the values as text: lists (byline, tags)
	// joined with ", " as the article form shows them, a status by name,
	// for the body the conflicting paragraphs joined by a blank line.
	Base   string `json:"base"`
	Mine   string `json:"mine"`
	Theirs string `json:"theirs"`
	// At is, for Field=="body", the index in the merged article's body of
	// the first paragraph the conflict covers: Mine's paragraphs sit there
	// (none if Mine deleted them); -1 otherwise. It differs from Paragraph
	// when paragraphs that only theirs added come before it.
	At int `json:"at"`
}

// Options carries what the merge needs to know about the people involved.
type Options struct {
	// TheirsMayApprove: the member whose change arrives is an editor in desk.toml;
	// if false, a move of theirs to approved/published is kept as a conflict, not applied.
	TheirsMayApprove bool
}

// Result is a merged article and what could not be merged.
type Result struct {
	Article   *editor.Article // merged; where a field conflicts, it holds Mine's value
	Conflicts []Conflict      // in field order, body paragraphs in body order
}

// Articles merges mine and theirs against base (base may be nil: both
// created it, so every differing field conflicts). The library's own
// bookkeeping (ID, Version, Created, Updated) is Mine's: it never travels.
// Mine and theirs are not changed.
func Articles(base, mine, theirs *editor.Article, opt Options) Result {
	out := mine.Clone()
	m := merger{hasBase: base != nil}
	if base == nil {
		base = &editor.Article{}
	}
	for _, f := range []string{FieldUID, FieldSlug, FieldHeadline} {
		m.field(out, f, base, mine, theirs)
	}
	out.Byline = m.list(FieldByline, base.Byline, mine.Byline, theirs.Byline, true)
	for _, f := range []string{FieldSection, FieldSummary, FieldDateline} {
		m.field(out, f, base, mine, theirs)
	}
	out.Tags = m.list(FieldTags, base.Tags, mine.Tags, theirs.Tags, false)
	for _, f := range []string{FieldImageSrc, FieldImageAlt, FieldImageCaption, FieldImageCredit} {
		m.field(out, f, base, mine, theirs)
	}
	// A move of theirs into approved or published counts only from an editor.
	refused := !opt.TheirsMayApprove && needsEditor(theirs.Status) && theirs.Status != mine.Status &&
		(!m.hasBase || theirs.Status != base.Status)
	out.Status = m.status(base.Status, mine.Status, theirs.Status, refused)
	out.Published = published(base.Published, mine.Published, theirs.Published, refused)
	out.Corrections = corrections(mine.Corrections, theirs.Corrections)
	var bodyConflicts []Conflict
	out.Body, bodyConflicts = mergeBody(base.Body, mine.Body, theirs.Body, m.hasBase)
	m.conflicts = append(m.conflicts, bodyConflicts...)
	return Result{Article: out, Conflicts: m.conflicts}
}

type merger struct {
	hasBase   bool
	conflicts []Conflict
}

func (m *merger) conflict(field, base, mine, theirs string) {
	m.conflicts = append(m.conflicts, Conflict{Field: field, Paragraph: -1, At: -1, Base: base, Mine: mine, Theirs: theirs})
}

// field merges one single-valued field into out.
func (m *merger) field(out *editor.Article, name string, base, mine, theirs *editor.Article) {
	f := fieldAccess[name]
	f.set(out, m.text(name, f.get(base), f.get(mine), f.get(theirs)))
}

// text is the three-way rule for a single value.
func (m *merger) text(field, base, mine, theirs string) string {
	switch {
	case mine == theirs:
		return mine
	case m.hasBase && mine == base:
		return theirs
	case m.hasBase && theirs == base:
		return mine
	}
	m.conflict(field, base, mine, theirs)
	return mine
}

// list merges byline names or tags as sets: a name either side added is
// in, a name either side removed is out, so two people each adding a tag
// get both. Mine's order comes first and theirs' additions follow. Only
// for the byline does order carry meaning (the lead author comes first),
// so there a different reordering on both sides is a conflict.
func (m *merger) list(field string, base, mine, theirs []string, ordered bool) []string {
	switch {
	case slices.Equal(mine, theirs):
		return clone(mine)
	case m.hasBase && slices.Equal(mine, base):
		return clone(theirs)
	case m.hasBase && slices.Equal(theirs, base):
		return clone(mine)
	case !m.hasBase:
		m.conflict(field, "", JoinList(mine), JoinList(theirs))
		return clone(mine)
	}
	inBase, inMine, inTheirs := set(base), set(mine), set(theirs)
	var out []string
	seen := map[string]bool{}
	keep := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range mine {
		if !inBase[s] || inTheirs[s] {
			keep(s)
		}
	}
	for _, s := range theirs {
		if !inBase[s] && !inMine[s] {
			keep(s)
		}
	}
	if ordered {
		// The names all three hold must stand in an order one side chose.
		common := func(list []string) []string {
			var out []string
			for _, s := range list {
				if inBase[s] && inMine[s] && inTheirs[s] {
					out = append(out, s)
				}
			}
			return out
		}
		om, ot, ob := common(mine), common(theirs), common(base)
		switch {
		case slices.Equal(om, ot), slices.Equal(ot, ob):
		case slices.Equal(om, ob):
			out = reorder(out, ot)
		default:
			m.conflict(field, JoinList(base), JoinList(mine), JoinList(theirs))
			return clone(mine)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// reorder puts the names of order into out's slots that hold them, in
// order's sequence, leaving the other names where they are.
func reorder(out, order []string) []string {
	in := set(order)
	next := 0
	for i, s := range out {
		if in[s] {
			out[i] = order[next]
			next++
		}
	}
	return out
}

func set(list []string) map[string]bool {
	s := make(map[string]bool, len(list))
	for _, v := range list {
		s[v] = true
	}
	return s
}

func clone(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	return slices.Clone(list)
}

// JoinList is how a byline or tag list reads as a Conflict's text: the
// way the article form shows it.
func JoinList(list []string) string { return strings.Join(list, ", ") }

// SplitList reads a list written as JoinList writes it (or typed into the
// form): comma separated, blanks trimmed, empty names dropped.
func SplitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// needsEditor reports the statuses only an editor may move an article to.
func needsEditor(s editor.Status) bool {
	return s == editor.StatusApproved || s == editor.StatusPublished
}

// status merges the workflow status. A refused move of theirs is a
// conflict for an editor to settle. When both sides moved the
// article, a publication wins: the story is out on the site, so a
// concurrent move on a machine that had not yet seen it (a stale "back to
// draft") must not pull it back; that machine's move stays in the audit
// trail. Any other pair of different moves is a conflict.
func (m *merger) status(base, mine, theirs editor.Status, theirsRefused bool) editor.Status {
	if mine == theirs {
		return mine
	}
	if theirsRefused {
		m.conflict(FieldStatus, string(base), string(mine), string(theirs))
		return mine
	}
	switch {
	case m.hasBase && mine == base:
		return theirs
	case m.hasBase && theirs == base:
		return mine
	case mine == editor.StatusPublished:
		return mine
	case theirs == editor.StatusPublished:
		return theirs
	}
	m.conflict(FieldStatus, string(base), string(mine), string(theirs))
	return mine
}

// published is the time of first publication, a fact rather than an
// opinion: when both sides set it, the earlier is the first publication.
// Theirs counts only if their status was not refused.
func published(base, mine, theirs time.Time, theirsRefused bool) time.Time {
	switch {
	case theirsRefused, mine.Equal(theirs), theirs.Equal(base):
		return mine
	case mine.Equal(base):
		return theirs
	case theirs.IsZero():
		return mine
	case mine.IsZero(), theirs.Before(mine):
		return theirs
	}
	return mine
}

// corrections are append-only notes to readers: the merge is their union,
// in time order, a correction both sides hold appearing once.
func corrections(mine, theirs []editor.Correction) []editor.Correction {
	var out []editor.Correction
	seen := map[string]bool{}
	for _, list := range [][]editor.Correction{mine, theirs} {
		for _, c := range list {
			k := c.Time.UTC().Format(time.RFC3339Nano) + "\x00" + c.Text
			if !seen[k] {
				seen[k] = true
				out = append(out, c)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b editor.Correction) int {
		if c := a.Time.Compare(b.Time); c != 0 {
			return c
		}
		return strings.Compare(a.Text, b.Text)
	})
	return out
}
