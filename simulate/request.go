package simulate

import (
	"net/netip"
	"strings"

	"github.com/rampart-iam/rampart/internal/workspace"
)

// ctxVal is the value of one context key, with each value pre-parsed as
// a number, a date and an IP address where it is one, so conditions
// compare without parsing.
type ctxVal struct {
	vals  []string
	multi bool // written as a list: a multi-valued key
	typed []typedVal
}

// typedVal is one context value read as the types conditions compare.
type typedVal struct {
	flags uint8
	num   float64
	sec   int64
	ip    netip.Addr
}

const (
	isNum uint8 = 1 << iota
	isDate
	isIP
)

// newCtxVal builds a context value and pre-parses its values.
func newCtxVal(vals []string, multi bool) ctxVal {
	v := ctxVal{vals: vals, multi: multi, typed: make([]typedVal, len(vals))}
	for i, x := range vals {
		v.typed[i] = parseTyped(x)
	}
	return v
}

// parseTyped reads a value as a number, a date and an IP address; cheap
// checks of the first characters keep it from trying what cannot fit.
func parseTyped(x string) typedVal {
	var t typedVal
	if x == "" {
		return t
	}
	c := x[0]
	if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' {
		if n, ok := parseNumber(x); ok {
			t.num, t.flags = n, t.flags|isNum
		}
		if isDigits(x) || (c == '-' && isDigits(x[1:])) || (len(x) >= 7 && x[4] == '-') {
			if d, ok := parseDate(x); ok {
				t.sec, t.flags = d, t.flags|isDate
			}
		}
	}
	if strings.ContainsAny(x, ".:") {
		if a, err := netip.ParseAddr(x); err == nil {
			t.ip, t.flags = a.Unmap(), t.flags|isIP
		}
	}
	return t
}

// ctxMap holds context values by lower-cased key. Maps derived from the
// inventory are built once and shared read-only between requests.
type ctxMap map[string]ctxVal

// set stores a single value under key (lower-cased here).
func (m ctxMap) set(key, value string) {
	m[strings.ToLower(key)] = newCtxVal([]string{value}, false)
}

// smallContext is the size up to which a question's context is scanned
// rather than put in a map.
const smallContext = 16

// setGiven installs a question's context on the request.
func (r *request) setGiven(c map[string]workspace.ContextValue) {
	r.given, r.givenList = nil, r.givenList[:0]
	if len(c) > smallContext {
		r.given = make(ctxMap, len(c))
		for k, v := range c {
			r.given[strings.ToLower(k)] = newCtxVal(v.Values, v.Multi)
		}
		return
	}
	for k, v := range c {
		r.givenList = append(r.givenList, kv{key: strings.ToLower(k), val: newCtxVal(v.Values, v.Multi)})
	}
}

// request is one authorization request being evaluated: the acting
// principal at the current hop, the action and resource, and the context
// in layers. It is built per evaluation and never shared.
type request struct {
	actor   *actor
	action  string // lower-cased
	service string // the action's service prefix, lower-cased
	name    reqName
	// resAccount is the account that owns the resource.
	resAccount string
	// Context, looked up in this order: what the question gives, keys
	// derived for this request (resource account, time), keys derived
	// from the principal, keys derived from the resource.
	given     ctxMap // large contexts, by lower-cased key
	givenList []kv   // small contexts, by lower-cased key
	extra     []kv
	actorCtx  ctxMap
	resCtx    ctxMap
	// scratch collects the explanation.
	scratch *scratch
}

type kv struct {
	key string // lower-cased
	val ctxVal
}

// lookup returns a context value by lower-cased key.
func (r *request) lookup(key string) (ctxVal, bool) {
	for i := range r.givenList {
		if r.givenList[i].key == key {
			return r.givenList[i].val, true
		}
	}
	if v, ok := r.given[key]; ok {
		return v, true
	}
	for i := range r.extra {
		if r.extra[i].key == key {
			return r.extra[i].val, true
		}
	}
	if v, ok := r.actorCtx[key]; ok {
		return v, true
	}
	if v, ok := r.resCtx[key]; ok {
		return v, true
	}
	return ctxVal{}, false
}
