package mockbank

import (
	"net/http"
	"strings"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// CustomersPageName names the page offering the named customers, among the pages parsed with
// CustomersPageSource.
const CustomersPageName = "customers"

// CustomersPageSource is the customers page's template, for kit.MustParsePages.
func CustomersPageSource() kit.PageSource {
	return kit.PageSource{FS: templateFS, Dir: "templates", Names: []string{CustomersPageName}}
}

// CustomersPage is the data of the mock bank's page offering its named customers: a form
// posting the session's form token to Action with a button named identity per customer (its
// Key as value) and a Cancel button named decision with the value decline.
type CustomersPage struct {
	Title, Action, FormToken string
	BankName, BankLogoURL    string   // the logo is left out when empty
	Intro                    string   // who asks and why, e.g. "OneID asks your bank who you are."
	Shares                   []string // what the bank will share, one line each
	Choices                  []CustomerChoice
}

// CustomerChoice is one customer as the customers page offers them.
type CustomerChoice struct {
	Key, Name string
	Note      string // what is special about them, e.g. "fraud flags set"
}

// ReadCustomerChoice returns what a parsed customers form chose: the customer, or that the
// person cancelled; ok is false when it names no known customer and did not cancel.
func ReadCustomerChoice(r *http.Request) (c Customer, cancelled, ok bool) {
	if r.PostFormValue("decision") == "decline" {
		return Customer{}, true, true
	}
	c, ok = FindCustomer(strings.TrimSpace(r.PostFormValue("identity")))
	return c, false, ok
}
