package ivy

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestSessionsOutliveTheHandler checks that a second handler on the same state file, as a new
// process would make with a new API key, serves the first one's closed sessions.
func TestSessionsOutliveTheHandler(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "ivy.json")
	first := newTestEnv(t, Config{StateFile: path, APIKey: "first-key"})
	id := first.completed("john", "doe", map[string]any{"referenceId": "order-1"})
	first.clock.Advance(time.Minute)
	declined := first.create(map[string]any{"referenceId": "order-2"})
	if _, err := first.walk(declined["redirectUrl"].(string), "john", "doe", true); err != nil {
		t.Fatal(err)
	}
	first.clock.Advance(time.Minute)
	open := first.create(map[string]any{"referenceId": "order-3"})
	_, wantList := first.call(pathList, map[string]any{"externalUserEmail": "jane@example.com"})
	_, wantAccounts := first.call(pathAccounts, map[string]any{"sessionId": id})
	_, wantBalances := first.call(pathBalances, map[string]any{"sessionId": id})

	second := newTestEnv(t, Config{StateFile: path, APIKey: "second-key"})
	_, list := second.call(pathList, map[string]any{"externalUserEmail": "jane@example.com"})
	sessions, _ := list["dataSessions"].([]any)
	if len(sessions) != 2 || sessions[0].(map[string]any)["id"] != declined["id"] || sessions[1].(map[string]any)["id"] != id {
		t.Fatalf("the second handler lists %v; want the declined and the completed session (not the open one)", list)
	}
	// The first handler also listed its open session; the closed ones are the same.
	if got, want := jsonOf(t, sessions), jsonOf(t, wantList["dataSessions"].([]any)[1:]); got != want {
		t.Errorf("list after a restart:\n%s\nwant\n%s", got, want)
	}
	if _, got := second.call(pathAccounts, map[string]any{"sessionId": id}); jsonOf(t, got) != jsonOf(t, wantAccounts) {
		t.Errorf("accounts after a restart: %v, want %v", got, wantAccounts)
	}
	if _, got := second.call(pathBalances, map[string]any{"sessionId": id}); jsonOf(t, got) != jsonOf(t, wantBalances) {
		t.Errorf("balances after a restart: %v, want %v", got, wantBalances)
	}
	status, details := second.call(pathDetails, map[string]any{"id": id})
	if status != http.StatusOK || details["status"] != "closed" || details["redirectUrl"] != second.srv.URL+sessionPath(id) {
		t.Errorf("details after a restart: %d %v", status, details)
	}
	if status, _ := second.call(pathDetails, map[string]any{"id": open["id"]}); status != http.StatusNotFound {
		t.Errorf("the open session survived: %d", status)
	}
	if status, body := second.call(pathCreate, second.createBody(map[string]any{"referenceId": "order-1"})); status != http.StatusBadRequest ||
		!strings.Contains(errorMessage(body), "already used") {
		t.Errorf("a referenceId of the first run: %d %v", status, body)
	}
	// A change by the second handler reaches a third.
	if status, _ := second.call(pathConsentRevoke, map[string]any{"sessionId": id}); status != http.StatusOK {
		t.Fatal("revoke failed")
	}
	third := newTestEnv(t, Config{StateFile: path})
	if _, c := third.call(pathConsent, map[string]any{"sessionId": id}); c["status"] != "revoked" {
		t.Errorf("consent in a third run: %v", c)
	}
}

func TestStateFileHoldsNoSecrets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox", "ivy.json")
	e := newTestEnv(t, Config{StateFile: path, APIKey: "the-api-key-123", WebhookSecret: "the-webhook-secret-456"})
	receiver, _ := newReceiver(t, "the-webhook-secret-456", http.StatusNoContent)
	e.completed("john", "doe", map[string]any{"resultCallbackUrl": receiver.URL + "/result", "metadata": map[string]any{"note": "private-note"}})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"the-api-key-123", "the-webhook-secret-456", testState, "private-note", receiver.URL} {
		if bytes.Contains(data, []byte(secret)) {
			t.Errorf("the state file holds %q", secret)
		}
	}
	for _, want := range []string{`"format": "linkstep-sandbox/ivy"`, `"version": 1`, `"email": "jane@example.com"`, `"phase": "completed"`, `"iban": "DE`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the state file lacks %s:\n%s", want, data)
		}
	}
	if runtime.GOOS != "windows" {
		for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
			if st, err := os.Stat(p); err != nil || st.Mode().Perm() != want {
				t.Errorf("%s: %v %v, want %v", p, st.Mode().Perm(), err, want)
			}
		}
	}
	if e.h.StateFile() != path {
		t.Errorf("StateFile() = %q", e.h.StateFile())
	}
}

// TestAMalformedStateFileIsAnError checks that New refuses a state file it cannot read, names
// it, and leaves it as it was.
func TestAMalformedStateFileIsAnError(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"not JSON", "{ this is not json", "not valid JSON"},
		{"truncated", `{"format": "linkstep-sandbox/ivy", "version": 1, "sessions": [{"id": "a"`, "not valid JSON"},
		{"another format", `{"format": "something-else", "version": 1, "sessions": []}`, `format "something-else"`},
		{"a newer version", `{"format": "linkstep-sandbox/ivy", "version": 2, "sessions": []}`, "version 2"},
		{"a session without an id", `{"format": "linkstep-sandbox/ivy", "version": 1, "sessions": [{"referenceId": "r", "phase": "failed"}]}`, "no id"},
		{"an open session", `{"format": "linkstep-sandbox/ivy", "version": 1, "sessions": [{"id": "a", "referenceId": "r", "phase": "open"}]}`, `"open"`},
		{"a session twice", `{"format": "linkstep-sandbox/ivy", "version": 1, "sessions": [{"id": "a", "referenceId": "r", "phase": "failed"},
			{"id": "a", "referenceId": "s", "phase": "failed"}]}`, "twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ivy.json")
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := New(Config{StateFile: path})
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) ||
				!strings.Contains(err.Error(), "left untouched") {
				t.Fatalf("New = %v; want an error naming %s and saying %q", err, path, tt.want)
			}
			if data, _ := os.ReadFile(path); string(data) != tt.content {
				t.Fatalf("the file changed to %s", data)
			}
		})
	}
	t.Run("an empty list is fine", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "ivy.json")
		_ = os.WriteFile(path, []byte(`{"format": "linkstep-sandbox/ivy", "version": 1, "sessions": []}`), 0o600)
		if _, err := New(Config{StateFile: path}); err != nil {
			t.Fatal(err)
		}
	})
}

// TestAStateFileSpoiltLaterIsNotOverwritten checks that a file that stops being a state file
// while the handler runs is left untouched, the failure recorded and reported, and the
// session still closes.
func TestAStateFileSpoiltLaterIsNotOverwritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ivy.json")
	var mu sync.Mutex
	var logged []string
	e := newTestEnv(t, Config{StateFile: path, Logf: func(f string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		logged = append(logged, f)
	}})
	e.completed("john", "doe", nil)
	spoilt := []byte("spoilt by hand")
	if err := os.WriteFile(path, spoilt, 0o600); err != nil {
		t.Fatal(err)
	}
	id := e.completed("john1", "doe1", nil)
	if data, _ := os.ReadFile(path); !bytes.Equal(data, spoilt) {
		t.Fatalf("the spoilt file was overwritten: %s", data)
	}
	mu.Lock()
	n := len(logged)
	mu.Unlock()
	if err := e.h.store.saveError(); err == nil || !strings.Contains(err.Error(), "left untouched") || n != 1 {
		t.Fatalf("save error %v, %d reports", err, n)
	}
	rows := jsonOf(t, e.h.IndexRows("http://x"))
	if !strings.Contains(rows, "the last write failed") {
		t.Errorf("the home page does not say the write failed: %s", rows)
	}
	if status, _ := e.call(pathAccounts, map[string]any{"sessionId": id}); status != http.StatusOK {
		t.Fatalf("the session did not complete: %d", status)
	}
}

// TestTwoHandlersShareTheStateFile checks that two handlers running at once on one state file
// (two linkstep processes) both keep their sessions: each write merges what is on disk.
func TestTwoHandlersShareTheStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ivy.json")
	a := newTestEnv(t, Config{StateFile: path})
	b := newTestEnv(t, Config{StateFile: path})
	ids := []string{
		a.completed("john", "doe", map[string]any{"referenceId": "a-1"}),
		b.completed("john1", "doe1", map[string]any{"referenceId": "b-1"}),
		a.completed("john2", "doe2", map[string]any{"referenceId": "a-2"}),
	}
	c := newTestEnv(t, Config{StateFile: path})
	_, list := c.call(pathList, map[string]any{"externalUserEmail": "jane@example.com"})
	if got := len(list["dataSessions"].([]any)); got != len(ids) {
		t.Fatalf("a third handler lists %d sessions, want %d: %v", got, len(ids), list)
	}
	for _, id := range ids {
		if status, _ := c.call(pathDetails, map[string]any{"id": id}); status != http.StatusOK {
			t.Errorf("session %s was lost", id)
		}
	}
}
