# METADATA
# title: Policy text holds an access key, a private key or a password
# description: >-
#   A Sid, an Id, a condition value or a principal holds text
#   shaped like a credential: a private key block, a password, secret key
#   or token assignment (password=…, secret_key: …,
#   aws_secret_access_key=…, AccessKeySecret: …), a GitHub, Slack or
#   Google API token (errors), or an access key ID of AWS (AKIA…, ASIA…),
#   Alibaba Cloud (LTAI…, STS.…) or JD Cloud (JDC_…) (a warning: an ID is
#   not the secret, but the secret is rarely far from it). The message
#   names the kind of credential and where it is, never the text itself.
#   Resource names are not searched: they name things ("db-password"),
#   and a credential pasted into one is rare.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#securing_access-keys
#   - ref: https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair
#   - ref: https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns
# custom:
#   id: CR003
#   name: secret-in-policy
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Policies live in git, are copied into pull requests, CI logs and
#     review tools, and stay in history after a fix. A credential written
#     into one is a leaked credential: anyone who can read the repository
#     can use it. Access key IDs tell an attacker which account and key to
#     look for.
#   remediation: >-
#     Remove the text, rotate the credential at once (deleting it from the
#     file does not remove it from git history), and keep credentials in
#     a secret store. Policies name principals by ARN, never by key.
package rampart.rules.credentials.secret_in_policy

import data.rampart.lib.iam
import data.rampart.lib.result

# any_secret matches text that may hold a credential of any kind below;
# it is checked first, so most strings cost one match.
any_secret := `(AKIA|ASIA)[A-Z0-9]{16}|LTAI[A-Za-z0-9]{12}|STS\.[A-Za-z0-9]{20}|JDC_[0-9A-F]{28}|-----BEGIN [A-Z ]*PRIVATE KEY|(?i:password|passwd|pwd|secret_?key|secret_?access_?key|access_?key_?secret|api_?key|auth_?token)\s*[=:]|gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22}|xox[abprs]-[A-Za-z0-9-]{10}|AIza[0-9A-Za-z_-]{35}`

# kinds name each kind of credential, with its pattern and whether it is
# the secret itself (an error) or an identifier (a warning).
kinds := [
	{"name": "a private key", "pattern": `-----BEGIN [A-Z ]*PRIVATE KEY`, "secret": true},
	{"name": "a password, secret key or token assignment", "pattern": `(?i:password|passwd|pwd|secret_?key|secret_?access_?key|access_?key_?secret|api_?key|auth_?token)\s*[=:]`, "secret": true},
	{"name": "a GitHub token", "pattern": `gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22}`, "secret": true},
	{"name": "a Slack token", "pattern": `xox[abprs]-[A-Za-z0-9-]{10}`, "secret": true},
	{"name": "a Google API key", "pattern": `AIza[0-9A-Za-z_-]{35}`, "secret": true},
	{"name": "an AWS access key ID", "pattern": `(AKIA|ASIA)[A-Z0-9]{16}`, "secret": false},
	{"name": "an Alibaba Cloud AccessKey ID", "pattern": `LTAI[A-Za-z0-9]{12}|STS\.[A-Za-z0-9]{20}`, "secret": false},
	{"name": "a JD Cloud AccessKey ID", "pattern": `JDC_[0-9A-F]{28}`, "secret": false},
]

deny contains f if {
	regex.match(any_secret, input.id)
	f := finding("the policy's Id", input.id, "/Id")
}

deny contains f if {
	some s in input.statements
	regex.match(any_secret, s.sid)
	f := finding(sprintf("the Sid of %s", [label(s)]), s.sid, concat("/", [s.pointer, "Sid"]))
}

deny contains f if {
	some s in input.statements
	some c in s.conditions
	some v in c.values
	regex.match(any_secret, v.value)
	f := finding(sprintf("the %s condition of %s", [c.key, label(s)]), v.value, v.pointer)
}

deny contains f if {
	some s in input.statements
	some field in ["principal", "not_principal"]
	some e in s[field].entries
	regex.match(any_secret, e.value)
	f := finding(sprintf("a principal of %s", [label(s)]), e.value, e.pointer)
}

# label names a statement in a message without repeating a Sid that holds
# a credential.
label(s) := sprintf("statement %d", [s.index]) if {
	regex.match(any_secret, s.sid)
} else := iam.label(s)

# finding reports the most serious kind of credential the text holds,
# without repeating the text.
finding(where, text, pointer) := result.finding(msg, pointer) if {
	secrets := [k.name | some k in kinds; k.secret; regex.match(k.pattern, text)]
	count(secrets) > 0
	msg := sprintf("%s holds what looks like %s: remove it and rotate the credential", [where, secrets[0]])
} else := result.softer(result.finding(msg, pointer), "warning") if {
	ids := [k.name | some k in kinds; not k.secret; regex.match(k.pattern, text)]
	msg := sprintf("%s holds what looks like %s: policies name principals, not keys; remove it, and rotate the key if its secret was ever near it", [where, ids[0]])
}
