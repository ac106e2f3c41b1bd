package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/catalog"
	"github.com/rampart-iam/rampart/simulate"
	"github.com/rampart-iam/rampart/simulate/diff"
)

// goldenDiff is one fixed access diff with every case the formats must
// handle: gained and lost, a hop and access through it, "*" with
// exceptions, a conditional side with conditions met and not, a
// principal outside the inventory, several changes sharing a document
// diff, a Markdown-hostile resource name, and changed scenarios.
func goldenDiff() *diff.Result {
	trustDiff := "--- a/iam/policies/ecs-admin.trust.json\n+++ b/iam/policies/ecs-admin.trust.json\n@@ -5,7 +5,7 @@\n       \"Effect\": \"Allow\",\n       \"Principal\": {\n         \"RAM\": [\n-          \"acs:ram::12345678:root\"\n+          \"acs:ram::11223344:root\"\n         ]\n       },\n       \"Action\": \"sts:AssumeRole\"\n"
	ossDiff := "--- a/iam/policies/oss-all.json\n+++ b/iam/policies/oss-all.json\n@@ -0,0 +1,3 @@\n+{\"Version\": \"1\", \"Statement\": [\n+  {\"Sid\": \"OssEverywhere\", \"Effect\": \"Allow\", \"Action\": \"oss:*\", \"Resource\": \"acs:oss:*:*:*\"}\n+]}\n"
	trust := diff.Ref{File: "iam/policies/ecs-admin.trust.json", Line: 4, Pointer: "/Statement/0", Effect: "Allow"}
	sts := diff.Ref{File: "managed:acs/AliyunSTSAssumeRoleAccess", Line: 3, Pointer: "/Statement/0", Effect: "Allow"}
	ecs := diff.Ref{File: "managed:acs/AliyunECSFullAccess", Line: 4, Pointer: "/Statement/0", Effect: "Allow"}
	alice := func(c diff.Change) diff.Change {
		c.Principal, c.Kind, c.Account, c.External = "acs:ram::12345678:user/alice", "user", "12345678", true
		c.Change, c.Base, c.Head, c.HeadDeniedBy = diff.Lost, simulate.Allow, simulate.ImplicitDeny, "trust at hop 1"
		c.Documents = []string{"iam/policies/ecs-admin.trust.json"}
		return c
	}
	return &diff.Result{
		Base: "origin/main", Head: "working tree",
		Accounts: map[string]string{"11223344": "company-a", "12345678": "company-b"},
		Changes: []diff.Change{
			{Principal: "acs:ram::11223344:user/zhang", Kind: "user", Account: "11223344",
				Action: "ecs:Describe*", Resource: "acs:ecs:*:11223344:*", Change: diff.Lost,
				Base: simulate.Allow, Head: simulate.ImplicitDeny, HeadConditional: true, HeadDeniedBy: "identity", Covers: 184,
				Levels: []catalog.Level{catalog.LevelList, catalog.LevelRead},
				Because: diff.Because{Base: []diff.Ref{{File: "iam/policies/ecs-describe.json", Line: 4, Pointer: "/Statement/0", Sid: "DescribeEcs", Effect: "Allow"}},
					Head: []diff.Ref{{File: "iam/policies/ecs-describe.json", Line: 4, Pointer: "/Statement/0", Sid: "DescribeEcs", Effect: "Allow"}}},
				Conditions: []diff.Condition{{Side: "head", File: "iam/policies/ecs-describe.json", Line: 12, Pointer: "/Statement/0/Condition/IpAddress/acs:SourceIp",
					Effect: "Allow", Operator: "IpAddress", Key: "acs:SourceIp", Values: []string{"10.0.0.0/8"}, Missing: true}},
				Documents: []string{"iam/policies/ecs-describe.json"}},
			{Principal: "acs:ram::11223344:user/zhang", Kind: "user", Account: "11223344",
				Action: "oss:*", Resource: "acs:oss:*:*:*", Change: diff.Gained, Base: simulate.ImplicitDeny, Head: simulate.Allow,
				BaseDeniedBy: "identity", Covers: 162, Levels: []catalog.Level{catalog.LevelList, catalog.LevelRead, catalog.LevelWrite, catalog.LevelTagging},
				Because:   diff.Because{Base: []diff.Ref{}, Head: []diff.Ref{{File: "iam/policies/oss-all.json", Line: 2, Pointer: "/Statement/0", Sid: "OssEverywhere", Effect: "Allow"}}},
				Documents: []string{"iam/policies/oss-all.json"}},
			alice(diff.Change{Action: "sts:AssumeRole", Resource: "acs:ram::11223344:role/ecs-admin", Levels: []catalog.Level{catalog.LevelWrite},
				Because: diff.Because{Base: []diff.Ref{trust, sts}, Head: []diff.Ref{}}}),
			alice(diff.Change{Action: "ecs:*", Resource: "*", Assume: []string{"acs:ram::11223344:role/ecs-admin"}, Covers: 497,
				Levels:  []catalog.Level{catalog.LevelList, catalog.LevelRead, catalog.LevelWrite, catalog.LevelTagging},
				Because: diff.Because{Base: []diff.Ref{trust, ecs, sts}, Head: []diff.Ref{}}}),
			{Principal: "arn:aws:iam::999988887777:user/auditor", Kind: "external-user", Account: "999988887777", External: true,
				Action: "*", Except: []string{"iam:*", "organizations:*"}, Covers: 21838, Resource: "arn:aws:s3:::reports|2026/*",
				Change: diff.Gained, Base: simulate.ExplicitDeny, Head: simulate.Allow, HeadConditional: true, BaseDeniedBy: "resource",
				Because: diff.Because{Base: []diff.Ref{{File: "iam/policies/reports.bucket.json", Line: 14, Pointer: "/Statement/1", Sid: "NoOne", Effect: "Deny"}},
					Head: []diff.Ref{{File: "iam/policies/reports.bucket.json", Line: 4, Pointer: "/Statement/0", Sid: "Auditor", Effect: "Allow"}}},
				Conditions: []diff.Condition{{Side: "head", File: "iam/policies/reports.bucket.json", Line: 9, Pointer: "/Statement/0/Condition/Bool/aws:SecureTransport",
					Effect: "Allow", Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"true"}, Met: true}}},
		},
		Scenarios: []diff.ScenarioChange{
			{Name: "alice may switch to ecs-admin", File: "iam/scenarios/cross-account.yaml", Line: 10, Base: simulate.Allow, Head: simulate.ImplicitDeny,
				Principal: "acs:ram::12345678:user/alice", Action: "sts:AssumeRole", Resource: "acs:ram::11223344:role/ecs-admin"},
		},
		Documents: []diff.Document{
			{File: "iam/policies/ecs-admin.trust.json", Diff: trustDiff},
			{File: "iam/policies/oss-all.json", Diff: ossDiff},
		},
	}
}

func TestDiffGolden(t *testing.T) {
	empty := &diff.Result{Base: "HEAD~1", Head: "HEAD"}
	cases := []struct {
		golden, format string
		r              *diff.Result
		color          bool
	}{
		{"diff.txt", "text", goldenDiff(), false},
		{"diff-color.txt", "text", goldenDiff(), true},
		{"diff.md", "markdown", goldenDiff(), false},
		{"diff.json", "json", goldenDiff(), false},
		{"diff-empty.txt", "text", empty, false},
		{"diff-empty.md", "markdown", empty, false},
		{"diff-empty.json", "json", empty, false},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteDiff(&b, c.format, c.r, Options{Color: c.color}); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, c.golden, b.Bytes())
		})
	}
}

// TestDiffJSONContract checks the keys of the JSON document against the
// contract of DESIGN.md: the required keys are always there, the rest are
// optional.
func TestDiffJSONContract(t *testing.T) {
	for _, r := range []*diff.Result{goldenDiff(), {Base: "a", Head: "b"}} {
		var b bytes.Buffer
		if err := WriteDiff(&b, "json", r, Options{}); err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"version", "base", "head", "changes", "scenarios", "summary"} {
			if _, ok := doc[k]; !ok {
				t.Errorf("no %q in %s", k, b.String())
			}
		}
		if _, ok := doc["changes"].([]any); !ok {
			t.Errorf("changes is %T, want a list", doc["changes"])
		}
		sum := doc["summary"].(map[string]any)
		if len(sum) != 2 || sum["gained"] == nil || sum["lost"] == nil {
			t.Errorf("summary %v, want gained and lost", sum)
		}
		required := []string{"principal", "action", "resource", "change", "base", "head", "because"}
		optional := []string{"kind", "account", "assume", "covers", "except", "levels", "external", "base_conditional", "head_conditional",
			"base_denied_by", "head_denied_by", "conditions", "documents"}
		for _, c := range doc["changes"].([]any) {
			ch := c.(map[string]any)
			for _, k := range required {
				if _, ok := ch[k]; !ok {
					t.Errorf("change without %q: %v", k, ch)
				}
			}
			for k := range ch {
				if !slices.Contains(required, k) && !slices.Contains(optional, k) {
					t.Errorf("change with unknown key %q", k)
				}
			}
			because := ch["because"].(map[string]any)
			for _, side := range []string{"base", "head"} {
				if _, ok := because[side].([]any); !ok {
					t.Errorf("because.%s is %T, want a list", side, because[side])
				}
			}
			switch ch["change"] {
			case "gained":
				if ch["head"] != "allow" || ch["base"] == "allow" {
					t.Errorf("gained %v → %v", ch["base"], ch["head"])
				}
			case "lost":
				if ch["base"] != "allow" || ch["head"] == "allow" {
					t.Errorf("lost %v → %v", ch["base"], ch["head"])
				}
			default:
				t.Errorf("change %v", ch["change"])
			}
		}
	}
}

// TestDiffMarkdownLimit renders a diff far larger than a comment may be:
// the output stays under the limit and says what it left out.
func TestDiffMarkdownLimit(t *testing.T) {
	r := goldenDiff()
	long := strings.Repeat("x", 2000)
	for i := range 300 {
		c := r.Changes[1]
		c.Principal = fmt.Sprintf("acs:ram::11223344:user/u%03d", i)
		c.Resource = "acs:oss:*:*:" + long
		r.Changes = append(r.Changes, c)
	}
	for i := range 400 {
		s := r.Scenarios[0]
		s.Name = fmt.Sprintf("scenario %d %s", i, long[:200])
		r.Scenarios = append(r.Scenarios, s)
	}
	out := renderDiffMarkdown(r, commentLimit)
	if len(out) > commentLimit {
		t.Errorf("%d bytes, over the limit of %d", len(out), commentLimit)
	}
	for _, want := range []string{"more principals are not shown", "more scenarios are not shown", diffMarker} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the truncated comment", want)
		}
	}
	// A section too large with its document diffs is shown without them.
	small := goldenDiff()
	small.Documents[0].Diff += strings.Repeat("+x\n", 30_000)
	out = renderDiffMarkdown(small, commentLimit)
	if len(out) > commentLimit || !strings.Contains(out, "diffs left out for size") || !strings.Contains(out, "user/alice") {
		t.Errorf("the oversized document diff was not left out (%d bytes)", len(out))
	}
}

func TestDiffColor(t *testing.T) {
	for _, on := range []bool{false, true} {
		var b bytes.Buffer
		if err := WriteDiff(&b, "text", goldenDiff(), Options{Color: on}); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(b.String(), "\x1b["); got != on {
			t.Errorf("colour %v: escape sequences present: %v", on, got)
		}
	}
}

func TestDiffUnknownFormat(t *testing.T) {
	err := WriteDiff(&bytes.Buffer{}, "sarif", goldenDiff(), Options{})
	if err == nil || !strings.Contains(err.Error(), "json, markdown, text") {
		t.Errorf("error %v, want the list of formats", err)
	}
}
