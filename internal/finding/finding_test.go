package finding

import (
	"encoding/json"
	"testing"
)

func TestSortOrder(t *testing.T) {
	fs := []Finding{
		{File: "b.json", Line: 1, Column: 1, Rule: "LP001"},
		{File: "a.json", Line: 7, Column: 17, Rule: "LP002"},
		{File: "a.json", Line: 7, Column: 17, Rule: "LP001"},
		{File: "a.json", Line: 7, Column: 3, Rule: "LP009"},
		{File: "a.json", Line: 2, Column: 30, Rule: "VAL003"},
	}
	Sort(fs)
	want := []string{"a.json:2:30 VAL003", "a.json:7:3 LP009", "a.json:7:17 LP001", "a.json:7:17 LP002", "b.json:1:1 LP001"}
	for i, f := range fs {
		if got := f.Location() + " " + f.Rule; got != want[i] {
			t.Errorf("position %d: %s, want %s", i, got, want[i])
		}
	}
}

func TestSeverityJSON(t *testing.T) {
	b, err := json.Marshal(Finding{Severity: Warning})
	if err != nil {
		t.Fatal(err)
	}
	var back Finding
	if err := json.Unmarshal(b, &back); err != nil || back.Severity != Warning {
		t.Fatalf("round trip: %s -> %v %v", b, back.Severity, err)
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity(fatal) should fail")
	}
}

func TestCountsAndThreshold(t *testing.T) {
	fs := []Finding{{Severity: Error, Suppressed: true}, {Severity: Warning}, {Severity: Info}, {Severity: Info}}
	if c := Count(fs); c != (Counts{Error: 0, Warning: 1, Info: 2}) {
		t.Errorf("Count = %+v", c)
	}
	if AtOrAbove(fs, Error) {
		t.Error("a suppressed error must not fail the run")
	}
	if !AtOrAbove(fs, Warning) {
		t.Error("a warning is at or above warning")
	}
}

func TestFingerprint(t *testing.T) {
	a := Fingerprint("LP001", "iam/x.json", "/Statement/sid=All/Action")
	if a != Fingerprint("LP001", "iam/x.json", "/Statement/sid=All/Action") || len(a) != 32 {
		t.Errorf("fingerprint not stable: %s", a)
	}
	for _, other := range []string{
		Fingerprint("LP002", "iam/x.json", "/Statement/sid=All/Action"),
		Fingerprint("LP001", "iam/y.json", "/Statement/sid=All/Action"),
		Fingerprint("LP001", "iam/x.json", "/Statement/sid=All/Resource"),
		Fingerprint("LP00", "1iam/x.json", "/Statement/sid=All/Action"),
	} {
		if other == a {
			t.Errorf("different inputs share fingerprint %s", a)
		}
	}
}
