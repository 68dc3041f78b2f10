package oauthlink

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// DefaultCallbackPath is the path of the loopback redirect URI when none is configured.
const DefaultCallbackPath = "/callback"

// Callback is a one-shot loopback listener that catches the bank's redirect: it listens on
// 127.0.0.1 only, serves its own mux, checks the state, answers the browser with a page, and
// delivers the first redirect it catches.
type Callback struct {
	redirectURI string
	path        string
	mu          sync.Mutex // guards state
	state       string
	srv         *http.Server
	ln          net.Listener
	once        sync.Once
	delivered   chan delivery
	pages       *template.Template
}

type delivery struct {
	redirect Redirect
	err      error
}

// IsLoopback reports whether redirectURI is an http URI on this machine that a listener could catch.
func IsLoopback(redirectURI string) bool {
	u, err := url.Parse(redirectURI)
	if err != nil || u.Scheme != "http" {
		return false
	}
	switch u.Hostname() {
	case "127.0.0.1", "localhost", "::1":
		return true
	}
	return false
}

// ListenCallback starts the listener for redirectURI, or for http://127.0.0.1:<random>/callback
// when redirectURI is empty; state is what the auth link carries. It stops when ctx is done.
func ListenCallback(ctx context.Context, redirectURI, state string) (*Callback, error) {
	addr, path := "127.0.0.1:0", DefaultCallbackPath
	if redirectURI != "" {
		if !IsLoopback(redirectURI) {
			return nil, ErrCannotListen
		}
		u, _ := url.Parse(redirectURI)
		port := u.Port()
		if port == "" {
			port = "80"
		}
		addr, path = net.JoinHostPort("127.0.0.1", port), u.EscapedPath()
		if path == "" {
			path = "/"
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for the redirect on %s: %w", addr, err)
	}
	if redirectURI == "" {
		redirectURI = "http://" + ln.Addr().String() + path
	}
	c := &Callback{
		ln:          ln,
		redirectURI: redirectURI,
		path:        path,
		state:       state,
		delivered:   make(chan delivery, 1),
		pages:       template.Must(template.New("page").Parse(callbackPage)),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", c.serve)
	c.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = c.srv.Serve(ln) }()
	go func() {
		<-ctx.Done()
		c.Close()
	}()
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

// Wait blocks until a redirect arrives (checked against the state) or ctx is done.
func (c *Callback) Wait(ctx context.Context) (Redirect, error) {
	select {
	case d := <-c.delivered:
		return d.redirect, d.err
	case <-ctx.Done():
		return Redirect{}, ctx.Err()
	}
}

// Close stops listening; it is safe to call more than once.
func (c *Callback) Close() {
	shutdownCtx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = c.srv.Shutdown(shutdownCtx)
	_ = c.ln.Close() // Serve may not have taken the listener yet; close it for sure
}

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
	if err := r.ParseForm(); err != nil {
		c.page(w, http.StatusBadRequest, false, "This redirect could not be read", err.Error())
		return
	}
	c.mu.Lock()
	state := c.state
	c.mu.Unlock()
	redirect, err := RedirectFromValues(r.Form)
	if err == nil {
		err = redirect.Check(state)
	}
	if err != nil {
		redirect = Redirect{} // a refused redirect's code is never handed on
	}
	first := false
	c.once.Do(func() {
		first = true
		c.delivered <- delivery{redirect: redirect, err: err}
	})
	switch {
	case !first:
		c.page(w, http.StatusGone, false, "linkstep already has its answer", "This link was used already. Return to linkstep.")
	case errors.Is(err, ErrStateMismatch):
		c.page(w, http.StatusBadRequest, false, "Refused: state mismatch", "This redirect did not come from the auth link linkstep opened, so its code was not used. Return to linkstep and start again.")
	case err != nil:
		c.page(w, http.StatusOK, false, "The bank link did not complete", err.Error()+". Return to linkstep to try again.")
	default:
		c.page(w, http.StatusOK, true, "You're connected", "linkstep has the authorisation. You can close this tab and return to the terminal.")
	}
}

func (c *Callback) page(w http.ResponseWriter, status int, ok bool, title, detail string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = c.pages.Execute(w, map[string]any{"Title": title, "Detail": detail, "OK": ok})
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
