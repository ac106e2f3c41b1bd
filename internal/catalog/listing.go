package catalog

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteListing writes a human-readable listing, for `rampart catalog
// DIALECT [SERVICE]`. With service empty it lists the catalogue's source,
// the global condition keys and every service with its counts; with a
// service code it lists that service's resource types, condition keys and
// actions. A level marked with `~` is rampart's judgement; resource types
// shown as `?` are unknown, `*` means the action accepts only "*".
func (c *Catalog) WriteListing(w io.Writer, service string) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	p := func(format string, args ...any) { fmt.Fprintf(tw, format, args...) }
	src := c.source
	if service == "" {
		p("%s catalogue (%s)\n", c.dialect.Title(), c.dialect)
		p("source: %s %s, data of %s\n", src.Name, src.Version, src.Date)
		if src.Detail != "" {
			p("        %s\n", src.Detail)
		}
		p("\nglobal condition keys (%d):\n", len(c.globals))
		for _, k := range c.globals {
			p("  %s\t%s\t%s\n", k.Name, keyTypeText(k), k.Note)
		}
		p("\nservices (%d, %d actions):\n", len(c.services), len(c.all))
		p("  SERVICE\tACTIONS\tLIST\tREAD\tWRITE\tPERMS\tTAGGING\tRESOURCE TYPES\tTITLE\n")
		for _, s := range c.services {
			n := map[Level]int{}
			for _, a := range s.Actions {
				n[a.Level]++
			}
			p("  %s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", s.Code, len(s.Actions), n[LevelList], n[LevelRead], n[LevelWrite], n[LevelPermissions], n[LevelTagging], len(s.ResourceTypes), s.Title)
		}
		return tw.Flush()
	}
	s, ok := c.Service(service)
	if !ok {
		return fmt.Errorf("catalog %s: no service %q", c.dialect, service)
	}
	p("%s:%s — %s\n", c.dialect, s.Code, s.Title)
	p("source: %s\n", orDash(s.Source))
	p("catalogue: %s %s, data of %s\n", src.Name, src.Version, src.Date)
	if len(s.Related) > 0 {
		p("actions may also name resources of: %s\n", strings.Join(s.Related, ", "))
	}
	p("\nresource types (%d):\n", len(s.ResourceTypes))
	for _, rt := range s.ResourceTypes {
		p("  %s\t%s\t%s\n", rt.Name, rt.Template, rt.Source)
	}
	p("\ncondition keys (%d):\n", len(s.ConditionKeys))
	for _, k := range s.ConditionKeys {
		p("  %s\t%s\t%s\n", k.Name, keyTypeText(k), k.Note)
	}
	p("\nactions (%d):\n", len(s.Actions))
	p("  ACTION\tLEVEL\tRESOURCE TYPES\tCONDITION KEYS\n")
	for _, a := range s.Actions {
		level := string(a.Level)
		if a.LevelDerived {
			level = "~" + level
		}
		if a.Deprecated {
			level += " (deprecated)"
		}
		p("  %s\t%s\t%s\t%s\n", a.Name, level, resourceText(a), strings.Join(a.ConditionKeys, ", "))
	}
	return tw.Flush()
}

func keyTypeText(k ConditionKey) string {
	if k.Multi {
		return "multi " + string(k.Type)
	}
	return string(k.Type)
}

func resourceText(a *Action) string {
	if !a.ResourceTypesKnown {
		return "?"
	}
	if len(a.ResourceTypes) == 0 {
		return "*"
	}
	names := make([]string, len(a.ResourceTypes))
	for i, rt := range a.ResourceTypes {
		names[i] = rt.Name
	}
	return strings.Join(names, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
