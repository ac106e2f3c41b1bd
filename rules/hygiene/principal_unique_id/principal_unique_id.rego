# METADATA
# title: Principal given by its unique ID
# description: >-
#   An AWS principal in a trust or resource policy is an IAM unique ID
#   (AIDA… for a user, AROA… for a role) instead of an ARN. IAM turns the
#   ARN of a user or role into its unique ID when it saves the policy, and
#   shows the ID instead of the ARN once that user or role is deleted: a
#   unique ID in a policy is usually the trace of a deleted principal. A
#   user or role created again under the same name gets a new ID, so the
#   entry trusts nobody. Group IDs (AGPA…) and instance profile IDs
#   (AIPA…) are never principals at all.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
# custom:
#   id: HYG003
#   name: principal-unique-id
#   severity: warning
#   dialects: [aws]
#   kinds: [trust, resource]
#   rationale: >-
#     A reviewer cannot tell whom AROA3XFRBF535PLBIFPI stands for, and
#     neither can the next person who copies the policy from the console.
#     When the principal was deleted, the entry grants nothing while
#     looking like a grant; when it was written by hand, recreating the
#     role for a routine fix breaks the trust without any change to the
#     policy text.
#   remediation: >-
#     Name the principal by its ARN (arn:aws:iam::111122223333:role/deploy).
#     If the user or role no longer exists, delete the entry.
package rampart.rules.hygiene.principal_unique_id

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	some p in principal_entries(s)
	startswith(p.value, "A")
	kind := kinds[substring(p.value, 0, 4)]
	regex.match(`^A[A-Z0-9]{15,}$`, p.value)
	lower(p.type) == "aws"
	f := result.finding(sprintf("%s names %s by its unique ID %s: %s", [iam.label(s), kind.what, p.value, kind.why]), p.pointer)
}

# principal_entries are the entries of a statement's Principal and
# NotPrincipal.
principal_entries(s) := array.concat(object.get(s, ["principal", "entries"], []), object.get(s, ["not_principal", "entries"], []))

kinds := {
	"AIDA": {"what": "an IAM user", "why": "IAM shows a unique ID where the user was deleted, and a user created again under that name gets a new one; name it by its ARN (arn:aws:iam::ACCOUNT:user/NAME)"},
	"AROA": {"what": "an IAM role", "why": "IAM shows a unique ID where the role was deleted, and a role created again under that name gets a new one; name it by its ARN (arn:aws:iam::ACCOUNT:role/NAME)"},
	"AGPA": {"what": "an IAM group", "why": "a group is never a principal; name its users or a role instead"},
	"AIPA": {"what": "an instance profile", "why": "an instance profile is never a principal; name the role it carries by its ARN"},
}
