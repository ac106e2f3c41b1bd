package diff

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/workspace"
)

// git runs git in dir and fails the test on error.
func git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// writeFiles writes files under dir; an empty content removes the file.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if data == "" {
			if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// newRepo makes a git repository holding files, committed.
func newRepo(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	writeFiles(t, dir, files)
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "base")
	return dir
}

// commitFiles changes files and commits them.
func commitFiles(t testing.TB, dir string, files map[string]string, msg string) {
	t.Helper()
	writeFiles(t, dir, files)
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", msg)
}

// fixture reads the files of a folder of fixtures/, by slash path.
func fixture(t testing.TB, name string) map[string]string {
	t.Helper()
	root := filepath.Join("..", "..", "fixtures", name)
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// loadRev loads the workspace of a revision of the repository in dir, or
// of the working tree for rev "".
func loadRev(t testing.TB, dir, rev string) Revision {
	t.Helper()
	ctx := context.Background()
	if rev == "" {
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer root.Close()
		cfg, _, err := workspace.LoadConfig(root.FS(), "")
		if err != nil {
			t.Fatal(err)
		}
		ws, err := workspace.LoadDir(ctx, dir, workspace.Options{Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		return Revision{Name: "working tree", Workspace: ws}
	}
	fsys, err := workspace.GitTree(ctx, dir, rev, "")
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, err := workspace.LoadConfig(fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.Load(ctx, fsys, rev, workspace.Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	return Revision{Name: rev, Workspace: ws}
}

// compare diffs two revisions of the repository in dir.
func compare(t testing.TB, dir, base, head string, opt Options) *Result {
	t.Helper()
	res, err := Compare(context.Background(), loadRev(t, dir, base), loadRev(t, dir, head), opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
