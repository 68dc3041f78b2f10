package transcript

import (
	"encoding/base64"
	"errors"
	"net/http"
	"testing"
	"time"
)

// jwtOf builds an unsigned-looking compact JWT from a header and a payload written as JSON.
func jwtOf(header, payload, sig string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(header)) + "." + enc.EncodeToString([]byte(payload)) + "." + sig
}

func TestDecodeJWT(t *testing.T) {
	tok := jwtOf(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"cred-1","exp":1763826840,"aud":["a","b"],"iat":1763823240.5}`, "c2ln")
	j, err := DecodeJWT(tok)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range j.Claims {
		names = append(names, c.Name+"="+string(c.Value))
	}
	want := []string{"sub=\"cred-1\"", "exp=1763826840", "aud=[\"a\",\"b\"]", "iat=1763823240.5"}
	if len(names) != len(want) {
		t.Fatalf("claims = %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("claim %d = %s, want %s (in the token's order)", i, names[i], want[i])
		}
	}
	if len(j.Header) != 2 || j.Header[0].Name != "alg" || j.Signature != "c2ln" || j.Raw != tok {
		t.Errorf("header %v, signature %q, raw %q", j.Header, j.Signature, j.Raw)
	}
	if exp, ok := j.Time("exp"); !ok || !exp.Equal(time.Date(2025, 11, 22, 15, 54, 0, 0, time.UTC)) {
		t.Errorf("exp = %v %v, want 2025-11-22 15:54 UTC", exp, ok)
	}
	if iat, ok := j.Time("iat"); !ok || iat.Nanosecond() != 500_000_000 {
		t.Errorf("iat = %v %v, want half a second past", iat, ok)
	}
	if _, ok := j.Time("sub"); ok {
		t.Error("a string claim read as a time")
	}

	for name, bad := range map[string]string{
		"two parts":       "eyJhbGciOiJub25lIn0.eyJ9",
		"payload not b64": "eyJhbGciOiJub25lIn0.!!!.x",
		"not an object":   jwtOf(`{"alg":"none"}`, `[1,2]`, ""),
	} {
		if _, err := DecodeJWT(bad); !errors.Is(err, ErrNotJWT) {
			t.Errorf("%s: err = %v, want ErrNotJWT", name, err)
		}
	}
}

func TestUnredactedJWTs(t *testing.T) {
	access := jwtOf(`{"alg":"HS256"}`, `{"sub":"a"}`, "sig1")
	id := jwtOf(`{"alg":"PS256","kid":"k1"}`, `{"sub":"b"}`, "sig2")
	assertion := jwtOf(`{"alg":"RS256"}`, `{"iss":"c"}`, "sig3")
	u := Unredacted{
		RequestHeaders:  http.Header{"Authorization": {"Bearer " + access}, "Content-Type": {"application/x-www-form-urlencoded"}},
		RequestBody:     "grant_type=x&client_assertion=" + assertion,
		ResponseHeaders: http.Header{"Content-Type": {"application/json"}},
		ResponseBody:    `{"access_token":"` + access + `","id_token":"` + id + `"}`,
	}
	got := u.JWTs()
	want := []struct{ where, raw string }{
		{"request header Authorization", access},
		{"request body · client_assertion", assertion},
		{"response body · id_token", id},
	}
	if len(got) != len(want) {
		t.Fatalf("found %d JWTs, want %d (each once): %v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Where != w.where || got[i].Raw != w.raw {
			t.Errorf("JWT %d is %q at %q, want %q at %q", i, got[i].Raw, got[i].Where, w.raw, w.where)
		}
	}
}
