package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/rampart-iam/rampart/internal/finding"
)

// annotationsPerStep is how many annotations of each kind (error, warning,
// notice) GitHub Actions keeps for one step; it drops the rest silently.
// Three kinds at ten each stay within the 50 a job keeps.
const annotationsPerStep = 10

// WriteGitHub writes the findings as GitHub Actions workflow commands
// (::error, ::warning, ::notice for info), the most severe first, then a
// plain summary line for the log. GitHub keeps at most ten annotations of
// each kind per step, so no more are written; one last notice says how
// many findings were left out. Suppressed findings are not annotated. When
// Options.StepSummary is set, the Markdown report (truncated under the 1 MiB
// GitHub accepts) is written to it as the job summary.
func WriteGitHub(w io.Writer, r *Result, o Options) error {
	bw := bufio.NewWriter(w)
	shown, omitted := annotationsToShow(r.Findings)
	for _, f := range shown {
		bw.WriteString(workflowCommand(f))
	}
	if n := omitted.Error + omitted.Warning + omitted.Info; n > 0 {
		msg := fmt.Sprintf("%s not shown as annotations (%s): GitHub keeps %d of each kind per step.",
			plural(n, "more finding is", "more findings are"), countLine(omitted), annotationsPerStep)
		if o.StepSummary != nil {
			msg += " See the job summary."
		}
		bw.WriteString("::notice title=" + escapeProperty("rampart") + "::" + escapeData(msg) + "\n")
	}
	bw.WriteString(summaryLine(r.Summarize(), len(r.Scenarios) > 0) + "\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing GitHub annotations: %w", err)
	}
	if o.StepSummary != nil {
		if _, err := io.WriteString(o.StepSummary, renderMarkdown(r, summaryLimit)); err != nil {
			return fmt.Errorf("writing the GitHub job summary: %w", err)
		}
	}
	return nil
}

// annotationsToShow picks the unsuppressed findings to annotate, errors
// first, then warnings, then notes, each in file order, at most
// annotationsPerStep of each; it counts the others. When some are left out,
// one notice is kept free for saying so.
func annotationsToShow(fs []finding.Finding) ([]finding.Finding, finding.Counts) {
	var open []finding.Finding
	for _, f := range sortedFindings(fs) {
		if !f.Suppressed {
			open = append(open, f)
		}
	}
	slices.SortStableFunc(open, func(a, b finding.Finding) int { return cmp.Compare(b.Severity, a.Severity) })
	total := finding.Count(open)
	limit := finding.Counts{Error: annotationsPerStep, Warning: annotationsPerStep, Info: annotationsPerStep}
	if total.Error > limit.Error || total.Warning > limit.Warning || total.Info > limit.Info {
		limit.Info-- // room for the notice about the others
	}
	var shown []finding.Finding
	var kept finding.Counts
	for _, f := range open {
		n, most := &kept.Info, limit.Info
		switch f.Severity {
		case finding.Error:
			n, most = &kept.Error, limit.Error
		case finding.Warning:
			n, most = &kept.Warning, limit.Warning
		}
		if *n < most {
			*n++
			shown = append(shown, f)
		}
	}
	return shown, finding.Counts{Error: total.Error - kept.Error, Warning: total.Warning - kept.Warning, Info: total.Info - kept.Info}
}

// workflowCommand is the annotation of one finding, ending in a newline.
// The runner accepts columns only on a one-line range; its end column is
// taken as the last column of the range, one less than Finding's exclusive
// end.
func workflowCommand(f finding.Finding) string {
	cmd := "notice"
	switch f.Severity {
	case finding.Error:
		cmd = "error"
	case finding.Warning:
		cmd = "warning"
	}
	var props []string
	if f.File != "" {
		props = append(props, "file="+escapeProperty(f.File))
		if f.Line > 0 {
			props = append(props, "line="+strconv.Itoa(f.Line))
			endLine := max(f.EndLine, f.Line)
			if endLine > f.Line {
				props = append(props, "endLine="+strconv.Itoa(endLine))
			}
			if endLine == f.Line && f.Column > 0 {
				props = append(props, "col="+strconv.Itoa(f.Column))
				if last := f.EndColumn - 1; f.EndLine == f.Line && last >= f.Column {
					props = append(props, "endColumn="+strconv.Itoa(last))
				}
			}
		}
	}
	props = append(props, "title="+escapeProperty(strings.TrimSpace(f.Rule+" "+f.Name)))
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + escapeData(cmp.Or(f.Message, f.Name, f.Rule)) + "\n"
}

// escapeData escapes the message of a workflow command, as the runner
// unescapes it: '%', CR and LF.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a property value of a workflow command: as
// escapeData, and ':' and ',' which would end the value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
