package transcript

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// recordToken makes one token request with secrets in the URL, a header and the body, through
// a recorder over tokenServer, and returns the entry it recorded.
func recordToken(t *testing.T) Entry {
	t.Helper()
	srv, _ := tokenServer(t)
	hc := &http.Client{Transport: NewRecorder(srv.Client().Transport, NewRedactor(testSecret))}
	ctx, entries := collect(context.Background())
	body := "grant_type=authorization_code&client_secret=" + testSecret + "&code=req-code-1"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/connect/token?code=url-code-1", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+testJWT)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	got := entries()
	if len(got) != 1 {
		t.Fatalf("recorded %d entries, want 1", len(got))
	}
	return got[0]
}

// secretsOfTokenRequest are the values recordToken sends or receives that are secret.
var secretsOfTokenRequest = []string{testSecret, "req-code-1", "url-code-1", testJWT, "resp-refresh-value-1", "cookie-value-1"}

func TestEntryKeepsTheUnredactedExchange(t *testing.T) {
	e := recordToken(t)
	u, ok := e.Unredacted()
	if !ok {
		t.Fatal("the recorder kept no unredacted copy")
	}
	for name, tt := range map[string]struct{ got, want string }{
		"url":             {u.URL, "code=url-code-1"},
		"request header":  {u.RequestHeaders.Get("Authorization"), "Bearer " + testJWT},
		"response header": {u.ResponseHeaders.Get("Set-Cookie"), "sid=cookie-value-1"},
	} {
		if !strings.Contains(tt.got, tt.want) {
			t.Errorf("unredacted %s = %q, want it to hold %q", name, tt.got, tt.want)
		}
	}
	if !strings.Contains(u.RequestBody, testSecret) || !strings.Contains(u.ResponseBody, "resp-refresh-value-1") {
		t.Errorf("unredacted bodies lack their secrets: %q / %q", u.RequestBody, u.ResponseBody)
	}
	if strings.Contains(e.RequestBody, testSecret) {
		t.Errorf("the redacted body holds the client secret: %q", e.RequestBody)
	}
	if _, ok := (Entry{}).Unredacted(); ok {
		t.Error("an Entry built by hand claims an unredacted copy")
	}
}

func TestUnredactedNeverLeavesThroughAnExport(t *testing.T) {
	e := recordToken(t)
	u, _ := e.Unredacted()
	exports := map[string]func() (string, error){
		"json of the entry": func() (string, error) { b, err := json.Marshal(e); return string(b), err },
		"json of a list":    func() (string, error) { b, err := json.Marshal([]Entry{e}); return string(b), err },
		"har": func() (string, error) {
			var b bytes.Buffer
			err := WriteHAR(&b, []Entry{e}, HARCreator{Name: "linkstep", Version: "test"})
			return b.String(), err
		},
		"curl": func() (string, error) {
			var b bytes.Buffer
			err := WriteCurl(&b, []Entry{e}, nil)
			return b.String() + Curl(e, CurlVars{}), err
		},
		"fmt verbs": func() (string, error) {
			return fmt.Sprintf("%v %+v %#v %v", e, e, e, []Entry{e}) + fmt.Sprintf("%v %+v %#v %s %q", u, u, u, u, u), nil
		},
	}
	for name, export := range exports {
		t.Run(name, func(t *testing.T) {
			out, err := export()
			if err != nil {
				t.Fatal(err)
			}
			if out == "" {
				t.Fatal("the export wrote nothing")
			}
			for _, secret := range secretsOfTokenRequest {
				if strings.Contains(out, secret) {
					t.Errorf("the export holds the secret %q:\n%s", secret, out)
				}
			}
		})
	}
	if _, err := json.Marshal(u); !errors.Is(err, ErrNotExportable) {
		t.Errorf("json.Marshal(Unredacted) = %v, want ErrNotExportable", err)
	}
	if _, err := json.Marshal(map[string]any{"x": u}); err == nil {
		t.Error("an Unredacted inside another value was encoded")
	}
}

func TestRawBodyKeepsNotesAndLimits(t *testing.T) {
	tests := []struct {
		name, contentType, body, want string
		limit                         int
	}{
		{"form", "application/x-www-form-urlencoded", "password=doe1&u=john", "password=doe1&u=john", 0},
		{"html is a size note", "text/html", "<html><p>hi</p></html>", "[html page, 22 bytes]", 0},
		{"binary is a size note", "application/pdf", "%PDF\x00\x01", "[binary, 6 bytes]", 0},
		{"cut at the limit", "text/plain", "abcdefghij", "abcd\n… [truncated: showing 4 of 10 bytes]", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rawBody(tt.contentType, []byte(tt.body), tt.limit); got != tt.want {
				t.Errorf("rawBody = %q, want %q", got, tt.want)
			}
		})
	}
}
