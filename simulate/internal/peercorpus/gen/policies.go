package main

import (
	"strings"
)

const version = "2012-10-17"

// actionPatterns returns patterns that match the request's action, and
// patterns that do not.
func (s *scenario) actionPatterns() (match, miss []string) {
	r := s.r
	a := s.act.name
	svc, name := a[:strings.IndexByte(a, ':')], a[strings.IndexByte(a, ':')+1:]
	match = []string{a, a, svc + ":*", "*"}
	match = append(match, svc+":"+name[:r.between(1, len(name)-1)]+"*")
	match = append(match, svc+":*"+name[r.between(1, len(name)-1):])
	i := r.intn(len(name))
	match = append(match, svc+":"+name[:i]+"?"+name[i+1:])
	match = append(match, strings.ToLower(a), strings.ToUpper(svc)+":"+name, svc+":"+strings.ToLower(name))
	for _, o := range actionsOf(service(a)) {
		if o != a && !strings.EqualFold(o, a) {
			miss = append(miss, o)
		}
	}
	miss = append(miss, pick(r, distractorActions), svc+":"+name+"s", svc+":"+"List*", "iam:"+name)
	var filtered []string
	for _, m := range miss {
		if !actionGlob(m, a) {
			filtered = append(filtered, m)
		}
	}
	return match, filtered
}

// actionGlob is a small case-insensitive glob used only to keep the miss
// lists honest; the peer decides the case.
func actionGlob(pattern, s string) bool {
	return globMatch(strings.ToLower(pattern), strings.ToLower(s))
}

func globMatch(p, s string) bool {
	px, sx := 0, 0
	nextP, nextS := -1, -1
	for px < len(p) || sx < len(s) {
		if px < len(p) {
			switch c := p[px]; c {
			case '*':
				nextP, nextS = px, sx+1
				px++
				continue
			case '?':
				if sx < len(s) {
					px++
					sx++
					continue
				}
			default:
				if sx < len(s) && s[sx] == c {
					px++
					sx++
					continue
				}
			}
		}
		if nextS > 0 && nextS <= len(s) {
			px, sx = nextP, nextS
			continue
		}
		return false
	}
	return true
}

// resourcePatterns returns Resource patterns that match the request's
// resource and patterns that do not. Wildcards never stand in the resource
// type (before the first / or : of the resource part), where the peer
// compares literally.
func (s *scenario) resourcePatterns(allowVariables bool) (match, miss []string) {
	r := s.r
	res := s.res
	if res.arn == "*" {
		return []string{"*"}, []string{"arn:aws:" + res.svc + ":*:" + res.account + ":*"}
	}
	match = []string{res.arn, res.arn, "*"}
	name := res.name
	if res.svc == "s3" {
		bucket, key, _ := strings.Cut(name, "/")
		match = append(match, "arn:aws:s3:::"+bucket+"*")
		if key != "" {
			match = append(match, "arn:aws:s3:::"+bucket+"/*", "arn:aws:s3:::*/"+key, "arn:aws:s3:::"+bucket+"/"+likeOf(r, key))
			if dir := strings.LastIndexByte(key, '/'); dir > 0 {
				match = append(match, "arn:aws:s3:::"+bucket+"/"+key[:dir]+"/*")
			}
			miss = append(miss, "arn:aws:s3:::"+bucket, "arn:aws:s3:::"+bucket+"/"+flipCase(r, key), "arn:aws:s3:::"+bucket+"/archive/*")
			if strings.ContainsAny(key, "$?") {
				esc := strings.NewReplacer("$", "${$}", "?", "${?}").Replace(key)
				match = append(match, "arn:aws:s3:::"+bucket+"/"+esc)
			}
		} else {
			miss = append(miss, "arn:aws:s3:::"+bucket+"/*")
		}
		for _, b := range buckets {
			if b != bucket {
				miss = append(miss, "arn:aws:s3:::"+b+"/*", "arn:aws:s3:::"+b)
				break
			}
		}
		if allowVariables {
			m, mm := s.variablePatterns(bucket, key)
			match = append(match, m...)
			miss = append(miss, mm...)
		}
		return match, miss
	}
	head := res.head()
	match = append(match,
		"arn:aws:"+res.svc+":*:"+res.account+":"+res.typ+name,
		"arn:aws:"+res.svc+":"+res.region+":*:"+res.typ+name,
		head+res.typ+"*",
		head+res.typ+likeOf(r, name),
		"arn:aws:"+res.svc+":*:*:"+res.typ+"*",
	)
	if res.typ == "" {
		match = append(match, head+"*")
	}
	miss = append(miss,
		"arn:aws:"+res.svc+":"+res.region+":"+acctThird+":"+res.typ+name,
		head+res.typ+flipCase(r, name),
		head+res.typ+name+"-old",
	)
	if res.region != "" {
		other := pick(r, regions)
		if other != res.region {
			miss = append(miss, "arn:aws:"+res.svc+":"+other+":"+res.account+":"+res.typ+name)
		}
	}
	if allowVariables && res.svc == "iam" && res.typ == "user/" {
		v := s.userVariable()
		p := head + "user/" + v.text
		if s.p.userPath != "" {
			p = head + "user/" + s.p.userPath + v.text
		}
		if v.resolvable {
			match = append(match, p)
		} else {
			miss = append(miss, p)
		}
	}
	return match, miss
}

// variablePatterns are S3 patterns with policy variables: a home folder per
// user, a folder per team.
func (s *scenario) variablePatterns(bucket, key string) (match, miss []string) {
	u := s.userVariable()
	up := "arn:aws:s3:::" + bucket + "/home/" + u.text + "/*"
	if u.resolvable && strings.HasPrefix(key, "home/"+s.p.name+"/") {
		match = append(match, up)
	} else if u.resolvable {
		miss = append(miss, up)
	}
	t := s.teamVariable(s.r.chance(0.3))
	tp := "arn:aws:s3:::" + bucket + "/teams/" + t.text + "/*"
	team, present := s.value("aws:PrincipalTag/team")
	switch {
	case present && strings.HasPrefix(key, "teams/"+team+"/"):
		match = append(match, tp)
	case !present && strings.HasSuffix(t.text, ", 'shared'}") && strings.HasPrefix(key, "teams/shared/"):
		match = append(match, tp)
	case t.resolvable:
		miss = append(miss, tp)
	}
	return match, miss
}

// stmtPlan says what a statement should do for the request.
type stmtPlan struct {
	effect    string
	applies   bool // action and resource are meant to match
	notAction bool
	notRes    bool
	condHit   bool
	nConds    int
	resource  bool // the statement has a Resource/NotResource element
	vars      bool // policy variables allowed in Resource
}

// statement builds one statement following the plan.
func (s *scenario) statement(p stmtPlan) obj {
	r := s.r
	st := obj{}
	if r.chance(0.3) {
		st = append(st, kv{"Sid", pick(r, []string{"AllowRead", "DenyUnlessTLS", "Stmt1", "ScopedAccess", "Guardrail", "DelegateToAccount", "ABAC"}) + string(rune('A'+r.intn(26)))})
	}
	st = append(st, kv{"Effect", p.effect})
	am, amiss := s.actionPatterns()
	// Which element misses when the statement should not apply.
	actionHit, resHit := true, true
	if !p.applies {
		if !p.resource || r.chance(0.5) {
			actionHit = false
		} else {
			resHit = false
		}
	}
	if p.notAction {
		// NotAction matches when none of its patterns match.
		var list []string
		list = append(list, sample(r, amiss, r.between(1, 2))...)
		if !actionHit {
			list = append(list, pick(r, am))
		}
		shuffle(r, list)
		st = append(st, kv{"NotAction", oneOrList(r, dedup(list))})
	} else {
		var list []string
		if actionHit {
			list = append(list, pick(r, am))
		}
		for len(list) == 0 || r.chance(0.3) && len(list) < 4 {
			list = append(list, pick(r, amiss))
		}
		shuffle(r, list)
		st = append(st, kv{"Action", oneOrList(r, dedup(list))})
	}
	if p.resource {
		rm, rmiss := s.resourcePatterns(p.vars && !p.notRes)
		if p.notRes && len(rmiss) > 0 {
			var list []string
			list = append(list, sample(r, rmiss, r.between(1, 2))...)
			if !resHit {
				list = append(list, pick(r, rm))
			}
			shuffle(r, list)
			st = append(st, kv{"NotResource", oneOrList(r, dedup(list))})
		} else {
			var list []string
			if resHit {
				list = append(list, pick(r, rm))
			}
			for len(list) == 0 || r.chance(0.25) && len(list) < 3 && len(rmiss) > 0 {
				if len(rmiss) == 0 {
					list = append(list, "arn:aws:s3:::unrelated-bucket/*")
					continue
				}
				list = append(list, pick(r, rmiss))
			}
			shuffle(r, list)
			st = append(st, kv{"Resource", oneOrList(r, dedup(list))})
		}
	}
	if p.nConds > 0 {
		if c := s.conditionBlock(p.condHit, s.conditionKeys(p.nConds)); len(c) > 0 {
			st = append(st, kv{"Condition", c})
		}
	}
	return st
}

func dedup(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func policy(r *rng, stmts []obj) obj {
	// Sids are unique within a policy.
	seen := map[string]bool{}
	for i, st := range stmts {
		if v, ok := st.get("Sid"); ok {
			sid := v.(string)
			if seen[sid] {
				stmts[i] = st[1:]
			}
			seen[sid] = true
		}
	}
	var st any
	if len(stmts) == 1 && r.chance(0.3) {
		st = stmts[0]
	} else {
		list := make([]any, len(stmts))
		for i, x := range stmts {
			list[i] = x
		}
		st = list
	}
	return obj{{"Version", version}, {"Statement", st}}
}

// plan draws a statement plan with the given chances.
func (s *scenario) plan(effect string, pApplies, pCond float64) stmtPlan {
	r := s.r
	p := stmtPlan{effect: effect, applies: r.chance(pApplies), resource: true, vars: true}
	p.notAction = r.chance(0.08)
	p.notRes = r.chance(0.07)
	if r.chance(pCond) {
		p.nConds = r.between(1, 3)
		p.condHit = r.chance(0.6)
	}
	return p
}

// identityPolicies are the caller's policies: some statements about the
// request, some about other things.
func (s *scenario) identityPolicies(pAllow, pDeny float64) []any {
	r := s.r
	n := r.between(1, 4)
	var out []any
	for i := 0; i < n; i++ {
		var stmts []obj
		for j, m := 0, r.between(1, 4); j < m; j++ {
			switch {
			case r.chance(pAllow):
				stmts = append(stmts, s.statement(s.plan("Allow", 0.75, 0.45)))
			case r.chance(pDeny):
				stmts = append(stmts, s.statement(s.plan("Deny", 0.6, 0.6)))
			default:
				stmts = append(stmts, s.statement(s.plan(pick(r, []string{"Allow", "Allow", "Deny"}), 0, 0.3)))
			}
		}
		out = append(out, policy(r, stmts))
	}
	return out
}

// principalEntries returns Principal element values that name the caller
// directly, name its account, or name someone else.
func (s *scenario) principalEntries() (direct, account, other []string) {
	p := s.p
	if p.session {
		direct = []string{p.arn, p.roleARN, p.roleARN}
	} else {
		direct = []string{p.arn}
	}
	account = []string{p.account, rootARN(p.account)}
	other = []string{rootARN(acctThird), userARN(p.account, "", "mallory"), roleARN(p.account, "unrelated-role"), acctThird}
	if p.account == acctHome {
		other = append(other, rootARN(acctPartner))
	} else {
		other = append(other, rootARN(acctHome))
	}
	return
}

func (s *scenario) principalElement(kind int) any {
	r := s.r
	direct, account, other := s.principalEntries()
	var list []string
	switch kind {
	case 0:
		list = append(list, pick(r, direct))
	case 1:
		list = append(list, pick(r, account))
	case 2:
		if r.chance(0.5) {
			return "*"
		}
		return obj{{"AWS", "*"}}
	default:
		if r.chance(0.15) {
			return obj{{"Service", pick(r, []string{"ec2.amazonaws.com", "lambda.amazonaws.com", "cloudtrail.amazonaws.com"})}}
		}
	}
	for len(list) == 0 || r.chance(0.3) && len(list) < 3 {
		list = append(list, pick(r, other))
	}
	shuffle(r, list)
	return obj{{"AWS", oneOrList(r, dedup(list))}}
}

// notPrincipalElement names principals a Deny does not apply to. It either
// lists the caller completely (its account, and its role and session) so the
// caller is excluded, or lists only others, so the Deny reaches the caller.
// Partial lists, whose effect AWS documents only as a warning, are never
// written.
func (s *scenario) notPrincipalElement() any {
	r := s.r
	p := s.p
	var list []string
	if r.chance(0.5) {
		list = append(list, rootARN(p.account))
		if p.session {
			list = append(list, p.roleARN, p.arn)
		} else {
			list = append(list, p.arn)
		}
	} else {
		list = append(list, rootARN(acctThird), roleARN(acctThird, "break-glass"))
	}
	shuffle(r, list)
	return obj{{"AWS", oneOrList(r, list)}}
}

// resourceStatement is a statement of a resource-based policy.
func (s *scenario) resourceStatement(effect string, principalKind int, pApplies, pCond float64, trust bool) obj {
	r := s.r
	pl := s.plan(effect, pApplies, pCond)
	pl.resource = !trust
	pl.notRes = pl.notRes && !trust
	st := s.statement(pl)
	// insert the Principal after Effect
	var out obj
	for _, e := range st {
		out = append(out, e)
		if e.k == "Effect" {
			if effect == "Deny" && !trust && principalKind == 3 && r.chance(0.5) && (s.act.kind == kS3Object || s.act.kind == kS3Bucket || s.act.kind == kSQS) {
				out = append(out, kv{"NotPrincipal", s.notPrincipalElement()})
			} else {
				out = append(out, kv{"Principal", s.principalElement(principalKind)})
			}
		}
	}
	return out
}

// resourcePolicy builds the resource-based policy of the request's
// resource, in the shape that kind of policy usually has. With direct, its
// Allow statements mostly name the caller itself or everyone.
func (s *scenario) resourcePolicy(pDeny float64, direct bool) obj {
	r := s.r
	trust := s.act.kind == kAssumeRole
	var stmts []obj
	if s.act.kind == kKMSKey && r.chance(0.6) {
		// The default key policy statement lets the key's account delegate
		// through IAM policies.
		stmts = append(stmts, obj{
			{"Sid", "EnableIAMUserPermissions"}, {"Effect", "Allow"},
			{"Principal", obj{{"AWS", rootARN(s.res.account)}}},
			{"Action", "kms:*"}, {"Resource", "*"},
		})
	}
	for i, n := 0, r.between(1, 3); i < n; i++ {
		kind := r.intn(4)
		if direct {
			// name the caller, or everyone
			kind = pick(r, []int{0, 0, 2, 1})
		}
		if r.chance(pDeny) {
			stmts = append(stmts, s.resourceStatement("Deny", pick(r, []int{2, 2, 3, 0}), 0.7, 0.7, trust))
		} else {
			stmts = append(stmts, s.resourceStatement("Allow", kind, 0.7, 0.4, trust))
		}
	}
	return policy(r, stmts)
}

var fullAWSAccess = obj{{"Version", version}, {"Statement", obj{{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}}}}

var rcpFullAWSAccess = obj{{"Version", version}, {"Statement", []any{obj{{"Effect", "Allow"}, {"Principal", "*"}, {"Action", "*"}, {"Resource", "*"}}}}}

// scpLevels builds the service control policies of the caller's account,
// root level first.
func (s *scenario) scpLevels(pDeny float64) []any {
	r := s.r
	n := r.between(1, 3)
	var levels []any
	for i := 0; i < n; i++ {
		var docs []any
		switch {
		case r.chance(0.12):
			// An allow list in place of FullAWSAccess.
			docs = append(docs, policy(r, []obj{s.statement(stmtPlan{effect: "Allow", applies: r.chance(0.6), resource: true, nConds: condCount(r, 0.2), condHit: r.chance(0.7)})}))
		default:
			docs = append(docs, fullAWSAccess)
		}
		if r.chance(pDeny) {
			pl := s.plan("Deny", 0.55, 0.75)
			pl.vars = false
			docs = append(docs, policy(r, []obj{s.statement(pl)}))
		}
		levels = append(levels, docs)
	}
	return levels
}

func condCount(r *rng, p float64) int {
	if r.chance(p) {
		return r.between(1, 2)
	}
	return 0
}

// rcpLevels builds the resource control policies of the resource's
// account. Every level carries RCPFullAWSAccess, as AWS attaches it.
func (s *scenario) rcpLevels(pDeny float64) []any {
	r := s.r
	n := r.between(1, 3)
	var levels []any
	for i := 0; i < n; i++ {
		docs := []any{rcpFullAWSAccess}
		if r.chance(pDeny) {
			pl := s.plan("Deny", 0.6, 0.85)
			pl.vars = false
			pl.notAction = false // RCPs take no NotAction
			st := s.statement(pl)
			var out obj
			for _, e := range st {
				if e.k == "Action" {
					// RCPs may not use "*" as the action.
					e.v = rcpActions(r, e.v)
				}
				out = append(out, e)
				if e.k == "Effect" {
					out = append(out, kv{"Principal", "*"})
				}
			}
			docs = append(docs, policy(r, []obj{out}))
		}
		levels = append(levels, docs)
	}
	return levels
}

func rcpActions(r *rng, v any) any {
	var list []string
	switch x := v.(type) {
	case string:
		list = []string{x}
	case []any:
		for _, e := range x {
			list = append(list, e.(string))
		}
	}
	var out []string
	for _, a := range list {
		if a == "*" {
			a = pick(r, []string{"s3:*", "sts:*", "kms:*", "sqs:*", "secretsmanager:*"})
		}
		out = append(out, a)
	}
	return oneOrList(r, dedup(out))
}

// boundary is a permissions boundary: usually an allow list of services.
func (s *scenario) boundary(pDeny float64) obj {
	r := s.r
	var stmts []obj
	stmts = append(stmts, s.statement(stmtPlan{effect: "Allow", applies: r.chance(0.7), resource: true, vars: true, notAction: r.chance(0.05), nConds: condCount(r, 0.25), condHit: r.chance(0.7)}))
	if r.chance(0.3) {
		stmts = append(stmts, s.statement(s.plan("Allow", 0.5, 0.3)))
	}
	if r.chance(pDeny) {
		stmts = append(stmts, s.statement(s.plan("Deny", 0.5, 0.6)))
	}
	return policy(r, stmts)
}

// session is a session policy passed when the role was assumed.
func (s *scenario) session(pDeny float64) obj {
	r := s.r
	var stmts []obj
	stmts = append(stmts, s.statement(stmtPlan{effect: "Allow", applies: r.chance(0.75), resource: true, vars: true, nConds: condCount(r, 0.3), condHit: r.chance(0.7)}))
	if r.chance(pDeny) {
		stmts = append(stmts, s.statement(s.plan("Deny", 0.5, 0.6)))
	}
	return policy(r, stmts)
}
