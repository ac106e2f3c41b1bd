# METADATA
# title: ApsaraMQ for MQTT grant that cannot work
# description: >-
#   An Alibaba Cloud RAM policy grants ApsaraMQ for MQTT access in a way
#   the service does not honour: an action under "onsmqtt:", the
#   product's OpenAPI code, instead of its RAM code "mq:"; mq:PUB or
#   mq:SUB on a topic or group of another account than the one whose
#   users, groups or roles hold the policy (MQTT does not grant sending
#   or receiving across accounts); and mq:PUB or mq:SUB without
#   mq:MqttInstanceAccess, which every MQTT call needs first, in the same
#   policy or in another policy of a user, group or role that holds it.
#   The accounts come from the inventory.
# related_resources:
#   - ref: https://www.alibabacloud.com/help/en/apsaramq-for-mqtt/security-and-compliance/sample-permission-policies
#   - ref: https://www.alibabacloud.com/help/doc-detail/2963413.html
# custom:
#   id: SCH017
#   name: mqtt-grant-ineffective
#   severity: warning
#   dialects: [acs]
#   rationale: >-
#     MQTT permissions have rules of their own that a policy copied from
#     another service does not follow. The policy is accepted, the
#     devices fail to connect or publish, and the usual fix under
#     pressure is "mq:*" on "*".
#   remediation: >-
#     Write MQTT actions with the RAM code mq; grant
#     mq:MqttInstanceAccess on the instance
#     (acs:mq:*:ACCOUNT:instance/INSTANCE) beside mq:PUB and mq:SUB; for
#     another account's instance, give its users a role there to assume
#     instead of a cross-account grant.
package rampart.rules.schema.mqtt_grant_ineffective

import data.rampart.lib.iam
import data.rampart.lib.result

acs_documents contains d if {
	some d in input.documents
	d.dialect == "acs"
	not d.managed
}

# Actions written with the OpenAPI product code.
aggregate contains f if {
	some d in acs_documents
	some s in d.statements
	some field in ["action", "not_action"]
	some a in s[field].values
	a.service == "onsmqtt"
	msg := sprintf("%s names %s: onsmqtt is the OpenAPI code of ApsaraMQ for MQTT, its RAM code is mq, so this names no action (write mq:%s)", [iam.label(s), a.value, a.name])
	f := result.finding_in(msg, d.file, a.pointer)
}

# Sending or receiving on another account's instance.
aggregate contains f if {
	some d in acs_documents
	some s in d.statements
	s.allow
	some a in s.action.values
	data_action(a)
	some r in s.resource.values
	n := rampart.parse_name(r.value)
	n != null
	lower(n.service) == "mq"
	regex.match(`^[0-9]+$`, n.account)
	some owner in owners(d.file)
	owner != n.account
	msg := sprintf("%s allows %s on %s, which belongs to account %s, to principals of account %s: ApsaraMQ for MQTT does not grant sending or receiving across accounts", [iam.label(s), a.value, r.value, n.account, owner])
	f := result.finding_in(msg, d.file, r.pointer)
}

# Sending or receiving without access to the instance.
aggregate contains f if {
	some d in acs_documents
	some s in d.statements
	s.allow
	some a in s.action.values
	data_action(a)
	not grants_instance_access(d)
	not holders_have_instance_access(d.file)
	msg := sprintf("%s allows %s, but neither this policy nor another policy of the users, groups and roles holding it allows mq:MqttInstanceAccess, which ApsaraMQ for MQTT checks first: the grant does not work", [iam.label(s), a.value])
	f := result.finding_in(msg, d.file, a.pointer)
}

# data_action holds for an action pattern that reaches mq:PUB or mq:SUB
# and is not every action.
data_action(a) if {
	not a.all
	some action in ["mq:PUB", "mq:SUB"]
	iam.action_matches(a.value, action)
}

grants_instance_access(d) if {
	some s in d.statements
	s.allow
	some a in s.action.values
	iam.action_matches(a.value, "mq:MqttInstanceAccess")
}

grants_instance_access(d) if {
	some s in d.statements
	s.allow
	s.not_action
	not excepted(s.not_action)
}

excepted(l) if {
	some a in l.values
	iam.action_matches(a.value, "mq:MqttInstanceAccess")
}

documents_by_file[d.file] := d if some d in input.documents

# owners are the accounts whose users, groups or roles hold the document.
owners(file) := {acct.id |
	some acct in input.accounts
	acct.id != ""
	holds(acct, file)
}

holds(acct, file) if {
	some u in acct.users
	some p in u.policies
	p.file == file
}

holds(acct, file) if {
	some g in acct.groups
	some p in g.policies
	p.file == file
}

holds(acct, file) if {
	some r in acct.roles
	some p in r.policies
	p.file == file
}

# holders_have_instance_access holds when a user or role holding the
# document gets mq:MqttInstanceAccess from another of its policies.
holders_have_instance_access(file) if {
	some files in policy_sets
	file in files
	some other in files
	other != file
	grants_instance_access(documents_by_file[other])
}

# policy_sets are, per user (with its groups) and per role, the files of
# its policies.
policy_sets contains files if {
	some acct in input.accounts
	some u in acct.users
	groups := {g.name | some g in u.groups}
	files := {p.file | some p in u.policies; p.file} | {p.file |
		some g in acct.groups
		g.name in groups
		some p in g.policies
		p.file
	}
}

policy_sets contains files if {
	some acct in input.accounts
	some r in acct.roles
	files := {p.file | some p in r.policies; p.file}
}
