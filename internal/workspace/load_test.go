package workspace

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// writeTree writes files (path -> content) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func load(t *testing.T, dir string) *Workspace {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	cfg, fs, err := LoadConfig(root.FS(), "")
	if err != nil || len(fs) > 0 {
		t.Fatalf("config: %v %v", err, fs)
	}
	ws, err := LoadDir(context.Background(), dir, Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

func findings(ws *Workspace) []string {
	var out []string
	for _, f := range ws.Findings {
		out = append(out, fmt.Sprintf("%s %s %s", f.Location(), f.Rule, f.Message))
	}
	return out
}

const ecsRead = `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:Describe*", "Resource": "*"}]}`
const trust = `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"RAM": ["acs:ram::12345678:root"]}}]}`

func TestLoadInventory(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"iam/policies/ecs-read.json":        ecsRead,
		"iam/policies/ecs-admin.trust.json": trust,
		"iam/accounts/company-a.yaml": `account: "11223344"
alias: company-a
dialect: acs
users:
  alice: {groups: [ops], policies: [AliyunSTSAssumeRoleAccess], console: true, mfa: true}
groups:
  ops: {policies: [../policies/ecs-read.json]}
roles:
  ecs-admin: {trust: ../policies/ecs-admin.trust.json, policies: [AliyunECSFullAccess]}
`,
		"iam/scenarios/s.yaml": `scenarios:
  - name: alice reads
    principal: acs:ram::11223344:user/alice
    action: ecs:DescribeInstances
    resource: "*"
    context: {acs:SourceIp: 203.0.113.7, acs:TagKeys: [a, b]}
    expect: allow
  - name: what-if
    principal: acs:ram::11223344:user/bob
    action: ecs:StopInstance
    resource: "*"
    policies:
      identity: [../policies/ecs-read.json, {Version: "1", Statement: [{Effect: Deny, Action: "*", Resource: "*"}]}]
    expect: explicit-deny
`,
		"package.json": `{"name": "not-a-policy"}`,
	})
	ws := load(t, dir)
	if len(ws.Findings) != 0 {
		t.Fatalf("findings: %v", findings(ws))
	}
	if len(ws.Accounts) != 1 || len(ws.Policies) != 2 || len(ws.Managed) != 2 || len(ws.Scenarios) != 1 || len(ws.Inline) != 1 {
		t.Fatalf("loaded %d accounts, %d policies, %d managed, %d scenario files, %d inline", len(ws.Accounts), len(ws.Policies), len(ws.Managed), len(ws.Scenarios), len(ws.Inline))
	}
	a := ws.Accounts[0]
	alice := a.User("alice")
	if alice == nil || !alice.Console || !alice.MFA || len(alice.Policies) != 1 || alice.Policies[0].Policy == nil || !alice.Policies[0].Policy.Managed {
		t.Fatalf("alice = %+v", alice)
	}
	ops := a.Group("ops")
	if len(ops.Members) != 1 || ops.Members[0] != alice || ops.Policies[0].Policy.File() != "iam/policies/ecs-read.json" {
		t.Errorf("ops = %+v", ops)
	}
	role := a.Role("ecs-admin")
	if role.Trust.Policy == nil || role.Trust.Policy.Kind != policydoc.Trust || role.Trust.Policy.Dialect != policydoc.ACS {
		t.Errorf("trust = %+v", role.Trust.Policy)
	}
	sc := ws.Scenarios[0].Scenarios
	if sc[0].Line != 2 || sc[0].Context["acs:TagKeys"].Multi != true || sc[0].Context["acs:SourceIp"].Values[0] != "203.0.113.7" {
		t.Errorf("scenario 0 = %+v", sc[0])
	}
	w := sc[1].WhatIf
	if w == nil || len(w.Identity) != 2 || w.Identity[1].Policy == nil || w.Identity[1].Policy.Doc.Prefix != "/scenarios/1/policies/identity/1" {
		t.Fatalf("what-if = %+v", w)
	}
	if st := w.Identity[1].Policy.Statements; len(st) != 1 || st[0].Effect != "Deny" {
		t.Errorf("inline statements = %+v", st)
	}
}

func TestLoadProblems(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"outside.json": ecsRead,
		"repo/iam/accounts/a.yaml": `account: "1"
dialect: acs
users:
  bob: {groups: [devs], policies: [AliyunECSFullAcess, ../policies/missing.json, ../../../outside.json, /etc/passwd]}
`,
		"repo/iam/policies/broken.json":    "{\n  \"Version\": \"1\",\n  \"Statement\": [\n",
		"repo/iam/policies/nodialect.json": `{"Statement": [{"Effect": "Allow", "Action": "x:y", "Resource": "*"}]}`,
		"repo/iam/policies/dup.yaml":       "Version: '1'\nStatement: []\nStatement: []\n",
	})
	if err := os.Symlink("../../../outside.json", filepath.Join(dir, "repo/iam/policies/link.json")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "repo/iam/accounts/b.yaml"), []byte("account: \"2\"\ndialect: acs\nroles:\n  r: {trust: ../policies/link.json}\n"), 0o644)
	ws := load(t, filepath.Join(dir, "repo"))
	want := []string{
		`iam/accounts/a.yaml:4:18 VAL010 user "bob" is in group "devs", which this account does not define under groups:`,
		`iam/accounts/a.yaml:4:36 VAL009 unknown acs system policy "AliyunECSFullAcess" (did you mean "AliyunECSFullAccess"?)`,
		`iam/accounts/a.yaml:4:56 VAL004 no file iam/policies/missing.json ("../policies/missing.json" relative to iam/accounts/)`,
		`iam/accounts/a.yaml:4:82 VAL005 "../../../outside.json" leaves the repository: relative to iam/accounts it resolves to ../outside.json`,
		`iam/accounts/a.yaml:4:105 VAL005 "/etc/passwd" is an absolute path: references are relative to the file that makes them and stay inside the repository`,
		`iam/accounts/b.yaml:4:14 VAL005 "../policies/link.json" is a symbolic link that leaves the repository; rampart does not follow it`,
		`iam/policies/broken.json:4:1 VAL001 unexpected end of file: the array opened at 3:16 is not closed`,
		`iam/policies/dup.yaml:3:1 VAL002 duplicate key "Statement" (first at 2:1): keep one`,
		"iam/policies/link.json:1:1 VAL005 symbolic link to a file outside the repository; rampart does not follow it",
		`iam/policies/nodialect.json:1:1 VAL006 cannot tell the dialect of this document: add a Version ("1" for acs, "3" for jdcloud, "2012-10-17" for aws) or set dialect in rampart.yaml`,
	}
	if got := findings(ws); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestConfigDialectAndExclude(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"rampart.yaml":               "dialect: aws\nexclude: [legacy]\noverrides:\n  - paths: [org/*.json]\n    kind: control\n",
		"p.json":                     `{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}`,
		"org/deny.json":              `{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}`,
		"legacy/x.json":              `{"Version": "1", "Statement": [}`,
		"rules/lp/examples/bad.json": `{"Version": "1", "Statement": [}`,
	})
	ws := load(t, dir)
	if len(ws.Findings) != 0 {
		t.Fatalf("findings: %v", findings(ws))
	}
	if len(ws.Policies) != 2 {
		t.Fatalf("policies = %d", len(ws.Policies))
	}
	for _, p := range ws.Policies {
		if p.Dialect != policydoc.AWS {
			t.Errorf("%s: dialect %s", p.File(), p.Dialect)
		}
	}
	if k := ws.Policies[0].Kind; ws.Policies[0].File() != "org/deny.json" || k != policydoc.Control {
		t.Errorf("%s: kind %s", ws.Policies[0].File(), k)
	}
}

func TestMatchPath(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"**/*.json", "a.json", true},
		{"**/*.json", "x/y/a.json", true},
		{"*.json", "x/y/a.json", true},
		{"iam/*.json", "iam/a.json", true},
		{"iam/*.json", "iam/x/a.json", false},
		{"iam/**", "iam/x/a.json", true},
		{"**/accounts/**", "iam/accounts/a.yaml", true},
		{".*", ".git", true},
		{".*", "x/.hidden", true},
		{"legacy", "legacy", true},
	}
	for _, tt := range tests {
		if got := matchPath(tt.pattern, tt.name); got != tt.want {
			t.Errorf("matchPath(%q, %q) = %v", tt.pattern, tt.name, got)
		}
	}
	if !matchAny([]string{"legacy"}, "legacy/x.json") {
		t.Error("a directory pattern covers its files")
	}
}
