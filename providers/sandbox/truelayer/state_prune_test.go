package truelayer

import (
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"
)

// fileConnections are the credentials ids the state file at path keeps.
func fileConnections(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc stateDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range doc.Connections {
		ids = append(ids, c.CredentialsID)
	}
	slices.Sort(ids)
	return ids
}

// TestStateForgetsWhatNothingCanUse moves the sandbox's clock forward and checks that the state
// file drops revoked connections and those long past their re-auth window, and that stale
// sessions and codes leave memory, while live connections stay.
func TestStateForgetsWhatNothingCanUse(t *testing.T) {
	path := statePath(t)
	e := newTestEnv(t, Config{StateFile: path})
	old := e.open("john1", "doe1")

	// Just before old could be forgotten: its re-auth window closed almost deadConnMemory ago.
	e.clock.Advance(consentLifetime + reauthWindow + deadConnMemory - 24*time.Hour)
	young := e.open("john2", "doe2")
	gone := e.open("john3", "doe3")
	if status, body := e.send(http.MethodDelete, e.authURL+"/api/delete", nil, gone.Access); status != http.StatusOK {
		t.Fatalf("delete: %d %s", status, body)
	}
	if got, want := fileConnections(t, path), sorted(old.ID, young.ID); !slices.Equal(got, want) {
		t.Fatalf("after a revocation the file keeps %v, want %v (the revoked one dropped)", got, want)
	}
	if status, body := e.extend(e.extendBody(old.Refresh, testRedirectURI)); status != http.StatusBadRequest {
		t.Fatalf("extend past the re-auth window: %d %s, want 400 saying why", status, body)
	}

	// Two days on, the next change writes the file without old.
	e.clock.Advance(48 * time.Hour)
	newest := e.open("john4", "doe4")
	if got, want := fileConnections(t, path), sorted(young.ID, newest.ID); !slices.Equal(got, want) {
		t.Fatalf("the file keeps %v, want %v (old forgotten)", got, want)
	}
	if status, tok := e.refresh(young.Refresh); status != http.StatusOK {
		t.Errorf("a kept connection's refresh token: %d %v", status, tok)
	}

	// Sessions and codes of the auth links walked two days ago are gone from memory.
	e.sb.store.mu.Lock()
	defer e.sb.store.mu.Unlock()
	for id, s := range e.sb.store.sessions {
		if e.clock.Now().Sub(s.CreatedAt) > sessionLifetime {
			t.Errorf("stale session %s still in memory", id)
		}
	}
	for _, c := range e.sb.store.codes {
		if e.clock.Now().Sub(c.IssuedAt) > usedCodeMemory {
			t.Errorf("a code issued at %s still in memory", c.IssuedAt)
		}
	}
	if _, ok := e.sb.store.conns[old.ID]; ok {
		t.Error("the forgotten connection is still in memory")
	}
}

func sorted(ids ...string) []string {
	slices.Sort(ids)
	return ids
}
