package simulate

import (
	"strings"
	"unicode/utf8"
)

// symbols numbers the context keys and the action services that the
// policies of one simulator name. A compiled condition or policy variable
// holds the slot of its key, and a compiled policy indexes its statements
// by service number, so a request looks both up by number instead of by
// name. A simulator fills its symbols while it compiles its policies; they
// are read-only afterwards.
type symbols struct {
	keys  map[string]int32 // lower-cased context key → slot
	names []string         // by slot: the lower-cased key
	svcs  map[string]int32 // lower-cased service prefix → number
	// a filter of the keys: bit len%64 of lens and bit c of last for
	// every key of length len ending in c, so most keys no policy names
	// are turned away without a map lookup
	lens uint64
	last [4]uint64
}

func newSymbols() *symbols {
	return &symbols{keys: map[string]int32{}, svcs: map[string]int32{}}
}

// clone returns a copy to number more keys and services in, keeping every
// number of y.
func (y *symbols) clone() *symbols {
	c := *y
	c.keys = make(map[string]int32, len(y.keys))
	for k, n := range y.keys {
		c.keys[k] = n
	}
	c.svcs = make(map[string]int32, len(y.svcs))
	for k, n := range y.svcs {
		c.svcs[k] = n
	}
	c.names = append([]string(nil), y.names...)
	return &c
}

// key returns the slot of a lower-cased context key, numbering it if it
// is new; -1 without symbols.
func (y *symbols) key(k string) int32 {
	if y == nil {
		return -1
	}
	n := number(y.keys, k)
	if int(n) == len(y.names) {
		y.names = append(y.names, k)
		y.lens |= 1 << (len(k) % 64)
		if k != "" {
			c := k[len(k)-1]
			y.last[c/64] |= 1 << (c % 64)
		}
	}
	return n
}

// name returns a context key lower-cased, and whether a policy names it;
// without symbols every key counts as named. Keys no policy names need
// not be carried by a request, as conditions and variables look keys up
// by slot.
func (y *symbols) name(k string) (string, bool) {
	if y == nil {
		return strings.ToLower(k), true
	}
	var buf [128]byte
	if len(k) <= len(buf) {
		ascii := true
		for i := 0; i < len(k) && ascii; i++ {
			c := k[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
			ascii = c < utf8.RuneSelf
		}
		if ascii { // lower-casing kept the length and the last byte is lower-cased
			if y.lens&(1<<(len(k)%64)) == 0 {
				return "", false
			}
			if k != "" {
				if c := buf[len(k)-1]; y.last[c/64]&(1<<(c%64)) == 0 {
					return "", false
				}
			}
			n, ok := y.keys[string(buf[:len(k)])]
			if !ok {
				return "", false
			}
			return y.names[n], true
		}
	}
	l := strings.ToLower(k)
	_, ok := y.keys[l]
	return l, ok
}

// service returns the number of a lower-cased service prefix, numbering it
// if it is new; -1 without symbols.
func (y *symbols) service(s string) int32 {
	if y == nil {
		return -1
	}
	return number(y.svcs, s)
}

// serviceOf returns the number of a lower-cased service prefix, or -1 when
// no policy names it.
func (y *symbols) serviceOf(s string) int32 {
	if y == nil {
		return -1
	}
	if n, ok := y.svcs[s]; ok {
		return n
	}
	return -1
}

func number(m map[string]int32, k string) int32 {
	if n, ok := m[k]; ok {
		return n
	}
	n := int32(len(m))
	m[k] = n
	return n
}
