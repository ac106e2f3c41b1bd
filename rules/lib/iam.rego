# Helpers over the normalized document (schema.document) shared by rules.
# Much is precomputed in the input, cheaper to read than to derive: a
# statement's allow and deny, a value's wildcard and all, an action's
# service and name, a condition's key_lower, base_lower and negated. The
# functions here are for what is not, and for values that are not in the
# input. Matching follows the evaluator: actions compare ignoring case,
# with * and ? wildcards over the whole "service:Action" string.
package rampart.lib.iam

# label names a statement in messages: statement "Sid", or statement 2 when
# it has no Sid (the index in the Statement list, from 0).
label(s) := sprintf("statement %q", [s.sid]) if s.sid != ""

label(s) := sprintf("statement %d", [s.index]) if s.sid == ""

# stars holds for a non-empty run of * only.
stars(v) if {
	v != ""
	trim(v, "*") == ""
}

# wildcard holds for a value holding * or ?.
wildcard(v) if contains(v, "*")

wildcard(v) if contains(v, "?")

# every_action holds for an action pattern that matches every action of
# every service: "*", "*:*". (An action value's all says the same.)
every_action(v) if stars(v)

every_action(v) if {
	parts := split(v, ":")
	count(parts) == 2
	stars(parts[0])
	stars(parts[1])
}

# every_resource holds for a resource pattern that names every resource:
# "*", or a name whose every part is a wildcard (acs:*:*:*:*,
# arn:aws:*:*:*:*, where the aws partition may be literal). (A resource
# value's all says the same.)
every_resource(v) if stars(v)

every_resource(v) if {
	parts := split(v, ":")
	parts[0] in {"acs", "jrn"}
	count(parts) >= 5
	every p in array.slice(parts, 1, count(parts)) {
		stars(p)
	}
}

every_resource(v) if {
	parts := split(v, ":")
	parts[0] == "arn"
	count(parts) >= 6
	parts[1] != ""
	every p in array.slice(parts, 2, count(parts)) {
		stars(p)
	}
}

# negated holds for an operator that tests that a value is not something:
# StringNotEquals, StringNotLike, NotIpAddress, ArnNotLike, DateNotEquals …
# (A condition's negated says the same.)
negated(base) if contains(lower(base), "not")

# action_matches holds when an action pattern of a policy matches the
# action name (ignoring case).
action_matches(pattern, name) if rampart.glob(pattern, name, true)

# global_key holds when a condition is on the dialect's global key with the
# given name (lower-cased): global_key("aws", c, "sourceip").
global_key(dialect, c, name) if c.key_lower == concat(":", [dialect, name])

# mfa_key holds for a condition on the key that says the caller signed in
# with MFA. JD Cloud documents none.
mfa_key(c) if c.key_lower in {"acs:mfapresent", "aws:multifactorauthpresent"}
