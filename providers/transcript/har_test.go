package transcript

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Real values of the fixed exchanges: none may appear in an export.
const (
	fixedCode     = "auth-code-0123456789abcdef"
	fixedVerifier = "verifier-0123456789abcdefghijklmnopqrstuvw"
	fixedRefresh  = "refresh-token-0123456789abcdef"
	fixedAPIKey   = "ivy-api-key-0123456789abcdef"
)

// fixedEntries are three exchanges as the Recorder reports them (redacted with the client
// secret and the API key registered): a token exchange, a data call with a bearer token, and
// a call with an API key that failed in transport.
func fixedEntries() []Entry {
	r := NewRedactor(testSecret, fixedAPIKey)
	started := time.Date(2026, 3, 14, 9, 26, 53, 589_000_000, time.UTC)
	entry := func(i int, method, u string, reqH http.Header, reqBody string, status int, respH http.Header, respBody, errText string) Entry {
		return Entry{
			Started:         started.Add(time.Duration(i) * time.Second),
			Duration:        time.Duration(12+i) * time.Millisecond,
			Method:          method,
			URL:             r.URL(u),
			Status:          status,
			RequestHeaders:  r.Headers(reqH),
			RequestBody:     r.Body(reqH.Get("Content-Type"), []byte(reqBody)),
			ResponseHeaders: r.Headers(respH),
			ResponseBody:    r.Body(respH.Get("Content-Type"), []byte(respBody)),
			Err:             errText,
		}
	}
	return []Entry{
		entry(0, http.MethodPost, "http://127.0.0.1:8080/truelayer/auth/connect/token",
			http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Accept": {"application/json"}},
			"grant_type=authorization_code&client_id=sandbox-linkstep&client_secret="+testSecret+"&redirect_uri=http%3A%2F%2F127.0.0.1%3A5050%2Fcallback&code="+fixedCode+"&code_verifier="+fixedVerifier,
			200, http.Header{"Content-Type": {"application/json"}, "Set-Cookie": {"sid=abc123; Path=/"}},
			`{"access_token":"`+testJWT+`","refresh_token":"`+fixedRefresh+`","expires_in":3600,"token_type":"Bearer"}`, ""),
		entry(1, http.MethodGet, "http://127.0.0.1:8080/truelayer/api/signup-plus/accounts?account_id=acc-1",
			http.Header{"Authorization": {"Bearer " + testJWT}},
			"", 200, http.Header{"Content-Type": {"application/json"}},
			`{"first_name":"John","last_name":"Doe"}`, ""),
		entry(2, http.MethodPost, "http://127.0.0.1:8080/ivy/api/service/data/sessions",
			http.Header{"X-Ivy-Api-Key": {fixedAPIKey}, "Content-Type": {"application/json"}},
			`{"market":"DE","customer":{"email":"jane@example.com"}}`, 0, nil, "", "dial tcp 127.0.0.1:8080: connect: connection refused"),
	}
}

// fixedSecrets are the real values behind fixedEntries.
func fixedSecrets() map[string]string {
	return map[string]string{"client secret": testSecret, "code": fixedCode, "verifier": fixedVerifier,
		"access token": testJWT, "refresh token": fixedRefresh, "API key": fixedAPIKey}
}

func TestWriteHARGolden(t *testing.T) {
	var out bytes.Buffer
	if err := WriteHAR(&out, fixedEntries(), HARCreator{Name: "linkstep", Version: "test"}); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "exchanges.har")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./providers/transcript -update to write it)", err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Fatalf("HAR differs from %s (go test -update rewrites it):\n%s", golden, out.String())
	}
	for name, v := range fixedSecrets() {
		if strings.Contains(out.String(), v) {
			t.Errorf("the %s appears in the HAR", name)
		}
	}
}

// TestHARFollowsTheSpec checks what HAR 1.2 requires of each object (the fields a devtools
// import reads), field by field and with its JSON type.
func TestHARFollowsTheSpec(t *testing.T) {
	var out bytes.Buffer
	if err := WriteHAR(&out, fixedEntries(), HARCreator{Name: "linkstep", Version: "test"}); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	checkHAR(t, doc)
}

// checkHAR fails t where doc lacks what the HAR 1.2 specification requires.
func checkHAR(t *testing.T, doc map[string]any) {
	t.Helper()
	need := func(where string, obj any, fields map[string]string) map[string]any {
		t.Helper()
		m, ok := obj.(map[string]any)
		if !ok {
			t.Fatalf("%s is not an object: %v", where, obj)
		}
		for name, kind := range fields {
			v, ok := m[name]
			if !ok {
				t.Errorf("%s lacks %q", where, name)
				continue
			}
			var good bool
			switch kind {
			case "string":
				_, good = v.(string)
			case "number":
				_, good = v.(float64)
			case "array":
				_, good = v.([]any)
			case "object":
				_, good = v.(map[string]any)
			}
			if !good {
				t.Errorf("%s.%s = %#v, want a %s", where, name, v, kind)
			}
		}
		return m
	}
	nameValues := func(where string, list any) {
		t.Helper()
		for _, nv := range list.([]any) {
			need(where, nv, map[string]string{"name": "string", "value": "string"})
		}
	}
	log := need("log", doc["log"], map[string]string{"version": "string", "creator": "object", "entries": "array"})
	if log["version"] != "1.2" {
		t.Errorf("log.version = %v, want 1.2", log["version"])
	}
	need("log.creator", log["creator"], map[string]string{"name": "string", "version": "string"})
	entries := log["entries"].([]any)
	if len(entries) == 0 {
		t.Fatal("no entries")
	}
	for _, e := range entries {
		entry := need("entry", e, map[string]string{"startedDateTime": "string", "time": "number", "request": "object", "response": "object", "cache": "object", "timings": "object"})
		if _, err := time.Parse(time.RFC3339Nano, entry["startedDateTime"].(string)); err != nil {
			t.Errorf("startedDateTime: %v", err)
		}
		req := need("request", entry["request"], map[string]string{"method": "string", "url": "string", "httpVersion": "string", "cookies": "array", "headers": "array", "queryString": "array", "headersSize": "number", "bodySize": "number"})
		nameValues("request.headers[]", req["headers"])
		nameValues("request.queryString[]", req["queryString"])
		nameValues("request.cookies[]", req["cookies"])
		if pd, ok := req["postData"]; ok {
			p := need("request.postData", pd, map[string]string{"mimeType": "string", "params": "array", "text": "string"})
			nameValues("request.postData.params[]", p["params"])
		}
		resp := need("response", entry["response"], map[string]string{"status": "number", "statusText": "string", "httpVersion": "string", "cookies": "array", "headers": "array", "content": "object", "redirectURL": "string", "headersSize": "number", "bodySize": "number"})
		nameValues("response.headers[]", resp["headers"])
		nameValues("response.cookies[]", resp["cookies"])
		need("response.content", resp["content"], map[string]string{"size": "number", "mimeType": "string"})
		timings := need("timings", entry["timings"], map[string]string{"send": "number", "wait": "number", "receive": "number"})
		for _, k := range []string{"send", "wait", "receive"} {
			if timings[k].(float64) < 0 {
				t.Errorf("timings.%s = %v: must not be negative", k, timings[k])
			}
		}
	}
}
