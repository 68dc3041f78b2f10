package transcript

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// JWT is a compact JWT found in an exchange, decoded for display: its signature is not checked.
// The header and the claims are not secret; Raw and Signature are.
type JWT struct {
	Where     string  // where it was: "response body · access_token", "request header Authorization"
	Raw       string  // the token as sent
	Header    []Claim // the JOSE header's members, in order
	Claims    []Claim // the payload's members, in order
	Signature string  // the third part, base64url
}

// Claim is one member of a JWT's header or payload, its value as JSON.
type Claim struct {
	Name  string
	Value json.RawMessage
}

// ErrNotJWT is what DecodeJWT fails with for a string that is not a compact JWT with JSON parts.
var ErrNotJWT = errors.New("not a compact JWT")

// DecodeJWT splits a compact JWT and decodes its header and payload, without checking the
// signature.
func DecodeJWT(token string) (JWT, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return JWT{}, fmt.Errorf("%w: %d parts", ErrNotJWT, len(parts))
	}
	header, err := jwtPart(parts[0])
	if err != nil {
		return JWT{}, fmt.Errorf("%w: header: %v", ErrNotJWT, err)
	}
	claims, err := jwtPart(parts[1])
	if err != nil {
		return JWT{}, fmt.Errorf("%w: payload: %v", ErrNotJWT, err)
	}
	return JWT{Raw: token, Header: header, Claims: claims, Signature: parts[2]}, nil
}

// jwtPart decodes a base64url JSON object into its members, keeping their order.
func jwtPart(part string) ([]Claim, error) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(part, "="))
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	var out []Claim
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		out = append(out, Claim{Name: name, Value: v})
	}
	return out, nil
}

// Claim returns the value of the claim name, if the payload has it.
func (j JWT) Claim(name string) (json.RawMessage, bool) {
	for _, c := range j.Claims {
		if c.Name == name {
			return c.Value, true
		}
	}
	return nil, false
}

// Time returns a NumericDate claim (exp, iat, nbf, auth_time) as a time.
func (j JWT) Time(name string) (time.Time, bool) {
	v, ok := j.Claim(name)
	if !ok {
		return time.Time{}, false
	}
	var n json.Number
	if err := json.Unmarshal(v, &n); err != nil {
		return time.Time{}, false
	}
	f, err := n.Float64()
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return time.Time{}, false
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), true
}

// JWTs finds every JWT the exchange carried (in header values, JSON members, form fields and
// other text), each once, in the order request headers, request body, response headers,
// response body.
func (u Unredacted) JWTs() []JWT {
	var out []JWT
	seen := map[string]bool{}
	add := func(where, text string) {
		for _, tok := range jwtPattern().FindAllString(text, -1) {
			if seen[tok] {
				continue
			}
			j, err := DecodeJWT(tok)
			if err != nil {
				continue
			}
			seen[tok] = true
			j.Where = where
			out = append(out, j)
		}
	}
	headers := func(side string, h http.Header) {
		for _, name := range slices.Sorted(maps.Keys(h)) {
			for _, v := range h[name] {
				add(side+" header "+http.CanonicalHeaderKey(name), v)
			}
		}
	}
	body := func(side, contentType, text string) {
		for _, f := range bodyFields(contentType, text) {
			add(side+" body · "+f.Name, f.Value)
		}
		add(side+" body", text)
	}
	headers("request", u.RequestHeaders)
	body("request", u.RequestHeaders.Get("Content-Type"), u.RequestBody)
	headers("response", u.ResponseHeaders)
	body("response", u.ResponseHeaders.Get("Content-Type"), u.ResponseBody)
	return out
}

// bodyFields lists the string members of a JSON object body (top level) or the fields of a
// form, so that a JWT found in one is named after it.
func bodyFields(contentType, text string) []HARNameValue {
	if !strings.Contains(text, "eyJ") {
		return nil
	}
	switch kindOf(mediaOf(contentType), []byte(text)) {
	case kindForm:
		q, err := url.ParseQuery(text)
		if err != nil {
			return nil
		}
		var out []HARNameValue
		for _, name := range slices.Sorted(maps.Keys(q)) {
			for _, v := range q[name] {
				out = append(out, HARNameValue{Name: name, Value: v})
			}
		}
		return out
	case kindJSON:
		var obj map[string]any
		if json.Unmarshal([]byte(text), &obj) != nil {
			return nil
		}
		var out []HARNameValue
		for _, name := range slices.Sorted(maps.Keys(obj)) {
			if s, ok := obj[name].(string); ok {
				out = append(out, HARNameValue{Name: name, Value: s})
			}
		}
		return out
	}
	return nil
}
