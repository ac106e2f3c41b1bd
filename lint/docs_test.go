package lint

import (
	"context"
	"strings"
	"testing"
)

func TestExplain(t *testing.T) {
	byID, err := Explain("LP001")
	if err != nil {
		t.Fatal(err)
	}
	byName, err := Explain("full-admin")
	if err != nil {
		t.Fatal(err)
	}
	if byID != byName {
		t.Error("the page differs by ID and by name")
	}
	for _, want := range []string{
		"# LP001 full-admin\n",
		"| Severity | error |",
		"## Avoid\n",
		"[`examples/bad_star.json`](examples/bad_star.json)",
		`7:17: error LP001 full-admin: statement "All" allows every action on every resource`,
		"## Prefer\n",
		"## Rationale\n",
		"## Remediation\n",
		"  disable: [LP001]",
		"- [Source](full_admin.rego)",
	} {
		if !strings.Contains(byID, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	builtin, err := Explain("VAL002")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(builtin, "# VAL002 duplicate-key") || strings.Contains(builtin, "## Avoid") {
		t.Errorf("built-in page:\n%s", builtin)
	}
	if _, err := Explain("LP999"); err == nil {
		t.Error("no error for an unknown rule")
	}
}

// TestExplainCustom checks the page of a custom rule with its examples,
// including a folder example.
func TestExplainCustom(t *testing.T) {
	dir := ruleDir(t, map[string]string{
		"org/admins/admins.rego": customRule("custom.rules.org.admins", strings.Replace(customFields, "name: slow", "name: admins", 1), `import data.rampart.lib.result

aggregate contains result.finding_in("too many", d.file, "") if {
	some d in input.documents
	count(d.statements) > 1
}`),
		"org/admins/examples/bad_two/iam/policies/p.json": `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:DescribeInstances", "Resource": "*"}, {"Effect": "Allow", "Action": "ecs:StartInstance", "Resource": "*"}]}`,
		"org/admins/examples/bad_two.want":                "iam/policies/p.json:1:1 ORG001 \n",
		"org/admins/examples/good_one.json":               `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:DescribeInstances", "Resource": "*"}]}`,
	})
	e, err := New(Options{RuleDirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	page, err := e.Explain(context.Background(), "ORG001")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"[`examples/bad_two/iam/policies/p.json`]", "iam/policies/p.json:1:1: warning ORG001 admins: too many", "[`examples/good_one.json`]"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	r, _ := e.Rule("ORG001")
	exs, err := r.Examples()
	if err != nil || len(exs) != 2 || !exs[0].Bad || !exs[0].Dir || exs[0].Want[0] != "iam/policies/p.json:1:1 ORG001" {
		t.Errorf("examples %+v (%v)", exs, err)
	}
}

func TestExamplesFolderErrors(t *testing.T) {
	rule := customRule("custom.rules.org.admins", strings.Replace(customFields, "name: slow", "name: admins", 1), `deny contains {"msg": "m", "pointer": ""} if false`)
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"bad without .want", map[string]string{"org/admins/examples/bad_x.json": "{}"}, "bad_x.want: missing"},
		{"good with .want", map[string]string{"org/admins/examples/good_x.json": "{}", "org/admins/examples/good_x.want": ""}, "a good example expects no finding"},
		{"stray .want", map[string]string{"org/admins/examples/bad_y.want": ""}, "no example bad_y.json"},
		{"stray file", map[string]string{"org/admins/examples/notes.txt": ""}, "examples are bad_*.json|yaml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"org/admins/admins.rego": rule}
			for k, v := range c.files {
				files[k] = v
			}
			e, err := New(Options{RuleDirs: []string{ruleDir(t, files)}})
			if err != nil {
				t.Fatal(err)
			}
			r, _ := e.Rule("ORG001")
			if _, err := r.Examples(); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

func TestIndex(t *testing.T) {
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	idx := Index(e.Rules())
	for _, want := range []string{
		"| [LP001](least_privilege/full_admin/README.md) | full-admin | least-privilege | error | on |",
		"| [LP010](least_privilege/wildcard_expansion/README.md) | wildcard-expansion | least-privilege | info | off |",
		"| VAL001 | syntax | validation | error |",
		"| RUN001 | rule-timeout | engine | error |",
	} {
		if !strings.Contains(idx, want) {
			t.Errorf("the index lacks %q", want)
		}
	}
}
