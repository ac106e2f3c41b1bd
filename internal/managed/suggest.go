package managed

import (
	"sort"
	"strings"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// maxSuggestions bounds the names Suggest returns.
const maxSuggestions = 5

// Suggest returns the names of the dialect's policies that name was probably
// meant to be, for an "unknown policy" message. The answer is, in order of
// preference: the names that differ from it only in case; else the names
// fewest edits away from it, ignoring case and within one edit per four
// characters (at least two), a swap of two neighbouring letters counting as
// one edit; else the names that contain it, shortest first. An edit that
// rewrites a whole word ("RDS" for "ECS") is not a typo and suggests
// nothing. Suggest returns at most five names, and nil for a name that
// exists as written or that nothing resembles.
func Suggest(d policydoc.Dialect, name string) []string {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	c := mustCatalog()
	if _, ok := c.index[d][name]; ok {
		return nil
	}
	query := []rune(strings.ToLower(name))
	limit := maxDistance(len(query))
	type candidate struct {
		name  string
		score int
	}
	var sameFold, near, containing []candidate
	for _, p := range c.policies[d] {
		if strings.EqualFold(p.Name, name) {
			sameFold = append(sameFold, candidate{p.Name, 0})
			continue
		}
		lower := []rune(strings.ToLower(p.Name))
		switch dist := distance(query, lower); {
		case dist <= limit && !rewritesWord(query, lower):
			near = append(near, candidate{p.Name, dist})
		case len(query) >= 4 && strings.Contains(string(lower), string(query)):
			containing = append(containing, candidate{p.Name, len(lower)})
		}
	}
	var found []candidate
	switch {
	case len(sameFold) > 0:
		found = sameFold
	case len(near) > 0:
		best := near[0].score
		for _, n := range near {
			best = min(best, n.score)
		}
		for _, n := range near {
			if n.score == best {
				found = append(found, n)
			}
		}
	default:
		found = containing
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].score != found[j].score {
			return found[i].score < found[j].score
		}
		return found[i].name < found[j].name
	})
	if len(found) > maxSuggestions {
		found = found[:maxSuggestions]
	}
	if len(found) == 0 {
		return nil
	}
	out := make([]string, len(found))
	for i, f := range found {
		out[i] = f.name
	}
	return out
}

// rewritesWord reports whether a and b differ in a stretch of at least two
// characters on each side that has nothing left in common once their shared
// beginning and end are set aside: "rds" against "ecs", not "fulll" against
// "full" or "acecss" against "access".
func rewritesWord(a, b []rune) bool {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	ma, mb := a[p:len(a)-s], b[p:len(b)-s]
	return len(ma) >= 2 && len(mb) >= 2 && distance(ma, mb) >= max(len(ma), len(mb))
}

// maxDistance is how many edits a name of n characters may be away from a
// policy name and still be suggested: one per four characters, at least two.
func maxDistance(n int) int {
	return max(2, n/4)
}

// distance is the optimal string alignment distance between a and b: the
// Levenshtein distance in which swapping two neighbouring runes is one edit.
func distance(a, b []rune) int {
	// rows[0] is the row two back, rows[1] the previous one, rows[2] the current.
	var rows [3][]int
	for i := range rows {
		rows[i] = make([]int, len(b)+1)
	}
	for j := range rows[1] {
		rows[1][j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur, prev, back := rows[2], rows[1], rows[0]
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], back[j-2]+1)
			}
		}
		rows[0], rows[1], rows[2] = prev, cur, back
	}
	return rows[1][len(b)]
}
