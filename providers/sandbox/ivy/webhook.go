package ivy

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"
)

// webhookHeadStart is how long the browser's redirect waits for the result webhook.
const webhookHeadStart = 2 * time.Second

// eventSessionCompleted is the type of the result webhook, sent when a session completes or
// fails.
const eventSessionCompleted = "data_session_completed"

// webhookBody is the result webhook's JSON body.
type webhookBody struct {
	Type    string      `json:"type"`
	Payload sessionView `json:"payload"`
}

// delivery is one attempt to deliver a session's result webhook.
type delivery struct {
	At     time.Time
	URL    string
	Status int    // the receiver's HTTP status; 0 when it did not answer
	Err    string // why the webhook was not delivered; "" when it was (a 2xx answer)
}

// webhooks posts result webhooks, signed, to loopback receivers only, without following
// redirects, each in a goroutine bounded by a timeout.
type webhooks struct {
	secret  string
	timeout time.Duration
	client  *http.Client
	logf    func(format string, args ...any)
	wg      sync.WaitGroup
}

// newWebhooks returns a sender signing with secret, each delivery bounded by timeout.
func newWebhooks(secret string, timeout time.Duration, logf func(string, ...any)) *webhooks {
	dialer := &net.Dialer{Timeout: timeout, Control: loopbackOnly}
	transport := &http.Transport{
		Proxy:             nil, // a webhook goes straight to this machine, never through a proxy
		DialContext:       dialer.DialContext,
		DisableKeepAlives: true,
	}
	client := &http.Client{
		Transport:     transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &webhooks{secret: secret, timeout: timeout, client: client, logf: logf}
}

// wait blocks until every delivery under way is done.
func (wh *webhooks) wait() { wh.wg.Wait() }

// sign is the X-Ivy-Signature of body: hex HMAC-SHA256 with the webhook secret.
func (wh *webhooks) sign(body []byte) string {
	mac := hmac.New(sha256.New, []byte(wh.secret))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// sendResult posts the data_session_completed webhook of a session that just closed to its
// resultCallbackUrl, if it has one, in the background; the outcome is recorded on the session
// and a failure is reported, never held against the session. The channel is closed when the
// attempt is over (at once without a resultCallbackUrl).
func (h *Handler) sendResult(s session) <-chan struct{} {
	done := make(chan struct{})
	if s.ResultURL == "" {
		close(done)
		return done
	}
	body, err := json.Marshal(webhookBody{Type: eventSessionCompleted, Payload: s.view(h.now(), s.RedirectURL)})
	if err != nil {
		h.store.recordDelivery(s.ID, delivery{At: h.now(), URL: s.ResultURL, Err: "encode the webhook: " + err.Error()})
		close(done)
		return done
	}
	h.hooks.wg.Add(1)
	go func() {
		defer h.hooks.wg.Done()
		defer close(done)
		d := h.hooks.deliver(s.ResultURL, body)
		d.At = h.now()
		h.store.recordDelivery(s.ID, d)
		if d.Err != "" {
			h.hooks.logf("ivy sandbox: webhook %s of data session %s not delivered to %s: %s", eventSessionCompleted, s.ID, d.URL, d.Err)
		}
	}()
	return done
}

// awaitResult waits for a webhook attempt at most webhookHeadStart, or until the browser
// leaves: the result reaches a receiver on this machine before the user is sent back, as a
// client listening for both expects, and a slow receiver delays the user only a little.
func awaitResult(r *http.Request, done <-chan struct{}) {
	t := time.NewTimer(webhookHeadStart)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
	case <-r.Context().Done():
	}
}

// deliver makes one delivery attempt of body to target.
func (wh *webhooks) deliver(target string, body []byte) delivery {
	d := delivery{URL: target}
	if u, err := url.Parse(target); err != nil || !isLoopbackHost(u.Hostname()) {
		d.Err = "the sandbox posts webhooks to loopback addresses only (127.0.0.1, ::1, localhost)"
		return d
	}
	ctx, cancel := context.WithTimeout(context.Background(), wh.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		d.Err = err.Error()
		return d
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(signatureHeader, wh.sign(body))
	resp, err := wh.client.Do(req)
	if err != nil {
		d.Err = err.Error()
		if ctx.Err() != nil {
			d.Err = fmt.Sprintf("no answer within %s", wh.timeout)
		}
		return d
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	d.Status = resp.StatusCode
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		d.Err = fmt.Sprintf("HTTP %d: a redirect, not followed", resp.StatusCode)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		d.Err = fmt.Sprintf("HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(snippet)))
	}
	return d
}

// isLoopbackHost reports whether a URL's host names this machine.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// loopbackOnly refuses a connection to anything but a loopback address, whatever a host name
// resolved to.
func loopbackOnly(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("%s is not a loopback address: the sandbox posts webhooks to this machine only", address)
	}
	return nil
}
