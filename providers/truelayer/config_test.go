package truelayer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/truelayer"
)

func TestLoadConfig(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(p, []byte(`{"truelayer":{"client_id":"sandbox-file","client_secret":"file-secret","redirect_uri":"http://localhost:3000/cb"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{truelayer.EnvClientSecret: "env-secret"}
	file, err := providers.ReadConfig(p, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	c, err := truelayer.LoadConfig(file)
	if err != nil {
		t.Fatal(err)
	}
	want := truelayer.Config{ClientID: "sandbox-file", ClientSecret: "env-secret", RedirectURI: "http://localhost:3000/cb"}
	if c != want {
		t.Fatalf("config = %+v, want %+v", c, want)
	}
}

func TestConfigCheckAndWarning(t *testing.T) {
	tests := []struct {
		name        string
		config      truelayer.Config
		env         providers.Environment
		wantMissing []string
		wantWarning string
	}{
		{name: "embedded needs nothing", env: providers.Embedded},
		{name: "sandbox without anything", env: providers.Sandbox, wantMissing: []string{"TRUELAYER_CLIENT_ID", "TRUELAYER_CLIENT_SECRET"}},
		{name: "live without a secret", config: truelayer.Config{ClientID: "live-id"}, env: providers.Live, wantMissing: []string{"TRUELAYER_CLIENT_SECRET"}},
		{name: "sandbox id used live", config: truelayer.Config{ClientID: "sandbox-x", ClientSecret: "s"}, env: providers.Live, wantWarning: "--env sandbox"},
		{name: "live id used in sandbox", config: truelayer.Config{ClientID: "x", ClientSecret: "s"}, env: providers.Sandbox, wantWarning: "live client"},
		{name: "matching sandbox id", config: truelayer.Config{ClientID: "sandbox-x", ClientSecret: "s"}, env: providers.Sandbox},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.config.Check(tt.env, "/cfg/config.json")
			if len(tt.wantMissing) == 0 && err != nil {
				t.Fatalf("Check = %v, want nil", err)
			}
			for _, v := range tt.wantMissing {
				if err == nil || !strings.Contains(err.Error(), v) || !strings.Contains(err.Error(), "/cfg/config.json") {
					t.Fatalf("Check = %v, want it to name %s and the config file", err, v)
				}
			}
			if w := tt.config.Warning(tt.env); tt.wantWarning == "" && w != "" || !strings.Contains(w, tt.wantWarning) {
				t.Fatalf("Warning = %q, want %q", w, tt.wantWarning)
			}
		})
	}
}

func TestHostsAndBankGroups(t *testing.T) {
	if h := truelayer.HostsFor(providers.Live); h.Auth != truelayer.LiveAuthHost || h.API != truelayer.LiveAPIHost {
		t.Fatalf("live hosts = %+v", h)
	}
	if h := truelayer.HostsFor(providers.Sandbox); h.Auth != truelayer.SandboxAuthHost || h.API != truelayer.SandboxAPIHost {
		t.Fatalf("sandbox hosts = %+v", h)
	}
	if g := truelayer.BankGroups(providers.Live); strings.Join(g, " ") != "uk-ob-all uk-oauth-all" {
		t.Fatalf("live bank groups = %v", g)
	}
	g := truelayer.BankGroups(providers.Embedded)
	g[0] = "changed"
	if truelayer.BankGroups(providers.Embedded)[0] != "uk-cs-mock" || truelayer.DataScopes()[0] != truelayer.ScopeInfo {
		t.Fatal("a caller changed the package's own values")
	}
}
