package sandbox

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/faults"
	"github.com/linkstep/linkstep/providers/sandbox/ivy"
	"github.com/linkstep/linkstep/providers/sandbox/oneid"
	"github.com/linkstep/linkstep/providers/sandbox/truelayer"
)

// FaultablePrefixes are where Options.Faults applies: every provider host, the token endpoints
// included (calls that accept text/html, the bank's pages, are never faulted).
var FaultablePrefixes = []string{truelayer.AuthPrefix, truelayer.APIPrefix, oneid.Prefix, ivy.Prefix}

// DefaultAddr is where Start listens when given no address: loopback, a free port.
const DefaultAddr = "127.0.0.1:0"

// shutdownTimeout bounds how long Close waits for requests in flight.
const shutdownTimeout = 5 * time.Second

// Server is a Sandbox listening on a real socket.
type Server struct {
	sandbox *Sandbox
	srv     *http.Server
	urls    URLs
	done    chan error // the result of Serve, once it returned

	closeOnce sync.Once
	closeErr  error
}

// Start listens on addr (DefaultAddr when empty) and serves a new Sandbox in a goroutine.
func Start(addr string, opts Options) (*Server, error) {
	if addr == "" {
		addr = DefaultAddr
	}
	sb, err := New(opts)
	if err != nil {
		return nil, fmt.Errorf("start sandbox: %w", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("start sandbox: %w", err)
	}
	var handler http.Handler = sb
	if opts.Wrap != nil {
		handler = opts.Wrap(sb)
	}
	if opts.Faults.Enabled() {
		fh := faults.Wrap(handler, opts.Faults, FaultablePrefixes...)
		fh.OnFault = opts.OnFault
		handler = fh
	}
	s := &Server{
		sandbox: sb,
		srv:     newHTTPServer(handler, opts.Timeouts),
		urls:    URLsFor("http://" + dialableAddr(ln.Addr())),
		done:    make(chan error, 1),
	}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

// dialableAddr is the listener's address as a client on this machine reaches it: an
// unspecified host (0.0.0.0, ::) becomes 127.0.0.1.
func dialableAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	ip := tcp.IP
	if ip == nil || ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return net.JoinHostPort(ip.String(), fmt.Sprint(tcp.Port))
}

// URLs returns the base URLs the server answers at.
func (s *Server) URLs() URLs { return s.urls }

// Sandbox returns the Sandbox the server serves.
func (s *Server) Sandbox() *Sandbox { return s.sandbox }

// Close shuts the server down gracefully, waiting up to five seconds for requests in flight
// and then for Ivy's webhooks under way (each bounded by its own timeout); calling it again
// returns the first result.
func (s *Server) Close() error {
	s.closeOnce.Do(func() { s.closeErr = s.shutdown() })
	return s.closeErr
}

// shutdown stops the server and waits for Serve to return.
func (s *Server) shutdown() error {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if err != nil {
		err = errors.Join(err, s.srv.Close())
	}
	s.sandbox.ivy.Wait() // webhooks under way, each bounded by its timeout
	if serveErr := <-s.done; serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	if err != nil {
		return fmt.Errorf("close sandbox: %w", err)
	}
	return nil
}
