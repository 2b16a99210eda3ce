package desk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/protocol/packp"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/plumbing/transport/client"
	gitssh "github.com/go-git/go-git/v5/plumbing/transport/ssh"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// Sentinel errors of talking to the desk; check them with errors.Is.
var (
	// ErrUnreachable means the desk could not be reached (no network, the
	// share is not mounted): nothing was changed and a later sync retries.
	ErrUnreachable = errors.New("desk unreachable")
	// ErrRaced means another machine pushed between this sync's fetch and
	// its push; the sync fetches and merges again.
	ErrRaced = errors.New("the desk moved during the sync")
)

// Remote is the shared desk seen from here.
type Remote interface {
	// Fetch copies the desk's branch into c and returns its commit (zero
	// for an empty desk).
	Fetch(ctx context.Context, c *Clone) (plumbing.Hash, error)
	// Push moves the desk's branch from old to new, sending objects
	// (which must include everything new reachable from new). It returns
	// ErrRaced if the branch no longer points at old.
	Push(ctx context.Context, c *Clone, old, new plumbing.Hash, objects []plumbing.Hash) error
	// String is the URL as given.
	String() string
}

// OpenRemote returns the desk at rawURL: a folder path, file://, ssh://
// (or user@host:path), http:// or https://.
func OpenRemote(rawURL string) (Remote, error) {
	if p, ok := localPath(rawURL); ok {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("desk %s: %w", rawURL, err)
		}
		if !strings.HasPrefix(rawURL, "file://") {
			rawURL = abs // remembered as given must still work from another folder
		}
		return &localRemote{url: rawURL, path: abs}, nil
	}
	ep, err := transport.NewEndpoint(rawURL)
	if err != nil {
		return nil, fmt.Errorf("desk %s: %w", rawURL, err)
	}
	switch ep.Protocol {
	case "ssh", "http", "https":
	default:
		return nil, fmt.Errorf("desk %s: unsupported protocol %q (use a folder, file://, ssh:// or https://)", rawURL, ep.Protocol)
	}
	return &netRemote{url: rawURL, ep: ep}, nil
}

func localPath(raw string) (string, bool) {
	if strings.HasPrefix(raw, "file://") {
		u, err := url.Parse(raw)
		if err != nil {
			return "", false
		}
		return u.Path, true
	}
	if strings.Contains(raw, "://") {
		return "", false
	}
	// "host:path" is scp-like ssh unless it is clearly a local path.
	if i := strings.IndexByte(raw, ':'); i > 0 && !strings.ContainsAny(raw[:i], `/\`) && !filepath.IsAbs(raw) {
		if _, err := os.Stat(raw); err != nil {
			return "", false
		}
	}
	return raw, true
}

// --- a desk in a folder (a file share, a USB disk, a bare repository here)

// localRemote reads and writes the desk's objects directly. Git itself
// does the same for local clones; it also means no git-upload-pack has to
// walk the whole history to answer a fetch.
type localRemote struct {
	url, path string
}

func (r *localRemote) String() string { return r.url }

func (r *localRemote) gitDir() (string, error) {
	if fi, err := os.Stat(filepath.Join(r.path, ".git")); err == nil && fi.IsDir() {
		return filepath.Join(r.path, ".git"), nil
	}
	if _, err := os.Stat(filepath.Join(r.path, "HEAD")); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if _, err := os.Stat(r.path); err != nil {
				return "", fmt.Errorf("%w: %s: %v", ErrUnreachable, r.url, err)
			}
			return "", fmt.Errorf("desk %s is not a Git repository", r.url)
		}
		return "", fmt.Errorf("%w: %s: %v", ErrUnreachable, r.url, err)
	}
	return r.path, nil
}

func (r *localRemote) open() (*filesystem.Storage, string, error) {
	dir, err := r.gitDir()
	if err != nil {
		return nil, "", err
	}
	return filesystem.NewStorage(osfs.New(dir), cache.NewObjectLRUDefault()), dir, nil
}

// branch is the branch the desk's HEAD names, so a bare repository made by
// "git init --bare" with either master or main as its default works.
func branchOf(st *filesystem.Storage) plumbing.ReferenceName {
	head, err := st.Reference(plumbing.HEAD)
	if err == nil && head.Type() == plumbing.SymbolicReference {
		return head.Target()
	}
	return plumbing.NewBranchReferenceName("main")
}

func (r *localRemote) Fetch(ctx context.Context, c *Clone) (plumbing.Hash, error) {
	st, dir, err := r.open()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	ref, err := st.Reference(branchOf(st))
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("read desk branch: %w", err)
	}
	head := ref.Hash()
	if c.Has(head) {
		return head, nil
	}
	if empty, err := c.isEmpty(); err == nil && empty {
		// A first fetch copies the desk's object files as they are,
		// packs included: much faster than object by object.
		if err := copyObjectFiles(ctx, filepath.Join(dir, "objects"), filepath.Join(c.path, "objects")); err != nil {
			return plumbing.ZeroHash, err
		}
		c.reopen()
		if c.Has(head) {
			return head, nil
		}
	}
	if err := copyClosure(ctx, st, c.st, head); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("fetch from %s: %w", r.url, err)
	}
	return head, nil
}

func (r *localRemote) Push(ctx context.Context, c *Clone, old, new plumbing.Hash, objects []plumbing.Hash) error {
	st, dir, err := r.open()
	if err != nil {
		return err
	}
	for _, h := range objects {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Written without asking whether the desk has it in a pack:
		// asking would load the desk's whole pack index, and a loose copy
		// of a packed object is harmless. A loose object here is copied
		// as its file, without inflating and deflating it again.
		dst := loosePath(dir, h)
		if _, err := os.Stat(dst); err == nil {
			continue
		}
		if src := loosePath(c.path, h); fileExists(src) {
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			if err := copyFile(src, dst); err != nil {
				return fmt.Errorf("push to %s: %w", r.url, err)
			}
			continue
		}
		if err := copyObject(c.st, st, h); err != nil {
			return fmt.Errorf("push to %s: %w", r.url, err)
		}
	}
	return casRef(dir, st, branchOf(st), old, new)
}

// casRef moves ref from old to new under Git's own lock file protocol
// (ref.lock created exclusively, then renamed over the ref), so a git push
// into the same repository at the same moment is refused rather than lost.
func casRef(dir string, st *filesystem.Storage, name plumbing.ReferenceName, old, new plumbing.Hash) error {
	refPath := filepath.Join(dir, filepath.FromSlash(name.String()))
	if err := os.MkdirAll(filepath.Dir(refPath), 0o755); err != nil {
		return err
	}
	lockPath := refPath + ".lock"
	f, err := os.OpenFile(lockPath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		// A lock left by a push that was killed would block the desk
		// for ever; a live one is held for milliseconds.
		if fi, serr := os.Stat(lockPath); serr == nil && time.Since(fi.ModTime()) > staleLock {
			os.Remove(lockPath)
		}
		return fmt.Errorf("%w: %s is locked", ErrRaced, name)
	}
	if err != nil {
		return fmt.Errorf("lock %s: %w", name, err)
	}
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(lockPath)
		}
	}()
	cur := plumbing.ZeroHash
	if ref, err := st.Reference(name); err == nil {
		cur = ref.Hash()
	} else if !errors.Is(err, plumbing.ErrReferenceNotFound) {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if cur != old {
		return fmt.Errorf("%w: %s is at %s, expected %s", ErrRaced, name, cur, old)
	}
	if _, err := f.WriteString(new.String() + "\n"); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(lockPath, refPath); err != nil {
		return fmt.Errorf("update %s: %w", name, err)
	}
	done = true
	return nil
}

const staleLock = 10 * time.Second

func (c *Clone) isEmpty() (bool, error) {
	entries, err := os.ReadDir(filepath.Join(c.path, "objects"))
	if err != nil {
		return false, err
	}
	for _, e := range entries {
		if e.Name() == "info" {
			continue
		}
		if e.Name() == "pack" {
			packs, _ := os.ReadDir(filepath.Join(c.path, "objects", "pack"))
			if len(packs) > 0 {
				return false, nil
			}
			continue
		}
		return false, nil
	}
	return true, nil
}

func (c *Clone) reopen() {
	c.st = filesystem.NewStorage(osfs.New(c.path), cache.NewObjectLRUDefault())
	c.repo, _ = git.Open(c.st, nil)
}

// copyObjectFiles copies loose objects and packs (index last, so a pack is
// never visible without its data).
func copyObjectFiles(ctx context.Context, from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			if rel == "info" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if strings.HasSuffix(p, ".idx") || strings.HasSuffix(p, ".tmp") || strings.HasPrefix(d.Name(), "tmp") {
			return nil
		}
		if err := copyFile(p, filepath.Join(to, rel)); err != nil {
			return err
		}
		if strings.HasSuffix(p, ".pack") {
			idx := strings.TrimSuffix(p, ".pack") + ".idx"
			return copyFile(idx, filepath.Join(to, strings.TrimSuffix(rel, ".pack")+".idx"))
		}
		return nil
	})
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// copyFile copies through a temporary file named as Git names its own
// ("tmp_obj_…"), which git fsck and gc know to be leftovers.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.CreateTemp(filepath.Dir(to), "tmp_obj_")
	if err != nil {
		return err
	}
	defer os.Remove(out.Name())
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(out.Name(), to)
}

type objectStore interface {
	EncodedObject(plumbing.ObjectType, plumbing.Hash) (plumbing.EncodedObject, error)
	HasEncodedObject(plumbing.Hash) error
	SetEncodedObject(plumbing.EncodedObject) (plumbing.Hash, error)
	NewEncodedObject() plumbing.EncodedObject
}

func copyObject(from, to objectStore, h plumbing.Hash) error {
	obj, err := from.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return fmt.Errorf("read object %s: %w", h, err)
	}
	r, err := obj.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	out := to.NewEncodedObject()
	out.SetType(obj.Type())
	out.SetSize(int64(len(data)))
	w, err := out.Writer()
	if err != nil {
		return err
	}
	w.Write(data)
	w.Close()
	if out.Hash() != h {
		return fmt.Errorf("object %s is damaged (its content hashes to %s)", h, out.Hash())
	}
	_, err = to.SetEncodedObject(out)
	return err
}

// copyClosure copies commit head and everything it reaches that the
// destination lacks. An object already there is assumed complete (every
// object is written after those it refers to), so unchanged folders and
// known history are never walked.
func copyClosure(ctx context.Context, from *filesystem.Storage, to objectStore, head plumbing.Hash) error {
	var commits []*object.Commit
	seen := map[plumbing.Hash]bool{}
	stack := []plumbing.Hash{head}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[h] || to.HasEncodedObject(h) == nil {
			continue
		}
		seen[h] = true
		cm, err := object.GetCommit(from, h)
		if err != nil {
			return err
		}
		commits = append(commits, cm)
		stack = append(stack, cm.ParentHashes...)
	}
	// Oldest first, so each commit lands after its parents.
	for i := len(commits) - 1; i >= 0; i-- {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := copyTree(from, to, commits[i].TreeHash); err != nil {
			return err
		}
		if err := copyObject(from, to, commits[i].Hash); err != nil {
			return err
		}
	}
	return nil
}

func copyTree(from *filesystem.Storage, to objectStore, h plumbing.Hash) error {
	if to.HasEncodedObject(h) == nil {
		return nil
	}
	t, err := object.GetTree(from, h)
	if err != nil {
		return err
	}
	for _, e := range t.Entries {
		switch {
		case e.Mode.IsFile():
			if to.HasEncodedObject(e.Hash) != nil {
				if err := copyObject(from, to, e.Hash); err != nil {
					return err
				}
			}
		case e.Mode == filemode.Dir:
			if err := copyTree(from, to, e.Hash); err != nil {
				return err
			}
		}
	}
	return copyObject(from, to, h)
}

// --- a desk on a server (ssh, https)

type netRemote struct {
	url string
	ep  *transport.Endpoint
	// name is the desk's branch once known; each ssh connection costs a
	// key exchange, so it is asked for once.
	name plumbing.ReferenceName
}

func (r *netRemote) String() string { return r.url }

// auth picks the credentials a person's ssh already uses: the agent if one
// runs, else the first of the usual key files. https takes the user and
// password from the URL, if any.
func (r *netRemote) auth() (transport.AuthMethod, error) {
	if r.ep.Protocol != "ssh" {
		return nil, nil
	}
	user := r.ep.User
	if user == "" {
		user = os.Getenv("USER")
	}
	if os.Getenv("SSH_AUTH_SOCK") != "" {
		if a, err := gitssh.NewSSHAgentAuth(user); err == nil {
			return a, nil
		}
	}
	home, _ := os.UserHomeDir()
	for _, name := range []string{"id_ed25519", "id_ecdsa", "id_rsa"} {
		p := filepath.Join(home, ".ssh", name)
		if _, err := os.Stat(p); err != nil {
			continue
		}
		a, err := gitssh.NewPublicKeysFromFile(user, p, "")
		if err != nil {
			return nil, fmt.Errorf("ssh key %s: %w", p, err)
		}
		return a, nil
	}
	return nil, fmt.Errorf("no ssh key: start ssh-agent or create ~/.ssh/id_ed25519")
}

func (r *netRemote) branch(ctx context.Context, st *filesystem.Storage, auth transport.AuthMethod) (plumbing.ReferenceName, plumbing.Hash, error) {
	rem := git.NewRemote(st, &config.RemoteConfig{Name: "origin", URLs: []string{r.url}})
	refs, err := rem.ListContext(ctx, &git.ListOptions{Auth: auth})
	if errors.Is(err, transport.ErrEmptyRemoteRepository) {
		return plumbing.NewBranchReferenceName("main"), plumbing.ZeroHash, nil
	}
	if err != nil {
		return "", plumbing.ZeroHash, classifyNetErr(r.url, err)
	}
	byName := map[plumbing.ReferenceName]plumbing.Hash{}
	var target plumbing.ReferenceName
	for _, ref := range refs {
		if ref.Name() == plumbing.HEAD && ref.Type() == plumbing.SymbolicReference {
			target = ref.Target()
		}
		if ref.Type() == plumbing.HashReference {
			byName[ref.Name()] = ref.Hash()
		}
	}
	if target == "" {
		target = plumbing.NewBranchReferenceName("main")
		if _, ok := byName[target]; !ok {
			if _, ok := byName[plumbing.NewBranchReferenceName("master")]; ok {
				target = plumbing.NewBranchReferenceName("master")
			}
		}
	}
	return target, byName[target], nil
}

func (r *netRemote) Fetch(ctx context.Context, c *Clone) (plumbing.Hash, error) {
	auth, err := r.auth()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if r.name == "" {
		name, head, err := r.branch(ctx, c.st, auth)
		if err != nil || head.IsZero() {
			return head, err
		}
		r.name = name
	}
	rem := git.NewRemote(c.st, &config.RemoteConfig{Name: "origin", URLs: []string{r.url}})
	spec := config.RefSpec("+" + r.name.String() + ":refs/remotes/origin/" + r.name.Short())
	err = rem.FetchContext(ctx, &git.FetchOptions{RefSpecs: []config.RefSpec{spec}, Auth: auth, Tags: git.NoTags})
	switch {
	case errors.Is(err, transport.ErrEmptyRemoteRepository):
		return plumbing.ZeroHash, nil
	case err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate):
		return plumbing.ZeroHash, classifyNetErr(r.url, err)
	}
	return c.Ref(plumbing.ReferenceName("refs/remotes/origin/" + r.name.Short()))
}

// Push sends a pack of exactly the objects this sync wrote: go-git's own
// push would walk the desk's history to find them.
func (r *netRemote) Push(ctx context.Context, c *Clone, old, new plumbing.Hash, objects []plumbing.Hash) error {
	auth, err := r.auth()
	if err != nil {
		return err
	}
	cl, err := client.NewClient(r.ep)
	if err != nil {
		return err
	}
	sess, err := cl.NewReceivePackSession(r.ep, auth)
	if err != nil {
		return classifyNetErr(r.url, err)
	}
	defer sess.Close()
	ar, err := sess.AdvertisedReferencesContext(ctx)
	if err != nil && !errors.Is(err, transport.ErrEmptyRemoteRepository) {
		return classifyNetErr(r.url, err)
	}
	name := r.name
	if name == "" {
		name = plumbing.NewBranchReferenceName("main")
	}
	cur := plumbing.ZeroHash
	if ar != nil {
		if h, ok := ar.References[name.String()]; ok {
			cur = h
		}
	} else {
		ar = packp.NewAdvRefs()
	}
	if cur != old {
		return fmt.Errorf("%w: %s is at %s, expected %s", ErrRaced, name, cur, old)
	}
	req := packp.NewReferenceUpdateRequestFromCapabilities(ar.Capabilities)
	req.Commands = []*packp.Command{{Name: name, Old: old, New: new}}
	var pack bytes.Buffer
	if _, err := packfile.NewEncoder(&pack, c.st, false).Encode(dedupe(objects), 10); err != nil {
		return fmt.Errorf("pack for %s: %w", r.url, err)
	}
	req.Packfile = io.NopCloser(&pack)
	rs, err := sess.ReceivePack(ctx, req)
	if err != nil {
		if strings.Contains(err.Error(), "fetch first") || strings.Contains(err.Error(), "non-fast-forward") || strings.Contains(err.Error(), "stale info") {
			return fmt.Errorf("%w: %v", ErrRaced, err)
		}
		return classifyNetErr(r.url, err)
	}
	if rs != nil {
		if err := rs.Error(); err != nil {
			if strings.Contains(err.Error(), "fetch first") || strings.Contains(err.Error(), "non-fast-forward") || strings.Contains(err.Error(), "failed to lock") {
				return fmt.Errorf("%w: %v", ErrRaced, err)
			}
			return fmt.Errorf("push to %s: %w", r.url, err)
		}
	}
	return nil
}

func dedupe(hs []plumbing.Hash) []plumbing.Hash {
	seen := map[plumbing.Hash]bool{}
	out := hs[:0:0]
	for _, h := range hs {
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}

// classifyNetErr tells "the network is not there" (ErrUnreachable, a
// normal state for a laptop) from a real refusal such as bad credentials.
func classifyNetErr(url string, err error) error {
	var ne net.Error
	var oe *net.OpError
	var de *net.DNSError
	switch {
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed),
		errors.Is(err, transport.ErrRepositoryNotFound):
		return fmt.Errorf("desk %s: %w", url, err)
	case errors.As(err, &oe), errors.As(err, &de), errors.As(err, &ne), errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w: %s: %v", ErrUnreachable, url, err)
	}
	return fmt.Errorf("desk %s: %w", url, err)
}
