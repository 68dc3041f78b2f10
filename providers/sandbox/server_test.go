package sandbox

import (
	"context"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/linkstep/linkstep/providers/sandbox/faults"
)

func TestStartAndClose(t *testing.T) {
	tests := []struct{ name, addr string }{
		{"default address", ""},
		{"explicit loopback", "127.0.0.1:0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := Start(tt.addr, Options{ClientID: "sandbox-test"})
			if err != nil {
				t.Fatal(err)
			}
			urls := srv.URLs()
			if !strings.HasPrefix(urls.Base, "http://127.0.0.1:") || urls.TrueLayerAuth != urls.Base+"/truelayer/auth" ||
				urls.TrueLayerAPI != urls.Base+"/truelayer/api" || srv.Sandbox().ClientID() != "sandbox-test" {
				t.Fatalf("URLs %+v", urls)
			}
			resp, err := http.Get(urls.TrueLayerAuth + "/api/providers?client_id=sandbox-test")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("providers: %s", resp.Status)
			}
			// A whole sign-in against the real socket.
			link := urls.TrueLayerAuth + "/?response_type=code&client_id=sandbox-test&scope=signupplus&redirect_uri=" + testRedirectURI
			if _, err := SignIn(context.Background(), http.DefaultClient, SignInRequest{AuthLink: link,
				RedirectURI: testRedirectURI, Username: "john", Password: "doe"}); err != nil {
				t.Fatal(err)
			}
			if err := srv.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			if err := srv.Close(); err != nil {
				t.Fatalf("second Close: %v", err)
			}
			if resp, err := http.Get(urls.Base); err == nil {
				resp.Body.Close()
				t.Fatal("the server still answers after Close")
			}
		})
	}
}

func TestStartRefusesABadAddress(t *testing.T) {
	if srv, err := Start("256.0.0.1:0", Options{}); err == nil {
		_ = srv.Close()
		t.Fatal("Start on an invalid address succeeded")
	}
}

func TestDialableAddr(t *testing.T) {
	tests := []struct {
		name string
		addr net.Addr
		want string
	}{
		{"loopback", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, "127.0.0.1:8080"},
		{"any IPv4", &net.TCPAddr{IP: net.IPv4zero, Port: 8080}, "127.0.0.1:8080"},
		{"any IPv6", &net.TCPAddr{IP: net.IPv6unspecified, Port: 9}, "127.0.0.1:9"},
		{"IPv6 loopback", &net.TCPAddr{IP: net.IPv6loopback, Port: 9}, "[::1]:9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dialableAddr(tt.addr); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestURLsFor(t *testing.T) {
	got := URLsFor("http://127.0.0.1:1234/")
	want := URLs{Base: "http://127.0.0.1:1234", TrueLayerAuth: "http://127.0.0.1:1234/truelayer/auth",
		TrueLayerAPI: "http://127.0.0.1:1234/truelayer/api", OneID: "http://127.0.0.1:1234/oneid", Ivy: "http://127.0.0.1:1234/ivy"}
	if got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

func TestStartServesTheWrappedHandler(t *testing.T) {
	var seen []string
	srv, err := Start("", Options{Wrap: func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			seen = append(seen, r.URL.Path)
			next.ServeHTTP(w, r)
		})
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	resp, err := http.Get(srv.URLs().Base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || len(seen) != 1 || seen[0] != "/" {
		t.Fatalf("status %s, the wrapper saw %v", resp.Status, seen)
	}
}

func TestStartWithFaults(t *testing.T) {
	plan, err := faults.Parse("5xx=1,seed=7")
	if err != nil {
		t.Fatal(err)
	}
	var faulted []string
	var mu sync.Mutex
	srv, err := Start("", Options{Faults: plan, OnFault: func(r *http.Request, d faults.Decision) {
		mu.Lock()
		defer mu.Unlock()
		faulted = append(faulted, r.URL.Path)
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodGet, srv.URLs().TrueLayerAuth+"/api/providers", nil)
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode < 500 {
		t.Fatalf("status %d, want a 5xx", resp.StatusCode)
	}
	resp, err = http.Get(srv.URLs().Base + "/") // the index is not a provider's call
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("index: %d", resp.StatusCode)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(faulted) != 1 {
		t.Fatalf("faulted %v", faulted)
	}
}
