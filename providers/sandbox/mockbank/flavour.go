package mockbank

import "fmt"

// Flavour is the documented family a mock user belongs to, chosen by the password.
type Flavour int

// The flavours of the mock users.
const (
	FlavourDoe     Flavour = iota // doe passwords: example data, one IBAN for all accounts
	FlavourIBAN                   // iban passwords: a distinct valid IBAN per account
	FlavourEternal                // john/eternal: a connection extend needs no action
	FlavourError                  // error.* users: data calls fail
)

// String returns the flavour's password stem.
func (f Flavour) String() string {
	switch f {
	case FlavourDoe:
		return "doe"
	case FlavourIBAN:
		return "iban"
	case FlavourEternal:
		return "eternal"
	case FlavourError:
		return "error"
	default:
		return fmt.Sprintf("flavour(%d)", int(f))
	}
}
