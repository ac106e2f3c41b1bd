package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/rampart-iam/rampart/simulate"
)

// Question is what `rampart can` asked, for the report of its answer.
type Question struct {
	Principal string   `json:"principal"`
	Action    string   `json:"action"`
	Resource  string   `json:"resource"`
	Assume    []string `json:"assume,omitempty"`
}

// WriteDecision writes the answer to one question with its explanation:
// the decision, each hop of the chain, each layer of the final request
// with the statements that applied, the conditions that failed and the
// context the request lacked. format is "text" or "json".
func WriteDecision(w io.Writer, format string, q Question, d simulate.Decision, o Options) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(struct {
			Version  int `json:"version"`
			Question Question
			simulate.Decision
		}{Version, q, d})
	case "text", "":
	default:
		return fmt.Errorf("the can command writes text or json, not %s", format)
	}
	p := newPalette(o.Color)
	effect := func(e simulate.Effect) string {
		if e.Allowed() {
			return p.pass.Sprint(string(e))
		}
		return p.fail.Sprint(string(e))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", q.Principal, q.Action, q.Resource)
	if len(q.Assume) > 0 {
		fmt.Fprintf(&b, "\n  through %s", strings.Join(q.Assume, " → "))
	}
	fmt.Fprintf(&b, "\n%s", effect(d.Effect))
	if d.DeniedBy != "" {
		fmt.Fprintf(&b, " (denied by: %s)", d.DeniedBy)
	}
	b.WriteString("\n")
	for _, h := range d.Hops {
		fmt.Fprintf(&b, "  hop %d: %s assumes %s: %s\n", h.Hop, h.Caller, h.Role, effect(h.Effect))
		writeLayers(&b, h.Layers, "    ", p)
	}
	if len(d.Hops) > 0 && len(d.Layers) > 0 {
		fmt.Fprintf(&b, "  the request:\n")
		writeLayers(&b, d.Layers, "    ", p)
	} else {
		writeLayers(&b, d.Layers, "  ", p)
	}
	for _, line := range because("", d.FailedConditions, d.Missing, d.Notes, d.Uncertain) {
		fmt.Fprintf(&b, "  %s\n", p.dim.Sprint(line))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeLayers(b *strings.Builder, layers []simulate.LayerDecision, indent string, p palette) {
	for _, l := range layers {
		name := string(l.Layer)
		if l.Level > 0 {
			name += fmt.Sprintf(" level %d", l.Level)
		}
		fmt.Fprintf(b, "%s%s: %s", indent, name, l.Effect)
		if l.Note != "" {
			fmt.Fprintf(b, " (%s)", l.Note)
		}
		b.WriteString("\n")
		for _, st := range l.Statements {
			fmt.Fprintf(b, "%s  %s %s %s\n", indent, st.Effect, p.file.Sprint(stmtName(st, 0)), p.dim.Sprint(st.Pointer))
		}
	}
}
