package policydoc

import "testing"

func TestAnchorSurvivesMovesAndReformatting(t *testing.T) {
	a := mustParse(t, "a.json", `{"Version":"1","Statement":[
  {"Sid":"Read","Effect":"Allow","Action":["ecs:Describe*","ecs:Start*"],"Resource":"*"},
  {"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	b := mustParse(t, "b.yaml", `Version: "1"
Statement:
  - Effect: Deny
    Action: oss:*
    Resource: "*"
  - Effect: Allow
    Action: "*"
    Resource: "*"
  - Sid: Read
    Effect: Allow
    Action: [ecs:Start*, ecs:Describe*]
    Resource: "*"
`)
	pairs := [][2]string{
		{"/Statement/0/Action/1", "/Statement/2/Action/0"},
		{"/Statement/1/Action", "/Statement/1/Action"},
		{"/Statement/0", "/Statement/2"},
	}
	for _, p := range pairs {
		if x, y := a.Anchor(p[0]), b.Anchor(p[1]); x != y {
			t.Errorf("Anchor(%s) = %q, Anchor(%s) = %q; want equal", p[0], x, p[1], y)
		}
	}
	if got := a.Anchor("/Statement/0/Action/1"); got != "/Statement/sid=Read/Action/=ecs:Start*" {
		t.Errorf("anchor = %q", got)
	}
	if a.Anchor("/Statement/1/Effect") == a.Anchor("/Statement/0/Effect") {
		t.Error("different statements share an anchor")
	}
	if got := a.Anchor("/Statement/9/Effect"); got != "/Statement/9/Effect" {
		t.Errorf("unresolved anchor = %q", got)
	}
}
