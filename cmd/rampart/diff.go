package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/rampart-iam/rampart/internal/catalog"
	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/report"
	"github.com/rampart-iam/rampart/internal/workspace"
	"github.com/rampart-iam/rampart/schema"
	"github.com/rampart-iam/rampart/simulate"
	"github.com/rampart-iam/rampart/simulate/diff"
)

// diffOptions are the flags of rampart diff.
type diffOptions struct {
	base, head   string
	failOnNew    string // "", "any" or "external"
	externalOnly bool
	levels       []string
	context      []string
	now          string
}

// workingTree is how the working tree is named as a revision.
const workingTree = "working tree"

// newDiffCommand builds rampart diff, which shows the access a change adds
// or takes away between two git revisions.
func newDiffCommand(g *globalOptions, s *streams) *cobra.Command {
	o := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff --base REV [--head REV]",
		Short: "Show the access a change adds or takes away between two git revisions",
		Long: `diff loads the repository at two git revisions — straight from git's objects,
without a checkout: the working tree is not touched — and shows the access that
changed between them. --head defaults to the working tree. Each revision reads its
own rampart.yaml; the repository may be a folder inside the git repository.

For every principal of either revision (account roots, users, roles, the
principals outside the inventory that trust and resource policies name, and the
anonymous caller where a resource policy names everyone), every action and every
resource the documents reachable from it mention, diff decides the request at both
revisions. A change from deny to allow is gained (+), from allow to deny lost (-);
a change between the two kinds of deny is not access and is not shown. Assuming a
role is access too: a principal gains or loses sts:AssumeRole on a role, and
through it the access the role carries. Each change lists the statements that
decided at each revision, the conditions they carry, and the textual diff of the
documents behind it. Actions are shown compressed: ecs:* when every ecs action
changed alike, * when every action did (with a few exceptions at most).

Requests carry the context given with --context (none by default). A request that
is allowed only under conditions the context does not meet is allowed
conditionally, and is reported with those conditions.

The scenarios whose decision changed are listed too (matched by file, name,
action and resource).

--format text (a coloured diff), markdown (a pull-request comment) or json (the
contract of DESIGN.md). It exits 0, or 1 with --fail-on-new-access when access was
gained: by any principal, or only by principals outside the owning account with
--fail-on-new-access=external or --external-only, and only at the access levels
given with --levels. Errors (no git repository, an unknown revision, a broken
configuration) exit 2.`,
		Example: `  rampart diff --base origin/main                 # the working tree against main
  rampart diff --base HEAD~1 --head HEAD --format markdown > comment.md
  rampart diff --base origin/main --fail-on-new-access=external
  rampart diff --base v1.2.0 --fail-on-new-access --levels write,permissions-management
  rampart diff --base origin/main --context aws:RequestedRegion=eu-central-1 --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.Context(), g, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.base, "base", "", "the revision to compare from (a branch, tag or commit); required")
	f.StringVar(&o.head, "head", "", "the revision to compare to (default: the working tree)")
	f.StringVar(&o.failOnNew, "fail-on-new-access", "", "exit 1 when access was gained: any (the default when the flag is given alone) or external (principals outside the owning account)")
	f.Lookup("fail-on-new-access").NoOptDefVal = "any"
	f.BoolVar(&o.externalOnly, "external-only", false, "with --fail-on-new-access: count only principals outside the owning account")
	f.StringSliceVar(&o.levels, "levels", nil, "with --fail-on-new-access: count only actions of these access levels ("+levelNames()+")")
	f.StringArrayVar(&o.context, "context", nil, "a request context value KEY=VALUE for every request (repeat a key for a multi-valued key)")
	f.StringVar(&o.now, "now", "", "evaluate at this time (RFC 3339): derives the current-time context keys")
	_ = cmd.MarkFlagRequired("base")
	_ = cmd.RegisterFlagCompletionFunc("fail-on-new-access", cobra.FixedCompletions([]string{"any", "external"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("levels", cobra.FixedCompletions(strings.Split(levelNames(), ", "), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func levelNames() string {
	names := make([]string, len(catalog.Levels))
	for i, l := range catalog.Levels {
		names[i] = string(l)
	}
	return strings.Join(names, ", ")
}

// gate is what --fail-on-new-access counts.
type gate struct {
	on       bool
	external bool
	levels   []catalog.Level
}

// gate reads the flags into a gate, refusing what makes no sense.
func (o *diffOptions) gate() (gate, error) {
	var gt gate
	switch o.failOnNew {
	case "":
	case "any", "all", "true":
		gt.on = true
	case "external":
		gt.on, gt.external = true, true
	case "false":
	default:
		return gt, usageError("invalid --fail-on-new-access %q: want any or external", o.failOnNew)
	}
	if o.externalOnly {
		gt.external = true
	}
	for _, l := range o.levels {
		l = strings.TrimSpace(l)
		if !slices.Contains(catalog.Levels, catalog.Level(l)) {
			return gt, usageError("invalid --levels %q: want one or more of %s", l, levelNames())
		}
		gt.levels = append(gt.levels, catalog.Level(l))
	}
	if !gt.on && (o.externalOnly || len(gt.levels) > 0) {
		return gt, usageError("--external-only and --levels narrow --fail-on-new-access; give that flag too")
	}
	return gt, nil
}

// fails reports whether a change trips the gate: access gained, by a
// principal outside the owning account when asked, at one of the levels
// when given (an action the catalogue does not know counts at every
// level).
func (gt gate) fails(c diff.Change) bool {
	if !gt.on || c.Change != diff.Gained || (gt.external && !c.External) {
		return false
	}
	if len(gt.levels) == 0 || len(c.Levels) == 0 {
		return true
	}
	for _, l := range c.Levels {
		if slices.Contains(gt.levels, l) {
			return true
		}
	}
	return false
}

func (o *diffOptions) run(ctx context.Context, g *globalOptions, s *streams) error {
	format := g.format
	if format == "" {
		format = "text"
	}
	if !slices.Contains(report.DiffFormats, format) {
		return usageError("rampart diff writes %s; --format %s is for the other commands", strings.Join(report.DiffFormats, ", "), format)
	}
	gt, err := o.gate()
	if err != nil {
		return err
	}
	ctxValues, err := parseContext(o.context)
	if err != nil {
		return err
	}
	var simOpts []simulate.Option
	if o.now != "" {
		t, err := time.Parse(time.RFC3339, o.now)
		if err != nil {
			return usageError("invalid --now %q: want an RFC 3339 time such as 2026-12-01T10:00:00Z", o.now)
		}
		simOpts = append(simOpts, simulate.WithClock(t))
	}
	if o.base == "" {
		return usageError("--base is required: the revision to compare from")
	}
	root, err := findRoot(g.root, nil)
	if err != nil {
		return usageError("%v", err)
	}
	sub, err := gitSubfolder(ctx, root)
	if err != nil {
		return err
	}
	validator, err := schema.New()
	if err != nil {
		return err
	}
	base, err := loadRevision(ctx, g, s, validator, root, sub, o.base)
	if err != nil {
		return err
	}
	var head diff.Revision
	if o.head != "" {
		head, err = loadRevision(ctx, g, s, validator, root, sub, o.head)
		if err != nil {
			return err
		}
	} else {
		r, err := openRepo(ctx, g, s, nil)
		if err != nil {
			return err
		}
		head = diff.Revision{Name: workingTree, Workspace: r.ws}
	}
	for _, rev := range []diff.Revision{base, head} {
		warnProblems(s, rev)
	}
	res, err := diff.Compare(ctx, base, head, diff.Options{Context: ctxValues, Simulator: simOpts})
	if err != nil {
		return fmt.Errorf("diff %s → %s: %w", base.Name, head.Name, err)
	}
	useColor, err := g.useColor(s.out)
	if err != nil {
		return err
	}
	if err := report.WriteDiff(s.out, format, res, report.Options{Color: useColor, ToolVersion: buildVersion()}); err != nil {
		return err
	}
	if slices.ContainsFunc(res.Changes, gt.fails) {
		return failed()
	}
	return nil
}

// gitSubfolder is the repository root's folder inside its git repository,
// slash-separated ("" at the top level), or a usage error when the root is
// not in a git repository.
func gitSubfolder(ctx context.Context, root string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", "rev-parse", "--show-toplevel")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", usageError("%s is not in a git repository (rampart diff reads the revisions from git): %s", root, strings.TrimSpace(stderr.String()))
		}
		return "", usageError("cannot run git: %v", err)
	}
	top := strings.TrimSpace(string(out))
	realTop, err := filepath.EvalSymlinks(top)
	if err != nil {
		return "", usageError("%v", err)
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", usageError("%v", err)
	}
	rel, err := filepath.Rel(realTop, realRoot)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", usageError("%s is outside its git repository %s", root, top)
	}
	if rel == "." {
		return "", nil
	}
	return filepath.ToSlash(rel), nil
}

// loadRevision loads the repository at a git revision, from git's objects:
// its own configuration, checked like openRepo checks the working tree's.
func loadRevision(ctx context.Context, g *globalOptions, s *streams, v *schema.Validator, root, sub, rev string) (diff.Revision, error) {
	fsys, err := workspace.GitTree(ctx, root, rev, sub)
	if err != nil {
		return diff.Revision{}, usageError("%v", err)
	}
	cfgName := ""
	if g.config != "" {
		abs, _ := filepath.Abs(g.config)
		rel, err := filepath.Rel(root, abs)
		if err != nil || strings.HasPrefix(rel, "..") {
			return diff.Revision{}, usageError("--config %s is outside the repository %s", g.config, root)
		}
		cfgName = filepath.ToSlash(rel)
	}
	cfg, problems, err := workspace.LoadConfig(fsys, cfgName)
	if err != nil {
		return diff.Revision{}, usageError("revision %s: %v", rev, err)
	}
	if cfg != nil && cfg.Doc != nil {
		problems = append(problems, v.Validate(cfg.Doc, schema.Config)...)
	}
	if len(problems) > 0 {
		for _, f := range problems {
			fmt.Fprintf(s.err, "%s: %s: %s\n", rev, f.Location(), f.Message)
		}
		return diff.Revision{}, usageError("the configuration at revision %s has %d problem(s)", rev, len(problems))
	}
	ws, err := workspace.Load(ctx, fsys, rev, workspace.Options{Config: cfg})
	if err != nil {
		return diff.Revision{}, usageError("revision %s: %v", rev, err)
	}
	return diff.Revision{Name: rev, Workspace: ws}, nil
}

// warnProblems says on stderr that a revision has files rampart could not
// read (they take no part in the diff), with the first few.
func warnProblems(s *streams, rev diff.Revision) {
	var errs []finding.Finding
	for _, f := range rev.Workspace.Findings {
		if f.Severity == finding.Error {
			errs = append(errs, f)
		}
	}
	if len(errs) == 0 {
		return
	}
	fmt.Fprintf(s.err, "rampart: warning: %s has %s; what they say takes no part in the diff (rampart validate shows them all)\n",
		rev.Name, plural(len(errs), "problem", "problems"))
	for _, f := range errs[:min(len(errs), 5)] {
		fmt.Fprintf(s.err, "  %s: %s\n", f.Location(), f.Message)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
