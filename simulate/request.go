package simulate

import (
	"strings"

	"github.com/rampart-iam/rampart/internal/workspace"
)

// ctxVal is the value of one context key.
type ctxVal struct {
	vals  []string
	multi bool // written as a list: a multi-valued key
}

// ctxMap holds context values by lower-cased key. Maps derived from the
// inventory are built once and shared read-only between requests.
type ctxMap map[string]ctxVal

// set stores a single value under key (lower-cased here).
func (m ctxMap) set(key, value string) {
	m[strings.ToLower(key)] = ctxVal{vals: []string{value}}
}

// contextOf converts a question's context into a ctxMap.
func contextOf(c map[string]workspace.ContextValue) ctxMap {
	if len(c) == 0 {
		return nil
	}
	m := make(ctxMap, len(c))
	for k, v := range c {
		m[strings.ToLower(k)] = ctxVal{vals: v.Values, multi: v.Multi}
	}
	return m
}

// request is one authorization request being evaluated: the acting
// principal at the current hop, the action and resource, and the context
// in layers. It is built per evaluation and never shared.
type request struct {
	actor  *actor
	action string // lower-cased
	name   reqName
	// resAccount is the account that owns the resource.
	resAccount string
	// Context, looked up in this order: what the question gives, keys
	// derived for this request (resource account, time), keys derived
	// from the principal, keys derived from the resource.
	given    ctxMap
	extra    []kv
	actorCtx ctxMap
	resCtx   ctxMap
	// scratch collects the explanation.
	scratch *scratch
}

type kv struct {
	key string // lower-cased
	val ctxVal
}

// lookup returns a context value by lower-cased key.
func (r *request) lookup(key string) (ctxVal, bool) {
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
