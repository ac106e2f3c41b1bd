# METADATA
# title: Network condition that restricts nothing or never matches
# description: >-
#   A source address or VPC condition that looks like a restriction but
#   is not one: a range that holds almost every address (0.0.0.0/0, ::/0,
#   any IPv4 prefix shorter than /8 or IPv6 prefix shorter than /16), a
#   private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, loopback,
#   link-local, fc00::/7) in acs:SourceIp or aws:SourceIp, which hold the
#   public address the request comes from and so never a private one, or
#   StringLike "*" on a VPC key, which every VPC of every account fits.
#   Reported as warnings when the policy lets more through than it seems
#   to (an Allow from anywhere, a Deny whose exemption covers everyone or
#   whose range never matches); as info when it only grants or blocks
#   less (an Allow from a private range that never matches, a Deny on
#   every address).
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip
#   - ref: https://www.alibabacloud.com/help/en/ram/access-alibaba-cloud-resources-by-using-a-specific-ip-address-or-cidr-block
# custom:
#   id: CND012
#   name: decorative-network-condition
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Network conditions are what make a broad grant acceptable in review
#     ("only from the office"), so a condition that admits the whole
#     internet, or the office's private range that the cloud never sees,
#     turns an accepted exception into an unconditional one. Calls from a
#     VPC reach the cloud from the VPC, not from its private addresses:
#     those are in aws:VpcSourceIp, with aws:SourceVpc.
#   remediation: >-
#     Write the public ranges the requests come from (the office's egress
#     addresses, the NAT gateways); for calls from a VPC, test aws:SourceVpc
#     or aws:SourceVpce (and aws:VpcSourceIp with them); name the VPC
#     instead of "*".
package rampart.rules.conditions.decorative_network_condition

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	some c in s.conditions
	c.base_lower in {"ipaddress", "notipaddress"}
	c.key_lower in ip_keys
	some v in c.values
	some problem in problems(c, v.value)
	f := finding(s, c, v, problem)
}

deny contains f if {
	some s in input.statements
	not s.deny
	some c in s.conditions
	c.base_lower == "stringlike"
	c.key_lower in vpc_keys
	some v in c.values
	v.all
	msg := sprintf("StringLike %q on %s fits every VPC of every account: %s only requires that the call come from some VPC; name the VPC", [v.value, c.key, iam.label(s)])
	f := result.finding(msg, v.pointer)
}

ip_keys := {"aws:sourceip", "acs:sourceip", "jdcloud:sourceip", "aws:vpcsourceip", "aws:ec2instancesourceprivateipv4"}

# public_keys hold the public address of the request, never a private one.
public_keys := {"aws:sourceip", "acs:sourceip"}

vpc_keys := {"aws:sourcevpc", "aws:sourcevpce", "aws:sourcevpcarn", "acs:sourcevpc"}

private_ranges := ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "fc00::/7", "fe80::/10", "::1/128"]

problems(c, v) := {p |
	some kind in ["broad", "private"]
	p := problem(kind, c, v)
}

problem("broad", _, v) := "broad" if {
	parts := split(v, "/")
	count(parts) == 2
	net.cidr_is_valid(v)
	bits := to_number(parts[1])
	bits < threshold(parts[0])
}

problem("private", c, v) := "private" if {
	c.key_lower in public_keys
	r := cidr(v)
	net.cidr_is_valid(r)
	some p in private_ranges
	family(p) == family(r)
	net.cidr_contains(p, r)
}

threshold(address) := 16 if contains(address, ":")

threshold(address) := 8 if not contains(address, ":")

family(r) := "v6" if contains(r, ":")

family(r) := "v4" if not contains(r, ":")

cidr(v) := v if contains(v, "/")

cidr(v) := concat("", [v, "/128"]) if {
	not contains(v, "/")
	contains(v, ":")
}

cidr(v) := concat("", [v, "/32"]) if {
	not contains(v, "/")
	not contains(v, ":")
}

# more says whether the problem lets more requests through than the
# condition seems to: a range of every address in an Allow's test or a
# Deny's exemption, a range that never matches in a Deny's test or an
# Allow's exemption.
more("broad", s, c) if {
	not s.deny
	not c.negated
}

more("broad", s, c) if {
	s.deny
	c.negated
}

more("private", s, c) if {
	s.deny
	not c.negated
}

more("private", s, c) if {
	not s.deny
	c.negated
}

what("broad", _, v) := sprintf("%s holds almost every address", [v]) if not endswith(v, "/0")

what("broad", _, v) := sprintf("%s holds every address", [v]) if endswith(v, "/0")

what("private", c, v) := sprintf("%s is a private range and %s is the public address the request comes from", [v, c.key])

effect("broad", s, c) := sprintf("%s allows from anywhere", [iam.label(s)]) if {
	not s.deny
	not c.negated
}

effect("broad", s, c) := sprintf("the exemption covers everyone and %s blocks almost nothing", [iam.label(s)]) if {
	s.deny
	c.negated
}

effect("broad", s, c) := sprintf("%s blocks every caller", [iam.label(s)]) if {
	s.deny
	not c.negated
}

effect("broad", s, c) := sprintf("%s almost never applies", [iam.label(s)]) if {
	not s.deny
	c.negated
}

effect("private", s, c) := sprintf("the range never matches and %s never blocks through it", [iam.label(s)]) if {
	s.deny
	not c.negated
}

effect("private", s, c) := sprintf("the test always holds and %s allows from anywhere", [iam.label(s)]) if {
	not s.deny
	c.negated
}

effect("private", s, c) := sprintf("the range never matches and %s never grants through it", [iam.label(s)]) if {
	not s.deny
	not c.negated
}

effect("private", s, c) := sprintf("the exemption never holds and %s blocks every caller", [iam.label(s)]) if {
	s.deny
	c.negated
}

finding(s, c, v, p) := result.finding(msg, v.pointer) if {
	more(p, s, c)
	msg := sprintf("%s %s: %s", [c.operator, what(p, c, v.value), effect(p, s, c)])
}

finding(s, c, v, p) := result.softer(result.finding(msg, v.pointer), "info") if {
	not more(p, s, c)
	msg := sprintf("%s %s: %s", [c.operator, what(p, c, v.value), effect(p, s, c)])
}
