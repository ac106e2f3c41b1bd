package lint

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// Note is something a run tells the user that is not a finding about the
// repository: a baseline that does not exist yet, a rule that was stopped.
type Note struct {
	Rule    string `json:"rule,omitempty"`
	File    string `json:"file,omitempty"`
	Message string `json:"message"`
}

// Result is what a run found.
type Result struct {
	// Findings are the rules' findings, the workspace's own (files that do
	// not parse, missing references) and any passed to Run, with severities
	// from the configuration, suppressions and the baseline applied, and
	// the findings about suppressions themselves; sorted by file, line,
	// column and rule. Suppressed findings stay, marked Suppressed.
	Findings []finding.Finding
	Notes    []Note
	// Documents is how many policy documents the document pass evaluated.
	Documents int
}

// preparedQuery is one prepared query over a set of rules of one scope,
// binding r0, r1 … to each rule's deny (or aggregate) set.
type preparedQuery struct {
	once  sync.Once
	pq    rego.PreparedEvalQuery
	err   error
	rules []*RuleInfo
}

func ruleRef(r *RuleInfo) string {
	if r.Scope == ScopeWorkspace {
		return r.Package + ".aggregate"
	}
	return r.Package + ".deny"
}

// query returns the prepared query for a set of rules with the given
// rule options (data.rampart.options), preparing it on first use. Queries
// are cached for the engine's lifetime.
func (e *Engine) query(ctx context.Context, rs []*RuleInfo, opts ruleOptions) (*preparedQuery, error) {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	key := strings.Join(ids, ",")
	if opts.key != "" {
		key += "\x00" + opts.key
	}
	v, _ := e.queries.LoadOrStore(key, &preparedQuery{rules: rs})
	q := v.(*preparedQuery)
	q.once.Do(func() {
		parts := make([]string, len(rs))
		for i, r := range rs {
			parts[i] = "r" + strconv.Itoa(i) + " = " + ruleRef(r)
		}
		body, err := ast.ParseBody(strings.Join(parts, "; "))
		if err != nil {
			q.err = fmt.Errorf("rule query: %w", err)
			return
		}
		ropts := []func(*rego.Rego){rego.Compiler(e.compiler), rego.ParsedQuery(body), rego.Store(opts.store())}
		for _, f := range e.funcs.options() {
			ropts = append(ropts, f)
		}
		q.pq, q.err = rego.New(ropts...).PrepareForEval(ctx)
		if q.err != nil {
			q.err = fmt.Errorf("prepare rule query: %w", q.err)
		}
	})
	return q, q.err
}

// errTimeout marks an evaluation stopped by the time limit.
var errTimeout = errors.New("time limit exceeded")

// eval evaluates a prepared query on one input within the time limit and
// returns each rule's raw findings, in the order of q.rules.
func (r *runState) eval(q *preparedQuery, input ast.Value) ([][]any, error) {
	ctx, cancel := context.WithTimeout(r.ctx, r.e.opts.Timeout)
	defer cancel()
	rs, err := q.pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(r.now))
	if err != nil {
		if ctx.Err() != nil && r.ctx.Err() == nil {
			return nil, errTimeout
		}
		return nil, err
	}
	if len(rs) != 1 {
		return nil, fmt.Errorf("rule query returned %d results", len(rs))
	}
	out := make([][]any, len(q.rules))
	for i := range q.rules {
		v, ok := rs[0].Bindings["r"+strconv.Itoa(i)]
		if !ok {
			return nil, fmt.Errorf("rule query did not bind r%d", i)
		}
		set, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("%s is %T, not a set of findings", ruleRef(q.rules[i]), v)
		}
		out[i] = set
	}
	return out, nil
}

// runState is the state of one Run.
type runState struct {
	e    *Engine
	ctx  context.Context
	now  time.Time
	opts ruleOptions // what the rules read at data.rampart.options

	docs     map[string]*policydoc.Document // every file that parsed, and the system policies
	policies map[string]*workspace.Policy
	accounts map[string]*workspace.Account

	mu        sync.Mutex
	tripped   map[string]string // rule ID -> file of its first timeout
	problems  []finding.Finding // RUN001 and RUN002
	ruleOut   map[string][]finding.Finding
	documents int
}

func (r *runState) isTripped(id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.tripped[id]
	return ok
}

func (r *runState) addProblem(f finding.Finding) {
	r.mu.Lock()
	r.problems = append(r.problems, f)
	r.mu.Unlock()
}

// evaluate runs a set of rules on one input: all together, and when that
// fails (an error or the time limit), one by one, so that one broken or
// slow rule costs only its own findings. where names the document, or is
// empty for the workspace.
func (r *runState) evaluate(rs []*RuleInfo, input ast.Value, where string) map[*RuleInfo][]any {
	active := slices.DeleteFunc(slices.Clone(rs), func(ri *RuleInfo) bool { return r.isTripped(ri.ID) })
	if len(active) == 0 {
		return nil
	}
	out := map[*RuleInfo][]any{}
	q, err := r.e.query(r.ctx, active, r.opts)
	if err == nil {
		var res [][]any
		if res, err = r.eval(q, input); err == nil {
			for i, ri := range active {
				out[ri] = res[i]
			}
			return out
		}
	}
	if r.ctx.Err() != nil {
		return nil
	}
	for _, ri := range active {
		q, err := r.e.query(r.ctx, []*RuleInfo{ri}, r.opts)
		var res [][]any
		if err == nil {
			res, err = r.eval(q, input)
		}
		switch {
		case err == nil:
			out[ri] = res[0]
		case r.ctx.Err() != nil:
			return nil
		case errors.Is(err, errTimeout):
			r.timedOut(ri, where)
		default:
			r.failed(ri, where, err.Error())
		}
	}
	return out
}

// timedOut records that a rule exceeded the time limit. The rule is
// stopped for the rest of the run and all its findings are left out, so
// that the result does not depend on which documents it reached first.
func (r *runState) timedOut(ri *RuleInfo, where string) {
	r.mu.Lock()
	if _, ok := r.tripped[ri.ID]; !ok {
		r.tripped[ri.ID] = where
	}
	r.mu.Unlock()
	msg := fmt.Sprintf("rule %s (%s) did not finish within %s on this document and was stopped; its findings are left out of this run", ri.ID, ri.Name, r.e.opts.Timeout)
	if where == "" {
		msg = fmt.Sprintf("rule %s (%s) did not finish within %s on the workspace and was stopped; its findings are left out of this run", ri.ID, ri.Name, r.e.opts.Timeout)
	}
	r.addProblem(r.problemAt(RuleTimeout, ri, where, msg))
}

func (r *runState) failed(ri *RuleInfo, where, detail string) {
	msg := fmt.Sprintf("rule %s (%s) failed on this document: %s", ri.ID, ri.Name, detail)
	if where == "" {
		msg = fmt.Sprintf("rule %s (%s) failed on the workspace: %s", ri.ID, ri.Name, detail)
	}
	r.addProblem(r.problemAt(RuleFailed, ri, where, msg))
}

// problemAt places an engine finding: at the top of the document, or, for
// the workspace pass, at the rule's own file.
func (r *runState) problemAt(rule finding.Rule, ri *RuleInfo, where, msg string) finding.Finding {
	rule.Severity = r.e.severityOf(rule.ID, rule.Severity)
	if doc := r.docs[where]; doc != nil {
		f := finding.At(rule, doc, "", policydoc.TargetOpen, msg)
		f.Fingerprint = finding.Fingerprint(rule.ID, where, ri.ID)
		return f
	}
	f := finding.InFile(rule, ri.File, policydoc.Pos{Line: 1, Col: 1}, policydoc.Pos{Line: 1, Col: 1}, msg)
	f.Fingerprint = finding.Fingerprint(rule.ID, ri.File, ri.ID)
	return f
}

// Run lints a workspace: the document pass over every policy document of
// the repository (not the embedded system policies, which the workspace
// pass sees, nor policies written inline in scenario files), then the
// workspace pass. extra findings (from schema
// validation, from scenarios) go through the same configuration,
// suppressions and baseline, and count when deciding whether a
// suppression is used. The error is for a cancelled context or an engine
// failure; problems of single rules are findings.
func (e *Engine) Run(ctx context.Context, ws *workspace.Workspace, extra ...finding.Finding) (Result, error) {
	r, err := e.evaluateAll(ctx, ws, e.options, func(ri *RuleInfo) bool { return e.enabled[ri.ID] })
	if err != nil {
		return Result{}, err
	}
	var all []finding.Finding
	for id, fs := range r.ruleOut {
		if _, stopped := r.tripped[id]; !stopped {
			all = append(all, fs...)
		}
	}
	all = append(all, r.problems...)
	for _, f := range append(slices.Clone(ws.Findings), extra...) {
		if on, known := e.enabled[f.Rule]; known && !on {
			continue
		}
		if s, ok := e.severity[f.Rule]; ok {
			f.Severity = s
		}
		all = append(all, f)
	}
	finding.Sort(all)
	all = e.suppress(all, r.policies)
	e.applyBaseline(all)
	finding.Sort(all)
	res := Result{Findings: all, Notes: slices.Clone(e.notes), Documents: r.documents}
	ids := make([]string, 0, len(r.tripped))
	for id := range r.tripped {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		where := r.tripped[id]
		if where == "" {
			where = "the workspace"
		}
		res.Notes = append(res.Notes, Note{Rule: id, File: r.tripped[id],
			Message: fmt.Sprintf("rule %s exceeded the time limit of %s on %s and was stopped for the rest of the run; none of its findings are reported", id, e.opts.Timeout, where)})
	}
	return res, nil
}

// evaluateAll runs both passes with the Rego rules run selects and the
// given rule options.
func (e *Engine) evaluateAll(ctx context.Context, ws *workspace.Workspace, opts ruleOptions, run func(*RuleInfo) bool) (*runState, error) {
	r := &runState{
		e: e, ctx: ctx, now: e.opts.Now(), opts: opts,
		docs: map[string]*policydoc.Document{}, policies: map[string]*workspace.Policy{}, accounts: map[string]*workspace.Account{},
		tripped: map[string]string{}, ruleOut: map[string][]finding.Finding{},
	}
	for _, f := range ws.Files {
		if f.Doc != nil {
			r.docs[f.Path] = f.Doc
		}
	}
	for _, p := range append(slices.Clone(ws.Policies), ws.Managed...) {
		r.docs[p.File()] = p.Doc
		r.policies[p.File()] = p
	}
	for _, a := range ws.Accounts {
		r.accounts[a.File] = a
	}
	var docRules, wsRules []*RuleInfo
	for i := range e.rules {
		ri := &e.rules[i]
		if !run(ri) {
			continue
		}
		switch ri.Scope {
		case ScopeDocument:
			docRules = append(docRules, ri)
		case ScopeWorkspace:
			wsRules = append(wsRules, ri)
		}
	}
	values := map[string]ast.Value{}
	var docs []*workspace.Policy
	for _, p := range ws.Policies {
		if !p.Managed {
			docs = append(docs, p)
		}
	}
	vals := make([]ast.Value, len(docs))
	for i, p := range docs {
		vals[i] = documentValue(p)
		values[p.File()] = vals[i]
	}
	if err := r.documentPass(docs, vals, docRules); err != nil {
		return nil, err
	}
	if len(wsRules) > 0 {
		for _, p := range ws.Managed {
			values[p.File()] = documentValue(p)
		}
		out := r.evaluate(wsRules, workspaceValue(ws, values), "")
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for ri, raws := range out {
			r.collect(ri, nil, raws)
		}
	}
	r.documents = len(docs)
	return r, nil
}

// documentPass evaluates the document rules on every document, in
// parallel, each document with the rules that apply to its dialect and kind.
func (r *runState) documentPass(docs []*workspace.Policy, vals []ast.Value, rules []*RuleInfo) error {
	if len(rules) == 0 || len(docs) == 0 {
		return nil
	}
	workers := r.e.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(docs))
	type group struct{ rules []*RuleInfo }
	groups := map[string]*group{}
	var gmu sync.Mutex
	applicable := func(p *workspace.Policy) []*RuleInfo {
		key := string(p.Dialect) + "/" + string(p.Kind)
		gmu.Lock()
		defer gmu.Unlock()
		g := groups[key]
		if g == nil {
			g = &group{}
			for _, ri := range rules {
				if ri.AppliesTo(p.Dialect, p.Kind) {
					g.rules = append(g.rules, ri)
				}
			}
			groups[key] = g
		}
		return g.rules
	}
	results := make([]map[*RuleInfo][]any, len(docs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = r.evaluate(applicable(docs[i]), vals[i], docs[i].File())
			}
		}()
	}
	for i := range docs {
		if r.ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := r.ctx.Err(); err != nil {
		return err
	}
	for i, out := range results {
		for _, ri := range rules {
			if raws, ok := out[ri]; ok {
				r.collect(ri, docs[i], raws)
			}
		}
	}
	return nil
}
