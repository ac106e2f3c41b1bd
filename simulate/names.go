package simulate

import "strings"

// Resource names are matched part by part (semantics 5.2, 5.3): aws names
// `arn:partition:service:region:account:resource`, acs names
// `acs:service:region:account:relative-id` and JD Cloud names
// `jrn:service:region:account:path`. The last part keeps any further
// colons. Scheme, partition, service and region compare case-insensitively,
// the account exactly, the resource part case-sensitively — except that
// JD Cloud compares its resource type (`subUser/` or `subuser/`) without
// case. A lone `*` matches every name, also a request without one.

// reqName is a request's resource name, split once per request.
type reqName struct {
	raw    string
	ok     bool // the name has the shape of its scheme
	scheme string
	sid    uint8 // schemeID(scheme), when ok
	parts  [5]string
	n      int
}

// schemeID numbers the known schemes, so names compare theirs as bytes.
func schemeID(scheme string) uint8 {
	switch scheme {
	case "arn":
		return 1
	case "acs":
		return 2
	case "jrn":
		return 3
	}
	return 0
}

// nameParts returns the number of parts after the scheme, 0 for an unknown
// scheme.
func nameParts(scheme string) int {
	switch scheme {
	case "arn":
		return 5
	case "acs", "jrn":
		return 4
	}
	return 0
}

// splitName splits s into its lower-cased scheme and parts. It reports false
// when the scheme is unknown or parts are missing.
func splitName(s string) (scheme string, parts [5]string, n int, ok bool) {
	i := strings.IndexByte(s, ':')
	if i < 0 {
		return "", parts, 0, false
	}
	scheme = lowerASCII(s[:i])
	n = nameParts(scheme)
	if n == 0 {
		return scheme, parts, 0, false
	}
	rest := s[i+1:]
	for k := 0; k < n-1; k++ {
		j := strings.IndexByte(rest, ':')
		if j < 0 {
			return scheme, parts, n, false
		}
		parts[k] = rest[:j]
		rest = rest[j+1:]
	}
	parts[n-1] = rest
	return scheme, parts, n, true
}

// foldParts lower-cases the parts that compare without case.
func foldParts(scheme string, parts *[5]string, n int) {
	for k := 0; k < n-2; k++ { // aws: partition, service, region; others: service, region
		parts[k] = lowerASCII(parts[k])
	}
	if scheme == "jrn" {
		parts[n-1] = foldType(parts[n-1])
	}
}

// foldType lower-cases the resource type of a JD Cloud path (the text
// before the first '/').
func foldType(s string) string {
	i := strings.IndexByte(s, '/')
	if i < 0 {
		return s
	}
	t := lowerASCII(s[:i])
	if t == s[:i] {
		return s
	}
	return t + s[i:]
}

func parseReqName(s string) reqName {
	r := reqName{raw: s}
	r.scheme, r.parts, r.n, r.ok = splitName(s)
	if r.ok {
		r.sid = schemeID(r.scheme)
		foldParts(r.scheme, &r.parts, r.n)
	}
	return r
}

// account returns the account part of the name, or "".
func (r *reqName) account() string {
	if !r.ok {
		return ""
	}
	return r.parts[r.n-2]
}

// service returns the service part of the name, lower-cased, or "".
func (r *reqName) service() string {
	if !r.ok {
		return ""
	}
	if r.scheme == "arn" {
		return r.parts[1]
	}
	return r.parts[0]
}

// resource returns the resource part (relative id, path) of the name.
func (r *reqName) resource() string {
	if !r.ok {
		return ""
	}
	return r.parts[r.n-1]
}

// namePattern is a compiled Resource, NotResource or ARN-operator value.
type namePattern struct {
	raw    string
	all    bool // a lone "*"
	ok     bool // the pattern has the shape of its scheme; a malformed one matches nothing
	scheme string
	sid    uint8 // schemeID(scheme), when ok
	parts  [5]pattern
	n      int
	// tmpl holds the resource part when it has policy variables (aws only);
	// the part is compiled per request.
	tmpl *template
}

// compileName compiles a resource pattern. With vars, the resource part may
// hold policy variables (aws with Version 2012-10-17).
func compileName(s string, vars bool) namePattern {
	p := namePattern{raw: s}
	if s == "*" {
		p.all = true
		return p
	}
	scheme, parts, n, ok := splitName(s)
	if !ok {
		return p
	}
	foldParts(scheme, &parts, n)
	p.ok, p.scheme, p.sid, p.n = true, scheme, schemeID(scheme), n
	for k := 0; k < n; k++ {
		p.parts[k] = compilePattern(parts[k])
	}
	if vars {
		if t, found := parseTemplate(parts[n-1], true); found {
			p.tmpl = &t
		}
	}
	return p
}

// match reports whether the request's resource name matches. A pattern
// whose variables have no value matches no resource.
func (p *namePattern) match(r *request, n *reqName) bool {
	if p.all {
		return true
	}
	if !p.ok || !n.ok || p.sid != n.sid {
		return false
	}
	last := p.n - 1
	// the account first: it tells names apart soonest
	for k := last - 1; k >= 0; k-- {
		if !p.parts[k].match(n.parts[k]) {
			return false
		}
	}
	if p.tmpl != nil {
		return p.tmpl.like(r, n.parts[last])
	}
	return p.parts[last].match(n.parts[last])
}

// arnValue is a compiled value of an Arn* condition operator: the parts of
// an ARN, each a case-sensitive pattern.
type arnValue struct {
	ok    bool
	parts [6]pattern // arn, partition, service, region, account, resource
}

// compileARN compiles an ARN pattern for ArnEquals/ArnLike. Names of every
// dialect split by their scheme; matching is case-sensitive.
func compileARN(s string) arnValue {
	var v arnValue
	parts, ok := splitARNValue(s)
	if !ok {
		return v
	}
	v.ok = true
	for i, p := range parts {
		v.parts[i] = compilePattern(p)
	}
	return v
}

// splitARNValue splits an ARN into its six colon-separated parts, the last
// keeping further colons. acs and jrn names have five parts; the missing
// partition is left empty.
func splitARNValue(s string) ([6]string, bool) {
	var out [6]string
	i := strings.IndexByte(s, ':')
	if i < 0 {
		return out, false
	}
	out[0] = s[:i]
	rest := s[i+1:]
	first := 1
	if s[:i] != "arn" {
		first = 2 // acs:, jrn: carry no partition
	}
	for k := first; k < 5; k++ {
		j := strings.IndexByte(rest, ':')
		if j < 0 {
			return out, false
		}
		out[k] = rest[:j]
		rest = rest[j+1:]
	}
	out[5] = rest
	return out, true
}

func (v *arnValue) match(s string) bool {
	if !v.ok {
		return false
	}
	parts, ok := splitARNValue(s)
	if !ok {
		return false
	}
	for i := range parts {
		if !v.parts[i].match(parts[i]) {
			return false
		}
	}
	return true
}
