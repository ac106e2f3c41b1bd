package workspace

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// fuzzLoad loads a repository holding one fuzzed file next to valid ones
// and checks that loading never fails as a whole, never panics, and that
// every finding names a file and a position.
func fuzzLoad(t *testing.T, name string, data []byte) {
	fsys := fstest.MapFS{
		name:                         {Data: data},
		"iam/policies/ecs-read.json": {Data: []byte(ecsRead)},
		"iam/policies/trust.json":    {Data: []byte(trust)},
	}
	ws, err := Load(context.Background(), fsys, "fuzz", Options{Config: &Config{}})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	for _, f := range ws.Findings {
		if f.File == "" || f.Line < 1 || f.Column < 1 {
			t.Fatalf("finding without a position: %+v", f)
		}
		if strings.TrimSpace(f.Message) == "" {
			t.Fatalf("finding without a message: %+v", f)
		}
	}
}

func FuzzLoadInventory(f *testing.F) {
	for _, s := range []string{
		"account: \"1\"\ndialect: acs\nusers:\n  a: {groups: [g], policies: [AliyunECSFullAccess, ../policies/ecs-read.json]}\ngroups:\n  g: {policies: [../policies/ecs-read.json]}\nroles:\n  r: {trust: ../policies/trust.json}\n",
		"account: \"2\"\nresources:\n  - {arn: \"acs:oss:*:2:b\", policy: ../policies/missing.json}\ncontrol_policies: [[../policies/ecs-read.json], ../../x.json]\n",
		"account: 3\nusers: [1, 2]\ngroups: null\n",
		"account: \"4\"\ndialect: aws\nusers:\n  u: {policies: [/etc/passwd, AdministratorAccess], access_keys: [{id: x, active: false}]}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "iam/accounts/fuzz.yaml", data) })
}

func FuzzLoadScenarios(f *testing.F) {
	for _, s := range []string{
		"scenarios:\n  - name: x\n    principal: acs:ram::1:user/a\n    action: ecs:StopInstance\n    resource: \"*\"\n    expect: allow\n",
		"scenarios:\n  - name: y\n    principal: p\n    actions: [a, b]\n    resources: [r]\n    context: {k: [1, true], j: x}\n    policies:\n      identity: [../policies/ecs-read.json, {Version: \"1\", Statement: []}]\n      control: [[../policies/ecs-read.json]]\n    expect: deny\n",
		"scenarios: {}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "iam/scenarios/fuzz.yaml", data) })
}
