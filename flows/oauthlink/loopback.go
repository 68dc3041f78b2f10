package oauthlink

import (
	"context"
	"crypto/tls"
	"fmt"
	"html/template"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// MaxRefused is how many requests a loopback listener refuses (no or another state, no
// parameters, another Host) before it stops waiting and fails with ErrTooManyRefused.
const MaxRefused = 10

// ListenOption configures a loopback listener (ListenCallback, ListenHosted).
type ListenOption func(*listenOptions)

// listenOptions are what ListenOptions set.
type listenOptions struct {
	onRefused func(reason string)
	certDir   string
}

// WithOnRefused has the listener call fn with a sentence for the person each time it refuses a
// request that did not come from the bank's redirect; calls are serialised and must not block
// long (a journey turns each into a Warning event).
func WithOnRefused(fn func(reason string)) ListenOption {
	return func(o *listenOptions) { o.onRefused = fn }
}

// WithCertDir has an https listener keep its self-signed certificate in dir (0700, files 0600)
// and reuse it while it is valid; without it, each https listener makes a fresh one in memory.
func WithCertDir(dir string) ListenOption {
	return func(o *listenOptions) { o.certDir = dir }
}

// endpoint is where a loopback listener listens for a redirect or callback URI.
type endpoint struct {
	scheme string   // http or https
	host   string   // as the URI names it: 127.0.0.1, ::1 or localhost
	ips    []string // the addresses listened on: 127.0.0.1, ::1, or both for localhost
	port   string   // "0" is a free port
	path   string   // escaped
}

// parseEndpoint reads a loopback URI; empty means http://127.0.0.1 on a free port (and no path).
func parseEndpoint(uri string) (endpoint, error) {
	if uri == "" {
		return endpoint{scheme: "http", host: "127.0.0.1", ips: []string{"127.0.0.1"}, port: "0"}, nil
	}
	if !IsLoopback(uri) {
		return endpoint{}, ErrCannotListen
	}
	u, _ := url.Parse(uri)
	ep := endpoint{scheme: u.Scheme, host: u.Hostname(), port: u.Port(), path: u.EscapedPath()}
	if ep.port == "" {
		ep.port = defaultPort(ep.scheme)
	}
	switch ep.host {
	case "localhost":
		ep.ips = []string{"127.0.0.1", "::1"}
	default:
		ep.ips = []string{ep.host}
	}
	return ep, nil
}

// defaultPort is the port a URI with scheme and no port names.
func defaultPort(scheme string) string {
	if scheme == "https" {
		return "443"
	}
	return "80"
}

// base is the endpoint's URI on the port actually listened on, with path.
func (ep endpoint) base(port int, path string) string {
	return ep.scheme + "://" + net.JoinHostPort(ep.host, strconv.Itoa(port)) + path
}

// arrival is what ended a listener's wait.
type arrival[T any] struct {
	val T
	err error
}

// loopback is what the redirect and hosted-flow listeners share: it listens on the loopback
// addresses of its URI (over TLS with a self-signed certificate for https), serves its own mux,
// refuses requests for any other Host (a DNS-rebinding guard), counts the requests it refuses
// and stops after MaxRefused, and delivers the first outcome.
type loopback[T any] struct {
	port       int
	hosts      map[string]bool // the Host headers accepted
	selfSigned bool
	lns        []net.Listener
	srv        *http.Server
	pages      *template.Template
	onRefused  func(reason string)

	mu        sync.Mutex // guards refused and done
	refused   int
	done      bool
	notify    sync.Mutex // serialises onRefused
	delivered chan arrival[T]
}

// startLoopback listens on ep and serves handle for requests whose Host is the loopback
// address; it stops when ctx is done.
func startLoopback[T any](ctx context.Context, ep endpoint, o listenOptions, handle http.HandlerFunc) (*loopback[T], error) {
	lns, port, err := listenAll(ep)
	if err != nil {
		return nil, err
	}
	lb := &loopback[T]{
		port:      port,
		hosts:     allowedHosts(ep.scheme, port),
		lns:       lns,
		pages:     template.Must(template.New("page").Parse(callbackPage)),
		onRefused: o.onRefused,
		delivered: make(chan arrival[T], 1),
	}
	if ep.scheme == "https" {
		cert, err := loopbackCertificate(o.certDir, time.Now())
		if err != nil {
			closeAll(lns)
			return nil, err
		}
		cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		for i, ln := range lns {
			lns[i] = tls.NewListener(ln, cfg)
		}
		lb.selfSigned = true
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if !lb.hosts[strings.ToLower(r.Host)] {
			lb.refuse(w, fmt.Sprintf("a request for host %q, which is not this machine's loopback address", clip(r.Host, 80)),
				"Refused: wrong host", "linkstep answers only requests addressed to 127.0.0.1, [::1] or localhost on its port.")
			return
		}
		handle(w, r)
	})
	lb.srv = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second, // a browser that stops reading the page cannot hold the listener
		IdleTimeout:       30 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0), // a browser refusing the certificate must not scribble on the terminal
	}
	for _, ln := range lns {
		go func() { _ = lb.srv.Serve(ln) }()
	}
	go func() {
		<-ctx.Done()
		lb.close()
	}()
	return lb, nil
}

// listenAll listens on each of ep's addresses on one port: the first picks it when ep's is 0.
// For localhost, ::1 is skipped where the system has no IPv6 loopback.
func listenAll(ep endpoint) ([]net.Listener, int, error) {
	port := ep.port
	var lns []net.Listener
	for i, ip := range ep.ips {
		if ip == "::1" && len(ep.ips) > 1 && !hasIPv6Loopback() {
			continue
		}
		addr := net.JoinHostPort(ip, port)
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			closeAll(lns)
			return nil, 0, fmt.Errorf("listen for the redirect on %s: %w", addr, err)
		}
		lns = append(lns, ln)
		if i == 0 {
			port = strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
		}
	}
	p, _ := strconv.Atoi(port)
	return lns, p, nil
}

// hasIPv6Loopback reports whether this system can listen on [::1].
func hasIPv6Loopback() bool {
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		return false
	}
	_ = ln.Close()
	return true
}

// clip shortens s to at most n bytes, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// closeAll closes every listener.
func closeAll(lns []net.Listener) {
	for _, ln := range lns {
		_ = ln.Close()
	}
}

// allowedHosts are the Host headers of requests to the loopback addresses on port: with the
// port, and also without it when it is the scheme's default.
func allowedHosts(scheme string, port int) map[string]bool {
	p := strconv.Itoa(port)
	hosts := make(map[string]bool)
	for _, h := range []string{"127.0.0.1", "[::1]", "localhost"} {
		hosts[h+":"+p] = true
		if p == defaultPort(scheme) {
			hosts[h] = true
		}
	}
	return hosts
}

// answered writes the page saying the wait is over and reports true when it is.
func (lb *loopback[T]) answered(w http.ResponseWriter) bool {
	lb.mu.Lock()
	done := lb.done
	lb.mu.Unlock()
	if done {
		lb.gone(w)
	}
	return done
}

// gone answers a request that came after the wait ended.
func (lb *loopback[T]) gone(w http.ResponseWriter) {
	lb.page(w, http.StatusGone, false, "linkstep is no longer waiting", "linkstep already has its answer, or stopped waiting. Return to linkstep.")
}

// refuse answers 400 with the page, counts the refusal, tells the caller, and stops the wait
// with ErrTooManyRefused at the MaxRefused-th; reason completes "the listener refused ...".
func (lb *loopback[T]) refuse(w http.ResponseWriter, reason, title, detail string) {
	lb.mu.Lock()
	if lb.done {
		lb.mu.Unlock()
		lb.gone(w)
		return
	}
	lb.refused++
	n := lb.refused
	stop := n >= MaxRefused
	if stop {
		lb.done = true
		lb.delivered <- arrival[T]{err: tooManyRefused(reason)}
	}
	lb.mu.Unlock()

	if lb.onRefused != nil { // before the page: the caller hears of it before the browser does
		lb.notify.Lock()
		lb.onRefused(fmt.Sprintf("the loopback listener refused %s (%d of %d before it stops waiting)", reason, n, MaxRefused))
		lb.notify.Unlock()
	}
	if stop {
		detail += " linkstep refused too many such requests and stopped waiting: return to linkstep and start the step again."
	} else {
		detail += " linkstep is still waiting for the bank's redirect."
	}
	lb.page(w, http.StatusBadRequest, false, title, detail)
}

// deliver ends the wait with v and err, reporting false when it had ended already.
func (lb *loopback[T]) deliver(v T, err error) bool {
	lb.mu.Lock()
	defer lb.mu.Unlock()
	if lb.done {
		return false
	}
	lb.done = true
	lb.delivered <- arrival[T]{val: v, err: err}
	return true
}

// wait blocks until the wait ends or ctx is done.
func (lb *loopback[T]) wait(ctx context.Context) (T, error) {
	select {
	case a := <-lb.delivered:
		return a.val, a.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// close stops listening; it is safe to call more than once.
func (lb *loopback[T]) close() {
	shutdownCtx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = lb.srv.Shutdown(shutdownCtx)
	closeAll(lb.lns) // Serve may not have taken a listener yet; close them for sure
}

// page answers the browser with the callback page.
func (lb *loopback[T]) page(w http.ResponseWriter, status int, ok bool, title, detail string) {
	writePage(w, lb.pages, status, ok, title, detail)
}
