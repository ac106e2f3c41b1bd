package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/rampart-iam/rampart/internal/catalog"
	"github.com/rampart-iam/rampart/simulate"
	"github.com/rampart-iam/rampart/simulate/diff"
)

// DiffFormats are the formats an access diff is written in.
var DiffFormats = []string{"json", "markdown", "text"}

// WriteDiff writes an access diff in one of DiffFormats: text reads as a
// coloured diff (+ gained, - lost) grouped by principal, with the
// statements that decided, the conditions, and the textual diff of the
// documents behind each change; markdown is a pull-request comment (a
// summary, then a collapsed section per principal); json is the
// `rampart diff --format json` contract of DESIGN.md.
func WriteDiff(w io.Writer, format string, r *diff.Result, o Options) error {
	var err error
	switch format {
	case "text", "":
		err = writeDiffText(w, r, o)
	case "json":
		err = writeDiffJSON(w, r)
	case "markdown":
		_, err = io.WriteString(w, renderDiffMarkdown(r, commentLimit))
	default:
		return fmt.Errorf("rampart diff writes %s, not %s", strings.Join(DiffFormats, ", "), format)
	}
	if err != nil {
		return fmt.Errorf("writing the access diff: %w", err)
	}
	return nil
}

// jsonDiff is the JSON contract of `rampart diff`.
type jsonDiff struct {
	Version   int                   `json:"version"`
	Base      string                `json:"base"`
	Head      string                `json:"head"`
	Changes   []diff.Change         `json:"changes"`
	Scenarios []diff.ScenarioChange `json:"scenarios"`
	Summary   diff.Summary          `json:"summary"`
	Documents []diff.Document       `json:"documents,omitempty"`
	Accounts  map[string]string     `json:"accounts,omitempty"`
}

func writeDiffJSON(w io.Writer, r *diff.Result) error {
	out := jsonDiff{Version: Version, Base: r.Base, Head: r.Head, Changes: r.Changes, Scenarios: r.Scenarios,
		Summary: r.Summary(), Documents: r.Documents, Accounts: r.Accounts}
	if out.Changes == nil {
		out.Changes = []diff.Change{}
	}
	if out.Scenarios == nil {
		out.Scenarios = []diff.ScenarioChange{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// principalGroup is the changes of one principal, in result order.
type principalGroup struct {
	name    string
	changes []diff.Change
	gained  int
	lost    int
}

func groupByPrincipal(r *diff.Result) []principalGroup {
	var out []principalGroup
	for _, c := range r.Changes {
		if len(out) == 0 || out[len(out)-1].name != c.Principal {
			out = append(out, principalGroup{name: c.Principal})
		}
		g := &out[len(out)-1]
		g.changes = append(g.changes, c)
		if c.Change == diff.Gained {
			g.gained++
		} else {
			g.lost++
		}
	}
	return out
}

// principalLabel says what a principal is: "user of company-b, account
// 12345678", "user outside the inventory, account 999988887777".
func principalLabel(c diff.Change, accounts map[string]string) string {
	kind, of := c.Kind, " of "
	switch kind {
	case "external-account", "external-user", "external-role":
		kind, of = strings.TrimPrefix(kind, "external-")+" outside the inventory", ", "
	case "root":
		kind = "account root"
	}
	if c.Account == "" {
		return kind
	}
	if alias := accounts[c.Account]; alias != "" && of == " of " {
		return kind + " of " + alias + ", account " + c.Account
	}
	return kind + ", account " + c.Account
}

// actionText is the action of a change with what it stands for:
// "ecs:* (497 actions)", "* except iam:*, organizations:* (21838 actions)".
func actionText(c diff.Change) string {
	s := c.Action
	if len(c.Except) > 0 {
		s += " except " + strings.Join(c.Except, ", ")
	}
	if c.Covers > 1 {
		s += " (" + strconv.Itoa(c.Covers) + " actions)"
	} else if c.Covers == 1 && strings.ContainsAny(c.Action, "*?") {
		s += " (1 action)"
	}
	return s
}

// refText names a statement: file:line ("Sid"), or file:line /pointer.
func refText(r diff.Ref) string {
	s := r.File
	if r.Line > 0 {
		s += ":" + strconv.Itoa(r.Line)
	}
	if r.Sid != "" {
		return s + fmt.Sprintf(" (%q)", r.Sid)
	}
	return s + " " + r.Pointer
}

// sideText is one side of a change: its decision, whether it needs
// conditions, and the layer that denied.
func sideText(e simulate.Effect, conditional bool, deniedBy string) string {
	s := string(e)
	if conditional {
		if e == simulate.Allow {
			s += " when its conditions hold"
		} else {
			s += ", allowed only when its conditions hold"
		}
	}
	if deniedBy != "" {
		s += " (denied by " + deniedBy + ")"
	}
	return s
}

// conditionText is one condition: "Allow if IpAddress acs:SourceIp
// 10.0.0.0/8 at iam/policies/x.json:12: not met, the request has no
// acs:SourceIp".
func conditionText(c diff.Condition) string {
	verb := "allows if"
	if c.Effect == "Deny" {
		verb = "denies if"
	}
	s := fmt.Sprintf("%s %s %s %s at %s:%d", verb, c.Operator, c.Key, strings.Join(c.Values, ", "), c.File, c.Line)
	switch {
	case c.Missing:
		s += ": not met, the request has no " + c.Key
	case !c.Met:
		s += ": not met"
	default:
		s += ": met"
	}
	return s
}

func sideConditions(c diff.Change, side string) []string {
	var out []string
	for _, cd := range c.Conditions {
		if cd.Side == side {
			out = append(out, conditionText(cd))
		}
	}
	return out
}

func levelsText(ls []catalog.Level) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = string(l)
	}
	return strings.Join(parts, ", ")
}

func documentsOf(r *diff.Result) map[string]string {
	out := map[string]string{}
	for _, d := range r.Documents {
		out[d.File] = d.Diff
	}
	return out
}

// diffSummary is "1 gained, 4 lost for 2 principals".
func diffSummary(r *diff.Result) string {
	s := r.Summary()
	groups := groupByPrincipal(r)
	if s.Gained+s.Lost == 0 {
		return "no access gained or lost"
	}
	return fmt.Sprintf("%d gained, %d lost for %s", s.Gained, s.Lost, plural(len(groups), "principal", "principals"))
}

func writeDiffText(w io.Writer, r *diff.Result, o Options) error {
	bw := bufio.NewWriter(w)
	p := newPalette(o.Color)
	docs := documentsOf(r)
	for _, g := range groupByPrincipal(r) {
		fmt.Fprintf(bw, "%s  %s\n", p.file.Sprint(g.name), p.dim.Sprint(principalLabel(g.changes[0], r.Accounts)))
		shown := map[string]bool{}
		for _, c := range g.changes {
			mark, col := "+", p.pass
			if c.Change == diff.Lost {
				mark, col = "-", p.fail
			}
			line := mark + " " + actionText(c) + " on " + c.Resource
			if len(c.Assume) > 0 {
				line += " through " + strings.Join(c.Assume, " → ")
			}
			fmt.Fprintln(bw, col.Sprint(line))
			var notes []string
			if c.External {
				notes = append(notes, "outside the owning account")
			}
			if len(c.Levels) > 0 {
				notes = append(notes, "levels: "+levelsText(c.Levels))
			}
			if len(notes) > 0 {
				fmt.Fprintf(bw, "    %s\n", p.dim.Sprint(strings.Join(notes, "; ")))
			}
			for _, side := range []struct {
				name     string
				effect   simulate.Effect
				cond     bool
				deniedBy string
				refs     []diff.Ref
			}{
				{"base", c.Base, c.BaseConditional, c.BaseDeniedBy, c.Because.Base},
				{"head", c.Head, c.HeadConditional, c.HeadDeniedBy, c.Because.Head},
			} {
				fmt.Fprintf(bw, "    %s: %s\n", side.name, sideText(side.effect, side.cond, side.deniedBy))
				for _, ref := range side.refs {
					fmt.Fprintf(bw, "      %s %s\n", ref.Effect, refText(ref))
				}
				for _, cd := range sideConditions(c, side.name) {
					fmt.Fprintf(bw, "      %s\n", p.dim.Sprint(cd))
				}
			}
			for _, f := range c.Documents {
				if shown[f] {
					fmt.Fprintf(bw, "    %s\n", p.dim.Sprint("(the diff of "+f+" is shown above)"))
					continue
				}
				shown[f] = true
				writeUnified(bw, docs[f], "    ", p)
			}
		}
		fmt.Fprintln(bw)
	}
	if len(r.Scenarios) > 0 {
		fmt.Fprintln(bw, p.file.Sprint("scenarios whose decision changed"))
		for _, s := range r.Scenarios {
			col := p.pass
			if s.Head != simulate.Allow {
				col = p.fail
			}
			fmt.Fprintf(bw, "  %s %s\n", p.file.Sprintf("%s:%d:", s.File, s.Line), s.Name)
			fmt.Fprintf(bw, "    %s %s on %s: %s → %s\n", s.Principal, s.Action, s.Resource, s.Base, col.Sprint(string(s.Head)))
		}
		fmt.Fprintln(bw)
	}
	line := fmt.Sprintf("%s (%s → %s)", diffSummary(r), r.Base, r.Head)
	if n := len(r.Scenarios); n > 0 {
		line += fmt.Sprintf("; %s", plural(n, "scenario decision changed", "scenario decisions changed"))
	}
	fmt.Fprintln(bw, line)
	return bw.Flush()
}

// writeUnified writes a unified diff, indented, coloured line by line.
func writeUnified(w io.Writer, text, indent string, p palette) {
	for _, line := range strings.SplitAfter(text, "\n") {
		if line == "" {
			continue
		}
		body := strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(body, "+++ "), strings.HasPrefix(body, "--- "):
			body = p.file.Sprint(body)
		case strings.HasPrefix(body, "@@"):
			body = p.info.Sprint(body)
		case strings.HasPrefix(body, "+"):
			body = p.pass.Sprint(body)
		case strings.HasPrefix(body, "-"):
			body = p.fail.Sprint(body)
		}
		fmt.Fprintf(w, "%s%s\n", indent, body)
	}
}

// diffMarker starts every Markdown access diff, so that a workflow can
// find and update its earlier comment on a pull request.
const diffMarker = "<!-- rampart diff -->\n"

// renderDiffMarkdown renders the access diff for a pull-request comment in
// at most limit bytes: a summary line and table, then one collapsed
// <details> section per principal with its changes, the statements that
// decided, and the diffs of the documents behind them; then the scenarios
// whose decision changed. What does not fit is counted, not shown.
func renderDiffMarkdown(r *diff.Result, limit int) string {
	var b strings.Builder
	s := r.Summary()
	icon := ":white_check_mark:"
	switch {
	case s.Gained > 0:
		icon = ":warning:"
	case s.Lost > 0:
		icon = ":information_source:"
	}
	b.WriteString(diffMarker)
	fmt.Fprintf(&b, "### %s rampart diff: %s\n\n%s → %s", icon, mdText(diffSummary(r), false), mdCode(r.Base, false), mdCode(r.Head, false))
	if n := len(r.Scenarios); n > 0 {
		fmt.Fprintf(&b, "; %s", plural(n, "scenario decision changed", "scenario decisions changed"))
	}
	b.WriteString("\n")
	groups := groupByPrincipal(r)
	if len(groups) > 0 {
		b.WriteString("\n| Principal | Gained | Lost |\n|---|---|---|\n")
		for _, g := range groups {
			row := fmt.Sprintf("| %s %s | %d | %d |\n", mdCode(g.name, true), mdText(principalLabel(g.changes[0], r.Accounts), true), g.gained, g.lost)
			if b.Len()+len(row)+mdTail > limit {
				b.WriteString("| _more principals not shown_ | | |\n")
				break
			}
			b.WriteString(row)
		}
	}
	// The scenarios may take a quarter of what the summary leaves, the
	// principals' sections the rest; a section that does not fit with its
	// document diffs is tried without them.
	scenarios := mdDiffScenarios(r, (limit-b.Len())/4)
	budget := limit - len(scenarios) - mdTail
	docs := documentsOf(r)
	shownGroups := 0
	for _, g := range groups {
		sec := mdPrincipalSection(g, r, docs)
		if b.Len()+len(sec) > budget {
			sec = mdPrincipalSection(g, r, nil)
		}
		if b.Len()+len(sec) > budget {
			break
		}
		b.WriteString(sec)
		shownGroups++
	}
	if shownGroups < len(groups) {
		fmt.Fprintf(&b, "\n_%s not shown here: the comment would be longer than GitHub accepts. The text or JSON report lists them all._\n",
			plural(len(groups)-shownGroups, "more principal is", "more principals are"))
	}
	b.WriteString(scenarios)
	return b.String()
}

// mdPrincipalSection is the collapsed section of one principal: a table of
// its changes, the conditions, and the diffs of the documents behind them
// (left out when docs is nil).
func mdPrincipalSection(g principalGroup, r *diff.Result, docs map[string]string) string {
	var b strings.Builder
	var counts []string
	if g.gained > 0 {
		counts = append(counts, strconv.Itoa(g.gained)+" gained")
	}
	if g.lost > 0 {
		counts = append(counts, strconv.Itoa(g.lost)+" lost")
	}
	fmt.Fprintf(&b, "\n<details><summary><code>%s</code> (%s): %s</summary>\n\n", html.EscapeString(g.name),
		html.EscapeString(principalLabel(g.changes[0], r.Accounts)), strings.Join(counts, ", "))
	b.WriteString("| | Action | Resource | Base | Head | Decided by |\n|---|---|---|---|---|---|\n")
	var files []string
	var conds []string
	for _, c := range g.changes {
		mark := ":heavy_plus_sign: gained"
		if c.Change == diff.Lost {
			mark = ":heavy_minus_sign: lost"
		}
		action := mdCode(c.Action, true)
		if len(c.Except) > 0 {
			var ex []string
			for _, e := range c.Except {
				ex = append(ex, mdCode(e, true))
			}
			action += " except " + strings.Join(ex, ", ")
		}
		if c.Covers > 1 {
			action += " (" + strconv.Itoa(c.Covers) + " actions)"
		}
		resource := mdCode(c.Resource, true)
		if len(c.Assume) > 0 {
			var via []string
			for _, a := range c.Assume {
				via = append(via, mdCode(a, true))
			}
			resource += "<br>through " + strings.Join(via, " → ")
		}
		if c.External {
			resource += "<br>_outside the owning account_"
		}
		var decided []string
		for _, side := range []struct {
			name string
			refs []diff.Ref
		}{{"base", c.Because.Base}, {"head", c.Because.Head}} {
			for _, ref := range side.refs {
				decided = append(decided, side.name+": "+mdText(ref.Effect, true)+" "+mdCode(refText(ref), true))
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", mark, action, resource,
			mdText(sideText(c.Base, c.BaseConditional, c.BaseDeniedBy), true), mdText(sideText(c.Head, c.HeadConditional, c.HeadDeniedBy), true),
			strings.Join(decided, "<br>"))
		for _, cd := range c.Conditions {
			line := "- " + mdText(cd.Side+", "+c.Action+" on "+c.Resource+": "+conditionText(cd), false) + "\n"
			if !slices.Contains(conds, line) {
				conds = append(conds, line)
			}
		}
		for _, f := range c.Documents {
			if !slices.Contains(files, f) {
				files = append(files, f)
			}
		}
	}
	if len(conds) > 0 {
		b.WriteString("\nConditions:\n\n")
		for _, l := range conds {
			b.WriteString(l)
		}
	}
	if docs != nil {
		for _, f := range files {
			d := docs[f]
			if d == "" {
				continue
			}
			fence := "```"
			for strings.Contains(d, fence) {
				fence += "`"
			}
			fmt.Fprintf(&b, "\n%sdiff\n%s%s\n", fence, d, fence)
		}
	} else if len(files) > 0 {
		var names []string
		for _, f := range files {
			names = append(names, mdCode(f, false))
		}
		fmt.Fprintf(&b, "\nChanged documents (diffs left out for size): %s\n", strings.Join(names, ", "))
	}
	b.WriteString("\n</details>\n")
	return b.String()
}

// mdDiffScenarios is the table of scenarios whose decision changed, within
// budget bytes; empty when none did.
func mdDiffScenarios(r *diff.Result, budget int) string {
	if len(r.Scenarios) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n#### Scenarios whose decision changed\n\n| Scenario | Request | Base | Head |\n|---|---|---|---|\n")
	shown := 0
	for _, s := range r.Scenarios {
		place := s.File
		if s.Line > 0 {
			place += ":" + strconv.Itoa(s.Line)
		}
		row := fmt.Sprintf("| %s<br>%s | %s %s on %s | %s | %s |\n", mdText(s.Name, true), mdCode(place, true),
			mdCode(s.Principal, true), mdCode(s.Action, true), mdCode(s.Resource, true), mdText(string(s.Base), true), mdText(string(s.Head), true))
		if b.Len()+len(row)+mdTail > budget {
			break
		}
		b.WriteString(row)
		shown++
	}
	if shown < len(r.Scenarios) {
		fmt.Fprintf(&b, "\n_%s not shown here._\n", plural(len(r.Scenarios)-shown, "more scenario is", "more scenarios are"))
	}
	return b.String()
}
