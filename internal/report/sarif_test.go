package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"github.com/rampart-iam/rampart/internal/finding"
)

var (
	sarifSchemaOnce sync.Once
	sarifSchemaV    *gojsonschema.Schema
	sarifSchemaErr  error
)

// loadSARIFSchema compiles the official SARIF 2.1.0 schema (draft-04) once.
func loadSARIFSchema(t testing.TB) *gojsonschema.Schema {
	t.Helper()
	sarifSchemaOnce.Do(func() {
		raw, err := os.ReadFile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
		if err != nil {
			sarifSchemaErr = err
			return
		}
		sarifSchemaV, sarifSchemaErr = gojsonschema.NewSchema(gojsonschema.NewBytesLoader(raw))
	})
	if sarifSchemaErr != nil {
		t.Fatalf("SARIF schema: %v", sarifSchemaErr)
	}
	return sarifSchemaV
}

// validateSARIF fails the test when doc does not satisfy the SARIF schema.
func validateSARIF(t testing.TB, doc []byte) {
	t.Helper()
	res, err := loadSARIFSchema(t).Validate(gojsonschema.NewBytesLoader(doc))
	if err != nil {
		t.Fatalf("validating SARIF: %v", err)
	}
	for _, e := range res.Errors() {
		t.Errorf("SARIF schema: %s", e)
	}
}

func TestSARIFSchema(t *testing.T) {
	cases := []struct {
		name string
		doc  func(t *testing.T) []byte
	}{
		{"golden file", func(t *testing.T) []byte {
			b, err := os.ReadFile(filepath.Join("testdata", "golden", "report.sarif"))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}},
		{"empty result", func(t *testing.T) []byte { return renderSARIF(t, &Result{}, Options{}) }},
		{"whole-file and file-less findings", func(t *testing.T) []byte {
			return renderSARIF(t, &Result{Findings: []finding.Finding{
				{Rule: "VAL007", Name: "input-limit", Severity: finding.Error, Message: "file over 4 MiB", File: "big.json"},
				{Rule: "CFG001", Name: "unused-suppression", Severity: finding.Warning, Message: "suppression 2 matches nothing"},
				{Rule: "X1", Severity: finding.Info, File: "a.json", Line: 3, Column: 9, EndLine: 2, EndColumn: 1},
			}}, Options{ToolVersion: "devel"})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { validateSARIF(t, c.doc(t)) })
	}
}

// TestSARIFSchemaCatchesErrors makes sure the schema check above can fail.
func TestSARIFSchemaCatchesErrors(t *testing.T) {
	for _, bad := range []string{
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`,                                          // driver without name
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {}}]}]}`, // message without text or id
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "columnKind": "bytes"}]}`,
	} {
		res, err := loadSARIFSchema(t).Validate(gojsonschema.NewStringLoader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if res.Valid() {
			t.Errorf("schema accepts %s", bad)
		}
	}
}

func renderSARIF(t testing.TB, r *Result, o Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSARIF(&b, r, o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func decodeSARIF(t testing.TB, doc []byte) sarifLog {
	t.Helper()
	var log sarifLog
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("decoding SARIF: %v\n%s", err, doc)
	}
	return log
}

func TestSARIFRegion(t *testing.T) {
	cases := []struct {
		name                       string
		line, col, endLine, endCol int
		want                       sarifRegion
	}{
		{"range on one line keeps the exclusive end", 7, 17, 7, 20, sarifRegion{StartLine: 7, StartColumn: 17, EndLine: 7, EndColumn: 20}},
		{"multi-line range", 9, 5, 13, 6, sarifRegion{StartLine: 9, StartColumn: 5, EndLine: 13, EndColumn: 6}},
		{"point", 3, 4, 0, 0, sarifRegion{StartLine: 3, StartColumn: 4}},
		{"empty range on one line", 3, 4, 3, 4, sarifRegion{StartLine: 3, StartColumn: 4}},
		{"end before start", 3, 9, 2, 1, sarifRegion{StartLine: 3, StartColumn: 9}},
		{"whole file", 0, 0, 0, 0, sarifRegion{StartLine: 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := finding.Finding{Rule: "R1", Message: "m", File: "a.json", Line: c.line, Column: c.col, EndLine: c.endLine, EndColumn: c.endCol}
			log := decodeSARIF(t, renderSARIF(t, &Result{Findings: []finding.Finding{f}}, Options{}))
			got := *log.Runs[0].Results[0].Locations[0].PhysicalLocation.Region
			if got != c.want {
				t.Errorf("region = %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestSARIFResults(t *testing.T) {
	r := goldenResult()
	log := decodeSARIF(t, renderSARIF(t, r, goldenOptions()))
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" || run.Tool.Driver.Name != "rampart" || run.Tool.Driver.Version != "1.4.0" {
		t.Errorf("run header: %+v %+v", run.ColumnKind, run.Tool.Driver)
	}
	if len(run.Results) != len(r.Findings) {
		t.Fatalf("%d results for %d findings: suppressed findings must stay in the log", len(run.Results), len(r.Findings))
	}
	rules := run.Tool.Driver.Rules
	hashes := map[string]bool{}
	suppressed := 0
	for i, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(rules) || rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex %d does not point at %s", i, res.RuleIndex, res.RuleID)
		}
		h := res.PartialFingerprints[lineHashKey]
		if h == "" || hashes[h] {
			t.Errorf("result %d: primaryLocationLineHash %q missing or repeated", i, h)
		}
		hashes[h] = true
		if len(res.PartialFingerprints) != 1 {
			t.Errorf("result %d: GitHub reads only %s, got %v", i, lineHashKey, res.PartialFingerprints)
		}
		if len(res.Locations) != 1 || strings.HasPrefix(res.Locations[0].PhysicalLocation.ArtifactLocation.URI, "/") {
			t.Errorf("result %d: want one repository-relative location, got %+v", i, res.Locations)
		}
		if len(res.Suppressions) > 0 {
			suppressed++
			s := res.Suppressions[0]
			if s.Kind != "external" || s.Status != "accepted" {
				t.Errorf("result %d: suppression %+v", i, s)
			}
		}
	}
	if suppressed != 2 {
		t.Errorf("%d suppressed results, want 2", suppressed)
	}
	levels := map[string]string{}
	for _, res := range run.Results {
		levels[res.RuleID] = res.Level
	}
	if levels["LP001"] != "error" || levels["TR001"] != "warning" || levels["ST003"] != "note" {
		t.Errorf("levels = %v", levels)
	}
	for _, rule := range rules {
		p := rule.Properties
		if p == nil || len(p.Tags) == 0 || p.Tags[0] != "security" || p.SecuritySeverity == "" {
			t.Errorf("rule %s: GitHub needs the security tag and a security-severity, got %+v", rule.ID, p)
		}
		if rule.ID == "LP001" && (rule.HelpURI == "" || rule.Help == nil || !strings.Contains(rule.Help.Markdown, "Remediation")) {
			t.Errorf("rule LP001 lost its help: %+v", rule)
		}
	}
	if !hasRule(rules, "PE002") {
		t.Error("a rule that only a finding names must still be listed")
	}
	if !hasRule(rules, "VAL010") {
		t.Error("every rule of the catalogue must be listed")
	}
}

func hasRule(rules []sarifRule, id string) bool {
	for _, r := range rules {
		if r.ID == id {
			return true
		}
	}
	return false
}

func TestSARIFFindingWithoutFile(t *testing.T) {
	fs := []finding.Finding{
		{Rule: "CFG001", Name: "unused-suppression", Severity: finding.Warning, Message: "suppression 2 matches nothing"},
		{Rule: "CFG001", Name: "unused-suppression", Severity: finding.Warning, Message: "suppression 3 matches nothing", Suppressed: true},
		{Rule: "VAL007", Name: "input-limit", Severity: finding.Error, Message: "file over 4 MiB", File: "big.json"},
	}
	log := decodeSARIF(t, renderSARIF(t, &Result{Findings: fs}, Options{}))
	run := log.Runs[0]
	if len(run.Results) != 1 || run.Results[0].RuleID != "VAL007" || len(run.Results[0].Locations) != 1 {
		t.Errorf("results = %+v, want only the finding with a file", run.Results)
	}
	if len(run.Invocations) != 1 || len(run.Invocations[0].ToolExecutionNotifications) != 1 {
		t.Fatalf("invocations = %+v, want one notification", run.Invocations)
	}
	n := run.Invocations[0].ToolExecutionNotifications[0]
	if n.AssociatedRule.ID != "CFG001" || run.Tool.Driver.Rules[n.AssociatedRule.Index].ID != "CFG001" || n.Level != "warning" ||
		n.Message.Text != "suppression 2 matches nothing." {
		t.Errorf("notification = %+v", n)
	}
}

func TestSARIFFingerprintOccurrences(t *testing.T) {
	f := finding.Finding{Rule: "R1", Message: "m", File: "a.json", Line: 1, Column: 1, Fingerprint: "abc"}
	g := f
	g.Line = 2
	log := decodeSARIF(t, renderSARIF(t, &Result{Findings: []finding.Finding{g, f}}, Options{}))
	var got []string
	for _, res := range log.Runs[0].Results {
		got = append(got, res.PartialFingerprints[lineHashKey])
	}
	if strings.Join(got, " ") != "abc:1 abc:2" {
		t.Errorf("hashes = %v, want abc:1 abc:2 in line order", got)
	}
}

func TestSARIFSuppression(t *testing.T) {
	cases := []struct {
		name string
		s    *finding.Suppression
		want sarifSuppression
	}{
		{"config with reason", &finding.Suppression{Kind: "config", Reason: "reviewed", Owner: "secops", Expires: "2027-01-31"},
			sarifSuppression{Kind: "external", Status: "accepted", Justification: "reviewed",
				Properties: &sarifSuppressionDetail{Source: "config", Owner: "secops", Expires: "2027-01-31"}}},
		{"baseline", &finding.Suppression{Kind: "baseline"},
			sarifSuppression{Kind: "external", Status: "accepted", Justification: "accepted in the baseline",
				Properties: &sarifSuppressionDetail{Source: "baseline"}}},
		{"unknown", nil, sarifSuppression{Kind: "external", Status: "accepted"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := sarifSuppressionOf(c.s)
			gb, _ := json.Marshal(got)
			wb, _ := json.Marshal(c.want)
			if !bytes.Equal(gb, wb) {
				t.Errorf("got %s, want %s", gb, wb)
			}
		})
	}
}

func TestFileURI(t *testing.T) {
	cases := map[string]string{
		"iam/policies/ops.json":        "iam/policies/ops.json",
		"iam/policies/dev bucket.json": "iam/policies/dev%20bucket.json",
		"iam/100%.json":                "iam/100%25.json",
		"iam/a#b?.json":                "iam/a%23b%3F.json",
		"c:x.json":                     "./c:x.json",
		"//host/x.json":                "/host/x.json",
		"iam/数据.json":                  "iam/%E6%95%B0%E6%8D%AE.json",
	}
	for in, want := range cases {
		if got := fileURI(in); got != want {
			t.Errorf("fileURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestToolVersion(t *testing.T) {
	cases := map[string]string{"v1.4.0": "1.4.0", "1.4.0": "1.4.0", "(devel)": "(devel)", "v": "v", "vNext": "vNext", "": ""}
	for in, want := range cases {
		if got := toolVersion(in); got != want {
			t.Errorf("toolVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSemver(t *testing.T) {
	cases := map[string]string{"1.4.0": "1.4.0", "v1.4.0": "1.4.0", "v1.4.0-rc.1+abc": "1.4.0-rc.1+abc", "devel": "", "1.4": "", "01.2.3": "", "(devel)": ""}
	for in, want := range cases {
		got, ok := semver(in)
		if got != want || ok != (want != "") {
			t.Errorf("semver(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestAbsoluteURL(t *testing.T) {
	cases := map[string]string{
		"https://example.com/rules/LP001": "https://example.com/rules/LP001",
		"http://example.com":              "http://example.com",
		"rules/LP001.md":                  "",
		"/rules/LP001":                    "",
		"javascript:alert(1)":             "",
		"https://":                        "",
		"https://a b":                     "",
		"":                                "",
	}
	for in, want := range cases {
		if got := absoluteURL(in); got != want {
			t.Errorf("absoluteURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSentence(t *testing.T) {
	cases := map[string]string{"no Sid": "no Sid.", "done.": "done.", "why?": "why?", "trailing \n": "trailing.", "": "", "list:": "list:"}
	for in, want := range cases {
		if got := sentence(in); got != want {
			t.Errorf("sentence(%q) = %q, want %q", in, got, want)
		}
	}
}
