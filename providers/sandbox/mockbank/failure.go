package mockbank

import "fmt"

// Failure is how every data call of an error.* mock user fails; a provider sandbox answers
// each kind with its own error body.
type Failure int

// The failure kinds; FailureNone is an ordinary user's.
const (
	FailureNone                     Failure = iota // an ordinary user: data calls succeed
	FailureAccountPermanentlyLocked                // the account is locked for good at the bank
	FailureAccountTemporarilyLocked                // the account is locked for a while at the bank
	FailureInternalError                           // fetching the data failed inside the provider
	FailureProviderError                           // the bank answered with an error or not at all
	FailureUserInputRequired                       // the bank needs the user to sign in again
	FailureWrongCredentials                        // the bank no longer accepts the stored credentials
)

// Failures lists every failure kind of the error.* users, in the documented order.
func Failures() []Failure {
	return []Failure{FailureAccountPermanentlyLocked, FailureAccountTemporarilyLocked, FailureInternalError,
		FailureProviderError, FailureUserInputRequired, FailureWrongCredentials}
}

// String returns the failure's name, which is also what follows "error." in its user's name.
func (f Failure) String() string {
	switch f {
	case FailureNone:
		return "none"
	case FailureAccountPermanentlyLocked:
		return "account_permanently_locked"
	case FailureAccountTemporarilyLocked:
		return "account_temporarily_locked"
	case FailureInternalError:
		return "internal_error"
	case FailureProviderError:
		return "provider_error"
	case FailureUserInputRequired:
		return "user_input_required"
	case FailureWrongCredentials:
		return "wrong_credentials"
	default:
		return fmt.Sprintf("failure(%d)", int(f))
	}
}

// parseFailure returns the failure kind named name, and whether there is one.
func parseFailure(name string) (Failure, bool) {
	for _, f := range Failures() {
		if f.String() == name {
			return f, true
		}
	}
	return FailureNone, false
}
