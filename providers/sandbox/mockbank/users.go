package mockbank

import (
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
//	error.<kind> / error   sign-in and token exchange succeed; every data call fails with <kind>
//
// Everything here is deterministic: the same user gets the same accounts in every sandbox.

// MaxAccounts is the largest N of the johnN users.
const MaxAccounts = 100

// DefaultAccounts is how many accounts the plain john user links.
const DefaultAccounts = 3

// User is a mock bank login that succeeded.
type User struct {
	Username string
	Flavour  Flavour
	Accounts int // how many accounts the user links
	Person   Person
	Failure  Failure // FailureNone unless an error.* user
}

// Lookup returns the mock user the username and password sign in as, and whether they do.
func Lookup(username, password string) (User, bool) {
	if name, ok := strings.CutPrefix(username, "error."); ok {
		failure, known := parseFailure(name)
		if !known || password != "error" {
			return User{}, false
		}
		return User{Username: username, Flavour: FlavourError, Accounts: 1,
			Person: mockPerson("Error"), Failure: failure}, true
	}
	suffix, ok := strings.CutPrefix(username, "john")
	if !ok {
		return User{}, false
	}
	n := DefaultAccounts
	if suffix != "" {
		v, err := strconv.Atoi(suffix)
		if err != nil || v < 1 || v > MaxAccounts || strconv.Itoa(v) != suffix {
			return User{}, false
		}
		n = v
	}
	switch password {
	case "doe" + suffix:
		return User{Username: username, Flavour: FlavourDoe, Accounts: n, Person: mockPerson("Doe")}, true
	case "iban" + suffix:
		return User{Username: username, Flavour: FlavourIBAN, Accounts: n, Person: mockPerson("Doe")}, true
	}
	if username == "john" && password == "eternal" {
		return User{Username: username, Flavour: FlavourEternal, Accounts: 1, Person: mockPerson("Eternal")}, true
	}
	return User{}, false
}
