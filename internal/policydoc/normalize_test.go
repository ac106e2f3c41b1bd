package policydoc

import (
	"reflect"
	"testing"
)

func TestNormalize(t *testing.T) {
	d := mustParse(t, "p.json", `{
  "Version": "2012-10-17",
  "Statement": {
    "Sid": "One",
    "Effect": "Allow",
    "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "444455556666"], "Service": "ec2.amazonaws.com"},
    "Action": "sts:AssumeRole",
    "Condition": {
      "ForAnyValue:StringLikeIfExists": {"aws:PrincipalTag/team": ["data", "ml"]},
      "Bool": {"aws:MultiFactorAuthPresent": true},
      "NumericLessThan": {"aws:MultiFactorAuthAge": 3600}
    }
  }
}`)
	p := Normalize(d, AWS, Trust)
	if p.Version != "2012-10-17" || len(p.Statements) != 1 {
		t.Fatalf("policy = %+v", p)
	}
	s := p.Statements[0]
	if s.Pointer != "/Statement" || s.Sid != "One" || s.Effect != "Allow" {
		t.Errorf("statement header = %+v", s)
	}
	if got := s.Action.Items; !reflect.DeepEqual(got, []Elem{{Value: "sts:AssumeRole", Pointer: "/Statement/Action", Kind: String}}) {
		t.Errorf("Action = %+v", got)
	}
	wantP := []PrincipalEntry{
		{Type: "AWS", Value: "arn:aws:iam::111122223333:root", Pointer: "/Statement/Principal/AWS/0"},
		{Type: "AWS", Value: "444455556666", Pointer: "/Statement/Principal/AWS/1"},
		{Type: "Service", Value: "ec2.amazonaws.com", Pointer: "/Statement/Principal/Service"},
	}
	if !reflect.DeepEqual(s.Principal.Entries, wantP) {
		t.Errorf("Principal = %+v", s.Principal.Entries)
	}
	if len(s.Conditions) != 3 {
		t.Fatalf("Conditions = %+v", s.Conditions)
	}
	c := s.Conditions[0]
	if c.Qualifier != "ForAnyValue" || c.Base != "StringLike" || !c.IfExists || c.Key != "aws:PrincipalTag/team" ||
		c.Pointer != "/Statement/Condition/ForAnyValue:StringLikeIfExists/aws:PrincipalTag~1team" || len(c.Values) != 2 ||
		c.Values[1].Pointer != c.Pointer+"/1" {
		t.Errorf("condition = %+v", c)
	}
	if b := s.Conditions[1]; b.Values[0].Value != "true" || b.Values[0].Kind != Bool {
		t.Errorf("Bool condition = %+v", b)
	}
	if n := s.Conditions[2]; n.Values[0].Value != "3600" || n.Values[0].Kind != Number {
		t.Errorf("Numeric condition = %+v", n)
	}
}

func TestNormalizeJDCloudKeysAnyCase(t *testing.T) {
	d := mustParse(t, "p.json", `{"version": "3", "statement": [{"effect": "Allow", "action": ["vm:*"], "resource": "*"}]}`)
	p := Normalize(d, JDCloud, Identity)
	if p.Version != "3" || len(p.Statements) != 1 {
		t.Fatalf("policy = %+v", p)
	}
	s := p.Statements[0]
	if s.Pointer != "/statement/0" || s.Effect != "Allow" || s.Action.Items[0].Pointer != "/statement/0/action/0" {
		t.Errorf("statement = %+v", s)
	}
	// Other dialects do not fold element names.
	if p := Normalize(d, AWS, Identity); len(p.Statements) != 0 {
		t.Errorf("aws normalization folded keys: %+v", p)
	}
}

func TestSplitOperator(t *testing.T) {
	tests := []struct {
		op, q, base string
		ifExists    bool
	}{
		{"StringEquals", "", "StringEquals", false},
		{"StringEqualsIfExists", "", "StringEquals", true},
		{"forallvalues:StringLike", "ForAllValues", "StringLike", false},
		{"ForAnyValue:ArnLikeIfExists", "ForAnyValue", "ArnLike", true},
		{"IfExists", "", "IfExists", false},
		{"Null", "", "Null", false},
	}
	for _, tt := range tests {
		q, b, e := SplitOperator(tt.op)
		if q != tt.q || b != tt.base || e != tt.ifExists {
			t.Errorf("SplitOperator(%q) = %q %q %v", tt.op, q, b, e)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, src string
		dialect   Dialect
		kind      Kind
	}{
		{"a.json", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:*","Resource":"*"}]}`, ACS, Identity},
		{"b.json", `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::12345678:root"]}}]}`, ACS, Trust},
		{"c.json", `{"Version":"3","Statement":[{"Effect":"Allow","Action":"sts:assumeRole","Principal":{"JDCLOUD":"jrn:iam::1:root"},"Resource":"*"}]}`, JDCloud, Trust},
		{"d.json", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Principal":"*","Resource":"arn:aws:s3:::b/*"}]}`, AWS, Resource},
		{"e.scp.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`, AWS, Control},
		{"f.json", `{"Statement":[{"Effect":"Allow","Action":"x:y","Resource":"*","Condition":{"IpAddress":{"jdcloud:SourceIp":"1.2.3.4"}}}]}`, JDCloud, Identity},
	}
	for _, tt := range tests {
		d := mustParse(t, tt.name, tt.src)
		if got, _, _ := DetectDialect(d.Root); got != tt.dialect {
			t.Errorf("%s: dialect %q, want %q", tt.name, got, tt.dialect)
		}
		if got := DetectKind(tt.name, d.Root); got != tt.kind {
			t.Errorf("%s: kind %q, want %q", tt.name, got, tt.kind)
		}
	}
	d := mustParse(t, "g.json", `{"Statement":[{"Effect":"Allow","Action":"x:y","Resource":"*"}]}`)
	if _, _, ok := DetectDialect(d.Root); ok {
		t.Error("a document without Version or prefixed names has no dialect")
	}
}
