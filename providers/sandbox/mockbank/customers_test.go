package mockbank

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

func TestCustomers(t *testing.T) {
	tests := []struct {
		key, name, born, street string
		accounts                int
	}{
		{"janet", "Janet Davidson", "1985-06-01", "3614 Poe Road", 2},
		{"alix", "Alix Rayner", "1996-09-10", "80 Temple Way", 1},
		{"gary", "Gary Humphrey", "1975-10-19", "1 Hay Hill", 1},
	}
	ibans := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			c, ok := FindCustomer(tt.key)
			if !ok || c.Person.FullName() != tt.name || c.Person.DateOfBirth != tt.born ||
				c.Person.Address.Line1 != tt.street || len(c.Accounts) != tt.accounts {
				t.Fatalf("FindCustomer(%q) = %+v, %v", tt.key, c, ok)
			}
			for _, a := range c.Accounts {
				if !validGBIBAN(a.IBAN) || ibans[a.IBAN] || !accountIDForm.MatchString(a.ID) || len(a.Number) != 8 ||
					!strings.HasSuffix(a.IBAN, "012131"+a.Number) || a.Currency != "GBP" || a.SubType == "" || a.DisplayName == "" {
					t.Errorf("account %+v repeats or is malformed", a)
				}
				ibans[a.IBAN] = true
			}
		})
	}
	if _, ok := FindCustomer("john"); ok {
		t.Error("FindCustomer found a mock user that is not a named customer")
	}
	if len(Customers()) != len(tests) {
		t.Errorf("%d customers, want %d", len(Customers()), len(tests))
	}
}

func TestBalanceMajor(t *testing.T) {
	for balance, want := range map[int64]string{123456: "1234.56", 5: "0.05", 0: "0.00", -1050: "-10.50", 802000: "8020.00"} {
		if got := (CustomerAccount{Balance: balance}).BalanceMajor(); got != want {
			t.Errorf("BalanceMajor(%d) = %q, want %q", balance, got, want)
		}
	}
}

func TestReadCustomerChoice(t *testing.T) {
	tests := []struct {
		name             string
		form             url.Values
		wantKey          string
		wantCancel, want bool
	}{
		{"a customer", url.Values{"identity": {"alix"}}, "alix", false, true},
		{"cancel", url.Values{"decision": {"decline"}}, "", true, true},
		{"an unknown customer", url.Values{"identity": {"john"}}, "", false, false},
		{"nothing", url.Values{}, "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/bank/x", strings.NewReader(tt.form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			c, cancelled, ok := ReadCustomerChoice(r)
			if c.Key != tt.wantKey || cancelled != tt.wantCancel || ok != tt.want {
				t.Fatalf("ReadCustomerChoice = %q, %v, %v", c.Key, cancelled, ok)
			}
		})
	}
}

func TestCustomersPage(t *testing.T) {
	pages := kit.MustParsePages(CustomersPageSource())
	rec := httptest.NewRecorder()
	pages.Render(rec, http.StatusOK, CustomersPageName, CustomersPage{Title: "Who are you?", Action: "/bank/s1", FormToken: "ft",
		BankName: "Mock", Intro: "OneID asks.", Shares: []string{"Your name"},
		Choices: []CustomerChoice{{Key: "janet", Name: "Janet Davidson", Note: "clear"}, {Key: "gary", Name: "Gary Humphrey"}}})
	body := rec.Body.String()
	for _, w := range []string{`<h1>Who are you?</h1>`, `action="/bank/s1"`, `name="form_token" value="ft"`, `<li>Your name</li>`,
		`name="identity" value="janet"`, `<strong>Janet Davidson</strong>`, `name="identity" value="gary"`, `name="decision" value="decline"`} {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	if strings.Contains(body, "<img") {
		t.Error("page shows a logo it was not given")
	}
}
