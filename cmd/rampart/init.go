package main

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// templates holds the files rampart init writes, one folder per dialect:
// templates/<dialect>/<path in the new repository>.
//
//go:embed templates
var templates embed.FS

// newInitCommand builds rampart init, which writes an example repository
// from the templates of a dialect.
func newInitCommand(_ *globalOptions, s *streams) *cobra.Command {
	var dialect string
	cmd := &cobra.Command{
		Use:   "init [--dialect acs|jdcloud|aws] [DIR]",
		Short: "Start a repository: rampart.yaml, an example inventory, policies and scenarios",
		Long: `init writes a small repository into DIR (default: the current directory) for the
chosen dialect (default acs): a commented rampart.yaml in which every field is
optional, the inventory of one example account (iam/accounts/example.yaml) with
two users, a group and a role, the group's policy, the role's policy and trust
policy (iam/policies/), and scenarios with the decisions rampart's evaluator gives
for them (iam/scenarios/example.yaml). The result validates; change it to describe
your own accounts.

init never overwrites: when one of its files exists already, it names it, writes
nothing and exits 2. Each file is written atomically.`,
		Example: `  rampart init
  rampart init --dialect aws my-iam
  rampart init --dialect jdcloud . && rampart validate`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return runInit(s, dialect, dir)
		},
	}
	cmd.Flags().StringVar(&dialect, "dialect", string(policydoc.ACS), "dialect of the example: acs (Alibaba Cloud RAM), jdcloud (JD Cloud IAM) or aws (AWS IAM)")
	_ = cmd.RegisterFlagCompletionFunc("dialect", cobra.FixedCompletions([]string{"acs", "jdcloud", "aws"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// scaffoldFile is one file init writes.
type scaffoldFile struct {
	rel  string // slash-separated, relative to the new repository
	data []byte
}

// scaffold returns the files of the example repository of a dialect, in
// path order.
func scaffold(d policydoc.Dialect) ([]scaffoldFile, error) {
	base := "templates/" + string(d)
	var out []scaffoldFile
	err := fs.WalkDir(templates, base, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := templates.ReadFile(p)
		if err != nil {
			return err
		}
		out = append(out, scaffoldFile{rel: strings.TrimPrefix(p, base+"/"), data: data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the %s templates: %w", d, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no templates for the dialect %s", d)
	}
	slices.SortFunc(out, func(a, b scaffoldFile) int { return strings.Compare(a.rel, b.rel) })
	return out, nil
}

// runInit writes the example repository into dir, or nothing when one of
// its files exists.
func runInit(s *streams, dialectName, dir string) error {
	d, err := policydoc.ParseDialect(dialectName)
	if err != nil {
		return usageError("invalid --dialect: %v", err)
	}
	files, err := scaffold(d)
	if err != nil {
		return err
	}
	display := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	var existing []string
	for _, f := range files {
		if _, err := os.Lstat(display(f.rel)); err == nil {
			existing = append(existing, display(f.rel))
		} else if !errors.Is(err, fs.ErrNotExist) {
			return usageError("%v", err)
		}
	}
	if len(existing) > 0 {
		for _, e := range existing {
			fmt.Fprintf(s.err, "rampart: %s exists already\n", e)
		}
		return usageError("init overwrites nothing, so it wrote nothing; move those files away or choose another folder")
	}
	var written, created []string // files written, folders made
	undo := func() {
		for _, w := range slices.Backward(written) {
			os.Remove(w)
		}
		for _, c := range slices.Backward(created) {
			os.Remove(c) // only if empty
		}
	}
	for _, f := range files {
		name := display(f.rel)
		made, err := mkdirs(filepath.Dir(name))
		created = append(created, made...)
		if err != nil {
			undo()
			return usageError("%v", err)
		}
		if err := writeAtomic(name, f.data, 0o644, true); err != nil {
			undo()
			if errors.Is(err, fs.ErrExist) {
				return usageError("%s appeared while init was writing; it wrote nothing", name)
			}
			return usageError("write %s: %v", name, err)
		}
		written = append(written, name)
	}
	for _, w := range written {
		fmt.Fprintf(s.out, "created %s\n", w)
	}
	fmt.Fprintf(s.out, "\nAn example for %s. Check it with\n\n    rampart validate %s\n\nthen describe your own accounts in iam/accounts/ and your policies in iam/policies/.\n", d.Title(), dir)
	return nil
}

// mkdirs makes a folder and the missing folders above it, and returns the
// ones it made, outermost first.
func mkdirs(dir string) ([]string, error) {
	var missing []string
	for p := filepath.Clean(dir); ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		missing = append(missing, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	var made []string
	for _, p := range slices.Backward(missing) {
		if err := os.Mkdir(p, 0o755); err == nil {
			made = append(made, p)
		} else if !errors.Is(err, fs.ErrExist) {
			return made, err
		}
	}
	return made, nil
}
