package rampart.rules.trust.compute_admin_role_test

import data.rampart.lib.testing
import data.rampart.rules.trust.compute_admin_role as rule

doc(dialect, kind, file, statements) := object.union(testing.policy(dialect, kind, statements), {"file": file})

managed(dialect, name, statements) := object.union(testing.policy(dialect, "identity", statements), {"file": concat("", ["managed:", dialect, "/", name]), "managed": true, "name": name})

ref(text, file, pointer) := {"text": text, "pointer": pointer, "file": file, "managed": startswith(file, "managed:")}

ec2_trust := doc("aws", "trust", "iam/policies/app.trust.json", [{
	"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com"]}, "Action": "sts:AssumeRole",
}])

admin_access := managed("aws", "AdministratorAccess", [{"Effect": "Allow", "Action": "*", "Resource": "*"}])

app_role(policies) := {
	"name": "app", "pointer": "/roles/app", "tags": {}, "max_session_duration": 0,
	"trust": ref("../policies/app.trust.json", "iam/policies/app.trust.json", "/roles/app/trust"),
	"policies": policies,
}

prod(roles) := testing.account({"file": "iam/accounts/prod.yaml", "id": "111122223333", "alias": "prod", "dialect": "aws", "roles": roles})

test_instance_role_with_administrator_access if {
	fs := rule.aggregate with input as testing.workspace([ec2_trust, admin_access], [prod([app_role([ref("AdministratorAccess", "managed:aws/AdministratorAccess", "/roles/app/policies/0")])])], {})
	fs == {{
		"msg": "role app of prod can be assumed by ec2.amazonaws.com, and AdministratorAccess allows every action on every resource: code running there is an administrator of the account",
		"pointer": "/roles/app/policies/0",
		"file": "iam/accounts/prod.yaml",
		"related": [{"msg": "the compute service is trusted here", "pointer": "/Statement/0/Principal/Service/0", "file": "iam/policies/app.trust.json"}],
	}}
}

test_administrator_equivalents if {
	every case in [
		[[{"Effect": "Allow", "NotAction": ["s3:DeleteBucket", "ec2:TerminateInstances"], "Resource": "*"}], "allows every action except s3:DeleteBucket, ec2:TerminateInstances"],
		[[{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}], "allows iam:* on the role itself, so it can attach any policy to itself"],
		[[{"Effect": "Allow", "Action": "iam:PutRolePolicy", "Resource": "arn:aws:iam::111122223333:role/app"}], "allows iam:PutRolePolicy on the role itself, so it can attach any policy to itself"],
		[[{"Effect": "Allow", "Action": "iam:Attach*", "Resource": "arn:aws:iam::111122223333:role/*"}], "allows iam:Attach* on the role itself, so it can attach any policy to itself"],
		[[{"Effect": "Allow", "Action": ["iam:AttachRolePolicy", "iam:PutRolePolicy"], "Resource": "*"}], "allows iam:AttachRolePolicy on the role itself, so it can attach any policy to itself"],
	] {
		fs := rule.aggregate with input as testing.workspace(
			[ec2_trust, doc("aws", "identity", "iam/policies/app.json", case[0])],
			[prod([app_role([ref("../policies/app.json", "iam/policies/app.json", "/roles/app/policies/0")])])], {},
		)
		some f in fs
		f.msg == sprintf("role app of prod can be assumed by ec2.amazonaws.com, and ../policies/app.json %s: code running there is an administrator of the account", [case[1]])
	}
}

test_conditions_soften if {
	some f in rule.aggregate with input as testing.workspace(
		[ec2_trust, doc("aws", "identity", "iam/policies/app.json", [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}])],
		[prod([app_role([ref("../policies/app.json", "iam/policies/app.json", "/roles/app/policies/0")])])], {},
	)
	f.severity == "warning"
	endswith(f.msg, "allows every action on every resource, under conditions (aws:SourceIp) such workloads may well meet")
}

test_acs_and_jdcloud if {
	acs_trust := doc("acs", "trust", "iam/policies/app.trust.json", [{"Effect": "Allow", "Principal": {"Service": ["ecs.aliyuncs.com"]}, "Action": "sts:AssumeRole"}])
	acs_admin := managed("acs", "AdministratorAccess", [{"Effect": "Allow", "Action": "*", "Resource": "*"}])
	count(rule.aggregate) == 1 with input as testing.workspace([acs_trust, acs_admin], [testing.account({"id": "11223344", "alias": "a", "roles": [app_role([ref("AdministratorAccess", "managed:acs/AdministratorAccess", "/roles/app/policies/0")])]})], {})
	jd_trust := doc("jdcloud", "trust", "iam/policies/app.trust.json", [{"Effect": "Allow", "Principal": {"Service": "vm.jdcloud.com"}, "Action": "sts:assumeRole", "Resource": "*"}])
	jd_pol := doc("jdcloud", "identity", "iam/policies/app.json", [{"Effect": "Allow", "Action": "iam:attachRolePolicy", "Resource": "jrn:iam::112233445566:role/app"}])
	count(rule.aggregate) == 1 with input as testing.workspace([jd_trust, jd_pol], [testing.account({"id": "112233445566", "alias": "j", "roles": [app_role([ref("../policies/app.json", "iam/policies/app.json", "/roles/app/policies/0")])]})], {})
}

test_not_reported if {
	every case in [
		# not a compute service
		[doc("aws", "trust", "iam/policies/app.trust.json", [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}]), [{"Effect": "Allow", "Action": "*", "Resource": "*"}]],
		# a Deny trust
		[doc("aws", "trust", "iam/policies/app.trust.json", [{"Effect": "Deny", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]), [{"Effect": "Allow", "Action": "*", "Resource": "*"}]],
		# scoped policies
		[ec2_trust, [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]],
		[ec2_trust, [{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "arn:aws:iam::111122223333:role/other"}]],
		[ec2_trust, [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]],
		[ec2_trust, [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::data/*"}]],
		# cancelled by a Deny of everything
		[ec2_trust, [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "Action": "*", "Resource": "*"}]],
	] {
		count(rule.aggregate) == 0 with input as testing.workspace(
			[case[0], doc("aws", "identity", "iam/policies/app.json", case[1])],
			[prod([app_role([ref("../policies/app.json", "iam/policies/app.json", "/roles/app/policies/0")])])], {},
		)
	}
}

test_boundary if {
	bounded := object.union(app_role([ref("AdministratorAccess", "managed:aws/AdministratorAccess", "/roles/app/policies/0")]), {"boundary": ref("../policies/b.json", "iam/policies/b.json", "/roles/app/boundary")})
	count(rule.aggregate) == 0 with input as testing.workspace([ec2_trust, admin_access, doc("aws", "boundary", "iam/policies/b.json", [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}])], [prod([bounded])], {})
	count(rule.aggregate) == 1 with input as testing.workspace([ec2_trust, admin_access, doc("aws", "boundary", "iam/policies/b.json", [{"Effect": "Allow", "Action": "*", "Resource": "*"}])], [prod([bounded])], {})
}
