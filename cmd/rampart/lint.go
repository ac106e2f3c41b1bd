package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/report"
	"github.com/rampart-iam/rampart/lint"
)

// lintOptions are the rule engine's flags.
type lintOptions struct {
	ruleDirs      []string
	writeBaseline string
}

func (o *lintOptions) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&o.ruleDirs, "rules", nil, "a folder of custom rules (repeatable), besides rules.paths of rampart.yaml")
	cmd.Flags().StringVar(&o.writeBaseline, "write-baseline", "", "write every current finding to this file as the accepted baseline (name it in rampart.yaml as baseline:)")
}

func (o *lintOptions) engine(r *repo) (*lint.Engine, error) {
	rootFS, err := os.OpenRoot(r.root)
	if err != nil {
		return nil, usageError("open %s: %v", r.root, err)
	}
	e, err := lint.New(lint.Options{RuleDirs: o.ruleDirs, Config: r.config, FS: rootFS.FS()})
	if err != nil {
		return nil, usageError("%v", err)
	}
	return e, nil
}

// lintRun validates the workspace, runs the rules and applies severities,
// suppressions and the baseline to every finding, the given ones included.
func lintRun(ctx context.Context, r *repo, o *lintOptions, extra []finding.Finding) (*report.Result, *lint.Engine, error) {
	e, err := o.engine(r)
	if err != nil {
		return nil, nil, err
	}
	extra = append(extra, r.schemas.Workspace(r.ws)...)
	res, err := e.Run(ctx, r.ws, extra...)
	if err != nil {
		return nil, nil, err
	}
	out := r.result(res.Findings)
	for _, rule := range e.Rules() {
		out.Rules = append(out.Rules, rule.Rule)
	}
	if o.writeBaseline != "" {
		if err := writeBaseline(o.writeBaseline, res.Findings); err != nil {
			return nil, nil, err
		}
	}
	return out, e, nil
}

// writeBaseline writes the findings that are not suppressed, atomically.
func writeBaseline(path string, fs []finding.Finding) error {
	var open []finding.Finding
	for _, f := range fs {
		if !f.Suppressed {
			open = append(open, f)
		}
	}
	var buf bytes.Buffer
	if err := lint.WriteBaseline(&buf, open); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return usageError("write baseline: %v", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return usageError("write baseline: %v", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return usageError("write baseline: %v", err)
	}
	if err := tmp.Close(); err != nil {
		return usageError("write baseline: %v", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return usageError("write baseline: %v", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return usageError("write baseline: %v", err)
	}
	return nil
}

func newLintCommand(g *globalOptions, s *streams) *cobra.Command {
	o := &lintOptions{}
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Validate every document and check it with the rules",
		Long: `lint validates every document (as validate does) and runs the rule catalogue over
the repository: least privilege, risky trust, privilege escalation, exposure,
condition mistakes, redundancy and inventory hygiene. Severities, disabled rules,
suppressions and the baseline come from rampart.yaml.

PATHs narrow what is reported, not what is loaded.`,
		Example: `  rampart lint
  rampart lint --fail-on warning iam/policies/ops.json
  rampart lint --rules ./org-rules --format sarif > rampart.sarif
  rampart lint --write-baseline .rampart-baseline.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := openRepo(cmd.Context(), g, s, args)
			if err != nil {
				return err
			}
			res, _, err := lintRun(cmd.Context(), r, o, nil)
			if err != nil {
				return err
			}
			if err := g.write(s, res); err != nil {
				return err
			}
			return failOn(g, r, res.Findings)
		},
	}
	o.register(cmd)
	return cmd
}

func newCheckCommand(g *globalOptions, s *streams) *cobra.Command {
	o := &lintOptions{}
	so := &simOptions{}
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Validate, lint and simulate in one report: what pre-commit and CI run",
		Long: `check does what validate, lint and simulate do, in one run and one report: every
document against its schema, the rule catalogue, and every scenario against its
expectation. It exits 1 when a finding reaches --fail-on or a scenario fails.

PATHs narrow the findings that are reported, not what is loaded; scenario
results are always reported in full.`,
		Example: `  rampart check
  rampart check fixtures/aws-org
  rampart check --format github
  rampart check --format sarif > rampart.sarif`,
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := openRepo(cmd.Context(), g, s, args)
			if err != nil {
				return err
			}
			sim, err := so.simulator(r.ws)
			if err != nil {
				return err
			}
			results, simFindings := sim.RunScenarios(cmd.Context())
			if err := cmd.Context().Err(); err != nil {
				return err
			}
			res, _, err := lintRun(cmd.Context(), r, o, simFindings)
			if err != nil {
				return err
			}
			res.Scenarios = results
			if err := g.write(s, res); err != nil {
				return err
			}
			return failOn(g, r, res.Findings)
		},
	}
	o.register(cmd)
	so.register(cmd)
	return cmd
}

func newRulesCommand(g *globalOptions, s *streams) *cobra.Command {
	var ruleDirs []string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rule catalogue",
		Long: `rules lists every rule — the embedded catalogue, custom rules from rules.paths
and --rules, and rampart's own validation and simulation checks — with its
severity as configured and whether it runs.`,
		Example: `  rampart rules
  rampart rules --format json
  rampart rules explain LP001`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			e, err := rulesEngine(cmd.Context(), g, s, ruleDirs)
			if err != nil {
				return err
			}
			return report.WriteRules(s.out, g.format, rulesOf(e))
		},
	}
	cmd.PersistentFlags().StringArrayVar(&ruleDirs, "rules", nil, "a folder of custom rules (repeatable)")
	cmd.AddCommand(&cobra.Command{
		Use:     "explain ID",
		Short:   "Print one rule's page: what it finds, why it matters, how to fix it, with examples",
		Example: "  rampart rules explain LP001\n  rampart rules explain full-admin",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			e, err := rulesEngine(cmd.Context(), g, s, ruleDirs)
			if err != nil {
				return err
			}
			page, err := e.Explain(cmd.Context(), args[0])
			if err != nil {
				return usageError("%v", err)
			}
			_, err = fmt.Fprint(s.out, page)
			return err
		},
	})
	return cmd
}

// rulesEngine builds the rule engine for the repository around the working
// directory when there is one, so its custom rules and configuration
// count; elsewhere the embedded catalogue alone.
func rulesEngine(ctx context.Context, g *globalOptions, s *streams, ruleDirs []string) (*lint.Engine, error) {
	r, err := openRepo(ctx, g, s, nil)
	if err != nil {
		return nil, err
	}
	return (&lintOptions{ruleDirs: ruleDirs}).engine(r)
}

func rulesOf(e *lint.Engine) []report.RuleRow {
	var out []report.RuleRow
	for _, r := range e.Rules() {
		out = append(out, report.RuleRow{Rule: r.Rule, Default: r.Default, Enabled: r.Enabled, Custom: r.Custom})
	}
	return out
}
