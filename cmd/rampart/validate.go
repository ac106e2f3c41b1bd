package main

import (
	"github.com/spf13/cobra"

	"github.com/rampart-iam/rampart/internal/finding"
)

func newValidateCommand(g *globalOptions, s *streams) *cobra.Command {
	return &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check every document against its dialect's schema",
		Long: `validate parses every policy, inventory and scenario file of the repository and
checks it against the schema of its dialect and kind. Malformed JSON or YAML,
duplicate keys, wrong types and values, unknown keys, references to missing files
and references that leave the repository are reported at the exact element.

PATHs narrow what is reported, not what is loaded.`,
		Example: `  rampart validate
  rampart validate fixtures/acs-cross-account
  rampart validate --format json iam/policies/ops.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := openRepo(cmd.Context(), g, s, args)
			if err != nil {
				return err
			}
			fs := r.validate()
			res := r.result(fs)
			res.Rules = finding.BuiltinRules
			if err := g.write(s, res); err != nil {
				return err
			}
			return failOn(g, r, res.Findings)
		},
	}
}

// failOn ends the command with exit code 1 when a finding reaches the
// threshold.
func failOn(g *globalOptions, r *repo, fs []finding.Finding) error {
	t, err := g.threshold(r.config.FailOn)
	if err != nil {
		return err
	}
	if finding.AtOrAbove(fs, t) {
		return failed()
	}
	return nil
}
