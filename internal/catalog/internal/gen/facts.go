package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// facts is the content of a hand-maintained facts file: what the API lists
// cannot tell (service prefixes, resource types, condition keys, actions
// without an API), each with the address of the page that says so.
//
// Records, one per line, fields separated by tabs, '#' starts a comment line:
//
//	catalog	<name>	<version>	<date>	<detail>
//	commit	<owner/repo>	<commit>
//	service	<code>	<title>	<products|->	<related|->	<url>
//	pm	<code>	<word,word,...>	<url>
//	rtype	<code>	<name>	<template>	<url>
//	res	<code>	<rtype|*>	<Action,Action,...>	<url>
//	all	<code>	<rtype>	<url>
//	api	<code>	<ApiName>	<Action,Action,...>	<url>
//	action	<code>	<Name>	<level|->	<url>	[note]
//	key	<name>	<type>	<multi 0|1>	<url>	[note]
//	skey	<code>	<name>	<type>	<multi 0|1>	<url>	[note]
type facts struct {
	catalog  [4]string
	commits  map[string]string
	services []factService
	pm       map[string][]string
	rtypes   map[string][]factRType
	res      []factRes
	all      map[string]factRes
	apis     map[string]map[string]factAPI // code → lower(api) → mapping
	actions  []factAction
	keys     []factKey
	skeys    map[string][]factKey
}

type factService struct {
	code, title       string
	products, related []string
	url               string
}

type factRType struct{ name, template, url string }

type factRes struct {
	code, rtype string
	actions     []string
	url         string
}

type factAPI struct {
	api     string
	actions []string
	url     string
}

type factAction struct {
	code, name, level, url, note string
}

type factKey struct {
	name, typ string
	multi     bool
	url, note string
}

func optList(s string) []string {
	if s == "" || s == "-" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func readFactsFile(path string) (*facts, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening facts: %w", err)
	}
	defer f.Close()
	fs, err := parseFacts(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return fs, nil
}

var keyTypes = map[string]bool{"string": true, "bool": true, "date": true, "ip": true, "numeric": true, "arn": true, "binary": true}

func parseFacts(r io.Reader) (*facts, error) {
	fs := &facts{
		commits: map[string]string{},
		pm:      map[string][]string{},
		rtypes:  map[string][]factRType{},
		all:     map[string]factRes{},
		apis:    map[string]map[string]factAPI{},
		skeys:   map[string][]factKey{},
	}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		want := map[string]int{"catalog": 5, "commit": 3, "service": 6, "pm": 4, "rtype": 5, "res": 5, "all": 4, "api": 5, "action": 5, "key": 5, "skey": 6}[f[0]]
		if want == 0 {
			return nil, fmt.Errorf("line %d: unknown record %q", n, f[0])
		}
		if len(f) < want {
			return nil, fmt.Errorf("line %d: %s record has %d fields, want %d", n, f[0], len(f), want)
		}
		opt := func(i int) string {
			if i < len(f) {
				return f[i]
			}
			return ""
		}
		switch f[0] {
		case "catalog":
			copy(fs.catalog[:], f[1:5])
		case "commit":
			fs.commits[f[1]] = f[2]
		case "service":
			fs.services = append(fs.services, factService{code: f[1], title: f[2], products: optList(f[3]), related: optList(f[4]), url: f[5]})
		case "pm":
			fs.pm[f[1]] = optList(f[2])
		case "rtype":
			fs.rtypes[f[1]] = append(fs.rtypes[f[1]], factRType{name: f[2], template: f[3], url: f[4]})
		case "res":
			fs.res = append(fs.res, factRes{code: f[1], rtype: f[2], actions: optList(f[3]), url: f[4]})
		case "all":
			fs.all[f[1]] = factRes{code: f[1], rtype: f[2], url: f[3]}
		case "api":
			m := fs.apis[f[1]]
			if m == nil {
				m = map[string]factAPI{}
				fs.apis[f[1]] = m
			}
			m[strings.ToLower(f[2])] = factAPI{api: f[2], actions: optList(f[3]), url: f[4]}
		case "action":
			fs.actions = append(fs.actions, factAction{code: f[1], name: f[2], level: f[3], url: f[4], note: opt(5)})
		case "key", "skey":
			off := 0
			if f[0] == "skey" {
				off = 1
			}
			k := factKey{name: f[1+off], typ: f[2+off], multi: f[3+off] == "1", url: f[4+off], note: opt(5 + off)}
			if !keyTypes[k.typ] {
				return nil, fmt.Errorf("line %d: key %s has unknown type %q", n, k.name, k.typ)
			}
			if f[0] == "key" {
				fs.keys = append(fs.keys, k)
			} else {
				fs.skeys[f[1]] = append(fs.skeys[f[1]], k)
			}
		}
		if f[0] == "action" && f[3] != "-" && !validLevel(strings.TrimPrefix(f[3], "~")) {
			return nil, fmt.Errorf("line %d: unknown level %q", n, f[3])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if fs.catalog[0] == "" {
		return nil, fmt.Errorf("no catalog record")
	}
	return fs, nil
}

func validLevel(l string) bool {
	switch l {
	case levelList, levelRead, levelWrite, levelPermissions, levelTagging:
		return true
	}
	return false
}

func (fs *facts) levels() levelRules { return levelRules{pm: fs.pm} }

// withCommits appends "@commit" to each "owner/repo:path" part of a
// '|'-joined source column, when the repository's commit is known.
func (fs *facts) withCommits(src string) string {
	parts := strings.Split(src, "|")
	for i, p := range parts {
		repo, _, ok := strings.Cut(p, ":")
		if c, known := fs.commits[repo]; ok && known {
			parts[i] = p + "@" + c
		}
	}
	return strings.Join(parts, "|")
}
