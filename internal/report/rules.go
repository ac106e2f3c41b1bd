package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/rampart-iam/rampart/internal/finding"
)

// RuleRow is one rule of `rampart rules`.
type RuleRow struct {
	finding.Rule
	Default bool `json:"default"` // runs unless disabled
	Enabled bool `json:"enabled"` // runs with this configuration
	Custom  bool `json:"custom,omitempty"`
}

// WriteRules lists the rule catalogue as a table (text) or JSON.
func WriteRules(w io.Writer, format string, rows []RuleRow) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if rows == nil {
			rows = []RuleRow{}
		}
		return enc.Encode(struct {
			Version int       `json:"version"`
			Rules   []RuleRow `json:"rules"`
		}{Version, rows})
	case "text", "":
	default:
		return fmt.Errorf("the rules command writes text or json, not %s", format)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tRUNS\tDIALECTS\tTITLE")
	for _, r := range rows {
		runs := "yes"
		switch {
		case !r.Enabled && r.Default:
			runs = "disabled"
		case !r.Enabled:
			runs = "off by default"
		}
		dialects := strings.Join(r.Dialects, ",")
		if dialects == "" {
			dialects = "all"
		}
		title := r.Title
		if r.Custom {
			title += " (custom)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Severity, runs, dialects, title)
	}
	return tw.Flush()
}
