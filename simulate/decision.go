package simulate

import (
	"fmt"
	"strconv"
)

// Effect is the outcome of a request.
type Effect string

// The three effects, spelled as in rampart's JSON output.
const (
	Allow        Effect = "allow"
	ExplicitDeny Effect = "explicit-deny" // a Deny statement applies
	ImplicitDeny Effect = "implicit-deny" // nothing allows, or a layer that must allow does not
)

// Allowed reports whether the effect is Allow.
func (e Effect) Allowed() bool { return e == Allow }

// Layer names a kind of policy that takes part in a decision.
type Layer string

// The layers, in the order the evaluator reports them.
const (
	LayerControl         Layer = "control"          // Resource Directory control policies, AWS SCPs (by level)
	LayerResourceControl Layer = "resource-control" // AWS RCPs (by level)
	LayerSession         Layer = "session"          // the session policy passed at AssumeRole
	LayerBoundary        Layer = "boundary"         // the permissions boundary (aws)
	LayerIdentity        Layer = "identity"         // a user's own and its groups' policies, or a role's
	LayerResource        Layer = "resource"         // the resource's policy (bucket, key, queue …)
	LayerTrust           Layer = "trust"            // the role's trust policy, for assume-role requests
	LayerOwner           Layer = "owner"            // the account owner's full access to its own resources (acs, jdcloud)
)

// StatementRef locates a statement that took part in a decision.
type StatementRef struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Pointer string `json:"pointer"`
	Sid     string `json:"sid,omitempty"`
	Effect  string `json:"effect"` // "Allow" or "Deny", as written
}

// LayerDecision is what one layer decided.
type LayerDecision struct {
	// Layer is the kind of policy.
	Layer Layer `json:"layer"`
	// Level is the 1-based level of a control or resource-control policy
	// (the organization root is level 1); 0 for other layers.
	Level int `json:"level,omitempty"`
	// Hop is the 1-based assume-role hop the layer belongs to; 0 for the
	// final request.
	Hop int `json:"hop,omitempty"`
	// Effect is the layer's own result: allow (an Allow statement applies
	// and no Deny), explicit-deny, or implicit-deny (no statement applies).
	Effect Effect `json:"effect"`
	// Statements are the statements of the layer that apply to the
	// request, in document order.
	Statements []StatementRef `json:"statements,omitempty"`
	// Note says why a layer did not count, or how it counted: "does not
	// bind the management account", "the account owner", …
	Note string `json:"note,omitempty"`
}

// FailedCondition is a condition that kept a statement from applying: the
// statement's action, resource and principal fit the request.
type FailedCondition struct {
	Statement StatementRef `json:"statement"`
	Layer     Layer        `json:"layer"`
	Level     int          `json:"level,omitempty"`
	Hop       int          `json:"hop,omitempty"`
	Operator  string       `json:"operator"` // as written, with qualifier and IfExists
	Key       string       `json:"key"`      // as written
	Pointer   string       `json:"pointer"`  // of the key's value in the policy file
	Line      int          `json:"line"`
	// Missing says the request had no value for the key.
	Missing bool `json:"missing,omitempty"`
}

// HopDecision is the decision of one assume-role hop of a chain.
type HopDecision struct {
	Hop      int             `json:"hop"`    // 1-based
	Caller   string          `json:"caller"` // the principal that assumes
	Role     string          `json:"role"`   // the role assumed
	Effect   Effect          `json:"decision"`
	DeniedBy string          `json:"denied_by,omitempty"`
	Reasons  []StatementRef  `json:"matched"`
	Layers   []LayerDecision `json:"layers,omitempty"`
}

// Decision is the answer to one request with its explanation. Every slice
// is in a stable order: layers in evaluation order, statements in
// document order, keys sorted.
type Decision struct {
	// Effect is the outcome.
	Effect Effect `json:"decision"`
	// Reasons are the statements that decided: for an explicit deny the
	// Deny statements that apply; for an allow the Allow statements of the
	// layers that grant (identity, resource, trust, of every hop); empty
	// for an implicit deny.
	Reasons []StatementRef `json:"matched"`
	// DeniedBy names the layer that denied, for a denial: "control level
	// 2", "resource-control level 1", "session", "boundary", "identity",
	// "resource", "trust", with " at hop N" for a hop of a chain.
	DeniedBy string `json:"denied_by,omitempty"`
	// Layers are the layers of the final request that were evaluated.
	Layers []LayerDecision `json:"layers,omitempty"`
	// Hops are the assume-role hops of the chain, in order.
	Hops []HopDecision `json:"hops,omitempty"`
	// FailedConditions are the conditions that kept statements from
	// applying, across hops and layers.
	FailedConditions []FailedCondition `json:"failed_conditions,omitempty"`
	// Missing are the context keys that statements fitting the request
	// name in their conditions and the request did not carry, sorted.
	Missing []string `json:"missing_context,omitempty"`
	// Uncertain is set when a condition could not be evaluated (an
	// unknown operator, a value that does not parse): it was taken as
	// failing in an Allow and as holding in a Deny; Notes say which.
	Uncertain bool `json:"uncertain,omitempty"`
	// Notes are further remarks: assumptions made, layers that do not
	// apply, documented behaviour that decided.
	Notes []string `json:"notes,omitempty"`
}

// denial names the layer that denied a request, at a level and a hop.
type denial struct {
	layer      Layer
	level, hop int
}

// String formats the DeniedBy text of the denial; empty for none.
func (d denial) String() string {
	if d.layer == "" {
		return ""
	}
	return deniedBy(d.layer, d.level, d.hop)
}

// deniedBy formats the DeniedBy text of a layer.
func deniedBy(l Layer, level, hop int) string {
	s := string(l)
	if level > 0 {
		s += " level " + strconv.Itoa(level)
	}
	if hop > 0 {
		s += fmt.Sprintf(" at hop %d", hop)
	}
	return s
}
