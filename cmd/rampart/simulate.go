package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/report"
	"github.com/rampart-iam/rampart/internal/workspace"
	"github.com/rampart-iam/rampart/simulate"
)

// simOptions are the evaluator's flags.
type simOptions struct {
	now string
}

func (o *simOptions) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.now, "now", "", "evaluate at this time (RFC 3339): derives acs:CurrentTime, jdcloud:CurrentTime, aws:CurrentTime and aws:EpochTime when a request does not set them")
}

func (o *simOptions) simulator(ws *workspace.Workspace) (*simulate.Simulator, error) {
	var opts []simulate.Option
	if o.now != "" {
		t, err := time.Parse(time.RFC3339, o.now)
		if err != nil {
			return nil, usageError("invalid --now %q: want an RFC 3339 time such as 2026-12-01T10:00:00Z", o.now)
		}
		opts = append(opts, simulate.WithClock(t))
	}
	sim, err := simulate.New(ws, opts...)
	if err != nil {
		return nil, fmt.Errorf("prepare the evaluator: %w", err)
	}
	return sim, nil
}

func newSimulateCommand(g *globalOptions, s *streams) *cobra.Command {
	o := &simOptions{}
	cmd := &cobra.Command{
		Use:   "simulate [PATH...]",
		Short: "Run the scenarios and compare each decision with its expectation",
		Long: `simulate runs every scenario of the repository through rampart's evaluator —
inventory principals, assume-role chains, control policies, boundaries, session
and resource policies, conditions — and compares each decision with the
scenario's expect. A failed expectation is a finding at the scenario.

PATHs narrow the findings that are reported; scenario results are always
reported in full, since a change to any policy can change them.`,
		Example: `  rampart simulate fixtures/acs-cross-account
  rampart simulate --format json
  rampart simulate --now 2026-12-01T21:30:00+08:00`,
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := openRepo(cmd.Context(), g, s, args)
			if err != nil {
				return err
			}
			res, err := runScenarios(cmd.Context(), r, o, append([]finding.Finding{}, r.ws.Findings...))
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

// runScenarios evaluates the scenarios and adds their results and findings
// to a report of the given findings.
func runScenarios(ctx context.Context, r *repo, o *simOptions, fs []finding.Finding) (*report.Result, error) {
	sim, err := o.simulator(r.ws)
	if err != nil {
		return nil, err
	}
	results, simFindings := sim.RunScenarios(ctx)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := r.result(append(fs, simFindings...))
	finding.Sort(res.Findings)
	res.Scenarios = results
	res.Rules = append(res.Rules, finding.BuiltinRules...)
	return res, nil
}

func newCanCommand(g *globalOptions, s *streams) *cobra.Command {
	o := &simOptions{}
	var assume, contextKV []string
	var resourceAccount string
	cmd := &cobra.Command{
		Use:   "can PRINCIPAL ACTION RESOURCE",
		Short: "Ask whether a principal may perform an action on a resource, and why",
		Long: `can decides one request against the repository's inventory and explains the
answer: every assume-role hop, every layer (control policies by level, session,
boundary, identity, resource, trust), the statements that applied, the
conditions that failed and the context keys the request lacked.

It exits 0 when the request is allowed and 1 when it is denied.`,
		Example: `  rampart can acs:ram::12345678:user/alice ecs:StopInstance \
      acs:ecs:cn-hangzhou:11223344:instance/i-abc --assume acs:ram::11223344:role/ecs-admin
  rampart can arn:aws:iam::444455556666:user/dana s3:GetObject arn:aws:s3:::prod-reports/q1.csv \
      --resource-account 111122223333 --context aws:SecureTransport=true
  rampart can jrn:iam::859150329790:user/ops-wang vm:stopInstance jrn:vm:cn-north-1:859150329790:instances/i-1 \
      --context jdcloud:SourceIp=203.0.113.45 --context jdcloud:CurrentTime=2026-12-01T21:30:00+08:00`,
		Args: cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctxValues, err := parseContext(contextKV)
			if err != nil {
				return err
			}
			r, err := openRepo(cmd.Context(), g, s, nil)
			if err != nil {
				return err
			}
			sim, err := o.simulator(r.ws)
			if err != nil {
				return err
			}
			q := simulate.Question{Principal: args[0], Action: args[1], Resource: args[2], Assume: assume, Context: ctxValues, ResourceAccount: resourceAccount}
			d, err := sim.Can(cmd.Context(), q)
			if err != nil {
				return usageError("%v", err)
			}
			useColor, err := g.useColor(s.out)
			if err != nil {
				return err
			}
			if err := report.WriteDecision(s.out, g.format, report.Question{Principal: q.Principal, Action: q.Action, Resource: q.Resource, Assume: q.Assume}, d, report.Options{Color: useColor}); err != nil {
				return usageError("%v", err)
			}
			if !d.Effect.Allowed() {
				return failed()
			}
			return nil
		},
	}
	o.register(cmd)
	cmd.Flags().StringArrayVar(&assume, "assume", nil, "a role to assume first (repeat for a chain); every hop is checked")
	cmd.Flags().StringArrayVar(&contextKV, "context", nil, "a request context value KEY=VALUE (repeat a key for a multi-valued key)")
	cmd.Flags().StringVar(&resourceAccount, "resource-account", "", "the account owning the resource when its name carries none (S3, OSS)")
	return cmd
}

// parseContext reads KEY=VALUE pairs; a key given twice is multi-valued.
func parseContext(kvs []string) (map[string]workspace.ContextValue, error) {
	if len(kvs) == 0 {
		return nil, nil
	}
	out := map[string]workspace.ContextValue{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usageError("invalid --context %q: want KEY=VALUE", kv)
		}
		cv, seen := out[k]
		cv.Values = append(cv.Values, v)
		cv.Multi = seen
		out[k] = cv
	}
	return out, nil
}
