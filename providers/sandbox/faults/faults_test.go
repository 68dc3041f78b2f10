package faults

import (
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	p, err := Parse("5xx=0.1,429=0.05,slow=300ms,malformed=0.02,drop=0.01,seed=42")
	if err != nil {
		t.Fatal(err)
	}
	want := Plan{ServerError: 0.1, RateLimit: 0.05, Slow: 300 * time.Millisecond, SlowRate: DefaultSlowRate, Malformed: 0.02, Drop: 0.01, Seed: 42}
	if p != want {
		t.Fatalf("got %+v, want %+v", p, want)
	}
	if again, err := Parse(p.String()); err != nil || again != p {
		t.Fatalf("round trip %q: %+v, %v", p.String(), again, err)
	}
	if p, err := Parse("slow=1s@0.5"); err != nil || p.SlowRate != 0.5 || p.Seed != 1 {
		t.Fatalf("slow rate: %+v, %v", p, err)
	}
}

func TestParseErrors(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "empty",
		"boom=0.1":          `"boom"`,
		"5xx=2":             "5xx=2",
		"429=x":             "429=x",
		"slow=fast":         "slow=fast",
		"seed=-1":           "seed=-1",
		"5xx":               `"5xx"`,
		"5xx=0.6,drop=0.6":  "more than 1",
		"drop=0.1,drop=0.2": "drop given twice",
		"malformed=NaN":     "malformed=NaN",
		"slow=1s@3":         "slow rate=3",
	} {
		_, err := Parse(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want an error naming %s", in, err, want)
		}
	}
}

func TestDecideDeterministicAndDistributed(t *testing.T) {
	p, _ := Parse("5xx=0.1,429=0.05,slow=300ms,malformed=0.02,drop=0.01,seed=42")
	const n = 100000
	counts := map[Kind]int{}
	slow := 0
	for i := uint64(0); i < n; i++ {
		d := p.Decide(i)
		if d != p.Decide(i) {
			t.Fatalf("call %d decided twice differently", i)
		}
		counts[d.Kind]++
		if d.Delay > 0 {
			slow++
		}
		if d.Kind == ServerError && d.Status != 500 && d.Status != 502 && d.Status != 503 {
			t.Fatalf("status %d", d.Status)
		}
	}
	for kind, frac := range map[Kind]float64{ServerError: 0.1, RateLimit: 0.05, Malformed: 0.02, Drop: 0.01} {
		if got := float64(counts[kind]) / n; math.Abs(got-frac) > frac/5 {
			t.Errorf("%s: %.4f of calls, want about %.2f", kind, got, frac)
		}
	}
	if got := float64(slow) / n; math.Abs(got-DefaultSlowRate) > 0.01 {
		t.Errorf("slow: %.4f", got)
	}
	other := p
	other.Seed = 43
	same := 0
	for i := uint64(0); i < 1000; i++ {
		if p.Decide(i) == other.Decide(i) {
			same++
		}
	}
	if same == 1000 {
		t.Error("another seed gives the same faults")
	}
}

func TestHandler(t *testing.T) {
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"results":[{"id":"1"}]}`)
	})
	for _, tc := range []struct {
		plan   string
		status int
		check  func(t *testing.T, resp *http.Response, body []byte, err error)
	}{
		{"5xx=1", 0, func(t *testing.T, resp *http.Response, _ []byte, err error) {
			if err != nil || resp.StatusCode < 500 {
				t.Fatalf("%v %v", resp, err)
			}
		}},
		{"429=1", 0, func(t *testing.T, resp *http.Response, _ []byte, err error) {
			if err != nil || resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "1" {
				t.Fatalf("%v %v", resp, err)
			}
		}},
		{"malformed=1", 0, func(t *testing.T, resp *http.Response, body []byte, err error) {
			if err != nil || resp.StatusCode != 200 || string(body) != `{"results":[`[:len(body)] || len(body) == 0 {
				t.Fatalf("%v %q %v", resp, body, err)
			}
		}},
		{"drop=1", 0, func(t *testing.T, resp *http.Response, _ []byte, err error) {
			if err == nil {
				t.Fatalf("answered %v", resp.Status)
			}
		}},
	} {
		t.Run(tc.plan, func(t *testing.T) {
			p, err := Parse(tc.plan)
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(Wrap(api, p, "/api"))
			defer srv.Close()
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/x", nil)
			req.Header.Set("Accept", "application/json")
			resp, err := http.DefaultClient.Do(req)
			var body []byte
			if err == nil {
				body, _ = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			tc.check(t, resp, body, err)
			// Pages and paths outside the prefixes are never faulted.
			for _, path := range []string{"/api/page", "/other"} {
				req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
				if path == "/api/page" {
					req.Header.Set("Accept", "text/html")
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil || resp.StatusCode != 200 {
					t.Fatalf("%s faulted: %v %v", path, resp, err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if string(b) != `{"results":[{"id":"1"}]}` {
					t.Fatalf("%s body %q", path, b)
				}
			}
		})
	}
}

func TestSlowRespectsTheRequestContext(t *testing.T) {
	p, _ := Parse("slow=10s@1")
	h := Wrap(http.NotFoundHandler(), p, "/api")
	req := httptest.NewRequest(http.MethodGet, "/api/x", nil)
	ctx, cancel := contextWithCancel(req)
	cancel()
	start := time.Now()
	h.ServeHTTP(httptest.NewRecorder(), req.WithContext(ctx))
	if time.Since(start) > time.Second {
		t.Fatal("slow call ignored the cancelled request")
	}
	_ = errors.New
}

func TestEarlyCallsAreNotClustered(t *testing.T) {
	// The first calls of a run matter most: over many seeds, the first ten calls are faulted
	// about as often as the plan says.
	faulted, total := 0, 0
	for seed := uint64(0); seed < 2000; seed++ {
		p := Plan{ServerError: 0.25, Seed: seed}
		for i := uint64(0); i < 10; i++ {
			total++
			if p.Decide(i).Kind != None {
				faulted++
			}
		}
	}
	if got := float64(faulted) / float64(total); math.Abs(got-0.25) > 0.02 {
		t.Fatalf("%.3f of the early calls faulted, want about 0.25", got)
	}
}
