package environment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox"
)

// SandboxClientPath is where a standalone linkstep sandbox (linkstep sandbox) tells loopback
// callers the client credentials it accepts, as a SandboxClient.
const SandboxClientPath = "/.linkstep/client"

// SandboxClient is what a standalone sandbox answers at SandboxClientPath: the credentials it
// accepts (they are generated per process unless given) and how far its clock runs ahead, so
// that a linkstep pointed at it with Options.SandboxURL needs nothing else.
type SandboxClient struct {
	ClientID         string `json:"client_id"`
	ClientSecret     string `json:"client_secret"`
	IvyAPIKey        string `json:"ivy_api_key"`
	IvyWebhookSecret string `json:"ivy_webhook_secret"`
	// ClockOffsetSeconds is how far the sandbox's clock is from the real time (linkstep
	// sandbox --clock); the journeys' clock follows it.
	ClockOffsetSeconds int64 `json:"clock_offset_seconds"`
}

// sandboxClientTimeout bounds the question to a standalone sandbox while opening.
const sandboxClientTimeout = 5 * time.Second

// DefaultSandboxWait is how long Open waits for a standalone sandbox that refuses connections
// because it is still starting (started a moment before, in a script or another terminal).
const DefaultSandboxWait = 3 * time.Second

// sandboxEndpoint is the linkstep sandbox the providers talk to: the in-process one or a
// standalone one at Options.SandboxURL.
type sandboxEndpoint struct {
	urls   sandbox.URLs
	client SandboxClient
	remote bool // a standalone sandbox: it may offer more banks than the Mock bank
}

// useEmbedded points the providers at the in-process sandbox srv.
func (e *Env) useEmbedded(srv *sandbox.Server) {
	sb := srv.Sandbox()
	e.endpoint = &sandboxEndpoint{urls: srv.URLs(), client: SandboxClient{
		ClientID: sb.ClientID(), ClientSecret: sb.ClientSecret(), IvyAPIKey: sb.IvyAPIKey(), IvyWebhookSecret: sb.IvyWebhookSecret(),
	}}
}

// connectSandbox points the providers at the standalone sandbox at base, reading its client
// credentials from it; one that does not answer as a linkstep sandbox is a *UsageError naming
// the URL.
func (e *Env) connectSandbox(base string, opts Options) error {
	source := opts.SandboxSource
	if source == "" {
		source = "--sandbox"
	}
	base, err := sandboxBase(base, source)
	if err != nil {
		return err
	}
	if opts.ClockOffset != 0 {
		return &UsageError{Code: CodeInvalidFlag, Flag: "--clock", Err: fmt.Errorf("--clock moves the in-process sandbox's clock; the standalone sandbox at %s keeps its own (start it with 'linkstep sandbox --clock ...')", base)}
	}
	wait := opts.SandboxWait
	if wait <= 0 {
		wait = DefaultSandboxWait
	}
	client, err := readSandboxClient(base, wait)
	if err != nil {
		return &UsageError{Code: CodeSandboxUnreachable, Flag: "--sandbox", Err: fmt.Errorf("%s %s: no linkstep sandbox answers there (start one with 'linkstep sandbox --addr %s'): %w", source, base, hostOf(base), err)}
	}
	e.endpoint = &sandboxEndpoint{urls: sandbox.URLsFor(base), client: client, remote: true}
	e.Clock.Advance(time.Duration(client.ClockOffsetSeconds) * time.Second)
	e.Parts.Common.MockBank = e.signInToMockBank
	e.SandboxURL = base
	e.Parts.Common.Sandbox = base
	return nil
}

// sandboxBase checks a --sandbox URL (from source, as errors name it): http or https, a host,
// nothing after the path.
func sandboxBase(raw, source string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", &UsageError{Code: CodeInvalidFlag, Flag: "--sandbox", Err: fmt.Errorf("%s %q: give the base URL linkstep sandbox prints, e.g. http://127.0.0.1:8080", source, raw)}
	}
	return strings.TrimRight(u.Scheme+"://"+u.Host+u.Path, "/"), nil
}

// hostOf is the host:port of a base URL, for a hint.
func hostOf(base string) string {
	u, err := url.Parse(base)
	if err != nil || u.Port() == "" {
		return "127.0.0.1:8080"
	}
	return net.JoinHostPort(u.Hostname(), u.Port())
}

// readSandboxClient asks the sandbox at base for its client credentials, asking again for up
// to wait while the connection is refused (a sandbox still starting).
func readSandboxClient(base string, wait time.Duration) (SandboxClient, error) {
	ctx, cancel := context.WithTimeout(context.Background(), sandboxClientTimeout+wait)
	defer cancel()
	hc := &http.Client{Transport: &http.Transport{Proxy: nil}, Timeout: sandboxClientTimeout} // a local sandbox: never through a proxy
	deadline := time.Now().Add(wait)
	for {
		c, err := askSandboxClient(ctx, hc, base)
		if err == nil || !errors.Is(err, syscall.ECONNREFUSED) || time.Now().After(deadline) {
			return c, err
		}
		select {
		case <-ctx.Done():
			return c, err
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// askSandboxClient asks once.
func askSandboxClient(ctx context.Context, hc *http.Client, base string) (SandboxClient, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+SandboxClientPath, nil)
	if err != nil {
		return SandboxClient{}, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return SandboxClient{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return SandboxClient{}, err
	}
	if resp.StatusCode != http.StatusOK {
		return SandboxClient{}, fmt.Errorf("GET %s answered %s", SandboxClientPath, resp.Status)
	}
	var c SandboxClient
	if err := json.Unmarshal(body, &c); err != nil || c.ClientID == "" || c.ClientSecret == "" {
		return SandboxClient{}, fmt.Errorf("GET %s did not answer with client credentials", SandboxClientPath)
	}
	return c, nil
}

// Standalone reports whether the providers talk to a standalone linkstep sandbox (--sandbox),
// whose clock this process cannot move.
func (e *Env) Standalone() bool {
	return e.endpoint != nil && e.endpoint.remote
}

// Label names the environment for a header: "embedded", "sandbox", "live", or the standalone
// sandbox's address ("standalone sandbox 127.0.0.1:8080").
func (e *Env) Label() string {
	if e.Standalone() {
		return "standalone sandbox " + strings.TrimPrefix(strings.TrimPrefix(e.SandboxURL, "http://"), "https://")
	}
	return e.Kind.String()
}
