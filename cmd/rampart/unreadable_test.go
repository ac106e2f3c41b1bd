package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnreadable: a file or folder rampart may not read is an I/O error
// (exit 2) that names the path.
func TestUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("permissions do not bind root")
	}
	for _, c := range []struct{ name, chmod string }{
		{"file", "iam/policies/p.json"},
		{"folder", "iam/policies"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "iam/policies"), 0o755)
			os.WriteFile(filepath.Join(dir, "iam/policies/p.json"), []byte(`{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:*","Resource":"*"}]}`), 0o644)
			target := filepath.Join(dir, c.chmod)
			if err := os.Chmod(target, 0); err != nil {
				t.Fatal(err)
			}
			defer os.Chmod(target, 0o755)
			code, stdout, stderr := runIn(t, dir, "validate")
			if code != exitUsage {
				t.Errorf("exit %d, want 2\n%s%s", code, stdout, stderr)
			}
			if !strings.Contains(stderr, c.chmod) || !strings.Contains(stderr, "permission denied") {
				t.Errorf("stderr does not name %s: %s", c.chmod, stderr)
			}
		})
	}
}
