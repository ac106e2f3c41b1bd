# METADATA
# title: Two statements share a Sid
# description: >-
#   Two statements of one document have the same Sid. The finding is at
#   the second, and points back at the first.
# custom:
#   id: SCH009
#   name: duplicate-sid
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     A Sid is how people, suppressions and baselines name a statement.
#     Two statements with one Sid are ambiguous in reviews and in
#     rampart.yaml (a suppression by Sid covers both), and AWS rejects
#     duplicate Sids in several policy types outright.
#   remediation: >-
#     Give each statement its own Sid, or merge the two statements if they
#     say the same thing.
package rampart.rules.schema.duplicate_sid

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.sid != ""
	first := first_with(s.sid)
	first.index != s.index
	msg := sprintf("Sid %q is also the Sid of statement %d; %s", [s.sid, first.index, "Sids name statements in reviews and suppressions, so each must be unique"])
	f := result.with_related(
		result.finding(msg, concat("/", [s.pointer, "Sid"])),
		[result.related(sprintf("first %s", [iam.label(first)]), concat("/", [first.pointer, "Sid"]))],
	)
}

first_with(sid) := s if {
	some s in input.statements
	s.sid == sid
	s.index == min({t.index | some t in input.statements; t.sid == sid})
}
