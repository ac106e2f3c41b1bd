package policydoc

import (
	"fmt"
	"strings"
)

// Name is a resource name split into its parts. The three dialects share one
// shape: `acs:svc:region:account:relative-id`, `jrn:svc:region:account:path`
// and `arn:partition:svc:region:account:resource`. The last part keeps any
// further colons.
type Name struct {
	Scheme    string // "acs", "jrn" or "arn"
	Partition string // aws only: "aws", "aws-cn", "aws-us-gov"
	Service   string
	Region    string
	Account   string
	Resource  string // relative-id / path / resource
}

// Dialect is the dialect the name's scheme belongs to.
func (n Name) Dialect() Dialect {
	d, _ := DialectOfName(n.Scheme + ":")
	return d
}

// String joins the parts again.
func (n Name) String() string {
	if n.Scheme == "arn" {
		return strings.Join([]string{n.Scheme, n.Partition, n.Service, n.Region, n.Account, n.Resource}, ":")
	}
	return strings.Join([]string{n.Scheme, n.Service, n.Region, n.Account, n.Resource}, ":")
}

// Parts returns the parts after the scheme, in order; for aws the partition
// comes first.
func (n Name) Parts() []string {
	if n.Scheme == "arn" {
		return []string{n.Partition, n.Service, n.Region, n.Account, n.Resource}
	}
	return []string{n.Service, n.Region, n.Account, n.Resource}
}

// ResourceType is the part of the resource before the first '/' (or ':' for
// aws names such as `arn:aws:sns:r:a:topic`); empty when it has neither.
func (n Name) ResourceType() string {
	if i := strings.IndexAny(n.Resource, "/:"); i >= 0 {
		return n.Resource[:i]
	}
	return ""
}

// ParseName splits a resource name of any dialect. It checks the shape only:
// the scheme, the number of parts and that service and resource are not empty.
func ParseName(s string) (Name, error) {
	i := strings.IndexByte(s, ':')
	if i < 0 {
		return Name{}, fmt.Errorf("%q is not a resource name: want acs:, jrn: or arn: followed by service, region, account and resource", s)
	}
	scheme := s[:i]
	switch scheme {
	case "acs", "jrn":
		parts := strings.SplitN(s[i+1:], ":", 4)
		if len(parts) != 4 {
			return Name{}, fmt.Errorf("%q has %d parts after %q, want 4 (service:region:account:resource)", s, len(parts), scheme)
		}
		n := Name{Scheme: scheme, Service: parts[0], Region: parts[1], Account: parts[2], Resource: parts[3]}
		if n.Service == "" {
			return n, fmt.Errorf("%q has an empty service", s)
		}
		if n.Resource == "" {
			return n, fmt.Errorf("%q has an empty resource", s)
		}
		return n, nil
	case "arn":
		parts := strings.SplitN(s[i+1:], ":", 5)
		if len(parts) != 5 {
			return Name{}, fmt.Errorf("%q has %d parts after \"arn\", want 5 (partition:service:region:account:resource)", s, len(parts))
		}
		n := Name{Scheme: scheme, Partition: parts[0], Service: parts[1], Region: parts[2], Account: parts[3], Resource: parts[4]}
		if n.Partition == "" {
			return n, fmt.Errorf("%q has an empty partition", s)
		}
		if n.Service == "" {
			return n, fmt.Errorf("%q has an empty service", s)
		}
		if n.Resource == "" {
			return n, fmt.Errorf("%q has an empty resource", s)
		}
		return n, nil
	}
	return Name{}, fmt.Errorf("%q does not start with acs:, jrn: or arn:", s)
}
