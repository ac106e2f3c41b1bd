// Package peercorpus reads the recorded differential corpus: AWS authorization
// cases whose decision was taken by an independent evaluator and recorded next
// to the case. The replay test of the native evaluator compares its own
// decision with the recorded one, case by case.
//
// The corpus is a gzip-compressed JSON Lines file, one case per line; see
// README.md in this folder for the format and for how the corpus is made.
package peercorpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Decision is the outcome of one authorization request.
type Decision string

// The three decisions, spelled as in rampart's JSON output.
const (
	Allow        Decision = "allow"
	ExplicitDeny Decision = "explicit-deny"
	ImplicitDeny Decision = "implicit-deny"
)

// Decisions lists every decision in a fixed order.
var Decisions = []Decision{Allow, ExplicitDeny, ImplicitDeny}

// Valid reports whether d is one of the three decisions.
func (d Decision) Valid() bool {
	return d == Allow || d == ExplicitDeny || d == ImplicitDeny
}

// Case is one recorded request with the policies in force and the peer's
// decision.
type Case struct {
	ID       string   `json:"id"`
	Request  Request  `json:"request"`
	Policies Policies `json:"policies"`
	Peer     *Peer    `json:"peer"`
}

// Request is the request to authorize.
type Request struct {
	// Principal is the caller's ARN: an IAM user
	// (arn:aws:iam::<acct>:user/<name>) or a role session
	// (arn:aws:sts::<acct>:assumed-role/<role>/<session>). The principal's
	// account is the account field of this ARN.
	Principal string `json:"principal"`
	// Action is the action name, e.g. "s3:GetObject".
	Action string `json:"action"`
	// Resource is the resource ARN, or "*" for actions that take no resource.
	Resource string `json:"resource"`
	// ResourceAccount is the account that owns the resource; it is always set,
	// also when the ARN carries an account.
	ResourceAccount string `json:"resource_account"`
	// Context holds the request context keys, spelled as in the case (key
	// names are case-insensitive).
	Context map[string]ContextValue `json:"context"`
}

// ContextValue is the value of one context key: a single string, or a list
// of strings for a multi-valued key.
type ContextValue struct {
	// Values holds the value, or the values of a list.
	Values []string
	// List is true when the value was written as a JSON list.
	List bool
}

// UnmarshalJSON accepts a string or a list of strings.
func (v *ContextValue) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var vs []string
		if err := json.Unmarshal(b, &vs); err != nil {
			return fmt.Errorf("context value: want a string or a list of strings: %w", err)
		}
		*v = ContextValue{Values: vs, List: true}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("context value: want a string or a list of strings: %w", err)
	}
	*v = ContextValue{Values: []string{s}}
	return nil
}

// MarshalJSON writes the value back in the form it was read.
func (v ContextValue) MarshalJSON() ([]byte, error) {
	if v.List {
		if v.Values == nil {
			return []byte("[]"), nil
		}
		return json.Marshal(v.Values)
	}
	if len(v.Values) != 1 {
		return nil, fmt.Errorf("context value: a single value needs exactly one string, has %d", len(v.Values))
	}
	return json.Marshal(v.Values[0])
}

// Policies are the policy documents in force, kept as the raw JSON of each
// document so that a replay hands exactly the recorded text to the parser.
// An absent layer is nil.
type Policies struct {
	// Identity holds the principal's identity policies (user or role).
	Identity []json.RawMessage `json:"identity"`
	// Resource is the resource-based policy: bucket, key, queue or secret
	// policy, or the role's trust policy for sts: actions on a role.
	Resource json.RawMessage `json:"resource"`
	// Boundary is the principal's permissions boundary.
	Boundary json.RawMessage `json:"boundary"`
	// Session is the session policy of a role session.
	Session json.RawMessage `json:"session"`
	// SCP holds the service control policies of the principal's account, one
	// list per level from the organization root down to the account.
	SCP [][]json.RawMessage `json:"scp"`
	// RCP holds the resource control policies of the resource's account, one
	// list per level from the root down to the account. Every level lists the
	// RCPFullAWSAccess document explicitly.
	RCP [][]json.RawMessage `json:"rcp"`
}

// Peer is what the independent evaluator decided.
type Peer struct {
	Decision Decision `json:"decision"`
}

// Read reads a JSON Lines corpus file, gzip-compressed (as the committed
// corpus is) or plain; compression is recognised by its magic bytes.
func Read(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("peer corpus: %w", err)
	}
	defer f.Close()
	br := bufio.NewReader(f)
	var r io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("peer corpus %s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	cases, err := Decode(r)
	if err != nil {
		return nil, fmt.Errorf("peer corpus %s: %w", path, err)
	}
	return cases, nil
}

// Decode reads uncompressed JSON Lines, one case per line. Blank lines are
// skipped. Unknown fields are an error, so a change of format is noticed.
func Decode(r io.Reader) ([]Case, error) {
	var cases []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		var c Case
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		c.Policies.normalize()
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	return cases, nil
}

func isNull(m json.RawMessage) bool {
	return len(m) == 0 || string(bytes.TrimSpace(m)) == "null"
}

func (p *Policies) normalize() {
	if isNull(p.Resource) {
		p.Resource = nil
	}
	if isNull(p.Boundary) {
		p.Boundary = nil
	}
	if isNull(p.Session) {
		p.Session = nil
	}
}

// Validate checks that a case is well-formed: an id, a principal ARN of a
// user or role session, an action, a resource, a resource account, policy
// documents that are JSON objects, and a valid recorded decision.
func (c *Case) Validate() error {
	var errs []error
	if c.ID == "" {
		errs = append(errs, errors.New("empty id"))
	}
	if _, err := PrincipalAccount(c.Request.Principal); err != nil {
		errs = append(errs, err)
	}
	if !strings.Contains(c.Request.Action, ":") {
		errs = append(errs, fmt.Errorf("action %q has no service prefix", c.Request.Action))
	}
	if c.Request.Resource != "*" && !strings.HasPrefix(c.Request.Resource, "arn:") {
		errs = append(errs, fmt.Errorf("resource %q is neither an ARN nor *", c.Request.Resource))
	}
	if len(c.Request.ResourceAccount) != 12 {
		errs = append(errs, fmt.Errorf("resource_account %q is not a 12-digit account", c.Request.ResourceAccount))
	}
	keys := make([]string, 0, len(c.Request.Context))
	for k := range c.Request.Context {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if v := c.Request.Context[k]; !v.List && len(v.Values) != 1 {
			errs = append(errs, fmt.Errorf("context key %q: a single value holds %d strings", k, len(v.Values)))
		}
	}
	check := func(what string, doc json.RawMessage) {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(doc, &m); err != nil {
			errs = append(errs, fmt.Errorf("%s: not a JSON object: %w", what, err))
			return
		}
		if _, ok := m["Statement"]; !ok {
			errs = append(errs, fmt.Errorf("%s: no Statement", what))
		}
	}
	for i, d := range c.Policies.Identity {
		check(fmt.Sprintf("identity[%d]", i), d)
	}
	for _, l := range []struct {
		what string
		doc  json.RawMessage
	}{{"resource", c.Policies.Resource}, {"boundary", c.Policies.Boundary}, {"session", c.Policies.Session}} {
		if l.doc != nil {
			check(l.what, l.doc)
		}
	}
	for _, l := range []struct {
		name   string
		levels [][]json.RawMessage
	}{{"scp", c.Policies.SCP}, {"rcp", c.Policies.RCP}} {
		for i, level := range l.levels {
			if len(level) == 0 {
				errs = append(errs, fmt.Errorf("%s level %d holds no policy", l.name, i))
			}
			for j, d := range level {
				check(fmt.Sprintf("%s[%d][%d]", l.name, i, j), d)
			}
		}
	}
	if c.Policies.Session != nil && !strings.Contains(c.Request.Principal, ":assumed-role/") {
		errs = append(errs, errors.New("a session policy needs a role-session principal"))
	}
	switch {
	case c.Peer == nil:
		errs = append(errs, errors.New("no peer decision"))
	case !c.Peer.Decision.Valid():
		errs = append(errs, fmt.Errorf("peer decision %q is not one of allow, explicit-deny, implicit-deny", c.Peer.Decision))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("case %q: %w", c.ID, err)
	}
	return nil
}

// PrincipalAccount returns the account of a user or role-session principal
// ARN.
func PrincipalAccount(arn string) (string, error) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return "", fmt.Errorf("principal %q is not an ARN", arn)
	}
	switch {
	case parts[2] == "iam" && strings.HasPrefix(parts[5], "user/"):
	case parts[2] == "sts" && strings.HasPrefix(parts[5], "assumed-role/") && strings.Count(parts[5], "/") == 2:
	default:
		return "", fmt.Errorf("principal %q is neither an IAM user nor a role session", arn)
	}
	if len(parts[4]) != 12 {
		return "", fmt.Errorf("principal %q has no 12-digit account", arn)
	}
	return parts[4], nil
}
