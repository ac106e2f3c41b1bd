# METADATA
# title: Wildcard in the bucket name or account of a sensitive grant
# description: >-
#   An Allow statement grants a sensitive action on a resource name whose
#   wildcard sits where it widens the grant beyond the account: in the
#   bucket name of an S3, OSS or JD Cloud OSS name (arn:aws:s3:::backup-*,
#   acs:oss:*:*:logs-*/*), where bucket names are global and anyone can
#   create one that matches; or, in AWS, in the account of a name that
#   otherwise picks a resource (arn:aws:iam::*:role/deploy,
#   arn:aws:kms:*:*:key/1234abcd-…), which then reaches that resource in
#   every account that lets the principal in. Sensitive means object and
#   bucket reads and writes for the buckets; permissions management,
#   sts:AssumeRole, and the secret, sharing, resource-policy, audit and
#   credential actions of DX002 to DX005, CR001 and CR002 for accounts.
#   Path wildcards under a named bucket or resource (bucket/*,
#   secret:prod/*) are ordinary and pass, as does a statement that pins
#   the resource's account (aws:ResourceAccount, s3:ResourceAccount,
#   aws:ResourceOrgID). Names that are wildcards throughout (every bucket,
#   every key) are left to DX001, DX002 and LP007.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount
# custom:
#   id: LP006
#   name: wildcard-resource-segment
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     "backup-*" reads like "our backup buckets", but bucket names belong
#     to whoever creates them first: a principal allowed to write to
#     backup-* will write to an attacker's backup-exfil just as well, and
#     one allowed to read from it reads what the attacker plants. A
#     wildcard account does the same for roles, keys and secrets: a role
#     named deploy in any account, a key of any account that shares it.
#   remediation: >-
#     Name the buckets, or pin their owner with an s3:ResourceAccount or
#     aws:ResourceAccount condition (aws:ResourceOrgID for the whole
#     organization); put the account IDs in names instead of "*".
package rampart.rules.least_privilege.wildcard_resource_segment

import data.rampart.lib.iam
import data.rampart.lib.result
import data.rampart.rules.credentials.credential_exposure
import data.rampart.rules.credentials.login_security_weakening
import data.rampart.rules.exfiltration.audit_trail_tampering
import data.rampart.rules.exfiltration.resource_policy_editing
import data.rampart.rules.exfiltration.snapshot_sharing
import data.rampart.rules.exfiltration.unconstrained_secret_read

bucket_services := {"s3", "oss"}

deny contains f if {
	some s in input.statements
	s.allow
	some r in s.resource.values
	r.wildcard
	not r.all
	parts := split(r.value, ":")
	w := widened(parts)
	grants := [a.value | some a in s.action.values; sensitive(a, w)]
	count(grants) > 0
	not pinned(s)
	f := result.finding(message(s, r, grants, w), r.pointer)
}

# widened says how a name's wildcard reaches past the account: "bucket"
# for a bucket name that is partly a wildcard, "account" for an AWS name
# whose account is a wildcard while the rest picks a resource; with the
# service the name belongs to.
widened(parts) := {"kind": "bucket", "service": service} if {
	service := lower(parts[service_index(parts)])
	service in bucket_services
	bucket := split(concat(":", array.slice(parts, service_index(parts) + 3, count(parts))), "/")[0]
	iam.wildcard(bucket)
	not iam.stars(bucket)
} else := {"kind": "account", "service": lower(parts[2])} if {
	parts[0] == "arn"
	count(parts) >= 6
	not lower(parts[2]) in bucket_services
	iam.wildcard(parts[4])
	picks_resource(concat(":", array.slice(parts, 5, count(parts))))
}

service_index(parts) := 2 if parts[0] == "arn"

service_index(parts) := 1 if parts[0] in {"acs", "jrn"}

# picks_resource holds for a relative name that is not a wildcard
# throughout, nor a type followed by one (key/*, secret:*).
picks_resource(res) if {
	not iam.stars(res)
	not type_wide(res)
}

type_wide(res) if {
	some sep in ["/", ":"]
	i := indexof(res, sep)
	i > 0
	not iam.wildcard(substring(res, 0, i))
	iam.stars(substring(res, i + 1, -1))
}

# sensitive holds for an action value of the statement that the widened
# name matters for.
sensitive(a, w) if {
	w.kind == "bucket"
	a.service == w.service
	not a.wildcard
	act := rampart.action(input.dialect, a.value)
	act.level in {"read", "write", "permissions-management"}
}

sensitive(a, w) if {
	w.kind == "bucket"
	a.service == w.service
	a.wildcard
	not a.all
	n := rampart.expand_levels(input.dialect, a.value)
	some level in ["read", "write", "permissions-management"]
	n[level]
}

sensitive(a, w) if {
	w.kind == "account"
	a.service == "sts"
	rampart.glob(a.name, "AssumeRole", true)
	w.service == "iam"
}

sensitive(a, w) if {
	w.kind == "account"
	a.service == w.service
	not a.wildcard
	act := rampart.action(input.dialect, a.value)
	account_sensitive(act)
}

sensitive(a, w) if {
	w.kind == "account"
	a.service == w.service
	a.wildcard
	not a.all
	n := rampart.expand_levels(input.dialect, a.value)
	n["permissions-management"]
}

sensitive(a, w) if {
	w.kind == "account"
	a.service == w.service
	a.wildcard
	not a.all
	some t in tables
	some name in t[input.dialect][a.service]
	rampart.glob(a.name, name, true)
}

account_sensitive(act) if act.level == "permissions-management"

account_sensitive(act) if {
	some t in tables
	act.name in t[input.dialect][act.service]
}

# tables are the actions of the rules this one leaves whole names to, by
# dialect and service.
tables := [
	unconstrained_secret_read.actions, snapshot_sharing.actions, resource_policy_editing.actions,
	audit_trail_tampering.actions, credential_exposure.actions, login_security_weakening.actions,
]

# pinned holds when a condition pins the account or organization that
# owns the resource.
pinned(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	c.key_lower in {"aws:resourceaccount", "s3:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths"}
}

message(s, r, grants, w) := sprintf("%s allows %s on %s: the bucket name is a wildcard, and bucket names are global, so it also matches buckets other accounts create with such names", [iam.label(s), listed(grants), r.value]) if {
	w.kind == "bucket"
} else := sprintf("%s allows %s on %s: the account is a wildcard, so it reaches the resource in every account that lets the principal in", [iam.label(s), listed(grants), r.value])

listed(grants) := concat(", ", grants) if count(grants) <= 3

listed(grants) := sprintf("%s and %d more", [concat(", ", array.slice(grants, 0, 3)), count(grants) - 3]) if count(grants) > 3
