package oauthlink_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows/oauthlink"
)

// request sends r with noRedirects and returns the status and page.
func request(t *testing.T, r *http.Request) (int, string) {
	t.Helper()
	resp, err := noRedirects.Do(r)
	if err != nil {
		t.Fatalf("%s %s: %v", r.Method, r.URL, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// getWithHost GETs rawURL with the Host header set to host.
func getWithHost(t *testing.T, rawURL, host string) (int, string) {
	t.Helper()
	r, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Host = host
	return request(t, r)
}

// hostOf is the host:port of a URI.
func hostOf(t *testing.T, uri string) string {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// needIPv6 skips the test when this system cannot listen on [::1].
func needIPv6(t *testing.T) bool {
	t.Helper()
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		return false
	}
	ln.Close()
	return true
}

func TestCallbackKeepsWaitingThroughStrayRequests(t *testing.T) {
	refusals := &told{}
	cb, err := oauthlink.ListenCallback(t.Context(), "", "s", oauthlink.WithOnRefused(refusals.add))
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Close()
	uri := cb.RedirectURI()
	port := strings.TrimPrefix(hostOf(t, uri), "127.0.0.1:")
	post := func(v url.Values) *http.Request {
		r, _ := http.NewRequest(http.MethodPost, uri, strings.NewReader(v.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return r
	}
	get := func(rawURL, host string) *http.Request {
		r, _ := http.NewRequest(http.MethodGet, rawURL, nil)
		if host != "" {
			r.Host = host
		}
		return r
	}
	tests := []struct {
		name   string
		req    *http.Request
		page   string // what the 400 page says
		reason string // what OnRefused is told
	}{
		{"no parameters", get(uri, ""), "state mismatch", "without any parameters"},
		{"a code without state", get(uri+"?code=c", ""), "state mismatch", "without the auth link's state"},
		{"another state", get(uri+"?code=c&state=x", ""), "state mismatch", "another state"},
		{"an error with another state", get(uri+"?error=access_denied&state=x", ""), "state mismatch", "another state"},
		{"the state without a code or an error", get(uri+"?state=s", ""), "no authorisation code", "neither a code nor an error"},
		{"a form post without state", post(url.Values{"code": {"c"}}), "state mismatch", "without the auth link's state"},
		{"another host on the port (DNS rebinding)", get(uri+"?code=c&state=s", "attacker.example:"+port), "wrong host", `"attacker.example:`},
		{"another host", get(uri+"?code=c&state=s", "attacker.example"), "wrong host", "not this machine's loopback address"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, page := request(t, tt.req)
			if status != http.StatusBadRequest || !strings.Contains(page, tt.page) || !strings.Contains(page, "still waiting") {
				t.Fatalf("got %d %q, want 400 saying %q and that linkstep is still waiting", status, page, tt.page)
			}
			got := refusals.all()
			if len(got) != i+1 || !strings.Contains(got[i], tt.reason) {
				t.Fatalf("OnRefused was told %q, want a refusal saying %q", got, tt.reason)
			}
		})
	}
	assertStillWaiting(t, cb)
	if status, _ := request(t, get(uri+"?code=the-code&state=s", "")); status != http.StatusOK {
		t.Fatalf("the right redirect got %d, want 200", status)
	}
	if r, err := cb.Wait(t.Context()); err != nil || r.Code != "the-code" {
		t.Fatalf("Wait = %+v, %v", r, err)
	}
}

func TestCallbackStopsAfterMaxRefused(t *testing.T) {
	cb, err := oauthlink.ListenCallback(t.Context(), "", "s")
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Close()
	for range oauthlink.MaxRefused - 1 {
		get(t, cb.RedirectURI()+"?code=c&state=x")
	}
	assertStillWaiting(t, cb)
	status, page := get(t, cb.RedirectURI())
	if status != http.StatusBadRequest || !strings.Contains(page, "stopped waiting") {
		t.Fatalf("refusal %d got %d %q, want 400 saying linkstep stopped waiting", oauthlink.MaxRefused, status, page)
	}
	if _, err := cb.Wait(t.Context()); !errors.Is(err, oauthlink.ErrTooManyRefused) || !strings.Contains(err.Error(), "10 requests") {
		t.Fatalf("Wait = %v, want ErrTooManyRefused saying how many", err)
	}
	if status, _ := get(t, cb.RedirectURI()+"?code=c&state=s"); status != http.StatusGone {
		t.Fatalf("the right redirect after the listener stopped got %d, want 410", status)
	}
}

func TestCallbackAnswersOnlyItsLoopbackHost(t *testing.T) {
	cb, err := oauthlink.ListenCallback(t.Context(), "", "s")
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Close()
	port := strings.TrimPrefix(hostOf(t, cb.RedirectURI()), "127.0.0.1:")
	tests := []struct {
		host string
		ok   bool
	}{
		{"127.0.0.1:" + port, true},
		{"localhost:" + port, true},
		{"LOCALHOST:" + port, true},
		{"[::1]:" + port, true},
		{"127.0.0.1", false}, // port 80 is not this listener's
		{"127.0.0.1:1", false},
		{"localhost.attacker.example:" + port, false},
		{"127.0.0.1.nip.io:" + port, false},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			_, page := getWithHost(t, cb.RedirectURI()+"?state=x", tt.host) // refused either way: the state is wrong
			if refusedForHost := strings.Contains(page, "wrong host"); refusedForHost == tt.ok {
				t.Fatalf("Host %s: page %q; want it accepted=%v", tt.host, page, tt.ok)
			}
		})
	}
}

func TestCallbackListensOnIPv6Loopback(t *testing.T) {
	if !needIPv6(t) {
		t.Skip("this system cannot listen on [::1]: no IPv6 loopback")
	}
	cb, err := oauthlink.ListenCallback(t.Context(), "http://[::1]:0/cb", "s")
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Close()
	if !strings.HasPrefix(cb.RedirectURI(), "http://[::1]:") || strings.HasPrefix(cb.RedirectURI(), "http://[::1]:0/") {
		t.Fatalf("RedirectURI = %s, want [::1] on the port it listens on", cb.RedirectURI())
	}
	if status, _ := get(t, cb.RedirectURI()+"?code=c6&state=s"); status != http.StatusOK {
		t.Fatalf("GET over IPv6 = %d", status)
	}
	if r, err := cb.Wait(t.Context()); err != nil || r.Code != "c6" {
		t.Fatalf("Wait = %+v, %v", r, err)
	}
}

func TestCallbackLocalhostListensOnBoth(t *testing.T) {
	cb, err := oauthlink.ListenCallback(t.Context(), "http://localhost:0/cb", "s")
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Close()
	port := strings.TrimPrefix(hostOf(t, cb.RedirectURI()), "localhost:")
	if port == "0" || cb.RedirectURI() != "http://localhost:"+port+"/cb" {
		t.Fatalf("RedirectURI = %s, want localhost on the port it listens on", cb.RedirectURI())
	}
	if status, page := getWithHost(t, "http://127.0.0.1:"+port+"/cb?state=x", "localhost:"+port); status != http.StatusBadRequest || !strings.Contains(page, "state mismatch") {
		t.Fatalf("over IPv4: %d %q, want the listener's refusal", status, page)
	}
	final := "http://127.0.0.1:" + port + "/cb?code=c&state=s"
	if needIPv6(t) {
		final = "http://[::1]:" + port + "/cb?code=c&state=s"
	} else {
		t.Log("this system cannot listen on [::1]: the IPv6 half is not tested")
	}
	if status, _ := getWithHost(t, final, "localhost:"+port); status != http.StatusOK {
		t.Fatalf("GET %s = %d", final, status)
	}
	if r, err := cb.Wait(t.Context()); err != nil || r.Code != "c" {
		t.Fatalf("Wait = %+v, %v", r, err)
	}
}

// trusting is an HTTP client that trusts only the loopback certificate kept in dir.
func trusting(t *testing.T, dir string) *http.Client {
	t.Helper()
	pem, err := os.ReadFile(filepath.Join(dir, oauthlink.CertFile))
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		t.Fatalf("%s holds no certificate", oauthlink.CertFile)
	}
	return &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
}

func TestCallbackOverHTTPS(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "linkstep")
	listen := func() *oauthlink.Callback {
		cb, err := oauthlink.ListenCallback(t.Context(), "https://127.0.0.1:0/callback", "s", oauthlink.WithCertDir(dir))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(cb.Close)
		if !strings.HasPrefix(cb.RedirectURI(), "https://127.0.0.1:") {
			t.Fatalf("RedirectURI = %s, want https on 127.0.0.1", cb.RedirectURI())
		}
		return cb
	}
	cb := listen()
	t.Run("files are private", func(t *testing.T) {
		skipOnWindows(t)
		for _, name := range []string{oauthlink.CertFile, oauthlink.KeyFile} {
			info, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode().Perm() != 0o600 {
				t.Fatalf("%s mode = %04o, want 0600", name, info.Mode().Perm())
			}
		}
	})
	t.Run("a client that does not trust it fails verification", func(t *testing.T) {
		_, err := (&http.Client{Timeout: 5 * time.Second}).Get(cb.RedirectURI() + "?code=c&state=s")
		var unknown x509.UnknownAuthorityError
		var verify *tls.CertificateVerificationError
		if !errors.As(err, &unknown) && !errors.As(err, &verify) {
			t.Fatalf("GET = %v, want a certificate verification failure", err)
		}
		assertStillWaiting(t, cb)
	})
	t.Run("plain http to it is refused", func(t *testing.T) {
		resp, err := noRedirects.Get(strings.Replace(cb.RedirectURI(), "https://", "http://", 1) + "?code=c&state=s")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("plain http got %d, want 400", resp.StatusCode)
			}
		}
		assertStillWaiting(t, cb)
	})
	t.Run("a client that trusts it completes the redirect", func(t *testing.T) {
		resp, err := trusting(t, dir).Get(cb.RedirectURI() + "?code=tls-code&state=s")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if r, err := cb.Wait(t.Context()); err != nil || r.Code != "tls-code" {
			t.Fatalf("Wait = %+v, %v", r, err)
		}
	})
	t.Run("the next listener reuses the certificate", func(t *testing.T) {
		before, err := os.ReadFile(filepath.Join(dir, oauthlink.CertFile))
		if err != nil {
			t.Fatal(err)
		}
		client := trusting(t, dir)
		again := listen()
		after, err := os.ReadFile(filepath.Join(dir, oauthlink.CertFile))
		if err != nil {
			t.Fatal(err)
		}
		if string(before) != string(after) {
			t.Fatal("a valid certificate was replaced")
		}
		resp, err := client.Get(again.RedirectURI() + "?code=c2&state=s")
		if err != nil {
			t.Fatalf("the client that trusted the first listener: %v", err)
		}
		resp.Body.Close()
		if r, err := again.Wait(t.Context()); err != nil || r.Code != "c2" {
			t.Fatalf("Wait = %+v, %v", r, err)
		}
	})
}

func TestCallbackOverHTTPSWithoutCertDir(t *testing.T) {
	cb, err := oauthlink.ListenCallback(t.Context(), "https://localhost:0/cb", "s")
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Close()
	insecure := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	resp, err := insecure.Get(strings.Replace(cb.RedirectURI(), "localhost", "127.0.0.1", 1) + "?code=c&state=s")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	names := resp.TLS.PeerCertificates[0]
	for _, host := range []string{"127.0.0.1", "::1", "localhost"} {
		if err := names.VerifyHostname(host); err != nil {
			t.Errorf("the certificate does not cover %s: %v", host, err)
		}
	}
	if r, err := cb.Wait(t.Context()); err != nil || r.Code != "c" {
		t.Fatalf("Wait = %+v, %v", r, err)
	}
}

func TestAuthoriseOverHTTPSSaysTheCertificateIsSelfSigned(t *testing.T) {
	dir := t.TempDir()
	f := oauthlink.Flow{RedirectURI: "https://127.0.0.1:0/callback", CertDir: dir, Timeout: 10 * time.Second}
	show := func(ctx context.Context, l oauthlink.Link) (oauthlink.Reply, error) {
		if !l.Listening || !l.SelfSigned || !strings.HasPrefix(l.RedirectURI, "https://127.0.0.1:") {
			t.Errorf("link = %+v, want a listener on https with a self-signed certificate", l)
		}
		q := paramsOf(t, l.URL)
		go func() { // a browser where the person accepted linkstep's certificate
			if resp, err := trusting(t, dir).Get(q.Get("redirect_uri") + "?code=tls-code&state=" + url.QueryEscape(q.Get("state"))); err == nil {
				resp.Body.Close()
			}
		}()
		<-ctx.Done()
		return oauthlink.Reply{}, ctx.Err()
	}
	auth, err := f.Authorise(t.Context(), linkTo, show)
	if err != nil || auth.Code != "tls-code" || !strings.HasPrefix(auth.RedirectURI, "https://127.0.0.1:") {
		t.Fatalf("Authorise = %+v, %v", auth, err)
	}
}

func TestHostedListensLikeTheCallback(t *testing.T) {
	t.Run("another host is refused", func(t *testing.T) {
		h, err := oauthlink.ListenHosted(t.Context(), "", "s", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		if status, page := getWithHost(t, h.URLs().Success, "attacker.example"); status != http.StatusBadRequest || !strings.Contains(page, "wrong host") {
			t.Fatalf("got %d %q, want 400 wrong host", status, page)
		}
	})
	t.Run("IPv6 loopback", func(t *testing.T) {
		if !needIPv6(t) {
			t.Skip("this system cannot listen on [::1]: no IPv6 loopback")
		}
		h, err := oauthlink.ListenHosted(t.Context(), "http://[::1]:0/ivy", "s", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		if !strings.HasPrefix(h.URLs().Success, "http://[::1]:") {
			t.Fatalf("success URL = %s, want [::1]", h.URLs().Success)
		}
		get(t, h.URLs().Success)
		if o, err := h.Wait(t.Context()); err != nil || !o.Success {
			t.Fatalf("Wait = %+v, %v", o, err)
		}
	})
	t.Run("https", func(t *testing.T) {
		dir := t.TempDir()
		var urls oauthlink.HostedURLs
		req := oauthlink.HostedRequest{
			Create: func(_ context.Context, u oauthlink.HostedURLs) (string, error) {
				urls = u
				return "https://hosted.example/session", nil
			},
			Show: func(ctx context.Context, l oauthlink.Link) (oauthlink.Reply, error) {
				if !l.SelfSigned || !strings.HasPrefix(urls.Success, "https://localhost:") {
					t.Errorf("link = %+v with callbacks %+v, want https with a self-signed certificate", l, urls)
				}
				go func() {
					if resp, err := trusting(t, dir).Get(urls.Success); err == nil {
						resp.Body.Close()
					}
				}()
				<-ctx.Done()
				return oauthlink.Reply{}, ctx.Err()
			},
		}
		o, err := oauthlink.Flow{RedirectURI: "https://localhost:0/ivy", CertDir: dir, Timeout: 10 * time.Second}.AwaitHosted(t.Context(), req)
		if err != nil || !o.Success {
			t.Fatalf("AwaitHosted = %+v, %v", o, err)
		}
	})
}
