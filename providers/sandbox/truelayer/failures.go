package truelayer

import (
	"fmt"
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// failureError is TrueLayer's answer to a data call of an error.* mock user: the error code
// is the failure's name; nil for an ordinary user.
func failureError(f mockbank.Failure) *apiError {
	code := f.String()
	switch f {
	case mockbank.FailureNone:
		return nil
	case mockbank.FailureAccountPermanentlyLocked:
		return &apiError{http.StatusForbidden, code, "The account is permanently locked at the bank; the user must contact their bank."}
	case mockbank.FailureAccountTemporarilyLocked:
		return &apiError{http.StatusForbidden, code, "The account is temporarily locked at the bank; try again later."}
	case mockbank.FailureInternalError:
		return &apiError{http.StatusInternalServerError, code, "An internal error occurred while fetching the data."}
	case mockbank.FailureProviderError:
		return &apiError{http.StatusServiceUnavailable, code, "The bank returned an error or is unavailable."}
	case mockbank.FailureUserInputRequired:
		return &apiError{http.StatusForbidden, code, "The bank needs the user to sign in again."}
	case mockbank.FailureWrongCredentials:
		return &apiError{http.StatusForbidden, code, "The bank no longer accepts the credentials of this connection."}
	default:
		return &apiError{http.StatusInternalServerError, "internal_error",
			fmt.Sprintf("The mock bank failure %s has no TrueLayer error.", f)}
	}
}

// failForUser writes the error of an error.* mock user and reports whether it did.
func failForUser(w http.ResponseWriter, conn connection) bool {
	e := failureError(conn.User.Failure)
	if e == nil {
		return false
	}
	writeError(w, e)
	return true
}
