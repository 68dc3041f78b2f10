package truelayer

import (
	"net/http"
	"testing"
)

// BenchmarkSignupPlusJourney measures a whole Signup+ journey against the sandbox: sign in
// through the pages, exchange the code, fetch the accounts.
func BenchmarkSignupPlusJourney(b *testing.B) {
	e := newTestEnv(b, Config{})
	for b.Loop() {
		token := e.accessToken("john", "doe")
		if status, body := e.get("/signup-plus/accounts", token); status != http.StatusOK {
			b.Fatalf("signup-plus: %d %s", status, body)
		}
	}
}

// BenchmarkSignupPlusAccounts measures the data call alone, in parallel, as a load test would.
func BenchmarkSignupPlusAccounts(b *testing.B) {
	e := newTestEnv(b, Config{})
	token := e.accessToken("john100", "doe100")
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodGet, e.apiURL+"/signup-plus/accounts", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := e.srv.Client().Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			resp.Body.Close()
		}
	})
}
