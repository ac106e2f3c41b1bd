# METADATA
# title: Malformed resource name
# description: >-
#   A Resource or NotResource value is not a well-formed name of the
#   document's dialect. Errors: a value that is neither "*" nor a name
#   (no scheme), an unknown scheme, too few parts
#   (acs:service:region:account:relative-id and jrn:… have five,
#   arn:partition:service:region:account:resource six), an empty
#   service or partition. Warnings, for names that are accepted and
#   never match: an empty resource part, white space around the name, a
#   scheme in capitals, an account that is not an account ID, an unknown AWS
#   partition, and a region where the service's names have none (IAM,
#   STS and S3 buckets and objects in aws; RAM in acs; IAM and KMS in
#   jdcloud). A name of another dialect is SCH005's.
# related_resources:
#   - ref: https://www.alibabacloud.com/help/en/doc-detail/93738.htm
#   - ref: https://docs.jdcloud.com/cn/iam/policy-management
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
# custom:
#   id: SCH004
#   name: malformed-resource-name
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     A name with a part missing is rejected when the policy is created
#     (MalformedPolicyDocument), far from the review; a name with a stray
#     region, a space or an alias where the account ID belongs is
#     accepted and matches nothing, so the grant or the guardrail is
#     silently empty.
#   remediation: >-
#     Write the name in the dialect's form, with the parts the service
#     uses: acs:oss:*:*:bucket/key, acs:ram:*:1234567890123456:role/name,
#     jrn:vm:cn-north-1:123456789012:instances/i-1,
#     arn:aws:s3:::bucket/key, arn:aws:iam::111122223333:role/name. Use
#     "*" for a part that may be anything.
package rampart.rules.schema.malformed_resource_name

import data.rampart.lib.iam
import data.rampart.lib.result

scheme := {"acs": "acs", "jdcloud": "jrn", "aws": "arn"}[input.dialect]

# parts is how many colon-separated parts a name has, the scheme included.
parts := {"acs": 5, "jdcloud": 5, "aws": 6}[input.dialect]

form := {
	"acs": "acs:service:region:account:relative-id",
	"jdcloud": "jrn:service:region:account:path",
	"aws": "arn:partition:service:region:account:resource",
}[input.dialect]

other_schemes := {"acs", "jrn", "arn"}

deny contains f if {
	some s in input.statements
	some field in ["resource", "not_resource"]
	some r in s[field].values
	not r.all
	r.value != "" # SCH013's
	not fine(r.value)
	problem := problems(r.value)
	f := finding(s, r, problem)
}

# fine holds for the names that are well formed at a glance, so that
# most names cost two or three regular expressions: a general pattern,
# and for the services whose names have no region (iam, sts, s3 buckets
# and objects in aws; ram in acs; iam and kms in jdcloud), their own.
fine(v) if {
	regex.match(general[input.dialect], v)
	not regex.match(special[input.dialect], v)
}

fine(v) if regex.match(special_fine[input.dialect], v)

general := {
	"aws": `^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[bef]|aws-eusc|\*):[a-z0-9-]+:[a-z0-9*?-]*:([0-9*?]*|aws|\$\{[^}]+\}):(.*\S)$`,
	"acs": `^acs:[a-z0-9*?-]+:[a-z0-9*?-]*:[0-9*?]*:(.*\S)$`,
	"jdcloud": `^jrn:[a-z0-9_*?-]+:[a-z0-9*?-]*:[0-9*?]*:(.*\S)$`,
}

special := {"aws": `^arn:[^:]*:(iam|sts|s3):`, "acs": `^acs:ram:`, "jdcloud": `^jrn:(iam|kms):`}

special_fine := {
	"aws": `^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[bef]|aws-eusc|\*):((iam|sts)::([0-9*?]*|aws|\$\{[^}]+\}):.*\S|s3:::.*\S|s3:[a-z0-9*-]+:[0-9*?]+:(accesspoint|job|storage-lens|access-grants|async-request).*\S)$`,
	"acs": `^acs:ram:\*?:[0-9*?]*:(.*\S)$`,
	"jdcloud": `^jrn:(iam|kms):\*?:[0-9*?]*:(.*\S)$`,
}

finding(s, r, p) := result.finding(msg, r.pointer) if {
	p.severity == "error"
	msg := sprintf("%s: the resource %q %s", [iam.label(s), r.value, p.msg])
} else := result.softer(result.finding(msg, r.pointer), "warning") if {
	msg := sprintf("%s: the resource %q %s, so it never matches", [iam.label(s), r.value, p.msg])
}

# problems is what is wrong with a name, most fundamental first; only one
# is reported.
problems(v) := issue(sprintf("has white space around it (%q is meant)", [trim_space(v)]), "warning") if {
	trim_space(v) != v
} else := issue(sprintf("is not a resource name: Resource takes \"*\" or %s", [form]), "error") if {
	not contains(v, ":")
} else := issue(sprintf("has its scheme in capitals: names start with %s:", [scheme]), "warning") if {
	first(v) != scheme
	lower(first(v)) == scheme
} else := issue(sprintf("starts with %s:, which is no scheme: %s names are %s", [first(v), input.dialect, form]), "error") if {
	not lower(first(v)) in other_schemes
} else := p if {
	first(v) == scheme
	p := shape(v)
}

first(v) := substring(v, 0, indexof(v, ":"))

issue(msg, severity) := {"msg": msg, "severity": severity}

# shape checks a name of the document's own scheme.
shape(v) := issue(sprintf("has %d parts, want %d (%s)", [count(ps), parts, form]), "error") if {
	ps := split(v, ":")
	count(ps) < parts
} else := issue("has an empty resource part", "warning") if {
	rampart.parse_name(v) == null
	empty_part(v) == "resource part"
} else := issue(sprintf("has an empty %s", [empty]), "error") if {
	rampart.parse_name(v) == null
	empty := empty_part(v)
} else := p if {
	n := rampart.parse_name(v)
	n != null
	p := name_problem(n)
}

# empty_part names the part that is empty in a name with enough parts.
empty_part(v) := "partition" if {
	input.dialect == "aws"
	split(v, ":")[1] == ""
} else := "service" if {
	split(v, ":")[service_index] == ""
} else := "resource part"

service_index := 2 if input.dialect == "aws"

service_index := 1 if input.dialect != "aws"

name_problem(n) := issue(sprintf("has the account %q, which is not an account ID", [n.account]), "warning") if {
	n.account != ""
	not account_like(n.account)
} else := issue(sprintf("has the partition %q, which AWS does not have", [n.partition]), "warning") if {
	input.dialect == "aws"
	not iam.wildcard(n.partition)
	not n.partition in partitions
} else := issue(sprintf("has the region %q: %s names have no region (%s)", [n.region, lower(n.service), regionless_form(n)]), "warning") if {
	n.region != ""
	not iam.wildcard(n.region)
	regionless(n)
} else := issue(sprintf("has the account %q: S3 bucket and object names have no account (arn:aws:s3:::bucket/key)", [n.account]), "warning") if {
	input.dialect == "aws"
	n.account != ""
	not iam.wildcard(n.account)
	lower(n.service) == "s3"
	s3_bucket_or_object(n)
}

# account_like holds for digits, wildcards and policy variables (AWS
# writes ${aws:PrincipalAccount} there), and AWS's own "aws" account of
# managed policies.
account_like(a) if regex.match(`^[0-9*?]+$`, a)

account_like(a) if contains(a, "${")

account_like("aws") if input.dialect == "aws"

partitions := {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}

regionless(n) if lower(n.service) in regionless_services[input.dialect]

# S3 buckets and objects have neither region nor account; access points,
# jobs and the other S3 resources have both.
regionless(n) if {
	input.dialect == "aws"
	lower(n.service) == "s3"
	s3_bucket_or_object(n)
}

s3_bucket_or_object(n) if not s3_regional_resource(n)

s3_regional_resource(n) if {
	some prefix in s3_regional
	startswith(n.resource, prefix)
}

s3_regional := {"accesspoint/", "job/", "storage-lens", "access-grants/", "async-request/"}

regionless_services := {
	"aws": {"iam", "sts"},
	"acs": {"ram"},
	"jdcloud": {"iam", "kms"},
}

regionless_form(n) := "arn:aws:s3:::bucket/key" if {
	lower(n.service) == "s3"
} else := "acs:ram:*:account:…" if {
	input.dialect == "acs"
} else := sprintf("jrn:%s::account:…", [lower(n.service)]) if {
	input.dialect == "jdcloud"
} else := sprintf("arn:%s:%s::account:…", [n.partition, lower(n.service)])
