package rampart.rules.schema.policy_variable_misuse_test

import data.rampart.lib.testing
import data.rampart.rules.schema.policy_variable_misuse

test_acs_has_no_variables if {
	policy_variable_misuse.deny == {
		{"msg": "statement \"Home\": \"acs:oss:*:*:home/${ram:UserName}/*\" in Resource is literal text: Alibaba Cloud RAM has no policy variables", "pointer": "/Statement/0/Resource"},
		{"msg": "statement \"Home\": \"${ram:UserName}\" in the condition on acs:ResourceTag/owner is literal text: Alibaba Cloud RAM has no policy variables", "pointer": "/Statement/0/Condition/StringEquals/acs:ResourceTag~1owner"},
	} with input as testing.policy("acs", "identity", [{
		"Sid": "Home", "Effect": "Allow", "Action": "oss:*", "Resource": "acs:oss:*:*:home/${ram:UserName}/*",
		"Condition": {"StringEquals": {"acs:ResourceTag/owner": "${ram:UserName}"}},
	}])
}

test_jdcloud_two_variables_in_conditions_only if {
	policy_variable_misuse.deny == {
		{"msg": "statement 0: \"jrn:oss:*:*:home/${name}/*\" in Resource is literal text: JD Cloud substitutes variables only in Condition values", "pointer": "/Statement/0/Resource"},
		{"msg": "statement 0: \"${userName}\" in the condition on jdcloud:ResourceTag/jdc-createdby is literal text: JD Cloud knows only ${accountId} and ${name}, not ${userName}", "pointer": "/Statement/0/Condition/StringEquals/jdcloud:ResourceTag~1jdc-createdby/1"},
	} with input as testing.policy("jdcloud", "identity", [{
		"Effect": "Allow", "Action": "oss:*", "Resource": "jrn:oss:*:*:home/${name}/*",
		"Condition": {"StringEquals": {"jdcloud:ResourceTag/jdc-createdby": ["${name}", "${userName}"], "jdcloud:ResourceTag/account": "${accountId}"}},
	}])
}

test_aws_old_version if {
	policy_variable_misuse.deny == {{
		"msg": "statement 0: \"arn:aws:s3:::home/${aws:username}/*\" in Resource is literal text: AWS substitutes variables only with Version 2012-10-17, and this document's Version is \"2008-10-17\"",
		"pointer": "/Statement/0/Resource",
	}} with input as object.union(testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::home/${aws:username}/*"}]), {"version": "2008-10-17"})
	some f in policy_variable_misuse.deny with input as object.union(testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::home/${aws:username}/*"}]), {"version": ""})
	endswith(f.msg, "this document's Version is absent")
}

test_aws_misuse if {
	policy_variable_misuse.deny == {
		{"msg": "statement 0: \"arn:aws:s3:::home/${aws:usrname}/*\" in Resource uses ${aws:usrname}, a key the aws catalogue does not know: the variable never resolves and the value matches nothing", "pointer": "/Statement/0/Resource/0"},
		{"msg": "statement 0: \"arn:aws:s3:::home/${aws:TagKeys}/*\" in Resource uses ${aws:TagKeys}, a multi-valued key: only single-valued keys can be variables, so the value matches nothing", "pointer": "/Statement/0/Resource/1"},
		{"msg": "statement 0: \"arn:aws:s3:::home/${aws:username/*\" in Resource has a ${ that is never closed, so the text is literal", "pointer": "/Statement/0/Resource/2"},
		{"msg": "statement 0: \"arn:aws:s3:::home/${aws:username, none}/*\" in Resource holds ${aws:username, none}, which is no variable (a key, optionally with a default: ${aws:username, 'none'}): the text is literal", "pointer": "/Statement/0/Resource/3"},
		{"msg": "statement 0: \"s3:${aws:PrincipalTag/verb}*\" in Action is literal text: AWS substitutes variables only in Resource, NotResource and Condition values", "pointer": "/Statement/0/Action"},
		{"msg": "statement 0: \"${aws:PrincipalTag/limit}\" in the condition on s3:max-keys is literal text: AWS substitutes variables only in string, ARN and Bool conditions, not in numeric ones", "pointer": "/Statement/0/Condition/NumericLessThan/s3:max-keys"},
	} with input as testing.policy("aws", "identity", [{
		"Effect": "Allow", "Action": "s3:${aws:PrincipalTag/verb}*",
		"Resource": [
			"arn:aws:s3:::home/${aws:usrname}/*", "arn:aws:s3:::home/${aws:TagKeys}/*",
			"arn:aws:s3:::home/${aws:username/*", "arn:aws:s3:::home/${aws:username, none}/*",
		],
		"Condition": {"NumericLessThan": {"s3:max-keys": "${aws:PrincipalTag/limit}"}},
	}])
}

test_aws_good_variables_pass if {
	count(policy_variable_misuse.deny) == 0 with input as testing.policy("aws", "identity", [{
		"Effect": "Allow", "Action": "s3:*",
		"Resource": [
			"arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/${aws:PrincipalTag/team, 'shared'}/*",
			"arn:aws:iam::${aws:PrincipalAccount}:role/x", "arn:aws:s3:::literal-${*}-star",
			"arn:aws:s3:::${aws:PrincipalTag/eks:eks-cluster-name}/*", "arn:aws:s3:::${sagemaker:DomainId}/*",
		],
		"Condition": {
			"StringEquals": {"aws:ResourceTag/owner": "${aws:userid}", "s3:prefix": "${www.amazon.com:user_id}/"},
			"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:${aws:PrincipalAccount}:*"},
			"Bool": {"aws:SecureTransport": "${aws:ViaAWSService}"},
		},
	}])
}
