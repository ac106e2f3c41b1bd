package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// gitIn runs git in dir with a fixed identity and no user configuration.
func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// fixtureFiles reads a folder of fixtures/ by slash path, under prefix.
func fixtureFiles(t *testing.T, name, prefix string) map[string]string {
	t.Helper()
	root := filepath.Join("..", "..", "fixtures", name)
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[prefix+filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// seedChange is the seed story's change: company-a's role no longer trusts
// company-b, and its ops group gets oss:* on every bucket.
func seedChange(t *testing.T, prefix string) map[string]string {
	base := fixtureFiles(t, "acs-cross-account", prefix)
	revoked := fixtureFiles(t, "acs-cross-account-revoked", prefix)
	inv := base[prefix+"iam/accounts/company-a.yaml"]
	if !strings.Contains(inv, "policies: [../policies/ecs-describe.json]") {
		t.Fatal("company-a.yaml changed")
	}
	return map[string]string{
		prefix + "iam/policies/ecs-admin.trust.json": revoked[prefix+"iam/policies/ecs-admin.trust.json"],
		prefix + "iam/accounts/company-a.yaml":       strings.Replace(inv, "policies: [../policies/ecs-describe.json]", "policies: [../policies/ecs-describe.json, ../policies/oss-all.json]", 1),
		prefix + "iam/policies/oss-all.json":         `{"Version": "1", "Statement": [{"Sid": "OssEverywhere", "Effect": "Allow", "Action": "oss:*", "Resource": "acs:oss:*:*:*"}]}` + "\n",
	}
}

// seedRepo is a git repository whose folder policies/ holds
// fixtures/acs-cross-account, committed, with the seed story's change in
// the working tree. It returns the folder.
func seedRepo(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	gitIn(t, top, "init", "-q", "-b", "main")
	files := fixtureFiles(t, "acs-cross-account", "policies/")
	files["README.md"] = "not rampart's\n"
	writeTree(t, top, files)
	gitIn(t, top, "add", "-A")
	gitIn(t, top, "commit", "-q", "-m", "base")
	writeTree(t, top, seedChange(t, "policies/"))
	return filepath.Join(top, "policies")
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runDiff runs rampart diff in dir with a format, as the root command
// would run it.
func runDiff(t *testing.T, dir, format string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	cmd := newDiffCommand(&globalOptions{format: format, color: "never", root: dir}, &streams{in: strings.NewReader(""), out: &out, err: &errb})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	code = exitCode(cmd.Execute(), &errb)
	return code, out.String(), errb.String()
}

// TestDiffSeedStory runs the command on the seed story, the repository in
// a folder of its git repository and the change in the working tree: the
// output says exactly that company-b's alice lost sts:AssumeRole on
// ecs-admin and the role's ECS access, and that zhang of the ops group
// gained oss:* on every bucket; the working tree is left as it was.
func TestDiffSeedStory(t *testing.T) {
	dir := seedRepo(t)
	top := filepath.Dir(dir)
	status := gitIn(t, top, "status", "--porcelain")
	before := snapshot(t, top)
	code, stdout, stderr := runDiff(t, dir, "text", "--base", "HEAD")
	if code != exitClean {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	wantLines := []string{
		"acs:ram::11223344:user/zhang  user of company-a, account 11223344",
		"+ oss:* (162 actions) on acs:oss:*:*:*",
		"acs:ram::12345678:user/alice  user of company-b, account 12345678",
		"- sts:AssumeRole on acs:ram::11223344:role/ecs-admin",
		"- ecs:* (497 actions) on * through acs:ram::11223344:role/ecs-admin",
		"- vpc:DescribeVpcs on * through acs:ram::11223344:role/ecs-admin",
		"- vpc:DescribeVSwitches on * through acs:ram::11223344:role/ecs-admin",
		"    head: implicit-deny (denied by trust at hop 1)",
		`    -          "acs:ram::12345678:root"`,
		`    +          "acs:ram::11223344:root"`,
		"1 gained, 4 lost for 2 principals (HEAD → working tree); 4 scenario decisions changed",
	}
	for _, w := range wantLines {
		if !containsLine(stdout, w) {
			t.Errorf("no line %q in\n%s", w, stdout)
		}
	}
	var marks []string
	for _, l := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(l, "+ ") || strings.HasPrefix(l, "- ") {
			marks = append(marks, l)
		}
	}
	if len(marks) != 5 {
		t.Errorf("%d changes, want 5:\n%s", len(marks), strings.Join(marks, "\n"))
	}
	if after := gitIn(t, top, "status", "--porcelain"); after != status {
		t.Errorf("git status changed:\n%s\nwas:\n%s", after, status)
	}
	sameFiles(t, snapshot(t, top), before)

	code, stdout, _ = runDiff(t, dir, "json", "--base", "HEAD")
	if code != exitClean {
		t.Fatalf("json: exit %d", code)
	}
	var doc struct {
		Version int    `json:"version"`
		Base    string `json:"base"`
		Head    string `json:"head"`
		Changes []struct {
			Principal, Action, Resource, Change, Base, Head string
			Assume                                          []string
		} `json:"changes"`
		Summary struct{ Gained, Lost int } `json:"summary"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range doc.Changes {
		got = append(got, c.Principal+" "+strings.Join(c.Assume, ",")+" "+c.Change+" "+c.Action+" "+c.Resource+" "+c.Base+"→"+c.Head)
	}
	want := []string{
		"acs:ram::11223344:user/zhang  gained oss:* acs:oss:*:*:* implicit-deny→allow",
		"acs:ram::12345678:user/alice  lost sts:AssumeRole acs:ram::11223344:role/ecs-admin allow→implicit-deny",
		"acs:ram::12345678:user/alice acs:ram::11223344:role/ecs-admin lost ecs:* * allow→implicit-deny",
		"acs:ram::12345678:user/alice acs:ram::11223344:role/ecs-admin lost vpc:DescribeVpcs * allow→implicit-deny",
		"acs:ram::12345678:user/alice acs:ram::11223344:role/ecs-admin lost vpc:DescribeVSwitches * allow→implicit-deny",
	}
	if !slices.Equal(got, want) || doc.Version != 1 || doc.Base != "HEAD" || doc.Head != "working tree" || doc.Summary.Gained != 1 || doc.Summary.Lost != 4 {
		t.Errorf("json changes:\n%s\nwant:\n%s\nsummary %+v", strings.Join(got, "\n"), strings.Join(want, "\n"), doc.Summary)
	}

	code, stdout, _ = runDiff(t, dir, "markdown", "--base", "HEAD")
	if code != exitClean || !strings.HasPrefix(stdout, "<!-- rampart diff -->\n### :warning: rampart diff: 1 gained, 4 lost for 2 principals") ||
		!strings.Contains(stdout, "```diff\n--- a/iam/policies/ecs-admin.trust.json") {
		t.Errorf("markdown: exit %d\n%s", code, stdout)
	}
}

// TestDiffRevisions compares two commits, and a commit with an outside
// account let into the trust policy.
func TestDiffRevisions(t *testing.T) {
	dir := seedRepo(t)
	top := filepath.Dir(dir)
	gitIn(t, top, "add", "-A")
	gitIn(t, top, "commit", "-q", "-m", "revoke")
	code, stdout, stderr := runDiff(t, dir, "text", "--base", "HEAD~1", "--head", "HEAD")
	if code != exitClean || !containsLine(stdout, "1 gained, 4 lost for 2 principals (HEAD~1 → HEAD); 4 scenario decisions changed") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = runDiff(t, dir, "text", "--base", "HEAD", "--head", "HEAD")
	if code != exitClean || !containsLine(stdout, "no access gained or lost (HEAD → HEAD)") {
		t.Errorf("a revision against itself: exit %d\n%s", code, stdout)
	}
}

func TestDiffFailOnNewAccess(t *testing.T) {
	dir := seedRepo(t)
	// An outside account let in beside the revocation: external access.
	external := filepath.Join(t.TempDir(), "ext")
	if err := os.CopyFS(external, os.DirFS(filepath.Dir(dir))); err != nil {
		t.Fatal(err)
	}
	extDir := filepath.Join(external, "policies")
	writeTree(t, extDir, map[string]string{"iam/policies/ecs-admin.trust.json": `{"Version": "1", "Statement": [{"Effect": "Allow",
  "Principal": {"RAM": ["acs:ram::87654321:root"]}, "Action": "sts:AssumeRole"}]}` + "\n"})
	cases := []struct {
		name string
		dir  string
		args []string
		code int
	}{
		{"no gate", dir, nil, exitClean},
		{"any gain", dir, []string{"--fail-on-new-access"}, exitFindings},
		{"any, spelled out", dir, []string{"--fail-on-new-access=any"}, exitFindings},
		{"internal gain only", dir, []string{"--fail-on-new-access=external"}, exitClean},
		{"external only flag", dir, []string{"--fail-on-new-access", "--external-only"}, exitClean},
		{"levels not gained", dir, []string{"--fail-on-new-access", "--levels", "permissions-management"}, exitClean},
		{"levels gained", dir, []string{"--fail-on-new-access", "--levels", "write,permissions-management"}, exitFindings},
		{"external gain", extDir, []string{"--fail-on-new-access=external"}, exitFindings},
		{"external gain, write", extDir, []string{"--fail-on-new-access", "--external-only", "--levels", "write"}, exitFindings},
		{"external gain, not tagging", extDir, []string{"--fail-on-new-access=external", "--levels=permissions-management"}, exitClean},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runDiff(t, c.dir, "text", append([]string{"--base", "HEAD"}, c.args...)...)
			if code != c.code {
				t.Errorf("exit %d, want %d\n%s%s", code, c.code, stdout, stderr)
			}
		})
	}
}

func TestDiffErrors(t *testing.T) {
	dir := seedRepo(t)
	plain := t.TempDir()
	writeTree(t, plain, fixtureFiles(t, "acs-cross-account", ""))
	broken := t.TempDir()
	gitIn(t, broken, "init", "-q", "-b", "main")
	writeTree(t, broken, map[string]string{"rampart.yaml": "dialect: [acs\n", "iam/policies/p.json": `{"Version": "1", "Statement": []}`})
	gitIn(t, broken, "add", "-A")
	gitIn(t, broken, "commit", "-q", "-m", "broken config")
	writeTree(t, broken, map[string]string{"rampart.yaml": "dialect: acs\n"})
	cases := []struct {
		name, dir, format string
		args              []string
		stderr            string
	}{
		{"unknown revision", dir, "text", []string{"--base", "no-such-branch"}, `"no-such-branch" is not a revision`},
		{"unknown head", dir, "text", []string{"--base", "HEAD", "--head", "nope"}, `"nope" is not a revision`},
		{"not a git repository", plain, "text", []string{"--base", "HEAD"}, "is not in a git repository"},
		{"broken config at base", broken, "text", []string{"--base", "HEAD"}, "the configuration at revision HEAD has"},
		{"no base", dir, "text", nil, `"base" not set`},
		{"levels without the gate", dir, "text", []string{"--base", "HEAD", "--levels", "write"}, "narrow --fail-on-new-access"},
		{"unknown level", dir, "text", []string{"--base", "HEAD", "--fail-on-new-access", "--levels", "admin"}, `invalid --levels "admin"`},
		{"unknown gate", dir, "text", []string{"--base", "HEAD", "--fail-on-new-access=maybe"}, `invalid --fail-on-new-access "maybe"`},
		{"report format", dir, "sarif", []string{"--base", "HEAD"}, "rampart diff writes json, markdown, text"},
		{"bad context", dir, "text", []string{"--base", "HEAD", "--context", "novalue"}, "want KEY=VALUE"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runDiff(t, c.dir, c.format, c.args...)
			if code != exitUsage || !strings.Contains(stderr, c.stderr) {
				t.Errorf("exit %d, want %d with %q\nstdout:\n%s\nstderr:\n%s", code, exitUsage, c.stderr, stdout, stderr)
			}
		})
	}
}

func TestDiffHelp(t *testing.T) {
	code, stdout, _ := runDiff(t, t.TempDir(), "text", "--help")
	if code != exitClean {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"diff --base REV [--head REV]", "--fail-on-new-access", "--external-only", "--levels", "--context",
		"rampart diff --base origin/main --fail-on-new-access=external", "working tree is not touched"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--help lacks %q:\n%s", want, stdout)
		}
	}
}
