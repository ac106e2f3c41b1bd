package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-iam/rampart/internal/format"
	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// fmtOptions are the flags of rampart fmt.
type fmtOptions struct {
	list  bool
	diff  bool
	write bool
}

// newFmtCommand builds rampart fmt, which puts the repository's policy
// documents in the canonical layout of package format.
func newFmtCommand(g *globalOptions, s *streams) *cobra.Command {
	o := &fmtOptions{}
	cmd := &cobra.Command{
		Use:   "fmt [-l|-d|-w] [PATH...]",
		Short: "Rewrite policy documents in the canonical layout",
		Long: `fmt puts the policy documents of the repository in rampart's canonical layout,
the way gofmt does for Go: keys in the order Version, Id, Statement and, in each
statement, Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource,
NotResource, Condition (other keys after them, as written); two-space indentation,
one element per line. JSON stays JSON and YAML stays YAML, with its comments; values
never change. JD Cloud element names written in another case (version, effect) are
rewritten as Version, Effect. Inventory and scenario files are left alone.

With no flag, fmt lists the files whose layout differs, one per line, and changes
nothing. -d prints a unified diff instead (apply it at the repository root with
patch -p1 or git apply) and exits 1 when there is one; -w rewrites the files that
differ, atomically and keeping their permissions. Flags combine. Paths are printed
relative to the repository root.

PATHs (files or folders) narrow which documents are formatted; the default is the
whole repository. A file that does not parse is reported with file:line:col and
left as it is; fmt then exits 1.`,
		Example: `  rampart fmt                       # which files are not formatted?
  rampart fmt -d iam/policies       # show the changes
  rampart fmt -w                    # apply them
  rampart fmt -d | patch -p1        # the same, through patch`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), g, s, args)
		},
	}
	f := cmd.Flags()
	f.BoolVarP(&o.list, "list", "l", false, "list the files whose layout differs (what fmt does without a flag)")
	f.BoolVarP(&o.diff, "diff", "d", false, "print a unified diff of the changes and exit 1 when there are any")
	f.BoolVarP(&o.write, "write", "w", false, "rewrite the files whose layout differs")
	return cmd
}

// run formats the policy documents of the repository within paths. The
// exit code is 2 when a file could not be written (or formatted), else 1
// when a file does not parse or -d printed a diff, else 0.
func (o *fmtOptions) run(ctx context.Context, g *globalOptions, s *streams, paths []string) error {
	if g.format != "" && g.format != "text" {
		return usageError("rampart fmt writes text only; --format %s is for the reports of the other commands", g.format)
	}
	r, err := openRepo(ctx, g, s, paths)
	if err != nil {
		return err
	}
	list := o.list || (!o.diff && !o.write)
	dialects := make(map[string]policydoc.Dialect, len(r.ws.Policies))
	for _, p := range r.ws.Policies {
		dialects[p.File()] = p.Dialect
	}
	var broken, diffed, failedIO bool
	rewritten := map[string]bool{} // real paths, for files reached through links
	problem := func(err error) {
		fmt.Fprintf(s.err, "rampart: %v\n", err)
		failedIO = true
	}
	for _, f := range r.ws.Files {
		if f.Role != workspace.FilePolicy || !r.inNarrow(f.Path) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if f.Doc == nil {
			// It did not parse (or was not read): the load says why.
			for _, fd := range r.ws.Findings {
				if fd.File == f.Path {
					fmt.Fprintf(s.err, "%s: %s (not formatted)\n", fd.Location(), fd.Message)
				}
			}
			broken = true
			continue
		}
		out, err := format.Document(f.Doc, format.Options{Dialect: dialects[f.Path]})
		if err != nil {
			problem(err)
			continue
		}
		if bytes.Equal(out, f.Doc.Source) {
			continue
		}
		if list {
			fmt.Fprintln(s.out, f.Path)
		}
		if o.diff {
			if _, err := s.out.Write(format.Unified(f.Path, f.Doc.Source, out)); err != nil {
				return fmt.Errorf("write diff: %w", err)
			}
			diffed = true
		}
		if o.write {
			if err := rewrite(r.root, f.Path, f.Doc.Source, out, rewritten); err != nil {
				problem(err)
			}
		}
	}
	switch {
	case failedIO:
		return &exitError{code: exitUsage}
	case broken || diffed:
		return failed()
	}
	return nil
}

// rewrite replaces the file at rel (slash-separated, inside root) with
// data, unless it no longer holds old: someone changed it since it was
// read. A symbolic link is followed, and the file it names is replaced;
// done records the files replaced, so that a file reached by two names is
// written once.
func rewrite(root, rel string, old, data []byte, done map[string]bool) error {
	name := filepath.Join(root, filepath.FromSlash(rel))
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return fmt.Errorf("rewrite %s: %w", rel, err)
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return fmt.Errorf("rewrite %s: %w", rel, err)
	}
	if inside, err := filepath.Rel(realRoot, real); err != nil || inside == ".." || strings.HasPrefix(inside, ".."+string(filepath.Separator)) {
		return fmt.Errorf("rewrite %s: it links to %s, outside the repository", rel, real)
	}
	if done[real] {
		return nil
	}
	current, err := os.ReadFile(real)
	if err != nil {
		return fmt.Errorf("rewrite %s: %w", rel, err)
	}
	if !bytes.Equal(current, old) {
		return fmt.Errorf("rewrite %s: the file changed while rampart was formatting it; run rampart fmt again", rel)
	}
	info, err := os.Stat(real)
	if err != nil {
		return fmt.Errorf("rewrite %s: %w", rel, err)
	}
	if err := writeAtomic(real, data, info.Mode(), false); err != nil {
		return fmt.Errorf("rewrite %s: %w", rel, err)
	}
	done[real] = true
	return nil
}

// writeAtomic writes data to name through a temporary file in the same
// folder, synced to disk before it takes the name, so that a reader sees
// the old content or the new, never a part. The file gets the permission
// bits of mode. With exclusive, an existing file is never replaced: the
// write fails with fs.ErrExist.
func writeAtomic(name string, data []byte, mode fs.FileMode, exclusive bool) (err error) {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".rampart-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(mode & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if exclusive {
		// A hard link fails when the name exists, with no window between
		// looking and writing; where links are not supported, look, then
		// rename.
		if err := os.Link(tmpName, name); err == nil {
			os.Remove(tmpName)
			syncDir(dir)
			return nil
		} else if errors.Is(err, fs.ErrExist) {
			return err
		}
		if _, err := os.Lstat(name); err == nil {
			return &fs.PathError{Op: "create", Path: name, Err: fs.ErrExist}
		}
	}
	if err := os.Rename(tmpName, name); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir flushes a folder's entries to disk, so that a rename survives a
// crash. It is best effort: some systems cannot sync a folder, and the file
// itself is already on disk.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
