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
	if strings.ContainsAny(x, ".:") && mayBeAddr(x) {
		if a, err := netip.ParseAddr(x); err == nil {
			t.ip, t.flags = a.Unmap(), t.flags|isIP
		}
	}
	return t
}

// mayBeAddr reports false for text netip.ParseAddr refuses for sure: a
// byte before any IPv6 zone that is not a hexadecimal digit, '.' or ':'.
func mayBeAddr(x string) bool {
	for i := 0; i < len(x); i++ {
		switch c := x[i]; {
		case c == '%':
			return true
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f', 'A' <= c && c <= 'F', c == '.', c == ':':
		default:
			return false
		}
	}
	return true
}

// ctxMap holds context values by lower-cased key. Maps derived from the
// inventory are built once and shared read-only between requests, and so
// are the values they point to.
type ctxMap map[string]*ctxVal

// put stores a single value under key, lower-cased, when a policy names
// the key (see symbols.name).
func (m ctxMap) put(y *symbols, key, value string) {
	if k, ok := y.name(key); ok {
		v := newCtxVal([]string{value}, false)
		m[k] = &v
	}
}

// setGiven installs a question's context on the request: the keys a
// policy names (every key without symbols).
func (r *request) setGiven(c map[string]workspace.ContextValue, y *symbols) {
	r.givenList = r.givenList[:0]
	type named struct {
		key string
		v   workspace.ContextValue
	}
	var buf [32]named
	sel, nvals := buf[:0], 0
	for k, v := range c {
		if key, ok := y.name(k); ok {
			sel, nvals = append(sel, named{key, v}), nvals+len(v.Values)
		}
	}
	if len(sel) == 0 {
		return
	}
	if cap(r.givenList) < len(sel) {
		r.givenList = make([]kv, 0, len(sel))
	}
	typed := make([]typedVal, nvals) // the values of every key, parsed into one array
	for _, e := range sel {
		n := len(e.v.Values)
		cv := ctxVal{vals: e.v.Values, multi: e.v.Multi, typed: typed[:n:n]}
		typed = typed[n:]
		for i, x := range e.v.Values {
			cv.typed[i] = parseTyped(x)
		}
		r.givenList = append(r.givenList, kv{key: e.key, val: cv})
	}
}

// request is one authorization request being evaluated: the acting
// principal at the current hop, the action and resource, and the context
// in layers. It is built per evaluation and never shared.
type request struct {
	actor   *actor
	action  string // lower-cased
	service string // the action's service prefix, lower-cased
	svc     int32  // its number in the simulator's symbols, -1 when no policy names it
	name    *reqName
	// resAccount is the account that owns the resource.
	resAccount string
	// Context, looked up in this order: what the question gives, keys
	// derived for this request (resource account, time), keys derived
	// from the principal, keys derived from the resource.
	givenList []kv // by lower-cased key
	extra     []kv
	actorCtx  ctxMap
	resCtx    ctxMap
	// slots holds the same context by key slot (see symbols), resolved once
	// per request in the order above; nil when the request was not
	// prepared, and then keys are looked up by name. A prepared request
	// carries only the keys its simulator's policies name, and finds them
	// by slot alone.
	slots []*ctxVal
	// scratch collects the explanation; nil when only the effect is wanted.
	scratch *scratch
}

type kv struct {
	key string // lower-cased
	val ctxVal
}

// get returns the context value of a key by its slot, or by its
// lower-cased name when the key has no slot or the request none; nil when
// the request does not carry the key.
func (r *request) get(slot int32, key string) *ctxVal {
	if uint(slot) < uint(len(r.slots)) {
		return r.slots[slot]
	}
	return r.byName(key)
}

// byName is get for a key without a slot: absent from a prepared request,
// looked up by name in another.
func (r *request) byName(key string) *ctxVal {
	if r.slots != nil {
		return nil
	}
	return r.lookup(key)
}

// lookup returns a context value by lower-cased key, or nil.
func (r *request) lookup(key string) *ctxVal {
	for i := range r.givenList {
		if r.givenList[i].key == key {
			return &r.givenList[i].val
		}
	}
	for i := range r.extra {
		if r.extra[i].key == key {
			return &r.extra[i].val
		}
	}
	if v, ok := r.actorCtx[key]; ok {
		return v
	}
	if v, ok := r.resCtx[key]; ok {
		return v
	}
	return nil
}

// slotValues resolves the request's context by slot: every key of syms
// the request carries, in the order lookup reads them, so that get finds
// what lookup would.
func (r *request) slotValues(syms *symbols) []*ctxVal {
	out := make([]*ctxVal, len(syms.keys)) // not nil, even when empty: the request is prepared
	put := func(key string, v *ctxVal) {
		if i, ok := syms.keys[key]; ok && out[i] == nil {
			out[i] = v
		}
	}
	for i := range r.givenList {
		put(r.givenList[i].key, &r.givenList[i].val)
	}
	for i := range r.extra {
		put(r.extra[i].key, &r.extra[i].val)
	}
	for k, v := range r.actorCtx {
		put(k, v)
	}
	for k, v := range r.resCtx {
		put(k, v)
	}
	return out
}
