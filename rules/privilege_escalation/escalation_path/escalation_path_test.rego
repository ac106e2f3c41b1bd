package rampart.rules.privilege_escalation.escalation_path_test

import data.rampart.lib.testing
import data.rampart.rules.privilege_escalation.escalation_path as rule

doc(dialect, kind, file, statements) := object.union(testing.policy(dialect, kind, statements), {"file": file})

managed(dialect, name, statements) := object.union(testing.policy(dialect, "identity", statements), {"file": concat("", ["managed:", dialect, "/", name]), "managed": true, "name": name})

# pol is an identity policy iam/<name>.json (name: policies/x).
pol(dialect, name, statements) := doc(dialect, "identity", concat("", ["iam/", name, ".json"]), statements)

# trust is a trust policy iam/policies/<name>.trust.json.
trust(dialect, name, statements) := doc(dialect, "trust", concat("", ["iam/policies/", name, ".trust.json"]), statements)

# refs names policies from the inventory at pointer/policies/i: a name
# with a slash is a file of iam/policies, others are system policies.
refs(owner, names) := [r |
	some i, n in names
	r := ref(n, sprintf("%s/policies/%d", [owner, i]))
]

ref(n, pointer) := {"text": n, "pointer": pointer, "file": concat("", ["managed:", "x/", n]), "managed": true} if not contains(n, "/")

ref(n, pointer) := {"text": concat("", ["../policies/", n]), "pointer": pointer, "file": concat("", ["iam/", n]), "managed": false} if contains(n, "/")

user(name, groups, policies) := testing.user(name, {
	"groups": [{"name": g, "pointer": sprintf("/users/%s/groups/%d", [name, i])} | some i, g in groups],
	"policies": refs(concat("/", ["/users", name]), policies),
})

group(name, members, policies) := {"name": name, "pointer": concat("/", ["/groups", name]), "members": members, "policies": refs(concat("/", ["/groups", name]), policies)}

role(name, policies) := role_tags(name, policies, {})

role_tags(name, policies, tags) := {
	"name": name, "pointer": concat("/", ["/roles", name]), "tags": tags, "max_session_duration": 0,
	"trust": {"text": concat("", ["../policies/", name, ".trust.json"]), "pointer": sprintf("/roles/%s/trust", [name]), "file": concat("", ["iam/policies/", name, ".trust.json"]), "managed": false},
	"policies": refs(concat("/", ["/roles", name]), policies),
}

account(dialect, id, alias, users, groups, roles) := testing.account({
	"file": concat("", ["iam/accounts/", alias, ".yaml"]), "id": id, "alias": alias, "dialect": dialect,
	"users": users, "groups": groups, "roles": roles,
})

# system policies, as the tests name them (file managed:x/<name>).
sys(dialect, name, statements) := object.union(testing.policy(dialect, "identity", statements), {"file": concat("", ["managed:x/", name]), "managed": true, "name": name})

admin(dialect) := sys(dialect, "AdministratorAccess", [{"Effect": "Allow", "Action": "*", "Resource": "*"}])

run(documents, accounts) := fs if {
	fs := rule.aggregate with input as testing.workspace(documents, accounts, {})
}

msgs(fs) := {f.msg | some f in fs}

# --- one step ---------------------------------------------------------------

test_attaches_a_policy_to_itself if {
	fs := run(
		[pol("aws", "policies/deploy-tools", [{"Effect": "Allow", "Action": "iam:AttachUserPolicy", "Resource": "*"}])],
		[account("aws", "111122223333", "prod", [user("alice", [], ["policies/deploy-tools.json"])], [], [])],
	)
	fs == {{
		"msg": "user alice of prod → policy deploy-tools allows iam:AttachUserPolicy on * → attaches AdministratorAccess to itself",
		"file": "iam/accounts/prod.yaml",
		"pointer": "/users/alice",
		"target": "key",
		"related": [{"msg": "step 1: the grant", "file": "iam/policies/deploy-tools.json", "pointer": "/Statement/0"}],
	}}
}

test_through_a_group_in_acs if {
	fs := run(
		[pol("acs", "policies/deploy-tools", [{"Effect": "Allow", "Action": ["ecs:*", "ram:AttachPolicyToUser"], "Resource": "*"}])],
		[account("acs", "11223344", "acme-cn", [user("alice", ["deployers"], [])], [group("deployers", ["alice"], ["policies/deploy-tools.json"])], [])],
	)
	msgs(fs) == {"user alice of acme-cn (group deployers) → policy deploy-tools allows ram:AttachPolicyToUser on * → attaches AdministratorAccess to itself"}
}

test_other_one_step_escalations if {
	every case in [
		# its group
		[
			[{"Effect": "Allow", "Action": "iam:PutGroupPolicy", "Resource": "arn:aws:iam::111122223333:group/dev*"}],
			"user alice of prod (group devs) → policy p allows iam:PutGroupPolicy on arn:aws:iam::111122223333:group/dev* → attaches AdministratorAccess to its group devs",
		],
		# a new version of its own policy
		[
			[{"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "arn:aws:iam::111122223333:policy/p"}],
			"user alice of prod (group devs) → policy p allows iam:CreatePolicyVersion on arn:aws:iam::111122223333:policy/p → rewrites policy p, attached to its group devs, to allow everything",
		],
		# an administrators' group
		[
			[{"Effect": "Allow", "Action": "iam:AddUserToGroup", "Resource": "*"}],
			"user alice of prod (group devs) → policy p allows iam:AddUserToGroup on * → adds itself to group admins, which has AdministratorAccess",
		],
		# every action but a few, on its group
		[
			[{"Effect": "Allow", "NotAction": ["s3:*"], "Resource": "arn:aws:iam::111122223333:group/devs"}],
			"user alice of prod (group devs) → policy p allows every action but s3:* on arn:aws:iam::111122223333:group/devs → attaches AdministratorAccess to its group devs",
		],
	] {
		fs := run(
			[admin("aws"), pol("aws", "policies/p", case[0])],
			[account("aws", "111122223333", "prod", [user("alice", ["devs"], []), user("root-admin", ["admins"], [])], [group("devs", ["alice"], ["policies/p.json"]), group("admins", ["root-admin"], ["AdministratorAccess"])], [])],
		)
		msgs(fs) == {case[1]}
	}
}

# --- two and three steps ----------------------------------------------------

chain_docs := [
	admin("aws"),
	pol("aws", "policies/assume-ci", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/ci-*"}]),
	pol("aws", "policies/ci", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]),
	trust("aws", "ci-runner", [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]),
	trust("aws", "deployer", [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ci-runner"}, "Action": "sts:AssumeRole"}]),
	trust("aws", "ops-admin", [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:role/ci-runner", "arn:aws:iam::111122223333:role/deployer"]}, "Action": "sts:AssumeRole"}]),
]

test_two_steps if {
	fs := run(chain_docs, [account("aws", "111122223333", "prod", [user("bob", [], ["policies/assume-ci.json"])], [], [role("ci-runner", ["policies/ci.json"]), role("ops-admin", ["AdministratorAccess"])])])
	fs == {
		{
			"msg": "user bob of prod → sts:AssumeRole ci-runner (policy assume-ci allows sts:AssumeRole on arn:aws:iam::111122223333:role/ci-*; trust admits account 111122223333) → sts:AssumeRole ops-admin (trust admits role ci-runner) → AdministratorAccess allows every action on every resource",
			"file": "iam/accounts/prod.yaml", "pointer": "/users/bob", "target": "key",
			"related": [
				{"msg": "step 1: the grant", "file": "iam/policies/assume-ci.json", "pointer": "/Statement/0"},
				{"msg": "step 1: the trust policy admits it", "file": "iam/policies/ci-runner.trust.json", "pointer": "/Statement/0/Principal/AWS"},
				{"msg": "step 2: the trust policy admits it", "file": "iam/policies/ops-admin.trust.json", "pointer": "/Statement/0/Principal/AWS/0"},
			],
		},
		{
			"msg": "role ci-runner of prod → sts:AssumeRole ops-admin (trust admits role ci-runner) → AdministratorAccess allows every action on every resource",
			"file": "iam/accounts/prod.yaml", "pointer": "/roles/ci-runner", "target": "key",
			"related": [{"msg": "step 1: the trust policy admits it", "file": "iam/policies/ops-admin.trust.json", "pointer": "/Statement/0/Principal/AWS/0"}],
		},
	}
}

test_three_steps if {
	docs := array.concat(
		[d | some d in chain_docs; d.file != "iam/policies/ops-admin.trust.json"],
		[trust("aws", "ops-admin", [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/deployer"}, "Action": "sts:AssumeRole"}])],
	)
	fs := run(docs, [account("aws", "111122223333", "prod", [user("bob", [], ["policies/assume-ci.json"])], [], [role("ci-runner", ["policies/ci.json"]), role("deployer", ["policies/ci.json"]), role("ops-admin", ["AdministratorAccess"])])])
	msgs(fs) == {
		"user bob of prod → sts:AssumeRole ci-runner (policy assume-ci allows sts:AssumeRole on arn:aws:iam::111122223333:role/ci-*; trust admits account 111122223333) → sts:AssumeRole deployer (trust admits role ci-runner) → sts:AssumeRole ops-admin (trust admits role deployer) → AdministratorAccess allows every action on every resource",
		"role ci-runner of prod → sts:AssumeRole deployer (trust admits role ci-runner) → sts:AssumeRole ops-admin (trust admits role deployer) → AdministratorAccess allows every action on every resource",
		"role deployer of prod → sts:AssumeRole ops-admin (trust admits role deployer) → AdministratorAccess allows every action on every resource",
	}
}

# --- cycles and no path -----------------------------------------------------------

test_cycles_end if {
	docs := [
		admin("aws"),
		pol("aws", "policies/hop", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]),
		trust("aws", "a", [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:role/b", "arn:aws:iam::111122223333:user/bob"]}, "Action": "sts:AssumeRole"}]),
		trust("aws", "b", [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/a"}, "Action": "sts:AssumeRole"}]),
		trust("aws", "top", [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/b"}, "Action": "sts:AssumeRole"}]),
	]

	# a and b assume each other and nothing else: no path
	count(run(docs, [account("aws", "111122223333", "prod", [user("bob", [], [])], [], [role("a", ["policies/hop.json"]), role("b", ["policies/hop.json"])])])) == 0

	# the loop has a way out through b
	fs := run(docs, [account("aws", "111122223333", "prod", [user("bob", [], [])], [], [role("a", ["policies/hop.json"]), role("b", ["policies/hop.json"]), role("top", ["AdministratorAccess"])])])
	msgs(fs) == {
		"user bob of prod → sts:AssumeRole a (trust admits user bob) → sts:AssumeRole b (trust admits role a) → sts:AssumeRole top (trust admits role b) → AdministratorAccess allows every action on every resource",
		"role a of prod → sts:AssumeRole b (trust admits role a) → sts:AssumeRole top (trust admits role b) → AdministratorAccess allows every action on every resource",
		"role b of prod → sts:AssumeRole top (trust admits role b) → AdministratorAccess allows every action on every resource",
	}
}

test_no_path if {
	every case in [
		# read-only
		[[{"Effect": "Allow", "Action": ["s3:GetObject", "iam:Get*", "iam:List*"], "Resource": "*"}], "account"],
		# assume rights, but the trust admits someone else
		[[{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}], "other"],
		# attach rights on another user only
		[[{"Effect": "Allow", "Action": "iam:AttachUserPolicy", "Resource": "arn:aws:iam::111122223333:user/carol"}], "other"],
		# policy versions of a policy that is not its own
		[[{"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "arn:aws:iam::111122223333:policy/other"}], "other"],
	] {
		trusted := {"account": "arn:aws:iam::111122223333:user/carol", "other": "arn:aws:iam::444455556666:root"}[case[1]]
		fs := run(
			[admin("aws"), pol("aws", "policies/p", case[0]), trust("aws", "ops-admin", [{"Effect": "Allow", "Principal": {"AWS": trusted}, "Action": "sts:AssumeRole"}])],
			[account("aws", "111122223333", "prod", [user("alice", [], ["policies/p.json"])], [], [role("ops-admin", ["AdministratorAccess"])])],
		)
		count(fs) == 0
	}
}

test_administrators_are_not_reported if {
	every p in [
		[{"Effect": "Allow", "Action": "*", "Resource": "*"}],
		[{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}],
		[{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}],
	] {
		count(run([pol("aws", "policies/p", p)], [account("aws", "111122223333", "prod", [user("alice", [], ["policies/p.json"])], [], [])])) == 0
	}
}

# --- per dialect --------------------------------------------------------------------

acs_acct(policies) := account("acs", "11223344", "acme-cn", [user("wei", [], policies)], [], [role("ops-admin", ["AdministratorAccess"])])

test_acs_needs_the_callers_grant_and_the_trust if {
	trusts := trust("acs", "ops-admin", [{"Effect": "Allow", "Principal": {"RAM": ["acs:ram::11223344:root"]}, "Action": "sts:AssumeRole"}])

	# the trust admits the account, but wei has no grant of his own
	count(run([admin("acs"), trusts], [acs_acct([])])) == 0

	fs := run([admin("acs"), trusts, sys("acs", "AliyunSTSAssumeRoleAccess", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}])], [acs_acct(["AliyunSTSAssumeRoleAccess"])])
	msgs(fs) == {"user wei of acme-cn → sts:AssumeRole ops-admin (AliyunSTSAssumeRoleAccess allows sts:AssumeRole on *; trust admits account 11223344) → AdministratorAccess allows every action on every resource"}

	# a name of the role with a region wildcard
	fs2 := run([admin("acs"), trusts, pol("acs", "policies/p", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "acs:ram:*:11223344:role/ops-*"}])], [acs_acct(["policies/p.json"])])
	count(fs2) == 1
}

test_aws_same_account_trust_naming_the_caller if {
	t := trust("aws", "ops-admin", [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/bob"}, "Action": "sts:AssumeRole"}])
	msgs(run([admin("aws"), t], [account("aws", "111122223333", "prod", [user("bob", [], [])], [], [role("ops-admin", ["AdministratorAccess"])])])) == {"user bob of prod → sts:AssumeRole ops-admin (trust admits user bob) → AdministratorAccess allows every action on every resource"}

	# from another account, bob's own grant is needed too
	accounts := [
		account("aws", "444455556666", "tools", [user("bob", [], [])], [], []),
		account("aws", "111122223333", "prod", [], [], [role("ops-admin", ["AdministratorAccess"])]),
	]
	t2 := trust("aws", "ops-admin", [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:user/bob"}, "Action": "sts:AssumeRole"}])
	count(run([admin("aws"), t2], accounts)) == 0
	fs := run([admin("aws"), t2, pol("aws", "policies/p", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/ops-admin"}])], [
		account("aws", "444455556666", "tools", [user("bob", [], ["policies/p.json"])], [], []),
		account("aws", "111122223333", "prod", [], [], [role("ops-admin", ["AdministratorAccess"])]),
	])
	msgs(fs) == {"user bob of tools → sts:AssumeRole ops-admin of prod (policy p allows sts:AssumeRole on arn:aws:iam::111122223333:role/ops-admin; trust admits user bob) → AdministratorAccess allows every action on every resource"}
}

test_jdcloud if {
	jd_admin := sys("jdcloud", "JDCloudAdmin", [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}])
	docs := [
		jd_admin,
		sys("jdcloud", "JDCloudStsAdmin", [{"Effect": "Allow", "Action": ["sts:*"], "Resource": ["*"]}]),
		pol("jdcloud", "policies/ops", [{"Effect": "Allow", "Action": ["iam:attachSubUserPolicy"], "Resource": ["jrn:iam::112233445566:subUser/*"]}]),
		trust("jdcloud", "vm-admin", [{"Effect": "Allow", "Principal": {"JDCLOUD": "112233445566"}, "Action": "sts:assumeRole", "Resource": "*"}]),
	]
	fs := run(docs, [account("jdcloud", "112233445566", "acme-jd", [user("li", [], ["JDCloudStsAdmin"]), user("wang", ["ops"], [])], [group("ops", ["wang"], ["policies/ops.json"])], [role("vm-admin", ["JDCloudAdmin"])])])
	msgs(fs) == {
		"user li of acme-jd → sts:assumeRole vm-admin (JDCloudStsAdmin allows sts:* on *; trust admits account 112233445566) → JDCloudAdmin allows every action on every resource",
		"user wang of acme-jd (group ops) → policy ops allows iam:attachSubUserPolicy on jrn:iam::112233445566:subUser/* → attaches JDCloudAdmin to itself",
	}
}

# --- rewriting trust, passing roles ---------------------------------------------------

test_trust_rewrite if {
	docs := [
		admin("aws"), pol("acs", "policies/cn-admin", [{"Effect": "Allow", "Action": "*", "Resource": "*"}]),
		pol("aws", "policies/p", [{"Effect": "Allow", "Action": "iam:UpdateAssumeRolePolicy", "Resource": "arn:aws:iam::111122223333:role/*"}]),
		trust("aws", "ops-admin", [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]),
		pol("acs", "policies/q", [{"Effect": "Allow", "Action": "ram:UpdateRole", "Resource": "*"}]),
		pol("acs", "policies/r", [{"Effect": "Allow", "Action": ["ram:UpdateRole", "sts:AssumeRole"], "Resource": "*"}]),
		trust("acs", "cn-admin", [{"Effect": "Allow", "Principal": {"Service": "ecs.aliyuncs.com"}, "Action": "sts:AssumeRole"}]),
	]
	fs := run(docs, [
		account("aws", "111122223333", "prod", [user("dev", [], ["policies/p.json"])], [], [role("ops-admin", ["AdministratorAccess"])]),
		# RAM: rewriting the trust is not enough without sts:AssumeRole
		account("acs", "11223344", "acme-cn", [user("q", [], ["policies/q.json"]), user("r", [], ["policies/r.json"])], [], [role("cn-admin", ["policies/cn-admin.json"])]),
	])
	msgs(fs) == {
		"user dev of prod → policy p allows iam:UpdateAssumeRolePolicy on arn:aws:iam::111122223333:role/* → rewrites the trust policy of role ops-admin to admit itself, then assumes it → AdministratorAccess allows every action on every resource",
		"user r of acme-cn → policy r allows ram:UpdateRole on * → rewrites the trust policy of role cn-admin to admit itself, then assumes it, which policy r allows on * → policy cn-admin allows every action on every resource",
	}
}

test_pass_role_to_compute if {
	docs := [
		admin("aws"),
		pol("aws", "policies/p", [
			{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
			{"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*"},
		]),
		trust("aws", "ops-admin", [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]),
		trust("aws", "batch", [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]),
	]
	fs := run(docs, [account("aws", "111122223333", "prod", [user("dev", [], ["policies/p.json"])], [], [role("ops-admin", ["AdministratorAccess"]), role("batch", ["AdministratorAccess"])])])
	fs == {{
		"msg": "user dev of prod → policy p allows iam:PassRole on * and lambda:CreateFunction → runs new lambda.amazonaws.com compute as role ops-admin → AdministratorAccess allows every action on every resource",
		"file": "iam/accounts/prod.yaml", "pointer": "/users/dev", "target": "key",
		"related": [
			{"msg": "step 1: the grant to pass the role", "file": "iam/policies/p.json", "pointer": "/Statement/0"},
			{"msg": "step 1: the grant to create compute", "file": "iam/policies/p.json", "pointer": "/Statement/1"},
		],
	}}

	# passing only to EC2, which the administrator role does not trust
	narrowed := [
		admin("aws"), pol("aws", "policies/p", [
			{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}},
			{"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*"},
		]),
		docs[2],
	]
	count(run(narrowed, [account("aws", "111122223333", "prod", [user("dev", [], ["policies/p.json"])], [], [role("ops-admin", ["AdministratorAccess"])])])) == 0
}

# --- conditions, denies, boundaries -------------------------------------------------

test_mfa_and_network_conditions_are_said if {
	fs := run(
		[pol("aws", "policies/p", [{"Effect": "Allow", "Action": "iam:AttachUserPolicy", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}, "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}])],
		[account("aws", "111122223333", "prod", [user("alice", [], ["policies/p.json"])], [], [])],
	)
	msgs(fs) == {"user alice of prod → policy p allows iam:AttachUserPolicy on * (only under conditions: MFA (aws:MultiFactorAuthPresent), source network (aws:SourceIp)) → attaches AdministratorAccess to itself"}

	t := trust("acs", "ops-admin", [{"Effect": "Allow", "Principal": {"RAM": "acs:ram::11223344:root"}, "Action": "sts:AssumeRole", "Condition": {"Bool": {"acs:MFAPresent": "true"}}}])
	fs2 := run([admin("acs"), t, pol("acs", "policies/p", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}])], [acs_acct(["policies/p.json"])])
	msgs(fs2) == {"user wei of acme-cn → sts:AssumeRole ops-admin (policy p allows sts:AssumeRole on *; trust admits account 11223344) (only under conditions: MFA (acs:MFAPresent)) → AdministratorAccess allows every action on every resource"}
}

test_conditions_that_exclude_the_target if {
	every case in [
		# a resource tag the administrator role does not carry
		[{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "data"}}}, true],
		# one it does carry
		[{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "ops"}}}, false],
		# every role but those tagged ops
		[{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*", "Condition": {"StringNotEquals": {"aws:ResourceTag/team": "ops"}}}, true],
		# only read-only policies may be attached
		[{"Effect": "Allow", "Action": "iam:AttachUserPolicy", "Resource": "*", "Condition": {"ArnEquals": {"iam:PolicyARN": "arn:aws:iam::aws:policy/ReadOnlyAccess"}}}, true],
		[{"Effect": "Allow", "Action": "iam:AttachUserPolicy", "Resource": "*", "Condition": {"ArnLike": {"iam:PolicyARN": "arn:aws:iam::aws:policy/*"}}}, false],
	] {
		fs := run(
			[admin("aws"), pol("aws", "policies/p", [case[0]]), trust("aws", "ops-admin", [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}])],
			[account("aws", "111122223333", "prod", [user("alice", [], ["policies/p.json"])], [], [role_tags("ops-admin", ["AdministratorAccess"], {"team": "ops"})])],
		)
		none := count(fs) == 0
		none == case[1]
	}
}

test_trust_condition_on_the_caller if {
	every case in [
		[{"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/ci"}}, 0],
		[{"StringLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/*"}}, 1],
		[{"StringNotLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/b*"}}, 0],
	] {
		t := trust("aws", "ops-admin", [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole", "Condition": case[0]}])
		fs := run(
			[admin("aws"), t, pol("aws", "policies/p", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}])],
			[account("aws", "111122223333", "prod", [user("bob", [], ["policies/p.json"])], [], [role("ops-admin", ["AdministratorAccess"])])],
		)
		count(fs) == case[1]
	}
}

test_denies_and_boundaries if {
	grant := pol("aws", "policies/p", [{"Effect": "Allow", "Action": "iam:Attach*", "Resource": "*"}])
	every case in [
		# an unconditioned Deny
		[[sys("aws", "DenyIAM", [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}])], ["policies/p.json", "DenyIAM"], null, 0],
		# a Deny that needs MFA to be absent does not block the step
		[[sys("aws", "DenyIAM", [{"Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}])], ["policies/p.json", "DenyIAM"], null, 1],
		# a boundary that is not an administrator's
		[[sys("aws", "PowerUserAccess", [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}])], ["policies/p.json"], "PowerUserAccess", 0],
	] {
		u := object.union(user("alice", [], case[1]), {"boundary": ref_or_null(case[2])})
		fs := run(array.concat([grant], case[0]), [account("aws", "111122223333", "prod", [u], [], [])])
		count(fs) == case[3]
	}
}

ref_or_null(n) := null if n == null

ref_or_null(n) := ref(n, "/users/alice/boundary") if n != null

test_minting_credentials_for_an_administrator if {
	fs := run(
		[admin("acs"), pol("acs", "policies/helpdesk", [{"Effect": "Allow", "Action": ["ram:CreateLoginProfile", "ram:UpdateLoginProfile"], "Resource": "acs:ram:*:11223344:user/*"}])],
		[account("acs", "11223344", "acme-cn", [user("lee", ["helpdesk"], []), user("zhao", [], ["AdministratorAccess"])], [group("helpdesk", ["lee"], ["policies/helpdesk.json"])], [])],
	)
	msgs(fs) == {"user lee of acme-cn (group helpdesk) → policy helpdesk allows ram:CreateLoginProfile on acs:ram:*:11223344:user/* → mints credentials for user zhao → AdministratorAccess allows every action on every resource"}
}

test_pass_role_narrowed_in_acs if {
	docs := [
		admin("acs"),
		pol("acs", "policies/p", [{"Effect": "Allow", "Action": ["ram:PassRole", "ecs:RunInstances"], "Resource": "*", "Condition": {"StringEquals": {"ram:ServiceName": "fc.aliyuncs.com"}}}]),
		trust("acs", "ops-admin", [{"Effect": "Allow", "Principal": {"Service": ["ecs.aliyuncs.com"]}, "Action": "sts:AssumeRole"}]),
	]
	count(run(docs, [acs_acct(["policies/p.json"])])) == 0
	open := [docs[0], pol("acs", "policies/p", [{"Effect": "Allow", "Action": ["ram:PassRole", "ecs:RunInstances"], "Resource": "*"}]), docs[2]]
	msgs(run(open, [acs_acct(["policies/p.json"])])) == {"user wei of acme-cn → policy p allows ram:PassRole on * and ecs:RunInstances → runs new ecs.aliyuncs.com compute as role ops-admin → AdministratorAccess allows every action on every resource"}
}
