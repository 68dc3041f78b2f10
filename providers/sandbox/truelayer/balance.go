package truelayer

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// balanceResult is the result of GET /data/v1/accounts/{account_id}/balance; amounts are
// numbers in the currency's major unit.
type balanceResult struct {
	Currency        string  `json:"currency"`
	Available       float64 `json:"available"`
	Current         float64 `json:"current"`
	Overdraft       float64 `json:"overdraft"`
	UpdateTimestamp string  `json:"update_timestamp"`
}

// handleBalance serves GET {api}/data/v1/accounts/{account_id}/balance.
func (h *Handler) handleBalance(w http.ResponseWriter, r *http.Request) {
	acc, ok := h.dataAccount(w, r, "balance")
	if !ok {
		return
	}
	current, overdraft := mockBalance(acc.ID)
	kit.WriteJSON(w, http.StatusOK, succeeded(balanceResult{
		Currency:        "GBP",
		Available:       pounds(current + overdraft),
		Current:         pounds(current),
		Overdraft:       pounds(overdraft),
		UpdateTimestamp: dataTime(h.now()),
	}))
}

// dataAccount authorizes a call about one account (the access token has scope, the user is
// not an error.* user) and returns the account named in the path, or writes the error.
func (h *Handler) dataAccount(w http.ResponseWriter, r *http.Request, scope string) (mockbank.Account, bool) {
	conn, ok := h.authorize(w, r, scope)
	if !ok || failForUser(w, conn) {
		return mockbank.Account{}, false
	}
	id := r.PathValue("account_id")
	acc, found := mockbank.FindAccount(conn.User.AccountsAt(conn.Bank.ID), id)
	if !found {
		writeError(w, accountNotFound(id))
		return mockbank.Account{}, false
	}
	return acc, true
}

// mockBalance is an account's balance and arranged overdraft, in pence: the same for the same
// account id in every sandbox.
func mockBalance(accountID string) (current, overdraft int64) {
	n := mockNumber("balance", accountID)
	overdrafts := []int64{0, 25000, 50000, 100000}
	return 10000 + int64(n%490000), overdrafts[(n>>32)%uint64(len(overdrafts))]
}

// mockNumber is a number derived from the parts alone, for deterministic mock data.
func mockNumber(parts ...string) uint64 { return binary.BigEndian.Uint64(mockHash(parts)) }

// mockHex is 32 hex digits derived from the parts alone, for deterministic mock ids.
func mockHex(parts ...string) string { return hex.EncodeToString(mockHash(parts)[:16]) }

// mockHash hashes the parts; the hashed text is fixed: changing it changes every mock amount.
func mockHash(parts []string) []byte {
	sum := sha256.New()
	sum.Write([]byte("linkstep-sandbox/truelayer"))
	for _, p := range parts {
		sum.Write([]byte{'|'})
		sum.Write([]byte(p))
	}
	return sum.Sum(nil)
}

// pounds turns pence into a number of pounds.
func pounds(pence int64) float64 { return float64(pence) / 100 }
