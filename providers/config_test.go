package providers_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/providers"
)

func TestReadConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name    string
		path    string
		wantErr string
	}{
		{name: "missing file is fine", path: filepath.Join(dir, "none.json")},
		{name: "private file", path: write("ok.json", `{"truelayer":{"client_id":"a"}}`, 0o600)},
		{name: "readable by others", path: write("open.json", `{}`, 0o644), wantErr: "chmod 600"},
		{name: "not JSON", path: write("bad.json", `{`, 0o600), wantErr: "not valid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := providers.ReadConfig(tt.path, func(string) string { return "" })
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("ReadConfig = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestConfigSectionAndOverride(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(p, []byte(`{"acme":{"id":"from-file","uri":"u"},"broken":3}`), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"ACME_ID": " from-env ", "ACME_URI": "  "}
	c, err := providers.ReadConfig(p, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	var acme struct{ ID, URI string }
	if err := c.Section("acme", &acme); err != nil {
		t.Fatal(err)
	}
	c.Override(&acme.ID, "ACME_ID")
	c.Override(&acme.URI, "ACME_URI") // blank: the file's value stays
	if acme.ID != "from-env" || acme.URI != "u" {
		t.Fatalf("acme = %+v", acme)
	}
	var none struct{ ID string }
	if err := c.Section("absent", &none); err != nil || none.ID != "" {
		t.Fatalf("absent section = %+v, %v", none, err)
	}
	var n struct{ ID string }
	if err := c.Section("broken", &n); err == nil || !strings.Contains(err.Error(), `"broken"`) {
		t.Fatalf("a malformed section = %v, want an error naming it", err)
	}
}
