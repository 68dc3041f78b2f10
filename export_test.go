package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// harDoc is the part of a HAR file the tests read.
type harDoc struct {
	Log struct {
		Version string
		Creator struct{ Name, Version string }
		Entries []struct {
			StartedDateTime string
			Time            *float64
			Request         struct {
				Method, URL, HTTPVersion string
				Headers, QueryString     []struct{ Name, Value string }
				PostData                 *struct {
					MimeType string
					Params   []struct{ Name, Value string }
					Text     string
				}
				HeadersSize, BodySize *int
				Cookies               []any
			}
			Response struct {
				Status      *int
				StatusText  *string
				HTTPVersion string
				Headers     []struct{ Name, Value string }
				Content     struct {
					Size     *int
					MimeType *string
					Text     string
				}
				RedirectURL           *string
				HeadersSize, BodySize *int
				Cookies               []any
			}
			Cache   *struct{}
			Timings *struct{ Send, Wait, Receive float64 }
		}
	}
}

// readHAR reads a HAR file and checks the fields HAR 1.2 requires.
func readHAR(t *testing.T, path string) (harDoc, string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc harDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("the HAR is not JSON: %v", err)
	}
	if doc.Log.Version != "1.2" || doc.Log.Creator.Name != "linkstep" || len(doc.Log.Entries) == 0 {
		t.Fatalf("log = version %q, creator %+v, %d entries", doc.Log.Version, doc.Log.Creator, len(doc.Log.Entries))
	}
	for i, e := range doc.Log.Entries {
		r, p := e.Request, e.Response
		if e.StartedDateTime == "" || e.Time == nil || e.Cache == nil || e.Timings == nil ||
			r.Method == "" || r.URL == "" || r.HTTPVersion == "" || r.Headers == nil || r.QueryString == nil || r.Cookies == nil || r.HeadersSize == nil || r.BodySize == nil ||
			p.Status == nil || p.StatusText == nil || p.Headers == nil || p.Cookies == nil || p.Content.Size == nil || p.Content.MimeType == nil || p.RedirectURL == nil || p.HeadersSize == nil || p.BodySize == nil {
			t.Errorf("entry %d lacks a field HAR 1.2 requires: %+v", i, e)
		}
	}
	return doc, string(raw)
}

// storedSecrets are the token values the run kept in the insecure file.
func storedSecrets(t *testing.T, dir string) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "linkstep", "secrets.json"))
	if err != nil {
		t.Fatal(err)
	}
	var items map[string]string
	if err := json.Unmarshal(raw, &items); err != nil {
		t.Fatal(err)
	}
	secrets := map[string]string{}
	for key, value := range items {
		if !strings.HasSuffix(key, "/meta") {
			secrets[key] = value
		}
	}
	if len(secrets) < 2 {
		t.Fatalf("found %d stored tokens, want access and refresh tokens: %v", len(secrets), keysOf(items))
	}
	return secrets
}

// secretParams are the names of fields whose values must be masked wherever they appear.
var secretParams = map[string]bool{"client_secret": true, "code": true, "code_verifier": true, "password": true, "refresh_token": true, "access_token": true, "id_token": true}

// assertMasked fails when a secret field of the HAR, or a JWT, is not masked.
func assertMasked(t *testing.T, doc harDoc, raw string) {
	t.Helper()
	for _, e := range doc.Log.Entries {
		fields := e.Request.QueryString
		if e.Request.PostData != nil {
			fields = append(fields, e.Request.PostData.Params...)
		}
		for _, f := range fields {
			if secretParams[f.Name] && !strings.HasPrefix(f.Value, "••••") {
				t.Errorf("%s %s: %s=%q is not masked", e.Request.Method, e.Request.URL, f.Name, f.Value)
			}
		}
		for _, h := range append(e.Request.Headers, e.Response.Headers...) {
			if h.Name == "Authorization" && !strings.Contains(h.Value, "••••") {
				t.Errorf("%s %s: Authorization %q is not masked", e.Request.Method, e.Request.URL, h.Value)
			}
		}
	}
	if m := regexp.MustCompile(`eyJ[\w-]{10,}`).FindString(raw); m != "" {
		t.Errorf("a JWT appears in the HAR: %s", m)
	}
	if m := regexp.MustCompile(`"(access_token|refresh_token|id_token|client_secret|code)\\?"\s*:\s*\\?"[^"•\\]{8,}`).FindString(raw); m != "" {
		t.Errorf("a secret field appears in the HAR: %s", m)
	}
}

func TestRunExportsHARAndCurlWithoutSecrets(t *testing.T) {
	dir := isolate(t)
	har := filepath.Join(dir, "signup.har")
	code, out, errOut := signupPlus(t, "--username", "john1", "--password", "doe1", "--har", har, "--curl")
	if code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	doc, raw := readHAR(t, har)
	if n := len(doc.Log.Entries); n < 5 {
		t.Fatalf("%d entries, want every exchange of the journey", n)
	}
	var token bool
	for _, e := range doc.Log.Entries {
		token = token || strings.HasSuffix(e.Request.URL, "/connect/token")
	}
	if !token {
		t.Fatal("the HAR lacks the token exchange")
	}
	assertMasked(t, doc, raw)
	for key, value := range storedSecrets(t, dir) {
		if strings.Contains(raw, value) {
			t.Errorf("the HAR holds %s", key)
		}
		if strings.Contains(errOut, value) || strings.Contains(out, value) {
			t.Errorf("the output holds %s", key)
		}
	}

	// --curl: after the result, on stderr, one command per exchange with placeholders.
	curls := strings.Count(errOut, "\ncurl ")
	if curls != len(doc.Log.Entries) {
		t.Fatalf("%d curl commands for %d exchanges:\n%s", curls, len(doc.Log.Entries), errOut)
	}
	for _, want := range []string{`"client_secret=$TRUELAYER_CLIENT_SECRET"`, `"code=$CODE"`, `"Authorization: Bearer $ACCESS_TOKEN"`, `"password=$PASSWORD"`, "# secrets are placeholders: export "} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the curl commands lack %s", want)
		}
	}
	if strings.Contains(errOut[strings.Index(errOut, "\ncurl "):], "••••") {
		t.Error("a mask is left in the curl commands")
	}
}

func TestRunExportsAFailedRun(t *testing.T) {
	dir := isolate(t)
	har := filepath.Join(dir, "failed.har")
	code, out, _ := signupPlus(t, "--username", "error.internal_error", "--password", "error", "--har", har)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, out)
	}
	doc, _ := readHAR(t, har)
	last := doc.Log.Entries[len(doc.Log.Entries)-1]
	if *last.Response.Status != 500 {
		t.Fatalf("the last exchange is %d %s, want the failing call", *last.Response.Status, last.Request.URL)
	}
}

func TestRunExportsOneIDsExchanges(t *testing.T) {
	dir := isolate(t)
	har := filepath.Join(dir, "oneid.har")
	code, out, errOut := run(t, "run", "oneid/identity", "--insecure-storage", "--identity", "janet", "--har", har, "--curl")
	if code != 0 && code != 2 { // without --account the run may stop at the account question
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	doc, raw := readHAR(t, har)
	assertMasked(t, doc, raw)
	if !strings.Contains(errOut, `-u "$ONEID_CLIENT_ID:$ONEID_CLIENT_SECRET"`) && !strings.Contains(errOut, `"client_secret=$ONEID_CLIENT_SECRET"`) {
		t.Errorf("the token call's client credentials are not OneID's placeholders:\n%s", errOut)
	}
}

func TestRunRefusesAHARItCannotWrite(t *testing.T) {
	dir := isolate(t)
	code, out, errOut := signupPlus(t, "--username", "john1", "--password", "doe1", "--har", filepath.Join(dir, "no", "such", "dir", "x.har"))
	if e := parseError(t, out); code != 2 || e.Code != "invalid_flag" || e.Flag != "--har" {
		t.Fatalf("exit %d, error %+v, want 2 invalid_flag --har before the journey", code, e)
	}
	assertNoCall(t, errOut)
}
