package policydoc

import (
	"fmt"
	"strings"
)

// Dialect is one of the three policy languages rampart understands.
type Dialect string

// The dialects.
const (
	ACS     Dialect = "acs"     // Alibaba Cloud RAM
	JDCloud Dialect = "jdcloud" // JD Cloud IAM
	AWS     Dialect = "aws"     // AWS IAM
)

// Dialects lists every dialect in a fixed order.
var Dialects = []Dialect{ACS, JDCloud, AWS}

// ParseDialect accepts a dialect name, case-insensitively.
func ParseDialect(s string) (Dialect, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "acs", "alibaba", "aliyun", "ram":
		return ACS, nil
	case "jdcloud", "jd", "jdc":
		return JDCloud, nil
	case "aws":
		return AWS, nil
	}
	return "", fmt.Errorf("unknown dialect %q: want acs, jdcloud or aws", s)
}

// Title is the vendor's name of the dialect, for messages.
func (d Dialect) Title() string {
	switch d {
	case ACS:
		return "Alibaba Cloud RAM"
	case JDCloud:
		return "JD Cloud IAM"
	case AWS:
		return "AWS IAM"
	}
	return string(d)
}

// Versions returns the Version values the dialect accepts, canonical first.
func (d Dialect) Versions() []string {
	switch d {
	case ACS:
		return []string{"1"}
	case JDCloud:
		return []string{"3"}
	case AWS:
		return []string{"2012-10-17", "2008-10-17"}
	}
	return nil
}

// NamePrefix is the scheme of the dialect's resource names: "acs", "jrn" or "arn".
func (d Dialect) NamePrefix() string {
	switch d {
	case ACS:
		return "acs"
	case JDCloud:
		return "jrn"
	case AWS:
		return "arn"
	}
	return ""
}

// KeyPrefix is the prefix of the dialect's global condition keys.
func (d Dialect) KeyPrefix() string {
	switch d {
	case ACS:
		return "acs"
	case JDCloud:
		return "jdcloud"
	case AWS:
		return "aws"
	}
	return ""
}

// AssumeRoleAction is the action that assumes a role, spelled as the dialect spells it.
func (d Dialect) AssumeRoleAction() string {
	if d == JDCloud {
		return "sts:assumeRole"
	}
	return "sts:AssumeRole"
}

// DialectOfVersion maps a Version value to the dialect it belongs to.
func DialectOfVersion(v string) (Dialect, bool) {
	switch v {
	case "1":
		return ACS, true
	case "3":
		return JDCloud, true
	case "2012-10-17", "2008-10-17":
		return AWS, true
	}
	return "", false
}

// DialectOfName maps a resource name or condition key to the dialect its
// prefix belongs to ("acs:", "jrn:", "arn:", "aws:", "jdcloud:").
func DialectOfName(s string) (Dialect, bool) {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return "", false
	}
	switch strings.ToLower(s[:i]) {
	case "acs":
		return ACS, true
	case "jrn", "jdcloud":
		return JDCloud, true
	case "arn", "aws":
		return AWS, true
	}
	return "", false
}

// Kind is what a policy document is for.
type Kind string

// The document kinds.
const (
	Identity        Kind = "identity"         // attached to users, groups, roles
	Trust           Kind = "trust"            // a role's assume-role document
	Resource        Kind = "resource"         // a bucket, key ... policy
	Control         Kind = "control"          // RD control policy, AWS SCP
	ResourceControl Kind = "resource-control" // AWS RCP
	Boundary        Kind = "boundary"         // AWS permissions boundary
	Session         Kind = "session"          // passed at AssumeRole
)

// Kinds lists every document kind.
var Kinds = []Kind{Identity, Trust, Resource, Control, ResourceControl, Boundary, Session}

// ParseKind accepts a kind name.
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ToLower(strings.TrimSpace(s)))
	switch k {
	case "scp":
		return Control, nil
	case "rcp":
		return ResourceControl, nil
	}
	for _, known := range Kinds {
		if k == known {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown policy kind %q: want one of identity, trust, resource, control, resource-control, boundary, session", s)
}

// HasPrincipal reports whether documents of this kind name principals.
func (k Kind) HasPrincipal() bool { return k == Trust || k == Resource }
