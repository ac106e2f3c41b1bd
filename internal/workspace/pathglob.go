package workspace

import (
	"path"
	"strings"
)

// matchPath matches a slash-separated path against a glob in the style of
// .gitignore: `*` and `?` stay within one path segment, `**` spans any
// number of segments (including none), and a pattern without a slash also
// matches the base name anywhere in the tree.
func matchPath(pattern, name string) bool {
	pattern = strings.TrimPrefix(pattern, "./")
	if !strings.Contains(pattern, "/") {
		pattern = "**/" + pattern
	}
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			rest := pat[1:]
			if len(rest) == 0 {
				return true
			}
			for i := 0; i <= len(name); i++ {
				if matchSegments(rest, name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, err := path.Match(pat[0], name[0]); err != nil || !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// matchAny reports whether name matches one of the patterns, or lies under
// a directory one of them names.
func matchAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if matchPath(p, name) || matchPath(strings.TrimSuffix(p, "/")+"/**", name) {
			return true
		}
	}
	return false
}
