package schema

import "strings"

// operators are the condition operators in their documented spelling, for
// "did you mean" suggestions.
var operators = func() []string {
	bases := []string{
		"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
		"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
		"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
		"Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
	}
	out := append([]string{"Null"}, bases...)
	for _, b := range bases {
		out = append(out, b+"IfExists", "ForAnyValue:"+b, "ForAllValues:"+b)
	}
	return out
}()

var policyKeys = []string{"Version", "Id", "Statement", "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}

var otherKeys = map[string][]string{
	"inventory": {"account", "alias", "dialect", "users", "groups", "roles", "resources", "control_policies", "resource_control_policies",
		"organization", "password_policy", "mfa", "access_key_max_age_days", "policies", "trust", "boundary", "console", "tags",
		"access_keys", "description", "max_session_duration", "arn", "policy", "id", "created", "active", "last_used",
		"min_length", "require_lowercase", "require_uppercase", "require_numbers", "require_symbols", "max_age_days",
		"reuse_prevention", "max_login_attempts", "hard_expiry", "required_for_console", "operation_protection", "management", "path",
		"password_last_changed"},
	"scenario": {"scenarios", "name", "description", "dialect", "principal", "assume", "action", "actions", "resource", "resources",
		"resource_account", "context", "policies", "session_policy", "expect", "identity", "boundary", "session", "control", "resource_control", "trust"},
	"config": {"dialect", "include", "exclude", "inventory", "scenarios", "overrides", "rules", "suppressions", "baseline", "known_accounts",
		"fail_on", "paths", "disable", "enable", "severity", "options", "rule", "path", "statement", "reason", "expires", "owner", "kind"},
}

func knownKeys(s Subject) []string {
	if keys, ok := otherKeys[s.Schema]; ok {
		return keys
	}
	return policyKeys
}

// suggest returns the candidate closest to s when it is close enough to be
// a typo: equal ignoring case, or within two edits.
func suggest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if strings.EqualFold(c, s) {
			return c
		}
		if d := distance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD > 2 || len(s) < 3 {
		return ""
	}
	return best
}

// distance is the Levenshtein edit distance, counting a swap of two
// neighbouring letters as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
