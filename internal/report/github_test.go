package report

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/finding"
)

// parsedCommand is a workflow command as the Actions runner reads it.
type parsedCommand struct {
	name  string
	props map[string]string
	data  string
}

// parseCommand reads one line the way the Actions runner does
// (ActionCommand.TryParseV2): "::", the command and its properties up to the
// next "::", the properties split at ',' and each at its first '=', then the
// values unescaped in the runner's order, "%25" last.
func parseCommand(line string) (parsedCommand, error) {
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		return parsedCommand{}, errors.New("not a command")
	}
	head, data, ok := strings.Cut(rest, "::")
	if !ok {
		return parsedCommand{}, errors.New("no end of command")
	}
	name, props, _ := strings.Cut(head, " ")
	c := parsedCommand{name: name, props: map[string]string{}, data: unescapeData(data)}
	if props != "" {
		for _, p := range strings.Split(props, ",") {
			k, v, ok := strings.Cut(p, "=")
			if !ok || k == "" {
				return parsedCommand{}, fmt.Errorf("bad property %q", p)
			}
			c.props[k] = unescapeProperty(v)
		}
	}
	return c, nil
}

func unescapeData(s string) string { return runnerUnescape(s, false) }

func unescapeProperty(s string) string { return runnerUnescape(s, true) }

// runnerUnescape replaces, one mapping after the other as the runner does,
// %0D, %0A (and %3A, %2C in properties), then %25.
func runnerUnescape(s string, property bool) string {
	pairs := [][2]string{{"%0D", "\r"}, {"%0A", "\n"}}
	if property {
		pairs = append(pairs, [2]string{"%3A", ":"}, [2]string{"%2C", ","})
	}
	pairs = append(pairs, [2]string{"%25", "%"})
	for _, p := range pairs {
		s = strings.ReplaceAll(s, p[0], p[1])
	}
	return s
}

func TestWorkflowCommand(t *testing.T) {
	base := finding.Finding{Rule: "LP001", Name: "full-admin", Severity: finding.Error, Message: "m", File: "iam/x.json"}
	at := func(line, col, endLine, endCol int) finding.Finding {
		f := base
		f.Line, f.Column, f.EndLine, f.EndColumn = line, col, endLine, endCol
		return f
	}
	cases := []struct {
		name string
		f    finding.Finding
		want string
	}{
		{"range on one line, end column inclusive", at(7, 17, 7, 20), "::error file=iam/x.json,line=7,col=17,endColumn=19,title=LP001 full-admin::m\n"},
		{"one character", at(7, 17, 7, 18), "::error file=iam/x.json,line=7,col=17,endColumn=17,title=LP001 full-admin::m\n"},
		{"point", at(7, 17, 0, 0), "::error file=iam/x.json,line=7,col=17,title=LP001 full-admin::m\n"},
		{"multi-line range drops the columns", at(9, 5, 13, 6), "::error file=iam/x.json,line=9,endLine=13,title=LP001 full-admin::m\n"},
		{"end before start", at(9, 5, 8, 1), "::error file=iam/x.json,line=9,col=5,title=LP001 full-admin::m\n"},
		{"whole file", at(0, 0, 0, 0), "::error file=iam/x.json,title=LP001 full-admin::m\n"},
		{"no file", finding.Finding{Rule: "CFG001", Severity: finding.Warning, Message: "unused suppression", Line: 3},
			"::warning title=CFG001::unused suppression\n"},
		{"info is a notice", finding.Finding{Rule: "ST003", Name: "missing-sid", Severity: finding.Info, Message: "no Sid", File: "a.json", Line: 1, Column: 1},
			"::notice file=a.json,line=1,col=1,title=ST003 missing-sid::no Sid\n"},
		{"escaping", finding.Finding{Rule: "X1", Name: "a,b:c", Severity: finding.Error, Message: "100% done:\r\nyes, a::b", File: "dir,x/a:b%.json"},
			"::error file=dir%2Cx/a%3Ab%25.json,title=X1 a%2Cb%3Ac::100%25 done:%0D%0Ayes, a::b\n"},
		{"empty message falls back to the name", finding.Finding{Rule: "X1", Name: "n", Severity: finding.Error},
			"::error title=X1 n::n\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := workflowCommand(c.f); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestWorkflowCommandParsesBack(t *testing.T) {
	f := goldenResult().Findings[2] // the message with every character to escape
	c, err := parseCommand(strings.TrimSuffix(workflowCommand(f), "\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"file": f.File, "line": "4", "col": "22", "endColumn": "38", "title": "TR001 trust-any-account"}
	if c.name != "warning" || c.data != f.Message || fmt.Sprint(c.props) != fmt.Sprint(want) {
		t.Errorf("parsed %+v\nwant warning %v %q", c, want, f.Message)
	}
}

func TestGitHubAnnotationLimits(t *testing.T) {
	mk := func(n int, s finding.Severity) []finding.Finding {
		fs := make([]finding.Finding, n)
		for i := range fs {
			fs[i] = finding.Finding{Rule: "R" + s.String(), Severity: s, Message: "m", File: fmt.Sprintf("f%03d.json", i), Line: 1, Column: 1}
		}
		return fs
	}
	cases := []struct {
		name             string
		errs, warns, inf int
		suppressed       int
		want             [3]int // errors, warnings, notices written, the omitted notice included
		omitted          string // text of the omitted notice, "" for none
	}{
		{"all fit", 10, 10, 10, 0, [3]int{10, 10, 10}, ""},
		{"errors over", 25, 3, 12, 0, [3]int{10, 3, 10}, "18 more findings are not shown as annotations (15 errors, 3 notes)"},
		{"only notes over", 0, 0, 11, 0, [3]int{0, 0, 10}, "2 more findings are not shown as annotations (2 notes)"},
		{"warnings over, no notes", 1, 11, 0, 0, [3]int{1, 10, 1}, "1 more finding is not shown as annotations (1 warning)"},
		{"suppressed are not counted", 10, 0, 0, 40, [3]int{10, 0, 0}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := append(append(mk(c.errs, finding.Error), mk(c.warns, finding.Warning)...), mk(c.inf, finding.Info)...)
			for _, f := range mk(c.suppressed, finding.Error) {
				f.Suppressed = true
				fs = append(fs, f)
			}
			var b bytes.Buffer
			if err := WriteGitHub(&b, &Result{Findings: fs}, Options{}); err != nil {
				t.Fatal(err)
			}
			var got [3]int
			var notice string
			lastSeverity := 3
			for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
				if !strings.HasPrefix(line, "::") {
					continue
				}
				cmd, err := parseCommand(line)
				if err != nil {
					t.Fatalf("%q: %v", line, err)
				}
				sev := map[string]int{"error": 2, "warning": 1, "notice": 0}[cmd.name]
				if sev > lastSeverity {
					t.Errorf("%q comes after a less severe annotation", line)
				}
				lastSeverity = sev
				got[2-sev]++
				if cmd.props["title"] == "rampart" {
					notice = cmd.data
				}
			}
			if got != c.want {
				t.Errorf("wrote %v errors/warnings/notices, want %v", got, c.want)
			}
			if got[0]+got[1]+got[2] > 50 {
				t.Errorf("%v annotations, over the 50 of a job", got)
			}
			if c.omitted == "" && notice != "" || !strings.HasPrefix(notice, c.omitted) {
				t.Errorf("omitted notice = %q, want %q", notice, c.omitted)
			}
		})
	}
}

func TestGitHubStepSummary(t *testing.T) {
	var out, summary bytes.Buffer
	r := goldenResult()
	if err := WriteGitHub(&out, r, Options{StepSummary: &summary}); err != nil {
		t.Fatal(err)
	}
	if summary.String() != renderMarkdown(r, summaryLimit) {
		t.Error("the step summary is not the Markdown report")
	}
	if strings.Contains(out.String(), "#### Findings") {
		t.Error("the summary went to the log")
	}
	out.Reset()
	many := &Result{Findings: repeatFindings(12, "a.json", 40)}
	if err := WriteGitHub(&out, many, Options{StepSummary: &summary}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "2 more findings are not shown as annotations (2 warnings): GitHub keeps 10 of each kind per step. See the job summary.") {
		t.Errorf("omitted notice does not point at the summary:\n%s", out.String())
	}
	out.Reset()
	if err := WriteGitHub(&out, &Result{}, Options{}); err != nil {
		t.Fatal(err)
	}
	if out.String() != "0 errors, 0 warnings, 0 notes in 0 files\n" {
		t.Errorf("clean run: %q", out.String())
	}
}

func TestGitHubWriteErrors(t *testing.T) {
	if err := WriteGitHub(failingWriter{}, goldenResult(), Options{}); err == nil || !strings.Contains(err.Error(), "annotations") {
		t.Errorf("log write error = %v", err)
	}
	if err := WriteGitHub(&bytes.Buffer{}, goldenResult(), Options{StepSummary: failingWriter{}}); err == nil || !strings.Contains(err.Error(), "job summary") {
		t.Errorf("summary write error = %v", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
