package diff

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// seedHead is the seed story's change to fixtures/acs-cross-account: the
// trust policy of ecs-admin no longer names company-b (as in
// fixtures/acs-cross-account-revoked), and company-a's ops group gets oss:*
// on every bucket.
func seedHead(t testing.TB) map[string]string {
	base := fixture(t, "acs-cross-account")
	revoked := fixture(t, "acs-cross-account-revoked")
	return map[string]string{
		"iam/policies/ecs-admin.trust.json": revoked["iam/policies/ecs-admin.trust.json"],
		"iam/policies/oss-all.json":         ossAll,
		"iam/accounts/company-a.yaml": replace(t, base["iam/accounts/company-a.yaml"],
			"policies: [../policies/ecs-describe.json]", "policies: [../policies/ecs-describe.json, ../policies/oss-all.json]"),
	}
}

const ossAll = `{
  "Version": "1",
  "Statement": [
    {
      "Sid": "OssEverywhere",
      "Effect": "Allow",
      "Action": "oss:*",
      "Resource": "acs:oss:*:*:*"
    }
  ]
}
`

func replace(t testing.TB, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("%q not found", old)
	}
	return strings.Replace(s, old, new, 1)
}

// brief is a change in one line: principal [via role] change action on
// resource: base → head.
func brief(c Change) string {
	via := ""
	if len(c.Assume) > 0 {
		via = " via " + strings.Join(c.Assume, ",")
	}
	cond := ""
	if c.BaseConditional || c.HeadConditional {
		cond = fmt.Sprintf(" (conditional %v/%v)", c.BaseConditional, c.HeadConditional)
	}
	return fmt.Sprintf("%s%s %s %s on %s: %s → %s%s", c.Principal, via, c.Change, c.Action, c.Resource, c.Base, c.Head, cond)
}

func briefs(r *Result) []string {
	var out []string
	for _, c := range r.Changes {
		out = append(out, brief(c))
	}
	return out
}

// TestSeedStory diffs the revocation of company-b's trust, together with a
// new oss grant to a group, committed and left in the working tree: the
// diff shows that company-b's alice lost sts:AssumeRole on ecs-admin and
// with it the role's ECS access, that the group's member gained oss:* on
// every bucket, and nothing else.
func TestSeedStory(t *testing.T) {
	want := []string{
		"acs:ram::11223344:user/zhang gained oss:* on acs:oss:*:*:*: implicit-deny → allow",
		"acs:ram::12345678:user/alice lost sts:AssumeRole on acs:ram::11223344:role/ecs-admin: allow → implicit-deny",
		"acs:ram::12345678:user/alice via acs:ram::11223344:role/ecs-admin lost ecs:* on *: allow → implicit-deny",
		"acs:ram::12345678:user/alice via acs:ram::11223344:role/ecs-admin lost vpc:DescribeVpcs on *: allow → implicit-deny",
		"acs:ram::12345678:user/alice via acs:ram::11223344:role/ecs-admin lost vpc:DescribeVSwitches on *: allow → implicit-deny",
	}
	for _, committed := range []bool{true, false} {
		t.Run(fmt.Sprintf("committed=%v", committed), func(t *testing.T) {
			dir := newRepo(t, fixture(t, "acs-cross-account"))
			head := ""
			if committed {
				commitFiles(t, dir, seedHead(t), "revoke company-b, oss for ops")
				head = "HEAD"
			} else {
				writeFiles(t, dir, seedHead(t))
			}
			base := "main"
			if committed {
				base = "HEAD~1"
			}
			res := compare(t, dir, base, head, Options{})
			if got := briefs(res); !slices.Equal(got, want) {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if s := res.Summary(); s.Gained != 1 || s.Lost != 4 {
				t.Errorf("summary %+v, want 1 gained, 4 lost", s)
			}
			for _, c := range res.Changes {
				switch {
				case c.Action == "sts:AssumeRole":
					if len(c.Because.Base) != 2 || len(c.Because.Head) != 0 || c.HeadDeniedBy != "trust at hop 1" || !c.External {
						t.Errorf("the hop: because %+v, denied by %q, external %v", c.Because, c.HeadDeniedBy, c.External)
					}
					if !slices.Equal(c.Documents, []string{"iam/policies/ecs-admin.trust.json"}) {
						t.Errorf("the hop's documents: %v", c.Documents)
					}
				case c.Action == "oss:*":
					if c.Covers < 100 || c.External || len(c.Because.Head) != 1 || c.Because.Head[0].Sid != "OssEverywhere" {
						t.Errorf("the oss grant: %+v", c)
					}
					if !slices.Equal(c.Documents, []string{"iam/accounts/company-a.yaml", "iam/policies/oss-all.json"}) {
						t.Errorf("the oss grant's documents: %v", c.Documents)
					}
				case c.Action == "ecs:*":
					if c.Covers < 400 || !slices.ContainsFunc(c.Because.Base, func(r Ref) bool { return r.File == "managed:acs/AliyunECSFullAccess" }) {
						t.Errorf("the ecs access: covers %d, because %+v", c.Covers, c.Because.Base)
					}
				}
			}
			var files []string
			for _, d := range res.Documents {
				files = append(files, d.File)
				if !strings.HasPrefix(d.Diff, "--- a/"+d.File+"\n+++ b/"+d.File+"\n@@ ") {
					t.Errorf("diff of %s:\n%s", d.File, d.Diff)
				}
			}
			if want := []string{"iam/accounts/company-a.yaml", "iam/policies/ecs-admin.trust.json", "iam/policies/oss-all.json"}; !slices.Equal(files, want) {
				t.Errorf("documents %v, want %v", files, want)
			}
			var scen []string
			for _, s := range res.Scenarios {
				scen = append(scen, s.Name+" "+s.Action+": "+string(s.Base)+" → "+string(s.Head))
			}
			wantScen := []string{
				"company-b alice administers company-a ECS through ecs-admin ecs:DescribeInstances: allow → implicit-deny",
				"company-b alice administers company-a ECS through ecs-admin ecs:StartInstance: allow → implicit-deny",
				"company-b alice administers company-a ECS through ecs-admin ecs:StopInstance: allow → implicit-deny",
				"alice may switch to ecs-admin sts:AssumeRole: allow → implicit-deny",
			}
			if !slices.Equal(scen, wantScen) {
				t.Errorf("scenarios:\n%s\nwant:\n%s", strings.Join(scen, "\n"), strings.Join(wantScen, "\n"))
			}
			if res.Stats.Evaluated != 1 {
				t.Errorf("%d principals evaluated in full, want 1 (zhang, whose group changed)", res.Stats.Evaluated)
			}
		})
	}
}

// TestNoChange diffs a revision with itself and with a copy that only
// reformats and renames: nothing changes and nothing is evaluated in full.
func TestNoChange(t *testing.T) {
	files := fixture(t, "aws-org")
	dir := newRepo(t, files)
	res := compare(t, dir, "HEAD", "", Options{})
	if len(res.Changes) != 0 || len(res.Scenarios) != 0 || len(res.Documents) != 0 || res.Stats.Evaluated != 0 {
		t.Fatalf("diff of a revision with itself: %v, %d scenarios, %d evaluated", briefs(res), len(res.Scenarios), res.Stats.Evaluated)
	}
	// The same policy, laid out differently and under another name.
	commitFiles(t, dir, map[string]string{
		"iam/policies/dana.json":         "",
		"iam/policies/dana-renamed.json": strings.Join(strings.Fields(files["iam/policies/dana.json"]), " "),
		"iam/accounts/tools.yaml":        replace(t, files["iam/accounts/tools.yaml"], "../policies/dana.json", "../policies/dana-renamed.json"),
	}, "rename")
	res = compare(t, dir, "HEAD~1", "HEAD", Options{})
	if len(res.Changes) != 0 {
		t.Fatalf("a renamed, reformatted policy changed access: %v", briefs(res))
	}
}

// TestDeterministic diffs the same change with one worker and with four,
// twice: the results are identical.
func TestDeterministic(t *testing.T) {
	i := slices.IndexFunc(adversarial, func(a adversarialCase) bool { return a.name == "membership and wildcards" })
	tc := adversarial[i]
	base := fixture(t, tc.fixture)
	dir := newRepo(t, base)
	commitFiles(t, dir, tc.head(t, base), tc.name)
	var first string
	for _, workers := range []int{1, 4, 1, 4} {
		res := compare(t, dir, "HEAD~1", "HEAD", Options{Workers: workers})
		res.Stats = Stats{}
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		if first == "" {
			first = string(b)
			if len(res.Changes) < 5 {
				t.Fatalf("only %d changes", len(res.Changes))
			}
		} else if string(b) != first {
			t.Fatalf("results differ with %d workers", workers)
		}
	}
}

// TestCancel stops a comparison whose context is done.
func TestCancel(t *testing.T) {
	dir := newRepo(t, fixture(t, "aws-org"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Compare(ctx, loadRev(t, dir, "HEAD"), loadRev(t, dir, ""), Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}
