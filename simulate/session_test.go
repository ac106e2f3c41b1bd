package simulate

import (
	"context"
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// TestQuestionSessionPolicyOutsideWorkspace gives a question a session
// policy that is not one of the workspace's: it must apply, with its
// conditions seeing keys only it names, to the inventory's sessions and
// to an evaluator's.
func TestQuestionSessionPolicyOutsideWorkspace(t *testing.T) {
	sim, err := New(loadRepo(t, "aws"))
	if err != nil {
		t.Fatal(err)
	}
	session := func(src string) *workspace.Policy {
		return testPolicy(t, policydoc.AWS, policydoc.Session, "session.json", src)
	}
	denyAll := session(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`)
	byAccount := func(acct string) *workspace.Policy {
		return session(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:*","Resource":"*",
			"Condition":{"StringEquals":{"aws:PrincipalAccount":"` + acct + `"}}}]}`)
	}
	q := Question{Principal: "arn:aws:iam::111122223333:user/ops", Assume: []string{"arn:aws:iam::111122223333:role/deployer"},
		Action: "lambda:UpdateFunctionCode", Resource: "arn:aws:lambda:us-east-1:111122223333:function:f"}
	cases := []struct {
		sess     *workspace.Policy
		want     Effect
		deniedBy string
	}{
		{nil, Allow, ""},
		{denyAll, ExplicitDeny, "session"},
		{byAccount("111122223333"), Allow, ""},
		{byAccount("999988887777"), ImplicitDeny, "session"},
	}
	for i, c := range cases {
		q.SessionPolicy = c.sess
		d, err := sim.Can(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		p, err := sim.Prepare(q)
		if err != nil {
			t.Fatal(err)
		}
		if d.Effect != c.want || d.DeniedBy != c.deniedBy || p.Decide() != c.want {
			t.Errorf("case %d: Can %s (denied by %q), Decide %s; want %s (%q)", i, d.Effect, d.DeniedBy, p.Decide(), c.want, c.deniedBy)
		}
	}

	e, err := NewEvaluator(Policies{Dialect: policydoc.AWS, Identity: []*workspace.Policy{testPolicy(t, policydoc.AWS, policydoc.Identity, "id.json", allowAll)}})
	if err != nil {
		t.Fatal(err)
	}
	eq := Question{Principal: "arn:aws:sts::111122223333:assumed-role/reader/s1", Action: "lambda:GetFunction", Resource: "*", SessionPolicy: byAccount("999988887777")}
	d, err := e.Can(context.Background(), eq)
	if err != nil {
		t.Fatal(err)
	}
	if d.Effect != ImplicitDeny || d.DeniedBy != "session" {
		t.Errorf("evaluator: %s (denied by %q), want implicit-deny by the session policy", d.Effect, d.DeniedBy)
	}
	eq.SessionPolicy = testPolicy(t, policydoc.ACS, policydoc.Session, "acs.json", `{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`)
	if _, err := e.Can(context.Background(), eq); err == nil {
		t.Error("a session policy of another dialect: no error")
	}
}
