package simulate

import (
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

func TestActionMatching(t *testing.T) {
	cases := []struct {
		d       policydoc.Dialect
		pattern string
		action  string
		want    bool
	}{
		{policydoc.AWS, "s3:GetObject", "s3:getobject", true},
		{policydoc.AWS, "S3:Get*", "s3:getobjectacl", true},
		{policydoc.AWS, "iam:*AccessKey*", "iam:listaccesskeys", true},
		{policydoc.AWS, "s3:Get?bject", "s3:getobject", true},
		{policydoc.AWS, "*", "anything:atall", true},
		{policydoc.AWS, "*:GetObject", "s3:getobject", false}, // the aws prefix is literal
		{policydoc.AWS, "s3*", "s3:getobject", false},
		{policydoc.ACS, "*:ListTagResources", "ecs:listtagresources", true}, // acs globs the whole name
		{policydoc.ACS, "ecs:Describe*", "ecs:describeinstances", true},
		{policydoc.JDCloud, "vm:describe*", "vm:describeinstances", true},
		{policydoc.JDCloud, "*:*", "vm:stopinstance", true},
	}
	for _, c := range cases {
		p := compileAction(c.d, c.pattern)
		if got := p.match(c.action); got != c.want {
			t.Errorf("%s action %q vs %q: %v, want %v", c.d, c.pattern, c.action, got, c.want)
		}
	}
}

func TestResourceMatching(t *testing.T) {
	cases := []struct {
		pattern  string
		resource string
		want     bool
	}{
		{"*", "*", true},
		{"*", "arn:aws:s3:::b/k", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/k/deep", true},
		{"arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/1/2/test/x", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b", false},
		{"arn:aws:s3:::B/*", "arn:aws:s3:::b/k", false}, // the resource part is case-sensitive
		{"ARN:AWS:S3:::b/*", "arn:aws:s3:::b/k", true},  // scheme, partition, service are not
		{"arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:1:instance/i-1", true},
		{"arn:aws:ec2:*:instance/*", "arn:aws:ec2:us-east-1:1:instance/i-1", false}, // a part missing
		{"arn:aws:sns:us-*:1:t", "arn:aws:sns:us-east-1:1:t", true},
		{"arn:aws:sns:*:1:t", "arn:aws:sns::1:t", true}, // an empty part matches *
		{"arn:aws:s3:::b/*", "*", false},                // no name matches only *
		{"arn:aws:s3:::b/*", "acs:oss:*:1:b/k", false},
		{"acs:oss:*:11223344:reports/*", "acs:oss:cn-hangzhou:11223344:reports/q1.csv", true},
		{"acs:ecs:*:*:instance/*", "acs:ecs:cn-beijing:1:instance/i-1", true},
		{"acs:ecs:*:*:instance/I-1", "acs:ecs:cn-beijing:1:instance/i-1", false},
		{"jrn:iam::859150329790:subUser/*", "jrn:iam::859150329790:subuser/ops", true}, // JD Cloud resource type ignores case
		{"jrn:iam::859150329790:subUser/Ops", "jrn:iam::859150329790:subuser/ops", false},
		{"jrn:vm:*:859150329790:*", "jrn:vm:cn-north-1:859150329790:instances/i-1", true},
	}
	for _, c := range cases {
		p := compileName(c.pattern, false)
		n := parseReqName(c.resource)
		if got := p.match(&request{}, &n); got != c.want {
			t.Errorf("resource %q vs %q: %v, want %v", c.pattern, c.resource, got, c.want)
		}
	}
}

func TestPrincipalMatching(t *testing.T) {
	user := &actor{kind: actorUser, dialect: policydoc.AWS, account: "111122223333", arn: "arn:aws:iam::111122223333:user/alice"}
	session := &actor{kind: actorSession, dialect: policydoc.AWS, account: "111122223333",
		arn: "arn:aws:sts::111122223333:assumed-role/reader/s1", roleARN: "arn:aws:iam::111122223333:role/reader"}
	service := &actor{kind: actorService, dialect: policydoc.AWS, service: "lambda.amazonaws.com"}
	anon := &actor{kind: actorAnonymous, dialect: policydoc.AWS}
	acsUser := &actor{kind: actorUser, dialect: policydoc.ACS, account: "12345678", arn: "acs:ram::12345678:user/carl"}
	jdUser := &actor{kind: actorUser, dialect: policydoc.JDCloud, account: "859150329790", arn: "jrn:iam::859150329790:user/ops"}
	cases := []struct {
		d     policydoc.Dialect
		typ   string
		value string
		a     *actor
		want  pmatch
	}{
		{policydoc.AWS, "AWS", "*", anon, pmDirect},
		{policydoc.AWS, "", "*", user, pmDirect},
		{policydoc.AWS, "AWS", "111122223333", user, pmAccount},
		{policydoc.AWS, "AWS", "arn:aws:iam::111122223333:root", session, pmAccount},
		{policydoc.AWS, "AWS", "arn:aws:iam::444455556666:root", user, pmNone},
		{policydoc.AWS, "AWS", "arn:aws:iam::111122223333:user/alice", user, pmDirect},
		{policydoc.AWS, "AWS", "arn:aws:iam::111122223333:user/Alice", user, pmNone},
		{policydoc.AWS, "AWS", "arn:aws:iam::111122223333:role/reader", session, pmRole},
		{policydoc.AWS, "AWS", "arn:aws:iam::111122223333:role/team/reader", session, pmRole}, // a role path
		{policydoc.AWS, "AWS", "arn:aws:sts::111122223333:assumed-role/reader/s1", session, pmDirect},
		{policydoc.AWS, "AWS", "arn:aws:sts::111122223333:assumed-role/reader/s2", session, pmNone},
		{policydoc.AWS, "Service", "lambda.amazonaws.com", service, pmDirect},
		{policydoc.AWS, "Service", "lambda.amazonaws.com", user, pmNone},
		{policydoc.AWS, "AWS", "111122223333", anon, pmNone},
		{policydoc.AWS, "CanonicalUser", "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be", user, pmNone},
		{policydoc.ACS, "", "12345678", acsUser, pmAccount}, // OSS UID list
		{policydoc.ACS, "RAM", "acs:ram::12345678:root", acsUser, pmAccount},
		{policydoc.ACS, "", "acs:ram::12345678:user/carl", acsUser, pmDirect},
		{policydoc.JDCloud, "JDCLOUD", "859150329790", jdUser, pmAccount},
		{policydoc.JDCloud, "", "jrn:iam::859150329790:root", jdUser, pmAccount}, // a bare JRN
		{policydoc.JDCloud, "JDCLOUD", "jrn:iam::859150329790:subUser/ops", jdUser, pmDirect},
	}
	for _, c := range cases {
		p := compilePrincipal(c.d, c.typ, c.value)
		if got := p.match(c.a); got != c.want {
			t.Errorf("%s principal %s:%q vs %s: %d, want %d", c.d, c.typ, c.value, c.a.arn, got, c.want)
		}
	}
}

func TestNotPrincipalNeedsEveryLevel(t *testing.T) {
	session := &actor{kind: actorSession, dialect: policydoc.AWS, account: "1",
		arn: "arn:aws:sts::1:assumed-role/r/s", roleARN: "arn:aws:iam::1:role/r"}
	entries := func(vs ...string) []principalPat {
		var out []principalPat
		for _, v := range vs {
			out = append(out, compilePrincipal(policydoc.AWS, "AWS", v))
		}
		return out
	}
	cases := []struct {
		list []principalPat
		want bool
	}{
		{entries("arn:aws:iam::1:root", "arn:aws:iam::1:role/r", "arn:aws:sts::1:assumed-role/r/s"), true},
		{entries("arn:aws:iam::1:role/r", "arn:aws:sts::1:assumed-role/r/s"), false}, // without the account
		{entries("arn:aws:iam::1:root", "arn:aws:sts::1:assumed-role/r/s"), false},   // without the role
		{entries("arn:aws:iam::2:root"), false},
	}
	for i, c := range cases {
		if got := notPrincipalExempts(c.list, session); got != c.want {
			t.Errorf("case %d: exempt = %v, want %v", i, got, c.want)
		}
	}
}
