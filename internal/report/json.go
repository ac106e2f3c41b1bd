package report

import (
	"encoding/json"
	"io"
	"slices"

	"github.com/rampart-iam/rampart/internal/finding"
)

// jsonReport is the JSON contract of DESIGN.md: version, findings,
// scenarios and summary, always present.
type jsonReport struct {
	Version   int               `json:"version"`
	Findings  []finding.Finding `json:"findings"`
	Scenarios []Scenario        `json:"scenarios"`
	Summary   Summary           `json:"summary"`
}

// WriteJSON writes the result as one indented JSON document.
func WriteJSON(w io.Writer, r *Result, _ Options) error {
	out := jsonReport{Version: Version, Findings: r.Findings, Scenarios: slices.Clone(r.Scenarios), Summary: r.Summarize()}
	if out.Findings == nil {
		out.Findings = []finding.Finding{}
	}
	if out.Scenarios == nil {
		out.Scenarios = []Scenario{}
	}
	for i := range out.Scenarios {
		if out.Scenarios[i].Matched == nil {
			out.Scenarios[i].Matched = []StatementRef{}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
