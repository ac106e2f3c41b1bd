package diff

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/catalog"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

// adversarialCase is a change that pruning must not hide, on top of a
// fixture.
type adversarialCase struct {
	name    string
	fixture string
	head    func(t testing.TB, base map[string]string) map[string]string
	// want lists changes (as brief writes them) that must be among the
	// results.
	want []string
}

var adversarial = []adversarialCase{
	{
		name: "seed story", fixture: "acs-cross-account",
		head: func(t testing.TB, _ map[string]string) map[string]string { return seedHead(t) },
		want: []string{"acs:ram::11223344:user/zhang gained oss:* on acs:oss:*:*:*: implicit-deny → allow"},
	},
	{
		// A new Deny in an SCP: only the account's control policies
		// change; the role's own documents do not mention it.
		name: "new deny in an SCP", fixture: "aws-org",
		head: func(t testing.TB, base map[string]string) map[string]string {
			return map[string]string{"iam/policies/prod-guardrails.scp.json": replace(t, base["iam/policies/prod-guardrails.scp.json"],
				`"Sid": "StayInTheOrganization",`, `"Sid": "NoArtifactUploads",
      "Effect": "Deny",
      "Action": "s3:PutObject",
      "Resource": "*"
    },
    {
      "Sid": "StayInTheOrganization",`)}
		},
		want: []string{
			"arn:aws:iam::111122223333:role/deploy lost s3:PutObject on arn:aws:s3:::prod-artifacts/*: allow → explicit-deny (conditional true/false)",
			"arn:aws:iam::444455556666:user/dana via arn:aws:iam::111122223333:role/deploy lost s3:PutObject on arn:aws:s3:::prod-artifacts/*: allow → implicit-deny (conditional true/false)",
		},
	},
	{
		// A bucket policy grants a user of an account outside the
		// inventory, which no trust policy names.
		name: "resource policy grants a foreign user", fixture: "aws-org",
		head: func(t testing.TB, base map[string]string) map[string]string {
			return map[string]string{"iam/policies/prod-reports.bucket.json": replace(t, base["iam/policies/prod-reports.bucket.json"],
				`"Sid": "TLSOnly",`, `"Sid": "Auditor",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::999988887777:user/auditor"},
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": ["arn:aws:s3:::prod-reports", "arn:aws:s3:::prod-reports/*"]
    },
    {
      "Sid": "TLSOnly",`)}
		},
		want: []string{
			"arn:aws:iam::999988887777:user/auditor gained s3:GetObject on arn:aws:s3:::prod-reports/*: implicit-deny → allow",
			"arn:aws:iam::999988887777:user/auditor gained s3:ListBucket on arn:aws:s3:::prod-reports: implicit-deny → allow",
		},
	},
	{
		// A trust policy edit lets another account in: it gains the hop and
		// the role's access through it.
		name: "trust policy edit", fixture: "acs-cross-account",
		head: func(t testing.TB, base map[string]string) map[string]string {
			return map[string]string{"iam/policies/ecs-admin.trust.json": replace(t, base["iam/policies/ecs-admin.trust.json"],
				`"acs:ram::12345678:root"`, `"acs:ram::12345678:root", "acs:ram::87654321:root"`)}
		},
		want: []string{
			"acs:ram::87654321:root gained sts:AssumeRole on acs:ram::11223344:role/ecs-admin: implicit-deny → allow",
			"acs:ram::87654321:root via acs:ram::11223344:role/ecs-admin gained ecs:* on *: implicit-deny → allow",
		},
	},
	{
		// A condition added to a grant: allowed only with it now.
		name: "condition added", fixture: "acs-cross-account",
		head: func(t testing.TB, base map[string]string) map[string]string {
			return map[string]string{"iam/policies/ecs-describe.json": replace(t, base["iam/policies/ecs-describe.json"],
				`"Resource": "acs:ecs:*:11223344:*"`, `"Resource": "acs:ecs:*:11223344:*",
      "Condition": {"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}`)}
		},
		want: []string{"acs:ram::11223344:user/zhang lost ecs:Describe* on acs:ecs:*:11223344:*: allow → implicit-deny (conditional false/true)"},
	},
	{
		// A user leaves a group; another becomes an administrator with a
		// guard on iam.
		name: "membership and wildcards", fixture: "aws-org",
		head: func(t testing.TB, base map[string]string) map[string]string {
			return map[string]string{
				"iam/accounts/tools.yaml": replace(t, replace(t, base["iam/accounts/tools.yaml"], "groups: [engineers]", "groups: []"),
					"groups: [builders]", "groups: [builders]\n    policies: [../policies/admin.json]"),
				"iam/policies/admin.json": `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "*", "Resource": "*"},
  {"Effect": "Deny", "Action": ["iam:*", "organizations:*"], "Resource": "*"},
  {"Effect": "Allow", "NotAction": "s3:*", "Resource": "arn:aws:ec2:*:*:instance/*"}]}`,
			}
		},
		want: []string{
			"arn:aws:iam::444455556666:user/ci gained * on *: implicit-deny → allow",
			"arn:aws:iam::444455556666:user/dana lost s3:GetObject on arn:aws:s3:::prod-reports/*: allow → implicit-deny",
		},
	},
	{
		// A service trusted by a role: it gains the hop and the role's access.
		name: "service principal", fixture: "aws-org",
		head: func(t testing.TB, base map[string]string) map[string]string {
			return map[string]string{"iam/policies/deploy.trust.json": replace(t, base["iam/policies/deploy.trust.json"],
				`"Sid": "ToolsEngineersWithMFA",`, `"Sid": "Builds",
      "Effect": "Allow",
      "Principal": {"Service": "codebuild.amazonaws.com"},
      "Action": "sts:AssumeRole"
    },
    {
      "Sid": "ToolsEngineersWithMFA",`)}
		},
		want: []string{
			"codebuild.amazonaws.com gained sts:AssumeRole on arn:aws:iam::111122223333:role/deploy: implicit-deny → allow",
			"codebuild.amazonaws.com via arn:aws:iam::111122223333:role/deploy gained lambda:GetFunction on arn:aws:lambda:eu-central-1:111122223333:function:orders-*: implicit-deny → allow (conditional false/true)",
		},
	},
	{
		// A bucket opened to everyone: the anonymous caller gains.
		name: "public bucket", fixture: "aws-org",
		head: func(t testing.TB, base map[string]string) map[string]string {
			return map[string]string{"iam/policies/prod-reports.bucket.json": replace(t, base["iam/policies/prod-reports.bucket.json"],
				`"Sid": "TLSOnly",`, `"Sid": "Public",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::prod-reports/*"
    },
    {
      "Sid": "TLSOnly",`)}
		},
		want: []string{"anonymous gained s3:GetObject on arn:aws:s3:::prod-reports/*: implicit-deny → allow"},
	},
	{
		// A user joins, a role goes away.
		name: "new user, removed role", fixture: "aws-org",
		head: func(t testing.TB, base map[string]string) map[string]string {
			prod := base["iam/accounts/prod.yaml"]
			i, j := strings.Index(prod, "roles:\n"), strings.Index(prod, "resources:\n")
			return map[string]string{
				"iam/accounts/tools.yaml": replace(t, base["iam/accounts/tools.yaml"], "groups:\n  engineers:", "  eve:\n    policies: [../policies/ci-build.json]\ngroups:\n  engineers:"),
				"iam/accounts/prod.yaml":  prod[:i] + prod[j:],
			}
		},
		want: []string{
			"arn:aws:iam::444455556666:user/eve gained codebuild:StartBuild on arn:aws:codebuild:eu-central-1:444455556666:project/orders: implicit-deny → allow",
			"arn:aws:iam::111122223333:role/deploy lost s3:PutObject on arn:aws:s3:::prod-artifacts/*: allow → implicit-deny (conditional true/false)",
			"arn:aws:iam::444455556666:user/dana lost sts:AssumeRole on arn:aws:iam::111122223333:role/deploy: allow → implicit-deny (conditional true/false)",
		},
	},
	{
		// JD Cloud: a role gets more, and so does a service role.
		name: "jdcloud roles", fixture: "jdcloud-subusers",
		head: func(t testing.TB, base map[string]string) map[string]string {
			return map[string]string{
				"iam/accounts/acme.yaml": replace(t, base["iam/accounts/acme.yaml"], "policies: [../policies/vm-read.json]\n  vm-backup",
					"policies: [../policies/vm-read.json, ../policies/vm-operate.json]\n  vm-backup"),
				"iam/policies/backup-writer.json": replace(t, base["iam/policies/backup-writer.json"], `"oss:PutObject"`, `"oss:PutObject", "oss:GetObject"`),
			}
		},
		want: []string{
			"vm.jdcloud.com via jrn:iam::859150329790:role/vm-backup gained oss:GetObject on jrn:oss:*:859150329790:acme-backups/*: implicit-deny → allow",
		},
	},
}

// TestPruningHidesNothing diffs each adversarial change three ways — as
// Compare does, with every pruning off, and by brute force over every
// action of the catalogue (for aws: of the services the documents name
// and a sample of the others), every principal and role with real chain
// questions — and requires the same access changes from all three.
func TestPruningHidesNothing(t *testing.T) {
	for _, tc := range adversarial {
		t.Run(tc.name, func(t *testing.T) {
			base := fixture(t, tc.fixture)
			dir := newRepo(t, base)
			commitFiles(t, dir, tc.head(t, base), tc.name)
			b, h := loadRev(t, dir, "HEAD~1"), loadRev(t, dir, "HEAD")
			got, err := Compare(context.Background(), b, h, Options{})
			if err != nil {
				t.Fatal(err)
			}
			all := briefs(got)
			for _, w := range tc.want {
				if !slices.Contains(all, w) {
					t.Errorf("missing change\n%s\namong:\n%s", w, strings.Join(all, "\n"))
				}
			}
			full, err := Compare(context.Background(), b, h, Options{exhaustive: true})
			if err != nil {
				t.Fatal(err)
			}
			if fb := briefs(full); !slices.Equal(all, fb) {
				t.Errorf("pruned:\n%s\nwithout pruning:\n%s", strings.Join(all, "\n"), strings.Join(fb, "\n"))
			}
			if got.Stats.Questions >= full.Stats.Questions {
				t.Errorf("pruning asked %d questions, without it %d", got.Stats.Questions, full.Stats.Questions)
			}
			kept, err := Compare(context.Background(), b, h, Options{keepImplied: true})
			if err != nil {
				t.Fatal(err)
			}
			c, err := newComparer(context.Background(), b, h, Options{})
			if err != nil {
				t.Fatal(err)
			}
			universe := naiveUniverse(c)
			want := naive(t, c, universe)
			have := expand(t, c, kept, universe)
			if d := diffKeys(have, want); d != "" {
				t.Errorf("the result against brute force:\n%s", d)
			}
		})
	}
}

type nkey struct{ principal, assume, action, resource string }

// naiveUniverse is the actions brute force asks about, by dialect: every
// action of the catalogue, except for aws the services no document of
// either revision names, of which it takes a fixed sample.
func naiveUniverse(c *comparer) map[policydoc.Dialect][]string {
	out := map[policydoc.Dialect][]string{}
	named := map[string]bool{"s3": true, "sts": true, "kms": true, "ec2": true, "lambda": true}
	for _, p := range c.principals {
		sf := c.surfaceOf(p)
		for _, cl := range sf.classes {
			if !cl.whole || len(cl.pats) > 0 || cl.svc == nil {
				named[cl.service] = true
			}
		}
	}
	for d, ix := range c.ix {
		for k, si := range ix.services {
			if d != policydoc.AWS || named[si.code] || k%40 == 0 {
				for _, a := range si.actions {
					out[d] = append(out[d], a.FullName())
				}
			}
		}
	}
	return out
}

// naive asks every question of the surface without pruning or classes.
func naive(t *testing.T, c *comparer, universe map[policydoc.Dialect][]string) map[nkey]Kind {
	t.Helper()
	out := map[nkey]Kind{}
	record := func(k nkey, acc [2]uint8) {
		if acc[baseSide] == acc[headSide] {
			return
		}
		kind := Lost
		if acc[headSide] > acc[baseSide] {
			kind = Gained
		}
		k.action = strings.ToLower(k.action)
		out[k] = kind
	}
	ask := func(p, via *principal, surf *surface) {
		ix := c.ix[p.Dialect]
		actions := slices.Clone(universe[p.Dialect])
		for _, cl := range surf.classes {
			if cl.literal != "" {
				actions = append(actions, cl.literal)
			}
		}
		for _, r := range surf.resources {
			for _, a := range actions {
				if !naiveFits(ix, a, r) {
					continue
				}
				var acc [2]uint8
				for i := range c.sides {
					if p.present[i] && (via == nil || via.present[i]) {
						acc[i], _ = c.access(i, c.question(p, via, a, r.name))
					}
				}
				k := nkey{principal: p.Name, action: a, resource: r.name}
				if via != nil {
					k.assume = via.Name
				}
				record(k, acc)
			}
		}
	}
	for _, p := range c.principals {
		ask(p, nil, c.surfaceOf(p))
		if p.anonymous {
			continue
		}
		for _, r := range c.roles {
			if r.Dialect != p.Dialect || r.Name == p.Name {
				continue
			}
			var acc [2]uint8
			for i := range c.sides {
				if p.present[i] && r.present[i] {
					acc[i], _ = c.hopAccess(i, p, r)
				}
			}
			record(nkey{principal: p.Name, action: p.Dialect.AssumeRoleAction(), resource: r.Name}, acc)
			if acc[baseSide] > accNone || acc[headSide] > accNone {
				ask(p, r, c.surfaceOf(r))
			}
		}
	}
	return out
}

// naiveFits is whether brute force asks about an action on a resource: the
// catalogue says the action fits, and it is not an assume-role request on
// an inventory role (those are the hops).
func naiveFits(ix *catIndex, action string, r resource) bool {
	svc, _, _ := strings.Cut(strings.ToLower(action), ":")
	if svc == "sts" && r.role {
		return false
	}
	a, ok := ix.cat.Action(action)
	if !ok {
		return allStars(r.name) || r.parsed == nil || strings.EqualFold(r.parsed.Service, svc) || strings.ContainsAny(r.parsed.Service, "*?")
	}
	return ix.cat.ResourceFits(a, r.name)
}

// expand turns reported changes back into the requests they stand for.
func expand(t *testing.T, c *comparer, res *Result, universe map[policydoc.Dialect][]string) map[nkey]Kind {
	t.Helper()
	out := map[nkey]Kind{}
	for _, ch := range res.Changes {
		p := c.byName(ch.Principal)
		if p == nil {
			t.Fatalf("unknown principal %s", ch.Principal)
		}
		k := nkey{principal: ch.Principal, resource: ch.Resource}
		if len(ch.Assume) > 0 {
			k.assume = ch.Assume[0]
		}
		if k.assume == "" && ch.Action == p.Dialect.AssumeRoleAction() && c.roleNames[ch.Resource] {
			k.action = strings.ToLower(ch.Action)
			out[k] = ch.Change
			continue
		}
		ix := c.ix[p.Dialect]
		r := resource{name: ch.Resource}
		if n, err := policydoc.ParseName(ch.Resource); err == nil {
			r.parsed = &n
			r.role = c.roleNames[roleResource(n)]
		}
		members := expandPattern(ix, ch.Action, universe[p.Dialect])
		for _, e := range ch.Except {
			for m := range expandPattern(ix, e, universe[p.Dialect]) {
				delete(members, m)
			}
		}
		for m := range members {
			if naiveFits(ix, m, r) {
				k.action = strings.ToLower(m)
				out[k] = ch.Change
			}
		}
	}
	return out
}

func expandPattern(ix *catIndex, pattern string, universe []string) map[string]bool {
	out := map[string]bool{}
	var acts []*catalog.Action
	if pattern == "*" {
		acts = ix.cat.Actions()
	} else {
		acts = ix.cat.Expand(pattern)
	}
	in := map[string]bool{}
	for _, u := range universe {
		in[u] = true
	}
	for _, a := range acts {
		if in[a.FullName()] {
			out[a.FullName()] = true
		}
	}
	if len(acts) == 0 && !strings.ContainsAny(pattern, "*?") {
		out[pattern] = true
	}
	return out
}

func diffKeys(have, want map[nkey]Kind) string {
	var lines []string
	for k, v := range want {
		if have[k] != v {
			lines = append(lines, "missing: "+k.principal+" "+k.assume+" "+k.action+" "+k.resource+" "+string(v)+" (reported: "+string(have[k])+")")
		}
	}
	for k, v := range have {
		if _, ok := want[k]; !ok {
			lines = append(lines, "extra: "+k.principal+" "+k.assume+" "+k.action+" "+k.resource+" "+string(v))
		}
	}
	sort.Strings(lines)
	if len(lines) > 40 {
		lines = append(lines[:40], "…")
	}
	return strings.Join(lines, "\n")
}
