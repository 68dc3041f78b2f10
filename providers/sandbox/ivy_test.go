package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ivyCall posts body to one of Ivy's calls with the key and decodes the answer.
func ivyCall(t *testing.T, hc *http.Client, urls URLs, key, path string, body any) (int, map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, urls.Ivy+"/api/service/data/"+path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Ivy-Api-Key", key)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// ivySession creates a data session for jane@example.com with callbacks under testRedirectURI,
// walks its pages with the root's SignIn as john/doe, and returns the session's id and where
// the pages sent the browser.
func ivySession(t *testing.T, sb *Sandbox, hc *http.Client, urls URLs, ref string) (string, *url.URL) {
	t.Helper()
	status, s := ivyCall(t, hc, urls, sb.IvyAPIKey(), "session/create", map[string]any{
		"referenceId": ref, "market": "DE", "permissions": []string{"identity", "accounts"},
		"externalUser":       map[string]any{"email": "jane@example.com"},
		"successCallbackUrl": testRedirectURI + "/success?state=st4te", "errorCallbackUrl": testRedirectURI + "/error?state=st4te",
	})
	if status != http.StatusOK {
		t.Fatalf("create: %d %v", status, s)
	}
	got, err := SignIn(context.Background(), hc, SignInRequest{AuthLink: s["redirectUrl"].(string), RedirectURI: testRedirectURI,
		Username: "john", Password: "doe"})
	u, perr := url.Parse(got)
	if err != nil || perr != nil {
		t.Fatalf("SignIn = %q, %v", got, err)
	}
	return s["id"].(string), u
}

// TestIvyThroughTheRoot creates a data session with the Sandbox's Ivy API key and walks it
// with the root's SignIn, as the journey does: the walk stops at the success callback below
// the redirect URI.
func TestIvyThroughTheRoot(t *testing.T) {
	sb, srv, urls := serve(t, Options{ClientSecret: "configured-s3cret"})
	if sb.IvyAPIKey() != "configured-s3cret" || sb.IvyWebhookSecret() != "whsec-configured-s3cret" || sb.IvyStateFile() != "" {
		t.Fatalf("Ivy's key %q, secret %q, state file %q", sb.IvyAPIKey(), sb.IvyWebhookSecret(), sb.IvyStateFile())
	}
	id, u := ivySession(t, sb, srv.Client(), urls, "ref-1")
	if u.Path != "/callback/success" || u.Query().Get("sessionId") != id || u.Query().Get("state") != "st4te" {
		t.Fatalf("the walk ended at %s", u)
	}
	if status, body := ivyCall(t, srv.Client(), urls, "wrong", "accounts/list", map[string]any{"sessionId": id}); status != http.StatusUnauthorized {
		t.Fatalf("a wrong key: %d %v", status, body)
	}
	if status, body := ivyCall(t, srv.Client(), urls, sb.IvyAPIKey(), "accounts/list", map[string]any{"sessionId": id}); status != http.StatusOK ||
		len(body["accounts"].([]any)) != 3 {
		t.Fatalf("accounts: %d %v", status, body)
	}
}

// TestIvySessionsSurviveARestart starts a Sandbox on a state dir, completes a session, and
// checks that a new Sandbox on the same dir (with a new generated secret, hence a new API key,
// as a new process has) lists it for the same user.
func TestIvySessionsSurviveARestart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sandbox")
	sb1, srv1, urls1 := serve(t, Options{StateDir: dir})
	id, _ := ivySession(t, sb1, srv1.Client(), urls1, "ref-1")
	if sb1.IvyStateFile() != filepath.Join(dir, "ivy.json") {
		t.Fatalf("state file %q", sb1.IvyStateFile())
	}

	srv2, err := Start("", Options{StateDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer srv2.Close()
	sb2 := srv2.Sandbox()
	if sb2.IvyAPIKey() == sb1.IvyAPIKey() {
		t.Fatal("the second sandbox has the first one's API key")
	}
	status, list := ivyCall(t, http.DefaultClient, srv2.URLs(), sb2.IvyAPIKey(), "session/list", map[string]any{"externalUserEmail": "jane@example.com"})
	sessions, _ := list["dataSessions"].([]any)
	if status != http.StatusOK || len(sessions) != 1 || sessions[0].(map[string]any)["id"] != id || sessions[0].(map[string]any)["status"] != "complete" {
		t.Fatalf("list after a restart: %d %v", status, list)
	}
	data, err := os.ReadFile(sb1.IvyStateFile())
	if err != nil || bytes.Contains(data, []byte(sb1.IvyAPIKey())) || bytes.Contains(data, []byte(sb2.IvyAPIKey())) {
		t.Fatalf("the state file (%v) holds an API key", err)
	}
}

func TestStartRefusesACorruptStateFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ivy.json")
	if err := os.WriteFile(path, []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{StateDir: dir}); err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("New = %v, want an error naming %s", err, path)
	}
	if srv, err := Start("", Options{StateDir: dir}); err == nil {
		_ = srv.Close()
		t.Fatal("Start accepted a corrupt state file")
	}
	if data, _ := os.ReadFile(path); string(data) != "not json" {
		t.Fatalf("the file changed: %s", data)
	}
}
