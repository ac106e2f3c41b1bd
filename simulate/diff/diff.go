// Package diff compares the access two revisions of a repository grant: the
// answer to a reviewer's question "what access does this change add or take
// away?".
//
// For every principal of either revision — account roots, users, roles, the
// principals outside the inventory that trust and resource policies name,
// and the anonymous caller when a resource policy names everyone — it asks
// the evaluator of each revision about every action and resource the
// documents reachable from that principal mention, and reports each request
// whose answer changed between allow and deny: gained (deny → allow) or lost
// (allow → deny), with the statements that decided on each side. A change
// between the two kinds of deny is not access and is not reported. Assuming
// roles is part of the surface: a principal gains or loses sts:AssumeRole on
// a role, and through the role the access the role carries.
//
// Each request is decided twice per revision: under the given request
// context (none by default), and with every condition taken as favourable
// (Allow conditions hold, conditional Deny statements do not apply). A
// request allowed only in the second way is allowed conditionally; the
// change then lists the conditions that decide it.
//
// The naive product of principals, actions and resources is far too large,
// so the comparison prunes, soundly:
//
//   - a principal whose decision inputs are the same at both revisions (the
//     content of every policy that can apply to it, its inventory entry, its
//     account's control policies, the resources and their policies that may
//     name it) is not evaluated: its decisions cannot differ;
//   - actions are split into classes that every action pattern of the
//     principal's reachable documents treats alike; one action decides for
//     its class, and the services no pattern names are one class each;
//   - resources are "*", the inventory's resources and the resource patterns
//     of the reachable documents (policy variables of the principal filled
//     in), each paired only with the actions whose resource types fit it;
//   - assume-role hops are decided for every principal and role, except where
//     the role's trust policy cannot name the principal at either revision.
//
// Results are compressed back: "ecs:*" when every ecs action that fits the
// resource changed the same way, "*" when every action did, a pattern of the
// documents when it covers exactly what changed.
package diff

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/rampart-iam/rampart/internal/catalog"
	"github.com/rampart-iam/rampart/internal/workspace"
	"github.com/rampart-iam/rampart/simulate"
)

// Revision is one side of a comparison: a loaded workspace and the name it
// is shown by ("origin/main", "working tree").
type Revision struct {
	Name      string
	Workspace *workspace.Workspace
}

// Options configure a comparison.
type Options struct {
	// Context is the request context every question carries (context keys
	// such as acs:SourceIp or aws:RequestedRegion).
	Context map[string]workspace.ContextValue
	// Simulator options apply to the evaluator of both revisions (a clock).
	Simulator []simulate.Option
	// Workers bounds the goroutines deciding requests; 0 means GOMAXPROCS.
	Workers int

	// exhaustive turns every pruning off, and keepImplied keeps changes on
	// named resources that a change on "*" implies, for the tests that
	// check that pruning hides nothing.
	exhaustive  bool
	keepImplied bool
}

// Kind says whether access was gained or lost.
type Kind string

// The kinds of change.
const (
	Gained Kind = "gained" // deny → allow
	Lost   Kind = "lost"   // allow → deny
)

// Result is the access diff between two revisions. Every slice is sorted.
type Result struct {
	Base string
	Head string
	// Changes are the requests whose decision changed, by principal.
	Changes []Change
	// Scenarios are the scenario results whose decision changed.
	Scenarios []ScenarioChange
	// Documents are the textual diffs of the files behind the changes.
	Documents []Document
	// Accounts maps account IDs of either revision to their aliases.
	Accounts map[string]string
	// Stats counts the work done.
	Stats Stats
}

// Stats counts the work a comparison did.
type Stats struct {
	Principals int // principals of either revision
	Evaluated  int // principals whose decision inputs differ, evaluated in full
	Questions  int // requests decided, both revisions, both ways of reading conditions
}

// Change is one request whose decision changed. Its JSON encoding is an
// element of "changes" in the `rampart diff --format json` contract.
type Change struct {
	Principal string          `json:"principal"`
	Action    string          `json:"action"`
	Resource  string          `json:"resource"`
	Change    Kind            `json:"change"`
	Base      simulate.Effect `json:"base"`
	Head      simulate.Effect `json:"head"`
	Because   Because         `json:"because"`

	// Kind is the principal's kind: root, user, role, service, anonymous,
	// external-account, external-user, external-role.
	Kind    string `json:"kind,omitempty"`
	Account string `json:"account,omitempty"`
	// Assume lists the role the principal assumes to make the request.
	Assume []string `json:"assume,omitempty"`
	// Covers is the number of actions Action stands for when it is a
	// pattern; Except lists the actions or patterns it leaves out.
	Covers int      `json:"covers,omitempty"`
	Except []string `json:"except,omitempty"`
	// Levels are the access levels of the actions (from the catalogue).
	Levels []catalog.Level `json:"levels,omitempty"`
	// External marks a principal outside the account that owns the
	// resource (or the role assumed), or outside every inventory account.
	External bool `json:"external,omitempty"`
	// BaseConditional and HeadConditional mark a side that allows only
	// when conditions hold that the evaluated request context does not
	// satisfy; Conditions says which.
	BaseConditional bool `json:"base_conditional,omitempty"`
	HeadConditional bool `json:"head_conditional,omitempty"`
	// BaseDeniedBy and HeadDeniedBy name the layer that denied.
	BaseDeniedBy string `json:"base_denied_by,omitempty"`
	HeadDeniedBy string `json:"head_denied_by,omitempty"`
	// Conditions are the conditions of the statements that decided.
	Conditions []Condition `json:"conditions,omitempty"`
	// Documents lists the changed files behind the change (see
	// Result.Documents).
	Documents []string `json:"documents,omitempty"`
}

// Because holds the statements that decided at each revision: the Allow
// statements that granted, the Deny statements that denied, none for an
// implicit deny.
type Because struct {
	Base []Ref `json:"base"`
	Head []Ref `json:"head"`
}

// Ref locates a statement.
type Ref struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Pointer string `json:"pointer"`
	Sid     string `json:"sid,omitempty"`
	Effect  string `json:"effect,omitempty"`
}

// Condition is one condition of a statement that decided a change.
type Condition struct {
	Side     string   `json:"side"` // "base" or "head"
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Pointer  string   `json:"pointer"`
	Effect   string   `json:"effect"` // of its statement: Allow or Deny
	Operator string   `json:"operator"`
	Key      string   `json:"key"`
	Values   []string `json:"values,omitempty"`
	// Met says whether the condition holds for the evaluated request
	// context; Missing that the context lacks the key.
	Met     bool `json:"met"`
	Missing bool `json:"missing,omitempty"`
}

// ScenarioChange is a scenario result whose decision changed. Its JSON
// encoding is an element of "scenarios" in the contract.
type ScenarioChange struct {
	Name      string          `json:"name"`
	File      string          `json:"file"`
	Base      simulate.Effect `json:"base"`
	Head      simulate.Effect `json:"head"`
	Principal string          `json:"principal,omitempty"`
	Action    string          `json:"action,omitempty"`
	Resource  string          `json:"resource,omitempty"`
	Line      int             `json:"line,omitempty"` // at head
}

// Document is the unified diff of one file between the revisions.
type Document struct {
	File string `json:"file"`
	Diff string `json:"diff"`
}

// Summary counts the changes.
type Summary struct {
	Gained int `json:"gained"`
	Lost   int `json:"lost"`
}

// Summary counts the changes by kind.
func (r *Result) Summary() Summary {
	var s Summary
	for _, c := range r.Changes {
		if c.Change == Gained {
			s.Gained++
		} else {
			s.Lost++
		}
	}
	return s
}

// Compare computes the access diff from base to head.
func Compare(ctx context.Context, base, head Revision, opt Options) (*Result, error) {
	if base.Workspace == nil || head.Workspace == nil {
		return nil, fmt.Errorf("diff: a revision has no workspace")
	}
	c, err := newComparer(ctx, base, head, opt)
	if err != nil {
		return nil, err
	}
	if err := c.run(ctx); err != nil {
		return nil, err
	}
	res := &Result{Base: base.Name, Head: head.Name, Changes: c.changes, Accounts: c.aliases()}
	res.Scenarios, err = c.scenarios(ctx)
	if err != nil {
		return nil, err
	}
	res.Documents = c.documents(res.Changes)
	res.Stats = Stats{Principals: len(c.principals), Evaluated: int(c.evaluated.Load()), Questions: int(c.questions.Load())}
	return res, nil
}

// aliases maps the account IDs of both revisions to their aliases.
func (c *comparer) aliases() map[string]string {
	out := map[string]string{}
	for _, s := range c.sides {
		for _, a := range s.ws.Accounts {
			if a.ID != "" && a.Alias != "" {
				out[a.ID] = a.Alias
			}
		}
		if s.ws.Config != nil {
			for id, alias := range s.ws.Config.KnownAccounts {
				if _, ok := out[id]; !ok && alias != "" {
					out[id] = alias
				}
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// sortChanges orders changes by principal, the role assumed, action,
// resource and kind.
func sortChanges(cs []Change) {
	slices.SortFunc(cs, func(a, b Change) int {
		return cmp.Or(
			cmp.Compare(a.Principal, b.Principal),
			cmp.Compare(len(a.Assume), len(b.Assume)),
			cmp.Compare(strings.Join(a.Assume, "\x00"), strings.Join(b.Assume, "\x00")),
			cmp.Compare(actionOrder(a.Action), actionOrder(b.Action)),
			cmp.Compare(strings.ToLower(a.Action), strings.ToLower(b.Action)),
			cmp.Compare(a.Resource, b.Resource),
			cmp.Compare(a.Change, b.Change),
		)
	})
}

// actionOrder puts "*" first, then service-wide patterns, then the rest.
func actionOrder(a string) int {
	switch {
	case a == "*":
		return 0
	case strings.HasSuffix(a, ":*"):
		return 1
	}
	return 2
}
