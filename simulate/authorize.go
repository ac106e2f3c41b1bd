package simulate

import (
	"github.com/rampart-iam/rampart/internal/policydoc"
)

// decide authorizes one request (one hop) by the rules of the actor's
// dialect and returns the effect and, for a denial, the layer that denied.
// Without a scratch to explain into, the denying layer of an explicit
// denial is not reported.
func decide(r *request, t *target, hop int) (Effect, denial) {
	if r.actor.dialect == policydoc.AWS {
		return decideAWS(r, t, hop)
	}
	return decideOwnerModel(r, t, hop)
}

// decideAWS follows semantics 3.6: an applicable Deny in any layer denies;
// every RCP and SCP level must allow; then the principal's identity policies
// and the resource's policy combine by whether the request stays in one
// account, bounded by the permissions boundary and the session policy.
func decideAWS(r *request, t *target, hop int) (Effect, denial) {
	a := r.actor
	sc := r.scratch
	id := func(l Layer) layerID { return layerID{layer: l, hop: hop} }

	// SCPs limit users, roles and the root user of member accounts; they do
	// not bind the management account or service principals.
	scpLevel, scpExplicit := 0, false
	if len(a.control) > 0 {
		if a.management {
			noteLayer(r, id(LayerControl), Allow, "service control policies do not bind the management account")
		} else if a.authenticated() {
			scpLevel, scpExplicit = evalLevels(r, a.control, LayerControl, hop)
		}
	}
	// Without an explanation, a layer that denies explicitly decides.
	quiet := sc == nil
	if quiet && scpExplicit {
		return ExplicitDeny, denial{}
	}
	// RCPs limit access to the resources of the services that support them
	// in member accounts; they never bind AWS service principals.
	rcpLevel, rcpExplicit := 0, false
	if len(t.rcp) > 0 {
		switch {
		case t.resMgmt:
			noteLayer(r, id(LayerResourceControl), Allow, "resource control policies do not apply to resources of the management account")
		case !rcpServices[t.service] || t.name.raw == "*":
			if !quiet {
				noteLayer(r, id(LayerResourceControl), Allow, "resource control policies do not govern "+t.service+" resources")
			}
		case a.kind == actorService:
			noteLayer(r, id(LayerResourceControl), Allow, "resource control policies do not restrict AWS service principals")
		default:
			rcpLevel, rcpExplicit = evalLevels(r, t.rcp, LayerResourceControl, hop)
		}
	}
	if quiet && rcpExplicit {
		return ExplicitDeny, denial{}
	}
	var session, boundary, identity, resource outcome
	if a.kind == actorSession && a.sessionPolicy != nil {
		session = evalLayer(r, []*cpolicy{a.sessionPolicy}, id(LayerSession), false)
		if quiet && session.denies() {
			return ExplicitDeny, denial{}
		}
	}
	if a.boundary != nil && (a.kind == actorUser || a.kind == actorSession) {
		boundary = evalLayer(r, []*cpolicy{a.boundary}, id(LayerBoundary), false)
		if quiet && boundary.denies() {
			return ExplicitDeny, denial{}
		}
	}
	idAllow := false
	switch a.kind {
	case actorUser, actorSession:
		identity = evalLayer(r, a.identity, id(LayerIdentity), false)
		idAllow = identity.effect == Allow
		if quiet && identity.denies() {
			return ExplicitDeny, denial{}
		}
	case actorRoot:
		noteLayer(r, id(LayerIdentity), Allow, "the root user is not implicitly denied in its own account")
		idAllow = true
	case actorExternal:
		if !quiet {
			noteLayer(r, id(LayerIdentity), Allow, "account "+a.account+" is not in the inventory: its own policies are assumed to allow")
		}
		idAllow = true
	}
	if t.resPolicy != nil {
		resource = evalLayer(r, t.resPolicy, id(t.resLayer), false)
	}

	// 1. an explicit deny anywhere
	switch {
	case scpExplicit:
		return ExplicitDeny, denial{LayerControl, scpLevel, hop}
	case rcpExplicit:
		return ExplicitDeny, denial{LayerResourceControl, rcpLevel, hop}
	case session.denies():
		return ExplicitDeny, denial{LayerSession, 0, hop}
	case boundary.denies():
		return ExplicitDeny, denial{LayerBoundary, 0, hop}
	case identity.denies():
		return ExplicitDeny, denial{LayerIdentity, 0, hop}
	case resource.denies():
		return ExplicitDeny, denial{t.resLayer, 0, hop}
	}
	// 2, 3. every RCP and SCP level must allow
	if rcpLevel > 0 {
		return ImplicitDeny, denial{LayerResourceControl, rcpLevel, hop}
	}
	if scpLevel > 0 {
		return ImplicitDeny, denial{LayerControl, scpLevel, hop}
	}
	same := a.authenticated() && a.account == t.account
	// resource-based grants: direct (the principal itself or everyone), to
	// the role of a session, or to the account
	direct := resource.allows() && resource.direct
	roleGrant := resource.allows() && resource.role
	acctGrant := resource.allows() && resource.account

	// 4. the session policy: a same-account grant to the session itself is
	// not limited by it (access_policies.html#policies_session)
	if session.present && session.effect != Allow && !(same && direct) {
		return ImplicitDeny, denial{LayerSession, 0, hop}
	}
	// 5. the boundary: only a same-account grant to the user or session
	// itself reaches past it
	if boundary.present && boundary.effect != Allow && !(same && direct) {
		return ImplicitDeny, denial{LayerBoundary, 0, hop}
	}
	resLayer := LayerResource
	if t.resPolicy != nil {
		resLayer = t.resLayer
	}
	switch a.kind {
	case actorService, actorAnonymous:
		if direct {
			return Allow, denial{}
		}
		return ImplicitDeny, denial{resLayer, 0, hop}
	}
	if same {
		if direct || roleGrant {
			return Allow, denial{}
		}
		// Whether identity policies alone may grant: KMS keys and roles
		// with a trust policy must name the account for that, even in
		// their own account.
		trustsIdentity := true
		switch {
		case t.kmsKey:
			trustsIdentity = acctGrant
			if t.resPolicy == nil {
				if sc != nil {
					sc.note("no key policy is known for " + t.name.raw + ": IAM policies alone do not give access to a KMS key")
				}
			}
		case t.service == "sts" && t.resPolicy != nil:
			trustsIdentity = acctGrant
		}
		if idAllow && trustsIdentity {
			return Allow, denial{}
		}
		if idAllow {
			return ImplicitDeny, denial{resLayer, 0, hop}
		}
		return ImplicitDeny, denial{LayerIdentity, 0, hop}
	}
	// cross-account: both sides must allow
	if !(direct || roleGrant || acctGrant) {
		return ImplicitDeny, denial{resLayer, 0, hop}
	}
	if !idAllow {
		return ImplicitDeny, denial{LayerIdentity, 0, hop}
	}
	return Allow, denial{}
}

// decideOwnerModel follows semantics 1.7 (acs) and 2.6 (jdcloud): the
// account owner has full access to its own resources; otherwise control
// policies, the session policy, then identity and resource-based policies
// with deny-overrides; assuming a role needs both the caller's identity
// policy and the role's trust policy, even inside one account.
func decideOwnerModel(r *request, t *target, hop int) (Effect, denial) {
	a := r.actor
	sc := r.scratch
	d := a.dialect
	id := func(l Layer) layerID { return layerID{layer: l, hop: hop} }

	if a.kind == actorRoot && a.account == t.account && !t.assume {
		// An OSS bucket-policy statement that names everyone with a
		// Condition binds the owner too: its Deny is checked first.
		if t.resPolicy != nil && d == policydoc.ACS {
			o := evalLayer(r, t.resPolicy, id(t.resLayer), true)
			if o.effect == ExplicitDeny {
				return ExplicitDeny, denial{t.resLayer, 0, hop}
			}
		}
		noteLayer(r, id(LayerOwner), Allow, "the account owner has full access to its own resources")
		return Allow, denial{}
	}
	if t.assume && a.kind == actorRoot && d == policydoc.ACS {
		noteLayer(r, id(LayerIdentity), ImplicitDeny, "an Alibaba Cloud account (root) cannot call AssumeRole; use a RAM user or role")
		return ImplicitDeny, denial{LayerIdentity, 0, hop}
	}
	ctlLevel, ctlExplicit := 0, false
	if len(a.control) > 0 {
		switch {
		case a.kind != actorUser && a.kind != actorSession:
			noteLayer(r, id(LayerControl), Allow, "control policies bind RAM users and roles only, not the account owner")
		case a.management:
			noteLayer(r, id(LayerControl), Allow, "control policies do not bind principals of the management account")
		default:
			ctlLevel, ctlExplicit = evalLevels(r, a.control, LayerControl, hop)
		}
	}
	// Without an explanation, a layer that denies explicitly decides.
	quiet := sc == nil
	if quiet && ctlExplicit {
		return ExplicitDeny, denial{}
	}
	var session, identity, resource outcome
	if a.kind == actorSession && a.sessionPolicy != nil {
		session = evalLayer(r, []*cpolicy{a.sessionPolicy}, id(LayerSession), false)
		if quiet && session.denies() {
			return ExplicitDeny, denial{}
		}
	}
	idAllow := false
	switch a.kind {
	case actorUser, actorSession:
		identity = evalLayer(r, a.identity, id(LayerIdentity), false)
		idAllow = identity.effect == Allow
		if quiet && identity.denies() {
			return ExplicitDeny, denial{}
		}
	case actorRoot:
		if t.account == a.account {
			idAllow = true
		} else {
			noteLayer(r, id(LayerIdentity), ImplicitDeny, "the account owner's full access covers its own resources only")
		}
	case actorExternal:
		if !quiet {
			noteLayer(r, id(LayerIdentity), Allow, "account "+a.account+" is not in the inventory: its own policies are assumed to allow")
		}
		idAllow = true
	}
	if t.resPolicy != nil {
		resource = evalLayer(r, t.resPolicy, id(t.resLayer), false)
	}
	switch {
	case ctlExplicit:
		return ExplicitDeny, denial{LayerControl, ctlLevel, hop}
	case session.denies():
		return ExplicitDeny, denial{LayerSession, 0, hop}
	case identity.denies():
		return ExplicitDeny, denial{LayerIdentity, 0, hop}
	case resource.denies():
		return ExplicitDeny, denial{t.resLayer, 0, hop}
	}
	if ctlLevel > 0 {
		return ImplicitDeny, denial{LayerControl, ctlLevel, hop}
	}
	if session.present && session.effect != Allow {
		return ImplicitDeny, denial{LayerSession, 0, hop}
	}
	resAllow := resource.allows()
	if t.assume {
		if a.kind == actorService {
			if resAllow {
				return Allow, denial{}
			}
			return ImplicitDeny, denial{LayerTrust, 0, hop}
		}
		if !idAllow {
			return ImplicitDeny, denial{LayerIdentity, 0, hop}
		}
		if !resAllow {
			return ImplicitDeny, denial{LayerTrust, 0, hop}
		}
		return Allow, denial{}
	}
	same := a.authenticated() && a.account == t.account
	if !same {
		// Across accounts only a resource policy grants (without a role).
		if resAllow {
			if sc != nil {
				sc.note("the resource policy alone grants this cross-account request, as the " + d.Title() + " evaluation rules combine identity and resource policies with OR")
			}
			return Allow, denial{}
		}
		return ImplicitDeny, denial{LayerResource, 0, hop}
	}
	if idAllow || resAllow {
		return Allow, denial{}
	}
	return ImplicitDeny, denial{LayerIdentity, 0, hop}
}
