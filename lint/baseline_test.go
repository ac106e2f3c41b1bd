package lint

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/finding"
)

const original = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Admin",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": ["cloudwatch:*", "s3:GetObjekt"],
      "Resource": "*"
    }
  ]
}
`

// reformatted is original on fewer lines with its statements swapped.
const reformatted = `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["cloudwatch:*", "s3:GetObjekt"], "Resource": "*"},
  {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}
]}
`

// grown is reformatted with one more problem.
const grown = `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["cloudwatch:*", "s3:GetObjekt"], "Resource": "*"},
  {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"},
  {"Sid": "More", "Effect": "Allow", "Action": "sqs:ListQueues", "Resource": "*"}
]}
`

func writeBaseline(t *testing.T, fs []finding.Finding) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteBaseline(&b, fs); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestBaseline(t *testing.T) {
	first := run(t, repo{"iam/policies/p.json": original}, Options{})
	rules := map[string]bool{}
	for _, f := range first.Findings {
		rules[f.Rule] = true
	}
	if !rules["LP001"] || !rules["LP002"] || !rules["SCH001"] {
		t.Fatalf("findings %v, want LP001, LP002 and SCH001 among them", brief(first.Findings))
	}
	base := writeBaseline(t, first.Findings)
	var parsed Baseline
	if err := json.Unmarshal([]byte(base), &parsed); err != nil || parsed.Version != 1 || len(parsed.Findings) != len(first.Findings) {
		t.Fatalf("baseline %s (%v)", base, err)
	}
	cfg := "baseline: baseline.json\n"
	cases := []struct {
		name, policy string
		// more is whether findings about statement "More" are expected
		// open, and only those.
		more bool
	}{
		{"same file", original, false},
		{"reformatted, statements moved", reformatted, false},
		{"a new finding", grown, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := run(t, repo{"rampart.yaml": cfg, "baseline.json": base, "iam/policies/p.json": c.policy}, Options{})
			var open []finding.Finding
			for _, f := range res.Findings {
				switch {
				case !f.Suppressed:
					open = append(open, f)
				case f.Suppression.Kind != "baseline":
					t.Errorf("suppression %+v", f.Suppression)
				}
			}
			if c.more != (len(open) > 0) {
				t.Errorf("not baselined: %v, want findings about statement \"More\": %v", brief(open), c.more)
			}
			for _, f := range open {
				if !strings.Contains(f.Message, `"More"`) {
					t.Errorf("not baselined: %s %s", f.Rule, f.Message)
				}
			}
			if len(res.Notes) != 0 {
				t.Errorf("notes %+v", res.Notes)
			}
		})
	}
}

// TestBaselineCountsEntries checks that one entry covers one finding: the
// same problem added a second time is reported.
func TestBaselineCountsEntries(t *testing.T) {
	one := `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`
	two := `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Allow", "Action": "*", "Resource": "*"}]}`
	base := writeBaseline(t, run(t, repo{"iam/policies/p.json": one}, Options{}).Findings)
	res := run(t, repo{"rampart.yaml": "baseline: baseline.json\n", "baseline.json": base, "iam/policies/p.json": two}, Options{})
	var suppressed, open int
	for _, f := range only(res.Findings, "LP001") {
		if f.Suppressed {
			suppressed++
		} else {
			open++
		}
	}
	if suppressed != 1 || open != 1 {
		t.Errorf("%d baselined and %d open LP001 findings, want 1 and 1", suppressed, open)
	}
}

// TestWriteBaselineKeeps checks which findings a rewritten baseline keeps:
// not those rampart.yaml suppresses, not the engine's own, and those the
// old baseline covered.
func TestWriteBaselineKeeps(t *testing.T) {
	fs := []finding.Finding{
		{Rule: "LP001", File: "b.json", Fingerprint: "f1", Message: "open"},
		{Rule: "LP002", File: "a.json", Fingerprint: "f2", Message: "baselined", Suppressed: true, Suppression: &finding.Suppression{Kind: "baseline"}},
		{Rule: "LP003", File: "a.json", Fingerprint: "f3", Message: "accepted", Suppressed: true, Suppression: &finding.Suppression{Kind: "config", Reason: "r"}},
		{Rule: "CFG002", File: "rampart.yaml", Fingerprint: "f4", Message: "unused"},
	}
	got := writeBaseline(t, fs)
	want := `{
  "version": 1,
  "findings": [
    {
      "fingerprint": "f2",
      "rule": "LP002",
      "file": "a.json",
      "message": "baselined"
    },
    {
      "fingerprint": "f1",
      "rule": "LP001",
      "file": "b.json",
      "message": "open"
    }
  ]
}
`
	if got != want {
		t.Errorf("baseline\n%s\nwant\n%s", got, want)
	}
}

func TestBaselineFileProblems(t *testing.T) {
	res := run(t, repo{"rampart.yaml": "baseline: baseline.json\n", "iam/policies/p.json": adminPolicy}, Options{})
	if len(res.Notes) != 1 || res.Notes[0].File != "baseline.json" || !strings.Contains(res.Notes[0].Message, "does not exist yet") {
		t.Errorf("notes %+v", res.Notes)
	}
	if len(res.Findings) != 1 || res.Findings[0].Suppressed {
		t.Errorf("findings %v", brief(res.Findings))
	}
	for name, content := range map[string]string{
		"not JSON":        "{",
		"unknown field":   `{"version": 1, "findings": [], "extra": true}`,
		"another version": `{"version": 2, "findings": []}`,
	} {
		t.Run(name, func(t *testing.T) {
			r := repo{"rampart.yaml": "baseline: baseline.json\n", "baseline.json": content}
			_, cfg := r.load(t)
			_, err := New(Options{Config: cfg, FS: r.fs()})
			if err == nil || !strings.Contains(err.Error(), "baseline.json: read baseline") {
				t.Errorf("error %v", err)
			}
		})
	}
}
