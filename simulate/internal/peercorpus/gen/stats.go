package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// runStats prints how many cases have each decision and use each feature,
// so the README can say what the corpus covers.
func runStats(args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) > 0 {
		return fmt.Errorf("stats reads the corpus from standard input; unexpected argument %q", args[0])
	}
	counts := map[string]int{}
	total := 0
	err := readLines(stdin, func(line []byte, d *decided) error {
		total++
		for name, n := range features(d) {
			counts[name] += n
		}
		return nil
	})
	if err != nil {
		return err
	}
	var names []string
	for n := range counts {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(stdout, "cases %d\n", total)
	for _, n := range names {
		fmt.Fprintf(stdout, "%-48s %d\n", n, counts[n])
	}
	return nil
}

// features names what one case exercises; each feature counts once per
// case.
func features(d *decided) map[string]int {
	f := map[string]int{}
	add := func(s string) { f[s] = 1 }
	if d.Peer != nil {
		switch {
		case d.Peer.Error != "":
			add("peer/error")
		case d.Peer.Hazard != "":
			add("peer/hazard/" + d.Peer.Hazard)
		default:
			add("decision/" + d.Peer.Decision)
		}
	}
	pacct := strings.SplitN(d.Request.Principal, ":", 6)
	if len(pacct) == 6 && pacct[4] != d.Request.ResourceAccount {
		add("request/cross-account")
	} else {
		add("request/same-account")
	}
	if strings.Contains(d.Request.Principal, ":assumed-role/") {
		add("principal/role-session")
	} else {
		add("principal/user")
	}
	add("service/" + service(d.Request.Action))
	for k := range d.Request.Context {
		if strings.HasPrefix(string(d.Request.Context[k]), "[") {
			add("context/multi-valued key")
		}
	}
	add(fmt.Sprintf("layers/identity policies=%d", len(d.Policies.Identity)))
	var docs []json.RawMessage
	docs = append(docs, d.Policies.Identity...)
	for name, doc := range map[string]json.RawMessage{"resource": d.Policies.Resource, "boundary": d.Policies.Boundary, "session": d.Policies.Session} {
		if len(doc) > 0 && string(doc) != "null" {
			add("layers/" + name)
			docs = append(docs, doc)
		}
	}
	for name, levels := range map[string][][]json.RawMessage{"scp": d.Policies.SCP, "rcp": d.Policies.RCP} {
		if levels != nil {
			add(fmt.Sprintf("layers/%s levels=%d", name, len(levels)))
		}
		for _, l := range levels {
			docs = append(docs, l...)
		}
	}
	for _, doc := range docs {
		var v any
		if err := json.Unmarshal(doc, &v); err != nil {
			continue
		}
		walk(v, add)
	}
	return f
}

func walk(v any, add func(string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			switch k {
			case "NotAction", "NotResource", "NotPrincipal", "Principal":
				add("element/" + k)
			case "Condition":
				if block, ok := val.(map[string]any); ok {
					for op, keys := range block {
						add("operator/" + op)
						base := op[strings.LastIndexByte(op, ':')+1:]
						base = strings.TrimSuffix(base, "IfExists")
						add("operator-base/" + base)
						if strings.HasSuffix(op, "IfExists") {
							add("modifier/IfExists")
						}
						if i := strings.IndexByte(op, ':'); i > 0 {
							add("modifier/" + op[:i])
						}
						if m, ok := keys.(map[string]any); ok {
							if len(m) > 1 {
								add("condition/several keys under one operator")
							}
							for key, vals := range m {
								if key != strings.ToLower(key) && strings.ToLower(key) == key {
									continue
								}
								if list, ok := vals.([]any); ok && len(list) > 1 {
									add("condition/several values")
									if strings.Contains(base, "Not") {
										add("condition/negated operator with several values")
									}
								}
								if !isCanonicalKey(key) {
									add("condition/key in another case")
								}
							}
						}
					}
					if len(block) > 1 {
						add("condition/several operators")
					}
				}
			}
			walk(val, add)
		}
	case []any:
		for _, e := range x {
			walk(e, add)
		}
	case string:
		for _, tok := range []string{"${aws:username}", "${*}", "${?}", "${$}", ", 'shared'}", "${aws:PrincipalAccount}"} {
			if strings.Contains(x, tok) {
				add("variable/" + tok)
			}
		}
		if strings.Contains(strings.ToLower(x), "${aws:principaltag/team") {
			add("variable/${aws:PrincipalTag/team}")
		}
	}
}

// isCanonicalKey is false for a key written all in lower case, or with its
// service prefix in upper case: spellings a case-insensitive lookup must
// accept.
func isCanonicalKey(key string) bool {
	i := strings.IndexByte(key, ':')
	if i < 0 {
		return true
	}
	if key[:i] != strings.ToLower(key[:i]) {
		return false
	}
	rest := key[i+1:]
	return rest != strings.ToLower(rest) || !strings.ContainsAny(key, "/") && !strings.HasPrefix(key, "aws:")
}
