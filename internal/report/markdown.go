package report

import (
	"cmp"
	"fmt"
	"html"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/rampart-iam/rampart/internal/finding"
)

// Size limits of the places Markdown reports are posted to, in bytes (which
// never undercount characters). GitHub refuses a comment body over 65,536
// characters and a step summary over 1 MiB.
const (
	commentLimit = 65_000
	summaryLimit = 1_000_000
)

// manyFindings is the number of findings above which the Markdown report
// groups them per file, each file in a collapsed <details> section.
const manyFindings = 10

// markdownMarker starts every Markdown report, so that a workflow can find
// and update its earlier comment on a pull request.
const markdownMarker = "<!-- rampart report -->\n"

// WriteMarkdown writes GitHub-flavoured Markdown for a pull-request comment:
// a summary line, the findings (a table, or one collapsed table per file
// when there are many; suppressed ones only counted), and the scenario
// results with the explanation of each failure. It stays under GitHub's
// size limit for comments: what does not fit is counted, not shown.
func WriteMarkdown(w io.Writer, r *Result, _ Options) error {
	if _, err := io.WriteString(w, renderMarkdown(r, commentLimit)); err != nil {
		return fmt.Errorf("writing Markdown: %w", err)
	}
	return nil
}

// renderMarkdown renders the report in at most limit bytes. Each section is
// rendered by its own function within a byte budget; the scenarios may take
// a third of what the header leaves, the findings the rest. A new section
// (such as an access diff) gets its own function and share here.
func renderMarkdown(r *Result, limit int) string {
	head := mdHeader(r)
	rest := limit - len(head)
	scenarios := mdScenarios(r, rest/3)
	findings := mdFindings(r, rest-len(scenarios))
	return head + findings + scenarios
}

// mdHeader is the marker and the summary line, with an icon for the worst
// outcome.
func mdHeader(r *Result) string {
	s := r.Summarize()
	icon := ":white_check_mark:"
	switch {
	case s.Findings.Error > 0 || s.Scenarios.Failed > 0:
		icon = ":x:"
	case s.Findings.Warning > 0:
		icon = ":warning:"
	}
	return markdownMarker + "### " + icon + " rampart: " + mdText(summaryLine(s, len(r.Scenarios) > 0), false) + "\n"
}

// mdTail is the room a section keeps for its closing lines: the end of a
// <details> block, the note on what did not fit and the suppressed count.
const mdTail = 512

// mdFindings renders the findings section within budget bytes.
func mdFindings(r *Result, budget int) string {
	var open []finding.Finding
	suppressedBy := map[string]int{}
	suppressed := 0
	for _, f := range sortedFindings(r.Findings) {
		if f.Suppressed {
			suppressed++
			kind := "config"
			if f.Suppression != nil && f.Suppression.Kind != "" {
				kind = f.Suppression.Kind
			}
			suppressedBy[kind]++
			continue
		}
		open = append(open, f)
	}
	help := map[string]string{}
	for _, rule := range r.Rules {
		if rule.HelpURI != "" {
			help[rule.ID] = rule.HelpURI
		}
	}
	var b strings.Builder
	b.WriteString("\n#### Findings\n\n")
	shown := 0
	switch files := findingFiles(open); {
	case len(open) == 0:
		b.WriteString("No findings.\n")
	case len(open) <= manyFindings || len(files) == 1:
		b.WriteString("| Location | Severity | Rule | Message |\n|---|---|---|---|\n")
		for _, f := range open {
			row := mdFindingRow(mdCode(findingPlace(f, true), true), f, help)
			if b.Len()+len(row)+mdTail > budget {
				break
			}
			b.WriteString(row)
			shown++
		}
	default:
		const closing = "\n</details>\n\n"
	groups:
		for _, file := range files {
			group := findingsOf(open, file)
			c := finding.Count(group)
			opening := fmt.Sprintf("<details><summary><code>%s</code>: %s</summary>\n\n| Line | Severity | Rule | Message |\n|---|---|---|---|\n",
				html.EscapeString(cmp.Or(file, "(no file)")), countLine(c))
			if b.Len()+len(opening)+len(closing)+mdTail > budget {
				break
			}
			b.WriteString(opening)
			for _, f := range group {
				row := mdFindingRow(mdText(findingPlace(f, false), true), f, help)
				if b.Len()+len(row)+len(closing)+mdTail > budget {
					b.WriteString(closing)
					break groups
				}
				b.WriteString(row)
				shown++
			}
			b.WriteString(closing)
		}
	}
	if shown < len(open) {
		fmt.Fprintf(&b, "\n_%s not shown here: the report is longer than GitHub accepts. The text, JSON or SARIF report lists them all._\n",
			plural(len(open)-shown, "more finding is", "more findings are"))
	}
	if suppressed > 0 {
		var kinds []string
		for _, k := range slices.Sorted(maps.Keys(suppressedBy)) {
			kinds = append(kinds, fmt.Sprintf("%d by the %s", suppressedBy[k], suppressionSource(k)))
		}
		fmt.Fprintf(&b, "\n%s not listed (%s).\n", plural(suppressed, "suppressed finding is", "suppressed findings are"), strings.Join(kinds, ", "))
	}
	return b.String()
}

func mdFindingRow(place string, f finding.Finding, help map[string]string) string {
	rule := mdText(f.Rule, true)
	if u, ok := help[f.Rule]; ok {
		rule = "[" + rule + "](" + linkDestination(u) + ")"
	}
	if f.Name != "" {
		rule += " " + mdText(f.Name, true)
	}
	return "| " + place + " | " + f.Severity.String() + " | " + rule + " | " + mdText(f.Message, true) + " |\n"
}

// findingPlace is "file:line" (or the line alone, or lines "9–13").
func findingPlace(f finding.Finding, withFile bool) string {
	lines := ""
	switch {
	case f.Line > 0 && f.EndLine > f.Line:
		lines = strconv.Itoa(f.Line) + "–" + strconv.Itoa(f.EndLine)
	case f.Line > 0:
		lines = strconv.Itoa(f.Line)
	}
	if !withFile {
		return cmp.Or(lines, "file")
	}
	if lines == "" {
		return cmp.Or(f.File, "(no file)")
	}
	return f.File + ":" + lines
}

// findingFiles lists the files of the findings in order, once each.
func findingFiles(fs []finding.Finding) []string {
	var files []string
	for _, f := range fs {
		if len(files) == 0 || files[len(files)-1] != f.File {
			files = append(files, f.File)
		}
	}
	return files
}

func findingsOf(fs []finding.Finding, file string) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if f.File == file {
			out = append(out, f)
		}
	}
	return out
}

// countLine says "1 error, 2 warnings", leaving out the severities at zero.
func countLine(c finding.Counts) string {
	var parts []string
	if c.Error > 0 {
		parts = append(parts, plural(c.Error, "error", "errors"))
	}
	if c.Warning > 0 {
		parts = append(parts, plural(c.Warning, "warning", "warnings"))
	}
	if c.Info > 0 {
		parts = append(parts, plural(c.Info, "note", "notes"))
	}
	return cmp.Or(strings.Join(parts, ", "), "no findings")
}

func suppressionSource(kind string) string {
	switch kind {
	case "config":
		return "configuration"
	case "baseline":
		return "baseline"
	}
	return kind
}

// mdScenarios renders the scenario section within budget bytes: a table
// with the failures first, then why each failure failed. It is empty when
// the run had no scenarios.
func mdScenarios(r *Result, budget int) string {
	if len(r.Scenarios) == 0 {
		return ""
	}
	scs := slices.Clone(r.Scenarios)
	slices.SortStableFunc(scs, func(a, b Scenario) int {
		return cmp.Or(cmpBool(a.Pass, b.Pass), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	var b strings.Builder
	b.WriteString("\n#### Scenarios\n\n| Result | Scenario | Request | Decision | Expected |\n|---|---|---|---|---|\n")
	shown := 0
	for _, s := range scs {
		row := mdScenarioRow(s)
		if b.Len()+len(row)+mdTail > budget {
			break
		}
		b.WriteString(row)
		shown++
	}
	var why strings.Builder
	explained := true
	for _, s := range scs[:shown] {
		if s.Pass {
			continue
		}
		item := mdScenarioFailure(s)
		if b.Len()+why.Len()+len(item)+mdTail > budget {
			explained = false
			break
		}
		why.WriteString(item)
	}
	if why.Len() > 0 {
		b.WriteString("\n##### Why scenarios failed\n\n")
		b.WriteString(why.String())
	}
	if shown < len(scs) {
		fmt.Fprintf(&b, "\n_%s not shown here: the report is longer than GitHub accepts. The text or JSON report lists them all._\n",
			plural(len(scs)-shown, "more scenario is", "more scenarios are"))
	} else if !explained {
		b.WriteString("\n_Some explanations are not shown here: the report is longer than GitHub accepts. The text or JSON report has them all._\n")
	}
	return b.String()
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

func mdScenarioRow(s Scenario) string {
	result := ":white_check_mark: pass"
	switch {
	case s.Error != "":
		result = ":x: error"
	case !s.Pass:
		result = ":x: fail"
	}
	name := mdText(s.Name, true) + "<br>" + mdCode(scenarioPlace(s), true)
	request := mdCode(s.Principal, true) + " " + mdCode(s.Action, true) + " on " + mdCode(s.Resource, true)
	return "| " + result + " | " + name + " | " + request + " | " + mdText(string(s.Decision), true) + " | " + mdText(s.Expect, true) + " |\n"
}

// mdScenarioFailure is one list item: the failed scenario, what was
// expected, the explanation and the statements that decided.
func mdScenarioFailure(s Scenario) string {
	var b strings.Builder
	fmt.Fprintf(&b, "- **%s** (%s): ", mdText(s.Name, false), mdCode(scenarioPlace(s), false))
	if s.Error != "" {
		b.WriteString("cannot be evaluated: " + mdText(s.Error, false) + "\n")
	} else {
		fmt.Fprintf(&b, "%s, expected %s\n", mdText(string(s.Decision), false), mdText(s.Expect, false))
	}
	for _, e := range explanation(s) {
		b.WriteString("  - " + mdText(e, false) + "\n")
	}
	for _, m := range s.Matched {
		ref := m.File
		if m.Line > 0 {
			ref += ":" + strconv.Itoa(m.Line)
		}
		line := "  - decided by " + mdText(cmp.Or(m.Effect, "a"), false) + " statement " + mdCode(ref, false)
		if m.Sid != "" {
			line += " (Sid " + mdCode(m.Sid, false) + ")"
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func scenarioPlace(s Scenario) string {
	if s.Line > 0 {
		return s.File + ":" + strconv.Itoa(s.Line)
	}
	return s.File
}

// mdEscaped are the characters mdText puts a backslash before: those that
// start emphasis, code, links, HTML, strikethrough, math or entities, and
// the pipe that ends a table cell.
const mdEscaped = "\\`*_[]<>|~$&"

// mdText makes plain text safe in GitHub-flavoured Markdown, inside a table
// cell (cell) or in running text: Markdown punctuation is escaped, line
// breaks become <br>, and a word with two or more colons (an ARN such as
// acs:ram::123:root) is set in code, which also keeps GitHub from reading
// ":ram:" as an emoji.
func mdText(s string, cell bool) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		words := strings.Split(line, " ")
		for j, w := range words {
			if strings.Count(w, ":") >= 2 {
				// Punctuation around the name stays outside the code.
				core := strings.TrimLeft(w, "\"'(")
				lead := w[:len(w)-len(core)]
				core = strings.TrimRight(core, "\"'),.;:!?")
				trail := w[len(lead)+len(core):]
				if core != "" {
					words[j] = mdEscape(lead) + mdCode(core, cell) + mdEscape(trail)
					continue
				}
			}
			words[j] = mdEscape(w)
		}
		lines[i] = strings.Join(words, " ")
	}
	return strings.Join(lines, "<br>")
}

// mdEscape puts a backslash before each character of mdEscaped.
func mdEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c < 0x80 && strings.ContainsRune(mdEscaped, c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// mdCode sets s in a code span: the fence is one backtick longer than the
// longest run of backticks in s, padded with a space where CommonMark would
// otherwise eat one; line breaks become spaces. In a table cell a pipe must
// still be escaped, even in code (GitHub removes the backslash).
func mdCode(s string, cell bool) string {
	s = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s)
	if s == "" {
		return ""
	}
	run, longest := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	pad := ""
	if s[0] == '`' || s[len(s)-1] == '`' || (s[0] == ' ' && s[len(s)-1] == ' ' && strings.Trim(s, " ") != "") {
		pad = " "
	}
	if cell {
		s = strings.ReplaceAll(s, "|", `\|`)
	}
	return fence + pad + s + pad + fence
}
