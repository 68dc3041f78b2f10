package oneid

import (
	"slices"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// OneID's sandbox test identities, the mock bank's named customers, with what OneID adds to
// them: a stable subject, the fraud checks, and what the person typed into OneID.
//
//	janet  Janet Davidson   clear: her fraud block and unverified claims (Mary Smith) as the docs' example
//	alix   Alix Rayner      fraud: several flags raised, high scores; typed another birth date and surname
//	gary   Gary Humphrey    victim: listed in National SIRA as a victim of fraud; typed nothing
//
// Everything is fixed, so every sandbox answers the same.

// identity is a test identity as OneID knows it.
type identity struct {
	Key        string // the mock bank customer's key
	Subject    string // sub: a UUID that never changes
	Note       string // what the page says about them
	Fraud      fraudBlock
	Unverified *claimSet // what the person typed; nil when nothing
}

// fraudBlock is OneID's fraud checks, in the documented order.
type fraudBlock struct {
	SearchPerformed                               bool `json:"searchPerformed"`
	ActivityHistoryScore                          int  `json:"activityHistoryScore"`
	IdentityFraudScore                            int  `json:"identityFraudScore"`
	NationalSIRAFraud                             bool `json:"nationalSIRAFraud"`
	NationalSIRAVictim                            bool `json:"nationalSIRAVictim"`
	DisclosureOfDeathRegistrationInformationMatch bool `json:"disclosureOfDeathRegistrationInformationMatch"`
	AmberhillMatch                                bool `json:"amberhillMatch"`
	NoMatch                                       bool `json:"noMatch"`
}

// claimSet is what a person typed into OneID (unverified_claims.claims), in the documented order.
type claimSet struct {
	Birthdate   string        `json:"birthdate,omitempty"`
	Name        string        `json:"name,omitempty"`
	GivenName   string        `json:"given_name,omitempty"`
	FamilyName  string        `json:"family_name,omitempty"`
	Email       string        `json:"email,omitempty"`
	PhoneNumber string        `json:"phone_number,omitempty"`
	Address     *addressClaim `json:"address,omitempty"`
}

// addressClaim is the OpenID address claim as OneID fills it.
type addressClaim struct {
	StreetAddress string `json:"street_address"`
	Locality      string `json:"locality"`
	Region        string `json:"region"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
}

// identities returns the test identities, in the order the page offers them.
func identities() []identity {
	return []identity{
		{
			Key: "janet", Subject: "6f35afb8-42ee-5b82-88be-29ee7dc0f762", Note: "clear",
			Fraud: fraudBlock{SearchPerformed: true, NationalSIRAFraud: true},
			Unverified: &claimSet{Birthdate: "1990-02-01", Name: "Mary Smith", GivenName: "Mary", FamilyName: "Smith",
				Address: &addressClaim{StreetAddress: "80 Green Lane", Locality: "Darlington", Region: "North East",
					PostalCode: "DL17 5OQ", Country: "UK"}},
		},
		{
			Key: "alix", Subject: "0d9a1c3e-6b7f-5e21-9c4a-3f8e2b7d1a60", Note: "fraud flags raised",
			Fraud: fraudBlock{SearchPerformed: true, ActivityHistoryScore: 78, IdentityFraudScore: 91, NationalSIRAFraud: true,
				DisclosureOfDeathRegistrationInformationMatch: true, AmberhillMatch: true},
			Unverified: &claimSet{Birthdate: "1996-10-09", Name: "Alix Raynor", GivenName: "Alix", FamilyName: "Raynor",
				Address: &addressClaim{StreetAddress: "80 Temple Way", Locality: "Redcliffe", Region: "Bristol",
					PostalCode: "BS1 6HG", Country: "UK"}},
		},
		{
			Key: "gary", Subject: "b47e2d19-8c3a-5f06-a1d2-7e9c4b3f5a28", Note: "victim of fraud",
			Fraud: fraudBlock{SearchPerformed: true, NationalSIRAVictim: true},
		},
	}
}

// findIdentity returns the identity with the key and the mock bank customer behind it.
func findIdentity(key string) (identity, mockbank.Customer, bool) {
	ids := identities()
	i := slices.IndexFunc(ids, func(id identity) bool { return id.Key == key })
	if i < 0 {
		return identity{}, mockbank.Customer{}, false
	}
	c, ok := mockbank.FindCustomer(key)
	return ids[i], c, ok
}

// hasIdentity reports whether key names a test identity.
func hasIdentity(key string) bool {
	_, _, ok := findIdentity(key)
	return ok
}

// identityKeys lists the test identities' keys.
func identityKeys() []string {
	var keys []string
	for _, id := range identities() {
		keys = append(keys, id.Key)
	}
	return keys
}

// verifiedAddress is the bank's address of a customer as OneID writes it.
func verifiedAddress(a mockbank.Address) *addressClaim {
	street := a.Line1
	if a.Line2 != "" {
		street += ", " + a.Line2
	}
	return &addressClaim{StreetAddress: street, Locality: a.City, Region: a.State, PostalCode: a.Zip, Country: countryName(a.CountryCode)}
}

// countryName is a country as OneID's documents write it: the United Kingdom as UK.
func countryName(code string) string {
	if code == "GB" {
		return "UK"
	}
	return code
}

// over18 reports whether someone born on birthdate (YYYY-MM-DD) is 18 or older at now, in UTC.
func over18(birthdate string, now time.Time) (bool, error) {
	born, err := time.Parse(time.DateOnly, birthdate)
	if err != nil {
		return false, err
	}
	now = now.UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return !today.Before(born.AddDate(18, 0, 0)), nil
}
