package transcript

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// collect returns a context whose sink appends to the returned slice.
func collect(ctx context.Context) (context.Context, func() []Entry) {
	var mu sync.Mutex
	var got []Entry
	ctx = WithSink(ctx, func(e Entry) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, e)
	})
	return ctx, func() []Entry {
		mu.Lock()
		defer mu.Unlock()
		return append([]Entry(nil), got...)
	}
}

const tokenBody = `{"access_token":"` + testJWT + `","refresh_token":"resp-refresh-value-1","expires_in":3600}`

// tokenServer answers like a token endpoint and echoes the request body it received.
func tokenServer(t *testing.T) (*httptest.Server, *[]string) {
	t.Helper()
	var mu sync.Mutex
	var received []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		received = append(received, string(b))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Set-Cookie", "sid=cookie-value-1; Path=/")
		io.WriteString(w, tokenBody)
	}))
	t.Cleanup(srv.Close)
	return srv, &received
}

func TestRecorderRoundTrip(t *testing.T) {
	const form = "grant_type=authorization_code&client_secret=" + testSecret + "&code=req-code-1"
	tests := []struct {
		name string
		body func() io.Reader // the request body, as callers build it
	}{
		{"body with GetBody", func() io.Reader { return strings.NewReader(form) }},
		{"body without GetBody", func() io.Reader { return io.MultiReader(strings.NewReader(form)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, received := tokenServer(t)
			hc := &http.Client{Transport: NewRecorder(srv.Client().Transport, NewRedactor(testSecret))}
			ctx, entries := collect(context.Background())
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/connect/token?code=url-code-1", tt.body())
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Authorization", "Bearer "+testJWT)
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tokenBody {
				t.Errorf("caller read %q, want the intact body", got)
			}
			if len(*received) != 1 || (*received)[0] != form {
				t.Errorf("server received %q, want the intact form", *received)
			}
			es := entries()
			if len(es) != 1 {
				t.Fatalf("sink got %d entries, want 1", len(es))
			}
			e := es[0]
			if e.Method != http.MethodPost || e.Status != http.StatusOK || e.Err != "" || e.Duration <= 0 || e.Started.IsZero() {
				t.Errorf("entry = %+v", e)
			}
			all := strings.Join([]string{e.URL, e.RequestBody, e.ResponseBody,
				e.RequestHeaders.Get("Authorization"), e.ResponseHeaders.Get("Set-Cookie")}, "\n")
			checkRedacted(t, all,
				[]string{testSecret, "req-code-1", "url-code-1", "eyJzdWIi", "resp-refresh-value-1", "cookie-value-1"},
				[]string{"/connect/token?code=••••", "grant_type=authorization_code", `"expires_in":3600`, "Bearer ••••", "sid=••••"})
		})
	}
}

// failingTransport fails every request.
type failingTransport struct{ err error }

func (f failingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	return nil, f.err
}

// brokenBodyTransport answers 200 with a body that fails half way.
type brokenBodyTransport struct{}

func (brokenBodyTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(io.MultiReader(strings.NewReader(`{"partial":`), errReader{errors.New("connection reset")})),
	}, nil
}

func TestRecorderErrors(t *testing.T) {
	tests := []struct {
		name     string
		base     http.RoundTripper
		wantErr  string
		wantResp bool
	}{
		{"transport error", failingTransport{errors.New("dial tcp: refused for " + testSecret)}, "dial tcp: refused for ••••", false},
		{"body read error", brokenBodyTransport{}, "read response body: connection reset", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, entries := collect(context.Background())
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example/data/v1/me", nil)
			resp, err := NewRecorder(tt.base, NewRedactor(testSecret)).RoundTrip(req)
			if tt.wantResp {
				if err != nil {
					t.Fatalf("RoundTrip: %v", err)
				}
				b, readErr := io.ReadAll(resp.Body)
				resp.Body.Close()
				if string(b) != `{"partial":` || readErr == nil {
					t.Errorf("caller read %q, %v; want the partial body and the error", b, readErr)
				}
			} else if err == nil {
				t.Fatal("RoundTrip: want an error")
			}
			es := entries()
			if len(es) != 1 || !strings.Contains(es[0].Err, tt.wantErr) {
				t.Fatalf("entries = %+v, want one with Err containing %q", es, tt.wantErr)
			}
		})
	}
}

func TestRecorderWithoutSinkPassesThrough(t *testing.T) {
	srv, _ := tokenServer(t)
	hc := &http.Client{Transport: NewRecorder(srv.Client().Transport, nil)}
	resp, err := hc.Post(srv.URL, "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if _, ok := resp.Body.(*replayBody); ok {
		t.Error("without a sink the body should not be buffered")
	}
	if b, _ := io.ReadAll(resp.Body); string(b) != tokenBody {
		t.Errorf("read %q", b)
	}
}

// cannedTransport answers every request with the same JSON body, without any network.
type cannedTransport struct{ body []byte }

func (c cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(bytes.NewReader(c.body)),
	}, nil
}

// benchJSON is about 10 KB of JSON with a few secrets in it.
func benchJSON() []byte {
	var b bytes.Buffer
	b.WriteString(`{"access_token":"` + testJWT + `","results":[`)
	for i := 0; b.Len() < 10<<10; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"account_id":"acc-aa360adff0f1574e1","display_name":"TRANSACTION ACCOUNT","currency":"GBP","refresh_token":"rt-0123456789abcdef","amount":12.34}`)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

func BenchmarkRecorderRoundTrip(b *testing.B) {
	body := benchJSON()
	cases := []struct {
		name string
		sink bool
	}{
		{"passthrough", false},
		{"recorded 10KB JSON", true},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			rec := NewRecorder(cannedTransport{body}, NewRedactor(testSecret))
			ctx := context.Background()
			if c.sink {
				ctx = WithSink(ctx, func(Entry) {})
			}
			b.ReportAllocs()
			b.SetBytes(int64(2 * len(body)))
			for b.Loop() {
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://api.example/x?code=c", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				resp, err := rec.RoundTrip(req)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	}
}
