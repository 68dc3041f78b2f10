package sandbox

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// The mock bank's users, as documented for TrueLayer's sandbox, with the project's decisions:
//
//	john / doe             three current accounts, all with the same IBAN
//	johnN / doeN           N accounts (N = 1..100), all with the same IBAN
//	john / iban            three accounts, each with its own valid IBAN
//	johnN / ibanN          N accounts, each with its own valid IBAN
//	john / eternal         one account, identity John Eternal (extend: no_action_needed)
//	error.<code> / error   sign-in and token exchange succeed; every data call fails with <code>
//
// Everything here is deterministic: the same user gets the same accounts in every Sandbox.

// maxMockAccounts is the largest N of the johnN users.
const maxMockAccounts = 100

// defaultMockAccounts is how many accounts the plain john user links.
const defaultMockAccounts = 3

// mockSortCode is the sort code of every mock account, as in the Signup+ example.
const mockSortCode = "01-21-31"

// flavour is the documented family a mock user belongs to, chosen by the password.
type flavour int

const (
	flavourDoe     flavour = iota // doe passwords: example data, one IBAN for all accounts
	flavourIBAN                   // iban passwords: a distinct valid IBAN per account
	flavourEternal                // john/eternal: a connection extend needs no action
	flavourError                  // error.* users: data calls fail
)

// String returns the flavour's password stem.
func (f flavour) String() string {
	switch f {
	case flavourDoe:
		return "doe"
	case flavourIBAN:
		return "iban"
	case flavourEternal:
		return "eternal"
	case flavourError:
		return "error"
	default:
		return fmt.Sprintf("flavour(%d)", int(f))
	}
}

// postalAddress is a mock person's address.
type postalAddress struct {
	Line1, Line2, City, State, Zip, CountryCode string
}

// person is the identity behind a mock user's accounts.
type person struct {
	Title, FirstName, LastName string
	DateOfBirth                string // YYYY-MM-DD
	Email, Phone               string
	Address                    postalAddress
}

// FullName returns first and last name.
func (p person) FullName() string { return p.FirstName + " " + p.LastName }

// mockUser is a mock bank login that succeeded.
type mockUser struct {
	Username string
	Flavour  flavour
	Accounts int
	Person   person
	Failure  *apiError // nil unless an error.* user
}

// mockAccount is one account a mock user links.
type mockAccount struct {
	ID          string // acc- and 17 lower-case hex characters
	DisplayName string
	Number      string // 8 digits
	SortCode    string // 01-21-31
	IBAN        string
	SwiftBIC    string
}

// lookupMockUser returns the mock user the username and password sign in as.
func lookupMockUser(username, password string) (mockUser, bool) {
	if code, ok := strings.CutPrefix(username, "error."); ok {
		failure, known := errorUserFailure(code)
		if !known || password != "error" {
			return mockUser{}, false
		}
		return mockUser{Username: username, Flavour: flavourError, Accounts: 1,
			Person: mockPerson("Error"), Failure: &failure}, true
	}
	suffix, ok := strings.CutPrefix(username, "john")
	if !ok {
		return mockUser{}, false
	}
	n := defaultMockAccounts
	if suffix != "" {
		v, err := strconv.Atoi(suffix)
		if err != nil || v < 1 || v > maxMockAccounts || strconv.Itoa(v) != suffix {
			return mockUser{}, false
		}
		n = v
	}
	switch password {
	case "doe" + suffix:
		return mockUser{Username: username, Flavour: flavourDoe, Accounts: n, Person: mockPerson("Doe")}, true
	case "iban" + suffix:
		return mockUser{Username: username, Flavour: flavourIBAN, Accounts: n, Person: mockPerson("Doe")}, true
	}
	if username == "john" && password == "eternal" {
		return mockUser{Username: username, Flavour: flavourEternal, Accounts: 1, Person: mockPerson("Eternal")}, true
	}
	return mockUser{}, false
}

// errorUserFailure is the failure of the error.<code> user, and whether that user exists.
func errorUserFailure(code string) (apiError, bool) {
	switch code {
	case "account_permanently_locked":
		return apiError{http.StatusForbidden, code, "The account is permanently locked at the bank; the user must contact their bank."}, true
	case "account_temporarily_locked":
		return apiError{http.StatusForbidden, code, "The account is temporarily locked at the bank; try again later."}, true
	case "internal_error":
		return apiError{http.StatusInternalServerError, code, "An internal error occurred while fetching the data."}, true
	case "provider_error":
		return apiError{http.StatusServiceUnavailable, code, "The bank returned an error or is unavailable."}, true
	case "user_input_required":
		return apiError{http.StatusForbidden, code, "The bank needs the user to sign in again."}, true
	case "wrong_credentials":
		return apiError{http.StatusForbidden, code, "The bank no longer accepts the credentials of this connection."}, true
	default:
		return apiError{}, false
	}
}

// mockPerson is John with the given last name, living at a fixed address.
func mockPerson(lastName string) person {
	return person{
		Title:       "Mr",
		FirstName:   "John",
		LastName:    lastName,
		DateOfBirth: "1979-01-01",
		Email:       "john." + strings.ToLower(lastName) + "@example.com",
		Phone:       "+447700900123",
		Address: postalAddress{
			Line1:       "Flat 2",
			Line2:       "10 Mockingbird Lane",
			City:        "London",
			State:       "Greater London",
			Zip:         "N1 9GU",
			CountryCode: "GB",
		},
	}
}

// accountsAt returns the user's accounts at the bank, in display order.
func (u mockUser) accountsAt(bank Bank) []mockAccount {
	code := ibanBankCode(bank.ID)
	sort := strings.ReplaceAll(mockSortCode, "-", "")
	accounts := make([]mockAccount, u.Accounts)
	for i := range accounts {
		number := mockAccountNumber(i)
		ibanNumber := number
		if u.Flavour != flavourIBAN {
			ibanNumber = mockAccountNumber(0) // the doe users' accounts share one IBAN
		}
		accounts[i] = mockAccount{
			ID:          mockAccountID(u.Username, u.Flavour, i),
			DisplayName: fmt.Sprintf("TRANSACTION ACCOUNT %d", i+1),
			Number:      number,
			SortCode:    mockSortCode,
			IBAN:        gbIBAN(code, sort, ibanNumber),
			SwiftBIC:    code + "GB2L",
		}
	}
	return accounts
}

// mockAccountID derives the documented acc-<17 hex> form from the user, flavour and index.
func mockAccountID(username string, f flavour, index int) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "linkstep-sandbox/truelayer/mock|%s|%s|%d", username, f, index))
	return "acc-" + hex.EncodeToString(sum[:])[:17]
}

// mockAccountNumber is the 8-digit number of the index-th account. The last four digits step
// by a number coprime to 10000, so every account of a user ends differently: a picker that
// masks all but the last four can still tell them apart.
func mockAccountNumber(index int) string {
	return fmt.Sprintf("%04d%04d", (4127+index*613)%10000, (3019+index*3571)%10000)
}

// findAccount returns the account with the given id.
func findAccount(accounts []mockAccount, id string) (mockAccount, bool) {
	for _, a := range accounts {
		if a.ID == id {
			return a, true
		}
	}
	return mockAccount{}, false
}
