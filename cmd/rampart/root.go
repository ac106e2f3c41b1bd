package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/report"
)

// version is set with -ldflags "-X main.version=..." by release builds;
// otherwise the module version from the build information is used.
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

type streams struct {
	in       io.Reader
	out, err io.Writer
}

// globalOptions are the flags every command shares.
type globalOptions struct {
	format  string
	color   string
	config  string
	failOn  string
	root    string
	verbose bool
}

func newRootCommand(s *streams) *cobra.Command {
	g := &globalOptions{}
	root := &cobra.Command{
		Use:   "rampart",
		Short: "Lint, validate and simulate cloud IAM policies (Alibaba Cloud RAM, JD Cloud IAM, AWS IAM)",
		Long: `rampart validates IAM policy documents against their dialect's schema, lints them
for least-privilege problems, runs scenario fixtures through a native evaluator, and
shows the access a change adds or removes. It reads a repository of policies, an
inventory (users, groups, roles, who trusts whom) and scenarios; it works offline.`,
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(s.in)
	root.SetOut(s.out)
	root.SetErr(s.err)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError("%v\nRun '%s --help' for usage.", err, c.CommandPath())
	})
	pf := root.PersistentFlags()
	pf.StringVar(&g.format, "format", "text", "output format: "+strings.Join(report.Formats(), ", "))
	pf.StringVar(&g.color, "color", "auto", "colour: auto, always or never (NO_COLOR also turns it off)")
	pf.StringVar(&g.config, "config", "", "configuration file (default: rampart.yaml at the repository root)")
	pf.StringVar(&g.failOn, "fail-on", "", "exit 1 when a finding has at least this severity: error, warning or info (default error)")
	pf.StringVar(&g.root, "root", "", "repository root (default: the nearest directory holding rampart.yaml or .git)")
	pf.BoolVarP(&g.verbose, "verbose", "v", false, "text output: list passing scenarios too, not only failing ones")
	_ = root.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(report.Formats(), cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("color", cobra.FixedCompletions([]string{"auto", "always", "never"}, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions([]string{"error", "warning", "info"}, cobra.ShellCompDirectiveNoFileComp))
	root.AddCommand(
		newValidateCommand(g, s),
		newLintCommand(g, s),
		newCheckCommand(g, s),
		newRulesCommand(g, s),
		newSchemaCommand(s),
		newCatalogCommand(s),
		newSimulateCommand(g, s),
		newCanCommand(g, s),
		newDiffCommand(g, s),
		newFmtCommand(g, s),
		newInitCommand(g, s),
	)
	return root
}

// useColor decides whether text output is coloured.
func (g *globalOptions) useColor(w io.Writer) (bool, error) {
	switch g.color {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
			return false, nil
		}
		f, ok := w.(*os.File)
		if !ok {
			return false, nil
		}
		st, err := f.Stat()
		return err == nil && st.Mode()&os.ModeCharDevice != 0, nil
	}
	return false, usageError("invalid --color %q: want auto, always or never", g.color)
}

// threshold is the severity at which findings fail the run: the flag, else
// the configuration, else error.
func (g *globalOptions) threshold(configured string) (finding.Severity, error) {
	v := g.failOn
	if v == "" {
		v = configured
	}
	if v == "" {
		return finding.Error, nil
	}
	s, err := finding.ParseSeverity(v)
	if err != nil {
		return 0, usageError("invalid --fail-on: %v", err)
	}
	return s, nil
}

// write renders a result in the chosen format.
func (g *globalOptions) write(s *streams, r *report.Result) error {
	w, err := report.Lookup(g.format)
	if err != nil {
		return usageError("%v", err)
	}
	useColor, err := g.useColor(s.out)
	if err != nil {
		return err
	}
	opts := report.Options{Color: useColor, ToolVersion: buildVersion(), Verbose: g.verbose}
	if g.format == "github" {
		// GitHub Actions names the job summary file; append to it.
		if p := os.Getenv("GITHUB_STEP_SUMMARY"); p != "" {
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
			if err != nil {
				return fmt.Errorf("open the job summary: %w", err)
			}
			defer f.Close()
			opts.StepSummary = f
		}
	}
	if err := w(s.out, r, opts); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
