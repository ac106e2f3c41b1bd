package workspace

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// GitTree reads the tree of a git revision into an in-memory file system,
// straight from the object store: the working tree and the index are not
// touched. dir is any directory inside the repository; sub (slash-separated,
// relative to the repository's top level) selects the folder the workspace
// is rooted at. Symbolic links are followed inside the tree only.
func GitTree(ctx context.Context, dir, rev, sub string) (fs.FS, error) {
	top, err := gitOutput(ctx, dir, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	topDir := strings.TrimSpace(string(top))
	if _, err := gitOutput(ctx, topDir, nil, "rev-parse", "--verify", "--quiet", rev+"^{tree}"); err != nil {
		return nil, fmt.Errorf("%q is not a revision of %s", rev, topDir)
	}
	sub = strings.Trim(path.Clean("/"+sub), "/")
	args := []string{"ls-tree", "-r", "-z", "--full-tree", rev}
	if sub != "" {
		args = append(args, "--", sub)
	}
	list, err := gitOutput(ctx, topDir, nil, args...)
	if err != nil {
		return nil, err
	}
	type entry struct{ mode, object, name string }
	var entries []entry
	for _, rec := range bytes.Split(list, []byte{0}) {
		if len(rec) == 0 {
			continue
		}
		meta, name, ok := bytes.Cut(rec, []byte{'\t'})
		fields := strings.Fields(string(meta))
		if !ok || len(fields) != 3 || fields[1] != "blob" {
			continue // submodules (commit entries) are not followed
		}
		rel := string(name)
		if sub != "" {
			rel = strings.TrimPrefix(rel, sub+"/")
		}
		entries = append(entries, entry{mode: fields[0], object: fields[2], name: rel})
	}
	// Read every blob through one cat-file process.
	var req bytes.Buffer
	for _, e := range entries {
		req.WriteString(e.object + "\n")
	}
	out, err := gitOutput(ctx, topDir, &req, "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	m := &memFS{files: map[string]*memFile{}, dirs: map[string][]string{}}
	r := bufio.NewReader(bytes.NewReader(out))
	for _, e := range entries {
		header, err := r.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		parts := strings.Fields(header)
		if len(parts) != 3 {
			return nil, fmt.Errorf("git cat-file: unexpected header %q", header)
		}
		size, err := strconv.Atoi(parts[2])
		if err != nil {
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		data := make([]byte, size)
		if _, err := io.ReadFull(r, data); err != nil {
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		if _, err := r.ReadByte(); err != nil { // the newline after the content
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		m.add(e.name, data, e.mode == "120000")
	}
	return m, nil
}

func gitOutput(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-c", "core.quotepath=off"}, args...)...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), strings.TrimSpace(stderr.String()))
		}
		return nil, fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return out, nil
}

// memFS is a read-only file system held in memory.
type memFS struct {
	files map[string]*memFile
	dirs  map[string][]string // directory -> sorted child names
}

type memFile struct {
	name    string
	data    []byte
	symlink bool
}

var errEscapes = errors.New("path escapes from parent")

func (m *memFS) add(name string, data []byte, symlink bool) {
	m.files[name] = &memFile{name: name, data: data, symlink: symlink}
	for child := name; ; {
		dir := path.Dir(child)
		if dir == child {
			break
		}
		if !slices.Contains(m.dirs[dir], path.Base(child)) {
			m.dirs[dir] = append(m.dirs[dir], path.Base(child))
			slices.Sort(m.dirs[dir])
		}
		if dir == "." {
			break
		}
		child = dir
	}
}

// resolve follows symbolic links inside the tree; a link that leaves it is
// errEscapes, like os.Root.
func (m *memFS) resolve(name string) (*memFile, error) {
	for hops := 0; hops < 40; hops++ {
		f, ok := m.files[name]
		if !ok {
			return nil, fs.ErrNotExist
		}
		if !f.symlink {
			return f, nil
		}
		target := string(f.data)
		if path.IsAbs(target) {
			return nil, errEscapes
		}
		next := path.Join(path.Dir(name), target)
		if next == ".." || strings.HasPrefix(next, "../") {
			return nil, errEscapes
		}
		name = next
	}
	return nil, errors.New("too many levels of symbolic links")
}

// Open implements fs.FS.
func (m *memFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if _, ok := m.dirs[name]; ok || name == "." {
		return &memDir{fs: m, name: name}, nil
	}
	f, err := m.resolve(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return &memOpen{name: name, f: f, r: bytes.NewReader(f.data)}, nil
}

// ReadFile implements fs.ReadFileFS.
func (m *memFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	f, err := m.resolve(name)
	if err != nil {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: err}
	}
	return slices.Clone(f.data), nil
}

// ReadDir implements fs.ReadDirFS. Symbolic links are listed as such, so a
// walk does not follow them.
func (m *memFS) ReadDir(name string) ([]fs.DirEntry, error) {
	children, ok := m.dirs[name]
	if !ok && name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(children))
	for _, c := range children {
		full := path.Join(name, c)
		out = append(out, fs.FileInfoToDirEntry(m.info(full)))
	}
	return out, nil
}

// Stat implements fs.StatFS.
func (m *memFS) Stat(name string) (fs.FileInfo, error) {
	if _, ok := m.dirs[name]; ok || name == "." {
		return m.info(name), nil
	}
	f, err := m.resolve(name)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return memInfo{name: path.Base(name), size: int64(len(f.data))}, nil
}

func (m *memFS) info(name string) fs.FileInfo {
	if _, ok := m.dirs[name]; ok || name == "." {
		return memInfo{name: path.Base(name), dir: true}
	}
	f := m.files[name]
	return memInfo{name: path.Base(name), size: int64(len(f.data)), symlink: f.symlink}
}

type memInfo struct {
	name    string
	size    int64
	dir     bool
	symlink bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	switch {
	case i.dir:
		return fs.ModeDir | 0o555
	case i.symlink:
		return fs.ModeSymlink | 0o777
	}
	return 0o444
}
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }

type memOpen struct {
	name string // as opened, before symbolic links
	f    *memFile
	r    *bytes.Reader
}

func (o *memOpen) Stat() (fs.FileInfo, error) {
	return memInfo{name: path.Base(o.name), size: int64(len(o.f.data))}, nil
}
func (o *memOpen) Read(b []byte) (int, error) { return o.r.Read(b) }
func (o *memOpen) Close() error               { return nil }

type memDir struct {
	fs   *memFS
	name string
	pos  int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.fs.info(d.name), nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}
func (d *memDir) Close() error { return nil }
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	all, err := d.fs.ReadDir(d.name)
	if err != nil {
		return nil, err
	}
	rest := all[d.pos:]
	if n <= 0 {
		d.pos = len(all)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	k := min(n, len(rest))
	d.pos += k
	return rest[:k], nil
}

// Lstat implements fs.ReadLinkFS: it does not follow a final symbolic link.
func (m *memFS) Lstat(name string) (fs.FileInfo, error) {
	if _, ok := m.dirs[name]; ok || name == "." {
		return m.info(name), nil
	}
	if _, ok := m.files[name]; !ok {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrNotExist}
	}
	return m.info(name), nil
}

// ReadLink implements fs.ReadLinkFS.
func (m *memFS) ReadLink(name string) (string, error) {
	f, ok := m.files[name]
	if !ok {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrNotExist}
	}
	if !f.symlink {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	return string(f.data), nil
}
