package oauthlink

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Hosted-flow callback paths under the listener's base path.
const (
	hostedSuccess = "/success"
	hostedError   = "/error"
	hostedResult  = "/result"
)

// maxWebhookBytes bounds a result webhook's body.
const maxWebhookBytes = 1 << 20

// HostedURLs are the callback URLs a hosted flow (Ivy's data sessions) is created with: the
// browser comes back to Success or Error; the provider posts its result webhook to Result.
type HostedURLs struct {
	Success string
	Error   string
	Result  string
}

// HostedOutcome is how a hosted flow ended: on its success or its error callback, with every
// parameter the callback carried.
type HostedOutcome struct {
	Success bool
	Values  url.Values
}

// WebhookFunc checks a result webhook's raw body and headers; an error refuses it (401).
type WebhookFunc func(body []byte, header http.Header) error

// Hosted is a one-shot loopback listener for a hosted flow: it listens on 127.0.0.1, serves its
// own mux, checks the state on the success and error callbacks, delivers the first of them, and
// hands result webhooks to a checker without ending the wait.
type Hosted struct {
	base      string // e.g. http://127.0.0.1:4321/callback
	path      string
	state     string
	webhook   WebhookFunc
	srv       *http.Server
	ln        net.Listener
	once      sync.Once
	delivered chan hostedDelivery
	pages     *template.Template
}

type hostedDelivery struct {
	outcome HostedOutcome
	err     error
}

// ListenHosted starts the listener at callbackURI (a loopback URI; empty means
// http://127.0.0.1:<random>/callback); state goes into the success and error URLs; webhook
// (may be nil) checks result webhooks. It stops when ctx is done.
func ListenHosted(ctx context.Context, callbackURI, state string, webhook WebhookFunc) (*Hosted, error) {
	addr, path, err := listenAddr(callbackURI)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for the callback on %s: %w", addr, err)
	}
	h := &Hosted{
		base: "http://" + ln.Addr().String() + path, path: path, state: state, webhook: webhook, ln: ln,
		delivered: make(chan hostedDelivery, 1),
		pages:     template.Must(template.New("page").Parse(callbackPage)),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", h.serve)
	h.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = h.srv.Serve(ln) }()
	go func() {
		<-ctx.Done()
		h.Close()
	}()
	return h, nil
}

// URLs are the callback URLs to create the hosted flow with.
func (h *Hosted) URLs() HostedURLs { return hostedURLs(h.base, h.state) }

// hostedURLs are the callback URLs under base, the success and error ones carrying state.
func hostedURLs(base, state string) HostedURLs {
	q := "?state=" + url.QueryEscape(state)
	return HostedURLs{Success: base + hostedSuccess + q, Error: base + hostedError + q, Result: base + hostedResult}
}

// Wait blocks until the success or the error callback arrives (state checked) or ctx is done.
func (h *Hosted) Wait(ctx context.Context) (HostedOutcome, error) {
	select {
	case d := <-h.delivered:
		return d.outcome, d.err
	case <-ctx.Done():
		return HostedOutcome{}, ctx.Err()
	}
}

// Close stops listening; it is safe to call more than once.
func (h *Hosted) Close() {
	shutdownCtx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = h.srv.Shutdown(shutdownCtx)
	_ = h.ln.Close()
}

func (h *Hosted) serve(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case h.path + hostedResult:
		h.serveWebhook(w, r)
		return
	case h.path + hostedSuccess, h.path + hostedError:
	default:
		http.NotFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		writePage(w, h.pages, http.StatusBadRequest, false, "This callback could not be read", err.Error())
		return
	}
	outcome, err := checkHosted(r.URL.Path, h.path, r.Form, h.state)
	first := false
	h.once.Do(func() {
		first = true
		h.delivered <- hostedDelivery{outcome: outcome, err: err}
	})
	switch {
	case !first:
		writePage(w, h.pages, http.StatusGone, false, "linkstep already has its answer", "This link was used already. Return to linkstep.")
	case err != nil:
		writePage(w, h.pages, http.StatusBadRequest, false, "Refused: state mismatch", "This callback did not come from the session linkstep opened. Return to linkstep and start again.")
	case !outcome.Success:
		writePage(w, h.pages, http.StatusOK, false, "The bank link did not complete", "Return to linkstep to see why.")
	default:
		writePage(w, h.pages, http.StatusOK, true, "You're connected", "linkstep has the result. You can close this tab and return to the terminal.")
	}
}

// serveWebhook hands a result webhook to the checker: 204 when accepted, 401 when refused.
func (h *Hosted) serveWebhook(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxWebhookBytes))
	if err != nil {
		http.Error(w, "read the body", http.StatusBadRequest)
		return
	}
	if h.webhook == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if err := h.webhook(body, r.Header); err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// checkHosted reads a success or error callback at path under base, refusing another state.
func checkHosted(path, base string, v url.Values, state string) (HostedOutcome, error) {
	if state != "" && v.Get("state") != state {
		return HostedOutcome{}, stateMismatch(" (the callback's state is not the session's)")
	}
	return HostedOutcome{Success: path == base+hostedSuccess, Values: v}, nil
}

// ParseHosted reads a callback URL the person pasted, for a flow whose callbacks are under
// base (a URL), checking its state.
func ParseHosted(input, base, state string) (HostedOutcome, error) {
	s := strings.TrimSpace(input)
	u, err := url.Parse(s)
	if err != nil || u.Path == "" {
		return HostedOutcome{}, failure(ErrInvalidRedirect, true, "paste the whole URL the bank sent you back to")
	}
	b, err := url.Parse(base)
	if err != nil {
		return HostedOutcome{}, fmt.Errorf("callback base %q: %w", base, err)
	}
	if u.Path != b.Path+hostedSuccess && u.Path != b.Path+hostedError {
		return HostedOutcome{}, failure(ErrInvalidRedirect, true, fmt.Sprintf("%s is not this session's success or error callback", u.Path))
	}
	return checkHosted(u.Path, b.Path, u.Query(), state)
}

// listenAddr is where a listener for callbackURI listens and the path it serves; empty means
// 127.0.0.1 on a random port and DefaultCallbackPath.
func listenAddr(callbackURI string) (addr, path string, err error) {
	if callbackURI == "" {
		return "127.0.0.1:0", DefaultCallbackPath, nil
	}
	if !IsLoopback(callbackURI) {
		return "", "", ErrCannotListen
	}
	u, _ := url.Parse(callbackURI)
	port := u.Port()
	if port == "" {
		port = "80"
	}
	path = strings.TrimRight(u.EscapedPath(), "/")
	return net.JoinHostPort("127.0.0.1", port), path, nil
}

// writePage answers the browser with the callback page.
func writePage(w http.ResponseWriter, pages *template.Template, status int, ok bool, title, detail string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = pages.Execute(w, map[string]any{"Title": title, "Detail": detail, "OK": ok})
}
