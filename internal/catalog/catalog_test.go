package catalog

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

func load(t *testing.T, d policydoc.Dialect) *Catalog {
	t.Helper()
	c, err := Load(d)
	if err != nil {
		t.Fatalf("Load(%s): %v", d, err)
	}
	return c
}

func TestLoadIsCachedAndRejectsUnknownDialects(t *testing.T) {
	a, b := load(t, policydoc.AWS), load(t, policydoc.AWS)
	if a != b {
		t.Error("Load returned two catalogues for the same dialect")
	}
	if _, err := Load("gcp"); err == nil {
		t.Error("Load(gcp) succeeded")
	}
}

// The services every rule and the simulator rely on are there, with their
// actions.
func TestCoverage(t *testing.T) {
	required := map[policydoc.Dialect][]string{
		policydoc.ACS:     {"ram", "sts", "ecs", "oss", "mq", "kms", "rds", "vpc", "slb", "actiontrail", "resourcemanager", "fc", "ros", "oos"},
		policydoc.JDCloud: {"iam", "sts", "vm", "oss", "rds", "vpc", "kms"},
		policydoc.AWS:     {"s3", "iam", "sts", "ec2", "kms", "lambda", "organizations"},
	}
	for d, codes := range required {
		c := load(t, d)
		if c.Dialect() != d {
			t.Errorf("%s: Dialect() = %s", d, c.Dialect())
		}
		src := c.Source()
		if src.Name == "" || src.Version == "" || len(src.Date) != len("2006-01-02") {
			t.Errorf("%s: source %+v is incomplete", d, src)
		}
		for _, code := range codes {
			s, ok := c.Service(code)
			if !ok {
				t.Errorf("%s: no service %s", d, code)
				continue
			}
			if len(s.Actions) == 0 {
				t.Errorf("%s: service %s has no actions", d, code)
			}
		}
		if len(c.GlobalKeys()) == 0 {
			t.Errorf("%s: no global condition keys", d)
		}
	}
}

// Every action, resource type and key is well formed: a known level and
// key type, a source, patterns that split as names of the dialect.
func TestDataIsWellFormed(t *testing.T) {
	levels := map[Level]bool{}
	for _, l := range Levels {
		levels[l] = true
	}
	types := map[KeyType]bool{KeyString: true, KeyBool: true, KeyDate: true, KeyIP: true, KeyNumeric: true, KeyARN: true, KeyBinary: true}
	for _, d := range policydoc.Dialects {
		c := load(t, d)
		n := 0
		for _, s := range c.Services() {
			for _, a := range s.Actions {
				n++
				if !levels[a.Level] {
					t.Errorf("%s %s: level %q", d, a.FullName(), a.Level)
				}
				if d != policydoc.AWS && a.Source == "" {
					t.Errorf("%s %s: no source", d, a.FullName())
				}
				if got, ok := c.Action(a.FullName()); !ok || got != a {
					t.Errorf("%s %s: Action() does not find it", d, a.FullName())
				}
			}
			for _, rt := range s.ResourceTypes {
				if strings.Contains(rt.Pattern, "${") {
					t.Errorf("%s %s:%s: pattern %q keeps a placeholder", d, s.Code, rt.Name, rt.Pattern)
				}
				if rt.Pattern != "*" && !strings.HasPrefix(rt.Pattern, d.NamePrefix()+":") {
					t.Errorf("%s %s:%s: pattern %q is not a %s name", d, s.Code, rt.Name, rt.Pattern, d.NamePrefix())
				}
				if d != policydoc.AWS && !strings.HasPrefix(rt.Source, "http") {
					t.Errorf("%s %s:%s: source %q is not an address", d, s.Code, rt.Name, rt.Source)
				}
			}
			for _, k := range s.ConditionKeys {
				if !types[k.Type] {
					t.Errorf("%s key %s: type %q", d, k.Name, k.Type)
				}
			}
		}
		for _, k := range c.GlobalKeys() {
			if !types[k.Type] || !k.Global() {
				t.Errorf("%s global key %+v", d, k)
			}
			if d != policydoc.AWS && !strings.HasPrefix(k.Source, "http") {
				t.Errorf("%s global key %s: source %q is not an address", d, k.Name, k.Source)
			}
		}
		if n != len(c.Actions()) {
			t.Errorf("%s: services hold %d actions, Actions() %d", d, n, len(c.Actions()))
		}
	}
}

func TestAction(t *testing.T) {
	for _, tc := range []struct {
		d       policydoc.Dialect
		name    string
		found   bool
		full    string
		level   Level
		derived bool
	}{
		{policydoc.ACS, "ECS:stopinstance", true, "ecs:StopInstance", LevelWrite, false},
		{policydoc.ACS, "ecs:DescribeInstances", true, "ecs:DescribeInstances", LevelRead, false},
		{policydoc.ACS, "sts:AssumeRole", true, "sts:AssumeRole", LevelWrite, true},
		{policydoc.ACS, "ram:PassRole", true, "ram:PassRole", LevelWrite, true},
		{policydoc.ACS, "ram:CreatePolicy", true, "ram:CreatePolicy", LevelPermissions, true},
		{policydoc.ACS, "ram:GetUser", true, "ram:GetUser", LevelRead, false},
		{policydoc.ACS, "ram:CreateServiceLinkedRole", true, "ram:CreateServiceLinkedRole", LevelPermissions, true},
		{policydoc.ACS, "mq:PUB", true, "mq:PUB", LevelWrite, true},
		{policydoc.ACS, "mq:sub", true, "mq:SUB", LevelRead, true},
		{policydoc.ACS, "mq:MqttInstanceAccess", true, "mq:MqttInstanceAccess", LevelRead, true},
		{policydoc.ACS, "oss:GetObject", true, "oss:GetObject", LevelRead, true},
		{policydoc.ACS, "oss:PutBucketTagging", true, "oss:PutBucketTagging", LevelTagging, true},
		{policydoc.ACS, "oss:GetObjectVersion", true, "oss:GetObjectVersion", LevelRead, true},
		{policydoc.ACS, "oss:PostObject", false, "", "", false},    // authorised as oss:PutObject
		{policydoc.ACS, "oss:GetBucketTags", false, "", "", false}, // authorised as oss:GetBucketTagging
		{policydoc.ACS, "ims:CreateUser", true, "ims:CreateUser", LevelPermissions, true},
		{policydoc.ACS, "ram:GetApplication", true, "ram:GetApplication", LevelRead, false}, // an IMS API under ram
		{policydoc.ACS, "ecs:NoSuchThing", false, "", "", false},
		{policydoc.ACS, "ecs", false, "", "", false},
		{policydoc.JDCloud, "sts:assumeRole", true, "sts:assumeRole", LevelWrite, true},
		{policydoc.JDCloud, "VM:DescribeInstances", true, "vm:describeInstances", LevelList, true},
		{policydoc.JDCloud, "vm:describeInstance", true, "vm:describeInstance", LevelRead, true},
		{policydoc.JDCloud, "iam:createSubUser", true, "iam:createSubUser", LevelPermissions, true},
		{policydoc.JDCloud, "oss:GetObject", true, "oss:GetObject", LevelRead, true},
		{policydoc.JDCloud, "oss:listBuckets", true, "oss:listBuckets", LevelList, true},
		{policydoc.AWS, "s3:getobject", true, "s3:GetObject", LevelRead, false},
		{policydoc.AWS, "iam:PassRole", true, "iam:PassRole", LevelWrite, false},
		{policydoc.AWS, "iam:CreatePolicy", true, "iam:CreatePolicy", LevelPermissions, false},
		{policydoc.AWS, "s3:PutBucketTagging", true, "s3:PutBucketTagging", LevelTagging, false},
		{policydoc.AWS, "ec2:DescribeInstances", true, "ec2:DescribeInstances", LevelList, false},
		{policydoc.AWS, "s3:Frobnicate", false, "", "", false},
	} {
		a, ok := load(t, tc.d).Action(tc.name)
		if ok != tc.found {
			t.Errorf("%s Action(%q) found = %v, want %v", tc.d, tc.name, ok, tc.found)
			continue
		}
		if !ok {
			continue
		}
		if a.FullName() != tc.full || a.Level != tc.level || a.LevelDerived != tc.derived {
			t.Errorf("%s Action(%q) = %s %s derived=%v; want %s %s derived=%v", tc.d, tc.name, a.FullName(), a.Level, a.LevelDerived, tc.full, tc.level, tc.derived)
		}
	}
}

func TestActionDetails(t *testing.T) {
	c := load(t, policydoc.AWS)
	a, _ := c.Action("s3:GetObject")
	if a.Description == "" || !a.ResourceTypesKnown || len(a.ConditionKeys) == 0 {
		t.Errorf("s3:GetObject = %+v", a)
	}
	acs := load(t, policydoc.ACS)
	for name, src := range map[string]string{
		"ecs:StopInstance":  "aliyun/alibabacloud-go-sdk:ecs-20140526/client/client.go@",
		"oss:GetObject":     "AlibabaCloudDocs/oss:",
		"mq:PUB":            "https://www.alibabacloud.com/help/en/apsaramq-for-mqtt/",
		"ram:GetUser":       "aliyun/alibabacloud-go-sdk:ram-20150501/",
		"oss:ListObjectsV2": "",
	} {
		a, ok := acs.Action(name)
		if src == "" {
			if ok {
				t.Errorf("%s exists; the API is authorised as another action", name)
			}
			continue
		}
		if !ok || !strings.HasPrefix(a.Source, src) {
			t.Errorf("%s source = %q, want prefix %q", name, a.Source, src)
		}
	}
	dep := 0
	for _, a := range acs.Actions() {
		if a.Deprecated {
			dep++
		}
	}
	if dep == 0 {
		t.Error("no acs action is marked deprecated, though the SDK marks some")
	}
}

func names(as []*Action) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.FullName()
	}
	return out
}

func TestExpand(t *testing.T) {
	for _, tc := range []struct {
		d       policydoc.Dialect
		pattern string
		want    []string // must be present
		not     []string // must be absent
		prefix  string   // every match's lower-cased full name starts with it
		exact   int      // when > 0, the number of matches
	}{
		{policydoc.ACS, "ecs:Stop*", []string{"ecs:StopInstance", "ecs:StopInstances"}, []string{"ecs:StartInstance"}, "ecs:stop", 0},
		{policydoc.ACS, "ECS:STOPINSTANCE", []string{"ecs:StopInstance"}, nil, "ecs:stopinstance", 1},
		{policydoc.ACS, "*:GetObject", []string{"oss:GetObject"}, nil, "", 0},
		{policydoc.ACS, "mq:P?B", []string{"mq:PUB"}, []string{"mq:SUB"}, "mq:", 1},
		{policydoc.ACS, "mq:?UB", []string{"mq:PUB", "mq:SUB"}, nil, "mq:", 2},
		{policydoc.ACS, "ram:*Policy*", []string{"ram:CreatePolicy", "ram:AttachPolicyToUser"}, []string{"ram:GetUser"}, "ram:", 0},
		{policydoc.ACS, "nosuch:*", nil, nil, "", 0},
		{policydoc.JDCloud, "vm:describe*", []string{"vm:describeInstances"}, []string{"vm:createInstances"}, "vm:describe", 0},
		{policydoc.AWS, "s3:?etObject", []string{"s3:GetObject"}, []string{"s3:PutObject", "s3:GetObjectAcl"}, "s3:", 0},
		{policydoc.AWS, "iam:pass*", []string{"iam:PassRole"}, nil, "iam:pass", 1},
	} {
		c := load(t, tc.d)
		got := c.Expand(tc.pattern)
		set := map[string]bool{}
		for _, n := range names(got) {
			set[n] = true
			if !strings.HasPrefix(strings.ToLower(n), tc.prefix) {
				t.Errorf("%s Expand(%q) holds %s", tc.d, tc.pattern, n)
			}
		}
		for _, w := range tc.want {
			if !set[w] {
				t.Errorf("%s Expand(%q) lacks %s", tc.d, tc.pattern, w)
			}
		}
		for _, w := range tc.not {
			if set[w] {
				t.Errorf("%s Expand(%q) holds %s", tc.d, tc.pattern, w)
			}
		}
		if tc.exact > 0 && len(got) != tc.exact {
			t.Errorf("%s Expand(%q) = %v, want %d actions", tc.d, tc.pattern, names(got), tc.exact)
		}
		if tc.want == nil && len(got) != 0 {
			t.Errorf("%s Expand(%q) = %v, want none", tc.d, tc.pattern, names(got))
		}
		if !sorted(got) {
			t.Errorf("%s Expand(%q) is not sorted", tc.d, tc.pattern)
		}
	}
}

func sorted(as []*Action) bool {
	return sort.SliceIsSorted(as, func(i, j int) bool {
		if as[i].Service != as[j].Service {
			return as[i].Service < as[j].Service
		}
		return strings.ToLower(as[i].Name) < strings.ToLower(as[j].Name)
	})
}

// "*" is every action, and a service wildcard equals the service's actions.
func TestExpandAgreesWithServices(t *testing.T) {
	for _, d := range policydoc.Dialects {
		c := load(t, d)
		all := c.Expand("*")
		if len(all) != len(c.Actions()) || !sorted(all) {
			t.Errorf("%s: Expand(*) gives %d actions, the catalogue has %d", d, len(all), len(c.Actions()))
		}
		all[0] = nil // the result is the caller's copy
		if c.Actions()[0] == nil {
			t.Fatalf("%s: Expand(*) returned the catalogue's own slice", d)
		}
		for _, s := range c.Services() {
			if got := c.Expand(s.Code + ":*"); len(got) != len(s.Actions) {
				t.Errorf("%s: Expand(%s:*) = %d actions, service has %d", d, s.Code, len(got), len(s.Actions))
			}
		}
	}
}

func TestResourceFits(t *testing.T) {
	for _, tc := range []struct {
		d        policydoc.Dialect
		action   string
		resource string
		want     bool
	}{
		{policydoc.AWS, "s3:GetObject", "*", true},
		{policydoc.AWS, "s3:GetObject", "arn:aws:s3:::reports/2026/q1.csv", true},
		{policydoc.AWS, "s3:GetObject", "arn:aws:s3:::reports/*", true},
		{policydoc.AWS, "s3:GetObject", "arn:aws:s3:::*", true},
		{policydoc.AWS, "s3:GetObject", "arn:aws:s3:::reports", false},
		{policydoc.AWS, "s3:GetObject", "arn:aws:ec2:*:*:instance/*", false},
		{policydoc.AWS, "s3:GetObject", "arn:AWS:S3:::reports/x", true}, // partition and service ignore case
		{policydoc.AWS, "s3:ListBucket", "arn:aws:s3:::reports", true},
		{policydoc.AWS, "s3:ListAllMyBuckets", "arn:aws:s3:::reports", false},
		{policydoc.AWS, "s3:ListAllMyBuckets", "*", true},
		{policydoc.AWS, "iam:PassRole", "arn:aws:iam::111122223333:role/app", true},
		{policydoc.AWS, "iam:PassRole", "arn:aws:iam::111122223333:user/app", false},
		{policydoc.AWS, "ec2:TerminateInstances", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true},
		{policydoc.AWS, "ec2:TerminateInstances", "arn:aws:ec2:us-east-1:111122223333:Instance/i-1", false}, // resource part is exact
		{policydoc.ACS, "ecs:DeleteInstance", "acs:ecs:cn-hangzhou:11223344:instance/i-abc", true},
		{policydoc.ACS, "ecs:DeleteInstance", "acs:ecs:*:*:*", true},
		{policydoc.ACS, "ecs:DeleteInstance", "acs:ecs:*:*:disk/d-1", false},
		{policydoc.ACS, "ecs:StopInstance", "acs:ecs:cn-hangzhou:11223344:instance/i-abc", true}, // types unknown: any ecs name
		{policydoc.ACS, "ecs:StopInstance", "acs:vpc:*:*:vswitch/vsw-1", true},                   // vpc is related to ecs
		{policydoc.ACS, "ecs:StopInstance", "acs:oss:*:*:reports", false},
		{policydoc.ACS, "sts:AssumeRole", "acs:ram::11223344:role/ecs-admin", true},
		{policydoc.ACS, "sts:AssumeRole", "acs:ram:*:*:role/*", true},
		{policydoc.ACS, "sts:AssumeRole", "acs:ram::11223344:user/alice", false},
		{policydoc.ACS, "oss:GetObject", "acs:oss:*:*:reports/2026/q1.csv", true},
		{policydoc.ACS, "oss:GetObject", "acs:oss:*:*:reports", false},
		{policydoc.ACS, "oss:ListObjects", "acs:oss:*:*:reports", true},
		{policydoc.ACS, "mq:PUB", "acs:mq:*:*:topic/post-cn-1/orders", true},
		{policydoc.ACS, "mq:PUB", "acs:mq:*:*:groupId/post-cn-1/GID_1", false},
		{policydoc.ACS, "mq:SUB", "acs:mq:*:*:groupId/post-cn-1/GID_1", true},
		{policydoc.ACS, "actiontrail:LookupEvents", "acs:actiontrail:*:*:*", true},
		{policydoc.ACS, "acs", "x", false},
		{policydoc.JDCloud, "sts:assumeRole", "jrn:iam::859150329790:role/ops", true},
		{policydoc.JDCloud, "sts:assumeRole", "jrn:iam::859150329790:ROLE/ops", true}, // jdcloud: resource part ignores case
		{policydoc.JDCloud, "oss:GetObject", "jrn:oss:*:859150329790:bucketA/test/*", true},
		{policydoc.JDCloud, "oss:GetObject", "jrn:oss:*:859150329790:bucketA", false},
		{policydoc.JDCloud, "vm:stopInstance", "jrn:vm:*:*:instances/i-1", true},
		{policydoc.JDCloud, "vm:stopInstance", "jrn:rds:*:*:*", false},
	} {
		c := load(t, tc.d)
		a, _ := c.Action(tc.action)
		if a == nil && tc.want {
			t.Errorf("%s: no action %s", tc.d, tc.action)
			continue
		}
		if got := c.ResourceFits(a, tc.resource); got != tc.want {
			t.Errorf("%s ResourceFits(%s, %q) = %v, want %v", tc.d, tc.action, tc.resource, got, tc.want)
		}
	}
}

func TestIntersect(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		fold bool
		want bool
	}{
		{"abc", "abc", false, true},
		{"abc", "abd", false, false},
		{"abc", "ABC", false, false},
		{"abc", "ABC", true, true},
		{"a*", "*c", false, true},
		{"a*b", "*c", false, false},
		{"a?c", "ab?", false, true},
		{"a?c", "ac", false, false},
		{"*", "", false, true},
		{"", "", false, true},
		{"x", "", false, false},
		{"instance/*", "disk/*", false, false},
		{"instance/*", "*/i-1", false, true},
		{"*a*b*", "*b*a*", false, true},
		{"a*a*a*a*a*b", "a*a*a*a*a*c", false, false},
		{"é?", "?x", false, true},
	} {
		if got := Intersect(tc.a, tc.b, tc.fold); got != tc.want {
			t.Errorf("Intersect(%q, %q, %v) = %v, want %v", tc.a, tc.b, tc.fold, got, tc.want)
		}
		if got := Intersect(tc.b, tc.a, tc.fold); got != tc.want {
			t.Errorf("Intersect(%q, %q, %v) = %v, want %v (swapped)", tc.b, tc.a, tc.fold, got, tc.want)
		}
	}
}

func TestConditionKey(t *testing.T) {
	for _, tc := range []struct {
		d       policydoc.Dialect
		name    string
		found   bool
		canon   string
		typ     KeyType
		multi   bool
		service string
	}{
		{policydoc.ACS, "acs:sourceip", true, "acs:SourceIp", KeyIP, false, ""},
		{policydoc.ACS, "acs:CurrentTime", true, "acs:CurrentTime", KeyDate, false, ""},
		{policydoc.ACS, "acs:SecureTransport", true, "acs:SecureTransport", KeyBool, false, ""},
		{policydoc.ACS, "acs:MFAPresent", true, "acs:MFAPresent", KeyBool, false, ""},
		{policydoc.ACS, "acs:SourceVpc", true, "acs:SourceVpc", KeyString, false, ""},
		{policydoc.ACS, "ACS:ResourceTag/team", true, "acs:ResourceTag/${TagKey}", KeyString, false, ""},
		{policydoc.ACS, "acs:RequestTag/env", true, "acs:RequestTag/${TagKey}", KeyString, false, ""},
		{policydoc.ACS, "acs:TagKeys", true, "acs:TagKeys", KeyString, true, ""},
		{policydoc.ACS, "oss:Prefix", true, "oss:Prefix", KeyString, false, "oss"},
		{policydoc.ACS, "ram:TrustedPrincipalTypes", true, "ram:TrustedPrincipalTypes", KeyString, true, "ram"},
		{policydoc.ACS, "acs:PrincipalARN", false, "", "", false, ""},
		{policydoc.JDCloud, "Jdcloud:SourceIp", true, "jdcloud:SourceIp", KeyIP, false, ""},
		{policydoc.JDCloud, "jdcloud:CurrentTime", true, "jdcloud:CurrentTime", KeyDate, false, ""},
		{policydoc.JDCloud, "JDCloud:ResourceTag/jdc-createdby", true, "jdcloud:ResourceTag/${TagKey}", KeyString, false, ""},
		{policydoc.AWS, "aws:SourceIp", true, "aws:SourceIp", KeyIP, false, ""},
		{policydoc.AWS, "aws:multifactorauthpresent", true, "aws:MultiFactorAuthPresent", KeyBool, false, ""},
		{policydoc.AWS, "aws:PrincipalTag/team", true, "aws:PrincipalTag/${TagKey}", KeyString, false, ""},
		{policydoc.AWS, "aws:ResourceTag/team", true, "aws:ResourceTag/${TagKey}", KeyString, false, ""},
		{policydoc.AWS, "aws:TagKeys", true, "aws:TagKeys", KeyString, true, ""},
		{policydoc.AWS, "aws:PrincipalArn", true, "aws:PrincipalArn", KeyARN, false, ""},
		{policydoc.AWS, "aws:MultiFactorAuthAge", true, "aws:MultiFactorAuthAge", KeyNumeric, false, ""},
		{policydoc.AWS, "s3:prefix", true, "s3:prefix", KeyString, false, "s3"},
		{policydoc.AWS, "s3:BucketTag/team", true, "s3:BucketTag/${TagKey}", KeyString, false, "s3"},
		{policydoc.AWS, "aws:NoSuchKey", false, "", "", false, ""},
	} {
		k, ok := load(t, tc.d).ConditionKey(tc.name)
		if ok != tc.found {
			t.Errorf("%s ConditionKey(%q) found = %v, want %v", tc.d, tc.name, ok, tc.found)
			continue
		}
		if ok && (k.Name != tc.canon || k.Type != tc.typ || k.Multi != tc.multi || k.Service != tc.service) {
			t.Errorf("%s ConditionKey(%q) = %+v; want %s %s multi=%v service=%q", tc.d, tc.name, k, tc.canon, tc.typ, tc.multi, tc.service)
		}
	}
	k, _ := load(t, policydoc.JDCloud).ConditionKey("jdcloud:CurrentTime")
	if !strings.Contains(k.Note, "rampart") {
		t.Errorf("jdcloud:CurrentTime note %q does not say rampart defines it", k.Note)
	}
}

func TestWriteListing(t *testing.T) {
	for _, d := range policydoc.Dialects {
		c := load(t, d)
		var buf bytes.Buffer
		if err := c.WriteListing(&buf, ""); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, want := range []string{c.Source().Name, c.Source().Version, c.Source().Date, c.GlobalKeys()[0].Name} {
			if !strings.Contains(out, want) {
				t.Errorf("%s listing lacks %q", d, want)
			}
		}
		for _, s := range c.Services() {
			if !strings.Contains(out, "\n  "+s.Code+" ") {
				t.Errorf("%s listing lacks service %s", d, s.Code)
			}
		}
		if err := c.WriteListing(&buf, "no-such-service"); err == nil {
			t.Errorf("%s: listing an unknown service succeeded", d)
		}
	}
	c := load(t, policydoc.ACS)
	var buf bytes.Buffer
	if err := c.WriteListing(&buf, "MQ"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	s, _ := c.Service("mq")
	for _, a := range s.Actions {
		if !strings.Contains(out, "\n  "+a.Name+" ") {
			t.Errorf("mq listing lacks %s", a.Name)
		}
	}
	for _, want := range []string{"acs:mq:*:${AccountId}:topic/${InstanceId}/${TopicName}", "~write", "PUB"} {
		if !strings.Contains(out, want) {
			t.Errorf("mq listing lacks %q", want)
		}
	}
}

// The embedded catalogues must stay small: they are in every binary.
func TestSizeBudget(t *testing.T) {
	const (
		totalBudget = 1536 << 10 // compressed, all dialects
		fileBudget  = 1 << 20
	)
	files, err := filepath.Glob("data/*.cat.gz")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(policydoc.Dialects) {
		t.Fatalf("data holds %v, want one file per dialect", files)
	}
	total := 0
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() > fileBudget {
			t.Errorf("%s is %d bytes, budget %d", f, fi.Size(), fileBudget)
		}
		total += int(fi.Size())
	}
	if total > totalBudget {
		t.Errorf("embedded catalogues are %d bytes, budget %d", total, totalBudget)
	}
	t.Logf("embedded catalogues: %d bytes compressed", total)
}

func TestPlaceholderPattern(t *testing.T) {
	for in, want := range map[string]string{
		"arn:${Partition}:s3:::${BucketName}/${ObjectName}": "arn:*:s3:::*/*",
		"acs:ram:*:${AccountId}:role/${RoleName}":           "acs:ram:*:*:role/*",
		"no placeholder": "no placeholder",
		"broken ${":      "broken ${",
	} {
		if got := placeholderPattern(in); got != want {
			t.Errorf("placeholderPattern(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkDecodeAWS(b *testing.B) {
	for b.Loop() {
		if _, err := decode(policydoc.AWS); err != nil {
			b.Fatal(err)
		}
	}
}
