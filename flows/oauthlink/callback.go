package oauthlink

import (
	"context"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
)

// DefaultCallbackPath is the path of the loopback redirect URI when none is configured.
const DefaultCallbackPath = "/callback"

// Callback is a one-shot loopback listener that catches the bank's redirect: it listens on the
// redirect URI's loopback address (127.0.0.1, [::1], or both for localhost; over TLS with a
// self-signed certificate for https), serves its own mux, and answers only requests whose Host
// is that address. Only a redirect carrying the auth link's state (with a code, or with the
// provider's error) ends the wait; any other request to the callback path gets a 400 page and
// the listener keeps waiting, until MaxRefused of them make it stop with ErrTooManyRefused.
type Callback struct {
	redirectURI string
	path        string
	mu          sync.Mutex // guards state
	state       string
	lb          *loopback[Redirect]
}

// IsLoopback reports whether redirectURI is an http or https URI on this machine's loopback
// address (127.0.0.1, [::1] or localhost) that a listener could catch.
func IsLoopback(redirectURI string) bool {
	u, err := url.Parse(redirectURI)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	switch u.Hostname() {
	case "127.0.0.1", "localhost", "::1":
		return true
	}
	return false
}

// ListenCallback starts the listener for redirectURI (port 0: a free port, which RedirectURI
// then names), or for http://127.0.0.1:<random>/callback when redirectURI is empty; state is
// what the auth link carries. It stops when ctx is done.
func ListenCallback(ctx context.Context, redirectURI, state string, opts ...ListenOption) (*Callback, error) {
	var o listenOptions
	for _, opt := range opts {
		opt(&o)
	}
	ep, err := parseEndpoint(redirectURI)
	if err != nil {
		return nil, err
	}
	path := ep.path
	if redirectURI == "" {
		path = DefaultCallbackPath
	}
	if path == "" {
		path = "/"
	}
	c := &Callback{path: path, state: state}
	if c.lb, err = startLoopback[Redirect](ctx, ep, o, c.serve); err != nil {
		return nil, err
	}
	switch {
	case redirectURI == "":
		c.redirectURI = ep.base(c.lb.port, path)
	case ep.port == "0": // a free port was asked for: say which
		u, _ := url.Parse(redirectURI)
		u.Host = net.JoinHostPort(u.Hostname(), strconv.Itoa(c.lb.port))
		c.redirectURI = u.String()
	default:
		c.redirectURI = redirectURI
	}
	return c, nil
}

// expectAnyState stops checking the state: the link was made without linkstep's (a nil
// Callback is left alone).
func (c *Callback) expectAnyState() {
	if c != nil {
		c.mu.Lock()
		c.state = ""
		c.mu.Unlock()
	}
}

// RedirectURI is the URI the auth link must carry so the redirect reaches this listener.
func (c *Callback) RedirectURI() string { return c.redirectURI }

// Wait blocks until a redirect with the auth link's state arrives, the listener refused
// MaxRefused requests (ErrTooManyRefused), or ctx is done.
func (c *Callback) Wait(ctx context.Context) (Redirect, error) { return c.lb.wait(ctx) }

// Close stops listening; it is safe to call more than once.
func (c *Callback) Close() { c.lb.close() }

// selfSigned reports whether the listener serves TLS with linkstep's own certificate (a nil
// Callback does not).
func (c *Callback) selfSigned() bool { return c != nil && c.lb.selfSigned }

func (c *Callback) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != c.path {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if c.lb.answered(w) {
		return
	}
	if err := r.ParseForm(); err != nil {
		c.lb.refuse(w, "a request to the callback whose parameters could not be read", "This redirect could not be read", err.Error()+".")
		return
	}
	c.mu.Lock()
	state := c.state
	c.mu.Unlock()
	if reason, ok := checkState(r.Form, state); !ok {
		c.lb.refuse(w, reason, "Refused: state mismatch", "This request did not come from the auth link linkstep opened, so nothing in it was used.")
		return
	}
	redirect, err := RedirectFromValues(r.Form)
	if err != nil {
		c.lb.refuse(w, "a redirect to the callback with neither a code nor an error", "Refused: no authorisation code", "This redirect carries neither an authorisation code nor an error.")
		return
	}
	if err = redirect.Check(state); err != nil {
		redirect = Redirect{} // a provider's error: no code to hand on
	}
	if !c.lb.deliver(redirect, err) {
		c.lb.gone(w)
		return
	}
	if err != nil {
		c.lb.page(w, http.StatusOK, false, "The bank link did not complete", sentence(err.Error())+" Return to linkstep to try again.")
		return
	}
	c.lb.page(w, http.StatusOK, true, "You're connected", "linkstep has the authorisation. You can close this tab and return to the terminal.")
}

// checkState says whether a request's parameters carry state (anything goes when state is
// empty) and, when not, why, to complete "the listener refused ...".
func checkState(v url.Values, state string) (reason string, ok bool) {
	switch {
	case state == "" || v.Get("state") == state:
		return "", true
	case len(v) == 0:
		return "a request to the callback without any parameters", false
	case v.Get("state") == "":
		return "a request to the callback without the auth link's state", false
	default:
		return "a redirect carrying another state than the auth link's", false
	}
}

// sentence ends text with a full stop unless it already ends a sentence.
func sentence(text string) string {
	if strings.HasSuffix(text, ".") || strings.HasSuffix(text, "!") || strings.HasSuffix(text, "?") {
		return text
	}
	return text + "."
}

// writePage answers the browser with the callback page.
func writePage(w http.ResponseWriter, pages *template.Template, status int, ok bool, title, detail string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = pages.Execute(w, map[string]any{"Title": title, "Detail": detail, "OK": ok})
}

const callbackPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>linkstep · {{.Title}}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,-apple-system,sans-serif;background:#0f1115;color:#e6e6e6;display:flex;min-height:100vh;align-items:center;justify-content:center;margin:0}
main{max-width:32rem;padding:2rem;border-radius:12px;background:#171a21;box-shadow:0 4px 24px #0006}
h1{font-size:1.4rem;margin:0 0 .75rem;color:{{if .OK}}#7ee787{{else}}#ff7b72{{end}}}
p{line-height:1.5;color:#c9d1d9}
small{color:#8b949e}
</style></head>
<body><main><h1>{{.Title}}</h1><p>{{.Detail}}</p><small>linkstep</small></main></body></html>
`
