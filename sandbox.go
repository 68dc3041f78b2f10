package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/providers/sandbox"
	"github.com/linkstep/linkstep/providers/sandbox/faults"
	"github.com/linkstep/linkstep/providers/transcript"
)

func newSandboxCommand(g *globalFlags, stdout, stderr io.Writer) *cobra.Command {
	var addr, secret, state, faultPlan string
	var reveal bool
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "Serve the embedded sandbox on its own, for other apps, load tests and a second linkstep",
		Long: "Serve the embedded sandbox (TrueLayer auth and API hosts, OneID's issuer, Ivy's API host, mock bank\n" +
			"pages) until Ctrl-C, logging one line per request on stderr (secrets masked). It offers the Mock bank\n" +
			"and two more mock banks, so the bank choice is asked. Point a client at the printed base URLs with\n" +
			"the printed client id (TrueLayer, OneID) or API key (Ivy), or point linkstep itself at it with\n" +
			"--sandbox URL (or LINKSTEP_SANDBOX=URL): it reads the credentials from " + environment.SandboxClientPath + ",\n" +
			"which the sandbox answers for loopback callers only.",
		Example: "  linkstep sandbox --addr 127.0.0.1:8080\n" +
			"  linkstep run truelayer/signup-plus --sandbox http://127.0.0.1:8080 --username john1 --password doe1",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("sandbox") {
				return usageError(codeInvalidFlag, "linkstep sandbox serves a sandbox; --sandbox points the other commands at one").forFlag("--sandbox")
			}
			if err := checkListenAddr(addr); err != nil {
				return err
			}
			opts := sandbox.Options{ClientSecret: secret, StateDir: state}
			if faultPlan != "" {
				plan, err := faults.Parse(faultPlan)
				if err != nil {
					return usageError(codeInvalidFlag, "--faults: %v", err).forFlag("--faults")
				}
				opts.Faults = plan
			}
			srv, err := startStandalone(addr, opts, g.clock.d, stderr)
			if errors.Is(err, syscall.EADDRINUSE) {
				return usageError(codeInvalidFlag, "--addr %s: the port is in use on this machine: stop what listens on it, or choose another (--addr 127.0.0.1:0 picks a free one)", addr).forFlag("--addr")
			}
			if err != nil {
				return err // "start sandbox: ..."
			}
			defer srv.Close()
			printSandbox(stdout, srv, standaloneBanner{reveal: reveal || secret != "", given: secret != "", state: state, clock: g.clock.d})
			fmt.Fprintln(stderr, "Ctrl-C stops the sandbox; each request it serves is logged below.")
			<-cmd.Context().Done()
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:0", "address to listen on (HOST:PORT)")
	cmd.Flags().StringVar(&secret, "client-secret", "", "client secret the sandbox accepts (default: generated)")
	cmd.Flags().BoolVar(&reveal, "reveal-secret", false, "print the generated client secret")
	cmd.Flags().StringVar(&state, "state", "", "directory where the sandbox keeps its state (one file per provider), so connections and sessions outlive it")
	cmd.Flags().StringVar(&faultPlan, "faults", "", "inject faults into the API calls, e.g. 5xx=0.1,429=0.05,slow=300ms,malformed=0.02,drop=0.01,seed=42 (the bank's pages are never faulted)")
	return cmd
}

// checkListenAddr refuses an --addr that is no HOST:PORT (the host may be empty, the port 0
// for a free one).
func checkListenAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return usageError(codeInvalidFlag, "--addr %q is not HOST:PORT, e.g. 127.0.0.1:8080 (port 0 picks a free one)", addr).forFlag("--addr")
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return usageError(codeInvalidFlag, "--addr %q: port %q is not a port (0 to 65535; 0 picks a free one)", addr, port).forFlag("--addr")
	}
	return nil
}

// standaloneBanks are the banks the standalone sandbox offers: the Mock bank and two more
// mock banks, all signing in the mock users, so that the bank choice is asked.
func standaloneBanks() []sandbox.Bank {
	return []sandbox.Bank{
		sandbox.MockBank(),
		{ID: "ob-lumen", Name: "Lumen Bank", Country: "uk"},
		{ID: "ob-harbour", Name: "Harbour Building Society", Country: "uk"},
	}
}

// startStandalone starts the sandbox linkstep sandbox serves: the standalone banks, its clock
// offset by clock, each request logged on log, and its client credentials at
// environment.SandboxClientPath for loopback callers.
func startStandalone(addr string, opts sandbox.Options, clock time.Duration, log io.Writer) (*sandbox.Server, error) {
	opts.Now = environment.NewClock(nil, clock).Now
	opts.Banks = standaloneBanks()
	log = &lockedWriter{w: log} // the request lines and the fault lines
	opts.Wrap = func(next http.Handler) http.Handler {
		sb, _ := next.(*sandbox.Sandbox)
		return &standaloneHandler{next: next, sandbox: sb, clock: clock, log: log, redactor: sandboxRedactor(sb)}
	}
	opts.OnFault = func(r *http.Request, d faults.Decision) {
		what := string(d.Kind)
		if d.Status != 0 {
			what = fmt.Sprint(d.Status)
		}
		fmt.Fprintf(log, "%s %s %s fault: %s\n", time.Now().Format("15:04:05"), r.Method, r.URL.Path, what)
	}
	return sandbox.Start(addr, opts)
}

// sandboxRedactor masks the sandbox's own secrets, besides codes, tokens and passwords.
func sandboxRedactor(sb *sandbox.Sandbox) *transcript.Redactor {
	if sb == nil {
		return transcript.NewRedactor()
	}
	return transcript.NewRedactor(sb.ClientSecret(), sb.IvyAPIKey(), sb.IvyWebhookSecret())
}

// standaloneHandler logs each request the sandbox serves and answers SandboxClientPath.
type standaloneHandler struct {
	next     http.Handler
	sandbox  *sandbox.Sandbox
	clock    time.Duration
	redactor *transcript.Redactor
	mu       sync.Mutex
	log      io.Writer
}

// ServeHTTP serves the request and logs one line: time, method, path with its query redacted,
// status and duration.
func (h *standaloneHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	started := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	if r.URL.Path == environment.SandboxClientPath {
		h.serveClient(sw, r)
	} else {
		h.next.ServeHTTP(sw, r)
	}
	if sw.status == 0 {
		sw.status = http.StatusOK
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	fmt.Fprintf(h.log, "%s %s %s %d %s\n", started.Format("15:04:05"), r.Method, h.redactor.URL(r.URL.RequestURI()), sw.status, time.Since(started).Round(time.Microsecond))
}

// serveClient tells a loopback caller the client credentials the sandbox accepts, so that
// linkstep --sandbox URL needs nothing else; others are refused.
func (h *standaloneHandler) serveClient(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	switch {
	case r.Method != http.MethodGet:
		w.Header().Set("Allow", http.MethodGet)
		http.Error(w, "use GET", http.StatusMethodNotAllowed)
		return
	case !isLoopback(r.RemoteAddr):
		http.Error(w, "the sandbox tells its client credentials to loopback callers only", http.StatusForbidden)
		return
	case h.sandbox == nil:
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(environment.SandboxClient{
		ClientID: h.sandbox.ClientID(), ClientSecret: h.sandbox.ClientSecret(),
		IvyAPIKey: h.sandbox.IvyAPIKey(), IvyWebhookSecret: h.sandbox.IvyWebhookSecret(),
		ClockOffsetSeconds: int64(h.clock / time.Second),
	})
}

// isLoopback reports whether a request's remote address is on this machine's loopback.
func isLoopback(remoteAddr string) bool {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// statusWriter remembers the status a handler answered with.
type statusWriter struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the status and sends it.
func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200 and writes.
func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap gives http.ResponseController the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// standaloneBanner is what the banner shows besides the URLs.
type standaloneBanner struct {
	reveal, given bool // print the secret; it was given with --client-secret
	state         string
	clock         time.Duration
}

// printSandbox prints the base URLs, credentials, banks and users of a standalone sandbox.
func printSandbox(w io.Writer, srv *sandbox.Server, b standaloneBanner) {
	urls := srv.URLs()
	sb := srv.Sandbox()
	shown, shownKey := transcript.Mask(sb.ClientSecret()), transcript.Mask(sb.IvyAPIKey())
	if b.reveal {
		shown, shownKey = sb.ClientSecret(), sb.IvyAPIKey()
	}
	fmt.Fprintf(w, "linkstep sandbox on %s\n\n", urls.Base)
	fmt.Fprintf(w, "  TrueLayer auth   %s\n", urls.TrueLayerAuth)
	fmt.Fprintf(w, "  TrueLayer API    %s\n", urls.TrueLayerAPI)
	fmt.Fprintf(w, "  OneID issuer     %s\n", urls.OneID)
	fmt.Fprintf(w, "  Ivy API          %s\n", urls.Ivy)
	fmt.Fprintf(w, "  client id        %s\n", sb.ClientID())
	fmt.Fprintf(w, "  client secret    %s", shown)
	if !b.reveal && !b.given {
		fmt.Fprint(w, "   (generated; --reveal-secret prints it, --client-secret sets it)")
	}
	fmt.Fprintf(w, "\n  Ivy API key      %s   (X-Ivy-Api-Key: the client secret)", shownKey)
	var banks []string
	for _, bank := range standaloneBanks() {
		banks = append(banks, bank.ID+" ("+bank.Name+")")
	}
	fmt.Fprintf(w, "\n\n  banks            %s\n", strings.Join(banks, ", "))
	fmt.Fprintf(w, "  mock users       john/doe (3 accounts), john1/doe1 … john100/doe100, john/iban, john/eternal,\n")
	fmt.Fprintf(w, "                   error.internal_error/error and the other error.* users (at every bank)\n")
	fmt.Fprintf(w, "  OneID people     janet, alix, gary (or cancel) on the identity page\n")
	if b.state != "" {
		fmt.Fprintf(w, "  state            %s (connections and sessions outlive this process)\n", b.state)
	}
	if b.clock != 0 {
		fmt.Fprintf(w, "  clock            %s ahead of real time\n", b.clock)
	}
	fmt.Fprintf(w, "\n  linkstep itself  linkstep run JOURNEY --sandbox %s   (or LINKSTEP_SANDBOX=%s)\n", urls.Base, urls.Base)
	fmt.Fprintf(w, "                   reads the credentials from %s%s (loopback callers only)\n\n", urls.Base, environment.SandboxClientPath)
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
