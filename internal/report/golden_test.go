package report

import (
	"github.com/rampart-iam/rampart/simulate"

	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/finding"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// ruleFullAdmin is a lint rule with everything a rule can carry.
var ruleFullAdmin = finding.Rule{
	ID: "LP001", Name: "full-admin", Category: "least-privilege", Severity: finding.Error,
	Title:       "Statement allows every action on every resource",
	Description: "An Allow statement with `\"Action\": \"*\"` and `\"Resource\": \"*\"` grants full administrator access.",
	Remediation: "List the actions and resources the principal needs",
	HelpURI:     "https://github.com/rampart-iam/rampart/tree/main/rules/least-privilege/full-admin",
	Dialects:    []string{"acs", "jdcloud", "aws"},
}

var ruleTrustAny = finding.Rule{
	ID: "TR001", Name: "trust-any-account", Category: "trust", Severity: finding.Warning,
	Title:       "Role trusts every account",
	Description: "The trust policy lets any account assume the role.",
}

var ruleMissingSid = finding.Rule{
	ID: "ST003", Name: "missing-sid", Category: "style", Severity: finding.Info,
	Title: "Statement without Sid", Description: "Sids make findings, suppressions and reviews easier to follow.",
}

// goldenResult is one fixed result with every case the formats must handle:
// several files (one with a space in its name, one clean), every severity,
// suppressions from the config and from the baseline, a multi-line range, a
// message with '%', ':', ',', '|', '*', '$', backticks and newlines, a rule
// with help, a rule that is not in the catalogue, related locations, and
// passing, failing and broken scenarios.
func goldenResult() *Result {
	fs := []finding.Finding{
		{Rule: "LP001", Name: "full-admin", Category: "least-privilege", Severity: finding.Error,
			Message: `statement "All" allows every action on every resource`, File: "iam/policies/ops.json",
			Pointer: "/Statement/0/Action", Line: 7, Column: 17, EndLine: 7, EndColumn: 20,
			Fingerprint: finding.Fingerprint("LP001", "iam/policies/ops.json", "/Statement/sid=All/Action")},
		{Rule: "ST003", Name: "missing-sid", Category: "style", Severity: finding.Info,
			Message: "statement 1 has no Sid", File: "iam/policies/ops.json",
			Pointer: "/Statement/1", Line: 9, Column: 5, EndLine: 13, EndColumn: 6,
			Fingerprint: finding.Fingerprint("ST003", "iam/policies/ops.json", "/Statement/1")},
		{Rule: "TR001", Name: "trust-any-account", Category: "trust", Severity: finding.Warning,
			Message: "role ecs-admin trusts acs:ram::*:root, i.e. every account:\n  100% of principals | any `RAM` user, role or *service*\r\nuse ${acs:PrincipalAccount} to narrow it",
			File:    "iam/policies/dev bucket.json", Pointer: "/Statement/0/Principal/RAM/0",
			Line: 4, Column: 22, EndLine: 4, EndColumn: 39,
			Fingerprint: finding.Fingerprint("TR001", "iam/policies/dev bucket.json", "/Statement/0/Principal/RAM/0"),
			Related: []finding.Related{
				{Message: "the role is defined here", File: "iam/accounts/company-a.yaml", Pointer: "/roles/ecs-admin", Line: 12, Column: 3},
				{Message: "no inventory names a trusted account"},
			}},
		{Rule: "PE002", Name: "pass-role-any", Category: "privilege-escalation", Severity: finding.Warning,
			Message: "user alice can pass any role to any service", File: "iam/accounts/company-a.yaml",
			Pointer: "/users/alice", Line: 5, Column: 3, EndLine: 5, EndColumn: 8,
			Fingerprint: finding.Fingerprint("PE002", "iam/accounts/company-a.yaml", "/users/alice")},
		{Rule: "LP001", Name: "full-admin", Category: "least-privilege", Severity: finding.Error,
			Message: `statement "Break glass" allows every action on every resource`, File: "iam/accounts/company-a.yaml",
			Pointer: "/roles/break-glass/inline/Statement/0", Line: 20, Column: 7, EndLine: 20, EndColumn: 30,
			Fingerprint: finding.Fingerprint("LP001", "iam/accounts/company-a.yaml", "/roles/break-glass/inline/Statement/sid=Break glass"),
			Suppressed:  true,
			Suppression: &finding.Suppression{Kind: "config", Reason: "break-glass role, reviewed by security", Owner: "secops", Expires: "2027-01-31"}},
		{Rule: "ST003", Name: "missing-sid", Category: "style", Severity: finding.Info,
			Message: "statement 0 has no Sid", File: "iam/policies/legacy.json",
			Pointer: "/Statement/0", Line: 3, Column: 5, EndLine: 8, EndColumn: 6,
			Fingerprint: finding.Fingerprint("ST003", "iam/policies/legacy.json", "/Statement/0"),
			Suppressed:  true, Suppression: &finding.Suppression{Kind: "baseline"}},
		{Rule: "VAL001", Name: "syntax", Category: "validation", Severity: finding.Error,
			Message: "unexpected end of file: the object opened at 1:1 is not closed", File: "iam/policies/broken.json",
			Line: 3, Column: 1, EndLine: 3, EndColumn: 2,
			Fingerprint: finding.Fingerprint("VAL001", "iam/policies/broken.json", "unexpected end of file: the object opened at 1:1 is not closed")},
		{Rule: "SIM001", Name: "scenario-failed", Category: "simulation", Severity: finding.Error,
			Message: "scenario \"company-b alice stops company-a ECS\": implicit-deny, expected allow", File: "iam/scenarios/ecs.yaml",
			Pointer: "/scenarios/1", Line: 9, Column: 5, EndLine: 9, EndColumn: 11,
			Fingerprint: finding.Fingerprint("SIM001", "iam/scenarios/ecs.yaml", "/scenarios/1")},
		{Rule: "SIM002", Name: "scenario-error", Category: "simulation", Severity: finding.Error,
			Message: "scenario \"carl reads reports\": principal acs:ram::12345678:user/carl is not in the inventory", File: "iam/scenarios/ecs.yaml",
			Pointer: "/scenarios/2/principal", Line: 17, Column: 16, EndLine: 17, EndColumn: 44,
			Fingerprint: finding.Fingerprint("SIM002", "iam/scenarios/ecs.yaml", "/scenarios/2/principal")},
	}
	return &Result{
		Findings: fs,
		Files:    7,
		Rules:    append([]finding.Rule{ruleFullAdmin, ruleTrustAny, ruleMissingSid}, finding.BuiltinRules...),
		CheckedFiles: []string{
			"iam/policies/ops.json", "iam/policies/dev bucket.json", "iam/policies/clean.json",
			"iam/policies/legacy.json", "iam/policies/broken.json", "iam/accounts/company-a.yaml", "iam/scenarios/ecs.yaml",
		},
		Scenarios: []Scenario{
			{Name: "alice reads ECS in company-a", File: "iam/scenarios/ecs.yaml", Line: 2,
				Principal: "acs:ram::11223344:user/alice", Action: "ecs:DescribeInstances", Resource: "*",
				Decision: "allow", Expect: "allow", Pass: true,
				Matched: []StatementRef{{File: "iam/policies/ecs-read.json", Line: 4, Pointer: "/Statement/0", Sid: "Read", Effect: "Allow"}}},
			{Name: "company-b alice stops company-a ECS", File: "iam/scenarios/ecs.yaml", Line: 9,
				Principal: "acs:ram::12345678:user/alice", Action: "ecs:StopInstance",
				Resource: "acs:ecs:cn-hangzhou:11223344:instance/i-abc", Decision: "implicit-deny", Expect: "allow",
				DeniedBy: "identity",
				FailedConditions: []simulate.FailedCondition{{
					Statement: simulate.StatementRef{File: "iam/policies/ecs-ops.json", Line: 5, Pointer: "/Statement/0", Sid: "Ops", Effect: "Allow"},
					Layer:     simulate.LayerIdentity, Operator: "IpAddress", Key: "acs:SourceIp", Pointer: "/Statement/0/Condition/IpAddress/acs:SourceIp", Line: 9, Missing: true,
				}},
				Missing: []string{"acs:SourceIp"},
				Notes:   []string{"no statement of role ecs-admin allows ecs:StopInstance | its policies: AliyunECSReadOnlyAccess"},
			},
			{Name: "carl reads reports", File: "iam/scenarios/ecs.yaml", Line: 16,
				Principal: "acs:ram::12345678:user/carl", Action: "oss:GetObject", Resource: "acs:oss:*:11223344:reports/q1.csv",
				Decision: "implicit-deny", Expect: "allow", Error: "principal acs:ram::12345678:user/carl is not in the inventory"},
			{Name: "anonymous cannot list the bucket", File: "iam/scenarios/oss.yaml", Line: 3,
				Principal: "anonymous", Action: "oss:ListObjects", Resource: "acs:oss:*:11223344:reports",
				Decision: "implicit-deny", Expect: "deny", Pass: true},
		},
	}
}

// manyFindingsResult is goldenResult with enough findings that the Markdown
// report groups them per file, one of them in a file whose name needs HTML
// escaping.
func manyFindingsResult() *Result {
	r := goldenResult()
	for i := range 6 {
		file := "iam/policies/legacy.json"
		if i%2 == 1 {
			file = "iam/policies/a&b <old>.json"
		}
		r.Findings = append(r.Findings, finding.Finding{Rule: "ST003", Name: "missing-sid", Category: "style", Severity: finding.Info,
			Message: fmt.Sprintf("statement %d has no Sid", i+1), File: file, Pointer: fmt.Sprintf("/Statement/%d", i+1),
			Line: 10 + 6*i, Column: 5, EndLine: 15 + 6*i, EndColumn: 6})
	}
	r.CheckedFiles = append(r.CheckedFiles, "iam/policies/a&b <old>.json")
	r.Files++
	return r
}

// goldenOptions are the options of every golden rendering.
func goldenOptions() Options { return Options{ToolVersion: "1.4.0"} }

func TestGolden(t *testing.T) {
	cases := []struct {
		golden string
		render func(*bytes.Buffer) error
	}{
		{"report.sarif", func(b *bytes.Buffer) error { return WriteSARIF(b, goldenResult(), goldenOptions()) }},
		{"report.md", func(b *bytes.Buffer) error { return WriteMarkdown(b, goldenResult(), goldenOptions()) }},
		{"report-grouped.md", func(b *bytes.Buffer) error { return WriteMarkdown(b, manyFindingsResult(), goldenOptions()) }},
		{"junit.xml", func(b *bytes.Buffer) error { return WriteJUnit(b, goldenResult(), goldenOptions()) }},
		{"github.txt", func(b *bytes.Buffer) error { return WriteGitHub(b, goldenResult(), goldenOptions()) }},
		{"github-summary.md", func(b *bytes.Buffer) error {
			o := goldenOptions()
			o.StepSummary = b
			return WriteGitHub(io.Discard, goldenResult(), o)
		}},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := c.render(&b); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, c.golden, b.Bytes())
		})
	}
}

// checkGolden compares got with testdata/golden/name, or rewrites the file
// with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (rerun with -update if the change is intended):\n%s", name, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first lines where two texts differ, with a little
// context, enough to see what changed without a diff library.
func lineDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	var b strings.Builder
	for j := max(0, i-2); j < i; j++ {
		fmt.Fprintf(&b, "  %4d   %s\n", j+1, wl[j])
	}
	for j := i; j < min(len(wl), i+4); j++ {
		fmt.Fprintf(&b, "- %4d   %s\n", j+1, wl[j])
	}
	for j := i; j < min(len(gl), i+4); j++ {
		fmt.Fprintf(&b, "+ %4d   %s\n", j+1, gl[j])
	}
	return b.String()
}
