// Package sitegit publishes a static site kept in a Git repository: it
// commits exactly the files a site export changed and pushes them, so a
// site built by CI from the repository gets the newsroom's approved
// articles and nothing else. It uses go-git, so no git program is needed
// on a reporter's machine; it never asks go-git for a whole-tree status,
// which is slow on a site of many thousand files.
package sitegit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/transport"
)

// ErrNotRepository means the folder is not inside a Git working copy.
var ErrNotRepository = errors.New("not in a Git working copy")

// Author signs the commits.
type Author struct{ Name, Email string }

// Repo is the Git working copy a site folder lives in.
type Repo struct {
	r      *git.Repository
	prefix string // the site folder inside the working copy, slash-separated; "" at its root
}

// Open finds the working copy that holds siteDir (the folder itself or
// one of its parents), or returns an error wrapping ErrNotRepository.
func Open(siteDir string) (*Repo, error) {
	abs, err := filepath.Abs(siteDir)
	if err != nil {
		return nil, err
	}
	r, err := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{DetectDotGit: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, fmt.Errorf("%s: %w", siteDir, ErrNotRepository)
	}
	if err != nil {
		return nil, fmt.Errorf("open repository of %s: %w", siteDir, err)
	}
	wt, err := r.Worktree()
	if err != nil {
		return nil, fmt.Errorf("%s: %w (a bare repository has no files to publish)", siteDir, ErrNotRepository)
	}
	root, err := filepath.EvalSymlinks(wt.Filesystem.Root())
	if err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil, fmt.Errorf("%s is outside its repository %s", siteDir, root)
	}
	rel = filepath.ToSlash(rel)
	if rel == "." {
		rel = ""
	}
	return &Repo{r: r, prefix: rel}, nil
}

// Clone clones url into dir and opens it; an existing working copy in
// dir is opened as it is. An empty remote (a new site repository) gives
// an empty working copy whose first publish makes the first commit.
func Clone(ctx context.Context, url, dir string) (*Repo, error) {
	_, err := git.PlainCloneContext(ctx, dir, false, &git.CloneOptions{URL: url})
	switch {
	case err == nil, errors.Is(err, git.ErrRepositoryAlreadyExists):
	case errors.Is(err, transport.ErrEmptyRemoteRepository):
		r, err := git.PlainInit(dir, false)
		if err != nil {
			return nil, fmt.Errorf("clone %s: %w", url, err)
		}
		if _, err := r.CreateRemote(&config.RemoteConfig{Name: "origin", URLs: []string{url}}); err != nil {
			return nil, fmt.Errorf("clone %s: %w", url, err)
		}
	default:
		return nil, fmt.Errorf("clone %s: %w", url, err)
	}
	return Open(dir)
}

// Pull brings the working copy up to date with remote ("origin" if
// empty) by fast-forward, so a push after it is not refused because CI
// or another desk pushed first. An empty remote has nothing to pull.
func (p *Repo) Pull(ctx context.Context, remote string) error {
	if remote == "" {
		remote = "origin"
	}
	wt, err := p.r.Worktree()
	if err != nil {
		return err
	}
	err = wt.PullContext(ctx, &git.PullOptions{RemoteName: remote})
	switch {
	case err == nil, errors.Is(err, git.NoErrAlreadyUpToDate), errors.Is(err, transport.ErrEmptyRemoteRepository):
		return nil
	case errors.Is(err, plumbing.ErrReferenceNotFound):
		return nil // the remote has no branch yet: the first push makes it
	}
	return fmt.Errorf("git pull %s: %w", remote, err)
}

// Commit records the files a site export wrote and removed (paths
// relative to the site folder, as export.Report lists them) in one commit
// with message msg. It returns the commit's hash, or "" when the files
// were already committed as they are.
func (p *Repo) Commit(written, removed []string, msg string, by Author, when time.Time) (string, error) {
	wt, err := p.r.Worktree()
	if err != nil {
		return "", err
	}
	for _, f := range written {
		err := wt.AddWithOptions(&git.AddOptions{Path: path.Join(p.prefix, f), SkipStatus: true})
		if err != nil {
			return "", fmt.Errorf("git add %s: %w", f, err)
		}
	}
	for _, f := range removed {
		if _, err := wt.Remove(path.Join(p.prefix, f)); err != nil && !errors.Is(err, index.ErrEntryNotFound) && !os.IsNotExist(err) {
			return "", fmt.Errorf("git rm %s: %w", f, err)
		}
	}
	h, err := wt.Commit(msg, &git.CommitOptions{Author: &object.Signature{Name: by.Name, Email: by.Email, When: when}})
	if errors.Is(err, git.ErrEmptyCommit) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("git commit: %w", err)
	}
	return h.String(), nil
}

// Push sends the current branch to remote ("origin" if empty). A
// repository without that remote is not pushed: ok is false.
func (p *Repo) Push(ctx context.Context, remote string) (ok bool, err error) {
	if remote == "" {
		remote = "origin"
	}
	if _, err := p.r.Remote(remote); errors.Is(err, git.ErrRemoteNotFound) {
		return false, nil
	}
	head, err := p.r.Head()
	if err != nil {
		return false, fmt.Errorf("git push: %w", err)
	}
	spec := head.Name().String() + ":" + head.Name().String()
	err = p.r.PushContext(ctx, &git.PushOptions{RemoteName: remote, RefSpecs: []config.RefSpec{config.RefSpec(spec)}})
	if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
		return false, fmt.Errorf("git push %s: %w", remote, err)
	}
	return true, nil
}
