package truelayer

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"
)

// firstAccount lists the connection's accounts and returns the first one's id.
func (e *testEnv) firstAccount(access string) string {
	e.t.Helper()
	status, body := e.get("/data/v1/accounts", access)
	if status != http.StatusOK {
		e.t.Fatalf("accounts: %d %s", status, body)
	}
	var list struct {
		Results []struct {
			AccountID string `json:"account_id"`
		} `json:"results"`
	}
	if err := json.Unmarshal(body, &list); err != nil || len(list.Results) == 0 {
		e.t.Fatalf("accounts %s: %v", body, err)
	}
	return list.Results[0].AccountID
}

func TestBalance(t *testing.T) {
	e := newTestEnv(t, Config{})
	c := e.open("john", "doe")
	acc := e.firstAccount(c.Access)
	status, body := e.get("/data/v1/accounts/"+acc+"/balance", c.Access)
	if status != http.StatusOK {
		t.Fatalf("balance: %d %s", status, body)
	}
	want := "{results:[{currency:string,available:number,current:number,overdraft:number,update_timestamp:string,},],status:string,}"
	if got := jsonShape(t, body); got != want {
		t.Errorf("shape %s, want %s", got, want)
	}
	var b struct {
		Results []struct {
			Currency                      string
			Available, Current, Overdraft float64
		} `json:"results"`
	}
	if err := json.Unmarshal(body, &b); err != nil {
		t.Fatal(err)
	}
	r := b.Results[0]
	if r.Currency != "GBP" || r.Current < 100 || r.Overdraft < 0 || !near(r.Available, r.Current+r.Overdraft) {
		t.Errorf("balance %+v: want GBP, available = current + overdraft", r)
	}
	// The same account has the same balance in another sandbox.
	e2 := newTestEnv(t, Config{})
	if _, again := e2.get("/data/v1/accounts/"+acc+"/balance", e2.open("john", "doe").Access); string(again) != string(body) {
		t.Errorf("balance differs between sandboxes:\n%s\n%s", body, again)
	}
}

// near compares amounts in pounds to the penny.
func near(a, b float64) bool { return a-b < 0.005 && b-a < 0.005 }

func TestTransactions(t *testing.T) {
	e := newTestEnv(t, Config{}) // the clock is at 2026-03-14
	c := e.open("john", "doe")
	acc := e.firstAccount(c.Access)
	status, body := e.get("/data/v1/accounts/"+acc+"/transactions?from=2025-12-01&to=2026-02-28", c.Access)
	if status != http.StatusOK {
		t.Fatalf("transactions: %d %s", status, body)
	}
	var list struct {
		Results []struct {
			TransactionID       string  `json:"transaction_id"`
			Timestamp           string  `json:"timestamp"`
			Description         string  `json:"description"`
			TransactionType     string  `json:"transaction_type"`
			TransactionCategory string  `json:"transaction_category"`
			Amount              float64 `json:"amount"`
			Currency            string  `json:"currency"`
		} `json:"results"`
		Status string `json:"status"`
	}
	if err := json.Unmarshal(body, &list); err != nil {
		t.Fatal(err)
	}
	if n := len(list.Results); n < 3*4 || n > 3*8 || list.Status != "Succeeded" {
		t.Fatalf("%d transactions in three months (%s), want a handful a month", n, list.Status)
	}
	want := "{transaction_id:string,timestamp:string,description:string,transaction_type:string,transaction_category:string,amount:number,currency:string,}"
	var first json.RawMessage
	{
		var raw struct{ Results []json.RawMessage }
		_ = json.Unmarshal(body, &raw)
		first = raw.Results[0]
	}
	if got := jsonShape(t, first); got != want {
		t.Errorf("shape %s, want %s", got, want)
	}
	from, to := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC)
	ids := map[string]bool{}
	var last time.Time
	for i, r := range list.Results {
		ts, err := time.Parse(time.RFC3339, r.Timestamp)
		switch {
		case err != nil || ts.Before(from) || ts.After(to):
			t.Errorf("transaction %d at %q (%v), outside the range", i, r.Timestamp, err)
		case i > 0 && ts.After(last):
			t.Errorf("transaction %d at %s after %s: want newest first", i, ts, last)
		case ids[r.TransactionID] || r.TransactionID == "":
			t.Errorf("transaction %d has a repeated or empty id %q", i, r.TransactionID)
		case r.Currency != "GBP" || r.Description == "" || r.TransactionCategory == "":
			t.Errorf("transaction %d: %+v", i, r)
		case (r.TransactionType == "DEBIT") != (r.Amount < 0) || !slices.Contains([]string{"DEBIT", "CREDIT"}, r.TransactionType):
			t.Errorf("transaction %d: %s of %v: want a negative debit or a positive credit", i, r.TransactionType, r.Amount)
		}
		ids[r.TransactionID], last = true, ts
	}
	// The same account and range give the same transactions, in another sandbox too; a month
	// inside the range gives the same transactions as the range does for that month.
	e2 := newTestEnv(t, Config{})
	c2 := e2.open("john", "doe")
	if _, again := e2.get("/data/v1/accounts/"+acc+"/transactions?from=2025-12-01&to=2026-02-28", c2.Access); string(again) != string(body) {
		t.Errorf("transactions differ between sandboxes")
	}
	_, jan := e2.get("/data/v1/accounts/"+acc+"/transactions?from=2026-01-01&to=2026-01-31", c2.Access)
	var janList struct {
		Results []struct {
			TransactionID string `json:"transaction_id"`
		} `json:"results"`
	}
	_ = json.Unmarshal(jan, &janList)
	if len(janList.Results) == 0 {
		t.Fatalf("no transactions in January: %s", jan)
	}
	for _, r := range janList.Results {
		if !ids[r.TransactionID] {
			t.Errorf("January's transaction %s is not in the three months'", r.TransactionID)
		}
	}
}

func TestTransactionsStopToday(t *testing.T) {
	e := newTestEnv(t, Config{}) // 2026-03-14
	c := e.open("john", "doe")
	acc := e.firstAccount(c.Access)
	_, body := e.get("/data/v1/accounts/"+acc+"/transactions?from=2026-03-01&to=2026-12-31", c.Access)
	var list struct{ Results []struct{ Timestamp string } }
	if err := json.Unmarshal(body, &list); err != nil {
		t.Fatal(err)
	}
	for _, r := range list.Results {
		if r.Timestamp > "2026-03-14T23:59:59+00:00" {
			t.Errorf("a transaction in the future: %s", r.Timestamp)
		}
	}
	// Without a range: the last three months up to today.
	status, body := e.get("/data/v1/accounts/"+acc+"/transactions", c.Access)
	if status != http.StatusOK || len(decode(t, body)["results"].([]any)) < 12 {
		t.Errorf("transactions without a range: %d %s", status, body)
	}
}

func TestLedgerRefusals(t *testing.T) {
	tests := []struct {
		name       string
		path       func(acc string) string
		scope      string // "" for lifecycleScope
		user       string // "" for john/doe
		advance    time.Duration
		wantStatus int
		wantCode   string
	}{
		{name: "a bad date", path: func(a string) string { return "/data/v1/accounts/" + a + "/transactions?from=01/02/2026" },
			wantStatus: 400, wantCode: "validation_error"},
		{name: "from after to", path: func(a string) string { return "/data/v1/accounts/" + a + "/transactions?from=2026-02-02&to=2026-02-01" },
			wantStatus: 400, wantCode: "validation_error"},
		{name: "a range of ten years", path: func(a string) string { return "/data/v1/accounts/" + a + "/transactions?from=2016-01-01&to=2026-01-01" },
			wantStatus: 400, wantCode: "validation_error"},
		{name: "an unknown account's balance", path: func(string) string { return "/data/v1/accounts/acc-00000000000000000/balance" },
			wantStatus: 404, wantCode: "account_not_found"},
		{name: "an unknown account's transactions", path: func(string) string { return "/data/v1/accounts/acc-00000000000000000/transactions" },
			wantStatus: 404, wantCode: "account_not_found"},
		{name: "balance without its scope", path: func(a string) string { return "/data/v1/accounts/" + a + "/balance" },
			scope: "accounts offline_access", wantStatus: 403, wantCode: "access_denied"},
		{name: "transactions without their scope", path: func(a string) string { return "/data/v1/accounts/" + a + "/transactions" },
			scope: "accounts balance offline_access", wantStatus: 403, wantCode: "access_denied"},
		{name: "an expired access token", path: func(a string) string { return "/data/v1/accounts/" + a + "/balance" },
			advance: 61 * time.Minute, wantStatus: 401, wantCode: "invalid_token"},
		{name: "an error user", path: func(string) string { return "/data/v1/accounts/any/balance" },
			user: "error.account_temporarily_locked", wantStatus: 403, wantCode: "account_temporarily_locked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			scope := tt.scope
			if scope == "" {
				scope = lifecycleScope
			}
			username, password := "john", "doe"
			if tt.user != "" {
				username, password = tt.user, "error"
			}
			access := e.connect(username, password, scope)["access_token"].(string)
			acc := "acc-none"
			if tt.user == "" {
				acc = e.firstAccount(access)
			}
			e.clock.Advance(tt.advance)
			status, body := e.get(tt.path(acc), access)
			wantError(t, status, body, tt.wantStatus, tt.wantCode)
		})
	}
}
