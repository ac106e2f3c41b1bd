package lint

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rampart-iam/rampart/internal/finding"
)

// twoStatements has an LP001 finding in statement "Admin" (index 0) and a
// PE009 finding in the unnamed statement 1.
const twoStatements = `{
  "Version": "1",
  "Statement": [
    {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}
  ]
}
`

func TestSuppressions(t *testing.T) {
	cases := []struct {
		name, supps string
		want        []string
	}{
		{"none", "", []string{
			"iam/legacy/a.json:4:51 LP001 error",
			"iam/legacy/a.json:5:65 PE009 warning",
			"iam/policies/b.json:4:51 LP001 error",
			"iam/policies/b.json:5:65 PE009 warning",
		}},
		{"by rule and folder", `
  - rule: LP001
    path: iam/legacy
    reason: the legacy account is being retired`, []string{
			"iam/legacy/a.json:4:51 LP001 error suppressed config",
			"iam/legacy/a.json:5:65 PE009 warning",
			"iam/policies/b.json:4:51 LP001 error",
			"iam/policies/b.json:5:65 PE009 warning",
		}},
		{"by name and glob", `
  - rule: assume-any-role
    path: "iam/*/*.json"
    reason: role switching is reviewed elsewhere`, []string{
			"iam/legacy/a.json:4:51 LP001 error",
			"iam/legacy/a.json:5:65 PE009 warning suppressed config",
			"iam/policies/b.json:4:51 LP001 error",
			"iam/policies/b.json:5:65 PE009 warning suppressed config",
		}},
		{"by Sid and by index", `
  - rule: LP001
    statement: Admin
    reason: break-glass administrator
  - rule: PE009
    path: "**/b.json"
    statement: "1"
    reason: the deploy role hops`, []string{
			"iam/legacy/a.json:4:51 LP001 error suppressed config",
			"iam/legacy/a.json:5:65 PE009 warning",
			"iam/policies/b.json:4:51 LP001 error suppressed config",
			"iam/policies/b.json:5:65 PE009 warning suppressed config",
		}},
		{"a statement that does not match", `
  - rule: LP001
    statement: "1"
    reason: wrong statement`, []string{
			"iam/legacy/a.json:4:51 LP001 error",
			"iam/legacy/a.json:5:65 PE009 warning",
			"iam/policies/b.json:4:51 LP001 error",
			"iam/policies/b.json:5:65 PE009 warning",
			"rampart.yaml:2:5 CFG002 info",
		}},
		{"expired, and not expired yet", `
  - rule: LP001
    path: iam/legacy
    reason: until the end of November
    expires: 2026-11-30
    owner: alice
  - rule: LP001
    path: iam/policies
    reason: until the first of December, all day
    expires: 2026-12-01`, []string{
			"iam/legacy/a.json:4:51 LP001 error",
			"iam/legacy/a.json:5:65 PE009 warning",
			"iam/policies/b.json:4:51 LP001 error suppressed config",
			"iam/policies/b.json:5:65 PE009 warning",
			"rampart.yaml:5:14 CFG001 warning",
		}},
		{"unused", `
  - rule: TR001
    reason: no trust policy here`, []string{
			"iam/legacy/a.json:4:51 LP001 error",
			"iam/legacy/a.json:5:65 PE009 warning",
			"iam/policies/b.json:4:51 LP001 error",
			"iam/policies/b.json:5:65 PE009 warning",
			"rampart.yaml:2:5 CFG002 info",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := repo{"iam/legacy/a.json": twoStatements, "iam/policies/b.json": twoStatements}
			if c.supps != "" {
				r["rampart.yaml"] = "suppressions:" + c.supps + "\n"
			}
			res := run(t, r, Options{})
			// Other rules fire on these statements too; the cases are
			// about LP001, PE009 and the suppressions' own findings.
			var fs []finding.Finding
			for _, f := range res.Findings {
				if f.Rule == "LP001" || f.Rule == "PE009" || strings.HasPrefix(f.Rule, "CFG") {
					fs = append(fs, f)
				}
			}
			if got := brief(fs); !slices.Equal(got, c.want) {
				t.Errorf("findings\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
			for _, f := range res.Findings {
				if f.Suppressed && (f.Suppression.Kind != "config" || f.Suppression.Reason == "") {
					t.Errorf("suppression %+v", f.Suppression)
				}
			}
		})
	}
}

func TestSuppressionDetails(t *testing.T) {
	res := run(t, repo{
		"iam/policies/a.json": adminPolicy,
		"rampart.yaml":        "suppressions:\n  - rule: LP001\n    reason: break glass\n    owner: sec-team\n    expires: 2027-01-31\n  - rule: LP002\n    reason: old\n    expires: 2025-01-01\n    owner: bob\n",
	}, Options{})
	var lp, cfg int
	for _, f := range res.Findings {
		switch f.Rule {
		case "LP001":
			lp++
			if s := f.Suppression; s == nil || *s != (finding.Suppression{Kind: "config", Reason: "break glass", Owner: "sec-team", Expires: "2027-01-31"}) {
				t.Errorf("LP001 suppression %+v", f.Suppression)
			}
		case "CFG001":
			cfg++
			if f.Message != "suppression of LP002 expired on 2025-01-01; it no longer applies (owner: bob)" {
				t.Errorf("message %q", f.Message)
			}
		}
	}
	if lp != 1 || cfg != 1 {
		t.Errorf("%d LP001 and %d CFG001 findings: %v", lp, cfg, brief(res.Findings))
	}
}

func TestSuppressionErrors(t *testing.T) {
	cases := []struct {
		name, cfg, want string
	}{
		{"no reason", "suppressions:\n  - rule: LP001\n    path: iam\n", "rampart.yaml:2:5: suppression of LP001 has no reason"},
		{"blank reason", "suppressions:\n  - rule: LP001\n    reason: \"  \"\n", "rampart.yaml:2:5: suppression of LP001 has no reason"},
		{"no rule", "suppressions:\n  - reason: because\n", "rampart.yaml:2:5: suppression without a rule"},
		{"unknown rule", "suppressions:\n  - rule: LP999\n    reason: because\n", "rampart.yaml:2:11: suppression names no known rule \"LP999\""},
		{"bad date", "suppressions:\n  - rule: LP001\n    reason: because\n    expires: next year\n", "rampart.yaml:4:14: suppression expires \"next year\": want a date YYYY-MM-DD"},
		{"bad glob", "suppressions:\n  - rule: LP001\n    reason: because\n    path: \"iam/[\"\n", "rampart.yaml:4:11: suppression path \"iam/[\" is not a valid glob"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, cfg := repo{"rampart.yaml": c.cfg}.load(t)
			_, err := New(Options{Config: cfg, Now: func() time.Time { return fixedNow }})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

func TestMatchPath(t *testing.T) {
	cases := []struct {
		pattern, name string
		want          bool
	}{
		{"iam/legacy", "iam/legacy/a.json", true},
		{"iam/legacy/", "iam/legacy/x/a.json", true},
		{"iam/legacy", "iam/legacy-2/a.json", false},
		{"iam/legacy/a.json", "iam/legacy/a.json", true},
		{"iam/*.json", "iam/a.json", true},
		{"iam/*.json", "iam/x/a.json", false},
		{"iam/**/a.json", "iam/a.json", true},
		{"iam/**/a.json", "iam/x/y/a.json", true},
		{"**", "anything/at/all.yaml", true},
		{"**/*.trust.json", "iam/policies/ops.trust.json", true},
		{"iam/?.json", "iam/ab.json", false},
	}
	for _, c := range cases {
		if got := matchPath(c.pattern, c.name); got != c.want {
			t.Errorf("matchPath(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
}
