package report

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rampart-iam/rampart/internal/finding"
)

// The JUnit XML that CI systems (GitLab, Jenkins, test-report actions) read:
// testsuites, testsuite, testcase with failure or error.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Cases    []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		File      string        `xml:"file,attr,omitempty"`
		Line      int           `xml:"line,attr,omitempty"`
		Failure   *junitProblem `xml:"failure,omitempty"`
		Error     *junitProblem `xml:"error,omitempty"`
		SystemOut *junitText    `xml:"system-out,omitempty"`
	}
	junitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",cdata"` // CDATA keeps line breaks readable
	}
	junitText struct {
		Text string `xml:",cdata"`
	}
)

// junitFilesClass is the classname of the test cases of checked files.
const junitFilesClass = "rampart.files"

// WriteJUnit writes the result as JUnit XML with two suites. "files" has a
// test case per checked file (Result.CheckedFiles and every file with a
// finding): it fails listing the file's unsuppressed findings, whatever
// their severity, and passes when there are none; suppressed findings are
// listed in its system-out. "scenarios" has a test case per scenario,
// classname the scenario file: a failure gives the decision against the
// expectation and the explanation, a scenario that cannot be evaluated is an
// error. A suite without test cases is left out.
func WriteJUnit(w io.Writer, r *Result, _ Options) error {
	out := junitSuites{Name: "rampart"}
	for _, s := range []junitSuite{junitFiles(r), junitScenarios(r)} {
		if len(s.Cases) == 0 {
			continue
		}
		out.Suites = append(out.Suites, s)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	return nil
}

func junitFiles(r *Result) junitSuite {
	byFile := map[string][]finding.Finding{}
	for _, f := range sortedFindings(r.Findings) {
		byFile[f.File] = append(byFile[f.File], f)
	}
	files := slices.Clone(r.CheckedFiles)
	for file := range byFile {
		files = append(files, file)
	}
	slices.Sort(files)
	files = slices.Compact(files)
	suite := junitSuite{Name: "files"}
	for _, file := range files {
		c := junitCase{Name: cmp.Or(file, "(workspace)"), Classname: junitFilesClass, File: file}
		var open, quiet []string
		var worst finding.Severity
		for _, f := range byFile[file] {
			if f.Suppressed {
				quiet = append(quiet, "suppressed"+suppressionNote(f.Suppression)+": "+findingLine(f))
				continue
			}
			if len(open) == 0 || f.Severity > worst {
				worst = f.Severity
			}
			open = append(open, findingLine(f))
		}
		if len(open) > 0 {
			c.Failure = &junitProblem{
				Message: plural(len(open), "finding", "findings") + ": " + countLine(finding.Count(byFile[file])),
				Type:    worst.String(),
				Text:    xmlText(strings.Join(open, "\n")),
			}
			suite.Failures++
		}
		if len(quiet) > 0 {
			c.SystemOut = &junitText{Text: xmlText(strings.Join(quiet, "\n"))}
		}
		suite.Cases = append(suite.Cases, c)
		suite.Tests++
	}
	return suite
}

// xmlText replaces what XML 1.0 cannot hold, even in CDATA (control
// characters other than tab and line breaks, invalid UTF-8, U+FFFE and
// U+FFFF), with U+FFFD, and writes line breaks as LF, which is what an XML
// parser reads them as. encoding/xml does the former for attributes and
// character data, not for CDATA.
func xmlText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}

// findingLine is a finding as the text format's first line has it, with
// its related places indented below.
func findingLine(f finding.Finding) string {
	loc := cmp.Or(f.Location(), "(workspace)")
	line := fmt.Sprintf("%s: %s %s %s: %s", loc, f.Severity, f.Rule, f.Name, f.Message)
	for _, rel := range f.Related {
		where := rel.File
		if rel.Line > 0 {
			where = fmt.Sprintf("%s:%d:%d", rel.File, rel.Line, rel.Column)
		}
		if where != "" {
			where += ": "
		}
		line += "\n    " + where + rel.Message
	}
	return line
}

func suppressionNote(s *finding.Suppression) string {
	if s == nil {
		return ""
	}
	note := " by the " + suppressionSource(cmp.Or(s.Kind, "config"))
	if s.Reason != "" {
		note += " (" + s.Reason + ")"
	}
	return note
}

func junitScenarios(r *Result) junitSuite {
	suite := junitSuite{Name: "scenarios"}
	for _, s := range r.Scenarios {
		c := junitCase{Name: s.Name, Classname: s.File, File: s.File, Line: s.Line}
		switch {
		case s.Error != "":
			c.Error = &junitProblem{Message: s.Error, Type: finding.RuleScenarioError.Name, Text: xmlText(scenarioDetail(s))}
			suite.Errors++
		case !s.Pass:
			c.Failure = &junitProblem{Message: fmt.Sprintf("%s, expected %s", s.Decision, s.Expect), Type: finding.RuleScenarioFailed.Name,
				Text: xmlText(scenarioDetail(s))}
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, c)
		suite.Tests++
	}
	return suite
}

// scenarioDetail is the body of a failed scenario: the request, the
// decision against the expectation, the explanation and the statements
// that decided.
func scenarioDetail(s Scenario) string {
	lines := []string{
		fmt.Sprintf("request: %s %s on %s", s.Principal, s.Action, s.Resource),
		fmt.Sprintf("decision: %s, expected %s", s.Decision, s.Expect),
	}
	lines = append(lines, explanation(s)...)
	for _, m := range s.Matched {
		ref := m.File
		if m.Line > 0 {
			ref = fmt.Sprintf("%s:%d", m.File, m.Line)
		}
		line := fmt.Sprintf("decided by %s statement %s %s", cmp.Or(m.Effect, "a"), ref, m.Pointer)
		if m.Sid != "" {
			line += " (Sid " + m.Sid + ")"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
