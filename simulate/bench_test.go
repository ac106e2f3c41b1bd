package simulate

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// benchWorkspace is one aws account whose user has ten attached policies
// of five statements each, every statement with conditions.
func benchWorkspace(tb testing.TB) *workspace.Workspace {
	tb.Helper()
	acct := &workspace.Account{ID: "111122223333", Dialect: policydoc.AWS}
	user := &workspace.User{Name: "dev", Account: acct, Tags: map[string]string{"team": "data"}}
	acct.Users = []*workspace.User{user}
	ws := &workspace.Workspace{Accounts: []*workspace.Account{acct}}
	services := []string{"s3", "ec2", "dynamodb", "sqs", "kms", "lambda", "iam", "sns", "logs", "rds"}
	for i := 0; i < 10; i++ {
		svc := services[i]
		var stmts []string
		for j := 0; j < 5; j++ {
			effect, verb := "Allow", "Get*"
			if j == 4 {
				effect, verb = "Deny", "Delete*"
			}
			stmts = append(stmts, fmt.Sprintf(`{"Sid":"S%d%d","Effect":%q,"Action":["%s:%s","%s:Describe%d*","%s:List%d*"],
				"Resource":["arn:aws:%s:*:111122223333:thing%d/*","arn:aws:s3:::bucket-%d/${aws:username}/*"],
				"Condition":{"StringEquals":{"aws:PrincipalTag/team":["data","ml"]},
					"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.0.2.0/24"]},
					"NumericLessThanIfExists":{"aws:MultiFactorAuthAge":"3600"},
					"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}}`,
				j, i, effect, svc, verb, svc, j, svc, j, svc, j, i))
		}
		src := `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
		name := fmt.Sprintf("iam/policies/p%d.json", i)
		doc, err := policydoc.Parse(name, []byte(src), policydoc.JSON, policydoc.DefaultLimits)
		if err != nil {
			tb.Fatal(err)
		}
		p := &workspace.Policy{Policy: policydoc.Normalize(doc, policydoc.AWS, policydoc.Identity)}
		ws.Policies = append(ws.Policies, p)
		user.Policies = append(user.Policies, &workspace.PolicyRef{Text: name, Policy: p})
	}
	return ws
}

var benchQuestion = Question{
	Principal: "arn:aws:iam::111122223333:user/dev",
	Action:    "s3:GetObject",
	Resource:  "arn:aws:s3:::bucket-0/dev/report.csv",
	Context: map[string]workspace.ContextValue{
		"aws:SourceIp":    {Values: []string{"10.1.2.3"}},
		"aws:CurrentTime": {Values: []string{"2026-03-01T10:00:00Z"}},
	},
}

// BenchmarkDecide decides one prepared question for a principal with ten
// attached policies of five statements with conditions: the throughput
// target is 1,000,000 decisions per second on one core.
func BenchmarkDecide(b *testing.B) {
	sim, err := New(benchWorkspace(b))
	if err != nil {
		b.Fatal(err)
	}
	p, err := sim.Prepare(benchQuestion)
	if err != nil {
		b.Fatal(err)
	}
	if e := p.Decide(); e != Allow {
		b.Fatalf("benchmark question decided %s, want allow", e)
	}
	b.ReportAllocs()
	for b.Loop() {
		if p.Decide() != Allow {
			b.Fatal("decision changed")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
}

// BenchmarkCan answers the same question from scratch each time, with the
// full explanation: resolving the principal, the context and the target.
func BenchmarkCan(b *testing.B) {
	sim, err := New(benchWorkspace(b))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	d, err := sim.Can(ctx, benchQuestion)
	if err != nil {
		b.Fatal(err)
	}
	if d.Effect != Allow || len(d.Reasons) == 0 {
		b.Fatalf("benchmark question decided %s with %d reasons, want allow with reasons", d.Effect, len(d.Reasons))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sim.Can(ctx, benchQuestion); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
}

// benchMix are questions on the benchmark workspace with their effects:
// grants, explicit denials, conditions that fail, actions no statement
// names, on several services of the ten policies.
var benchMix = []struct {
	q    Question
	want Effect
}{
	{benchQuestion, Allow},
	{withAction(benchQuestion, "s3:DeleteObject", ""), ExplicitDeny},
	{withAction(benchQuestion, "ec2:GetConsoleOutput", "arn:aws:ec2:us-east-1:111122223333:thing2/i-1"), Allow},
	{withContext(benchQuestion, "aws:SourceIp", "203.0.113.9"), ImplicitDeny},
	{withAction(benchQuestion, "ecs:ListClusters", "*"), ImplicitDeny},
	{withAction(benchQuestion, "kms:ListKeys", "*"), ImplicitDeny},
	{withAction(benchQuestion, "dynamodb:DeleteTable", "arn:aws:dynamodb:us-east-1:111122223333:thing4/t"), ExplicitDeny},
	{withContext(benchQuestion, "aws:SourceIp", ""), ImplicitDeny},
}

// withAction returns q on another action and, unless empty, resource.
func withAction(q Question, action, resource string) Question {
	q.Action = action
	if resource != "" {
		q.Resource = resource
	}
	return q
}

// withContext returns q with one context key replaced, or removed when
// the value is empty.
func withContext(q Question, key, value string) Question {
	c := map[string]workspace.ContextValue{}
	for k, v := range q.Context {
		if k != key {
			c[k] = v
		}
	}
	if value != "" {
		c[key] = workspace.ContextValue{Values: []string{value}}
	}
	q.Context = c
	return q
}

// BenchmarkDecideMix decides the questions of benchMix in turn, each
// prepared once: one op is one decision.
func BenchmarkDecideMix(b *testing.B) {
	sim, err := New(benchWorkspace(b))
	if err != nil {
		b.Fatal(err)
	}
	ps := make([]*Prepared, len(benchMix))
	for i, m := range benchMix {
		if ps[i], err = sim.Prepare(m.q); err != nil {
			b.Fatal(err)
		}
		if e := ps[i].Decide(); e != m.want {
			b.Fatalf("question %d decided %s, want %s", i, e, m.want)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if ps[i].Decide() != benchMix[i].want {
			b.Fatal("decision changed")
		}
		if i++; i == len(ps) {
			i = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
}
