package ivy

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

func TestReadOnlyPostsAreRetriedAndChangesAreNot(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := New(srv.URL, "key", srv.Client())
	for path, retried := range map[string]bool{
		pathDetails: true, pathList: true, pathAccounts: true, pathBalances: true, pathConsent: true,
		pathCreate: false, pathConsentRevoke: false,
	} {
		calls.Store(0)
		var out json.RawMessage
		err := c.post(context.Background(), "op", path, map[string]string{}, &out)
		switch {
		case retried && (err != nil || calls.Load() != 3):
			t.Errorf("%s: err %v after %d calls, want success after 3", path, err, calls.Load())
		case !retried && (err == nil || calls.Load() != 1):
			t.Errorf("%s: err %v after %d calls, want an error after one call", path, err, calls.Load())
		}
	}
}
