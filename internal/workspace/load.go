package workspace

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/managed"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

// DefaultMaxStatements bounds the statements of one document.
const DefaultMaxStatements = 1000

// Options configure a load.
type Options struct {
	Config        *Config // from LoadConfig; nil means every default
	Limits        policydoc.Limits
	MaxStatements int
}

// LoadDir loads the repository in a directory. References and symbolic
// links may not leave it.
func LoadDir(ctx context.Context, dir string, opt Options) (*Workspace, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	defer root.Close()
	return Load(ctx, root.FS(), dir, opt)
}

// Load loads a repository from fsys; name says what it is for display. The
// error is for problems that stop the whole load (an unreadable folder);
// problems of single files are findings in Workspace.Findings.
func Load(ctx context.Context, fsys fs.FS, name string, opt Options) (*Workspace, error) {
	if opt.Config == nil {
		opt.Config = &Config{}
	}
	if opt.Limits == (policydoc.Limits{}) {
		opt.Limits = policydoc.DefaultLimits
	}
	if opt.MaxStatements == 0 {
		opt.MaxStatements = DefaultMaxStatements
	}
	l := &loader{
		ctx: ctx, fsys: fsys, opt: opt, cfg: opt.Config,
		ws:      &Workspace{Root: name, Config: opt.Config},
		files:   map[string]*File{},
		uses:    map[string][]use{},
		managed: map[string]*Policy{},
	}
	paths, err := l.walk()
	if err != nil {
		return nil, err
	}
	if err := l.readAll(paths); err != nil {
		return nil, err
	}
	for _, p := range paths {
		f := l.files[p]
		if f == nil || f.Doc == nil {
			continue
		}
		switch f.Role {
		case FileInventory:
			l.ws.Accounts = append(l.ws.Accounts, l.account(f))
		case FileScenarios:
			l.ws.Scenarios = append(l.ws.Scenarios, l.scenarioFile(f))
		}
	}
	l.linkInventory()
	l.finishPolicies()
	l.ws.Inline = l.inline
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ws := l.ws
	for _, f := range l.files {
		ws.Files = append(ws.Files, f)
	}
	slices.SortFunc(ws.Files, func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(ws.Policies, func(a, b *Policy) int { return strings.Compare(a.File(), b.File()) })
	slices.SortFunc(ws.Managed, func(a, b *Policy) int { return strings.Compare(a.File(), b.File()) })
	finding.Sort(ws.Findings)
	return ws, nil
}

type loader struct {
	ctx     context.Context
	fsys    fs.FS
	opt     Options
	cfg     *Config
	ws      *Workspace
	mu      sync.Mutex
	files   map[string]*File
	uses    map[string][]use // policy file -> how the inventory and scenarios use it
	managed map[string]*Policy
	pending []pendingRef
	inline  []*Policy // policies written inside scenario files
}

// pendingRef is a reference to a policy file whose dialect and kind are
// known only once every reference has been seen.
type pendingRef struct {
	ref  *PolicyRef
	path string
}

// use records one reference to a policy file: as what kind, in what dialect.
type use struct {
	kind    policydoc.Kind
	dialect policydoc.Dialect
	from    string
	ptr     string
}

func (l *loader) add(f finding.Finding) {
	l.mu.Lock()
	l.ws.Findings = append(l.ws.Findings, f)
	l.mu.Unlock()
}

// walk lists the files the configuration includes.
func (l *loader) walk() ([]string, error) {
	var out []string
	err := fs.WalkDir(l.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		if p == "." {
			return nil
		}
		if matchAny(l.cfg.exclude(), p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || p == ConfigFile || p == l.cfg.Path {
			return nil
		}
		if matchAny(l.cfg.include(), p) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(out)
	return out, nil
}

// readAll reads and parses files in parallel.
func (l *loader) readAll(paths []string) error {
	jobs := make(chan string)
	errs := make(chan error, len(paths))
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(paths))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				if err := l.read(p, ""); err != nil {
					errs <- err
				}
			}
		}()
	}
	for _, p := range paths {
		if l.ctx.Err() != nil {
			break
		}
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	close(errs)
	return errors.Join(slices.Collect(func(yield func(error) bool) {
		for e := range errs {
			if !yield(e) {
				return
			}
		}
	})...)
}

// read reads and parses one file and classifies it. role forces the role
// (a file referenced as a policy); empty means classify by globs and content.
func (l *loader) read(p string, role FileRole) error {
	l.mu.Lock()
	if f, ok := l.files[p]; ok {
		l.mu.Unlock()
		_ = f
		return nil
	}
	l.mu.Unlock()
	if info, err := fs.Stat(l.fsys, p); err == nil && info.Size() > int64(l.opt.Limits.MaxBytes) && l.opt.Limits.MaxBytes > 0 {
		f := &File{Path: p, Role: roleOrPolicy(role)}
		l.store(f)
		l.add(finding.InFile(finding.RuleLimit, p, policydoc.Pos{Line: 1, Col: 1}, policydoc.Pos{Line: 1, Col: 1},
			fmt.Sprintf("file is %d bytes, larger than the limit of %d bytes (4 MiB)", info.Size(), l.opt.Limits.MaxBytes)))
		return nil
	}
	src, err := fs.ReadFile(l.fsys, p)
	if escapes(err) {
		l.store(&File{Path: p, Role: roleOrPolicy(role)})
		l.add(finding.InFile(finding.RuleOutsideRoot, p, policydoc.Pos{Line: 1, Col: 1}, policydoc.Pos{Line: 1, Col: 1},
			"symbolic link to a file outside the repository; rampart does not follow it"))
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", p, err)
	}
	doc, perr := policydoc.Parse(p, src, policydoc.FormatOf(p), l.opt.Limits)
	f := &File{Path: p, Doc: doc, Role: role}
	if perr != nil {
		f.Role = roleOrPolicy(role)
		l.store(f)
		l.add(finding.FromParseError(p, perr))
		return nil
	}
	if f.Role == "" {
		f.Role = l.classify(p, doc)
	}
	if f.Role == "" {
		return nil // not a file rampart knows
	}
	l.store(f)
	return nil
}

func roleOrPolicy(r FileRole) FileRole {
	if r == "" {
		return FilePolicy
	}
	return r
}

func (l *loader) store(f *File) {
	l.mu.Lock()
	if _, ok := l.files[f.Path]; !ok {
		l.files[f.Path] = f
	}
	l.mu.Unlock()
}

// classify says what a parsed file is: by the configured globs, then by
// its top-level keys. Files that are none of rampart's are left alone.
func (l *loader) classify(p string, doc *policydoc.Document) FileRole {
	switch {
	case matchAny(l.cfg.inventoryGlobs(), p):
		return FileInventory
	case matchAny(l.cfg.scenarioGlobs(), p):
		return FileScenarios
	case matchAny([]string{"**/policies/**"}, p):
		return FilePolicy
	}
	r := doc.Root
	if r == nil || r.Kind != policydoc.Object {
		return ""
	}
	switch {
	case r.Field("account") != nil:
		return FileInventory
	case r.Field("scenarios") != nil:
		return FileScenarios
	}
	for _, k := range []string{"Version", "Statement"} {
		if v, _ := r.FieldFold(k); v != nil {
			return FilePolicy
		}
	}
	return ""
}

// isPath tells a file reference from a policy name.
func isPath(s string) bool {
	if strings.ContainsAny(s, `/\`) {
		return true
	}
	switch strings.ToLower(path.Ext(s)) {
	case ".json", ".yaml", ".yml":
		return true
	}
	return false
}

// resolve turns a reference written in file from into a repository path,
// or reports why it cannot.
func (l *loader) resolve(from *File, ptr, text string) (string, bool) {
	if path.IsAbs(text) || strings.HasPrefix(text, `\`) || (len(text) > 1 && text[1] == ':') {
		l.add(finding.At(finding.RuleOutsideRoot, from.Doc, ptr, policydoc.TargetValue,
			fmt.Sprintf("%q is an absolute path: references are relative to the file that makes them and stay inside the repository", text)))
		return "", false
	}
	p := path.Join(path.Dir(from.Path), strings.ReplaceAll(text, `\`, "/"))
	if p == ".." || strings.HasPrefix(p, "../") {
		l.add(finding.At(finding.RuleOutsideRoot, from.Doc, ptr, policydoc.TargetValue,
			fmt.Sprintf("%q leaves the repository: relative to %s it resolves to %s", text, path.Dir(from.Path), p)))
		return "", false
	}
	if _, err := fs.Stat(l.fsys, p); err != nil {
		switch {
		case escapes(err):
			l.add(finding.At(finding.RuleOutsideRoot, from.Doc, ptr, policydoc.TargetValue,
				fmt.Sprintf("%q is a symbolic link that leaves the repository; rampart does not follow it", text)))
		case errors.Is(err, fs.ErrNotExist):
			l.add(finding.At(finding.RuleMissingReference, from.Doc, ptr, policydoc.TargetValue,
				fmt.Sprintf("no file %s (%q relative to %s)", p, text, dirName(from.Path))))
		default:
			l.add(finding.At(finding.RuleMissingReference, from.Doc, ptr, policydoc.TargetValue,
				fmt.Sprintf("cannot read %s: %v", p, err)))
		}
		return "", false
	}
	return p, true
}

func dirName(p string) string {
	if d := path.Dir(p); d != "." {
		return d + "/"
	}
	return "the repository root"
}

// escapes reports an os.Root error for a path that leaves the root.
func escapes(err error) bool {
	return err != nil && strings.Contains(err.Error(), "escapes from parent")
}

// policyRef resolves a reference to a policy: a path relative to the
// referencing file, or the name of a system or managed policy of the
// dialect.
func (l *loader) policyRef(from *File, ptr, text string, kind policydoc.Kind, d policydoc.Dialect) *PolicyRef {
	ref := &PolicyRef{Text: text, Pointer: ptr}
	if text == "" {
		return ref
	}
	if !isPath(text) {
		ref.Policy = l.managedPolicy(from, ptr, text, d)
		return ref
	}
	p, ok := l.resolve(from, ptr, text)
	if !ok {
		return ref
	}
	if err := l.read(p, FilePolicy); err != nil {
		l.add(finding.At(finding.RuleMissingReference, from.Doc, ptr, policydoc.TargetValue, err.Error()))
		return ref
	}
	l.mu.Lock()
	l.uses[p] = append(l.uses[p], use{kind: kind, dialect: d, from: from.Path, ptr: ptr})
	l.mu.Unlock()
	l.pending = append(l.pending, pendingRef{ref: ref, path: p}) // filled in by finishPolicies
	return ref
}

func (l *loader) managedPolicy(from *File, ptr, name string, d policydoc.Dialect) *Policy {
	if d == "" {
		l.add(finding.At(finding.RuleDialect, from.Doc, ptr, policydoc.TargetValue,
			fmt.Sprintf("cannot look up the system policy %q: the account's dialect is unknown; set dialect in the inventory file", name)))
		return nil
	}
	key := string(d) + "/" + name
	if p, ok := l.managed[key]; ok {
		return p
	}
	mp, ok := managed.Lookup(d, name)
	if !ok {
		msg := fmt.Sprintf("unknown %s system policy %q", d, name)
		if s := managed.Suggest(d, name); len(s) > 0 {
			msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(quoteAll(s), " or "))
		} else {
			msg += "; to use a policy of your own, give its path relative to this file"
		}
		l.add(finding.At(finding.RuleUnknownPolicy, from.Doc, ptr, policydoc.TargetValue, msg))
		return nil
	}
	file := managed.File(d, name)
	doc, err := policydoc.Parse(file, mp.Document, policydoc.JSON, policydoc.DefaultLimits)
	if err != nil {
		l.add(finding.At(finding.RuleUnknownPolicy, from.Doc, ptr, policydoc.TargetValue, fmt.Sprintf("embedded policy %s does not parse: %v", name, err)))
		return nil
	}
	p := &Policy{Policy: policydoc.Normalize(doc, d, policydoc.Identity), Managed: true, Source: mp.Source, Name: name, DialectReason: "it is a " + string(d) + " system policy"}
	l.managed[key] = p
	l.ws.Managed = append(l.ws.Managed, p)
	return p
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
