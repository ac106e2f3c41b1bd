// Package benchrepo generates the repository lint's benchmarks and bench
// script run on: policy documents of the three dialects, some trust
// policies, an inventory. The same n gives the same files.
package benchrepo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing/fstest"
)

// Generate returns a repository of n policy documents in the three
// dialects, mostly identity policies with some trust policies, 1 to 4
// statements each, a fifth of them with conditions, and an inventory.
func Generate(n int) fstest.MapFS {
	rng := rand.New(rand.NewPCG(1, 2))
	type dialect struct {
		version, arn, account, assume string
		actions                       []string
		keys                          []string
	}
	dialects := []dialect{
		{"1", "acs:%s:*:11223344:%s", "acs:ram::%d:root", "sts:AssumeRole",
			[]string{"ecs:DescribeInstances", "ecs:Describe*", "ecs:StopInstance", "oss:GetObject", "oss:PutObject", "oss:ListObjects", "ram:*", "ram:ListUsers", "sts:AssumeRole", "kms:Decrypt", "*", "log:GetLogStore", "ecs:*"},
			[]string{"acs:SourceIp", "acs:MFAPresent", "acs:CurrentTime"}},
		{"3", "jrn:%s:*:112233445566:%s", "jrn:iam::%d:root", "sts:assumeRole",
			[]string{"vm:describeInstances", "vm:describe*", "vm:stopInstance", "iam:*", "iam:createSubUser", "oss:getObject", "sts:assumeRole", "disk:*"},
			[]string{"jdcloud:SourceIp", "jdcloud:CurrentTime"}},
		{"2012-10-17", "arn:aws:%s:us-east-1:111122223333:%s", "arn:aws:iam::%d:root", "sts:AssumeRole",
			[]string{"s3:GetObject", "s3:Get*", "s3:PutObject", "s3:ListBucket", "iam:*", "iam:PassRole", "ec2:DescribeInstances", "ec2:*", "kms:Decrypt", "sts:AssumeRole", "*", "dynamodb:GetItem", "lambda:InvokeFunction", "s3:GetObjekt"},
			[]string{"aws:SourceIp", "aws:MultiFactorAuthPresent", "aws:CurrentTime", "aws:TagKeys"}},
	}
	pick := func(ss []string) string { return ss[rng.IntN(len(ss))] }
	fsys := fstest.MapFS{}
	for i := range n {
		d := dialects[i%3]
		var stmts []string
		trust := i%10 == 0
		for j := range 1 + rng.IntN(4) {
			effect := "Allow"
			if rng.IntN(6) == 0 {
				effect = "Deny"
			}
			var parts []string
			parts = append(parts, fmt.Sprintf(`"Sid": "S%d"`, j), fmt.Sprintf(`"Effect": %q`, effect))
			if trust {
				parts = append(parts, fmt.Sprintf(`"Action": %q`, d.assume), fmt.Sprintf(`"Principal": {%q: [%q]}`, map[string]string{"1": "RAM", "3": "JDCLOUD", "2012-10-17": "AWS"}[d.version], fmt.Sprintf(d.account, 10000000+rng.IntN(5))))
			} else {
				var acts []string
				for range 1 + rng.IntN(3) {
					acts = append(acts, fmt.Sprintf("%q", pick(d.actions)))
				}
				parts = append(parts, "\"Action\": ["+strings.Join(acts, ", ")+"]")
				res := `"*"`
				if rng.IntN(3) > 0 {
					res = fmt.Sprintf("%q", fmt.Sprintf(d.arn, "svc", fmt.Sprintf("thing/%d/*", rng.IntN(100))))
				}
				parts = append(parts, `"Resource": `+res)
			}
			if rng.IntN(5) == 0 {
				key := pick(d.keys)
				op, val := "StringEquals", `"x"`
				switch {
				case strings.HasSuffix(key, "SourceIp"):
					op, val = "IpAddress", `"203.0.113.0/24"`
				case strings.HasSuffix(key, "CurrentTime"):
					op, val = "DateLessThan", `"2025-01-01T00:00:00Z"`
				case strings.HasSuffix(key, "TagKeys"):
					op, val = "ForAnyValue:StringNotEquals", `["a", "b"]`
				case strings.Contains(key, "MFA") || strings.Contains(key, "MultiFactor"):
					op, val = "Bool", `"true"`
				}
				parts = append(parts, fmt.Sprintf(`"Condition": {%q: {%q: %s}}`, op, key, val))
			}
			stmts = append(stmts, "    {"+strings.Join(parts, ", ")+"}")
		}
		name := fmt.Sprintf("iam/policies/p%05d.json", i)
		if trust {
			name = fmt.Sprintf("iam/policies/p%05d.trust.json", i)
		}
		body := fmt.Sprintf("{\n  \"Version\": %q,\n  \"Statement\": [\n%s\n  ]\n}\n", d.version, strings.Join(stmts, ",\n"))
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	fsys["iam/accounts/a.yaml"] = &fstest.MapFile{Data: []byte("account: \"11223344\"\ndialect: acs\nusers:\n  alice: {console: true}\n  bob: {console: true, mfa: true}\n")}
	fsys["rampart.yaml"] = &fstest.MapFile{Data: []byte("known_accounts:\n  \"10000001\": partner\n")}
	return fsys
}
