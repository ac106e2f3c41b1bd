package schema

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

func validate(t *testing.T, v *Validator, name, src string, s Subject) []string {
	t.Helper()
	doc, err := policydoc.Parse(name, []byte(src), policydoc.FormatOf(name), policydoc.DefaultLimits)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	var out []string
	for _, f := range v.Validate(doc, s) {
		out = append(out, fmt.Sprintf("%d:%d %s %s", f.Line, f.Column, f.Pointer, f.Message))
	}
	return out
}

func TestValidateMessages(t *testing.T) {
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	acsID, _ := ForPolicy(policydoc.ACS, policydoc.Identity)
	acsTrust, _ := ForPolicy(policydoc.ACS, policydoc.Trust)
	awsID, _ := ForPolicy(policydoc.AWS, policydoc.Identity)
	awsTrust, _ := ForPolicy(policydoc.AWS, policydoc.Trust)
	awsRes, _ := ForPolicy(policydoc.AWS, policydoc.Resource)
	jdID, _ := ForPolicy(policydoc.JDCloud, policydoc.Identity)
	tests := []struct {
		name, src string
		subj      Subject
		want      []string
	}{
		{"effect.json", "{\n  \"Version\": \"1\",\n  \"Statement\": [{\"Effect\": \"allow\", \"Action\": \"ecs:*\", \"Resource\": \"*\"}]\n}", acsID,
			[]string{`3:28 /Statement/0/Effect Effect must be "Allow" or "Deny", got "allow" (the case matters)`}},
		{"action.json", `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": 5, "Resource": "*"}]}`, acsID,
			[]string{`1:62 /Statement/0/Action Action must be a string or a list of strings, got the number 5`}},
		{"action-item.json", `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": ["ecs:*", true], "Resource": "*"}]}`, acsID,
			[]string{`1:72 /Statement/0/Action/1 Action[1] must be a string, got the boolean true`}},
		{"nostatement.json", "{\n  \"Version\": \"1\"\n}", acsID,
			[]string{`1:1 /Statement the acs identity policy has no Statement`}},
		{"typo.json", `{"Version": "1", "Statment": [], "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`, acsID,
			[]string{`1:18 /Statment unknown key "Statment" in the acs identity policy (did you mean "Statement"?)`}},
		{"version.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`, acsID,
			[]string{`1:13 /Version Version must be "1" for acs (Alibaba Cloud RAM), got "2012-10-17"; that Version belongs to aws: set the document's dialect in rampart.yaml or the inventory`}},
		{"both.json", `{"Version": "1", "Statement": [{"Sid": "X", "Effect": "Allow", "Action": "*", "NotAction": "ecs:*", "Resource": "*"}]}`, acsID,
			[]string{`1:79 /Statement/0/NotAction statement 0 ("X") has both Action and NotAction: keep one`}},
		{"neither.json", `{"Version": "1", "Statement": [{"Effect": "Allow", "Resource": "*"}]}`, acsID,
			[]string{`1:32 /Statement/0 statement 0 has neither Action nor NotAction`}},
		{"principal.json", `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*", "Principal": {"RAM": "x"}}]}`, acsID,
			[]string{`1:88 /Statement/0/Principal Principal is not allowed in an identity policy: only trust and resource policies name principals`}},
		{"trust.json", `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Ram": ["acs:ram::1:root"]}}]}`, acsTrust,
			[]string{`1:94 /Statement/0/Principal/Ram unknown principal type "Ram": acs trust policies use one of RAM, Service, Federated (did you mean "RAM"?)`}},
		{"operator.json", `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEqual": {"acs:SourceVpc": "vpc-1"}}}]}`, acsID,
			[]string{`1:98 /Statement/0/Condition/StringEqual unknown condition operator "StringEqual" (did you mean "StringEquals"?)`}},
		{"acsbool.yaml", "Version: \"1\"\nStatement:\n  - Effect: Allow\n    Action: \"*\"\n    Resource: \"*\"\n    Condition:\n      Bool: {acs:MFAPresent: true}\n", acsID,
			[]string{`7:30 /Statement/0/Condition/Bool/acs:MFAPresent acs:MFAPresent must be a string or a list of strings, got the boolean true: acs condition values are strings, write "true" in quotes`}},
		{"awsbool.json", `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": true}}}}`, awsID, nil},
		{"awsobj.json", `{"Version": "2012-10-17", "Statement": {"Effect": "Permit", "Action": "*"}}`, awsID,
			[]string{`1:40 /Statement the statement has neither Resource nor NotResource`, `1:51 /Statement/Effect Effect must be "Allow" or "Deny", got "Permit"`}},
		{"awstrust.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "111122223333"}, "Resource": "*"}]}`, awsTrust,
			[]string{`1:127 /Statement/0/Resource Resource is not allowed in an aws trust policy: the role itself is the resource`}},
		{"awsres.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Principal": "everyone", "Resource": "*"}]}`, awsRes,
			[]string{`1:100 /Statement/0/Principal Principal must be "*" or a map such as {"AWS": ["arn:aws:iam::111122223333:root"]}, got "everyone"`}},
		{"jd.json", `{"version": "3", "statement": [{"effect": "Allow", "action": "vm:*", "resource": "*", "NotAction": "x"}]}`, jdID,
			[]string{`1:87 /statement/0/NotAction JD Cloud IAM has no NotAction: list the actions and resources the statement is about`}},
		{"jdnum.json", `{"Version": 3, "Statement": [{"Effect": "Allow", "Action": "vm:*", "Resource": "*"}]}`, jdID, nil},
		{"inventory.yaml", "account: \"11223344\"\nusers:\n  alice: {groups: [ops], mfa: yes, colsole: true}\n", Inventory,
			[]string{`3:31 /users/alice/mfa mfa must be a boolean, got "yes"`, `3:36 /users/alice/colsole unknown key "colsole" in user "alice" (did you mean "console"?)`}},
		{"scenario.yaml", "scenarios:\n  - name: x\n    principal: p\n    action: a\n    expect: allowed\n", Scenarios,
			[]string{`2:5 /scenarios/0 scenario "x" has neither resource nor resources`, `5:13 /scenarios/0/expect expect must be one of "allow", "deny", "explicit-deny", "implicit-deny", got "allowed"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := validate(t, v, tt.name, tt.src, tt.subj)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
