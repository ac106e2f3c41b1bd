package schema

import (
	"fmt"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// Workspace validates every document of a loaded repository: its policy
// files and the policies written inline in scenarios against the schema of
// their dialect and kind, its inventory files and its scenario files.
// Embedded system policies are not checked.
func (v *Validator) Workspace(ws *workspace.Workspace) []finding.Finding {
	var out []finding.Finding
	policy := func(p *workspace.Policy) {
		subj, ok := ForPolicy(p.Dialect, p.Kind)
		if !ok {
			out = append(out, finding.At(finding.RuleDialect, p.Doc, "", policydoc.TargetOpen,
				fmt.Sprintf("%s has no %s policies that rampart can check (the document is %s because %s)", p.Dialect.Title(), p.Kind, p.Dialect, p.DialectReason)))
			return
		}
		out = append(out, v.Validate(p.Doc, subj)...)
	}
	for _, p := range ws.Policies {
		policy(p)
	}
	for _, p := range ws.Inline {
		policy(p)
	}
	for _, f := range ws.Files {
		if f.Doc == nil {
			continue
		}
		switch f.Role {
		case workspace.FileInventory:
			out = append(out, v.Validate(f.Doc, Inventory)...)
		case workspace.FileScenarios:
			out = append(out, v.Validate(f.Doc, Scenarios)...)
		}
	}
	finding.Sort(out)
	return out
}
