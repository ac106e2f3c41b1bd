package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// runCommand runs the command a constructor builds, the way the root
// command runs it, with the working directory and --root set to dir.
func runCommand(t *testing.T, dir string, build func(*globalOptions, *streams) *cobra.Command, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	s := &streams{in: strings.NewReader(""), out: &out, err: &errb}
	cmd := build(&globalOptions{format: "text", color: "never", root: dir}, s)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	code = exitCode(cmd.Execute(), &errb)
	return code, out.String(), errb.String()
}

// The files of the repository the fmt tests work on, and the text rampart
// fmt gives the policy documents among them.
var (
	fmtRepo = map[string]string{
		"rampart.yaml":            "known_accounts: {\"1234567890123456\": example}\n",
		"iam/policies/read.json":  `{"Statement":[{"Resource":"*","Action":"ecs:Describe*","Effect":"Allow"}],"Version":"1"}`,
		"iam/policies/ops.yaml":   "# ops\nStatement:\n  - Action: [ecs:StartInstance]  # start only\n    Effect: Allow\n    Resource: '*'\nVersion: \"1\"\n",
		"iam/policies/vm.json":    "{\"version\": \"3\", \"statement\": [{\"resource\": [\"*\"], \"effect\": \"Allow\", \"action\": [\"vm:describe*\"]}]}\n",
		"iam/policies/ok.json":    "{\n  \"Version\": \"1\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Deny\",\n      \"Action\": \"ram:*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n",
		"iam/accounts/a.yaml":     "{account: \"1234567890123456\", dialect: acs, groups: {ops: {policies: [../policies/ops.yaml]}}}\n",
		"iam/scenarios/s.yaml":    "{scenarios: [{name: n, principal: acs:ram::1234567890123456:root, action: ecs:DescribeInstances, resource: '*', expect: allow}]}\n",
		"notes/not-iam.json":      `{"some": "other", "file": 1}`,
		"iam/policies/ops.md.txt": "not a document",
	}
	fmtWant = map[string]string{
		"iam/policies/read.json": "{\n  \"Version\": \"1\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"ecs:Describe*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n",
		"iam/policies/ops.yaml":  "# ops\nVersion: \"1\"\nStatement:\n  - Effect: Allow\n    Action: # start only\n      - ecs:StartInstance\n    Resource: \"*\"\n",
		"iam/policies/vm.json":   "{\n  \"Version\": \"3\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"vm:describe*\"\n      ],\n      \"Resource\": [\n        \"*\"\n      ]\n    }\n  ]\n}\n",
	}
)

const fmtChanged = "iam/policies/ops.yaml\niam/policies/read.json\niam/policies/vm.json\n"

func writeRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// snapshot reads every file under dir, by slash path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameFiles(t *testing.T, got, want map[string]string) {
	t.Helper()
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s is missing", name)
		} else if g != w {
			t.Errorf("%s holds\n%s\nwant\n%s", name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("unexpected file %s", name)
		}
	}
}

// formattedRepo is fmtRepo after rampart fmt -w.
func formattedRepo() map[string]string {
	out := map[string]string{}
	for k, v := range fmtRepo {
		out[k] = v
	}
	for k, v := range fmtWant {
		out[k] = v
	}
	return out
}

func TestFmtListsAndChangesNothing(t *testing.T) {
	for _, args := range [][]string{nil, {"-l"}, {"--list"}} {
		dir := writeRepo(t, fmtRepo)
		code, stdout, stderr := runCommand(t, dir, newFmtCommand, args...)
		if code != exitClean || stdout != fmtChanged || stderr != "" {
			t.Errorf("fmt %q: exit %d\nstdout:\n%s\nstderr:\n%s", args, code, stdout, stderr)
		}
		sameFiles(t, snapshot(t, dir), fmtRepo)
	}
}

func TestFmtPathsNarrow(t *testing.T) {
	dir := writeRepo(t, fmtRepo)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"iam/policies/read.json"}, "iam/policies/read.json\n"},
		{[]string{"iam/policies/ok.json", "iam/policies/vm.json"}, "iam/policies/vm.json\n"},
		{[]string{"iam"}, fmtChanged},
		{[]string{"iam/accounts"}, ""},
		{[]string{"notes"}, ""},
	} {
		code, stdout, stderr := runCommand(t, dir, newFmtCommand, c.args...)
		if code != exitClean || stdout != c.want {
			t.Errorf("fmt %q: exit %d, stdout %q, want %q; stderr %s", c.args, code, stdout, c.want, stderr)
		}
	}
	if code, _, stderr := runCommand(t, dir, newFmtCommand, "no/such/file.json"); code != exitUsage || !strings.Contains(stderr, "no/such/file.json") {
		t.Errorf("a missing path: exit %d, stderr %s", code, stderr)
	}
}

func TestFmtDiff(t *testing.T) {
	dir := writeRepo(t, fmtRepo)
	code, stdout, stderr := runCommand(t, dir, newFmtCommand, "-d")
	if code != exitFindings || stderr != "" {
		t.Fatalf("fmt -d: exit %d, stderr %s", code, stderr)
	}
	sameFiles(t, snapshot(t, dir), fmtRepo)
	for _, want := range []string{
		"--- a/iam/policies/ops.yaml\n+++ b/iam/policies/ops.yaml\n@@ -1,6 +1,7 @@\n # ops\n",
		"--- a/iam/policies/read.json\n+++ b/iam/policies/read.json\n@@ -1 +1,10 @@\n-" + fmtRepo["iam/policies/read.json"] + "\n\\ No newline at end of file\n+{\n",
		"--- a/iam/policies/vm.json\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the diff lacks\n%s\ngot:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "ok.json") || strings.Contains(stdout, "accounts") {
		t.Errorf("the diff names files that need no change:\n%s", stdout)
	}

	// -d with -l lists too; a repository in order gives no diff and exit 0.
	if code, both, _ := runCommand(t, dir, newFmtCommand, "-l", "-d"); code != exitFindings || !strings.HasPrefix(both, "iam/policies/ops.yaml\n--- a/iam/policies/ops.yaml\n") {
		t.Errorf("fmt -l -d: exit %d\n%s", code, both)
	}
	clean := writeRepo(t, formattedRepo())
	if code, stdout, stderr := runCommand(t, clean, newFmtCommand, "-d"); code != exitClean || stdout != "" || stderr != "" {
		t.Errorf("fmt -d on a formatted repository: exit %d\n%s%s", code, stdout, stderr)
	}

	// The diff applies with git apply, and with patch -p1, at the
	// repository root.
	if git, err := exec.LookPath("git"); err == nil {
		other := writeRepo(t, fmtRepo)
		cmd := exec.Command(git, "apply", "-")
		cmd.Dir = other
		cmd.Stdin = strings.NewReader(stdout)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("git apply: %v\n%s", err, out)
		}
		sameFiles(t, snapshot(t, other), formattedRepo())
	}
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("patch is not on PATH")
	}
	cmd := exec.Command(patch, "-p1", "--batch", "--quiet")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdout)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch -p1: %v\n%s", err, out)
	}
	sameFiles(t, snapshot(t, dir), formattedRepo())
}

func TestFmtWrite(t *testing.T) {
	dir := writeRepo(t, fmtRepo)
	path := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	for rel, mode := range map[string]fs.FileMode{"iam/policies/read.json": 0o600, "iam/policies/ops.yaml": 0o640, "iam/policies/vm.json": 0o755} {
		if err := os.Chmod(path(rel), mode); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, rel := range []string{"iam/policies/ok.json", "iam/accounts/a.yaml", "iam/scenarios/s.yaml"} {
		if err := os.Chtimes(path(rel), old, old); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := runCommand(t, dir, newFmtCommand, "-w")
	if code != exitClean || stdout != "" || stderr != "" {
		t.Fatalf("fmt -w: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	sameFiles(t, snapshot(t, dir), formattedRepo()) // and no temporary file is left
	for rel, mode := range map[string]fs.FileMode{"iam/policies/read.json": 0o600, "iam/policies/ops.yaml": 0o640, "iam/policies/vm.json": 0o755} {
		if st, err := os.Stat(path(rel)); err != nil || st.Mode().Perm() != mode {
			t.Errorf("%s: mode %v, want %v (%v)", rel, st.Mode().Perm(), mode, err)
		}
	}
	for _, rel := range []string{"iam/policies/ok.json", "iam/accounts/a.yaml", "iam/scenarios/s.yaml"} {
		if st, err := os.Stat(path(rel)); err != nil || !st.ModTime().Equal(old) {
			t.Errorf("%s was written (mtime %v)", rel, st.ModTime())
		}
	}
	// -w with -l says which files it rewrote; a second run has nothing to do.
	if code, stdout, _ := runCommand(t, dir, newFmtCommand); code != exitClean || stdout != "" {
		t.Errorf("fmt after fmt -w: exit %d, %q", code, stdout)
	}
	dir2 := writeRepo(t, fmtRepo)
	if code, stdout, _ := runCommand(t, dir2, newFmtCommand, "-l", "-w"); code != exitClean || stdout != fmtChanged {
		t.Errorf("fmt -l -w: exit %d\n%s", code, stdout)
	}
	sameFiles(t, snapshot(t, dir2), formattedRepo())
}

// TestFmtWriteThroughLink: a policy reached through a symbolic link inside
// the repository is written where it lies, once, and the link stays.
func TestFmtWriteThroughLink(t *testing.T) {
	dir := writeRepo(t, map[string]string{"shared/read.json": fmtRepo["iam/policies/read.json"]})
	if err := os.MkdirAll(filepath.Join(dir, "iam/policies"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../shared/read.json", filepath.Join(dir, "iam/policies/read.json")); err != nil {
		t.Skip("symbolic links:", err)
	}
	code, _, stderr := runCommand(t, dir, newFmtCommand, "-w")
	if code != exitClean {
		t.Fatalf("fmt -w: exit %d\n%s", code, stderr)
	}
	if st, err := os.Lstat(filepath.Join(dir, "iam/policies/read.json")); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", st.Mode(), err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "shared/read.json")); string(data) != fmtWant["iam/policies/read.json"] {
		t.Errorf("shared/read.json holds\n%s", data)
	}
}

func TestFmtBrokenFile(t *testing.T) {
	files := map[string]string{}
	for k, v := range fmtRepo {
		files[k] = v
	}
	files["iam/policies/broken.json"] = "{\n  \"Version\": \"1\",\n  \"Statement\": [,]\n}\n"
	for _, args := range [][]string{nil, {"-w"}, {"-d"}} {
		dir := writeRepo(t, files)
		code, stdout, stderr := runCommand(t, dir, newFmtCommand, args...)
		if code != exitFindings {
			t.Errorf("fmt %q: exit %d, want 1", args, code)
		}
		if !strings.HasPrefix(stderr, "iam/policies/broken.json:3:17: ") || !strings.HasSuffix(stderr, " (not formatted)\n") {
			t.Errorf("fmt %q: stderr %q", args, stderr)
		}
		if strings.Contains(stdout, "broken.json") {
			t.Errorf("fmt %q names the broken file on stdout:\n%s", args, stdout)
		}
		got := snapshot(t, dir)
		if got["iam/policies/broken.json"] != files["iam/policies/broken.json"] {
			t.Errorf("fmt %q touched the broken file", args)
		}
		if len(args) == 1 && args[0] == "-w" && got["iam/policies/read.json"] != fmtWant["iam/policies/read.json"] {
			t.Errorf("fmt -w left the other files alone")
		}
	}
}

func TestFmtRefusesReportFormats(t *testing.T) {
	dir := writeRepo(t, fmtRepo)
	t.Chdir(dir)
	var out, errb bytes.Buffer
	cmd := newFmtCommand(&globalOptions{format: "json", root: dir}, &streams{in: strings.NewReader(""), out: &out, err: &errb})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs(nil)
	if code := exitCode(cmd.Execute(), &errb); code != exitUsage || !strings.Contains(errb.String(), "text only") {
		t.Errorf("--format json: exit %d, %s", code, errb.String())
	}
}

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "p.json")
	if err := os.WriteFile(name, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := writeAtomic(name, []byte("new"), 0o644, true)
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("an exclusive write over a file: %v", err)
	}
	if data, _ := os.ReadFile(name); string(data) != "old" {
		t.Errorf("the exclusive write replaced the file: %q", data)
	}
	if err := writeAtomic(name, []byte("new"), 0o640, false); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(name); string(data) != "new" {
		t.Errorf("the file holds %q", data)
	}
	if st, _ := os.Stat(name); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	fresh := filepath.Join(dir, "fresh.json")
	if err := writeAtomic(fresh, []byte("x"), 0o644, true); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the folder holds %d entries, want 2 (no temporary file left)", len(entries))
	}
	if err := writeAtomic(filepath.Join(dir, "no", "such", "dir.json"), []byte("x"), 0o644, false); err == nil {
		t.Error("a write into a missing folder succeeded")
	}
}

func TestFmtHelp(t *testing.T) {
	code, stdout, _ := runCommand(t, t.TempDir(), newFmtCommand, "--help")
	if code != exitClean {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"fmt [-l|-d|-w] [PATH...]", "-d, --diff", "-w, --write", "-l, --list", "patch -p1", "rampart fmt -w"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--help lacks %q:\n%s", want, stdout)
		}
	}
}
