package workspace

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestGitTree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := writeTree(t, map[string]string{
		"repo/iam/policies/ecs-read.json": ecsRead,
		"repo/iam/accounts/a.yaml":        "account: \"1\"\ndialect: acs\ngroups:\n  ops: {policies: [../policies/ecs-read.json]}\n",
		"other/x.json":                    `{}`,
	})
	git(t, dir, "init", "-q", "-b", "main")
	os.Symlink("ecs-read.json", filepath.Join(dir, "repo/iam/policies/alias.json"))
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-qm", "base")
	base, err := GitTree(context.Background(), dir, "HEAD", "repo")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(base, "iam/policies/ecs-read.json", "iam/accounts/a.yaml", "iam/policies/alias.json"); err != nil {
		t.Fatal(err)
	}
	os.Symlink("../../../../x.json", filepath.Join(dir, "repo/iam/policies/escape.json"))
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-qm", "escape")
	// The working tree moves on; the revision must not see it.
	os.WriteFile(filepath.Join(dir, "repo/iam/policies/ecs-read.json"), []byte(`{"Version": "1", "Statement": [}`), 0o644)
	os.WriteFile(filepath.Join(dir, "repo/iam/policies/new.json"), []byte(ecsRead), 0o644)

	fsys, err := GitTree(context.Background(), filepath.Join(dir, "other"), "HEAD", "repo")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := fs.ReadFile(fsys, "iam/policies/alias.json"); string(b) != ecsRead {
		t.Errorf("symlink inside the tree: %q", b)
	}
	if _, err := fs.ReadFile(fsys, "iam/policies/escape.json"); !escapes(err) {
		t.Errorf("escaping symlink: %v", err)
	}
	ws, err := Load(context.Background(), fsys, "HEAD", Options{Config: &Config{}})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range ws.Files {
		files = append(files, f.Path)
	}
	if len(ws.Accounts) != 1 || ws.Accounts[0].Group("ops").Policies[0].Policy == nil || len(ws.Policies) != 2 {
		t.Errorf("workspace at HEAD: files %v, findings %v", files, findings(ws))
	}
	if _, err := GitTree(context.Background(), dir, "no-such-rev", ""); err == nil {
		t.Error("an unknown revision must fail")
	}
}
