package desk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"copydesk/editor"
	"copydesk/editor/merge"
	"copydesk/editor/review"
)

// ErrNotJoined means the library is not on a desk.
var ErrNotJoined = errors.New("this library is not on a desk (run 'copydesk desk join URL')")

// State is what the library remembers about its desk.
type State struct {
	Remote   string
	Clone    string        // folder of this machine's clone
	Synced   plumbing.Hash // the desk commit the library last agreed with
	LastSync time.Time     // zero before the first sync
	Person   Person
	Role     editor.Role
	// Initial is the desk.toml a new desk starts with: the library's
	// shared settings.
	Initial Config
}

// Waiting is an article changed in the library since it last went out.
type Waiting struct {
	ArticleID int64
	UID       string
	Gen       int64 // the change counter read; Apply compares it
}

// Base is the last state of an article the library and the desk agreed on.
type Base struct {
	Article plumbing.Hash // blob of article.md: the merge base
	Folder  plumbing.Hash // the whole folder, to skip an unchanged one
}

// Applied is the outcome of one article, for Library.Apply.
type Applied struct {
	UID string
	// Article is saved as the library's current state, unless the article
	// changed in the library after it was read (Gen).
	Article *editor.Article
	// Theirs is the desk's state kept as a revision beside a conflict.
	Theirs    *editor.Article
	Conflicts []Conflict
	Notes     []review.Note
	Audit     []review.AuditEntry
	ImageName string
	Image     []byte
	Gen       int64 // 0: the article was not waiting
	Base      Base  // the new base when applied
	// KeptBase is the base when the library moved on meanwhile: the
	// state sent out, which the library's newer edits descend from.
	KeptBase Base
	// StayWaiting sends the saved Article out on the next sync: what the
	// desk holds was not accepted here (an approval by a non-editor).
	StayWaiting bool
}

// Outcome is one batch of a sync's results.
type Outcome struct {
	Articles []Applied
	// Commit, when not zero, is the desk commit the library now agrees
	// with; it is set only on the last batch of a sync.
	Commit  plumbing.Hash
	Time    time.Time
	Config  *Config
	Refused map[string]string // uid → the file error, kept for status
}

// Library is the local library as the desk sees it; storage.DB
// implements it.
type Library interface {
	DeskState(ctx context.Context) (State, error)
	// Waiting lists the articles changed since they last went out.
	Waiting(ctx context.Context) ([]Waiting, error)
	// Folders returns the library's current state of the articles.
	Folders(ctx context.Context, ids []int64) ([]Folder, error)
	// Bases returns the stored bases of the uids that have one.
	Bases(ctx context.Context, uids []string) (map[string]Base, error)
	// Apply stores a batch of results in one transaction.
	Apply(ctx context.Context, o Outcome) error
}

// Conflict is one field or body paragraph both sides changed differently.
type Conflict = merge.Conflict

// MergeFunc merges an article changed on both sides; base is nil when
// the two were never synced. The result keeps mine where they conflict.
type MergeFunc func(base, mine, theirs *editor.Article, theirsMayApprove bool) (*editor.Article, []Conflict)

// MergeArticles is the merge Sync uses unless told otherwise: per field
// and per body paragraph, by the workflow's rules (merge.Articles).
func MergeArticles(base, mine, theirs *editor.Article, theirsMayApprove bool) (*editor.Article, []Conflict) {
	r := merge.Articles(base, mine, theirs, merge.Options{TheirsMayApprove: theirsMayApprove})
	return r.Article, r.Conflicts
}

// Options change how Sync works.
type Options struct {
	Merge MergeFunc // nil: MergeArticles
	Now   func() time.Time
	// BatchSize bounds how many articles are held in memory at once.
	BatchSize int
	// Retries is how many times a push race is retried.
	Retries int
	// Progress, when set, is told about each article as it is decided.
	Progress func(Change)
	// Stage, when set, is called as the sync passes "fetched" (nothing
	// written yet), "committed" (the desk's new commit is in the clone,
	// not yet pushed) and "pushed" (the desk has it; the library does
	// not yet): the crash tests stop the sync there.
	Stage func(name string)
}

// Direction says which way an article travelled.
type Direction string

// The ways an article can travel in a sync.
const (
	Out        Direction = "out"      // this library's change went to the desk
	In         Direction = "in"       // the desk's change came into the library
	Merged     Direction = "merged"   // both changed it; merged without conflict
	Conflicted Direction = "conflict" // both changed the same field or paragraph
	Refused    Direction = "refused"  // the desk's file is invalid; the library kept its version
)

// Change is one article in a sync report.
type Change struct {
	UID       string
	Headline  string
	Direction Direction
	Detail    string // the refusal, or the conflicting fields
}

// Report is what a sync did.
type Report struct {
	Changes  []Change
	Commit   plumbing.Hash
	Pushed   bool
	Attempts int
	Waiting  int // articles still waiting to go out (offline, or changed during the sync)
}

// Count returns how many changes went dir.
func (r *Report) Count(dir Direction) int {
	n := 0
	for _, c := range r.Changes {
		if c.Direction == dir {
			n++
		}
	}
	return n
}

// Files renders a folder as the files of the repository.
func (f Folder) Files() (map[string][]byte, error) {
	var md bytes.Buffer
	if err := editor.WriteMarkdown(&md, f.Article); err != nil {
		return nil, fmt.Errorf("write %s: %w", ArticlePath(f.Article.UID), err)
	}
	files := map[string][]byte{ArticleFile: md.Bytes()}
	if len(f.Notes) > 0 {
		files[NotesFile] = EncodeNotes(f.Notes)
	}
	if len(f.Audit) > 0 {
		files[AuditFile] = EncodeAudit(f.Audit)
	}
	if f.ImageName != "" && f.Image != nil {
		files[f.ImageName] = f.Image
	}
	return files, nil
}

// ReadFolder reads and validates an article folder from the clone, with
// the same checks as "copydesk import": any problem is a *FileError
// naming the file and line.
func (c *Clone) ReadFolder(uid string, tree plumbing.Hash) (Folder, RawFolder, error) {
	raw, err := c.Folder(tree)
	if err != nil {
		return Folder{}, nil, err
	}
	dir := path.Join(ArticlesDir, uid)
	blob, ok := raw[ArticleFile]
	if !ok {
		return Folder{}, raw, &FileError{Path: path.Join(dir, ArticleFile), Msg: "missing"}
	}
	data, err := c.Blob(blob)
	if err != nil {
		return Folder{}, raw, err
	}
	a, err := editor.ParseMarkdown(data)
	if err != nil {
		var pe *editor.ParseError
		if errors.As(err, &pe) {
			return Folder{}, raw, &FileError{Path: path.Join(dir, ArticleFile), Line: pe.Line, Msg: pe.Msg}
		}
		return Folder{}, raw, &FileError{Path: path.Join(dir, ArticleFile), Msg: err.Error()}
	}
	if a.UID != uid {
		return Folder{}, raw, &FileError{Path: path.Join(dir, ArticleFile), Line: 2, Msg: fmt.Sprintf("uid %q does not match its folder %s", a.UID, uid)}
	}
	f := Folder{Article: a}
	for name, h := range raw {
		switch {
		case name == ArticleFile:
		case name == NotesFile, name == AuditFile:
			data, err := c.Blob(h)
			if err != nil {
				return Folder{}, raw, err
			}
			if name == NotesFile {
				f.Notes, err = DecodeNotes(path.Join(dir, name), data)
			} else {
				f.Audit, err = DecodeAudit(path.Join(dir, name), data)
			}
			if err != nil {
				return Folder{}, raw, err
			}
		}
	}
	if sha, ext, ok := editor.ParseLibraryImageSrc(a.Image.Src); ok {
		name := sha + "." + ext
		if h, ok := raw[name]; ok {
			img, err := c.Blob(h)
			if err != nil {
				return Folder{}, raw, err
			}
			f.ImageName, f.Image = name, img
		}
	}
	return f, raw, nil
}

// Sync brings the library and the desk into step: the library's waiting
// changes are committed, the desk is fetched, articles changed on both
// sides are merged, the result is pushed (again after a race), and only
// then is the library told. It never loses a change: an article edited
// while the sync runs stays waiting and goes out next time.
func Sync(ctx context.Context, lib Library, remote Remote, opt Options) (*Report, error) {
	st, err := lib.DeskState(ctx)
	if err != nil {
		return nil, err
	}
	if opt.Merge == nil {
		opt.Merge = MergeArticles
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 500
	}
	if opt.Retries <= 0 {
		opt.Retries = 8
	}
	clone, err := OpenClone(st.Clone)
	if err != nil {
		return nil, err
	}
	var rep *Report
	for attempt := 1; ; attempt++ {
		rep, err = syncOnce(ctx, lib, remote, clone, st, opt)
		if err == nil || !errors.Is(err, ErrRaced) || attempt > opt.Retries {
			if rep != nil {
				rep.Attempts = attempt
			}
			if err != nil {
				if w, werr := lib.Waiting(ctx); werr == nil {
					if rep == nil {
						rep = &Report{}
					}
					rep.Waiting = len(w)
				}
			}
			return rep, err
		}
		// Another machine pushed first: a short, growing pause keeps two
		// machines from racing in lock step.
		select {
		case <-ctx.Done():
			return rep, ctx.Err()
		case <-time.After(time.Duration(attempt*attempt) * 20 * time.Millisecond):
		}
	}
}

// remoteRef is where the clone keeps the desk's last fetched commit.
const remoteRef = plumbing.ReferenceName("refs/remotes/desk/head")

func syncOnce(ctx context.Context, lib Library, remote Remote, clone *Clone, st State, opt Options) (*Report, error) {
	rep := &Report{}
	theirsHead, err := remote.Fetch(ctx, clone)
	if err != nil {
		return nil, err
	}
	if err := clone.SetRef(remoteRef, theirsHead); err != nil {
		return nil, err
	}
	stage := func(name string) {
		if opt.Stage != nil {
			opt.Stage(name)
		}
	}
	stage("fetched")
	synced := st.Synced
	if !synced.IsZero() && !clone.Has(synced) {
		synced = plumbing.ZeroHash // a clone made afresh: merge every article against no base
	}
	snapS, err := clone.Snapshot(synced)
	if err != nil {
		return nil, err
	}
	snapR := snapS
	if theirsHead != synced {
		if snapR, err = clone.Snapshot(theirsHead); err != nil {
			return nil, err
		}
	}
	cfg, err := readConfig(clone, snapR)
	if err != nil {
		return nil, err
	}
	waiting, err := lib.Waiting(ctx)
	if err != nil {
		return nil, err
	}
	waitingUID := make(map[string]bool, len(waiting))
	for _, w := range waiting {
		waitingUID[w.UID] = true
	}
	theirsChanged := Changed(snapS, snapR)
	now := opt.Now().UTC().Truncate(time.Second)
	refused := map[string]string{}
	report := func(c Change) {
		rep.Changes = append(rep.Changes, c)
		if opt.Progress != nil {
			opt.Progress(c)
		}
	}

	// Articles only the desk changed go straight into the library, in
	// batches: nothing of them has to be pushed, and taking them in twice
	// (after a crash or a push race) finds them unchanged.
	var theirsOnly []string
	for _, uid := range theirsChanged {
		if !waitingUID[uid] {
			theirsOnly = append(theirsOnly, uid)
		}
	}
	for chunk := range slices.Chunk(theirsOnly, opt.BatchSize) {
		bases, err := lib.Bases(ctx, chunk)
		if err != nil {
			return nil, err
		}
		var batch []Applied
		for _, uid := range chunk {
			tree, ok := snapR.Folder(uid)
			if !ok {
				continue // removed on the desk: the library keeps every article
			}
			if bases[uid].Folder == tree {
				continue
			}
			f, raw, err := clone.ReadFolder(uid, tree)
			if err != nil {
				var fe *FileError
				if !errors.As(err, &fe) {
					return nil, err
				}
				refused[uid] = fe.Error()
				report(Change{UID: uid, Direction: Refused, Detail: fe.Error()})
				continue
			}
			ap := Applied{UID: uid, Notes: f.Notes, Audit: f.Audit, ImageName: f.ImageName, Image: f.Image,
				Base: Base{Article: raw[ArticleFile], Folder: tree}}
			ch := Change{UID: uid, Headline: f.Article.Headline, Direction: In}
			if raw[ArticleFile] != bases[uid].Article {
				ap.Article = f.Article
				var base *editor.Article
				if !bases[uid].Article.IsZero() {
					if data, err := clone.Blob(bases[uid].Article); err == nil {
						base, _ = editor.ParseMarkdown(data)
					}
				}
				if moved, by := approvalBy(base, f); moved && !cfg.mayApprove(by) {
					// Kept as a conflict: the approval waits for an editor.
					kept := f.Article.Clone()
					kept.Status = editor.StatusEditing
					if base != nil {
						kept.Status = base.Status
					}
					ap.Article, ap.Theirs, ap.StayWaiting = kept, f.Article, true
					ap.Conflicts = []Conflict{{Field: merge.FieldStatus, Paragraph: -1, At: -1, Base: string(kept.Status), Mine: string(kept.Status), Theirs: string(f.Article.Status)}}
					ch.Direction, ch.Detail = Conflicted, fmt.Sprintf("moved to %s by %s, who is not an editor of this desk", f.Article.Status, by)
				}
			}
			batch = append(batch, ap)
			report(ch)
		}
		if err := lib.Apply(ctx, Outcome{Articles: batch, Refused: refused}); err != nil {
			return nil, err
		}
		clear(refused)
	}

	// This library's changes: committed on top of what it last agreed
	// with, then merged with the desk's where both changed an article.
	wMine := clone.NewWriter() // the local commit's folders
	mineFolders := map[string]plumbing.Hash{}
	resultFolders := map[string]plumbing.Hash{}
	var pending []Applied
	for chunk := range slices.Chunk(waiting, opt.BatchSize) {
		ids := make([]int64, len(chunk))
		uids := make([]string, len(chunk))
		for i, w := range chunk {
			ids[i], uids[i] = w.ArticleID, w.UID
		}
		folders, err := lib.Folders(ctx, ids)
		if err != nil {
			return nil, err
		}
		bases, err := lib.Bases(ctx, uids)
		if err != nil {
			return nil, err
		}
		for i, mine := range folders {
			w := chunk[i]
			files, err := mine.Files()
			if err != nil {
				return nil, err
			}
			mineTree, err := wMine.Folder(files)
			if err != nil {
				return nil, err
			}
			mineBase := Base{Article: hashOf(files[ArticleFile]), Folder: mineTree}
			mineFolders[w.UID] = mineTree
			theirsTree, onDesk := snapR.Folder(w.UID)
			syncedTree, _ := snapS.Folder(w.UID)
			changedThere := onDesk && syncedTree != theirsTree
			if !changedThere || theirsTree == mineTree {
				// Only here (or the same on both sides).
				resultFolders[w.UID] = mineTree
				pending = append(pending, Applied{UID: w.UID, Gen: w.Gen, Base: mineBase, KeptBase: mineBase})
				if theirsTree != mineTree && bases[w.UID].Folder != mineTree {
					report(Change{UID: w.UID, Headline: mine.Article.Headline, Direction: Out})
				}
				continue
			}
			theirs, raw, err := clone.ReadFolder(w.UID, theirsTree)
			if err != nil {
				var fe *FileError
				if !errors.As(err, &fe) {
					return nil, err
				}
				// The desk's copy cannot be read: this library's goes out
				// in its place, and the bad file stays in the history.
				resultFolders[w.UID] = mineTree
				pending = append(pending, Applied{UID: w.UID, Gen: w.Gen, Base: mineBase, KeptBase: mineBase})
				refused[w.UID] = fe.Error()
				report(Change{UID: w.UID, Headline: mine.Article.Headline, Direction: Refused, Detail: fe.Error() + " (replaced by this library's version)"})
				continue
			}
			var base *editor.Article
			if b := bases[w.UID].Article; !b.IsZero() && clone.Has(b) {
				data, err := clone.Blob(b)
				if err == nil {
					base, _ = editor.ParseMarkdown(data)
				}
			}
			_, by := approvalBy(base, theirs)
			merged, conflicts := opt.Merge(base, mine.Article, theirs.Article, cfg.mayApprove(by))
			merged = merged.Clone()
			merged.ID, merged.Version = mine.Article.ID, mine.Article.Version
			result := Folder{Article: merged, Notes: UnionNotes(mine.Notes, theirs.Notes), Audit: UnionAudit(mine.Audit, theirs.Audit)}
			result.ImageName, result.Image = pickImage(merged, mine, theirs)
			rfiles, err := result.Files()
			if err != nil {
				return nil, err
			}
			rtree, err := wMine.Folder(rfiles)
			if err != nil {
				return nil, err
			}
			resultFolders[w.UID] = rtree
			ap := Applied{UID: w.UID, Gen: w.Gen, Notes: result.Notes, Audit: result.Audit, ImageName: result.ImageName, Image: result.Image,
				Base: Base{Article: hashOf(rfiles[ArticleFile]), Folder: rtree}, KeptBase: mineBase}
			if !bytes.Equal(rfiles[ArticleFile], files[ArticleFile]) || len(conflicts) > 0 {
				ap.Article = merged
			}
			ch := Change{UID: w.UID, Headline: merged.Headline, Direction: Merged}
			if len(conflicts) > 0 {
				ap.Conflicts, ap.Theirs = conflicts, theirs.Article
				ch.Direction, ch.Detail = Conflicted, conflictFields(conflicts)
			}
			_ = raw
			pending = append(pending, ap)
			report(ch)
		}
	}

	// desk.toml: a new desk gets one, and a person not yet a member
	// adds themself.
	rootFiles := map[string][]byte{}
	if _, ok := snapR.RootFile(ConfigFile); !ok || cfg.needsMember(st.Person) {
		if !ok {
			cfg.Config = st.Initial
		}
		cfg.addMember(st.Person, theirsHead.IsZero())
		data, err := EncodeConfig(cfg.Config)
		if err != nil {
			return nil, err
		}
		rootFiles[ConfigFile] = data
	}

	// The newsroom dictionary: the desk's words come in, and the union
	// goes out when this library knows something the desk does not.
	if words, ok := lib.(Words); ok {
		data, bad, err := syncDictionary(ctx, words, clone, snapR)
		if err != nil {
			return nil, fmt.Errorf("newsroom dictionary: %w", err)
		}
		if bad != nil {
			report(Change{UID: DictionaryFile, Headline: "newsroom dictionary", Direction: Refused, Detail: bad.Error() + " (replaced by this library's dictionary)"})
		}
		if data != nil {
			rootFiles[DictionaryFile] = data
		}
	}

	newHead := theirsHead
	if len(mineFolders) > 0 || len(rootFiles) > 0 {
		resultRoot, err := wMine.Root(snapR, resultFolders, rootFiles)
		if err != nil {
			return nil, err
		}
		rTree, err := clone.TreeOf(theirsHead)
		if err != nil {
			return nil, err
		}
		if resultRoot != rTree {
			msg := commitMessage(rep.Changes, st.Person)
			if synced.IsZero() || theirsHead.IsZero() || theirsHead == synced {
				// Nothing new on the desk since this library's last
				// sync: one commit on top of it.
				newHead, err = wMine.Commit(resultRoot, parentsOf(theirsHead), st.Person, now, msg)
			} else {
				// Both moved: this library's changes as they were
				// written, then a merge of the two lines.
				var mineRoot, sTree plumbing.Hash
				if mineRoot, err = wMine.Root(snapS, mineFolders, rootFiles); err != nil {
					return nil, err
				}
				if sTree, err = clone.TreeOf(synced); err != nil {
					return nil, err
				}
				if mineRoot == sTree {
					newHead, err = wMine.Commit(resultRoot, parentsOf(theirsHead), st.Person, now, msg)
				} else {
					var local plumbing.Hash
					local, err = wMine.Commit(mineRoot, parentsOf(synced), st.Person, now, msg)
					if err == nil {
						newHead, err = wMine.Commit(resultRoot, parentsOf(local, theirsHead), st.Person, now, "Merge desk into "+st.Person.Name+"'s library\n\n"+msg)
					}
				}
			}
			if err != nil {
				return nil, err
			}
			stage("committed")
			if err := remote.Push(ctx, clone, theirsHead, newHead, wMine.Written()); err != nil {
				return nil, err
			}
			rep.Pushed = true
			stage("pushed")
			if err := clone.SetRef(remoteRef, newHead); err != nil {
				return nil, err
			}
		}
	}
	rep.Commit = newHead

	// Only now, with the desk holding the result, does the library move.
	if len(pending) == 0 {
		pending = []Applied{}
	}
	chunks := slices.Collect(slices.Chunk(pending, opt.BatchSize))
	if len(chunks) == 0 {
		chunks = [][]Applied{nil}
	}
	for i, chunk := range chunks {
		o := Outcome{Articles: chunk, Refused: refused}
		if i == len(chunks)-1 {
			o.Commit, o.Time = newHead, opt.Now()
			c := cfg.Config
			o.Config = &c
		}
		if err := lib.Apply(ctx, o); err != nil {
			return nil, err
		}
		clear(refused)
	}
	if err := clone.SetRef(plumbing.NewBranchReferenceName("main"), newHead); err != nil && !newHead.IsZero() {
		return nil, err
	}
	w, err := lib.Waiting(ctx)
	if err != nil {
		return nil, err
	}
	rep.Waiting = len(w)
	return rep, nil
}

func parentsOf(hs ...plumbing.Hash) []plumbing.Hash {
	var out []plumbing.Hash
	for _, h := range hs {
		if !h.IsZero() && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

func hashOf(data []byte) plumbing.Hash { return plumbing.ComputeHash(plumbing.BlobObject, data) }

func pickImage(merged *editor.Article, sides ...Folder) (string, []byte) {
	sha, ext, ok := editor.ParseLibraryImageSrc(merged.Image.Src)
	if !ok {
		return "", nil
	}
	for _, f := range sides {
		if f.ImageName == sha+"."+ext && f.Image != nil {
			return f.ImageName, f.Image
		}
	}
	return "", nil
}

func conflictFields(cs []Conflict) string {
	var names []string
	for _, c := range cs {
		if n := c.Label(); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

func commitMessage(changes []Change, by Person) string {
	var out []string
	for _, c := range changes {
		if c.Direction != In && c.Direction != Refused {
			out = append(out, c.Headline)
		}
	}
	switch len(out) {
	case 0:
		return "Desk settings from " + by.Name + "\n"
	case 1:
		return out[0] + "\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d articles from %s\n\n", len(out), by.Name)
	for _, h := range out {
		fmt.Fprintf(&b, "- %s\n", h)
	}
	return b.String()
}

// approvalBy reports whether theirs moved the article to approved or
// published since base, and who did it by its audit trail.
func approvalBy(base *editor.Article, theirs Folder) (bool, string) {
	to := theirs.Article.Status
	if to != editor.StatusApproved && to != editor.StatusPublished {
		return false, ""
	}
	if base != nil && base.Status == to {
		return false, ""
	}
	by := ""
	for _, e := range theirs.Audit {
		if e.To == to {
			by = e.Person // the newest such move; the trail is oldest first
		}
	}
	return true, by
}

// deskConfig is desk.toml plus what a sync needs to know about it.
type deskConfig struct {
	Config
	present bool
}

func readConfig(c *Clone, s *Snapshot) (*deskConfig, error) {
	h, ok := s.RootFile(ConfigFile)
	if !ok {
		return &deskConfig{}, nil
	}
	data, err := c.Blob(h)
	if err != nil {
		return nil, err
	}
	cfg, err := DecodeConfig(data)
	if err != nil {
		return nil, err
	}
	return &deskConfig{Config: cfg, present: true}, nil
}

// mayApprove: a desk that names no editor has no roles to enforce.
func (c *deskConfig) mayApprove(person string) bool {
	for _, m := range c.Members {
		if m.Role == editor.RoleEditor {
			return c.IsEditor(person)
		}
	}
	return true
}

func (c *deskConfig) needsMember(p Person) bool {
	if p.Name == "" {
		return false
	}
	_, ok := c.Member(p.Name, p.Email)
	return !ok
}

// addMember adds p; the founder of a desk is its first editor, anyone
// joining later a reporter until an editor says otherwise in desk.toml.
func (c *deskConfig) addMember(p Person, founder bool) {
	if p.Name == "" || !c.needsMember(p) {
		return
	}
	role := editor.RoleReporter
	if founder {
		role = editor.RoleEditor
	}
	c.Members = append(c.Members, Member{Name: p.Name, Email: p.Email, Role: role})
}

// ChangedSince fetches the desk and counts the articles changed there
// since the library last synced, without taking any of them in.
func ChangedSince(ctx context.Context, lib Library, remote Remote) (int, error) {
	st, err := lib.DeskState(ctx)
	if err != nil {
		return 0, err
	}
	clone, err := OpenClone(st.Clone)
	if err != nil {
		return 0, err
	}
	head, err := remote.Fetch(ctx, clone)
	if err != nil {
		return 0, err
	}
	if err := clone.SetRef(remoteRef, head); err != nil {
		return 0, err
	}
	synced := st.Synced
	if !clone.Has(synced) {
		synced = plumbing.ZeroHash
	}
	from, err := clone.Snapshot(synced)
	if err != nil {
		return 0, err
	}
	to, err := clone.Snapshot(head)
	if err != nil {
		return 0, err
	}
	return len(Changed(from, to)), nil
}
