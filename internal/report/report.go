// Package report writes the results of a run — findings, scenario results —
// in the formats users read them in: text for terminals, JSON as a stable
// contract for tools. One file per format.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/fatih/color"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/simulate"
)

// Version is the version of the JSON contract.
const Version = 1

// Result is everything a run produced.
type Result struct {
	Findings  []finding.Finding
	Scenarios []Scenario
	Files     int            // files read
	Rules     []finding.Rule // the rule catalogue, for formats that list it
	// CheckedFiles lists the repository-relative, slash-separated paths of
	// the files that were checked, the clean ones included; the JUnit
	// format writes one test case per file. The caller fills it.
	CheckedFiles []string
	// Source returns the parsed file at a path, for showing source lines;
	// it may return nil.
	Source func(path string) *policydoc.Document
}

// Scenario is one scenario result. Its JSON encoding is the "scenarios"
// element of the contract.
type Scenario = simulate.ScenarioResult

// StatementRef points at a statement that decided something.
type StatementRef = simulate.StatementRef

// Summary counts a result.
type Summary struct {
	Files     int            `json:"files"`
	Findings  finding.Counts `json:"findings"`
	Scenarios ScenarioCounts `json:"scenarios"`
}

// ScenarioCounts counts scenario results.
type ScenarioCounts struct {
	Total  int `json:"total"`
	Passed int `json:"passed"`
	Failed int `json:"failed"`
}

// Summarize counts the result.
func (r *Result) Summarize() Summary {
	s := Summary{Files: r.Files, Findings: finding.Count(r.Findings)}
	for _, sc := range r.Scenarios {
		s.Scenarios.Total++
		if sc.Pass {
			s.Scenarios.Passed++
		} else {
			s.Scenarios.Failed++
		}
	}
	return s
}

// Options control how a report is written.
type Options struct {
	Color bool // ANSI colours in text output
	// Verbose lists passing scenarios in text output too; without it only
	// failing ones are shown (all are counted in the summary).
	Verbose bool
	// ToolVersion is rampart's version, written into SARIF's
	// tool.driver.version (and semanticVersion when it is one); empty
	// leaves both out.
	ToolVersion string
	// StepSummary, when not nil, receives the Markdown job summary of the
	// github format. The caller opens the file named by
	// $GITHUB_STEP_SUMMARY for appending and passes it here.
	StepSummary io.Writer
}

// Writer writes a result in one format.
type Writer func(w io.Writer, r *Result, o Options) error

var writers = map[string]Writer{
	"text":     WriteText,
	"json":     WriteJSON,
	"sarif":    WriteSARIF,
	"markdown": WriteMarkdown,
	"github":   WriteGitHub,
	"junit":    WriteJUnit,
}

// Formats lists the format names, sorted.
func Formats() []string {
	out := make([]string, 0, len(writers))
	for k := range writers {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Lookup returns the writer of a format.
func Lookup(format string) (Writer, error) {
	w, ok := writers[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q: want one of %s", format, strings.Join(Formats(), ", "))
	}
	return w, nil
}

// palette holds the colours of one text report. Each colour is enabled or
// disabled explicitly, so the choice does not depend on global state.
type palette struct {
	err, warn, info, file, rule, dim, pass, fail *color.Color
}

func newPalette(on bool) palette {
	p := palette{
		err: color.New(color.FgRed, color.Bold), warn: color.New(color.FgYellow, color.Bold), info: color.New(color.FgCyan),
		file: color.New(color.Bold), rule: color.New(color.FgMagenta), dim: color.New(color.Faint),
		pass: color.New(color.FgGreen), fail: color.New(color.FgRed, color.Bold),
	}
	for _, c := range []*color.Color{p.err, p.warn, p.info, p.file, p.rule, p.dim, p.pass, p.fail} {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

func (p palette) severity(s finding.Severity) *color.Color {
	switch s {
	case finding.Error:
		return p.err
	case finding.Warning:
		return p.warn
	}
	return p.info
}
