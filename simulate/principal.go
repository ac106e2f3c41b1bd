package simulate

import (
	"strings"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// actorKind is what kind of principal makes a request.
type actorKind uint8

const (
	actorRoot      actorKind = iota + 1 // the account itself (root user, account owner)
	actorUser                           // a user (RAM user, sub-user, IAM user)
	actorSession                        // a role session
	actorService                        // a cloud service acting through a role
	actorAnonymous                      // an unauthenticated caller
	actorExternal                       // a principal of an account the inventory does not hold
)

func (k actorKind) String() string {
	switch k {
	case actorRoot:
		return "root"
	case actorUser:
		return "user"
	case actorSession:
		return "role"
	case actorService:
		return "service"
	case actorAnonymous:
		return "anonymous"
	case actorExternal:
		return "external"
	}
	return "unknown"
}

// actor is the principal that makes a request (at one hop of a chain). An
// actor of the inventory is built once and shared read-only.
type actor struct {
	kind    actorKind
	dialect policydoc.Dialect
	name    string // as the question names it
	account string
	arn     string // canonical: user, session or root name; external: as named
	roleARN string // sessions: the role's canonical name
	role    *roleInfo
	service string // services: the service principal, lower-cased

	identity      []*cpolicy // a user's own and its groups', or a role's
	boundary      *cpolicy
	hasBoundary   bool
	sessionPolicy *cpolicy
	control       [][]*cpolicy // control policies of the actor's account, root level first
	management    bool         // the actor's account is its organization's management account
	ctx           ctxMap       // context keys derived from the principal
	// externalKind says what an external principal stands for: the
	// account ("root"), a user or a role of an account not in the
	// inventory. Its own account's policies are unknown.
	externalKind actorKind
}

// authenticated reports whether the actor is a principal of an account.
func (a *actor) authenticated() bool {
	return a.kind != actorAnonymous && a.kind != actorService
}

// principalKind is what a Principal entry names.
type principalKind uint8

const (
	pOther     principalKind = iota // compared exactly (federated users, unknown forms)
	pAny                            // everyone, including anonymous callers
	pAccount                        // every principal of an account
	pUser                           // one user
	pRole                           // the sessions of one role
	pSession                        // one role session
	pService                        // a service principal
	pFederated                      // an identity provider
	pCanonical                      // an S3 canonical user: never matched
)

// principalPat is one compiled Principal entry.
type principalPat struct {
	kind    principalKind
	raw     string
	account string
	value   string // canonical name, or the service / provider as written
}

// compilePrincipal compiles one Principal entry. typ is the map key
// (AWS, RAM, JDCLOUD, Service, Federated, CanonicalUser) or empty for a
// bare string or list.
func compilePrincipal(d policydoc.Dialect, typ, v string) principalPat {
	p := principalPat{raw: v}
	switch strings.ToLower(typ) {
	case "service":
		p.kind, p.value = pService, strings.ToLower(v)
		return p
	case "federated":
		p.kind, p.value = pFederated, v
		return p
	case "canonicaluser":
		p.kind = pCanonical
		return p
	}
	if v == "*" {
		p.kind = pAny
		return p
	}
	if isAccountID(v) {
		p.kind, p.account = pAccount, v
		return p
	}
	k, acct, canon, ok := parsePrincipalName(v)
	if !ok {
		p.value = v
		return p
	}
	p.kind, p.account, p.value = k, acct, canon
	return p
}

// isAccountID reports whether s is a bare account ID.
func isAccountID(s string) bool {
	return len(s) >= 4 && isDigits(s)
}

// parsePrincipalName parses an ARN-style principal name of any dialect:
// an account root, a user, a role or a role session. It returns the name
// in canonical form, which actors use too: `arn:<p>:iam::<a>:user/<path/name>`,
// `arn:<p>:iam::<a>:role/<name>`, `arn:<p>:sts::<a>:assumed-role/<role>/<session>`,
// `acs:ram::<a>:user/<name>` (role, session alike), `jrn:iam::<a>:user/<name>`.
func parsePrincipalName(s string) (principalKind, string, string, bool) {
	scheme, parts, n, ok := splitName(s)
	if !ok {
		return 0, "", "", false
	}
	svc := lowerASCII(parts[0])
	if scheme == "arn" {
		svc = lowerASCII(parts[1])
	}
	acct, res := parts[n-2], parts[n-1]
	typ, rest, _ := strings.Cut(res, "/")
	ltyp := lowerASCII(typ)
	switch scheme {
	case "arn":
		part := parts[0]
		switch {
		case svc == "iam" && res == "root":
			return pAccount, acct, "", true
		case svc == "iam" && ltyp == "user" && rest != "":
			return pUser, acct, "arn:" + part + ":iam::" + acct + ":user/" + rest, true
		case svc == "iam" && ltyp == "role" && rest != "":
			// a role ARN may carry a path; its sessions name the role only
			name := rest[strings.LastIndexByte(rest, '/')+1:]
			return pRole, acct, "arn:" + part + ":iam::" + acct + ":role/" + name, true
		case svc == "sts" && ltyp == "assumed-role" && strings.Count(rest, "/") == 1:
			return pSession, acct, "arn:" + part + ":sts::" + acct + ":assumed-role/" + rest, true
		}
	case "acs", "jrn":
		if (scheme == "acs" && svc != "ram") || (scheme == "jrn" && svc != "iam") {
			return 0, "", "", false
		}
		head := scheme + ":" + svc + "::" + acct + ":"
		switch {
		case res == "root":
			return pAccount, acct, "", true
		case (ltyp == "user" || ltyp == "subuser") && rest != "" && !strings.Contains(rest, "/"):
			return pUser, acct, head + "user/" + rest, true
		case ltyp == "role" && rest != "" && !strings.Contains(rest, "/"):
			return pRole, acct, head + "role/" + rest, true
		case (ltyp == "role" || ltyp == "assumed-role") && strings.Count(rest, "/") == 1:
			return pSession, acct, head + "assumed-role/" + rest, true
		}
	}
	return 0, "", "", false
}

// match reports how the entry names the actor.
func (p *principalPat) match(a *actor) pmatch {
	switch p.kind {
	case pAny:
		return pmDirect
	case pService:
		if a.kind == actorService && a.service == p.value {
			return pmDirect
		}
		return pmNone
	case pCanonical:
		return pmNone
	}
	if !a.authenticated() {
		return pmNone
	}
	switch p.kind {
	case pAccount:
		if a.account == p.account {
			return pmAccount
		}
	case pUser, pSession, pOther, pFederated:
		if a.arn == p.value {
			return pmDirect
		}
	case pRole:
		if a.roleARN != "" && a.roleARN == p.value {
			return pmRole
		}
	}
	return pmNone
}

// notPrincipalExempts reports whether a NotPrincipal list excludes the
// actor. AWS checks the account first, then the user, or the role and then
// its session: the principal is excluded only when every one of them is
// listed (reference_policies_elements_notprincipal.html).
func notPrincipalExempts(list []principalPat, a *actor) bool {
	has := func(k principalKind, v string) bool {
		for i := range list {
			p := &list[i]
			switch {
			case p.kind == pAny:
				return true
			case k == pAccount && p.kind == pAccount && p.account == v:
				return true
			case k == pService && p.kind == pService && p.value == v:
				return true
			case k != pAccount && k != pService && p.kind == k && p.value == v:
				return true
			}
		}
		return false
	}
	switch a.kind {
	case actorService:
		return has(pService, a.service)
	case actorAnonymous:
		return false
	}
	if !has(pAccount, a.account) {
		return false
	}
	switch a.kind {
	case actorUser:
		return has(pUser, a.arn)
	case actorSession:
		return has(pRole, a.roleARN) && has(pSession, a.arn)
	}
	return true
}
