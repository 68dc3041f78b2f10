package truelayer

import (
	"bytes"
	"context"
	"net/http"
	"testing"
)

// signupPlusAPI answers like the Signup+ docs: the multiple-accounts body without
// account_id, the identity with one.
func signupPlusAPI(t *testing.T, noAccountID []byte, gotAccountID *string) http.Handler {
	single := fixture(t, "signupplus_single.json")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/signup-plus/accounts" {
			http.NotFound(w, r)
			return
		}
		if got := r.Header.Get("Authorization"); got != "Bearer the-token" {
			t.Errorf("Authorization = %q", got)
		}
		*gotAccountID = r.URL.Query().Get("account_id")
		if _, present := r.URL.Query()["account_id"]; present && *gotAccountID == "" {
			t.Error("empty account_id sent")
		}
		body := noAccountID
		if *gotAccountID != "" {
			body = single
		}
		answerWith(http.StatusOK, "application/json", body)(w, r)
	})
}

func TestSignupPlusAccounts(t *testing.T) {
	single := fixture(t, "signupplus_single.json")
	multiple := fixture(t, "signupplus_multiple.json")
	tests := []struct {
		name        string
		serve       []byte
		accountID   string
		wantRaw     []byte
		wantMulti   bool
		wantAccount string // the account_id query the server saw
	}{
		{name: "one account: the identity", serve: single, wantRaw: single},
		{name: "several accounts: the choice", serve: multiple, wantRaw: multiple, wantMulti: true},
		{name: "chosen account", serve: multiple, accountID: "acc-8232b085624e6babf", wantRaw: single, wantAccount: "acc-8232b085624e6babf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var gotAccount string
			c, _ := newTestClient(t, nil, signupPlusAPI(t, tt.serve, &gotAccount))
			res, err := c.SignupPlusAccounts(context.Background(), "the-token", tt.accountID)
			if err != nil {
				t.Fatalf("SignupPlusAccounts: %v", err)
			}
			if gotAccount != tt.wantAccount {
				t.Errorf("account_id = %q, want %q", gotAccount, tt.wantAccount)
			}
			if !bytes.Equal(res.Raw, tt.wantRaw) {
				t.Errorf("Raw is not the body as returned:\n%s", res.Raw)
			}
			if res.MultipleAccounts != tt.wantMulti {
				t.Fatalf("MultipleAccounts = %v", res.MultipleAccounts)
			}
			if tt.wantMulti {
				checkMultiple(t, res)
			} else {
				checkIdentity(t, res)
			}
		})
	}
}

// checkIdentity asserts res carries the identity of the docs' example.
func checkIdentity(t *testing.T, res SignupPlusResult) {
	t.Helper()
	id := res.Identity
	if id == nil {
		t.Fatal("Identity is nil")
	}
	if id.Title != "Mr" || id.FirstName != "Joe" || id.LastName != "Blogs" || id.DateOfBirth != "2000-06-20" {
		t.Errorf("identity = %+v", *id)
	}
	a := id.Address
	if a.AddressLine1 != "Flat 1a" || a.AddressLine2 != "Angels Court, Foxtrot Street" || a.City != "Stockport" ||
		a.State != "Edgeley" || a.Zip != "SK3 9LQ" || a.CountryCode != "GB" {
		t.Errorf("address = %+v", a)
	}
	d := id.AccountDetails
	if d.SortCode != "04-01-02" || d.AccountNumber != "41921234" || d.IBAN != "GB71MONZ04435141923452" || d.ProviderID != "ob-monzo" {
		t.Errorf("account details = %+v", d)
	}
	if res.Accounts != nil || res.Detail != "" {
		t.Errorf("identity answer has accounts %v, detail %q", res.Accounts, res.Detail)
	}
}

// checkMultiple asserts res carries the accounts of the docs' example.
func checkMultiple(t *testing.T, res SignupPlusResult) {
	t.Helper()
	if res.Identity != nil {
		t.Errorf("Identity = %+v, want nil", *res.Identity)
	}
	if res.Detail != "Multiple valid accounts linked, please resend the request specifying an account_id." {
		t.Errorf("Detail = %q", res.Detail)
	}
	want := []SignupPlusAccount{
		{AccountID: "acc-aa360adff0f1574e1", Currency: "GBP", AccountType: "CURRENT", DisplayName: "TRANSACTION ACCOUNT 1", AccountNumber: "10000000", SortCode: "01-21-31"},
		{AccountID: "acc-8232b085624e6babf", Currency: "GBP", AccountType: "CURRENT", DisplayName: "TRANSACTION ACCOUNT 2", AccountNumber: "30000000", SortCode: "01-21-31"},
		{AccountID: "acc-469b2c2bcaea10969", Currency: "GBP", AccountType: "CURRENT", DisplayName: "TRANSACTION ACCOUNT 3", AccountNumber: "50000000", SortCode: "01-21-31"},
	}
	if len(res.Accounts) != len(want) {
		t.Fatalf("accounts = %+v", res.Accounts)
	}
	for i := range want {
		if res.Accounts[i] != want[i] {
			t.Errorf("account %d = %+v, want %+v", i, res.Accounts[i], want[i])
		}
		if res.Links[want[i].AccountID] != "/"+want[i].AccountID {
			t.Errorf("links[%s] = %q", want[i].AccountID, res.Links[want[i].AccountID])
		}
	}
}
