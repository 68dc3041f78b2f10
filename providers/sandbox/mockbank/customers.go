package mockbank

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// The mock bank's named customers, whom a sandbox offers by name rather than behind a login
// (OneID's documented test identities):
//
//	janet   Janet Davidson, 1985-06-01, 3614 Poe Road, York    a current account and savings
//	alix    Alix Rayner, 1996-09-10, 80 Temple Way, Bristol    a current account
//	gary    Gary Humphrey, 1975-10-19, 1 Hay Hill, London      a current account
//
// Like the mock users, they are deterministic: the same customer has the same accounts in
// every sandbox.

// customerBank is the provider id the customers bank with: the Mock bank.
const customerBank = "mock"

// Customer is one of the mock bank's named customers: a person with accounts of their own.
type Customer struct {
	Key      string // what a tester picks, e.g. "janet"
	Person   Person
	Accounts []CustomerAccount
}

// CustomerAccount is one account of a Customer, with its kind and balance.
type CustomerAccount struct {
	Account         // id, nickname (DisplayName), number, sort code, IBAN, BIC
	SubType  string // the Open Banking account sub type: CurrentAccount, Savings
	Currency string // ISO 4217, e.g. GBP
	Balance  int64  // in minor units (pence)
}

// BalanceMajor is the balance in major units with two decimals, e.g. "1234.56".
func (a CustomerAccount) BalanceMajor() string {
	sign, v := "", a.Balance
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// Customers returns the mock bank's named customers, in the order a page offers them (a fresh
// slice).
func Customers() []Customer {
	return []Customer{
		{
			Key: "janet",
			Person: Person{Title: "Ms", FirstName: "Janet", LastName: "Davidson", DateOfBirth: "1985-06-01",
				Email: "janet.davidson@example.com", Phone: "0480863009",
				Address: Address{Line1: "3614 Poe Road", City: "Heworth", State: "York", Zip: "YO31 1EB", CountryCode: "GB"}},
			Accounts: []CustomerAccount{
				customerAccount("janet", 0, "Personal", "CurrentAccount", "31926819", 123456),
				customerAccount("janet", 1, "Savings", "Savings", "31926827", 802000),
			},
		},
		{
			Key: "alix",
			Person: Person{Title: "Ms", FirstName: "Alix", LastName: "Rayner", DateOfBirth: "1996-09-10",
				Email: "alix.rayner@example.com", Phone: "07700900456",
				Address: Address{Line1: "80 Temple Way", City: "Redcliffe", State: "Bristol", Zip: "BS1 6HG", CountryCode: "GB"}},
			Accounts: []CustomerAccount{
				customerAccount("alix", 0, "Personal", "CurrentAccount", "40817123", 4217),
			},
		},
		{
			Key: "gary",
			Person: Person{Title: "Mr", FirstName: "Gary", LastName: "Humphrey", DateOfBirth: "1975-10-19",
				Email: "gary.humphrey@example.com", Phone: "07700900789",
				Address: Address{Line1: "1 Hay Hill", City: "Mayfair", State: "London", Zip: "W1J 6DH", CountryCode: "GB"}},
			Accounts: []CustomerAccount{
				customerAccount("gary", 0, "Personal", "CurrentAccount", "20945770", 1589003),
			},
		},
	}
}

// FindCustomer returns the named customer with the key.
func FindCustomer(key string) (Customer, bool) {
	all := Customers()
	i := slices.IndexFunc(all, func(c Customer) bool { return c.Key == key })
	if i < 0 {
		return Customer{}, false
	}
	return all[i], true
}

// customerAccount is a customer's index-th account at the Mock bank, in GBP.
func customerAccount(key string, index int, nickname, subType, number string, balance int64) CustomerAccount {
	code := ibanBankCode(customerBank)
	sum := sha256.Sum256(fmt.Appendf(nil, "linkstep-sandbox/mockbank/customer|%s|%d", key, index))
	return CustomerAccount{
		Account: Account{
			ID:          "acc-" + hex.EncodeToString(sum[:])[:17],
			DisplayName: nickname,
			Number:      number,
			SortCode:    SortCode,
			IBAN:        gbIBAN(code, strings.ReplaceAll(SortCode, "-", ""), number),
			SwiftBIC:    code + "GB2L",
		},
		SubType:  subType,
		Currency: "GBP",
		Balance:  balance,
	}
}
