package simulate

import (
	"slices"
	"strings"
)

// layerID names a layer of one hop.
type layerID struct {
	layer Layer
	level int
	hop   int
}

type hit struct {
	s     *stmt
	where layerID
}

type failHit struct {
	s       *stmt
	c       *cond
	where   layerID
	missing bool
}

type layerRec struct {
	id       layerID
	effect   Effect
	from, to int // range of hits
	note     string
}

// scratch collects the explanation of one evaluation. It is reused
// through the simulator's pool, so deciding allocates little.
type scratch struct {
	hits    []hit
	failed  []failHit
	missing []string
	broken  []string
	layers  []layerRec
	notes   []string
	hops    []hopRec
	req     request // the request being evaluated
	tgt     target  // the final request's target
}

func (sc *scratch) reset() {
	sc.hits = sc.hits[:0]
	sc.failed = sc.failed[:0]
	sc.missing = sc.missing[:0]
	sc.broken = sc.broken[:0]
	sc.layers = sc.layers[:0]
	sc.notes = sc.notes[:0]
	sc.hops = sc.hops[:0]
	sc.req = request{}
	sc.tgt = target{}
}

func (sc *scratch) addMissing(key string) {
	for _, k := range sc.missing {
		if k == key {
			return
		}
	}
	sc.missing = append(sc.missing, key)
}

func (sc *scratch) addFailed(s *stmt, c *cond, where layerID, missing bool) {
	sc.failed = append(sc.failed, failHit{s: s, c: c, where: where, missing: missing})
}

func (sc *scratch) addBroken(s *stmt, c *cond, why string) {
	msg := s.ref.File + ":" + itoa(s.ref.Line) + ": condition " + c.src.Operator + " on " + c.src.Key + " cannot be evaluated (" + why + "): "
	if s.deny {
		msg += "taken as holding in this Deny"
	} else {
		msg += "taken as failing in this Allow"
	}
	if !slices.Contains(sc.broken, msg) {
		sc.broken = append(sc.broken, msg)
	}
}

func (sc *scratch) note(msg string) {
	if !slices.Contains(sc.notes, msg) {
		sc.notes = append(sc.notes, msg)
	}
}

// outcome is what one layer decided, with how its Allow statements named
// the principal (for resource-based policies).
type outcome struct {
	present bool // the layer exists for this request
	effect  Effect
	rec     int // index into scratch.layers
	direct  bool
	role    bool
	account bool
}

func (o *outcome) allows() bool { return o.present && o.effect == Allow }
func (o *outcome) denies() bool { return o.present && o.effect == ExplicitDeny }

// evalLayer evaluates the statements of a layer's policies. With owner,
// statements that name everyone without a condition are skipped: they do
// not bind the bucket owner (acs OSS).
func evalLayer(r *request, pols []*cpolicy, id layerID, owner bool) outcome {
	sc := r.scratch
	if sc == nil {
		return quickLayer(r, pols, owner)
	}
	o := outcome{present: true, effect: ImplicitDeny, rec: len(sc.layers)}
	from := len(sc.hits)
	deny, allow := false, false
	for _, p := range pols {
		// the statements about the request's service and those that may
		// match any service, merged in document order
		var svc []int32
		if l := p.forService(r.svc); l != nil {
			svc = l.all
		}
		all := p.always.all
		for len(svc) > 0 || len(all) > 0 {
			var i int32
			if len(all) == 0 || (len(svc) > 0 && svc[0] < all[0]) {
				i, svc = svc[0], svc[1:]
			} else {
				i, all = all[0], all[1:]
			}
			s := &p.stmts[i]
			if owner && s.anyPrin && !s.hasConds {
				continue
			}
			ok, pm := s.applies(r, id)
			if !ok {
				continue
			}
			sc.hits = append(sc.hits, hit{s: s, where: id})
			if s.deny {
				deny = true
				continue
			}
			allow = true
			switch pm {
			case pmDirect:
				o.direct = true
			case pmRole:
				o.role = true
			case pmAccount:
				o.account = true
			}
		}
	}
	switch {
	case deny:
		o.effect = ExplicitDeny
	case allow:
		o.effect = Allow
	}
	sc.layers = append(sc.layers, layerRec{id: id, effect: o.effect, from: from, to: len(sc.hits)})
	return o
}

// quickLayer is evalLayer without the explanation: it looks at the Deny
// statements of every policy first and stops at the first that applies,
// then at the Allow statements until one names the principal directly
// (after which how others name it no longer matters).
func quickLayer(r *request, pols []*cpolicy, owner bool) outcome {
	o := outcome{present: true, effect: ImplicitDeny}
	for _, p := range pols {
		if l := p.forService(r.svc); l != nil && len(l.deny) > 0 && quickDeny(r, p, l.deny, owner) {
			return outcome{present: true, effect: ExplicitDeny}
		}
		if len(p.always.deny) > 0 && quickDeny(r, p, p.always.deny, owner) {
			return outcome{present: true, effect: ExplicitDeny}
		}
	}
	for _, p := range pols {
		if l := p.forService(r.svc); l != nil && len(l.allow) > 0 && quickAllow(r, p, l.allow, owner, &o) {
			return o
		}
		if len(p.always.allow) > 0 && quickAllow(r, p, p.always.allow, owner, &o) {
			return o
		}
	}
	return o
}

// quickDeny reports whether one of the listed statements applies.
func quickDeny(r *request, p *cpolicy, list []int32, owner bool) bool {
	for _, i := range list {
		s := &p.stmts[i]
		if owner && s.anyPrin && !s.hasConds {
			continue
		}
		if s.decides(r) != pmNone {
			return true
		}
	}
	return false
}

// quickAllow records in o the listed Allow statements that apply and
// reports whether one names the principal directly.
func quickAllow(r *request, p *cpolicy, list []int32, owner bool, o *outcome) bool {
	for _, i := range list {
		s := &p.stmts[i]
		if owner && s.anyPrin && !s.hasConds {
			continue
		}
		switch s.decides(r) {
		case pmDirect:
			o.effect, o.direct = Allow, true
			return true
		case pmRole:
			o.effect, o.role = Allow, true
		case pmAccount:
			o.effect, o.account = Allow, true
		}
	}
	return false
}

// evalLevels evaluates control policies level by level. It returns the
// first level that denies explicitly, else the first that does not allow
// (0 when every level allows), and whether the denial is explicit.
func evalLevels(r *request, levels [][]*cpolicy, layer Layer, hop int) (level int, explicit bool) {
	for i, pols := range levels {
		o := evalLayer(r, pols, layerID{layer: layer, level: i + 1, hop: hop}, false)
		switch {
		case o.effect == ExplicitDeny && !explicit:
			level, explicit = i+1, true
			if r.scratch == nil {
				return level, explicit // without an explanation, the rest cannot change the effect
			}
		case o.effect != Allow && level == 0:
			level = i + 1
		}
	}
	return level, explicit
}

// noteLayer records a layer that exists but does not take part.
func noteLayer(r *request, id layerID, effect Effect, note string) {
	sc := r.scratch
	if sc == nil {
		return
	}
	sc.layers = append(sc.layers, layerRec{id: id, effect: effect, from: len(sc.hits), to: len(sc.hits), note: note})
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// target is what a request acts on.
type target struct {
	action    string // lower-cased
	actionRaw string
	service   string // the action's service prefix, lower-cased
	svc       int32  // its number in the simulator's symbols, -1 when no policy names it
	name      reqName
	account   string
	// resPolicy is the resource's policy: a bucket or key policy, or the
	// role's trust policy for an assume-role request (resLayer says which).
	resPolicy []*cpolicy
	resLayer  Layer
	// assume marks an assume-role request on a role of the inventory.
	assume bool
	// rcp are the resource-control levels of the resource's account.
	rcp     [][]*cpolicy
	resMgmt bool // the resource's account is its organization's management account
	resCtx  ctxMap
	// kmsKey marks a request on a KMS key (resource type key/).
	kmsKey bool
}

// rcpServices are the services whose resources resource control policies
// govern: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#rcp-supported-services
var rcpServices = map[string]bool{
	"s3": true, "sts": true, "kms": true, "sqs": true, "secretsmanager": true,
	"cognito-idp": true, "logs": true, "dynamodb": true, "ecr": true, "aoss": true,
}

// actionService returns the lower-cased service prefix of an action.
func actionService(action string) string {
	svc, _, _ := strings.Cut(action, ":")
	return svc
}
