package simulate

// symbols numbers the context keys and the action services that the
// policies of one simulator name. A compiled condition or policy variable
// holds the slot of its key, and a compiled policy indexes its statements
// by service number, so a request looks both up by number instead of by
// name. A simulator fills its symbols while it compiles its policies; they
// are read-only afterwards.
type symbols struct {
	keys map[string]int32 // lower-cased context key → slot
	svcs map[string]int32 // lower-cased service prefix → number
}

func newSymbols() *symbols {
	return &symbols{keys: map[string]int32{}, svcs: map[string]int32{}}
}

// key returns the slot of a lower-cased context key, numbering it if it
// is new; -1 without symbols.
func (y *symbols) key(k string) int32 {
	if y == nil {
		return -1
	}
	return number(y.keys, k)
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
