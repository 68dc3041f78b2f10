package mockbank

import "strings"

// Address is a mock person's postal address.
type Address struct {
	Line1, Line2, City, State, Zip, CountryCode string
}

// Person is the identity behind a mock user's accounts.
type Person struct {
	Title, FirstName, LastName string
	DateOfBirth                string // YYYY-MM-DD
	Email, Phone               string
	Address                    Address
}

// FullName returns first and last name.
func (p Person) FullName() string { return p.FirstName + " " + p.LastName }

// mockPerson is John with the given last name, living at a fixed address.
func mockPerson(lastName string) Person {
	return Person{
		Title:       "Mr",
		FirstName:   "John",
		LastName:    lastName,
		DateOfBirth: "1979-01-01",
		Email:       "john." + strings.ToLower(lastName) + "@example.com",
		Phone:       "+447700900123",
		Address: Address{
			Line1:       "Flat 2",
			Line2:       "10 Mockingbird Lane",
			City:        "London",
			State:       "Greater London",
			Zip:         "N1 9GU",
			CountryCode: "GB",
		},
	}
}
