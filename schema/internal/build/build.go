// Package build describes rampart's JSON schemas in Go, once, and renders
// them into the draft-07 files that package schema embeds. The files are
// generated (`go test ./schema -update`) so that the fourteen schemas share
// their parts without repeating them by hand.
package build

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// M is a JSON object in a schema.
type M = map[string]any

// Names lists every schema in print order.
var Names = []string{
	"acs-identity", "acs-trust", "acs-resource", "acs-control",
	"jdcloud-identity", "jdcloud-trust",
	"aws-identity", "aws-trust", "aws-resource", "aws-control", "aws-resource-control",
	"inventory", "scenario", "config",
}

// Render returns the schema called name as indented JSON.
func Render(name string) ([]byte, error) {
	s, err := schemaFor(name)
	if err != nil {
		return nil, err
	}
	s["$schema"] = "http://json-schema.org/draft-07/schema#"
	s["$id"] = "https://github.com/rampart-iam/rampart/schema/schemas/" + name + ".json"
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("encode schema %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

func schemaFor(name string) (M, error) {
	switch name {
	case "inventory":
		return inventory(), nil
	case "scenario":
		return scenario(), nil
	case "config":
		return config(), nil
	}
	for _, d := range dialects {
		for kind, ok := range d.kinds {
			if d.name+"-"+kind == name && ok {
				return policy(d, kind), nil
			}
		}
	}
	return nil, fmt.Errorf("unknown schema %q", name)
}

// dialect holds what differs between the policy languages.
type dialect struct {
	name, title   string
	versions      []any
	versionNeeded bool
	statementObj  bool     // a lone statement object is allowed (aws)
	notElements   bool     // NotAction / NotResource
	valueTypes    []string // JSON types of condition values
	principalKeys []string // map keys of Principal
	kinds         map[string]bool
	idAllowed     bool // Id at top level (aws resource policies)
}

var dialects = []dialect{
	{name: "acs", title: "Alibaba Cloud RAM", versions: []any{"1"}, versionNeeded: true, notElements: true,
		valueTypes: []string{"string"}, principalKeys: []string{"RAM", "Service", "Federated"},
		kinds: map[string]bool{"identity": true, "trust": true, "resource": true, "control": true}},
	{name: "jdcloud", title: "JD Cloud IAM", versions: []any{"3", 3}, versionNeeded: true,
		valueTypes: []string{"string"}, principalKeys: []string{"JDCLOUD", "Service"},
		kinds: map[string]bool{"identity": true, "trust": true}},
	{name: "aws", title: "AWS IAM", versions: []any{"2012-10-17", "2008-10-17"}, statementObj: true, notElements: true,
		valueTypes: []string{"string", "number", "boolean"}, principalKeys: []string{"AWS", "Service", "Federated", "CanonicalUser"},
		kinds: map[string]bool{"identity": true, "trust": true, "resource": true, "control": true, "resource-control": true}, idAllowed: true},
}

// OperatorPattern matches the condition operators of all three dialects, in
// their documented spelling; which of them a dialect supports is a lint rule.
const OperatorPattern = `^(((ForAnyValue|ForAllValues):)?(String(Not)?Equals(IgnoreCase)?|String(Not)?Like|Numeric(Not)?Equals|Numeric(Less|Greater)Than(Equals)?|Date(Not)?Equals|Date(Less|Greater)Than(Equals)?|Bool|BinaryEquals|(Not)?IpAddress|Arn(Not)?(Equals|Like))(IfExists)?|Null)$`

func strOrList(desc string) M {
	return M{"description": desc, "type": []string{"string", "array"}, "items": M{"type": "string"}, "minItems": 1}
}

func strMap(desc string) M {
	return M{"description": desc, "type": "object", "additionalProperties": M{"type": "string"}}
}

func policy(d dialect, kind string) M {
	props := M{
		"Sid":    M{"description": "Statement identifier.", "type": "string"},
		"Effect": M{"description": "Whether the statement allows or denies.", "enum": []string{"Allow", "Deny"}},
		"Action": strOrList("Actions the statement applies to (service:name, wildcards * and ?)."),
		"Resource": strOrList("Resources the statement applies to (" + map[string]string{
			"acs": "acs:service:region:account:relative-id", "jdcloud": "jrn:service:region:account:path", "aws": "arn:partition:service:region:account:resource"}[d.name] + ")."),
		"Condition": M{
			"description":   "Conditions: operator → key → value(s). Several operators and keys are ANDed, several values ORed.",
			"type":          "object",
			"propertyNames": M{"pattern": OperatorPattern},
			"additionalProperties": M{
				"type": "object",
				"additionalProperties": M{
					"type":     append([]string{"array"}, d.valueTypes...),
					"items":    M{"type": d.valueTypes},
					"minItems": 1,
				},
			},
		},
	}
	if d.notElements {
		props["NotAction"] = strOrList("Every action except these.")
		props["NotResource"] = strOrList("Every resource except these.")
	}
	principal := principalSchema(d, kind)
	if principal != nil {
		props["Principal"] = principal
		if d.name == "aws" && kind == "resource" {
			props["NotPrincipal"] = principal
		}
	}
	// Which elements a statement needs: exactly one of each pair where the
	// dialect has the Not form, the plain element where it does not.
	resourceAllowed := !(d.name == "aws" && kind == "trust")
	if !resourceAllowed {
		delete(props, "Resource")
		delete(props, "NotResource")
	}
	required := []string{"Effect"}
	var all []M
	exactlyOne := func(a, b string) {
		all = append(all, M{"not": M{"required": []string{a, b}}}, M{"anyOf": []M{{"required": []string{a}}, {"required": []string{b}}}})
	}
	switch {
	case d.notElements:
		exactlyOne("Action", "NotAction")
	default:
		required = append(required, "Action")
	}
	switch {
	case !resourceAllowed:
	case kind == "trust" && d.notElements:
		all = append(all, M{"not": M{"required": []string{"Resource", "NotResource"}}})
	case kind == "trust":
	case d.notElements:
		exactlyOne("Resource", "NotResource")
	default:
		required = append(required, "Resource")
	}
	switch {
	case principal == nil:
	case d.name == "aws" && kind == "resource":
		exactlyOne("Principal", "NotPrincipal")
	default:
		required = append(required, "Principal")
	}
	stmt := M{"type": "object", "additionalProperties": false, "required": required, "properties": props}
	if len(all) > 0 {
		stmt["allOf"] = all
	}
	top := M{
		"Version": M{"description": "Policy language version of " + d.title + ".", "enum": d.versions},
		"Statement": M{
			"description": "The statements of the policy.",
			"type":        "array",
			"minItems":    1,
			"items":       M{"$ref": "#/definitions/statement"},
		},
	}
	if d.statementObj {
		st := top["Statement"].(M)
		st["type"] = []string{"object", "array"}
		st["if"] = M{"type": "object"}
		st["then"] = M{"$ref": "#/definitions/statement"}
	}
	if d.idAllowed && kind != "identity" && kind != "control" {
		top["Id"] = M{"description": "Policy identifier.", "type": "string"}
	}
	req := []string{"Statement"}
	if d.versionNeeded {
		req = []string{"Version", "Statement"}
	}
	return M{
		"title":                d.title + " " + kind + " policy",
		"type":                 "object",
		"additionalProperties": false,
		"required":             req,
		"properties":           top,
		"definitions":          M{"statement": stmt},
	}
}

func principalSchema(d dialect, kind string) M {
	switch {
	case kind == "trust" || kind == "resource":
	case kind == "resource-control" && d.name == "aws":
		return M{"description": "Resource control policies name every principal.", "const": "*"}
	default:
		return nil
	}
	m := M{
		"description":          "Who the statement is about: a map of principal type to names.",
		"type":                 []string{"object"},
		"minProperties":        1,
		"propertyNames":        M{"enum": d.principalKeys},
		"additionalProperties": strOrList("Principal names."),
	}
	switch {
	case d.name == "aws":
		m["type"] = []string{"string", "object"}
		m["pattern"] = `^\*$`
		m["description"] = `Who the statement is about: "*" or a map of principal type to names.`
	case d.name == "acs" && kind == "resource":
		// OSS bucket policies list account IDs or RAM names; KMS key policies use a map.
		m["type"] = []string{"string", "array", "object"}
		m["items"] = M{"type": "string"}
		m["description"] = "Who the statement is about: a list of account IDs and RAM names (OSS), or a map of principal type to names (KMS)."
	case d.name == "jdcloud":
		m["type"] = []string{"string", "object"}
		m["description"] = "Who may assume the role: a JRN, or a map of principal type to names."
	}
	return m
}

func inventory() M {
	policies := M{"description": "Policies: a system or managed policy name, or a path relative to this file.", "type": "array", "items": M{"type": "string", "minLength": 1}}
	tags := strMap("Tags.")
	user := M{"type": "object", "additionalProperties": false, "properties": M{
		"groups":                M{"description": "Groups the user belongs to.", "type": "array", "items": M{"type": "string"}},
		"policies":              policies,
		"boundary":              M{"description": "Permissions boundary (aws).", "type": "string"},
		"console":               M{"description": "The user can sign in to the console.", "type": "boolean"},
		"mfa":                   M{"description": "The user has an MFA device.", "type": "boolean"},
		"tags":                  tags,
		"access_keys":           M{"type": "array", "items": M{"type": "object", "additionalProperties": false, "required": []string{"id"}, "properties": M{"id": M{"type": "string"}, "created": M{"type": "string", "description": "Creation date, RFC 3339 or YYYY-MM-DD."}, "active": M{"type": "boolean"}, "last_used": M{"type": "string"}}}},
		"password_last_changed": M{"type": "string"},
		"description":           M{"type": "string"},
	}}
	group := M{"type": "object", "additionalProperties": false, "properties": M{"policies": policies, "description": M{"type": "string"}}}
	role := M{"type": "object", "additionalProperties": false, "properties": M{
		"trust":                M{"description": "Trust policy: a path relative to this file.", "type": "string"},
		"policies":             policies,
		"boundary":             M{"type": "string"},
		"tags":                 tags,
		"max_session_duration": M{"type": "integer", "minimum": 900, "maximum": 43200},
		"description":          M{"type": "string"},
	}}
	levels := M{"description": "Control policies: a flat list is one level; a list of lists gives one list per level, from the root down.",
		"type": "array", "items": M{"type": []string{"string", "array"}, "items": M{"type": "string"}}}
	return M{
		"title":                "rampart inventory: one account",
		"type":                 "object",
		"additionalProperties": false,
		"required":             []string{"account"},
		"properties": M{
			"account":                   M{"description": "Account ID.", "type": "string", "pattern": `^[0-9]+$`},
			"alias":                     M{"type": "string"},
			"dialect":                   M{"enum": []string{"acs", "jdcloud", "aws"}},
			"users":                     M{"type": "object", "additionalProperties": user},
			"groups":                    M{"type": "object", "additionalProperties": group},
			"roles":                     M{"type": "object", "additionalProperties": role},
			"resources":                 M{"type": "array", "items": M{"type": "object", "additionalProperties": false, "required": []string{"arn"}, "properties": M{"arn": M{"type": "string"}, "policy": M{"type": "string"}, "tags": tags, "description": M{"type": "string"}}}},
			"control_policies":          levels,
			"resource_control_policies": levels,
			"organization": M{"type": "object", "additionalProperties": false, "properties": M{
				"id": M{"type": "string"}, "management": M{"description": "This is the organization's management account: control policies do not bind it.", "type": "boolean"},
				"path": M{"description": "The organization path of the account, e.g. [r-root, ou-prod].", "type": "array", "items": M{"type": "string"}}}},
			"password_policy": M{"type": "object", "additionalProperties": false, "properties": M{
				"min_length": M{"type": "integer", "minimum": 0}, "require_lowercase": M{"type": "boolean"}, "require_uppercase": M{"type": "boolean"},
				"require_numbers": M{"type": "boolean"}, "require_symbols": M{"type": "boolean"}, "max_age_days": M{"type": "integer", "minimum": 0},
				"reuse_prevention": M{"type": "integer", "minimum": 0}, "max_login_attempts": M{"type": "integer", "minimum": 0},
				"hard_expiry": M{"type": "boolean"}}},
			"mfa": M{"type": "object", "additionalProperties": false, "properties": M{
				"required_for_console": M{"description": "Console sign-in requires MFA for every user.", "type": "boolean"},
				"operation_protection": M{"description": "Sensitive operations ask for MFA (JD Cloud).", "type": "boolean"}}},
			"access_key_max_age_days": M{"description": "Active access keys older than this are findings.", "type": "integer", "minimum": 1},
		},
	}
}

func scenario() M {
	policyRef := M{"description": "A path relative to the scenario file, or an inline policy document.", "type": []string{"string", "object"}}
	policyList := M{"type": "array", "items": policyRef}
	levels := M{"description": "A flat list is one level; a list of lists gives one list per level, from the root down.", "type": "array", "items": M{"type": []string{"string", "object", "array"}}}
	value := M{"type": []string{"string", "number", "boolean", "array"}, "items": M{"type": []string{"string", "number", "boolean"}}}
	sc := M{
		"type": "object", "additionalProperties": false, "required": []string{"name", "principal", "expect"},
		"properties": M{
			"name":             M{"type": "string", "minLength": 1},
			"description":      M{"type": "string"},
			"dialect":          M{"enum": []string{"acs", "jdcloud", "aws"}},
			"principal":        M{"description": "ARN-style name, a service principal, or anonymous.", "type": "string", "minLength": 1},
			"assume":           M{"description": "Roles to assume in order; every hop is checked.", "type": "array", "items": M{"type": "string"}},
			"action":           M{"type": "string"},
			"actions":          M{"type": "array", "items": M{"type": "string"}, "minItems": 1},
			"resource":         M{"type": "string"},
			"resources":        M{"type": "array", "items": M{"type": "string"}, "minItems": 1},
			"resource_account": M{"description": "The resource's account when its name carries none (S3, OSS).", "type": "string"},
			"context":          M{"type": "object", "additionalProperties": value},
			"session_policy":   policyRef,
			"policies": M{"type": "object", "additionalProperties": false, "properties": M{
				"identity": policyList, "resource": policyRef, "boundary": policyRef, "session": policyRef,
				"control": levels, "resource_control": levels, "trust": policyRef}},
			"expect": M{"enum": []string{"allow", "deny", "explicit-deny", "implicit-deny"}},
		},
		"allOf": []M{
			{"not": M{"required": []string{"action", "actions"}}},
			{"anyOf": []M{{"required": []string{"action"}}, {"required": []string{"actions"}}}},
			{"not": M{"required": []string{"resource", "resources"}}},
			{"anyOf": []M{{"required": []string{"resource"}}, {"required": []string{"resources"}}}},
		},
	}
	return M{
		"title":                "rampart scenarios",
		"type":                 "object",
		"additionalProperties": false,
		"required":             []string{"scenarios"},
		"properties":           M{"scenarios": M{"type": "array", "items": sc}},
	}
}

func config() M {
	globs := M{"type": "array", "items": M{"type": "string"}}
	return M{
		"title":                "rampart.yaml",
		"type":                 "object",
		"additionalProperties": false,
		"properties": M{
			"dialect":   M{"description": "Dialect of documents that do not say.", "enum": []string{"acs", "jdcloud", "aws"}},
			"include":   globs,
			"exclude":   globs,
			"inventory": globs,
			"scenarios": globs,
			"overrides": M{"type": "array", "items": M{"type": "object", "additionalProperties": false, "required": []string{"paths"}, "properties": M{
				"paths": globs, "dialect": M{"enum": []string{"acs", "jdcloud", "aws"}},
				"kind": M{"enum": []string{"identity", "trust", "resource", "control", "resource-control", "boundary", "session"}}}}},
			"rules": M{"type": "object", "additionalProperties": false, "properties": M{
				"paths":    globs,
				"disable":  M{"description": "Rule IDs or categories.", "type": "array", "items": M{"type": "string"}},
				"enable":   M{"description": "Rule IDs or categories that are off by default.", "type": "array", "items": M{"type": "string"}},
				"severity": M{"description": "Rule ID or category → error, warning or info.", "type": "object", "additionalProperties": M{"enum": []string{"error", "warning", "info"}}},
				"options":  M{"description": "Rule ID → options.", "type": "object", "additionalProperties": M{"type": "object"}},
			}},
			"suppressions": M{"type": "array", "items": M{"type": "object", "additionalProperties": false, "required": []string{"rule", "reason"}, "properties": M{
				"rule":      M{"type": "string"},
				"path":      M{"description": "Glob of files.", "type": "string"},
				"statement": M{"description": "Sid or index of the statement.", "type": []string{"string", "integer"}},
				"reason":    M{"type": "string", "minLength": 1},
				"expires":   M{"description": "YYYY-MM-DD; after it the suppression stops suppressing.", "type": "string"},
				"owner":     M{"type": "string"},
			}}},
			"baseline":       M{"description": "File of accepted findings, written by --write-baseline.", "type": "string"},
			"known_accounts": M{"description": "Accounts that trust policies may name: ID → name.", "type": "object", "additionalProperties": M{"type": "string"}},
			"fail_on":        M{"enum": []string{"error", "warning", "info"}},
		},
	}
}
