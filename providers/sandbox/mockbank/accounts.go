package mockbank

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// SortCode is the sort code of every mock account, as in the Signup+ example.
const SortCode = "01-21-31"

// Account is one account a mock user links.
type Account struct {
	ID          string // acc- and 17 lower-case hex characters
	DisplayName string
	Number      string // 8 digits
	SortCode    string // 01-21-31
	IBAN        string
	SwiftBIC    string
}

// AccountsAt returns the user's accounts at the bank with the provider id, in display order;
// the bank's id gives the IBANs' bank code and the BIC.
func (u User) AccountsAt(bankID string) []Account {
	code := ibanBankCode(bankID)
	sort := strings.ReplaceAll(SortCode, "-", "")
	accounts := make([]Account, u.Accounts)
	for i := range accounts {
		number := accountNumber(i)
		ibanNumber := number
		if u.Flavour != FlavourIBAN {
			ibanNumber = accountNumber(0) // the doe users' accounts share one IBAN
		}
		accounts[i] = Account{
			ID:          accountID(u.Username, u.Flavour, i),
			DisplayName: fmt.Sprintf("TRANSACTION ACCOUNT %d", i+1),
			Number:      number,
			SortCode:    SortCode,
			IBAN:        gbIBAN(code, sort, ibanNumber),
			SwiftBIC:    code + "GB2L",
		}
	}
	return accounts
}

// accountID derives the documented acc-<17 hex> form from the user, flavour and index. The
// hashed text is fixed: changing it would change every mock account id (and the goldens).
func accountID(username string, f Flavour, index int) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "linkstep-sandbox/truelayer/mock|%s|%s|%d", username, f, index))
	return "acc-" + hex.EncodeToString(sum[:])[:17]
}

// accountNumber is the 8-digit number of the index-th account. The last four digits step by
// a number coprime to 10000, so every account of a user ends differently: a picker that masks
// all but the last four can still tell them apart.
func accountNumber(index int) string {
	return fmt.Sprintf("%04d%04d", (4127+index*613)%10000, (3019+index*3571)%10000)
}

// FindAccount returns the account with the given id.
func FindAccount(accounts []Account, id string) (Account, bool) {
	for _, a := range accounts {
		if a.ID == id {
			return a, true
		}
	}
	return Account{}, false
}
