package simulate

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// condCase is one condition evaluated against one request context: an
// Allow statement carries the condition, so the request is allowed
// exactly when the condition holds.
type condCase struct {
	name    string
	op      string
	key     string
	values  any // a value or a list, as written in the policy
	context map[string]workspace.ContextValue
	want    bool
}

func runCondCases(t *testing.T, d policydoc.Dialect, version string, cases []condCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vals, err := json.Marshal(c.values)
			if err != nil {
				t.Fatal(err)
			}
			key, _ := json.Marshal(c.key)
			op, _ := json.Marshal(c.op)
			action, resource, principal := "s3:GetObject", "arn:aws:s3:::b/k", "arn:aws:iam::111122223333:user/alice"
			switch d {
			case policydoc.ACS:
				action, resource, principal = "oss:GetObject", "acs:oss:*:11223344:b/k", "acs:ram::11223344:user/alice"
			case policydoc.JDCloud:
				action, resource, principal = "oss:getObject", "jrn:oss:cn-north-1:859150329790:b/k", "jrn:iam::859150329790:user/alice"
			}
			src := fmt.Sprintf(`{"Version":%q,"Statement":[{"Effect":"Allow","Action":%q,"Resource":"*","Condition":{%s:{%s:%s}}}]}`,
				version, action, op, key, vals)
			p := Policies{Dialect: d, Identity: []*workspace.Policy{testPolicy(t, d, policydoc.Identity, "p.json", src)}}
			got := decideWith(t, p, Question{Principal: principal, Action: action, Resource: resource, Context: c.context, ExactContext: true})
			if got.Effect.Allowed() != c.want {
				t.Errorf("%s %s %s with %v: holds = %v, want %v (%+v)", c.op, c.key, vals, c.context, got.Effect.Allowed(), c.want, got)
			}
		})
	}
}

func TestConditionOperatorsAWS(t *testing.T) {
	none := map[string]workspace.ContextValue(nil)
	cases := []condCase{
		// strings
		{"StringEquals hit", "StringEquals", "aws:username", "alice", ctx("aws:username", "alice"), true},
		{"StringEquals is case-sensitive", "StringEquals", "aws:username", "Alice", ctx("aws:username", "alice"), false},
		{"StringEquals any of several values", "StringEquals", "aws:username", []string{"bob", "alice"}, ctx("aws:username", "alice"), true},
		{"StringEquals missing key", "StringEquals", "aws:username", "alice", none, false},
		{"key names ignore case", "StringEquals", "AWS:UserName", "alice", ctx("aws:username", "alice"), true},
		{"StringNotEquals differs from all", "StringNotEquals", "aws:username", []string{"bob", "carol"}, ctx("aws:username", "alice"), true},
		{"StringNotEquals equals one", "StringNotEquals", "aws:username", []string{"bob", "alice"}, ctx("aws:username", "alice"), false},
		{"StringNotEquals missing key holds", "StringNotEquals", "aws:username", "alice", none, true},
		{"StringEqualsIgnoreCase", "StringEqualsIgnoreCase", "aws:username", "ALICE", ctx("aws:username", "alice"), true},
		{"StringNotEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "aws:username", "ALICE", ctx("aws:username", "alice"), false},
		{"StringLike star", "StringLike", "s3:prefix", "home/*", ctx("s3:prefix", "home/alice/x"), true},
		{"StringLike question mark", "StringLike", "s3:prefix", "v?", ctx("s3:prefix", "v2"), true},
		{"StringLike is case-sensitive", "StringLike", "s3:prefix", "Home/*", ctx("s3:prefix", "home/a"), false},
		{"StringNotLike", "StringNotLike", "s3:prefix", []string{"tmp/*", "home/*"}, ctx("s3:prefix", "home/a"), false},
		{"StringNotLike missing key holds", "StringNotLike", "s3:prefix", "home/*", none, true},
		// numbers
		{"NumericEquals", "NumericEquals", "s3:max-keys", "10", ctx("s3:max-keys", "10.0"), true},
		{"NumericEquals JSON number", "NumericEquals", "s3:max-keys", 10, ctx("s3:max-keys", "10"), true},
		{"NumericNotEquals", "NumericNotEquals", "s3:max-keys", "10", ctx("s3:max-keys", "11"), true},
		{"NumericLessThan", "NumericLessThan", "aws:MultiFactorAuthAge", "3600", ctx("aws:MultiFactorAuthAge", "3599"), true},
		{"NumericLessThan equal", "NumericLessThan", "aws:MultiFactorAuthAge", "3600", ctx("aws:MultiFactorAuthAge", "3600"), false},
		{"NumericLessThanEquals", "NumericLessThanEquals", "aws:MultiFactorAuthAge", "3600", ctx("aws:MultiFactorAuthAge", "3600"), true},
		{"NumericGreaterThan decimal", "NumericGreaterThan", "s3:TlsVersion", "1.2", ctx("s3:TlsVersion", "1.3"), true},
		{"NumericGreaterThanEquals", "NumericGreaterThanEquals", "s3:TlsVersion", "1.2", ctx("s3:TlsVersion", "1.1"), false},
		{"Numeric request value not a number", "NumericEquals", "s3:max-keys", "10", ctx("s3:max-keys", "ten"), false},
		{"NumericNotEquals missing key holds", "NumericNotEquals", "s3:max-keys", "10", none, true},
		// dates
		{"DateLessThan RFC 3339", "DateLessThan", "aws:CurrentTime", "2027-01-01T00:00:00Z", ctx("aws:CurrentTime", "2026-06-01T12:00:00Z"), true},
		{"DateGreaterThan offset", "DateGreaterThan", "aws:CurrentTime", "2026-06-01T13:00:00+02:00", ctx("aws:CurrentTime", "2026-06-01T12:00:00Z"), true},
		{"DateEquals date only", "DateEquals", "aws:CurrentTime", "2026-06-01", ctx("aws:CurrentTime", "2026-06-01T00:00:00Z"), true},
		{"DateNotEquals", "DateNotEquals", "aws:CurrentTime", "2026-06-01", ctx("aws:CurrentTime", "2026-06-02T00:00:00Z"), true},
		{"DateGreaterThanEquals epoch", "DateGreaterThanEquals", "aws:EpochTime", "1767225600", ctx("aws:EpochTime", "1767225600"), true},
		{"Date epoch against ISO", "DateGreaterThan", "aws:EpochTime", "2025-06-01T00:00:00Z", ctx("aws:EpochTime", "1767225600"), true},
		{"DateLessThanEquals to the second", "DateLessThanEquals", "aws:CurrentTime", "2026-06-01T12:00:00Z", ctx("aws:CurrentTime", "2026-06-01T12:00:00.900Z"), true},
		{"Date minute precision", "DateLessThan", "aws:CurrentTime", "2026-06-01T12:01Z", ctx("aws:CurrentTime", "2026-06-01T12:00:59Z"), true},
		// booleans
		{"Bool true", "Bool", "aws:SecureTransport", "true", ctx("aws:SecureTransport", "True"), true},
		{"Bool JSON boolean", "Bool", "aws:SecureTransport", false, ctx("aws:SecureTransport", "false"), true},
		{"Bool mismatch", "Bool", "aws:SecureTransport", "true", ctx("aws:SecureTransport", "false"), false},
		{"Bool missing key", "Bool", "aws:SecureTransport", "true", none, false},
		{"Bool not a boolean", "Bool", "aws:SecureTransport", "true", ctx("aws:SecureTransport", "yes"), false},
		// binary
		{"BinaryEquals", "BinaryEquals", "aws:PrincipalTag/fp", "a2V5LTIwMjY=", ctx("aws:PrincipalTag/fp", "a2V5LTIwMjY="), true},
		{"BinaryEquals other bytes", "BinaryEquals", "aws:PrincipalTag/fp", "a2V5LTIwMjY=", ctx("aws:PrincipalTag/fp", "cm90YXRlZCE="), false},
		// addresses
		{"IpAddress v4 CIDR", "IpAddress", "aws:SourceIp", "203.0.113.0/24", ctx("aws:SourceIp", "203.0.113.7"), true},
		{"IpAddress bare address", "IpAddress", "aws:SourceIp", "203.0.113.7", ctx("aws:SourceIp", "203.0.113.7"), true},
		{"IpAddress host bits set", "IpAddress", "aws:SourceIp", "203.0.113.9/24", ctx("aws:SourceIp", "203.0.113.200"), true},
		{"IpAddress v6", "IpAddress", "aws:SourceIp", "2001:db8::/32", ctx("aws:SourceIp", "2001:db8:1:2::17"), true},
		{"IpAddress v4 request, v6 CIDR", "IpAddress", "aws:SourceIp", "2001:db8::/32", ctx("aws:SourceIp", "10.0.0.1"), false},
		{"IpAddress v4-mapped v6 request", "IpAddress", "aws:SourceIp", "10.0.0.0/8", ctx("aws:SourceIp", "::ffff:10.1.2.3"), true},
		{"NotIpAddress outside", "NotIpAddress", "aws:SourceIp", []string{"10.0.0.0/8", "192.0.2.0/24"}, ctx("aws:SourceIp", "198.51.100.1"), true},
		{"NotIpAddress inside one", "NotIpAddress", "aws:SourceIp", []string{"10.0.0.0/8", "192.0.2.0/24"}, ctx("aws:SourceIp", "192.0.2.1"), false},
		{"NotIpAddress missing key holds", "NotIpAddress", "aws:SourceIp", "10.0.0.0/8", none, true},
		// ARNs
		{"ArnLike per part", "ArnLike", "aws:SourceArn", "arn:aws:sns:*:111122223333:topic-?", ctx("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic-a"), true},
		{"ArnEquals has wildcards too", "ArnEquals", "aws:SourceArn", "arn:aws:sns:*:*:t*", ctx("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:tx"), true},
		{"Arn star stays in its part", "ArnLike", "aws:SourceArn", "arn:aws:sns:*:t", ctx("aws:SourceArn", "arn:aws:sns:us-east-1:1:t"), false},
		{"Arn is case-sensitive", "ArnLike", "aws:SourceArn", "arn:aws:sns:*:*:Topic", ctx("aws:SourceArn", "arn:aws:sns:us-east-1:1:topic"), false},
		{"ArnNotLike", "ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/admin*", ctx("aws:PrincipalArn", "arn:aws:iam::1:role/dev"), true},
		{"Arn request not an ARN", "ArnLike", "aws:SourceArn", "arn:aws:sns:*:*:*", ctx("aws:SourceArn", "topic"), false},
		// Null
		{"Null true absent", "Null", "aws:TokenIssueTime", "true", none, true},
		{"Null true present", "Null", "aws:TokenIssueTime", "true", ctx("aws:TokenIssueTime", "2026-01-01T00:00:00Z"), false},
		{"Null false present", "Null", "aws:TokenIssueTime", "false", ctx("aws:TokenIssueTime", "2026-01-01T00:00:00Z"), true},
		{"Null false absent", "Null", "aws:TokenIssueTime", "false", none, false},
		// IfExists
		{"IfExists absent holds", "StringEqualsIfExists", "ec2:InstanceType", "t3.micro", none, true},
		{"IfExists present compares", "StringEqualsIfExists", "ec2:InstanceType", "t3.micro", ctx("ec2:InstanceType", "m5.large"), false},
		{"NumericLessThanIfExists absent", "NumericLessThanIfExists", "aws:MultiFactorAuthAge", "3600", none, true},
		{"IfExists under ForAnyValue absent", "ForAnyValue:StringEqualsIfExists", "aws:TagKeys", []string{"team"}, none, true},
		// set qualifiers
		{"ForAnyValue one matches", "ForAnyValue:StringEquals", "aws:TagKeys", []string{"team", "env"}, ctx("aws:TagKeys", []string{"owner", "env"}), true},
		{"ForAnyValue none matches", "ForAnyValue:StringEquals", "aws:TagKeys", []string{"team"}, ctx("aws:TagKeys", []string{"owner", "env"}), false},
		{"ForAnyValue absent", "ForAnyValue:StringEquals", "aws:TagKeys", "team", none, false},
		{"ForAllValues all match", "ForAllValues:StringEquals", "aws:TagKeys", []string{"team", "env", "owner"}, ctx("aws:TagKeys", []string{"owner", "env"}), true},
		{"ForAllValues one does not", "ForAllValues:StringEquals", "aws:TagKeys", []string{"team", "env"}, ctx("aws:TagKeys", []string{"owner", "env"}), false},
		{"ForAllValues absent holds", "ForAllValues:StringEquals", "aws:TagKeys", "team", none, true},
		{"ForAnyValue:StringNotEquals", "ForAnyValue:StringNotEquals", "aws:TagKeys", []string{"team", "env"}, ctx("aws:TagKeys", []string{"team", "x"}), true},
		{"ForAllValues:StringNotEquals", "ForAllValues:StringNotEquals", "aws:TagKeys", []string{"team", "env"}, ctx("aws:TagKeys", []string{"team", "x"}), false},
		{"ForAllValues:StringLike", "ForAllValues:StringLike", "aws:CalledVia", "*.amazonaws.com", ctx("aws:CalledVia", []string{"athena.amazonaws.com", "s3.amazonaws.com"}), true},
		{"bare operator on several values", "StringEquals", "aws:TagKeys", "team", ctx("aws:TagKeys", []string{"team", "env"}), false},
		{"bare operator on a one-value list", "StringEquals", "aws:TagKeys", "team", ctx("aws:TagKeys", []string{"team"}), true},
		// variables
		{"variable", "StringEquals", "s3:prefix", "home/${aws:username}/", ctx("s3:prefix", "home/alice/", "aws:username", "alice"), true},
		{"variable other value", "StringEquals", "s3:prefix", "home/${aws:username}/", ctx("s3:prefix", "home/bob/", "aws:username", "alice"), false},
		{"variable key ignores case", "StringLike", "s3:prefix", "home/${AWS:UserName}/*", ctx("s3:prefix", "home/alice/x", "aws:username", "alice"), true},
		{"variable without value never matches", "StringEquals", "s3:prefix", "home/${aws:username}/", ctx("s3:prefix", "home//"), false},
		{"negated operator matches a variable without value", "StringNotEquals", "s3:prefix", "${aws:PrincipalTag/team}", ctx("s3:prefix", "x"), true},
		{"default value", "StringEquals", "s3:prefix", "${aws:PrincipalTag/team, 'shared'}", ctx("s3:prefix", "shared"), true},
		{"default value unused when present", "StringEquals", "s3:prefix", "${aws:PrincipalTag/team, 'shared'}", ctx("s3:prefix", "shared", "aws:PrincipalTag/team", "data"), false},
		{"escape star in StringLike is literal", "StringLike", "aws:PrincipalTag/label", "a${*}b", ctx("aws:PrincipalTag/label", "axb"), false},
		{"escape star matches a star", "StringLike", "aws:PrincipalTag/label", "a${*}b", ctx("aws:PrincipalTag/label", "a*b"), true},
		{"escape dollar in StringEquals", "StringEquals", "aws:PrincipalTag/label", "cost${$}", ctx("aws:PrincipalTag/label", "cost$"), true},
		{"escape question mark", "StringLike", "aws:PrincipalTag/label", "why${?}", ctx("aws:PrincipalTag/label", "why!"), false},
		{"substituted value is literal in StringLike", "StringLike", "s3:prefix", "${aws:PrincipalTag/p}", ctx("s3:prefix", "abc", "aws:PrincipalTag/p", "a*"), false},
		{"variable in an ARN value", "ArnLike", "aws:PrincipalArn", "arn:aws:iam::${aws:PrincipalAccount}:user/*", ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:user/a", "aws:PrincipalAccount", "111122223333"), true},
		{"a whole ARN from a variable", "ArnEquals", "aws:SourceArn", "${aws:PrincipalArn}", ctx("aws:SourceArn", "arn:aws:iam::1:user/a", "aws:PrincipalArn", "arn:aws:iam::1:user/a"), true},
		{"variable in Bool", "Bool", "aws:SecureTransport", "${aws:PrincipalTag/tls}", ctx("aws:SecureTransport", "true", "aws:PrincipalTag/tls", "true"), true},
		{"multi-valued key as a variable has no value", "StringEquals", "s3:prefix", "${aws:TagKeys}", ctx("s3:prefix", "team", "aws:TagKeys", []string{"team"}), false},
		{"no variables in Numeric", "NumericEquals", "s3:max-keys", "${aws:PrincipalTag/n}", ctx("s3:max-keys", "5", "aws:PrincipalTag/n", "5"), false},
		// fail-closed
		{"unknown operator fails in an Allow", "StringSortOf", "aws:username", "alice", ctx("aws:username", "alice"), false},
		{"invalid CIDR fails in an Allow", "NotIpAddress", "aws:SourceIp", "10.0.0.0/99", ctx("aws:SourceIp", "192.0.2.1"), false},
		{"operator names ignore case", "stringequals", "aws:username", "alice", ctx("aws:username", "alice"), true},
	}
	runCondCases(t, policydoc.AWS, "2012-10-17", cases)
}

func TestConditionVariablesNeedVersion(t *testing.T) {
	runCondCases(t, policydoc.AWS, "2008-10-17", []condCase{
		{"variable is literal text", "StringEquals", "s3:prefix", "${aws:username}", ctx("s3:prefix", "${aws:username}", "aws:username", "alice"), true},
		{"and does not substitute", "StringEquals", "s3:prefix", "${aws:username}", ctx("s3:prefix", "alice", "aws:username", "alice"), false},
	})
}

func TestConditionOperatorsACS(t *testing.T) {
	runCondCases(t, policydoc.ACS, "1", []condCase{
		{"acs:SourceIp CIDR", "IpAddress", "acs:SourceIp", "192.0.2.0/24", ctx("acs:SourceIp", "192.0.2.9"), true},
		{"acs:CurrentTime window", "DateLessThan", "acs:CurrentTime", "2026-12-31T23:59:59+08:00", ctx("acs:CurrentTime", "2026-06-01T00:00:00Z"), true},
		{"acs:MFAPresent", "Bool", "acs:MFAPresent", "true", ctx("acs:MFAPresent", "true"), true},
		{"set qualifier", "ForAllValues:StringEquals", "ram:TrustedPrincipalTypes", "Service", ctx("ram:TrustedPrincipalTypes", []string{"Service"}), true},
		{"no variables in acs", "StringEquals", "acs:UserAgent", "${acs:PrincipalARN}", ctx("acs:UserAgent", "${acs:PrincipalARN}"), true},
		{"missing key, negated", "StringNotLike", "acs:SourceVpc", "vpc-*", nil, true},
	})
}

func TestConditionOperatorsJDCloud(t *testing.T) {
	runCondCases(t, policydoc.JDCloud, "3", []condCase{
		{"key prefix case", "StringEquals", "JDCloud:ResourceTag/jdc-createdby", "${name}", ctx("jdcloud:resourcetag/jdc-createdby", "alice", "name", "alice"), true},
		{"accountId variable", "StringEquals", "jdcloud:ResourceTag/owner", "${accountId}", ctx("jdcloud:ResourceTag/owner", "859150329790", "accountId", "859150329790"), true},
		{"ForAnyValue", "ForAnyValue:StringEquals", "JDCloud:ResourceTag/env", []string{"prod"}, ctx("jdcloud:resourcetag/env", []string{"dev", "prod"}), true},
		{"source IP", "IpAddress", "Jdcloud:SourceIp", "10.0.0.0/8", ctx("jdcloud:SourceIp", "10.2.3.4"), true},
	})
}

// TestUnknownOperatorInDeny checks the fail-closed rule for a Deny: a
// condition that cannot be evaluated counts as holding, and says so.
func TestUnknownOperatorInDeny(t *testing.T) {
	src := `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"s3:*","Resource":"*"},
		{"Sid":"Odd","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringSortOf":{"aws:username":"x"}}}]}`
	p := Policies{Dialect: policydoc.AWS, Identity: []*workspace.Policy{testPolicy(t, policydoc.AWS, policydoc.Identity, "p.json", src)}}
	d := decideWith(t, p, Question{Principal: "arn:aws:iam::111122223333:user/a", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ExactContext: true})
	if d.Effect != ExplicitDeny || !d.Uncertain || len(d.Notes) == 0 {
		t.Fatalf("got %s uncertain=%v notes=%v, want an uncertain explicit deny", d.Effect, d.Uncertain, d.Notes)
	}
}
