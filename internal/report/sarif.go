package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/rampart-iam/rampart/internal/finding"
)

// SARIF constants: the version rampart writes, the schema it conforms to
// (the official OASIS schema, errata 01) and where people read about the tool.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// InformationURI is rampart's home page, written into SARIF's
	// tool.driver.informationUri.
	InformationURI = "https://github.com/rampart-iam/rampart"
)

// The SARIF 2.1.0 objects rampart writes: only the properties it fills,
// each left out when empty, so a clean run is a few lines long.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool sarifTool `json:"tool"`
		// Results is always written: an empty list says the run found
		// nothing, which closes the alerts of an earlier upload.
		Results     []sarifResult     `json:"results"`
		Invocations []sarifInvocation `json:"invocations,omitempty"`
		ColumnKind  string            `json:"columnKind"`
	}
	// sarifInvocation carries the findings that have no file: code
	// scanning shows no alert without a location, and reports tool
	// notifications on its tool status page instead.
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		AssociatedRule sarifDescriptorRef `json:"associatedRule"`
		Level          string             `json:"level"`
		Message        sarifMessage       `json:"message"`
	}
	sarifDescriptorRef struct {
		ID    string `json:"id"`
		Index int    `json:"index"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name            string      `json:"name"`
		Version         string      `json:"version,omitempty"`
		SemanticVersion string      `json:"semanticVersion,omitempty"`
		InformationURI  string      `json:"informationUri"`
		Rules           []sarifRule `json:"rules"` // GitHub requires the list, even empty
	}
	sarifRule struct {
		ID                   string             `json:"id"`
		Name                 string             `json:"name,omitempty"`
		ShortDescription     *sarifMessage      `json:"shortDescription,omitempty"`
		FullDescription      *sarifMessage      `json:"fullDescription,omitempty"`
		Help                 *sarifMultiformat  `json:"help,omitempty"`
		HelpURI              string             `json:"helpUri,omitempty"`
		DefaultConfiguration *sarifRuleConfig   `json:"defaultConfiguration,omitempty"`
		Properties           *sarifRuleProperty `json:"properties,omitempty"`
	}
	sarifRuleConfig struct {
		Level string `json:"level"`
	}
	sarifRuleProperty struct {
		Tags             []string `json:"tags,omitempty"`
		SecuritySeverity string   `json:"security-severity,omitempty"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifMultiformat struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifResult struct {
		RuleID              string               `json:"ruleId"`
		RuleIndex           int                  `json:"ruleIndex"`
		Level               string               `json:"level"`
		Message             sarifMessage         `json:"message"`
		Locations           []sarifLocation      `json:"locations,omitempty"`
		RelatedLocations    []sarifLocation      `json:"relatedLocations,omitempty"`
		PartialFingerprints map[string]string    `json:"partialFingerprints,omitempty"`
		Suppressions        []sarifSuppression   `json:"suppressions,omitempty"`
		Properties          *sarifResultProperty `json:"properties,omitempty"`
	}
	sarifResultProperty struct {
		Pointer string `json:"pointer,omitempty"`
	}
	sarifLocation struct {
		ID               *int           `json:"id,omitempty"`
		PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
		Message          *sarifMessage  `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	sarifSuppression struct {
		Kind          string                  `json:"kind"`
		Status        string                  `json:"status"`
		Justification string                  `json:"justification,omitempty"`
		Properties    *sarifSuppressionDetail `json:"properties,omitempty"`
	}
	sarifSuppressionDetail struct {
		Source  string `json:"source,omitempty"` // "config" or "baseline"
		Owner   string `json:"owner,omitempty"`
		Expires string `json:"expires,omitempty"`
	}
)

// lineHashKey is the one partialFingerprints key GitHub code scanning reads.
const lineHashKey = "primaryLocationLineHash"

// WriteSARIF writes the result as one SARIF 2.1.0 log with one run, for
// GitHub code scanning and other SARIF consumers. The driver lists every rule
// of Result.Rules (and any other rule a finding names), sorted by ID. Each
// finding with a file is a result with one location; suppressed findings
// stay in the log, marked with an accepted external suppression. A finding
// without a file becomes a tool execution notification (none when it is
// suppressed), since code scanning shows no alert without a location. Columns count Unicode code points and
// end columns are exclusive, as in Finding. Failed scenarios are findings
// already (SIM001); the scenario list itself is not part of SARIF.
func WriteSARIF(w io.Writer, r *Result, o Options) error {
	log := buildSARIF(r, o)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	return nil
}

func buildSARIF(r *Result, o Options) sarifLog {
	rules, index := sarifRules(r)
	driver := sarifDriver{Name: "rampart", Version: toolVersion(o.ToolVersion), InformationURI: InformationURI, Rules: rules}
	if v, ok := semver(o.ToolVersion); ok {
		driver.SemanticVersion = v
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}, ColumnKind: "unicodeCodePoints"}
	seen := map[string]int{}
	var notes []sarifNotification
	for _, f := range sortedFindings(r.Findings) {
		if f.File == "" {
			if !f.Suppressed {
				notes = append(notes, sarifNotification{AssociatedRule: sarifDescriptorRef{ID: f.Rule, Index: index[f.Rule]},
					Level: sarifLevel(f.Severity), Message: sarifMessage{Text: sentence(cmp.Or(f.Message, f.Name, f.Rule))}})
			}
			continue
		}
		run.Results = append(run.Results, sarifResultOf(f, index[f.Rule], seen))
	}
	if len(notes) > 0 {
		run.Invocations = []sarifInvocation{{ExecutionSuccessful: true, ToolExecutionNotifications: notes}}
	}
	return sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
}

// sarifRules lists the rules of the result, and those that findings name
// but the catalogue lacks, sorted by ID; index maps an ID to its position.
func sarifRules(r *Result) ([]sarifRule, map[string]int) {
	byID := map[string]finding.Rule{}
	for _, rule := range r.Rules {
		if _, dup := byID[rule.ID]; !dup && rule.ID != "" {
			byID[rule.ID] = rule
		}
	}
	for _, f := range r.Findings {
		if _, ok := byID[f.Rule]; !ok {
			byID[f.Rule] = finding.Rule{ID: f.Rule, Name: f.Name, Category: f.Category, Severity: f.Severity}
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	rules := make([]sarifRule, len(ids))
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		rules[i] = sarifRuleOf(byID[id])
		index[id] = i
	}
	return rules, index
}

func sarifRuleOf(rule finding.Rule) sarifRule {
	rule.HelpURI = absoluteURL(rule.HelpURI)
	title := cmp.Or(rule.Title, rule.Name, rule.ID)
	out := sarifRule{
		ID:                   rule.ID,
		Name:                 rule.Name,
		ShortDescription:     &sarifMessage{Text: title},
		FullDescription:      &sarifMessage{Text: sentence(cmp.Or(rule.Description, title))},
		HelpURI:              rule.HelpURI,
		DefaultConfiguration: &sarifRuleConfig{Level: sarifLevel(rule.Severity)},
		Properties:           &sarifRuleProperty{Tags: ruleTags(rule), SecuritySeverity: securitySeverity(rule.Severity)},
	}
	out.Help = &sarifMultiformat{Text: ruleHelpText(rule, title), Markdown: ruleHelpMarkdown(rule, title)}
	return out
}

// ruleTags are the rule's code-scanning tags: "security" (without it GitHub
// ignores security-severity), "iam" and the rule's category.
func ruleTags(rule finding.Rule) []string {
	tags := []string{"security", "iam"}
	if c := strings.TrimSpace(rule.Category); c != "" && !slices.Contains(tags, c) {
		tags = append(tags, c)
	}
	return tags
}

func ruleHelpText(rule finding.Rule, title string) string {
	parts := []string{sentence(title)}
	if rule.Description != "" {
		parts = append(parts, sentence(rule.Description))
	}
	if rule.Remediation != "" {
		parts = append(parts, "Remediation: "+sentence(rule.Remediation))
	}
	if rule.HelpURI != "" {
		parts = append(parts, "Documentation: "+rule.HelpURI)
	}
	return strings.Join(parts, "\n\n")
}

func ruleHelpMarkdown(rule finding.Rule, title string) string {
	parts := []string{"**" + rule.ID + " " + cmp.Or(rule.Name, rule.ID) + "**: " + sentence(title)}
	if rule.Description != "" {
		parts = append(parts, sentence(rule.Description))
	}
	if rule.Remediation != "" {
		parts = append(parts, "**Remediation:** "+sentence(rule.Remediation))
	}
	if rule.HelpURI != "" {
		parts = append(parts, "[Documentation]("+linkDestination(rule.HelpURI)+")")
	}
	return strings.Join(parts, "\n\n")
}

func sarifResultOf(f finding.Finding, ruleIndex int, seen map[string]int) sarifResult {
	res := sarifResult{
		RuleID:    f.Rule,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(f.Severity),
		Message:   sarifMessage{Text: sentence(cmp.Or(f.Message, f.Name, f.Rule))},
	}
	res.Locations = []sarifLocation{{PhysicalLocation: &sarifPhysical{
		ArtifactLocation: sarifArtifact{URI: fileURI(f.File)},
		Region:           sarifRegionOf(f.Line, f.Column, f.EndLine, f.EndColumn),
	}}}
	for _, rel := range f.Related {
		if rel.File == "" {
			continue
		}
		id := len(res.RelatedLocations) + 1
		loc := sarifLocation{ID: &id, PhysicalLocation: &sarifPhysical{
			ArtifactLocation: sarifArtifact{URI: fileURI(rel.File)},
			Region:           sarifRegionOf(rel.Line, rel.Column, 0, 0),
		}}
		if rel.Message != "" {
			loc.Message = &sarifMessage{Text: sentence(rel.Message)}
		}
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	// GitHub matches alerts across runs by this hash; like GitHub's own
	// values it ends in ":n", the occurrence of the same hash in the run,
	// so two findings never share one.
	fp := cmp.Or(f.Fingerprint, finding.Fingerprint(f.Rule, f.File, cmp.Or(f.Pointer, f.Message)))
	seen[fp]++
	res.PartialFingerprints = map[string]string{lineHashKey: fp + ":" + strconv.Itoa(seen[fp])}
	if f.Suppressed {
		res.Suppressions = []sarifSuppression{sarifSuppressionOf(f.Suppression)}
	}
	if f.Pointer != "" {
		res.Properties = &sarifResultProperty{Pointer: f.Pointer}
	}
	return res
}

// sarifRegionOf maps a finding's range to a SARIF region. A finding about
// a whole file (line 0) points at line 1, since code scanning shows no alert
// without a start line. An end before the start is left out rather than
// written as an invalid region.
func sarifRegionOf(line, col, endLine, endCol int) *sarifRegion {
	if line <= 0 {
		return &sarifRegion{StartLine: 1}
	}
	reg := &sarifRegion{StartLine: line}
	if col > 0 {
		reg.StartColumn = col
	}
	switch {
	case endLine > line:
		reg.EndLine = endLine
		if endCol > 0 {
			reg.EndColumn = endCol
		}
	case endLine == line && col > 0 && endCol > col:
		reg.EndLine = endLine
		reg.EndColumn = endCol
	}
	return reg
}

func sarifSuppressionOf(s *finding.Suppression) sarifSuppression {
	out := sarifSuppression{Kind: "external", Status: "accepted"}
	if s == nil {
		return out
	}
	out.Justification = s.Reason
	if out.Justification == "" && s.Kind == "baseline" {
		out.Justification = "accepted in the baseline"
	}
	if s.Kind != "" || s.Owner != "" || s.Expires != "" {
		out.Properties = &sarifSuppressionDetail{Source: s.Kind, Owner: s.Owner, Expires: s.Expires}
	}
	return out
}

func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "note"
}

// securitySeverity maps a severity to GitHub's 0.0–10.0 scale: an error is
// high (7.0–8.9), a warning medium (4.0–6.9), a note low (0.1–3.9).
func securitySeverity(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "8.0"
	case finding.Warning:
		return "5.0"
	}
	return "2.0"
}

// fileURI turns a repository-relative, slash-separated path into a relative
// URI reference: spaces, '%', '#' and '?' are percent-encoded, and a first
// segment with a colon is prefixed with "./" so that it is not read as a
// scheme. Leading slashes are folded into one so that a path never reads as
// a host name.
func fileURI(path string) string {
	if strings.HasPrefix(path, "//") {
		path = "/" + strings.TrimLeft(path, "/")
	}
	return (&url.URL{Path: path}).String()
}

// absoluteURL returns u when it is an absolute http or https URL, and ""
// otherwise: SARIF's helpUri must be an absolute URI, and a link a reader
// cannot follow helps no one.
func absoluteURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
		return ""
	}
	return u
}

// sentence ends a message with a period unless it ends with punctuation
// already; SARIF viewers show the first sentence where space is short.
func sentence(s string) string {
	t := strings.TrimRight(s, " \t\r\n")
	if t == "" {
		return s
	}
	switch t[len(t)-1] {
	case '.', '!', '?', ':':
		return t
	}
	return t + "."
}

// toolVersion drops the "v" of a version such as "v1.4.0": SARIF readers
// compare versions that start with a number.
func toolVersion(v string) string {
	if rest, ok := strings.CutPrefix(v, "v"); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
		return rest
	}
	return v
}

// semver returns the version without a leading "v" when it is a semantic
// version (MAJOR.MINOR.PATCH with an optional pre-release and build).
func semver(v string) (string, bool) {
	v = strings.TrimPrefix(v, "v")
	core, _, _ := strings.Cut(v, "+")
	core, _, _ = strings.Cut(core, "-")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return "", false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" || (len(p) > 1 && p[0] == '0') {
			return "", false
		}
	}
	return v, true
}

// sortedFindings returns a sorted copy, so that writers never reorder their
// input and their output does not depend on the order findings came in.
func sortedFindings(fs []finding.Finding) []finding.Finding {
	out := slices.Clone(fs)
	finding.Sort(out)
	return out
}

// linkDestination makes a URL safe as a Markdown link destination.
func linkDestination(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "|", "%7C").Replace(u)
}
