package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/finding"
)

func renderJUnit(t *testing.T, r *Result) (junitSuites, string) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteJUnit(&b, r, Options{}); err != nil {
		t.Fatal(err)
	}
	var out junitSuites
	if err := xml.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, b.String())
	}
	return out, b.String()
}

func TestJUnitCases(t *testing.T) {
	out, _ := renderJUnit(t, goldenResult())
	if len(out.Suites) != 2 || out.Suites[0].Name != "files" || out.Suites[1].Name != "scenarios" {
		t.Fatalf("suites = %+v", out.Suites)
	}
	files, scenarios := out.Suites[0], out.Suites[1]
	if out.Tests != files.Tests+scenarios.Tests || out.Failures != files.Failures+scenarios.Failures || out.Errors != scenarios.Errors {
		t.Errorf("totals %d/%d/%d do not add up", out.Tests, out.Failures, out.Errors)
	}
	type want struct {
		failure, error string // failure or error message, "" when none
		body           []string
		systemOut      string
	}
	cases := map[string]want{
		"iam/policies/clean.json": {},
		"iam/policies/ops.json": {failure: "2 findings: 1 error, 1 note",
			body: []string{"iam/policies/ops.json:7:17: error LP001 full-admin:", "iam/policies/ops.json:9:5: info ST003 missing-sid:"}},
		"iam/policies/legacy.json": {systemOut: "suppressed by the baseline: iam/policies/legacy.json:3:5: info ST003"},
		"iam/accounts/company-a.yaml": {failure: "1 finding: 1 warning", body: []string{"PE002"},
			systemOut: "suppressed by the configuration (break-glass role, reviewed by security)"},
		"iam/policies/dev bucket.json": {failure: "1 finding: 1 warning",
			body: []string{"every account:\n  100% of principals", "\n    iam/accounts/company-a.yaml:12:3: the role is defined here"}},
		"company-b alice stops company-a ECS": {failure: "implicit-deny, expected allow",
			body: []string{"request: acs:ram::12345678:user/alice ecs:StopInstance on acs:ecs:", "\ncondition IpAddress on acs:SourceIp not met (the request has no acs:SourceIp)", "\nno statement of role ecs-admin"}},
		"carl reads reports":               {error: "principal acs:ram::12345678:user/carl is not in the inventory", body: []string{"request: "}},
		"alice reads ECS in company-a":     {},
		"anonymous cannot list the bucket": {},
	}
	seen := map[string]bool{}
	for _, s := range out.Suites {
		for _, c := range s.Cases {
			seen[c.Name] = true
			w, ok := cases[c.Name]
			if !ok {
				continue
			}
			var problem *junitProblem
			switch {
			case w.failure != "":
				problem = c.Failure
				if problem == nil || problem.Message != w.failure || c.Error != nil {
					t.Errorf("%s: failure %+v, want %q", c.Name, c.Failure, w.failure)
					continue
				}
			case w.error != "":
				problem = c.Error
				if problem == nil || problem.Message != w.error || c.Failure != nil {
					t.Errorf("%s: error %+v, want %q", c.Name, c.Error, w.error)
					continue
				}
			default:
				if c.Failure != nil || c.Error != nil {
					t.Errorf("%s: should pass, got %+v %+v", c.Name, c.Failure, c.Error)
				}
			}
			for _, b := range w.body {
				if !strings.Contains(problem.Text, b) {
					t.Errorf("%s: body lacks %q:\n%s", c.Name, b, problem.Text)
				}
			}
			if got := ""; c.SystemOut != nil {
				got = c.SystemOut.Text
				if !strings.HasPrefix(got, w.systemOut) || w.systemOut == "" {
					t.Errorf("%s: system-out %q, want %q", c.Name, got, w.systemOut)
				}
			} else if w.systemOut != "" {
				t.Errorf("%s: no system-out, want %q", c.Name, w.systemOut)
			}
		}
	}
	for name := range cases {
		if !seen[name] {
			t.Errorf("no test case %q", name)
		}
	}
	for _, c := range scenarios.Cases {
		if c.Classname != c.File || c.Line == 0 {
			t.Errorf("scenario %q: classname %q, file %q, line %d", c.Name, c.Classname, c.File, c.Line)
		}
	}
}

func TestJUnitFilesFromFindings(t *testing.T) {
	// Without CheckedFiles, the files with findings still get test cases,
	// and a finding without a file gets one of its own.
	r := &Result{Findings: []finding.Finding{
		{Rule: "R1", Severity: finding.Info, File: "b.json", Line: 1, Column: 1, Message: "m"},
		{Rule: "R2", Severity: finding.Warning, Message: "unused suppression"},
	}, CheckedFiles: []string{"a.json", "b.json"}}
	out, _ := renderJUnit(t, r)
	if len(out.Suites) != 1 {
		t.Fatalf("want only the files suite without scenarios, got %+v", out.Suites)
	}
	var names []string
	for _, c := range out.Suites[0].Cases {
		names = append(names, c.Name)
	}
	if strings.Join(names, " ") != "(workspace) a.json b.json" || out.Failures != 2 || out.Tests != 3 {
		t.Errorf("cases %v, %d failures of %d", names, out.Failures, out.Tests)
	}
}

func TestJUnitEmpty(t *testing.T) {
	out, text := renderJUnit(t, &Result{})
	if out.Tests != 0 || len(out.Suites) != 0 || !strings.HasPrefix(text, xml.Header) {
		t.Errorf("empty result: %s", text)
	}
}

func TestJUnitHostileText(t *testing.T) {
	msg := "nul \x00, bell \a, bad utf-8 \xff, end ]]> of cdata, <tag> & \"quotes\"\r\nnext"
	r := &Result{Findings: []finding.Finding{{Rule: "R1", Severity: finding.Error, File: "a.json", Line: 1, Column: 1, Message: msg}},
		Scenarios: []Scenario{{Name: "s \x01 <x>", File: "s.yaml", Line: 1, Decision: "allow", Expect: "deny", Notes: []string{msg}}}}
	out, text := renderJUnit(t, r)
	got := out.Suites[0].Cases[0].Failure.Text
	want := "a.json:1:1: error R1 : nul \uFFFD, bell \uFFFD, bad utf-8 \uFFFD, end ]]> of cdata, <tag> & \"quotes\"\nnext"
	if got != want {
		t.Errorf("failure text %q\nwant %q\nin %s", got, want, text)
	}
	if !strings.Contains(out.Suites[1].Cases[0].Failure.Text, "end ]]> of cdata") {
		t.Errorf("scenario text lost: %q", out.Suites[1].Cases[0].Failure.Text)
	}
}

func TestXMLText(t *testing.T) {
	cases := map[string]string{
		"plain":           "plain",
		"a\r\nb\rc\nd\te": "a\nb\nc\nd\te",
		"\x00\x1f\x7f":    "\uFFFD\uFFFD\x7f",
		"\uFFFE\uFFFF":    "\uFFFD\uFFFD",
		"\xc3\x28":        "\uFFFD(",
		"𝄞 ok":            "𝄞 ok",
	}
	for in, want := range cases {
		if got := xmlText(in); got != want {
			t.Errorf("xmlText(%q) = %q, want %q", in, got, want)
		}
	}
}
