package lint

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
)

func evalBuiltin(t *testing.T, funcs *catalogFuncs, query string) string {
	t.Helper()
	opts := []func(*rego.Rego){rego.Query("x := " + query)}
	for _, f := range funcs.options() {
		opts = append(opts, f)
	}
	rs, err := rego.New(opts...).Eval(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	if len(rs) == 0 {
		return "undefined"
	}
	b, err := json.Marshal(rs[0].Bindings["x"])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCatalogueFunctions(t *testing.T) {
	cases := []struct{ query, want string }{
		{`rampart.action("acs", "ecs:stopinstance").full_name`, `"ecs:StopInstance"`},
		{`rampart.action("acs", "ecs:StopInstance").level`, `"write"`},
		{`[rt.name | some rt in rampart.action("aws", "s3:GetObject").resource_types; rt.name == "object"]`, `["object"]`},
		{`rampart.action("aws", "s3:GetObjekt")`, `null`},
		{`rampart.action("gcp", "x:y")`, `undefined`},
		{`rampart.expand("acs", "sts:Assume*")`, `["sts:AssumeRole","sts:AssumeRoleWithOIDC","sts:AssumeRoleWithSAML"]`},
		{`rampart.expand("acs", "nosuch:*")`, `[]`},
		{`rampart.expand_levels("acs", "sts:*")`, `{"read":3,"total":4,"write":1}`},
		{`rampart.expand_levels("acs", "nosuch:*")`, `{"total":0}`},
		{`rampart.expand_level("acs", "sts:*", "read")`, `["sts:AssumeRoleWithOIDC","sts:AssumeRoleWithSAML","sts:GetCallerIdentity"]`},
		{`rampart.expand_level("acs", "sts:*", "tagging")`, `[]`},
		{`rampart.key("aws", "AWS:SourceIp")`, `{"global":true,"multi":false,"name":"aws:SourceIp","service":"","type":"ip"}`},
		{`rampart.key("acs", "acs:ResourceTag/team").name`, `"acs:ResourceTag/${TagKey}"`},
		{`rampart.key("aws", "aws:NoSuchKey")`, `null`},
		{`rampart.service("acs", "OSS").code`, `"oss"`},
		{`rampart.service("acs", "cdn")`, `null`},
		{`rampart.suggest("aws", "s3:GetObjekt")`, `["s3:GetObject"]`},
		{`rampart.suggest("aws", "s4:GetObject")`, `["s3:GetObject"]`},
		{`rampart.suggest("aws", "s3:Zzzzzzzz")`, `[]`},
		{`rampart.suggest("aws", "nocolon")`, `[]`},
		{`rampart.resource_fits("aws", "s3:GetObject", "arn:aws:s3:::bucket/key")`, `true`},
		{`rampart.resource_fits("aws", "s3:GetObject", "arn:aws:s3:::bucket")`, `false`},
		{`rampart.resource_fits("aws", "s3:NoSuch", "*")`, `false`},
		{`rampart.parse_name("acs:ram::11223344:role/ops")`, `{"account":"11223344","partition":"","region":"","resource":"role/ops","resource_type":"role","scheme":"acs","service":"ram"}`},
		{`rampart.parse_name("arn:aws:iam::111122223333:root").partition`, `"aws"`},
		{`rampart.parse_name("*")`, `null`},
		{`rampart.glob("ecs:Describe*", "ECS:DescribeInstances", true)`, `true`},
		{`rampart.glob("ecs:Describe*", "ECS:DescribeInstances", false)`, `false`},
		{`rampart.glob("role/?", "role/ab", false)`, `false`},
	}
	funcs := &catalogFuncs{}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			if got := evalBuiltin(t, funcs, c.query); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
			// A second call is served from the cache and must agree.
			if got := evalBuiltin(t, funcs, c.query); got != c.want {
				t.Errorf("second call: got %s, want %s", got, c.want)
			}
		})
	}
}

func TestDistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"GetObject", "GetObjekt", 1}, {"héllo", "hello", 1},
	}
	for _, c := range cases {
		if got := distance(c.a, c.b); got != c.want {
			t.Errorf("distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
