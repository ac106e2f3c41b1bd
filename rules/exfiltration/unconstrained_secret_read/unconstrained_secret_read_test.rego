package rampart.rules.exfiltration.unconstrained_secret_read_test

import data.rampart.lib.testing
import data.rampart.rules.exfiltration.unconstrained_secret_read as rule

test_secret_value_on_every_resource if {
	rule.deny == {{
		"msg": "statement \"Secrets\" allows secretsmanager:GetSecretValue, kms:Decrypt on every resource: it can read every secret these actions reach",
		"pointer": "/Statement/0/Action/0",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Secrets", "Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "kms:Decrypt", "kms:Encrypt"], "Resource": "*"}])
}

test_every_key_of_the_account if {
	rule.deny == {{
		"msg": "statement 0 allows kms:Decrypt on acs:kms:*:11223344:key/*: it can read every secret these actions reach",
		"pointer": "/Statement/0/Action",
	}} with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "acs:kms:*:11223344:key/*"}])
}

test_wildcards_and_parameters if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "ssm:GetParameter*", "Resource": "arn:aws:ssm:*:*:parameter/*"}])
	f.msg == "statement 0 allows ssm:GetParameter* (ssm:GetParameter, ssm:GetParameterHistory, ssm:GetParameters, ssm:GetParametersByPath) on arn:aws:ssm:*:*:parameter/*: it can read every parameter, secure strings included"
	f.severity == "warning"
}

test_parameters_beside_a_secret_store_keep_the_error if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": ["ssm:GetParameter", "kms:Decrypt"], "Resource": "*"}])
	not f.severity
}

test_oos_and_jdcloud if {
	count(rule.deny) == 1 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "oos:GetSecretParameter", "Resource": "*"}])
	count(rule.deny) == 1 with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "kms:describeSecretVersion*", "Resource": "*"}])
}

test_mfa_softens if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}])
	f.severity == "warning"
	endswith(f.msg, "limited only by MFA (aws:MultiFactorAuthPresent)")
}

test_scoped_and_named_pass if {
	every s in [
		{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}},
		{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:EncryptionContext:aws:lambda:FunctionArn": "arn:aws:lambda:eu-west-1:111122223333:function:billing"}}},
		{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*", "Condition": {"StringEquals": {"secretsmanager:ResourceTag/team": "billing"}}},
		{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/billing/*"},
		{"Effect": "Allow", "Action": "ssm:GetParametersByPath", "Resource": "arn:aws:ssm:eu-west-1:111122223333:parameter/app/billing/*"},
		{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:s3:::*"},
		{"Effect": "Allow", "Action": ["kms:Encrypt", "secretsmanager:ListSecrets"], "Resource": "*"},
		{"Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
}

test_every_action_is_in_the_catalogue if {
	every dialect, services in rule.actions {
		every service, names in services {
			every name in names {
				rampart.action(dialect, concat(":", [service, name])) != null
			}
		}
	}
}
