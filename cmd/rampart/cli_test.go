package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files and testscript cmp targets")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"rampart": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script.
func TestScripts(t *testing.T) {
	fixtures, err := filepath.Abs("../../fixtures")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("FIXTURES", fixtures)
			e.Setenv("NO_COLOR", "1")
			return nil
		},
	})
}

// extract writes the files of a txtar archive under a new directory.
func extract(t *testing.T, a *txtar.Archive) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// header reads "key: value" lines from an archive's comment.
func header(a *txtar.Archive) map[string]string {
	h := map[string]string{}
	for _, line := range strings.Split(string(a.Comment), "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok && !strings.Contains(k, " ") {
			h[k] = v
		}
	}
	return h
}

// runIn runs rampart with the working directory and root set to dir.
func runIn(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	args = append(args, "--root", dir)
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestBrokenRepositories runs each repository of testdata/broken, which
// holds one broken file, and checks the exit code and that the output names
// file:line:col of the element at fault.
func TestBrokenRepositories(t *testing.T) {
	paths, _ := filepath.Glob("testdata/broken/*.txtar")
	if len(paths) < 14 {
		t.Fatalf("only %d cases in testdata/broken", len(paths))
	}
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			h := header(a)
			dir := extract(t, a)
			code, stdout, stderr := runIn(t, dir, strings.Fields(h["args"])...)
			if want, _ := strconv.Atoi(h["exit"]); code != want {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, want, stdout, stderr)
			}
			if w := h["want"]; w != "" && !containsLine(stdout, w) {
				t.Errorf("stdout lacks the line\n%s\ngot:\n%s", w, stdout)
			}
			if w := h["stderr"]; w != "" && !containsLine(stderr, w) {
				t.Errorf("stderr lacks the line\n%s\ngot:\n%s", w, stderr)
			}
			if strings.Contains(stdout+stderr, "panic") || strings.Contains(stdout+stderr, "goroutine ") {
				t.Errorf("output holds a stack trace:\n%s%s", stdout, stderr)
			}
		})
	}
}

func containsLine(s, line string) bool {
	for _, l := range strings.Split(s, "\n") {
		if l == line {
			return true
		}
	}
	return false
}

// TestSymlinkOutsideRepository checks that a symbolic link leaving the
// repository is refused where it is referenced and where it lies.
func TestSymlinkOutsideRepository(t *testing.T) {
	outer := t.TempDir()
	os.WriteFile(filepath.Join(outer, "secret.json"), []byte(`{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`), 0o644)
	dir := filepath.Join(outer, "repo")
	os.MkdirAll(filepath.Join(dir, "iam/accounts"), 0o755)
	os.MkdirAll(filepath.Join(dir, "iam/policies"), 0o755)
	if err := os.Symlink("../../../secret.json", filepath.Join(dir, "iam/policies/admin.json")); err != nil {
		t.Skip("symbolic links:", err)
	}
	os.WriteFile(filepath.Join(dir, "iam/accounts/a.yaml"), []byte("account: \"1\"\ndialect: acs\ngroups:\n  ops: {policies: [../policies/admin.json]}\n"), 0o644)
	code, stdout, _ := runIn(t, dir, "validate")
	if code != exitFindings {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		`iam/accounts/a.yaml:4:20: error VAL005 reference-outside-repository: "../policies/admin.json" is a symbolic link that leaves the repository; rampart does not follow it`,
		"iam/policies/admin.json:1:1: error VAL005 reference-outside-repository: symbolic link to a file outside the repository; rampart does not follow it",
	} {
		if !containsLine(stdout, want) {
			t.Errorf("stdout lacks\n%s\ngot:\n%s", want, stdout)
		}
	}
}

// TestFixturesValidate: every fixture repository is valid.
func TestFixturesValidate(t *testing.T) {
	dirs, _ := filepath.Glob("../../fixtures/*")
	if len(dirs) < 5 {
		t.Fatalf("fixtures: %v", dirs)
	}
	for _, d := range dirs {
		abs, _ := filepath.Abs(d)
		t.Run(filepath.Base(d), func(t *testing.T) {
			if code, stdout, stderr := runIn(t, abs, "validate"); code != 0 {
				t.Errorf("exit %d\n%s%s", code, stdout, stderr)
			}
		})
	}
}

// TestGoldenReports renders one broken repository in each format and
// compares with testdata/golden; -update rewrites them.
func TestGoldenReports(t *testing.T) {
	a, err := txtar.ParseFile("testdata/golden/repo.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := extract(t, a)
	goldenDir := mustAbs(t, "testdata/golden")
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			_, stdout, stderr := runIn(t, dir, "validate", "--format", format, "--color", "never")
			if stderr != "" {
				t.Fatalf("stderr: %s", stderr)
			}
			golden := filepath.Join(goldenDir, "validate."+format)
			if *update {
				if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if stdout != string(want) {
				t.Errorf("%s output differs from %s (run go test ./cmd/rampart -update):\n%s", format, golden, stdout)
			}
		})
	}
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}
