// Command load runs full TrueLayer Signup+ journeys (auth link, the bank's pages, code exchange,
// /signup-plus/accounts) against a standalone linkstep sandbox, a bounded number at a time,
// and prints errors, p50, p99 and journeys per second. It talks only to the loopback.
package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/linkstep/linkstep/providers/sandbox"
	"github.com/linkstep/linkstep/providers/truelayer"
)

func main() {
	base := flag.String("sandbox", "", "base URL of a running 'linkstep sandbox' on the loopback")
	journeys := flag.Int("n", 1000, "journeys to run")
	concurrency := flag.Int("c", 200, "journeys at a time")
	limit := flag.Duration("timeout", 2*time.Minute, "stop starting journeys after this long")
	flag.Parse()
	if err := run(*base, *journeys, *concurrency, *limit); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// run drives n journeys, c at a time, and prints what they took; after limit it starts no
// more and counts those it did not start as errors.
func run(base string, n, c int, limit time.Duration) error {
	u, err := url.Parse(base)
	if err != nil || (u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost" && u.Hostname() != "::1") {
		return fmt.Errorf("--sandbox must be a loopback URL, got %q", base)
	}
	hc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: c, MaxConnsPerHost: 0}}
	creds, err := clientOf(hc, base)
	if err != nil {
		return err
	}
	urls := sandbox.URLsFor(base)
	client := truelayer.New(truelayer.Hosts{Auth: urls.TrueLayerAuth, API: urls.TrueLayerAPI}, creds, hc)
	durations := make([]time.Duration, 0, n)
	var mu sync.Mutex
	errs := 0
	work := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range work {
				t := time.Now()
				err := journey(client, hc, urls)
				mu.Lock()
				if err != nil {
					errs++
					if errs <= 3 {
						fmt.Fprintln(os.Stderr, "journey:", err)
					}
				} else {
					durations = append(durations, time.Since(t))
				}
				mu.Unlock()
			}
		}()
	}
	deadline := time.After(limit)
	started := 0
feed:
	for ; started < n; started++ {
		select {
		case work <- started:
		case <-deadline:
			fmt.Fprintf(os.Stderr, "load: %s passed with %d of %d journeys started\n", limit, started, n)
			break feed
		}
	}
	close(work)
	wg.Wait()
	elapsed := time.Since(start)
	errs += n - started
	slices.Sort(durations)
	pct := func(p float64) time.Duration {
		if len(durations) == 0 {
			return 0
		}
		return durations[min(len(durations)-1, int(p*float64(len(durations))))]
	}
	fmt.Printf("journeys %d  concurrency %d  errors %d  p50 %s  p99 %s  %.0f journeys/s\n",
		n, c, errs, pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), float64(len(durations))/elapsed.Seconds())
	if errs > 0 {
		return fmt.Errorf("%d journeys failed", errs)
	}
	return nil
}

// journey is one Signup+ journey as linkstep makes it, the bank's pages walked like a browser.
func journey(client *truelayer.Client, hc *http.Client, urls sandbox.URLs) error {
	ctx := context.Background()
	redirect := "http://127.0.0.1:9/callback" // never requested: the walk stops before it
	state, verifier := token(), oauth2.GenerateVerifier()
	link := client.AuthLink(truelayer.AuthRequest{RedirectURI: redirect, State: state, Nonce: token(), Verifier: verifier,
		Scopes: []string{"info", "accounts", "balance", "offline_access", "signupplus"}, Providers: []string{"uk-cs-mock"}})
	landed, err := sandbox.SignIn(ctx, hc, sandbox.SignInRequest{AuthLink: link, RedirectURI: redirect, BankID: "mock", Username: "john1", Password: "doe1"})
	if err != nil {
		return err
	}
	q, err := url.Parse(landed)
	if err != nil || q.Query().Get("state") != state {
		return fmt.Errorf("the redirect %q does not carry the state", landed)
	}
	tok, err := client.Exchange(ctx, q.Query().Get("code"), redirect, verifier)
	if err != nil {
		return err
	}
	_, err = client.SignupPlusAccounts(ctx, tok.AccessToken, "")
	return err
}

// clientOf reads the client credentials a standalone sandbox accepts.
func clientOf(hc *http.Client, base string) (truelayer.Credentials, error) {
	resp, err := hc.Get(base + "/.linkstep/client")
	if err != nil {
		return truelayer.Credentials{}, fmt.Errorf("ask the sandbox for its client: %w", err)
	}
	defer resp.Body.Close()
	var c struct {
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&c); err != nil || c.ClientID == "" {
		return truelayer.Credentials{}, fmt.Errorf("%s is not a linkstep sandbox (%v)", base, err)
	}
	return truelayer.Credentials{ClientID: c.ClientID, ClientSecret: c.ClientSecret}, nil
}

// token is 32 random bytes, base64url.
func token() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
