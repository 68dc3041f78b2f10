package truelayer

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// statePath is a state file in a directory that does not exist yet.
func statePath(t *testing.T) string {
	return filepath.Join(t.TempDir(), "state", "truelayer.json")
}

func TestStateOutlivesTheProcess(t *testing.T) {
	path := statePath(t)
	e1 := newTestEnv(t, Config{StateFile: path})
	doe := e1.open("john", "doe")
	eternal := e1.open("john", "eternal")
	gone := e1.open("john2", "doe2")
	if status, body := e1.send(http.MethodDelete, e1.authURL+"/api/delete", nil, gone.Access); status != http.StatusOK {
		t.Fatalf("delete: %d %s", status, body)
	}
	if err := e1.sb.StateProblem(); err != nil {
		t.Fatalf("StateProblem: %v", err)
	}
	wantMode(t, path, 0o600)
	wantMode(t, filepath.Dir(path), 0o700|os.ModeDir)

	// A new process, with a secret of its own.
	e2 := newTestEnv(t, Config{StateFile: path})
	if e2.sb.ClientSecret() == e1.sb.ClientSecret() {
		t.Fatal("the second sandbox has the first one's secret")
	}
	if status, body := e2.get("/data/v1/me", doe.Access); status != http.StatusOK {
		t.Errorf("the first process's access token: %d %s", status, body)
	}
	status, tok := e2.refresh(doe.Refresh)
	if status != http.StatusOK || subject(t, tok["access_token"].(string)) != doe.ID {
		t.Fatalf("refresh in the second process: %d %v", status, tok)
	}
	rotated := tok["refresh_token"].(string)

	status, body := e2.extend(e2.extendBody(eternal.Refresh, testRedirectURI))
	if m := decode(t, body); status != http.StatusOK || m["action_needed"] != "no_action_needed" ||
		subject(t, m["access_token"].(string)) != eternal.ID {
		t.Fatalf("extend john/eternal in the second process: %d %s", status, body)
	}
	status, body = e2.extend(e2.extendBody(rotated, testRedirectURI))
	link, _ := decode(t, body)["user_input_link"].(string)
	if status != http.StatusOK || link == "" {
		t.Fatalf("extend john/doe in the second process: %d %s", status, body)
	}
	q, _ := e2.walkLink(link, testRedirectURI, "john", "doe")
	status, tok = e2.exchangeNoPKCE(q.Get("code"), testRedirectURI)
	if status != http.StatusOK || subject(t, tok["access_token"].(string)) != doe.ID || tok["refresh_token"] != rotated {
		t.Fatalf("exchange the extend code in the second process: %d %v", status, tok)
	}
	if status, body := e2.reauthURI(rotated, testRedirectURI, "s"); status != http.StatusOK {
		t.Errorf("reauthuri in the second process: %d %s", status, body)
	}
	if status, tok := e2.refresh(gone.Refresh); status != http.StatusBadRequest {
		t.Errorf("refresh a revoked connection in the second process: %d %v", status, tok)
	}

	// A third process sees what the second one changed.
	e3 := newTestEnv(t, Config{StateFile: path})
	if status, _ := e3.refresh(doe.Refresh); status != http.StatusBadRequest {
		t.Errorf("the refresh token the second process rotated away still works: %d", status)
	}
	if status, tok := e3.refresh(rotated); status != http.StatusOK {
		t.Errorf("the current refresh token: %d %v", status, tok)
	}
}

func TestStateFileFormat(t *testing.T) {
	path := statePath(t)
	e := newTestEnv(t, Config{StateFile: path})
	// The file is made at once, with the signing key and no connection, so that sandboxes
	// starting together on it share one key.
	if data, err := os.ReadFile(path); err != nil || !strings.Contains(string(data), `"signing_key"`) || !strings.Contains(string(data), `"connections": []`) {
		t.Fatalf("the state file at start: %s, %v", data, err)
	}
	e.open("john7", "iban7")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "{version:number,signing_key:string,connections:[{credentials_id:string,client_id:string,redirect_uri:string," +
		"scopes:[string,string,string,string,string,],user:{username:string,flavour:string,},bank:{id:string,name:string,country:string,}," +
		"created_at:string,consent_created_at:string,consent_expires_at:string,refresh_token:string,},],}"
	if got := jsonShape(t, data); got != want {
		t.Errorf("state file shape\n%s\nwant\n%s", got, want)
	}
	for _, s := range []string{`"version": 1`, `"username": "john7"`, `"flavour": "iban"`, `"redirect_uri": "` + testRedirectURI + `"`} {
		if !strings.Contains(string(data), s) {
			t.Errorf("state file lacks %s:\n%s", s, data)
		}
	}
}

func TestStateFileSurvivesConcurrentChanges(t *testing.T) {
	path := statePath(t)
	e := newTestEnv(t, Config{StateFile: path})
	var wg sync.WaitGroup
	conns := make([]tlConn, 6)
	for i := range conns {
		wg.Go(func() { conns[i] = e.open("john", "doe") })
	}
	wg.Wait()
	again := newTestEnv(t, Config{StateFile: path})
	for _, c := range conns {
		if status, tok := again.refresh(c.Refresh); status != http.StatusOK {
			t.Errorf("connection %s after a restart: %d %v", c.ID, status, tok)
		}
	}
}

func TestMalformedStateFileIsLeftAlone(t *testing.T) {
	tests := []struct{ name, content, wantErr string }{
		{"not JSON", "{oops", "not a state file"},
		{"data after the object", `{"version": 1, "signing_key": "` + strings.Repeat("A", 44) + `", "connections": []} {}`, "data after"},
		{"another version", `{"version": 2, "signing_key": "` + strings.Repeat("A", 44) + `", "connections": []}`, "version 2"},
		{"no signing key", `{"version": 1, "connections": []}`, "signing key"},
		{"an unknown field", `{"version": 1, "signing_key": "` + strings.Repeat("A", 44) + `", "connections": [], "x": 1}`, "not a state file"},
		{"an unknown mock user", `{"version": 1, "signing_key": "` + strings.Repeat("A", 44) + `", "connections": [{"credentials_id": "c",
			"client_id": "sandbox-linkstep", "redirect_uri": "http://127.0.0.1:1/cb", "scopes": ["info"],
			"user": {"username": "jane", "flavour": "doe"}, "bank": {"id": "mock"}, "created_at": "2026-01-01T00:00:00Z",
			"consent_created_at": "2026-01-01T00:00:00Z", "consent_expires_at": "2026-04-01T00:00:00Z", "refresh_token": "r"}]}`, "jane"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "truelayer.json")
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			if h, err := Open(Config{StateFile: path}); err == nil || h != nil || !strings.Contains(err.Error(), tt.wantErr) ||
				!strings.Contains(err.Error(), path) {
				t.Fatalf("Open = %v, %v: want an error naming the file and saying %q", h, err, tt.wantErr)
			}
			e := newTestEnv(t, Config{StateFile: path}) // New goes on in memory
			if err := e.sb.StateProblem(); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("StateProblem = %v, want %q", err, tt.wantErr)
			}
			c := e.open("john", "doe")
			if status, tok := e.refresh(c.Refresh); status != http.StatusOK {
				t.Fatalf("the in-memory sandbox refuses a refresh: %d %v", status, tok)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, []byte(tt.content)) {
				t.Errorf("the malformed state file was overwritten:\n%s", got)
			}
			if !indexShows(e.sb, tt.wantErr) {
				t.Errorf("the sandbox's home page rows %+v do not show the problem", e.sb.IndexRows("http://x"))
			}
		})
	}
}

func TestStateSaveFailureIsReported(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	e := newTestEnv(t, Config{StateFile: filepath.Join(dir, "truelayer.json")})
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, []byte("a file where the directory should be"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := e.open("john", "doe") // the sandbox goes on in memory
	if err := e.sb.StateProblem(); err == nil || !strings.Contains(err.Error(), "save") {
		t.Fatalf("StateProblem = %v, want the failed save", err)
	}
	if status, tok := e.refresh(c.Refresh); status != http.StatusOK {
		t.Fatalf("refresh: %d %v", status, tok)
	}
}

// wantMode checks a file's permission bits (and directory bit).
func wantMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode() & (os.ModePerm | os.ModeDir); got != want {
		t.Errorf("%s has mode %v, want %v", path, got, want)
	}
}

// indexShows reports whether the Handler's home page rows mention s.
func indexShows(h *Handler, s string) bool {
	for _, row := range h.IndexRows("http://x") {
		for _, item := range row.Items {
			if strings.Contains(item.Note, s) {
				return true
			}
		}
	}
	return false
}

func TestSandboxesSharingAStateFileLoseNothing(t *testing.T) {
	path := statePath(t)
	a := newTestEnv(t, Config{StateFile: path})
	b := newTestEnv(t, Config{StateFile: path}) // started before a made anything
	ca := a.open("john1", "doe1")
	cb := b.open("john2", "doe2") // b writes after a: a's connection must survive it
	later := newTestEnv(t, Config{StateFile: path})
	for name, c := range map[string]string{"a's": ca.Refresh, "b's": cb.Refresh} {
		if status, tok := later.refresh(c); status != http.StatusOK {
			t.Errorf("%s connection is lost to a later sandbox: %d %v", name, status, tok)
		}
	}
}
