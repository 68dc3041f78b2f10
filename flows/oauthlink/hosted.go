package oauthlink

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
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

// Hosted is a one-shot loopback listener for a hosted flow: it listens like a Callback (the
// URI's loopback addresses, TLS for https, only its own Host), delivers the first success or
// error callback that carries the session's state, refuses other requests to those paths with
// a 400 page while it keeps waiting (until MaxRefused of them), and hands result webhooks to a
// checker without ending the wait.
type Hosted struct {
	base    string // e.g. http://127.0.0.1:4321/callback
	path    string
	state   string
	webhook WebhookFunc
	lb      *loopback[HostedOutcome]
}

// ListenHosted starts the listener at callbackURI (a loopback URI; empty means
// http://127.0.0.1:<random>/callback); state goes into the success and error URLs; webhook
// (may be nil) checks result webhooks. It stops when ctx is done.
func ListenHosted(ctx context.Context, callbackURI, state string, webhook WebhookFunc, opts ...ListenOption) (*Hosted, error) {
	var o listenOptions
	for _, opt := range opts {
		opt(&o)
	}
	ep, err := parseEndpoint(callbackURI)
	if err != nil {
		return nil, err
	}
	path := strings.TrimRight(ep.path, "/")
	if callbackURI == "" {
		path = DefaultCallbackPath
	}
	h := &Hosted{path: path, state: state, webhook: webhook}
	if h.lb, err = startLoopback[HostedOutcome](ctx, ep, o, h.serve); err != nil {
		return nil, err
	}
	h.base = ep.base(h.lb.port, path)
	return h, nil
}

// URLs are the callback URLs to create the hosted flow with.
func (h *Hosted) URLs() HostedURLs { return hostedURLs(h.base, h.state) }

// hostedURLs are the callback URLs under base, the success and error ones carrying state.
func hostedURLs(base, state string) HostedURLs {
	q := "?state=" + url.QueryEscape(state)
	return HostedURLs{Success: base + hostedSuccess + q, Error: base + hostedError + q, Result: base + hostedResult}
}

// Wait blocks until the success or the error callback arrives with the session's state, the
// listener refused MaxRefused requests (ErrTooManyRefused), or ctx is done.
func (h *Hosted) Wait(ctx context.Context) (HostedOutcome, error) { return h.lb.wait(ctx) }

// Close stops listening; it is safe to call more than once.
func (h *Hosted) Close() { h.lb.close() }

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
	if h.lb.answered(w) {
		return
	}
	if err := r.ParseForm(); err != nil {
		h.lb.refuse(w, "a request to the callback whose parameters could not be read", "This callback could not be read", err.Error()+".")
		return
	}
	if reason, ok := checkState(r.Form, h.state); !ok {
		h.lb.refuse(w, reason, "Refused: state mismatch", "This callback did not come from the session linkstep opened, so nothing in it was used.")
		return
	}
	outcome, err := checkHosted(r.URL.Path, h.path, r.Form, h.state)
	if !h.lb.deliver(outcome, err) {
		h.lb.gone(w)
		return
	}
	switch {
	case err != nil:
		h.lb.page(w, http.StatusBadRequest, false, "This callback was refused", sentence(err.Error())+" Return to linkstep.")
	case !outcome.Success:
		h.lb.page(w, http.StatusOK, false, "The bank link did not complete", "Return to linkstep to see why.")
	default:
		h.lb.page(w, http.StatusOK, true, "You're connected", "linkstep has the result. You can close this tab and return to the terminal.")
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

// CheckPastedHosted is CheckPasted for a hosted flow whose callbacks are under base: nil, or
// why the pasted callback URL cannot answer this session (unreadable, not its callback, or
// another state). Its error callback with the right state passes.
func CheckPastedHosted(input, base, state string) error {
	_, err := ParseHosted(input, base, state)
	if errors.Is(err, ErrStateMismatch) {
		u, _ := url.Parse(strings.TrimSpace(input)) // it parsed, or there would be no state to compare
		return anotherLink(u.Query().Get("state") == "")
	}
	return err
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
