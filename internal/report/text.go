package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rampart-iam/rampart/internal/finding"
)

// WriteText writes findings like a compiler does, each with its source line
// and a caret under the element at fault, then the scenario results and a
// summary line. Suppressed findings are left out (they are counted).
func WriteText(w io.Writer, r *Result, o Options) error {
	bw := bufio.NewWriter(w)
	p := newPalette(o.Color)
	for _, f := range r.Findings {
		if f.Suppressed {
			continue
		}
		fmt.Fprintf(bw, "%s: %s %s %s: %s\n", p.file.Sprint(f.Location()), p.severity(f.Severity).Sprint(f.Severity), p.rule.Sprint(f.Rule), f.Name, f.Message)
		writeSnippet(bw, r, f, p)
		for _, rel := range f.Related {
			loc := rel.File
			if rel.Line > 0 {
				loc = fmt.Sprintf("%s:%d:%d", rel.File, rel.Line, rel.Column)
			}
			if loc != "" {
				loc += ": "
			}
			fmt.Fprintf(bw, "    %s%s\n", p.dim.Sprint(loc), rel.Message)
		}
	}
	if len(r.Scenarios) > 0 {
		writeScenarios(bw, r, p, o.Verbose)
	}
	fmt.Fprintln(bw, summaryLine(r.Summarize(), len(r.Scenarios) > 0))
	return bw.Flush()
}

// writeSnippet shows the source line of a finding with a caret under its
// range (a tilde run when the range spans several characters on the line).
func writeSnippet(w io.Writer, r *Result, f finding.Finding, p palette) {
	if r.Source == nil || f.Line == 0 {
		return
	}
	doc := r.Source(f.File)
	if doc == nil {
		return
	}
	line := doc.Line(f.Line)
	if strings.TrimSpace(line) == "" || utf8.RuneCountInString(line) > 400 {
		return
	}
	num := strconv.Itoa(f.Line)
	gutter := strings.Repeat(" ", len(num))
	fmt.Fprintf(w, "  %s | %s\n", p.dim.Sprint(num), line)
	var pad strings.Builder
	col := 1
	for _, c := range line {
		if col >= f.Column {
			break
		}
		if c == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
		col++
	}
	width := 1
	if f.EndLine == f.Line && f.EndColumn > f.Column {
		width = f.EndColumn - f.Column
	} else if f.EndLine > f.Line {
		width = max(1, utf8.RuneCountInString(line)-f.Column+1)
	}
	marker := "^" + strings.Repeat("~", width-1)
	fmt.Fprintf(w, "  %s | %s%s\n", gutter, pad.String(), p.severity(f.Severity).Sprint(marker))
}

func writeScenarios(w io.Writer, r *Result, p palette, verbose bool) {
	for _, s := range r.Scenarios {
		if s.Pass && !verbose {
			continue
		}
		mark := p.pass.Sprint("PASS")
		if !s.Pass {
			mark = p.fail.Sprint("FAIL")
		}
		fmt.Fprintf(w, "%s %s %s\n", mark, p.file.Sprintf("%s:%d:", s.File, s.Line), s.Name)
		fmt.Fprintf(w, "     %s %s on %s: %s", s.Principal, s.Action, s.Resource, s.Decision)
		if s.Expect != "" && !s.Pass {
			fmt.Fprintf(w, " (expected %s)", s.Expect)
		}
		fmt.Fprintln(w)
		if s.Error != "" {
			fmt.Fprintf(w, "     %s\n", s.Error)
		}
		if !s.Pass {
			for _, e := range explanation(s) {
				fmt.Fprintf(w, "     %s\n", p.dim.Sprint(e))
			}
		}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func summaryLine(s Summary, scenarios bool) string {
	line := fmt.Sprintf("%s, %s, %s in %s",
		plural(s.Findings.Error, "error", "errors"), plural(s.Findings.Warning, "warning", "warnings"),
		plural(s.Findings.Info, "note", "notes"), plural(s.Files, "file", "files"))
	if scenarios {
		line += fmt.Sprintf("; %s: %d passed, %d failed", plural(s.Scenarios.Total, "scenario", "scenarios"), s.Scenarios.Passed, s.Scenarios.Failed)
	}
	return line
}
