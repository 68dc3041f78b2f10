package oauthlink

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// FuzzParseRedirect: whatever is pasted, ParseRedirect does not panic; a redirect it returns
// carries a code or an error, a code it returns came from the input, and Check accepts only a
// redirect whose state is the link's (or a bare code) and that carries a code and no error.
func FuzzParseRedirect(f *testing.F) {
	for _, s := range [][2]string{
		{"http://127.0.0.1:4321/callback?code=abc123&state=s1", "s1"},
		{"http://127.0.0.1:4321/callback?code=abc123&state=s1", "other"},
		{"  https://example.com/cb?state=s1&code=xyz \n", "s1"},
		{"https://example.com/cb#code=frag&state=s2", "s2"},
		{"?code=q1&state=s3", "s3"},
		{"code=q2&state=s4", "s4"},
		{"F2B1C0DE-1234", "s"},
		{"/callback?code=p1&state=s5", "s5"},
		{"http://127.0.0.1:1/cb?error=access_denied&state=s6", "s6"},
		{"http://127.0.0.1:1/cb?error=access_denied&state=x", "s6"},
		{"?error=server_error&error_oneid=OneID.Something.New&state=s", "s"},
		{"http://127.0.0.1:1/cb?state=s7", "s7"},
		{"code=%zz", "s"},
		{"ht!tp://%%%zz", "s"},
		{"abc%zz", "s"},
		{"code=a%2Bb+c&state=%73", "s"},
		{"http://[::1]:8080/callback?code=c&state=s&state=t", "t"},
		{"https://127.0.0.1/callback?code=&error=&state=s", "s"},
		{"", ""},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, input, state string) {
		r, err := ParseRedirect(input)
		checkPasted(t, input, state, r, err)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code == "" {
				t.Fatalf("ParseRedirect(%q) error %v is not an *Error with a code", input, err)
			}
			return
		}
		if r.Code == "" && r.Values.Get("error") == "" {
			t.Fatalf("ParseRedirect(%q) = %+v: neither a code nor an error", input, r)
		}
		if r.Code != "" {
			switch {
			case r.Bare:
				if r.Code != strings.TrimSpace(input) || !isBareCode(r.Code) {
					t.Fatalf("ParseRedirect(%q): bare code %q is not the input, or has more than token characters", input, r.Code)
				}
			case !strings.Contains(input, "code="):
				t.Fatalf("ParseRedirect(%q): code %q but no code parameter in the input", input, r.Code)
			case !strings.Contains(input, r.Code) && !strings.ContainsAny(input, "%+"):
				t.Fatalf("ParseRedirect(%q): code %q is not in the input", input, r.Code)
			}
			if r.Code != r.Values.Get("code") {
				t.Fatalf("ParseRedirect(%q): Code %q differs from the code parameter %q", input, r.Code, r.Values.Get("code"))
			}
		}
		err = r.Check(state)
		refusedState := !r.Bare && state != "" && r.State != state
		if refusedState {
			if !errors.Is(err, ErrStateMismatch) {
				t.Fatalf("ParseRedirect(%q).Check(%q) = %v, want %v", input, state, err, ErrStateMismatch)
			}
			return
		}
		if err == nil && (r.Code == "" || r.Values.Get("error") != "") {
			t.Fatalf("ParseRedirect(%q).Check(%q) accepted %+v without a code or with an error", input, state, r)
		}
		if err != nil && r.Values.Get("error") == "" && r.Code != "" {
			t.Fatalf("ParseRedirect(%q).Check(%q) = %v for a code with the right state", input, state, err)
		}
	})
}

// codeOf is the code of an *Error, "" for nil, or the text of another error.
func codeOf(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return string(e.Code)
	default:
		return err.Error()
	}
}

// checkPasted: CheckPasted refuses what ParseRedirect cannot read, with its error, and a
// redirect of another link with ErrStateMismatch; what it lets through never fails Check on
// the state.
func checkPasted(t *testing.T, input, state string, r Redirect, parseErr error) {
	t.Helper()
	err := CheckPasted(input, state)
	switch {
	case parseErr != nil:
		if err == nil || err.Error() != parseErr.Error() {
			t.Fatalf("CheckPasted(%q) = %v, want ParseRedirect's %v", input, err, parseErr)
		}
	case !r.belongsTo(state):
		if !errors.Is(err, ErrStateMismatch) {
			t.Fatalf("CheckPasted(%q, %q) = %v, want %v", input, state, err, ErrStateMismatch)
		}
	case err != nil:
		t.Fatalf("CheckPasted(%q, %q) = %v for a redirect of the link", input, state, err)
	case errors.Is(r.Check(state), ErrStateMismatch):
		t.Fatalf("CheckPasted(%q, %q) let through what Check refuses on the state", input, state)
	}
}

// FuzzParseHosted: a pasted hosted-flow callback is accepted only when it is this session's
// success or error URL carrying its state, and Success says which one.
func FuzzParseHosted(f *testing.F) {
	const base = "http://127.0.0.1:4000/callback"
	for _, s := range [][2]string{
		{base + "/success?state=s&sessionId=1", "s"},
		{base + "/error?state=s", "s"},
		{base + "/success?state=x", "s"},
		{base + "/elsewhere?state=s", "s"},
		{"code", "s"},
		{"  " + base + "/success?state=%20s#frag ", " s"},
		{"/callback/error?state=s&state=t", "s"},
		{"http://[::1]:4000/callback/success", ""},
		{"%zz", "s"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, input, state string) {
		o, err := ParseHosted(input, base, state)
		if code, pasteCode := codeOf(err), codeOf(CheckPastedHosted(input, base, state)); code != pasteCode {
			t.Fatalf("CheckPastedHosted(%q) says %q where ParseHosted says %q", input, pasteCode, code)
		}
		if err != nil {
			if !errors.Is(err, ErrInvalidRedirect) && !errors.Is(err, ErrStateMismatch) {
				t.Fatalf("ParseHosted(%q) = %v, want invalid_redirect or state_mismatch", input, err)
			}
			return
		}
		u, perr := url.Parse(strings.TrimSpace(input))
		if perr != nil {
			t.Fatalf("ParseHosted(%q) accepted an unparsable URL", input)
		}
		switch u.Path {
		case "/callback/success":
			if !o.Success {
				t.Fatalf("ParseHosted(%q): the success callback is not a success", input)
			}
		case "/callback/error":
			if o.Success {
				t.Fatalf("ParseHosted(%q): the error callback is a success", input)
			}
		default:
			t.Fatalf("ParseHosted(%q) accepted path %q", input, u.Path)
		}
		if state != "" && o.Values.Get("state") != state {
			t.Fatalf("ParseHosted(%q, state %q) accepted state %q", input, state, o.Values.Get("state"))
		}
	})
}

// FuzzCallback sends one arbitrary request to a Callback's handler: it never answers 5xx, and
// the wait ends only for a GET or POST to the callback path, addressed to the loopback host,
// whose parameters carry the link's state and a code or an error; a code handed on is the
// request's.
func FuzzCallback(f *testing.F) {
	const state = "st4te-XYZ"
	for _, s := range []struct {
		method      byte
		path, query string
		body        string
		host        string
	}{
		{0, "/callback", "code=abc&state=" + state, "", ""},
		{0, "/callback", "", "", ""},
		{0, "/callback", "state=wrong&code=abc", "", ""},
		{0, "/callback", "code=abc", "", ""},
		{0, "/callback", "error=access_denied&error_description=no&state=" + state, "", ""},
		{1, "/callback", "", "code=abc&state=" + state, ""},
		{1, "/callback", "state=" + state, "code=%zz", ""},
		{0, "/callback", "code=abc&state=" + state, "", "evil.example:80"},
		{0, "/elsewhere", "code=abc&state=" + state, "", ""},
		{2, "/callback", "code=abc&state=" + state, "", ""},
		{0, "/callback", "state=" + state + "&state=x&code=a&code=b", "", ""},
		{0, "/callback", "%zz=1;state=" + state, "", ""},
	} {
		f.Add(s.method, s.path, s.query, s.body, s.host)
	}
	methods := []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodHead, http.MethodDelete}
	f.Fuzz(func(t *testing.T, m byte, path, query, body, host string) {
		method := methods[int(m)%len(methods)]
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		c, err := ListenCallback(ctx, "", state)
		if err != nil {
			t.Skipf("listen: %v", err)
		}
		defer c.Close()
		loopbackHost := "127.0.0.1:" + strconv.Itoa(c.lb.port)
		if host == "" {
			host = loopbackHost
		}
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		req, err := http.NewRequest(method, "http://"+loopbackHost+path+"?"+query, strings.NewReader(body))
		if err != nil {
			t.Skip()
		}
		req.Host = host
		if method == http.MethodPost {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		rec := httptest.NewRecorder()
		c.lb.srv.Handler.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s (Host %q) answered %d", method, req.URL, host, rec.Code)
		}
		select {
		case a := <-c.lb.delivered:
			if !c.lb.hosts[strings.ToLower(host)] || req.URL.Path != c.path || (method != http.MethodGet && method != http.MethodPost) {
				t.Fatalf("%s %s (Host %q) ended the wait", method, req.URL, host)
			}
			if req.Form.Get("state") != state {
				t.Fatalf("%s %s ended the wait with state %q", method, req.URL, req.Form.Get("state"))
			}
			if a.err == nil && (a.val.Code == "" || a.val.Code != req.Form.Get("code")) {
				t.Fatalf("%s %s delivered code %q, request's is %q", method, req.URL, a.val.Code, req.Form.Get("code"))
			}
			if a.err != nil && a.val.Code != "" {
				t.Fatalf("%s %s delivered code %q with error %v", method, req.URL, a.val.Code, a.err)
			}
			if a.err == nil && rec.Code != http.StatusOK {
				t.Fatalf("%s %s delivered a code but answered %d", method, req.URL, rec.Code)
			}
		default:
			if rec.Code == http.StatusOK {
				t.Fatalf("%s %s answered 200 without ending the wait", method, req.URL)
			}
		}
	})
}
