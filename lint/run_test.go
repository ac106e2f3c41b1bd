package lint

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

func threeAdminPolicies() repo {
	return repo{"iam/policies/a.json": adminPolicy, "iam/policies/b.json": adminPolicy, "iam/policies/c.json": adminPolicy}
}

// TestTimeout checks that a rule that runs too long is stopped and
// reported, and that the other rules' findings are complete.
func TestTimeout(t *testing.T) {
	slow := customRule("custom.rules.org.slow", customFields, `import data.rampart.lib.result

deny contains result.finding("never", "") if {
	count([x | some x in numbers.range(1, 100000); some y in numbers.range(1, 100000); x == y + 1]) < 0
}`)
	dir := ruleDir(t, map[string]string{"org/slow/slow.rego": slow})
	e, ws := engineFor(t, threeAdminPolicies(), Options{RuleDirs: []string{dir}, Timeout: 300 * time.Millisecond, Workers: 1})
	start := time.Now()
	res, err := e.Run(context.Background(), ws)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the run took %s; the slow rule was not stopped", d)
	}
	got := brief(res.Findings)
	want := []string{
		"iam/policies/a.json:1:1 RUN001 error",
		"iam/policies/a.json:4:49 LP001 error",
		"iam/policies/b.json:4:49 LP001 error",
		"iam/policies/c.json:4:49 LP001 error",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	timeouts := only(res.Findings, "RUN001")
	if len(timeouts) == 1 && !strings.Contains(timeouts[0].Message, "rule ORG001 (slow) did not finish within 300ms") {
		t.Errorf("message %q", timeouts[0].Message)
	}
	if len(res.Notes) != 1 || res.Notes[0].Rule != "ORG001" || res.Notes[0].File != "iam/policies/a.json" {
		t.Errorf("notes %+v, want one about ORG001 on iam/policies/a.json", res.Notes)
	}
}

// TestRuleErrors checks that a rule that fails, or returns what rampart
// cannot read, is reported and costs only its own findings.
func TestRuleErrors(t *testing.T) {
	cases := []struct {
		name, severity, body, want string
	}{
		{"two values for one function result", "warning", `f(x) := 1 if x
f(x) := 2 if x

deny contains {"msg": sprintf("%d", [f(true)]), "pointer": ""} if true`, "produced conflicting values for the same inputs"},
		{"not an object", "warning", `deny contains "just a message" if true`, "not an object with msg and pointer"},
		{"no pointer", "warning", `deny contains {"msg": "m"} if true`, `finding "m": no "pointer"`},
		{"relative pointer", "warning", `deny contains {"msg": "m", "pointer": "Statement/0"} if true`, `does not start with /`},
		{"unknown key", "warning", `deny contains {"msg": "m", "pointer": "", "level": "high"} if true`, `unknown key "level"`},
		{"severity above the rule's", "info", `deny contains {"msg": "m", "pointer": "", "severity": "error"} if true`, "above the rule's own info"},
		{"file in a document rule", "warning", `deny contains {"msg": "m", "pointer": "", "file": "x.json"} if true`, "file is for aggregate rules"},
		{"aggregate finding without file", "warning", `aggregate contains {"msg": "m", "pointer": ""} if true`, `no "file"`},
		{"aggregate finding in an unknown file", "warning", `aggregate contains {"msg": "m", "pointer": "", "file": "nowhere.json"} if true`, `names file "nowhere.json", which is not in the workspace`},
		{"bad target", "warning", `deny contains {"msg": "m", "pointer": "", "target": "left"} if true`, `target "left"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fields := strings.Replace(customFields, "severity: warning", "severity: "+c.severity, 1)
			dir := ruleDir(t, map[string]string{"org/slow/slow.rego": customRule("custom.rules.org.slow", fields, c.body)})
			res := run(t, repo{"iam/policies/a.json": adminPolicy}, Options{RuleDirs: []string{dir}})
			fails := only(res.Findings, "RUN002")
			if len(fails) != 1 || !strings.Contains(fails[0].Message, c.want) || !strings.Contains(fails[0].Message, "rule ORG001 (slow) failed") {
				t.Errorf("RUN002 findings %+v, want one saying %q", fails, c.want)
			}
			if len(only(res.Findings, "LP001")) != 1 {
				t.Errorf("LP001 lost its finding: %v", brief(res.Findings))
			}
			if len(only(res.Findings, "ORG001")) != 0 {
				t.Errorf("the failing rule still reported: %v", brief(res.Findings))
			}
		})
	}
}

// TestDialectsAndKinds checks that document rules run only on the
// dialects and kinds their METADATA names.
func TestDialectsAndKinds(t *testing.T) {
	rule := customRule("custom.rules.org.every", `id: ORG001
name: every
severity: info
dialects: [aws]
kinds: [trust]
rationale: R.
remediation: F.`, `deny contains {"msg": "seen", "pointer": ""} if true`)
	dir := ruleDir(t, map[string]string{"org/every/every.rego": rule})
	r := repo{
		"iam/policies/acs.trust.json": `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"RAM": "acs:ram::11223344:root"}}]}`,
		"iam/policies/aws.json":       `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`,
		"iam/policies/aws.trust.json": `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "111122223333"}}]}`,
	}
	res := run(t, r, Options{RuleDirs: []string{dir}})
	got := brief(only(res.Findings, "ORG001"))
	if want := []string{"iam/policies/aws.trust.json:1:1 ORG001 info"}; !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

// TestAggregateIntoInventory checks findings of an aggregate rule that
// point into an inventory file.
func TestAggregateIntoInventory(t *testing.T) {
	res := run(t, repo{"iam/accounts/a.yaml": "account: \"11223344\"\ndialect: acs\nusers:\n  bob:\n    console: true\n"}, Options{})
	fs := only(res.Findings, "HYG005")
	if len(fs) != 1 {
		t.Fatalf("HYG005 findings %v", brief(res.Findings))
	}
	f := fs[0]
	if f.File != "iam/accounts/a.yaml" || f.Pointer != "/users/bob" || f.Line != 4 || f.Column != 3 || f.Severity != finding.Warning {
		t.Errorf("finding %+v", f)
	}
}

// TestPointersAsWritten checks that pointers follow the keys as written:
// JD Cloud accepts element names in any case.
func TestPointersAsWritten(t *testing.T) {
	doc := `{"version": "3", "statement": [
  {"sid": "A", "effect": "Allow", "action": "*", "resource": "*"},
  {"sid": "A", "effect": "Allow", "action": "vm:describeInstances", "resource": "*"}
]}`
	res := run(t, repo{"iam/policies/jd.json": doc}, Options{})
	var got []string
	for _, f := range only(res.Findings, "LP001", "SCH009") {
		got = append(got, fmt.Sprintf("%s %s %d:%d", f.Rule, f.Pointer, f.Line, f.Column))
		for _, r := range f.Related {
			got = append(got, fmt.Sprintf("  related %s %d:%d", r.Pointer, r.Line, r.Column))
		}
	}
	want := []string{"LP001 /statement/0/action 2:45", "SCH009 /statement/1/sid 3:11", "  related /statement/0/sid 2:11"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestExtraFindings checks that findings passed to Run get the same
// configuration as the rules'.
func TestExtraFindings(t *testing.T) {
	r := repo{
		"rampart.yaml": `rules:
  severity:
    VAL003: warning
  disable: [VAL008]
suppressions:
  - rule: VAL009
    path: iam/policies
    reason: the vendor renamed it; tracked in the migration
`,
		"iam/policies/a.json": `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:DescribeInstances", "Resource": "*"}]}`,
	}
	e, ws := engineFor(t, r, Options{})
	at := policydoc.Pos{Line: 1, Col: 1}
	extra := []finding.Finding{
		finding.InFile(finding.RuleSchema, "iam/policies/a.json", at, at, "schema"),
		finding.InFile(finding.RuleEncoding, "iam/policies/a.json", at, at, "encoding"),
		finding.InFile(finding.RuleUnknownPolicy, "iam/policies/a.json", at, at, "unknown"),
	}
	res, err := e.Run(context.Background(), ws, extra...)
	if err != nil {
		t.Fatal(err)
	}
	got := brief(res.Findings)
	want := []string{"iam/policies/a.json:1:1 VAL003 warning", "iam/policies/a.json:1:1 VAL009 error suppressed config"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

// TestParallel checks that the result does not depend on the number of
// workers (and, under -race, that workers share the engine safely).
func TestParallel(t *testing.T) {
	r := repo{}
	for i := range 60 {
		r[fmt.Sprintf("iam/policies/p%02d.json", i)] = fmt.Sprintf(`{"Version": "2012-10-17", "Statement": [
  {"Sid": "S", "Effect": "Allow", "Action": ["s3:GetObjekt", "iam:*", "sts:AssumeRole"], "Resource": "*"},
  {"Sid": "S", "Effect": "Allow", "NotAction": "ec2:*", "Resource": "arn:aws:s3:::b%d/*"}
]}`, i)
	}
	serial := run(t, r, Options{Workers: 1})
	parallel := run(t, r, Options{Workers: 8})
	if len(serial.Findings) < 5*60 {
		t.Fatalf("%d findings, want at least 5 per document", len(serial.Findings))
	}
	if a, b := brief(serial.Findings), brief(parallel.Findings); !slices.Equal(a, b) {
		t.Errorf("1 worker and 8 workers disagree:\n%v\n%v", a, b)
	}
	for i := range serial.Findings {
		if serial.Findings[i].Message != parallel.Findings[i].Message || serial.Findings[i].Fingerprint != parallel.Findings[i].Fingerprint {
			t.Fatalf("finding %d differs: %+v / %+v", i, serial.Findings[i], parallel.Findings[i])
		}
	}
}
