package oneid

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

func TestGetIsRetried(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			conn, _, _ := http.NewResponseController(w).Hijack()
			conn.Close()
			return
		}
		if calls.Load() == 2 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		w.Write([]byte(`{"sub":"1"}`))
	}))
	defer srv.Close()
	a, err := get(context.Background(), srv.Client(), ID, "userinfo", srv.URL, "tok", "application/json")
	if err != nil || string(a.body) != `{"sub":"1"}` || calls.Load() != 3 {
		t.Fatalf("err %v, %d calls", err, calls.Load())
	}
}
