package truelayer

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// Bounds of a transactions query.
const (
	dateLayout               = "2006-01-02"
	defaultTransactionMonths = 3         // months before to, when from is not given
	maxTransactionsDays      = 2*366 + 1 // the longest range a query may ask for
)

// transactionResult is one result of GET /data/v1/accounts/{account_id}/transactions; a
// debit's amount is negative.
type transactionResult struct {
	TransactionID       string  `json:"transaction_id"`
	Timestamp           string  `json:"timestamp"`
	Description         string  `json:"description"`
	TransactionType     string  `json:"transaction_type"`
	TransactionCategory string  `json:"transaction_category"`
	Amount              float64 `json:"amount"`
	Currency            string  `json:"currency"`
}

// monthlyItem is a kind of transaction a mock account has in a month.
type monthlyItem struct {
	description, category string
	credit                bool
	day                   int   // day of the month; 0 picks one from the account and month
	minPence, maxPence    int64 // the amount's range
	every                 int   // 1 in every months; 0 or 1 means every month
}

// monthlyItems are a mock account's transactions of a month: a handful, the same for the same
// account and month.
func monthlyItems() []monthlyItem {
	return []monthlyItem{
		{description: "SALARY EXAMPLE LTD", category: "CREDIT", credit: true, day: 25, minPence: 180000, maxPence: 260000},
		{description: "STANDING ORDER RENT", category: "STANDING_ORDER", day: 1, minPence: 65000, maxPence: 120000},
		{description: "DIRECT DEBIT ACME ENERGY", category: "DIRECT_DEBIT", day: 7, minPence: 4000, maxPence: 12000},
		{description: "CORNER GROCERY", category: "PURCHASE", minPence: 1200, maxPence: 9000},
		{description: "HIGH STREET CAFE", category: "PURCHASE", minPence: 250, maxPence: 900},
		{description: "CASH WITHDRAWAL", category: "ATM", minPence: 2000, maxPence: 10000, every: 2},
		{description: "INTEREST PAID", category: "INTEREST", credit: true, day: 28, minPence: 1, maxPence: 150, every: 3},
	}
}

// handleTransactions serves GET {api}/data/v1/accounts/{account_id}/transactions
// [?from=YYYY-MM-DD&to=YYYY-MM-DD]: the account's transactions in the range (both ends
// included, none after today), newest first.
func (h *Handler) handleTransactions(w http.ResponseWriter, r *http.Request) {
	acc, ok := h.dataAccount(w, r, "transactions")
	if !ok {
		return
	}
	now := h.now().UTC()
	from, to, e := transactionRange(r, now)
	if e != nil {
		writeError(w, e)
		return
	}
	if today := civilDate(now); to.After(today) {
		to = today
	}
	results := []any{}
	for _, t := range mockTransactions(acc.ID, from, to) {
		results = append(results, t)
	}
	kit.WriteJSON(w, http.StatusOK, dataEnvelope{Results: results, Status: "Succeeded"})
}

// transactionRange reads from and to (dates, or RFC 3339 times cut to their date): to defaults
// to today and from to three months before to.
func transactionRange(r *http.Request, now time.Time) (from, to time.Time, e *apiError) {
	q := r.URL.Query()
	to = civilDate(now)
	if v := q.Get("to"); v != "" {
		if to, e = parseQueryDate("to", v); e != nil {
			return time.Time{}, time.Time{}, e
		}
	}
	from = to.AddDate(0, -defaultTransactionMonths, 0)
	if v := q.Get("from"); v != "" {
		if from, e = parseQueryDate("from", v); e != nil {
			return time.Time{}, time.Time{}, e
		}
	}
	switch {
	case from.After(to):
		return time.Time{}, time.Time{}, validationError("from must not be after to.")
	case to.Sub(from) > maxTransactionsDays*24*time.Hour:
		return time.Time{}, time.Time{}, validationError("The range from " + from.Format(dateLayout) + " to " +
			to.Format(dateLayout) + " is too long: ask for at most two years at a time.")
	}
	return from, to, nil
}

// parseQueryDate reads a date parameter.
func parseQueryDate(name, v string) (time.Time, *apiError) {
	if d, err := time.Parse(dateLayout, v); err == nil {
		return d, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return civilDate(t.UTC()), nil
	}
	return time.Time{}, validationError(fmt.Sprintf("%s must be a date, YYYY-MM-DD (or an RFC 3339 time), not %q.", name, v))
}

// civilDate is t's date at midnight UTC.
func civilDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// mockTransactions are the account's transactions dated from from to to, newest first: the
// same for the same account and dates in every sandbox.
func mockTransactions(accountID string, from, to time.Time) []transactionResult {
	var out []transactionResult
	for month := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !month.After(to); month = month.AddDate(0, 1, 0) {
		key := month.Format("2006-01")
		last := month.AddDate(0, 1, -1).Day()
		monthIndex := month.Year()*12 + int(month.Month())
		for i, item := range monthlyItems() {
			if item.every > 1 && monthIndex%item.every != int(mockNumber("every", accountID, key, strconv.Itoa(i))%uint64(item.every)) {
				continue
			}
			n := mockNumber("transaction", accountID, key, strconv.Itoa(i))
			day := item.day
			if day == 0 {
				day = 1 + int(n%28)
			}
			date := month.AddDate(0, 0, min(day, last)-1)
			if date.Before(from) || date.After(to) {
				continue
			}
			pence := item.minPence + int64((n>>16)%uint64(item.maxPence-item.minPence+1))
			kind := "CREDIT"
			if !item.credit {
				kind, pence = "DEBIT", -pence
			}
			out = append(out, transactionResult{
				TransactionID:       mockHex("transaction-id", accountID, key, strconv.Itoa(i)),
				Timestamp:           date.Format("2006-01-02T15:04:05-07:00"),
				Description:         item.description,
				TransactionType:     kind,
				TransactionCategory: item.category,
				Amount:              pounds(pence),
				Currency:            "GBP",
			})
		}
	}
	slices.SortStableFunc(out, func(a, b transactionResult) int {
		return cmp.Or(strings.Compare(b.Timestamp, a.Timestamp), strings.Compare(a.TransactionID, b.TransactionID))
	})
	return out
}
