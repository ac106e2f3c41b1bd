# METADATA
# title: Statement without Sid in a policy of several statements
# description: >-
#   Statements have no Sid although their policy holds several. Findings,
#   suppressions and reviews then name them by their position ("statement
#   2"), which changes as soon as a statement above is added or removed.
#   One note per policy, at the first statement without Sid, lists them
#   all. Policies of one statement are left alone. Off by
#   default; AWS only, since Alibaba Cloud RAM and JD Cloud do not document
#   Sid for identity and trust policies.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
# custom:
#   id: HYG002
#   name: statement-without-sid
#   severity: info
#   dialects: [aws]
#   default: "off"
#   rationale: >-
#     A suppression in rampart.yaml names the statement it covers by Sid or
#     by index. An index silently moves to another statement when the
#     policy is edited, so a reason written for one grant ends up
#     excusing another; a Sid stays with its statement. Reviewers also
#     discuss "AssumeDeploy" more easily than "statement 3".
#   remediation: >-
#     Give every statement a short Sid that says what it is for, letters
#     and digits only (IAM accepts nothing else): "ReadReports",
#     "DenyOutsideOffice".
package rampart.rules.hygiene.statement_without_sid

import data.rampart.lib.result

deny contains f if {
	n := count(input.statements)
	n > 1
	some_missing
	missing := [s | some s in input.statements; s.sid == ""]
	msg := sprintf("%s of the %d statements %s no Sid (%s): findings and suppressions name them by their position, which changes when the policy is edited", [count_phrase(count(missing), n), n, verb(count(missing)), concat(", ", [sprintf("%d", [s.index]) | some s in missing])])
	f := with_others(result.finding(msg, missing[0].pointer), array.slice(missing, 1, count(missing)))
}

some_missing if {
	some s in input.statements
	s.sid == ""
}

# with_others points at the other statements without Sid, if any.
with_others(f, others) := f if count(others) == 0

with_others(f, others) := result.with_related(f, [result.related("no Sid", s.pointer) | some s in others]) if count(others) > 0

count_phrase(m, n) := "all" if m == n

count_phrase(m, n) := sprintf("%d", [m]) if m != n

verb(1) := "has"

verb(m) := "have" if m != 1
