package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/finding"
)

func TestMDText(t *testing.T) {
	cases := []struct {
		in         string
		cell, text string // in a table cell, in running text
	}{
		{"plain words", "plain words", "plain words"},
		{"a | b", `a \| b`, `a \| b`},
		{"use `Action`", "use \\`Action\\`", "use \\`Action\\`"},
		{"ecs:* on *", `ecs:\* on \*`, `ecs:\* on \*`},
		{"_x_ ~y~ <b> [l](u) &amp;", `\_x\_ \~y\~ \<b\> \[l\](u) \&amp;`, `\_x\_ \~y\~ \<b\> \[l\](u) \&amp;`},
		{"${aws:username} costs $5", `\${aws:username} costs \$5`, `\${aws:username} costs \$5`},
		{"back\\slash", `back\\slash`, `back\\slash`},
		{"line one\nline two\r\nthree\rfour", "line one<br>line two<br>three<br>four", "line one<br>line two<br>three<br>four"},
		// Names with two colons go into code: no emoji for ":ram:", no
		// emphasis for "*", pipes escaped only where a table needs it.
		{"trusts acs:ram::*:root, always", "trusts `acs:ram::*:root`, always", "trusts `acs:ram::*:root`, always"},
		{`principal "acs:ram::1:user/a|b".`, "principal \"`acs:ram::1:user/a\\|b`\".", "principal \"`acs:ram::1:user/a|b`\"."},
		{"(arn:aws:iam::1:root)", "(`arn:aws:iam::1:root`)", "(`arn:aws:iam::1:root`)"},
		{"a:`b`:c", "``a:`b`:c``", "``a:`b`:c``"},
		{"x:y:`", "`` x:y:` ``", "`` x:y:` ``"},
		{"at 10:30 today", "at 10:30 today", "at 10:30 today"},
		{"", "", ""},
	}
	for _, c := range cases {
		if got := mdText(c.in, true); got != c.cell {
			t.Errorf("mdText(%q, cell) = %q, want %q", c.in, got, c.cell)
		}
		if got := mdText(c.in, false); got != c.text {
			t.Errorf("mdText(%q, text) = %q, want %q", c.in, got, c.text)
		}
	}
}

func TestMDCode(t *testing.T) {
	cases := []struct {
		in   string
		cell bool
		want string
	}{
		{"iam/x.json:7", true, "`iam/x.json:7`"},
		{"a|b", true, "`a\\|b`"},
		{"a|b", false, "`a|b`"},
		{"one ` tick", false, "``one ` tick``"},
		{"`tick", false, "`` `tick ``"},
		{"``double``", false, "``` ``double`` ```"},
		{" spaced ", false, "`  spaced  `"},
		{"   ", false, "`   `"},
		{"multi\nline", false, "`multi line`"},
		{"", false, ""},
	}
	for _, c := range cases {
		if got := mdCode(c.in, c.cell); got != c.want {
			t.Errorf("mdCode(%q, %v) = %q, want %q", c.in, c.cell, got, c.want)
		}
	}
}

func TestMarkdownSections(t *testing.T) {
	cases := []struct {
		name    string
		r       *Result
		want    []string
		notWant []string
	}{
		{"clean run", &Result{Files: 3}, []string{":white_check_mark: rampart: 0 errors", "No findings."}, []string{"#### Scenarios", "suppressed"}},
		{"warnings only", &Result{Files: 1, Findings: []finding.Finding{{Rule: "R", Severity: finding.Warning, File: "a.json", Line: 2}}},
			[]string{":warning: rampart:", "| `a.json:2` | warning | R |"}, []string{"<details>"}},
		{"few findings in one table", goldenResult(), []string{"| Location | Severity | Rule | Message |", "2 suppressed findings are not listed"},
			[]string{"<details>", "break-glass", "Break glass"}},
		{"many findings grouped per file", manyFindingsResult(), []string{"<details><summary><code>iam/policies/legacy.json</code>: 3 notes</summary>"},
			[]string{"| Location |"}},
		{"many findings in one file stay in one table", &Result{Findings: repeatFindings(manyFindings+5, "a.json", 40)},
			[]string{"| Location |"}, []string{"<details>"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteMarkdown(&b, c.r, Options{}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if !strings.HasPrefix(out, markdownMarker) {
				t.Errorf("report does not start with the marker:\n%s", out)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in:\n%s", w, out)
				}
			}
			for _, w := range c.notWant {
				if strings.Contains(out, w) {
					t.Errorf("unexpected %q in:\n%s", w, out)
				}
			}
		})
	}
}

// repeatFindings makes n warnings spread over the given files, each with a
// message of about size bytes.
func repeatFindings(n int, file string, size int, more ...string) []finding.Finding {
	files := append([]string{file}, more...)
	fs := make([]finding.Finding, n)
	for i := range fs {
		fs[i] = finding.Finding{Rule: "LP002", Name: "service-wildcard", Severity: finding.Warning,
			Message: fmt.Sprintf("statement %d allows ecs:* %s", i, strings.Repeat("x", max(0, size-30))),
			File:    files[i%len(files)], Line: i + 1, Column: 3, EndLine: i + 1, EndColumn: 9}
	}
	return fs
}

func TestMarkdownLimits(t *testing.T) {
	manyScenarios := make([]Scenario, 3000)
	for i := range manyScenarios {
		manyScenarios[i] = Scenario{Name: fmt.Sprintf("scenario %d", i), File: "iam/scenarios/s.yaml", Line: i + 1,
			Principal: "acs:ram::1:user/a", Action: "ecs:StopInstance", Resource: "*", Decision: "allow", Expect: "implicit-deny",
			Notes: []string{strings.Repeat("because ", 20)}}
	}
	cases := []struct {
		name  string
		r     *Result
		limit int
		want  []string
	}{
		{"comment, many findings in one table", &Result{Findings: repeatFindings(5000, "a.json", 100)}, commentLimit,
			[]string{"more findings are not shown here"}},
		{"comment, many findings grouped", &Result{Findings: repeatFindings(5000, "a.json", 100, "b.json", "c.json")}, commentLimit,
			[]string{"more findings are not shown here", "</details>"}},
		{"comment, many failed scenarios", &Result{Scenarios: manyScenarios, Findings: repeatFindings(5000, "a.json", 100)}, commentLimit,
			[]string{"more scenarios are not shown here", "more findings are not shown here"}},
		{"step summary", &Result{Findings: repeatFindings(30000, "a.json", 100, "b.json")}, summaryLimit,
			[]string{"more findings are not shown here"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := renderMarkdown(c.r, c.limit)
			if len(out) > c.limit {
				t.Errorf("%d bytes, over the limit of %d", len(out), c.limit)
			}
			if len(out) < c.limit*3/4 {
				t.Errorf("only %d bytes of %d used", len(out), c.limit)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in the last lines:\n%s", w, out[max(0, len(out)-600):])
				}
			}
			if strings.Count(out, "<details>") != strings.Count(out, "</details>") {
				t.Error("unbalanced <details>")
			}
		})
	}
}
