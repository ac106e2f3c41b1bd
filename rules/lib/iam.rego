# Helpers over the normalized document (schema.document) shared by rules.
# Matching follows the evaluator: actions compare ignoring case, with * and ?
# wildcards over the whole "service:Action" string.
package rampart.lib.iam

# allows holds for an Allow statement; denies for a Deny. Effects compare
# ignoring case (JD Cloud documents lower-case element names too).
allows(s) if lower(s.effect) == "allow"

denies(s) if lower(s.effect) == "deny"

# label names a statement in messages: statement "Sid", or statement 2 when
# it has no Sid (the index in the Statement list, from 0).
label(s) := sprintf("statement %q", [s.sid]) if s.sid != ""

label(s) := sprintf("statement %d", [s.index]) if s.sid == ""

# stars holds for a non-empty run of * only.
stars(v) if {
	v != ""
	trim(v, "*") == ""
}

# every_action holds for an action pattern that matches every action of
# every service: "*", "*:*".
every_action(v) if stars(v)

every_action(v) if {
	parts := split(v, ":")
	count(parts) == 2
	stars(parts[0])
	stars(parts[1])
}

# every_resource holds for a resource pattern that names every resource:
# "*", or a name whose every part is a wildcard (acs:*:*:*:*,
# arn:aws:*:*:*:*, where the aws partition may be literal).
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

# action_matches holds when an action pattern of a policy matches the
# action name (ignoring case).
action_matches(pattern, name) if rampart.glob(pattern, name, true)

# wildcard holds for a value holding * or ?.
wildcard(v) if contains(v, "*")

wildcard(v) if contains(v, "?")

# global_key holds when a condition key is the dialect's global key with
# the given name, ignoring case (condition keys are case-insensitive in
# every dialect): global_key("aws", "aws:SourceIp", "SourceIp").
global_key(dialect, key, name) if lower(key) == lower(concat(":", [dialect, name]))

# mfa_key holds for the dialect's condition key that says the caller signed
# in with MFA. JD Cloud documents none.
mfa_key("acs", key) if lower(key) == "acs:mfapresent"

mfa_key("aws", key) if lower(key) == "aws:multifactorauthpresent"

# negated holds for an operator that tests that a value is not something:
# StringNotEquals, StringNotLike, NotIpAddress, ArnNotLike, DateNotEquals …
negated(base) if contains(lower(base), "not")
