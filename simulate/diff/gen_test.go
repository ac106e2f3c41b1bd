package diff

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/catalog"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

// genOrg is a generated aws organization: accounts × (users, groups,
// roles), policies attached to them, trust policies, bucket policies and
// control policies, as repository files.
type genOrg struct {
	files    map[string]string
	accounts []string
	docs     int // policy documents
	users    []string
	roles    []string
}

// Sizes of the generated organization: 10 accounts of 15 users, 5 roles
// and 4 groups make 200 users and roles (210 principals with the roots);
// with 4 policies per user and per role, 3 per group, a trust policy per
// role, 2 bucket policies per account and the control policies, 1,001
// documents.
const (
	genAccounts       = 10
	genUsers          = 15
	genRoles          = 5
	genGroups         = 4
	genUserPolicies   = 4
	genRolePolicies   = 4
	genGroupPolicies  = 3
	genBucketPolicies = 2
)

var genServices = []string{"s3", "ec2", "iam", "kms", "sqs", "dynamodb", "lambda", "logs", "sns", "rds", "cloudwatch", "ssm", "secretsmanager", "ecr", "ecs"}

func generateOrg(tb testing.TB, seed uint64) *genOrg {
	tb.Helper()
	cat, err := catalog.Load(policydoc.AWS)
	if err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &genOrg{files: map[string]string{"rampart.yaml": "dialect: aws\n"}}
	for a := range genAccounts {
		g.accounts = append(g.accounts, fmt.Sprintf("%012d", 100000000001+a))
	}
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	actionsOf := map[string][]string{}
	for _, svc := range genServices {
		s, ok := cat.Service(svc)
		if !ok {
			tb.Fatalf("no service %s", svc)
		}
		for _, a := range s.Actions {
			actionsOf[svc] = append(actionsOf[svc], a.FullName())
		}
	}
	resourceFor := func(svc, acct string) string {
		switch svc {
		case "s3":
			return fmt.Sprintf("arn:aws:s3:::bucket-%s-%d/*", acct[9:], rng.IntN(genBucketPolicies+2))
		case "ec2":
			return fmt.Sprintf("arn:aws:ec2:eu-central-1:%s:instance/*", acct)
		case "iam":
			return fmt.Sprintf("arn:aws:iam::%s:role/role-%d", acct, rng.IntN(genRoles))
		case "kms":
			return fmt.Sprintf("arn:aws:kms:eu-central-1:%s:key/key-%d", acct, rng.IntN(3))
		case "lambda":
			return fmt.Sprintf("arn:aws:lambda:eu-central-1:%s:function:fn-%d", acct, rng.IntN(5))
		case "dynamodb":
			return fmt.Sprintf("arn:aws:dynamodb:eu-central-1:%s:table/t-%d", acct, rng.IntN(5))
		case "sqs":
			return fmt.Sprintf("arn:aws:sqs:eu-central-1:%s:queue-%d", acct, rng.IntN(5))
		}
		return "*"
	}
	statement := func(acct string, k int) string {
		svc := pick(genServices)
		var acts []string
		switch rng.IntN(10) {
		case 0, 1:
			acts = []string{svc + ":Get*", svc + ":List*"}
		case 2:
			acts = []string{svc + ":Describe*"}
		case 3:
			acts = []string{svc + ":*"}
		default:
			for range 1 + rng.IntN(4) {
				acts = append(acts, pick(actionsOf[svc]))
			}
		}
		effect := "Allow"
		if rng.IntN(8) == 0 {
			effect = "Deny"
		}
		res := `"*"`
		if rng.IntN(3) > 0 {
			res = fmt.Sprintf("%q", resourceFor(svc, acct))
		}
		actKey := "Action"
		if effect == "Allow" && rng.IntN(60) == 0 {
			actKey, acts = "NotAction", []string{"iam:*", "organizations:*"}
		}
		if effect == "Allow" && rng.IntN(100) == 0 {
			acts, res = []string{"*"}, `"*"`
		}
		cond := ""
		switch rng.IntN(10) {
		case 0:
			cond = `, "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}`
		case 1:
			cond = `, "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.0.2.0/24"]}}`
		}
		quoted := make([]string, len(acts))
		for i, a := range acts {
			quoted[i] = fmt.Sprintf("%q", a)
		}
		return fmt.Sprintf(`    {"Sid": "S%d", "Effect": %q, %q: [%s], "Resource": %s%s}`, k, effect, actKey, strings.Join(quoted, ", "), res, cond)
	}
	policy := func(path, acct string) string {
		var st []string
		for k := range 1 + rng.IntN(4) {
			st = append(st, statement(acct, k))
		}
		g.files[path] = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n" + strings.Join(st, ",\n") + "\n  ]\n}\n"
		g.docs++
		return path
	}
	g.files["iam/policies/scp/full-access.json"] = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}` + "\n"
	g.docs++
	for ai, acct := range g.accounts {
		var b strings.Builder
		fmt.Fprintf(&b, "account: %q\nalias: acct-%d\ndialect: aws\norganization: {id: o-bench00001, path: [r-root, ou-%d]}\n", acct, ai, ai%3)
		scp := fmt.Sprintf("iam/policies/scp/guard-%d.json", ai)
		g.files[scp] = fmt.Sprintf(`{"Version": "2012-10-17", "Statement": [
    {"Sid": "Region", "Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-central-1"]}}},
    {"Sid": "Trail", "Effect": "Deny", "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"], "Resource": "*"},
    {"Sid": "Keys%d", "Effect": "Deny", "Action": "kms:ScheduleKeyDeletion", "Resource": "*"}
  ]}
`, ai)
		g.docs++
		fmt.Fprintf(&b, "control_policies:\n  - [../policies/scp/full-access.json]\n  - [../policies/scp/full-access.json, ../policies/scp/guard-%d.json]\n", ai)
		b.WriteString("groups:\n")
		for gi := range genGroups {
			var ps []string
			for k := range genGroupPolicies {
				ps = append(ps, "../"+strings.TrimPrefix(policy(fmt.Sprintf("iam/policies/a%d/group-%d-%d.json", ai, gi, k), acct), "iam/"))
			}
			fmt.Fprintf(&b, "  g%d: {policies: [%s]}\n", gi, strings.Join(ps, ", "))
		}
		b.WriteString("users:\n")
		for u := range genUsers {
			var ps []string
			for k := range genUserPolicies {
				ps = append(ps, "../"+strings.TrimPrefix(policy(fmt.Sprintf("iam/policies/a%d/user-%d-%d.json", ai, u, k), acct), "iam/"))
			}
			groups := []string{fmt.Sprintf("g%d", u%genGroups)}
			if u%3 == 0 {
				groups = append(groups, fmt.Sprintf("g%d", (u+1)%genGroups))
			}
			fmt.Fprintf(&b, "  user-%d: {groups: [%s], policies: [%s], tags: {team: t%d}}\n", u, strings.Join(groups, ", "), strings.Join(ps, ", "), u%4)
			g.users = append(g.users, userName(policydoc.AWS, acct, fmt.Sprintf("user-%d", u)))
		}
		b.WriteString("roles:\n")
		for r := range genRoles {
			var ps []string
			for k := range genRolePolicies {
				ps = append(ps, "../"+strings.TrimPrefix(policy(fmt.Sprintf("iam/policies/a%d/role-%d-%d.json", ai, r, k), acct), "iam/"))
			}
			other := g.accounts[(ai+1+r)%genAccounts]
			trust := fmt.Sprintf("iam/policies/a%d/role-%d.trust.json", ai, r)
			cond := ""
			if r%2 == 0 {
				cond = `, "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}`
			}
			g.files[trust] = fmt.Sprintf(`{"Version": "2012-10-17", "Statement": [
    {"Sid": "Accounts", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::%s:root", "arn:aws:iam::%s:root"]}, "Action": "sts:AssumeRole"%s},
    {"Sid": "Lambda", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
  ]}
`, acct, other, cond)
			g.docs++
			fmt.Fprintf(&b, "  role-%d: {trust: ../policies/a%d/role-%d.trust.json, policies: [%s]}\n", r, ai, r, strings.Join(ps, ", "))
			g.roles = append(g.roles, roleName(policydoc.AWS, acct, fmt.Sprintf("role-%d", r)))
		}
		b.WriteString("resources:\n")
		for k := range genBucketPolicies {
			bucket := fmt.Sprintf("bucket-%s-%d", acct[9:], k)
			path := fmt.Sprintf("iam/policies/a%d/bucket-%d.json", ai, k)
			reader := g.accounts[(ai+3)%genAccounts]
			g.files[path] = fmt.Sprintf(`{"Version": "2012-10-17", "Statement": [
    {"Sid": "Readers", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:user/user-%d"}, "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::%s", "arn:aws:s3:::%s/*"]},
    {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::%s", "arn:aws:s3:::%s/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
  ]}
`, reader, k, bucket, bucket, bucket, bucket)
			g.docs++
			fmt.Fprintf(&b, "  - {arn: \"arn:aws:s3:::%s\", policy: ../policies/a%d/bucket-%d.json, tags: {data: internal}}\n", bucket, ai, k)
		}
		g.files[fmt.Sprintf("iam/accounts/acct-%d.yaml", ai)] = b.String()
	}
	slices.Sort(g.users)
	return g
}

// The sizes of change of the benchmarks.
const (
	changeNarrow  = iota // 25 identity policies edited
	changeTypical        // and a control policy, a trust policy, a bucket policy
	changeWide           // and the control policy every account shares
)

// change returns the files of a pull request on the organization: 25
// identity policies edited; for changeTypical also a Deny added to one
// account's control policy, a trust policy letting an outside account in
// and a bucket policy granting an outside user (its Principal "*"
// statement makes every principal's inputs differ); for changeWide also the
// control policy every account shares.
func (g *genOrg) change(tb testing.TB, size int) map[string]string {
	tb.Helper()
	out := map[string]string{}
	edit := func(path, old, new string) {
		src, ok := out[path]
		if !ok {
			src = g.files[path]
		}
		if !strings.Contains(src, old) {
			tb.Fatalf("%s lacks %q", path, old)
		}
		out[path] = strings.Replace(src, old, new, 1)
	}
	for k := range 25 {
		ai, u := k%genAccounts, (k*7)%genUsers
		edit(fmt.Sprintf("iam/policies/a%d/user-%d-0.json", ai, u), "  ]\n}", fmt.Sprintf(`,
    {"Sid": "New%d", "Effect": "Allow", "Action": ["s3:PutObject", "sqs:SendMessage"], "Resource": "*"}
  ]
}`, k))
	}
	if size == changeNarrow {
		return out
	}
	edit("iam/policies/scp/guard-2.json", `{"Sid": "Trail"`, `{"Sid": "NoUploads", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"},
    {"Sid": "Trail"`)
	edit("iam/policies/a4/role-1.trust.json", `"Action": "sts:AssumeRole"`, `"Action": "sts:AssumeRole"},
    {"Sid": "Vendor", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:root"}, "Action": "sts:AssumeRole"`)
	edit("iam/policies/a6/bucket-0.json", `{"Sid": "TLS"`, `{"Sid": "Auditor", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::888888888888:user/auditor"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-007-0/*"},
    {"Sid": "TLS"`)
	if size == changeWide {
		out["iam/policies/scp/full-access.json"] = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
  {"Sid": "NoLeaving", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}` + "\n"
	}
	return out
}
