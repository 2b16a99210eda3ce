package desk

import (
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// Clone is this machine's full copy of the desk: a bare repository whose
// objects the sync reads and writes directly. Nobody works in it by hand,
// so it has no work tree to scan.
type Clone struct {
	path string
	st   *filesystem.Storage
	repo *git.Repository
}

// OpenClone opens the bare repository at path, creating it if missing.
func OpenClone(path string) (*Clone, error) {
	if _, err := os.Stat(filepath.Join(path, "HEAD")); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(path, 0o755); err != nil {
			return nil, fmt.Errorf("create desk clone %s: %w", path, err)
		}
		if _, err := git.PlainInit(path, true); err != nil && !errors.Is(err, git.ErrRepositoryAlreadyExists) {
			return nil, fmt.Errorf("create desk clone %s: %w", path, err)
		}
	}
	st := filesystem.NewStorageWithOptions(osfs.New(path), cache.NewObjectLRUDefault(), filesystem.Options{KeepDescriptors: false})
	repo, err := git.Open(st, nil)
	if err != nil {
		return nil, fmt.Errorf("open desk clone %s: %w", path, err)
	}
	return &Clone{path: path, st: st, repo: repo}, nil
}

// Path is the clone's folder.
func (c *Clone) Path() string { return c.path }

// Ref returns the commit a reference points to, or the zero hash if it
// does not exist.
func (c *Clone) Ref(name plumbing.ReferenceName) (plumbing.Hash, error) {
	ref, err := c.st.Reference(name)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("read %s: %w", name, err)
	}
	return ref.Hash(), nil
}

// SetRef points name at h.
func (c *Clone) SetRef(name plumbing.ReferenceName, h plumbing.Hash) error {
	if err := c.st.SetReference(plumbing.NewHashReference(name, h)); err != nil {
		return fmt.Errorf("set %s: %w", name, err)
	}
	return nil
}

// Has reports whether the clone holds object h.
func (c *Clone) Has(h plumbing.Hash) bool { return c.st.HasEncodedObject(h) == nil }

// Blob returns the content of blob h.
func (c *Clone) Blob(h plumbing.Hash) ([]byte, error) {
	obj, err := c.st.EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", h, err)
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", h, err)
	}
	defer r.Close()
	return io.ReadAll(r)
}

// Tree returns tree h; the zero hash is the empty tree.
func (c *Clone) Tree(h plumbing.Hash) (*object.Tree, error) {
	if h.IsZero() {
		return &object.Tree{}, nil
	}
	t, err := object.GetTree(c.st, h)
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", h, err)
	}
	return t, nil
}

// Commit returns commit h.
func (c *Clone) Commit(h plumbing.Hash) (*object.Commit, error) {
	cm, err := object.GetCommit(c.st, h)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", h, err)
	}
	return cm, nil
}

// MergeBase returns the best common ancestor of a and b, or the zero hash
// if they share no history.
func (c *Clone) MergeBase(a, b plumbing.Hash) (plumbing.Hash, error) {
	ca, err := c.Commit(a)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	cb, err := c.Commit(b)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	bases, err := ca.MergeBase(cb)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("merge base of %s and %s: %w", a, b, err)
	}
	if len(bases) == 0 {
		return plumbing.ZeroHash, nil
	}
	return bases[0].Hash, nil
}

// Snapshot is the top of one commit's tree: desk.toml and the articles/
// tree's folders, kept in Git's order as read. Reading it touches two
// tree objects, whatever the size of the desk.
type Snapshot struct {
	Commit  plumbing.Hash
	Root    []object.TreeEntry
	folders []object.TreeEntry // articles/<uid> folders, in Git's order
}

// Snapshot reads commit h's top trees; the zero hash is the empty desk.
func (c *Clone) Snapshot(h plumbing.Hash) (*Snapshot, error) {
	s := &Snapshot{Commit: h}
	if h.IsZero() {
		return s, nil
	}
	cm, err := c.Commit(h)
	if err != nil {
		return nil, err
	}
	root, err := c.Tree(cm.TreeHash)
	if err != nil {
		return nil, err
	}
	s.Root = root.Entries
	for _, e := range root.Entries {
		if e.Name != ArticlesDir || e.Mode != filemode.Dir {
			continue
		}
		arts, err := c.Tree(e.Hash)
		if err != nil {
			return nil, err
		}
		s.folders = arts.Entries[:0]
		for _, a := range arts.Entries {
			if a.Mode == filemode.Dir {
				s.folders = append(s.folders, a)
			}
		}
	}
	return s, nil
}

// Folder returns the tree of article uid's folder.
func (s *Snapshot) Folder(uid string) (plumbing.Hash, bool) {
	i, found := slices.BinarySearchFunc(s.folders, uid, func(e object.TreeEntry, uid string) int {
		return compareGitNames(e.Name, true, uid, true)
	})
	if !found {
		return plumbing.ZeroHash, false
	}
	return s.folders[i].Hash, true
}

// Len is the number of article folders.
func (s *Snapshot) Len() int { return len(s.folders) }

// RootFile returns the blob of a file at the top of the tree.
func (s *Snapshot) RootFile(name string) (plumbing.Hash, bool) {
	for _, e := range s.Root {
		if e.Name == name && e.Mode.IsFile() {
			return e.Hash, true
		}
	}
	return plumbing.ZeroHash, false
}

// Changed lists the uids whose folder differs between from and to, in
// either direction, in Git's order. Only folder hashes are compared, in
// one walk over both sorted lists: an unchanged folder is never opened.
func Changed(from, to *Snapshot) []string {
	if from.Commit == to.Commit {
		return nil
	}
	var uids []string
	a, b := from.folders, to.folders
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0:
			uids, a = append(uids, a[0].Name), a[1:]
		case len(a) == 0:
			uids, b = append(uids, b[0].Name), b[1:]
		default:
			switch c := compareGitNames(a[0].Name, true, b[0].Name, true); {
			case c < 0:
				uids, a = append(uids, a[0].Name), a[1:]
			case c > 0:
				uids, b = append(uids, b[0].Name), b[1:]
			default:
				if a[0].Hash != b[0].Hash {
					uids = append(uids, a[0].Name)
				}
				a, b = a[1:], b[1:]
			}
		}
	}
	return uids
}

// RawFolder is an article folder as files: name → blob.
type RawFolder map[string]plumbing.Hash

// Folder lists the files of folder tree h.
func (c *Clone) Folder(h plumbing.Hash) (RawFolder, error) {
	t, err := c.Tree(h)
	if err != nil {
		return nil, err
	}
	f := RawFolder{}
	for _, e := range t.Entries {
		if e.Mode.IsFile() {
			f[e.Name] = e.Hash
		}
	}
	return f, nil
}

// Writer writes new objects into the clone and remembers every one, so a
// push can send exactly what it made without walking history.
type Writer struct {
	c       *Clone
	written []plumbing.Hash
}

// NewWriter starts a set of new objects.
func (c *Clone) NewWriter() *Writer { return &Writer{c: c} }

// Written lists the objects written so far, each after the objects it
// refers to.
func (w *Writer) Written() []plumbing.Hash { return w.written }

// put writes a loose object itself rather than through go-git's
// storage: a desk's articles/ tree is megabytes of mostly hashes, which
// compress little, so the fastest zlib level saves most of a sync's time
// at no real cost in size; and the object is hashed once, not twice.
func (w *Writer) put(t plumbing.ObjectType, data []byte) (plumbing.Hash, error) {
	h := plumbing.ComputeHash(t, data)
	w.written = append(w.written, h)
	if w.c.Has(h) {
		return h, nil
	}
	if err := writeLoose(w.c.path, t, h, data); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("write %s %s: %w", t, h, err)
	}
	return h, nil
}

// writeLoose stores an object as objects/xx/yyyy…, written to a temporary
// file and renamed, so a reader (or a kill) never sees half of one.
func writeLoose(gitDir string, t plumbing.ObjectType, h plumbing.Hash, data []byte) error {
	hex := h.String()
	dir := filepath.Join(gitDir, "objects", hex[:2])
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "tmp_obj_")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	zw, err := zlib.NewWriterLevel(f, zlib.BestSpeed)
	if err != nil {
		f.Close()
		return err
	}
	fmt.Fprintf(zw, "%s %d\x00", t, len(data))
	if _, err := zw.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), filepath.Join(dir, hex[2:]))
}

// loosePath is where object h lies if it is loose.
func loosePath(gitDir string, h plumbing.Hash) string {
	hex := h.String()
	return filepath.Join(gitDir, "objects", hex[:2], hex[2:])
}

// Blob writes a file's content.
func (w *Writer) Blob(data []byte) (plumbing.Hash, error) { return w.put(plumbing.BlobObject, data) }

// Tree writes a tree from its entries, sorted the way Git requires.
func (w *Writer) Tree(entries []object.TreeEntry) (plumbing.Hash, error) {
	sortEntries(entries)
	return w.sortedTree(entries)
}

func (w *Writer) sortedTree(entries []object.TreeEntry) (plumbing.Hash, error) {
	size := 0
	for _, e := range entries {
		size += len(e.Name) + 28
	}
	buf := make([]byte, 0, size)
	for _, e := range entries {
		if e.Mode == filemode.Dir {
			buf = append(buf, "40000"...)
		} else {
			buf = append(buf, strings.TrimLeft(e.Mode.String(), "0")...)
		}
		buf = append(buf, ' ')
		buf = append(buf, e.Name...)
		buf = append(buf, 0)
		buf = append(buf, e.Hash[:]...)
	}
	return w.put(plumbing.TreeObject, buf)
}

// sortEntries orders a tree the way Git does: a folder sorts as if its
// name ended in "/".
func sortEntries(entries []object.TreeEntry) {
	slices.SortFunc(entries, func(a, b object.TreeEntry) int {
		return compareGitNames(a.Name, a.Mode == filemode.Dir, b.Name, b.Mode == filemode.Dir)
	})
}

// compareGitNames compares as if each folder's name ended in "/",
// without building that string for every comparison.
func compareGitNames(a string, aDir bool, b string, bDir bool) int {
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	at, bt := tail(a, n, aDir), tail(b, n, bDir)
	return int(at) - int(bt)
}

// tail is the byte after the first n of name, with a folder's "/" and
// 0 for the end.
func tail(name string, n int, dir bool) int16 {
	switch {
	case len(name) > n:
		return int16(name[n])
	case dir:
		return '/'
	}
	return -1
}

// Person signs commits.
type Person struct {
	Name, Email string
}

// Commit writes a commit of tree with parents.
func (w *Writer) Commit(tree plumbing.Hash, parents []plumbing.Hash, by Person, when time.Time, msg string) (plumbing.Hash, error) {
	sig := object.Signature{Name: by.Name, Email: by.Email, When: when}
	cm := &object.Commit{Author: sig, Committer: sig, Message: msg, TreeHash: tree, ParentHashes: parents}
	obj := w.c.st.NewEncodedObject()
	if err := cm.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	r, err := obj.Reader()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	data, err := io.ReadAll(r)
	r.Close()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return w.put(plumbing.CommitObject, data)
}

// Folder writes one article folder from its files and returns its tree.
func (w *Writer) Folder(files map[string][]byte) (plumbing.Hash, error) {
	entries := make([]object.TreeEntry, 0, len(files))
	for name, data := range files {
		h, err := w.Blob(data)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		entries = append(entries, object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: h})
	}
	return w.Tree(entries)
}

// Root writes base's tree with the given article folders replaced (a zero
// hash removes one) and root files replaced, and returns the new root
// tree. Only the articles/ tree and the root are written besides what the
// caller wrote: unchanged folders are referred to, never read.
func (w *Writer) Root(base *Snapshot, folders map[string]plumbing.Hash, rootFiles map[string][]byte) (plumbing.Hash, error) {
	// The base's entries are already in Git's order: the few changed
	// ones are merged in rather than sorting a hundred thousand.
	var added []object.TreeEntry
	for uid, h := range folders {
		if _, ok := base.Folder(uid); !ok && !h.IsZero() {
			added = append(added, object.TreeEntry{Name: uid, Mode: filemode.Dir, Hash: h})
		}
	}
	sortEntries(added)
	arts := make([]object.TreeEntry, 0, len(base.folders)+len(added))
	for _, e := range base.folders {
		for len(added) > 0 && compareGitNames(added[0].Name, true, e.Name, true) < 0 {
			arts, added = append(arts, added[0]), added[1:]
		}
		if nh, replaced := folders[e.Name]; replaced {
			e.Hash = nh
		}
		if !e.Hash.IsZero() {
			arts = append(arts, e)
		}
	}
	arts = append(arts, added...)
	var root []object.TreeEntry
	for _, e := range base.Root {
		if e.Name == ArticlesDir {
			continue
		}
		if _, replaced := rootFiles[e.Name]; replaced {
			continue
		}
		root = append(root, e)
	}
	for name, data := range rootFiles {
		h, err := w.Blob(data)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		root = append(root, object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: h})
	}
	if len(arts) > 0 {
		h, err := w.sortedTree(arts)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		root = append(root, object.TreeEntry{Name: ArticlesDir, Mode: filemode.Dir, Hash: h})
	}
	return w.Tree(root)
}

// TreeOf returns the root tree of commit h (zero for the empty desk).
func (c *Clone) TreeOf(h plumbing.Hash) (plumbing.Hash, error) {
	if h.IsZero() {
		return plumbing.ZeroHash, nil
	}
	cm, err := c.Commit(h)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return cm.TreeHash, nil
}
