package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rampart-iam/rampart/internal/finding"
)

// FuzzWorkflowEscape checks that what the github format escapes, the Actions
// runner reads back unchanged: the message, a property value, and a whole
// command line built from a finding, with no line break left in it.
func FuzzWorkflowEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "100%", "%25", "%0A", "a\nb\r\nc", "a:b,c", "::error::x", "%%3A,:", "title=x,file=y", "\x00\xff"} {
		f.Add(s, s, s)
	}
	f.Fuzz(func(t *testing.T, msg, file, name string) {
		if got := unescapeData(escapeData(msg)); got != msg {
			t.Fatalf("data %q -> %q -> %q", msg, escapeData(msg), got)
		}
		if got := unescapeProperty(escapeProperty(file)); got != file {
			t.Fatalf("property %q -> %q -> %q", file, escapeProperty(file), got)
		}
		if p := escapeProperty(file); strings.ContainsAny(p, ",:\r\n") {
			t.Fatalf("escaped property %q still holds a separator", p)
		}
		fd := finding.Finding{Rule: "R1", Name: name, Severity: finding.Warning, Message: msg, File: file, Line: 3, Column: 2, EndLine: 3, EndColumn: 9}
		line := workflowCommand(fd)
		if strings.ContainsAny(strings.TrimSuffix(line, "\n"), "\r\n") {
			t.Fatalf("line break inside %q", line)
		}
		c, err := parseCommand(strings.TrimSuffix(line, "\n"))
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		wantMsg := cmp.Or(msg, name, "R1")
		if c.name != "warning" || c.data != wantMsg || c.props["title"] != strings.TrimSpace("R1 "+name) {
			t.Fatalf("%q parsed as %+v", line, c)
		}
		if file != "" && (c.props["file"] != file || c.props["line"] != "3" || c.props["col"] != "2" || c.props["endColumn"] != "8") {
			t.Fatalf("%q parsed as %+v", line, c)
		}
	})
}

// FuzzSARIF checks that the SARIF writer always writes valid JSON that the
// SARIF schema accepts, keeps
// the message (made a sentence) and the rule, and writes a location URI
// that resolves back to the file.
func FuzzSARIF(f *testing.F) {
	f.Add("statement \"All\" allows every action", "iam/policies/ops.json", "LP001", "full-admin", 7, 17, 7, 20, false, "")
	f.Add("100% | a\nb", "iam/dev bucket.json", "TR001", "a,b", 0, 0, 0, 0, true, "reviewed")
	f.Add("\x00\xff\u2028<script>", "c:x#y?.json", "", "", -1, -5, 3, 1, true, "")
	f.Add("m", "//host/x.json", "R", "n", 2, 1, 2, 1, false, "")
	f.Add("m", "a.json", "R", "n", 2, 1, 2, 1, true, "rules/R.md")
	f.Fuzz(func(t *testing.T, msg, file, rule, name string, line, col, endLine, endCol int, suppressed bool, reason string) {
		fd := finding.Finding{Rule: rule, Name: name, Severity: finding.Severity(uint(line) % 3), Message: msg, File: file,
			Line: line, Column: col, EndLine: endLine, EndColumn: endCol, Suppressed: suppressed}
		if suppressed {
			fd.Suppression = &finding.Suppression{Kind: "config", Reason: reason}
		}
		r := &Result{Findings: []finding.Finding{fd}, Rules: []finding.Rule{{ID: rule, Name: name, Title: msg, HelpURI: reason}}}
		var b bytes.Buffer
		if err := WriteSARIF(&b, r, Options{ToolVersion: name}); err != nil {
			t.Fatal(err)
		}
		if !json.Valid(b.Bytes()) {
			t.Fatalf("invalid JSON:\n%s", b.Bytes())
		}
		validateSARIF(t, b.Bytes())
		var log sarifLog
		if err := json.Unmarshal(b.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		run := log.Runs[0]
		if file == "" {
			if !suppressed && len(run.Invocations) != 1 {
				t.Fatalf("a finding without a file must be a notification: %s", b.Bytes())
			}
			return
		}
		if len(run.Results) != 1 {
			t.Fatalf("%d results", len(run.Results))
		}
		res := run.Results[0]
		if (utf8.ValidString(rule) && res.RuleID != rule) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Fatalf("rule %q written as %q (index %d)", rule, res.RuleID, res.RuleIndex)
		}
		if utf8.ValidString(msg) && msg != "" && !strings.ContainsRune(msg, 0xFFFD) && res.Message.Text != sentence(msg) {
			t.Fatalf("message %q written as %q", msg, res.Message.Text)
		}
		reg := res.Locations[0].PhysicalLocation.Region
		if reg.StartLine < 1 || reg.StartColumn < 0 || (reg.EndLine != 0 && reg.EndLine < reg.StartLine) ||
			(reg.EndLine == reg.StartLine && reg.EndColumn != 0 && reg.EndColumn <= reg.StartColumn) {
			t.Fatalf("invalid region %+v", *reg)
		}
		u, err := url.Parse(res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		if err != nil || u.Scheme != "" || u.Host != "" {
			t.Fatalf("uri %q of %q: %v", res.Locations[0].PhysicalLocation.ArtifactLocation.URI, file, err)
		}
		if want := strings.TrimPrefix(file, "./"); utf8.ValidString(file) && !strings.HasPrefix(file, "//") && strings.TrimPrefix(u.Path, "./") != want {
			t.Fatalf("uri %q resolves to %q, not %q", res.Locations[0].PhysicalLocation.ArtifactLocation.URI, u.Path, file)
		}
	})
}
