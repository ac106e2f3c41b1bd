package rampart.rules.schema.mqtt_grant_ineffective_test

import data.rampart.lib.testing
import data.rampart.rules.schema.mqtt_grant_ineffective

doc(file, statements) := object.union(testing.policy("acs", "identity", statements), {"file": file})

ref(file) := {"text": file, "pointer": "/x", "file": file, "managed": false}

group(name, files) := {"name": name, "pointer": concat("/", ["/groups", name]), "policies": [ref(f) | some f in files], "members": []}

publish := doc("iam/policies/publish.json", [{"Sid": "Publish", "Effect": "Allow", "Action": "mq:PUB", "Resource": "acs:mq:*:1888777766665555:topic/post-cn-1/orders"}])

connect := doc("iam/policies/connect.json", [{"Effect": "Allow", "Action": "mq:MqttInstanceAccess", "Resource": "acs:mq:*:1888777766665555:instance/post-cn-1"}])

account(id, users, groups) := testing.account({"id": id, "users": users, "groups": groups})

test_publish_without_instance_access if {
	mqtt_grant_ineffective.aggregate == {{
		"msg": "statement \"Publish\" allows mq:PUB, but neither this policy nor another policy of the users, groups and roles holding it allows mq:MqttInstanceAccess, which ApsaraMQ for MQTT checks first: the grant does not work",
		"pointer": "/Statement/0/Action",
		"file": "iam/policies/publish.json",
	}} with input as testing.workspace([publish], [], {})
}

test_instance_access_from_a_group_policy if {
	count(mqtt_grant_ineffective.aggregate) == 0 with input as testing.workspace(
		[publish, connect],
		[account("1888777766665555", [testing.user("device", {"policies": [ref("iam/policies/publish.json")], "groups": [{"name": "devices", "pointer": "/users/device/groups/0"}]})], [group("devices", ["iam/policies/connect.json"])])],
		{},
	)
}

test_instance_access_in_the_same_policy if {
	count(mqtt_grant_ineffective.aggregate) == 0 with input as testing.workspace([doc("iam/policies/both.json", [
		{"Effect": "Allow", "Action": ["mq:MqttInstanceAccess", "mq:SUB"], "Resource": ["acs:mq:*:*:instance/post-cn-1", "acs:mq:*:*:topic/post-cn-1/orders"]},
	])], [], {})
	count(mqtt_grant_ineffective.aggregate) == 0 with input as testing.workspace([doc("iam/policies/all.json", [{"Effect": "Allow", "Action": "mq:*", "Resource": "*"}])], [], {})
}

test_cross_account_topic if {
	other := doc("iam/policies/partner-topic.json", [
		{"Effect": "Allow", "Action": ["mq:MqttInstanceAccess", "mq:SUB"], "Resource": ["acs:mq:*:1999888877776666:instance/post-cn-9", "acs:mq:*:1999888877776666:topic/post-cn-9/telemetry"]},
	])
	mqtt_grant_ineffective.aggregate == {
		{
			"msg": "statement 0 allows mq:SUB on acs:mq:*:1999888877776666:instance/post-cn-9, which belongs to account 1999888877776666, to principals of account 1888777766665555: ApsaraMQ for MQTT does not grant sending or receiving across accounts",
			"pointer": "/Statement/0/Resource/0",
			"file": "iam/policies/partner-topic.json",
		},
		{
			"msg": "statement 0 allows mq:SUB on acs:mq:*:1999888877776666:topic/post-cn-9/telemetry, which belongs to account 1999888877776666, to principals of account 1888777766665555: ApsaraMQ for MQTT does not grant sending or receiving across accounts",
			"pointer": "/Statement/0/Resource/1",
			"file": "iam/policies/partner-topic.json",
		},
	} with input as testing.workspace([other], [account("1888777766665555", [], [group("telemetry", ["iam/policies/partner-topic.json"])])], {})
}

test_onsmqtt_prefix if {
	mqtt_grant_ineffective.aggregate == {{
		"msg": "statement 0 names onsmqtt:PUB: onsmqtt is the OpenAPI code of ApsaraMQ for MQTT, its RAM code is mq, so this names no action (write mq:PUB)",
		"pointer": "/Statement/0/Action/0",
		"file": "iam/policies/typo.json",
	}} with input as testing.workspace([doc("iam/policies/typo.json", [{"Effect": "Allow", "Action": ["onsmqtt:PUB", "mq:MqttInstanceAccess"], "Resource": "*"}])], [], {})
}
