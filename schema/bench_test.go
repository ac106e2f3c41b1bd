package schema

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// generate writes n policy documents of all three dialects, one in ten
// with a mistake, from a fixed seed.
func generate(n int) (names []string, docs [][]byte, dialects []policydoc.Dialect) {
	r := rand.New(rand.NewPCG(1, 2))
	actions := map[policydoc.Dialect][]string{
		policydoc.ACS:     {"ecs:DescribeInstances", "ecs:StopInstance", "oss:GetObject", "oss:PutObject", "ram:ListUsers", "sts:AssumeRole", "mq:PUB"},
		policydoc.JDCloud: {"vm:describeInstances", "vm:stopInstance", "oss:GetObject", "iam:createSubUser", "sts:assumeRole"},
		policydoc.AWS:     {"s3:GetObject", "s3:PutObject", "ec2:StartInstances", "iam:PassRole", "kms:Decrypt", "sqs:SendMessage"},
	}
	resources := map[policydoc.Dialect][]string{
		policydoc.ACS:     {"acs:ecs:*:11223344:instance/*", "acs:oss:*:*:reports/*", "*"},
		policydoc.JDCloud: {"jrn:vm:cn-north-1:859150329790:instances/*", "jrn:oss:*:859150329790:bucket/*", "*"},
		policydoc.AWS:     {"arn:aws:s3:::reports/*", "arn:aws:ec2:us-east-1:111122223333:instance/*", "*"},
	}
	keys := map[policydoc.Dialect]string{policydoc.ACS: "acs:SourceIp", policydoc.JDCloud: "jdcloud:SourceIp", policydoc.AWS: "aws:SourceIp"}
	for i := range n {
		d := policydoc.Dialects[i%3]
		var b strings.Builder
		fmt.Fprintf(&b, "{\n  \"Version\": %q,\n  \"Statement\": [\n", d.Versions()[0])
		stmts := 1 + r.IntN(4)
		for s := range stmts {
			effect := "Allow"
			if r.IntN(5) == 0 {
				effect = "Deny"
			}
			if r.IntN(10) == 0 {
				effect = "allow" // a mistake
			}
			acts := actions[d]
			fmt.Fprintf(&b, "    {\n      \"Sid\": \"S%d\",\n      \"Effect\": %q,\n      \"Action\": [%q, %q],\n      \"Resource\": %q", s, effect, acts[r.IntN(len(acts))], acts[r.IntN(len(acts))], resources[d][r.IntN(3)])
			if r.IntN(4) == 0 {
				fmt.Fprintf(&b, ",\n      \"Condition\": {\"IpAddress\": {%q: [\"203.0.113.0/24\"]}}", keys[d])
			}
			b.WriteString("\n    }")
			if s < stmts-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString("  ]\n}\n")
		names = append(names, fmt.Sprintf("iam/policies/p%05d.json", i))
		docs = append(docs, []byte(b.String()))
		dialects = append(dialects, d)
	}
	return names, docs, dialects
}

// BenchmarkParseValidate parses and validates 10,000 generated documents
// per operation.
func BenchmarkParseValidate(b *testing.B) {
	names, docs, dialects := generate(10_000)
	v, err := New()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(strings.Join(func() []string {
		out := make([]string, len(docs))
		for i, d := range docs {
			out[i] = string(d)
		}
		return out
	}(), ""))))
	var problems int
	for b.Loop() {
		problems = 0
		for i, src := range docs {
			doc, err := policydoc.Parse(names[i], src, policydoc.JSON, policydoc.DefaultLimits)
			if err != nil {
				b.Fatal(err)
			}
			subj, _ := ForPolicy(dialects[i], policydoc.Identity)
			problems += len(v.Validate(doc, subj))
		}
	}
	if problems == 0 {
		b.Fatal("the generated mistakes went unnoticed")
	}
	b.ReportMetric(float64(problems), "findings")
}
