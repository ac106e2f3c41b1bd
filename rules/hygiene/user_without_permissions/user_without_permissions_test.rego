package rampart.rules.hygiene.user_without_permissions_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.user_without_permissions

key := {"id": "K", "created": "", "active": true, "last_used": "", "pointer": "/users/x/access_keys/0"}

findings(docs, users, groups) := fs if {
	a := testing.account({"id": "11223344", "alias": "legacy", "users": users, "groups": groups})
	fs := user_without_permissions.aggregate with input as testing.workspace(docs, [a], {})
}

test_users_who_can_do_nothing if {
	findings(
		[], [
			testing.user("gone", {}),
			testing.user("ex-intern", {"console": true, "groups": [{"name": "interns", "pointer": "/users/ex-intern/groups/0"}]}),
			testing.user("old-ci", {"access_keys": [key], "console": true}),
		],
		[{"name": "interns", "pointer": "/groups/interns", "policies": [], "members": ["ex-intern"]}],
	) == {
		{"file": "iam/accounts/a.yaml", "pointer": "/users/gone", "target": "key", "msg": "user gone of legacy has no policies, is in no group that has any, and has no credentials either: delete it"},
		{"file": "iam/accounts/a.yaml", "pointer": "/users/ex-intern", "target": "key", "msg": "user ex-intern of legacy has no policies, is in no group that has any, yet it can sign in to the console: delete it if nobody uses it"},
		{"file": "iam/accounts/a.yaml", "pointer": "/users/old-ci", "target": "key", "msg": "user old-ci of legacy has no policies, is in no group that has any, yet it can sign in to the console and has an active access key: delete it if nobody uses it"},
	}
}

test_users_with_permissions_pass if {
	count(findings(
		[], [
			testing.user("ann", {"policies": [{"text": "ReadOnlyAccess", "pointer": "/users/ann/policies/0", "managed": true}]}),
			testing.user("bo", {"groups": [{"name": "ops", "pointer": "/users/bo/groups/0"}]}),
		],
		[{"name": "ops", "pointer": "/groups/ops", "policies": [{"text": "ReadOnlyAccess", "pointer": "/groups/ops/policies/0", "managed": true}], "members": ["bo"]}],
	)) == 0
}

test_a_user_named_by_a_trust_or_bucket_policy_passes if {
	trust := object.union(testing.policy("acs", "trust", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"RAM": "acs:ram::11223344:user/Carol"}}]), {"file": "iam/policies/r.trust.json"})
	bucket := object.union(testing.policy("aws", "resource", [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Principal": {"AWS": "arn:aws:iam::11223344:user/team/dave"}}]), {"file": "iam/policies/b.json"})
	count(findings([trust, bucket], [testing.user("carol", {}), testing.user("dave", {})], [])) == 0
	count(findings([trust], [testing.user("caroline", {})], [])) == 1
}
