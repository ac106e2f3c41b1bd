package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/catalog/internal/catfile"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	sourcesDir = "../../sources"
	dataDir    = "../../data"
)

func committed(t *testing.T, dialect string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dataDir, dialect+".cat.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// firstDiff names the first differing line, to keep failures readable.
func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n  got  %s\n  want %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths differ: %d vs %d lines", len(la), len(lb))
}

// The acs and jdcloud catalogues are made from files in the repository
// only, so the committed data must be exactly what the generator makes of
// them now.
func TestCommittedDataIsRegenerated(t *testing.T) {
	for _, tc := range []struct {
		dialect string
		build   func(string) (*catfile.File, error)
	}{{"acs", buildACS}, {"jdcloud", buildJDCloud}} {
		t.Run(tc.dialect, func(t *testing.T) {
			f, err := tc.build(sourcesDir)
			if err != nil {
				t.Fatal(err)
			}
			got, err := render(f)
			if err != nil {
				t.Fatal(err)
			}
			want := committed(t, tc.dialect)
			if !bytes.Equal(got, want) {
				t.Fatalf("data/%s.cat.gz is stale; run go generate ./internal/catalog\n%s", tc.dialect, firstDiff(got, want))
			}
		})
	}
}

// The aws generator runs offline on a small sample of the npm package and
// must produce the golden file.
func TestAWSSampleGolden(t *testing.T) {
	f, err := buildAWS("testdata/iam-data", "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := render(f)
	if err != nil {
		t.Fatal(err)
	}
	golden := "testdata/aws-sample.golden"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("aws sample differs from %s (run go test -update):\n%s", golden, firstDiff(got, want))
	}
	// Spot checks, so that a wrong golden file cannot pass unnoticed.
	parsed, err := catfile.Decode(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	act := map[string]catfile.Action{}
	for _, s := range parsed.Services {
		for _, a := range s.Actions {
			act[s.Code+":"+a.Name] = a
		}
	}
	for name, level := range map[string]string{"s3:GetObject": "read", "s3:PutBucketTagging": "tagging", "iam:CreatePolicy": "permissions-management", "iam:ListUsers": "list", "sts:AssumeRole": "write"} {
		if act[name].Level != level {
			t.Errorf("%s level = %q, want %q", name, act[name].Level, level)
		}
	}
	if rts := act["s3:GetObject"].ResourceTypes; !reflect.DeepEqual(rts, []string{"accesspointobject", "object"}) {
		t.Errorf("s3:GetObject resource types = %v", rts)
	}
	if rts := act["s3:ListAllMyBuckets"].ResourceTypes; len(rts) != 0 {
		t.Errorf("s3:ListAllMyBuckets resource types = %v, want none", rts)
	}
	if parsed.Source.Name != awsPackage || parsed.Source.Version == "" || len(parsed.Source.Date) != 10 {
		t.Errorf("source = %+v", parsed.Source)
	}
	var principalTag bool
	for _, k := range parsed.Keys {
		if k.Name == "aws:PrincipalTag/${TagKey}" && k.Type == "string" {
			principalTag = true
		}
		if k.Name == "aws:TagKeys" && !k.Multi {
			t.Errorf("aws:TagKeys is not multi-valued")
		}
	}
	if !principalTag {
		t.Errorf("aws:PrincipalTag/tag-key was not normalised to a placeholder: %v", parsed.Keys)
	}
}

// With the real package installed (RAMPART_IAM_DATA), the committed aws
// data must be what the generator makes of it.
func TestAWSRegenerate(t *testing.T) {
	dir := os.Getenv("RAMPART_IAM_DATA")
	if dir == "" {
		t.Skip("RAMPART_IAM_DATA not set: the npm package is not installed")
	}
	f, err := buildAWS(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	want, err := catfile.Decode(bytes.NewReader(committed(t, "aws")))
	if err != nil {
		t.Fatal(err)
	}
	if f.Source.Version != want.Source.Version {
		t.Fatalf("package version %s, committed data is from %s", f.Source.Version, want.Source.Version)
	}
	if !reflect.DeepEqual(f.Services, want.Services) || !reflect.DeepEqual(f.Keys, want.Keys) {
		t.Fatal("committed aws data differs from what the installed package gives")
	}
}

func TestLockMatchesCommittedData(t *testing.T) {
	l, err := readLock(filepath.Join(sourcesDir, "aws.lock"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := catfile.Decode(bytes.NewReader(committed(t, "aws")))
	if err != nil {
		t.Fatal(err)
	}
	if f.Source.Version != l.version {
		t.Errorf("aws.lock says %s, data/aws.cat.gz is from %s", l.version, f.Source.Version)
	}
	if !strings.Contains(f.Source.Detail, l.integrity) {
		t.Errorf("data/aws.cat.gz does not record the locked integrity %s", l.integrity)
	}
}

func TestDeriveLevel(t *testing.T) {
	rules := levelRules{pm: map[string][]string{"ram": {"Policy", "User"}, "iam": {"Policy"}}}
	for _, tc := range []struct {
		svc, name, op, method string
		level                 string
		derived               bool
	}{
		{"ecs", "DescribeInstances", "", "", levelList, true},
		{"ecs", "DescribeInstanceAttribute", "", "", levelRead, true},
		{"ecs", "DescribeInstanceStatus", "", "", levelRead, true},
		{"kms", "describeKeyList", "", "GET", levelList, true},
		{"ecs", "ListTagResources", "", "", levelList, true},
		{"ecs", "StopInstance", "", "", levelWrite, true},
		{"ecs", "StopInstance", "update", "", levelWrite, false},
		{"ecs", "TagResources", "", "", levelTagging, true},
		{"ecs", "TagResources", "update", "", levelTagging, true},
		{"oss", "PutBucketTagging", "", "", levelTagging, true},
		{"ecs", "DeleteTags", "delete", "", levelTagging, true},
		{"ecs", "DescribeTags", "", "", levelList, true},
		{"ram", "CreatePolicy", "create", "", levelPermissions, true},
		{"ram", "GetPolicy", "get", "", levelRead, false},
		{"ram", "ListUsers", "get", "", levelRead, false}, // the vendor's word wins
		{"ecs", "CreatePolicy", "create", "", levelWrite, false},
		{"iam", "createPolicy", "", "POST", levelPermissions, true},
		{"vm", "frobnicate", "", "GET", levelRead, true},
		{"vm", "frobnicate", "", "POST", levelWrite, true},
		{"mq", "BatchQuerySessionByClientIds", "", "", levelList, true},
		{"kms", "BatchGetSecretValue", "", "", levelRead, true},
		{"x", "PUB", "", "", levelWrite, true},
		{"x", "GetObject", "none", "", levelRead, true},
	} {
		level, derived := deriveLevel(rules, tc.svc, tc.name, tc.op, tc.method)
		if level != tc.level || derived != tc.derived {
			t.Errorf("deriveLevel(%s:%s, op %q, %s) = %s, %v; want %s, %v", tc.svc, tc.name, tc.op, tc.method, level, derived, tc.level, tc.derived)
		}
	}
}

func TestParseFactsErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"no catalog", "commit\ta/b\tc\n", "no catalog record"},
		{"unknown record", "catalog\ta\tb\tc\td\nfoo\tbar\n", "unknown record"},
		{"short", "catalog\ta\tb\tc\td\nrtype\tecs\tinstance\n", "want 5"},
		{"bad key type", "catalog\ta\tb\tc\td\nkey\tacs:X\tfloat\t0\thttps://x\n", "unknown type"},
		{"bad level", "catalog\ta\tb\tc\td\naction\tmq\tPUB\tpublish\thttps://x\n", "unknown level"},
	} {
		_, err := parseFacts(strings.NewReader(tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func TestFactsReferToKnownThings(t *testing.T) {
	fs, err := parseFacts(strings.NewReader("catalog\ta\tb\t2026-01-01\td\nservice\tmq\tMQ\t-\t-\thttps://x\nres\tmq\ttopic\tPUB\thttps://x\n"))
	if err != nil {
		t.Fatal(err)
	}
	b := newBuilder("acs", fs)
	b.service("mq")
	if err := b.applyFacts(); err == nil || !strings.Contains(err.Error(), "no resource type topic") {
		t.Errorf("applyFacts: %v, want an error about the unknown resource type", err)
	}
}

func TestWithCommits(t *testing.T) {
	fs := &facts{commits: map[string]string{"a/b": "123"}}
	got := fs.withCommits("a/b:x/y.go|c/d:z.json")
	if got != "a/b:x/y.go@123|c/d:z.json" {
		t.Errorf("withCommits = %q", got)
	}
}
