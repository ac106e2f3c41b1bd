package catfile

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	f := &File{
		Dialect: "acs",
		Source:  Source{Name: "n", Version: "v", Date: "2026-01-02", Detail: "tab\there, newline\nthere, back\\slash"},
		Keys:    []Key{{Name: "acs:SourceIp", Type: "ip"}, {Name: "acs:TagKeys", Type: "string", Multi: true, Source: "https://x", Note: "n"}},
		Services: []Service{{
			Code: "ecs", Title: "Elastic Compute Service", Source: "repo:path@c", Related: []string{"vpc"},
			Keys:          []Key{{Name: "ecs:tag/${TagKey}", Type: "string"}},
			ResourceTypes: []ResourceType{{Name: "instance", Template: "acs:ecs:${RegionId}:${AccountId}:instance/${InstanceId}", Keys: []string{"acs:ResourceTag/${TagKey}"}, Source: "https://y"}},
			Actions: []Action{
				{Name: "StopInstance", Level: "write", ResourceTypes: []string{"instance"}},
				{Name: "DescribeX", Level: "list", Derived: true, Deprecated: true, Unknown: true, Source: "other", Description: "d"},
			},
		}},
	}
	var buf bytes.Buffer
	if err := Encode(&buf, f); err != nil {
		t.Fatal(err)
	}
	got, err := Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, f) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, f)
	}
}

func TestEncodeRejectsCommaInList(t *testing.T) {
	f := &File{Dialect: "aws", Services: []Service{{Code: "s3", Actions: []Action{{Name: "A", Level: "read", Keys: []string{"a,b"}}}}}}
	if err := Encode(&bytes.Buffer{}, f); err == nil || !strings.Contains(err.Error(), "s3:A") {
		t.Fatalf("Encode: %v, want an error naming s3:A", err)
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"empty", "", "empty"},
		{"magic", "#other\n", "want"},
		{"unknown record", Magic + "\nfoo\tbar\n", "unknown record"},
		{"act before svc", Magic + "\nact\tA\tread\t-\n", "before any svc"},
		{"short act", Magic + "\nsvc\ts3\nact\tA\n", "at least 4"},
		{"flag", Magic + "\nsvc\ts3\nact\tA\tread\tq\n", "unknown action flag"},
		{"escape", Magic + "\ndialect\ta\\q\n", "unknown escape"},
	} {
		_, err := Decode(strings.NewReader(tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error containing %q", tc.name, err, tc.want)
		}
	}
}
