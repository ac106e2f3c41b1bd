package peercorpus

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

const corpusPath = "../../testdata/peer/cases.jsonl.gz"

func TestCommittedCorpus(t *testing.T) {
	cases, err := Read(corpusPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 10000 {
		t.Fatalf("corpus has %d cases, want at least 10000", len(cases))
	}
	seen := map[string]bool{}
	byDecision := map[Decision]int{}
	cross, sessions := 0, 0
	layers := map[string]int{}
	for i := range cases {
		c := &cases[i]
		if err := c.Validate(); err != nil {
			t.Error(err)
			continue
		}
		if seen[c.ID] {
			t.Errorf("duplicate id %q", c.ID)
		}
		seen[c.ID] = true
		byDecision[c.Peer.Decision]++
		acct, _ := PrincipalAccount(c.Request.Principal)
		if acct != c.Request.ResourceAccount {
			cross++
		}
		if strings.Contains(c.Request.Principal, ":assumed-role/") {
			sessions++
		}
		for _, k := range []string{"aws:TagKeys", "aws:PrincipalOrgPaths", "aws:CalledVia"} {
			if v, ok := lookup(c.Request.Context, k); ok && !v.List {
				t.Errorf("%s: multi-valued key %s recorded as a single string", c.ID, k)
			}
		}
		for _, k := range []string{"aws:SourceIp", "aws:CurrentTime", "aws:PrincipalArn", "aws:username"} {
			if v, ok := lookup(c.Request.Context, k); ok && v.List {
				t.Errorf("%s: single-valued key %s recorded as a list", c.ID, k)
			}
		}
		if c.Policies.Resource != nil {
			layers["resource"]++
		}
		if c.Policies.Boundary != nil {
			layers["boundary"]++
		}
		if c.Policies.Session != nil {
			layers["session"]++
		}
		if c.Policies.SCP != nil {
			layers["scp"]++
		}
		if c.Policies.RCP != nil {
			layers["rcp"]++
			for li, level := range c.Policies.RCP {
				if !hasRCPFullAccess(level) {
					t.Errorf("%s: RCP level %d lacks RCPFullAWSAccess", c.ID, li)
				}
			}
		}
	}
	n := len(cases)
	for _, d := range Decisions {
		share := float64(byDecision[d]) / float64(n)
		if share < 0.25 || share > 0.42 {
			t.Errorf("%s is %.1f%% of the corpus, want 25..42%%", d, 100*share)
		}
	}
	if frac := float64(cross) / float64(n); frac < 0.05 {
		t.Errorf("cross-account requests are %.1f%%, want at least 5%%", 100*frac)
	}
	if frac := float64(sessions) / float64(n); frac < 0.25 || frac > 0.75 {
		t.Errorf("role sessions are %.1f%% of the callers, want 25..75%%", 100*frac)
	}
	for _, l := range []string{"resource", "boundary", "session", "scp", "rcp"} {
		if layers[l] < n/20 {
			t.Errorf("layer %s in %d cases, want at least %d", l, layers[l], n/20)
		}
	}
}

// TestCorpusCoversOperators checks that every documented condition
// operator, the set qualifiers, IfExists and the Not* elements occur.
func TestCorpusCoversOperators(t *testing.T) {
	cases, err := Read(corpusPath)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, c := range cases {
		docs := append([]json.RawMessage{}, c.Policies.Identity...)
		for _, d := range []json.RawMessage{c.Policies.Resource, c.Policies.Boundary, c.Policies.Session} {
			if d != nil {
				docs = append(docs, d)
			}
		}
		for _, levels := range [][][]json.RawMessage{c.Policies.SCP, c.Policies.RCP} {
			for _, l := range levels {
				docs = append(docs, l...)
			}
		}
		for _, d := range docs {
			var v any
			if err := json.Unmarshal(d, &v); err != nil {
				t.Fatalf("%s: %v", c.ID, err)
			}
			countElements(v, counts)
		}
	}
	want := []string{
		"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
		"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
		"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
		"Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
		"ForAnyValue:", "ForAllValues:", "IfExists", "NotAction", "NotResource", "NotPrincipal",
	}
	for _, w := range want {
		if counts[w] < 20 {
			t.Errorf("%s occurs %d times, want at least 20", w, counts[w])
		}
	}
}

func countElements(v any, counts map[string]int) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			switch k {
			case "NotAction", "NotResource", "NotPrincipal":
				counts[k]++
			case "Condition":
				if block, ok := val.(map[string]any); ok {
					for op := range block {
						if i := strings.IndexByte(op, ':'); i > 0 {
							counts[op[:i+1]]++
							op = op[i+1:]
						}
						if strings.HasSuffix(op, "IfExists") {
							counts["IfExists"]++
							op = strings.TrimSuffix(op, "IfExists")
						}
						counts[op]++
					}
				}
			}
			countElements(val, counts)
		}
	case []any:
		for _, e := range x {
			countElements(e, counts)
		}
	}
}

func lookup(ctx map[string]ContextValue, key string) (ContextValue, bool) {
	for k, v := range ctx {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return ContextValue{}, false
}

func hasRCPFullAccess(level []json.RawMessage) bool {
	for _, d := range level {
		var doc struct {
			Statement json.RawMessage
		}
		if json.Unmarshal(d, &doc) != nil {
			continue
		}
		var list []map[string]any
		if json.Unmarshal(doc.Statement, &list) != nil {
			var one map[string]any
			if json.Unmarshal(doc.Statement, &one) != nil {
				continue
			}
			list = []map[string]any{one}
		}
		if len(list) == 1 && len(list[0]) == 4 && list[0]["Effect"] == "Allow" && list[0]["Principal"] == "*" && list[0]["Action"] == "*" && list[0]["Resource"] == "*" {
			return true
		}
	}
	return false
}

const goodLine = `{"id":"c1","request":{"principal":"arn:aws:sts::111122223333:assumed-role/app/s1","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","resource_account":"111122223333","context":{"aws:TagKeys":["a","b"],"aws:SourceIp":"10.1.2.3"}},"policies":{"identity":[{"Version":"2012-10-17","Statement":[]}],"resource":null,"boundary":null,"session":{"Version":"2012-10-17","Statement":[]},"scp":null,"rcp":[[{"Version":"2012-10-17","Statement":[]}]]},"peer":{"decision":"allow"}}`

func TestDecode(t *testing.T) {
	cases, err := Decode(strings.NewReader(goodLine + "\n\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 1 {
		t.Fatalf("got %d cases, want 1", len(cases))
	}
	c := cases[0]
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Policies.Resource != nil || c.Policies.Boundary != nil || c.Policies.Session == nil || c.Policies.SCP != nil || len(c.Policies.RCP) != 1 {
		t.Errorf("layers decoded wrong: %+v", c.Policies)
	}
	tk := c.Request.Context["aws:TagKeys"]
	if !tk.List || strings.Join(tk.Values, ",") != "a,b" {
		t.Errorf("aws:TagKeys = %+v", tk)
	}
	ip := c.Request.Context["aws:SourceIp"]
	if ip.List || len(ip.Values) != 1 || ip.Values[0] != "10.1.2.3" {
		t.Errorf("aws:SourceIp = %+v", ip)
	}
	for _, v := range []ContextValue{tk, ip, {List: true}} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var back ContextValue
		if err := json.Unmarshal(b, &back); err != nil || back.List != v.List || strings.Join(back.Values, ",") != strings.Join(v.Values, ",") {
			t.Errorf("round trip of %+v gave %s, %+v, %v", v, b, back, err)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	for name, line := range map[string]string{
		"unknown field": strings.Replace(goodLine, `"peer":`, `"extra":1,"peer":`, 1),
		"number value":  strings.Replace(goodLine, `"10.1.2.3"`, `10`, 1),
		"broken json":   goodLine[:40],
	} {
		if _, err := Decode(strings.NewReader(line)); err == nil {
			t.Errorf("%s: Decode accepted it", name)
		}
	}
}

func TestValidateRejects(t *testing.T) {
	for name, edit := range map[string][2]string{
		"bad decision":        {`"decision":"allow"`, `"decision":"deny"`},
		"no peer":             {`"peer":{"decision":"allow"}`, `"peer":null`},
		"group principal":     {`arn:aws:sts::111122223333:assumed-role/app/s1`, `arn:aws:iam::111122223333:group/devs`},
		"short account":       {`"resource_account":"111122223333"`, `"resource_account":"1111"`},
		"session for user":    {`arn:aws:sts::111122223333:assumed-role/app/s1`, `arn:aws:iam::111122223333:user/u`},
		"policy not object":   {`"identity":[{"Version":"2012-10-17","Statement":[]}]`, `"identity":[[1]]`},
		"policy no Statement": {`"rcp":[[{"Version":"2012-10-17","Statement":[]}]]`, `"rcp":[[{"Version":"2012-10-17"}]]`},
		"resource not an ARN": {`"resource":"arn:aws:s3:::b/k"`, `"resource":"b/k"`},
		"empty RCP level":     {`"rcp":[[{"Version":"2012-10-17","Statement":[]}]]`, `"rcp":[[]]`},
	} {
		line := strings.Replace(goodLine, edit[0], edit[1], 1)
		if line == goodLine {
			t.Fatalf("%s: edit did not apply", name)
		}
		cases, err := Decode(strings.NewReader(line))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := cases[0].Validate(); err == nil {
			t.Errorf("%s: Validate accepted it", name)
		}
	}
}

// TestKnownDifferences checks that every case of known-differences.jsonl is
// well-formed, is listed in known-differences.md with an AWS decision other
// than the peer's, and has an id the corpus does not use.
func TestKnownDifferences(t *testing.T) {
	kd, err := Read("../../testdata/peer/known-differences.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(kd) == 0 {
		t.Fatal("known-differences.jsonl has no case")
	}
	md, err := os.ReadFile("../../testdata/peer/known-differences.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(string(md), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 6 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "kd") {
			continue
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows[cells[1]] = cells[1:]
	}
	corpus, err := Read(corpusPath)
	if err != nil {
		t.Fatal(err)
	}
	inCorpus := map[string]bool{}
	for _, c := range corpus {
		inCorpus[c.ID] = true
	}
	for i := range kd {
		c := &kd[i]
		if err := c.Validate(); err != nil {
			t.Error(err)
			continue
		}
		if inCorpus[c.ID] {
			t.Errorf("%s is also a corpus id", c.ID)
		}
		row, ok := rows[c.ID]
		if !ok {
			t.Errorf("%s is not listed in known-differences.md", c.ID)
			continue
		}
		peer, aws := Decision(row[1]), Decision(row[2])
		if peer != c.Peer.Decision {
			t.Errorf("%s: the table says the peer answers %s, the case records %s", c.ID, peer, c.Peer.Decision)
		}
		if !aws.Valid() || aws == peer {
			t.Errorf("%s: AWS decision %q must be a decision other than the peer's", c.ID, aws)
		}
		if !strings.Contains(row[4], "https://docs.aws.amazon.com/") {
			t.Errorf("%s: no AWS documentation URL", c.ID)
		}
		delete(rows, c.ID)
	}
	for id := range rows {
		t.Errorf("%s is listed in known-differences.md but has no case", id)
	}
}
