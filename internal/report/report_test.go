package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

func TestTextSnippetAndColour(t *testing.T) {
	src := "{\n\t\"Version\": \"1\",\n\t\"Statement\": []\n}\n"
	doc, err := policydoc.Parse("p.json", []byte(src), policydoc.JSON, policydoc.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	f := finding.At(finding.RuleSchema, doc, "/Statement", policydoc.TargetValue, "Statement must not be an empty list")
	r := &Result{Findings: []finding.Finding{f, {Rule: "X", Suppressed: true, File: "p.json", Line: 1, Column: 1}}, Files: 1,
		Source: func(string) *policydoc.Document { return doc }}
	var plain bytes.Buffer
	if err := WriteText(&plain, r, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "p.json:3:15: error VAL003 schema: Statement must not be an empty list\n" +
		"  3 | \t\"Statement\": []\n" +
		"    | \t             ^~\n" +
		"1 error, 0 warnings, 0 notes in 1 file\n"
	if plain.String() != want {
		t.Errorf("text:\n%q\nwant:\n%q", plain.String(), want)
	}
	var coloured bytes.Buffer
	if err := WriteText(&coloured, r, Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(coloured.String(), "\x1b[31;1merror\x1b[0;22m") {
		t.Errorf("no colour in %q", coloured.String())
	}
}

func TestJSONContract(t *testing.T) {
	r := &Result{Files: 2, Scenarios: []Scenario{{Name: "s", Pass: false, Decision: "implicit-deny", Expect: "allow"}}}
	var b bytes.Buffer
	if err := WriteJSON(&b, r, Options{}); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"version", "findings", "scenarios", "summary"} {
		if _, ok := got[key]; !ok {
			t.Errorf("missing %q in %s", key, b.String())
		}
	}
	if got["findings"] == nil || len(got["findings"].([]any)) != 0 {
		t.Errorf("findings must be an empty list, got %v", got["findings"])
	}
	sc := got["scenarios"].([]any)[0].(map[string]any)
	if m, ok := sc["matched"].([]any); !ok || len(m) != 0 {
		t.Errorf("matched must be an empty list, got %v", sc["matched"])
	}
	if r.Scenarios[0].Matched != nil {
		t.Error("WriteJSON changed its input")
	}
	sum := got["summary"].(map[string]any)["scenarios"].(map[string]any)
	if sum["failed"].(float64) != 1 || sum["total"].(float64) != 1 {
		t.Errorf("summary = %v", sum)
	}
}

func TestLookup(t *testing.T) {
	want := []string{"github", "json", "junit", "markdown", "sarif", "text"}
	if got := Formats(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Formats() = %v, want %v", got, want)
	}
	for _, name := range want {
		if w, err := Lookup(name); err != nil || w == nil {
			t.Errorf("Lookup(%s) = %v", name, err)
		}
	}
	if _, err := Lookup("yaml"); err == nil || !strings.Contains(err.Error(), strings.Join(want, ", ")) {
		t.Errorf("Lookup(yaml) = %v", err)
	}
}
