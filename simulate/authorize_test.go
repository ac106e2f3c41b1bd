package simulate

import (
	"slices"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

const (
	allowS3   = `{"Version":"2012-10-17","Statement":[{"Sid":"S3","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	denyS3    = `{"Version":"2012-10-17","Statement":[{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}]}`
	allowEC2  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`
	allowAll  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	bucketFor = `{"Version":"2012-10-17","Statement":[{"Sid":"Grant","Effect":"Allow","Principal":{"AWS":%q},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`
)

func TestAWSLayers(t *testing.T) {
	const (
		user    = "arn:aws:iam::111122223333:user/alice"
		session = "arn:aws:sts::111122223333:assumed-role/reader/s1"
		role    = "arn:aws:iam::111122223333:role/reader"
		partner = "arn:aws:iam::444455556666:user/bob"
	)
	pol := func(name, src string, k policydoc.Kind) *workspace.Policy {
		return testPolicy(t, policydoc.AWS, k, name, src)
	}
	bucket := func(principal string) *workspace.Policy {
		return pol("bucket.json", strings.Replace(bucketFor, "%q", `"`+principal+`"`, 1), policydoc.Resource)
	}
	ids := func(srcs ...string) []*workspace.Policy {
		var out []*workspace.Policy
		for _, s := range srcs {
			out = append(out, pol("id.json", s, policydoc.Identity))
		}
		return out
	}
	cases := []struct {
		name      string
		principal string
		p         Policies
		want      Effect
		deniedBy  string
	}{
		{"identity allows", user, Policies{Identity: ids(allowS3)}, Allow, ""},
		{"nothing allows", user, Policies{Identity: ids(allowEC2)}, ImplicitDeny, "identity"},
		{"identity deny wins", user, Policies{Identity: ids(allowS3, denyS3)}, ExplicitDeny, "identity"},
		{"same-account grant to the user suffices", user, Policies{Resource: bucket(user)}, Allow, ""},
		{"same-account grant to the account needs identity", user, Policies{Resource: bucket("111122223333")}, ImplicitDeny, "identity"},
		{"a grant to the user reaches past the boundary", user, Policies{Identity: ids(allowS3), Resource: bucket(user), Boundary: pol("b.json", allowEC2, policydoc.Boundary)}, Allow, ""},
		{"the boundary limits identity grants", user, Policies{Identity: ids(allowS3), Boundary: pol("b.json", allowEC2, policydoc.Boundary)}, ImplicitDeny, "boundary"},
		{"a boundary deny", user, Policies{Identity: ids(allowS3), Boundary: pol("b.json", denyS3, policydoc.Boundary)}, ExplicitDeny, "boundary"},
		{"a grant to the session passes the session policy", session, Policies{Resource: bucket(session), Session: pol("s.json", allowEC2, policydoc.Session)}, Allow, ""},
		{"a grant to the role does not", session, Policies{Resource: bucket(role), Session: pol("s.json", allowEC2, policydoc.Session)}, ImplicitDeny, "session"},
		{"a grant to the role needs no identity", session, Policies{Resource: bucket(role)}, Allow, ""},
		{"a grant to the role stays within the boundary", session, Policies{Resource: bucket(role), Boundary: pol("b.json", allowEC2, policydoc.Boundary)}, ImplicitDeny, "boundary"},
		{"session policy must allow", session, Policies{Identity: ids(allowS3), Session: pol("s.json", allowEC2, policydoc.Session)}, ImplicitDeny, "session"},
		{"session policy allows", session, Policies{Identity: ids(allowS3), Session: pol("s.json", allowS3, policydoc.Session)}, Allow, ""},
		{"cross-account needs the resource policy", partner, Policies{Identity: ids(allowS3)}, ImplicitDeny, "resource"},
		{"cross-account needs identity too", partner, Policies{Resource: bucket(partner)}, ImplicitDeny, "identity"},
		{"cross-account with both", partner, Policies{Identity: ids(allowS3), Resource: bucket("444455556666")}, Allow, ""},
		{"cross-account boundary", partner, Policies{Identity: ids(allowS3), Resource: bucket(partner), Boundary: pol("b.json", allowEC2, policydoc.Boundary)}, ImplicitDeny, "boundary"},
		{"every SCP level must allow", user, Policies{Identity: ids(allowS3), Control: [][]*workspace.Policy{ids(allowAll), ids(allowEC2)}}, ImplicitDeny, "control level 2"},
		{"SCP deny", user, Policies{Identity: ids(allowS3), Control: [][]*workspace.Policy{ids(allowAll, denyS3)}}, ExplicitDeny, "control level 1"},
		{"SCPs allow", user, Policies{Identity: ids(allowS3), Control: [][]*workspace.Policy{ids(allowAll), ids(allowS3)}}, Allow, ""},
		{"SCPs do not bind the management account", user, Policies{Identity: ids(allowS3), Control: [][]*workspace.Policy{ids(denyS3)}, Management: true}, Allow, ""},
		{"RCP level without allow", user, Policies{Identity: ids(allowS3), ResourceControl: [][]*workspace.Policy{ids(allowEC2)}}, ImplicitDeny, "resource-control level 1"},
		{"RCPs do not apply to management resources", user, Policies{Identity: ids(allowS3), ResourceControl: [][]*workspace.Policy{ids(allowEC2)}, ResourceManagement: true}, Allow, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.p.Dialect = policydoc.AWS
			d := decideWith(t, c.p, Question{Principal: c.principal, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "111122223333", ExactContext: true})
			if d.Effect != c.want || d.DeniedBy != c.deniedBy {
				t.Errorf("got %s denied by %q, want %s denied by %q; layers %+v", d.Effect, d.DeniedBy, c.want, c.deniedBy, d.Layers)
			}
			if d.Effect == Allow && len(d.Reasons) == 0 {
				t.Error("an allow without reasons")
			}
		})
	}
}

func TestRCPsGovernTheirServicesOnly(t *testing.T) {
	deny := testPolicy(t, policydoc.AWS, policydoc.ResourceControl, "rcp.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"ec2:*","Resource":"*"}]}`)
	full := testPolicy(t, policydoc.AWS, policydoc.ResourceControl, "full.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`)
	id := testPolicy(t, policydoc.AWS, policydoc.Identity, "id.json", allowAll)
	p := Policies{Dialect: policydoc.AWS, Identity: []*workspace.Policy{id}, ResourceControl: [][]*workspace.Policy{{full, deny}}}
	d := decideWith(t, p, Question{Principal: "arn:aws:iam::111122223333:user/a", Action: "ec2:StartInstances", Resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-1", ExactContext: true})
	if d.Effect != Allow {
		t.Fatalf("ec2 under an RCP deny: %s, want allow (RCPs do not govern EC2)", d.Effect)
	}
}

func TestACSLayers(t *testing.T) {
	pol := func(k policydoc.Kind, src string) *workspace.Policy {
		return testPolicy(t, policydoc.ACS, k, "p.json", src)
	}
	allowOSS := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"}]}`
	bucket := pol(policydoc.Resource, `{"Version":"1","Statement":[
		{"Effect":"Allow","Principal":["12345678"],"Action":"oss:GetObject","Resource":"acs:oss:*:11223344:b/*"},
		{"Effect":"Deny","Principal":["*"],"Action":"oss:DeleteObject","Resource":"*"}]}`)
	cases := []struct {
		name      string
		principal string
		action    string
		p         Policies
		want      Effect
	}{
		{"identity grants in its account", "acs:ram::11223344:user/a", "oss:GetObject", Policies{Identity: []*workspace.Policy{pol(policydoc.Identity, allowOSS)}}, Allow},
		{"another account needs a resource policy", "acs:ram::12345678:user/a", "oss:PutObject", Policies{Identity: []*workspace.Policy{pol(policydoc.Identity, allowOSS)}, Resource: bucket}, ImplicitDeny},
		{"the bucket policy alone grants across accounts", "acs:ram::12345678:user/a", "oss:GetObject", Policies{Resource: bucket}, Allow},
		{"the owner is not bound by an unconditional Deny to everyone", "acs:ram::11223344:root", "oss:DeleteObject", Policies{Resource: bucket}, Allow},
		{"but a RAM user is", "acs:ram::11223344:user/a", "oss:DeleteObject", Policies{Identity: []*workspace.Policy{pol(policydoc.Identity, allowOSS)}, Resource: bucket}, ExplicitDeny},
		{"control policies bind RAM users", "acs:ram::11223344:user/a", "oss:GetObject", Policies{Identity: []*workspace.Policy{pol(policydoc.Identity, allowOSS)}, Control: [][]*workspace.Policy{{pol(policydoc.Control, `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:*","Resource":"*"}]}`)}}}, ImplicitDeny},
		{"not the account owner", "acs:ram::11223344:root", "oss:GetObject", Policies{Control: [][]*workspace.Policy{{pol(policydoc.Control, `{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`)}}}, Allow},
		{"nor the management account", "acs:ram::11223344:user/a", "oss:GetObject", Policies{Identity: []*workspace.Policy{pol(policydoc.Identity, allowOSS)}, Management: true, Control: [][]*workspace.Policy{{pol(policydoc.Control, `{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`)}}}, Allow},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.p.Dialect = policydoc.ACS
			d := decideWith(t, c.p, Question{Principal: c.principal, Action: c.action, Resource: "acs:oss:cn-hangzhou:11223344:b/k", ExactContext: true})
			if d.Effect != c.want {
				t.Errorf("got %s (%s), want %s; layers %+v notes %v", d.Effect, d.DeniedBy, c.want, d.Layers, d.Notes)
			}
		})
	}
}

// TestExplanation checks what a denial says: the layer, the condition
// that failed with its pointer, and the keys the request lacked.
func TestExplanation(t *testing.T) {
	id := testPolicy(t, policydoc.AWS, policydoc.Identity, "iam/policies/dev.json", `{"Version":"2012-10-17","Statement":[
  {"Sid":"Office","Effect":"Allow","Action":"s3:GetObject","Resource":"*",
   "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}},
  {"Sid":"Other","Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`)
	p := Policies{Dialect: policydoc.AWS, Identity: []*workspace.Policy{id}}
	d := decideWith(t, p, Question{Principal: "arn:aws:iam::111122223333:user/a", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k",
		Context: ctx("aws:SourceIp", "192.0.2.1"), ExactContext: true})
	if d.Effect != ImplicitDeny || d.DeniedBy != "identity" {
		t.Fatalf("got %s by %q", d.Effect, d.DeniedBy)
	}
	if len(d.FailedConditions) != 1 {
		t.Fatalf("failed conditions %+v, want one", d.FailedConditions)
	}
	fc := d.FailedConditions[0]
	if fc.Operator != "IpAddress" || fc.Key != "aws:SourceIp" || fc.Pointer != "/Statement/0/Condition/IpAddress/aws:SourceIp" ||
		fc.Line != 3 || fc.Statement.Sid != "Office" || fc.Statement.File != "iam/policies/dev.json" || fc.Layer != LayerIdentity || fc.Missing {
		t.Errorf("failed condition %+v", fc)
	}
	if !slices.Equal(d.Missing, []string{"aws:MultiFactorAuthPresent"}) {
		t.Errorf("missing %v, want [aws:MultiFactorAuthPresent]", d.Missing)
	}
	if len(d.Layers) != 1 || d.Layers[0].Layer != LayerIdentity || d.Layers[0].Effect != ImplicitDeny {
		t.Errorf("layers %+v", d.Layers)
	}
	d = decideWith(t, p, Question{Principal: "arn:aws:iam::111122223333:user/a", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k",
		Context: ctx("aws:SourceIp", "10.1.1.1", "aws:MultiFactorAuthPresent", "true"), ExactContext: true})
	want := StatementRef{File: "iam/policies/dev.json", Line: 2, Pointer: "/Statement/0", Sid: "Office", Effect: "Allow"}
	if d.Effect != Allow || len(d.Reasons) != 1 || d.Reasons[0] != want {
		t.Errorf("allow reasons %+v, want [%+v]", d.Reasons, want)
	}
}
