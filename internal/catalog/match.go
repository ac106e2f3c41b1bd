package catalog

import (
	"strings"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// ResourceFits reports whether a policy's resource name, which may hold
// `*` and `?` wildcards, can name a resource the action applies to: whether
// some concrete name matches both the policy's name and one of the action's
// resource types. "*" fits every action. For an action that accepts only
// "*", no other name fits. When the sources do not say which resource types
// an action accepts, any name of its service (or of a related service, such
// as vpc for ecs) fits.
//
// Names are compared part by part as the dialect's grammar splits them:
// scheme, partition, service, region and account ignoring case, the
// resource part exactly (ignoring case for jdcloud). A name that does not
// split is compared whole, ignoring case.
func (c *Catalog) ResourceFits(a *Action, resource string) bool {
	if strings.Trim(resource, "*") == "" && resource != "" {
		return true
	}
	if a == nil {
		return false
	}
	if a.ResourceTypesKnown {
		for _, rt := range a.ResourceTypes {
			if c.namesMeet(resource, rt.Pattern) {
				return true
			}
		}
		return false
	}
	s, ok := c.Service(a.Service)
	if !ok {
		return false
	}
	for _, rt := range s.ResourceTypes {
		if c.namesMeet(resource, rt.Pattern) {
			return true
		}
	}
	for _, code := range append([]string{s.Code}, s.Related...) {
		if c.namesMeet(resource, c.serviceWide(code)) {
			return true
		}
	}
	return false
}

// serviceWide is the pattern of every name of a service.
func (c *Catalog) serviceWide(code string) string {
	if c.dialect == policydoc.AWS {
		return "arn:*:" + code + ":*:*:*"
	}
	return c.dialect.NamePrefix() + ":" + code + ":*:*:*"
}

// namesMeet reports whether two resource-name patterns have a name in
// common.
func (c *Catalog) namesMeet(a, b string) bool {
	na, errA := policydoc.ParseName(a)
	nb, errB := policydoc.ParseName(b)
	if errA != nil || errB != nil || na.Scheme != nb.Scheme {
		return Intersect(a, b, true)
	}
	pa, pb := na.Parts(), nb.Parts()
	last := len(pa) - 1
	for i := range pa {
		fold := i < last || c.foldPath
		if !Intersect(pa[i], pb[i], fold) {
			return false
		}
	}
	return true
}

// Intersect reports whether two wildcard patterns (`*`: any run of
// characters, `?`: one character) match at least one string in common.
// With fold, letters compare ignoring case. It runs in O(len(a)·len(b)).
func Intersect(a, b string, fold bool) bool {
	if fold {
		a, b = strings.ToLower(a), strings.ToLower(b)
	}
	ra, rb := []rune(a), []rune(b)
	n, m := len(ra), len(rb)
	// seen[i*(m+1)+j]: state (i, j) was visited — the prefixes ra[:i] and
	// rb[:j] can produce the same string.
	seen := make([]bool, (n+1)*(m+1))
	stack := [][2]int{{0, 0}}
	push := func(i, j int) {
		if k := i*(m+1) + j; !seen[k] {
			seen[k] = true
			stack = append(stack, [2]int{i, j})
		}
	}
	seen[0] = true
	for len(stack) > 0 {
		st := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		i, j := st[0], st[1]
		if i == n && j == m {
			return true
		}
		if i < n && ra[i] == '*' {
			push(i+1, j) // the star matches nothing more
			if j < m {
				push(i, j+1) // the star swallows b's next element
			}
		}
		if j < m && rb[j] == '*' {
			push(i, j+1)
			if i < n {
				push(i+1, j)
			}
		}
		if i < n && j < m && ra[i] != '*' && rb[j] != '*' && (ra[i] == '?' || rb[j] == '?' || ra[i] == rb[j]) {
			push(i+1, j+1)
		}
	}
	return false
}
