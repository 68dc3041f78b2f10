package truelayer

import (
	"net/http"
	"strings"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// dataTimeLayout is how the Data API writes timestamps: UTC with milliseconds.
const dataTimeLayout = "2006-01-02T15:04:05.000Z"

// dataEnvelope is the Data API v1 envelope.
type dataEnvelope struct {
	Results []any  `json:"results"`
	Status  string `json:"status"`
}

// dataProvider is the provider object of /me and /accounts.
type dataProvider struct {
	DisplayName string `json:"display_name"`
	LogoURI     string `json:"logo_uri"`
	ProviderID  string `json:"provider_id"`
}

// meResult is the result of GET /data/v1/me.
type meResult struct {
	ClientID         string       `json:"client_id"`
	CredentialsID    string       `json:"credentials_id"`
	ConsentCreatedAt string       `json:"consent_created_at"`
	ConsentExpiresAt string       `json:"consent_expires_at"`
	Provider         dataProvider `json:"provider"`
}

// infoResult is the result of GET /data/v1/info.
type infoResult struct {
	FullName        string        `json:"full_name"`
	DateOfBirth     string        `json:"date_of_birth"`
	Emails          []string      `json:"emails"`
	Phones          []string      `json:"phones"`
	Addresses       []infoAddress `json:"addresses"`
	UpdateTimestamp string        `json:"update_timestamp"`
}

// infoAddress is one address of /data/v1/info.
type infoAddress struct {
	Address string `json:"address"`
	City    string `json:"city"`
	State   string `json:"state"`
	Zip     string `json:"zip"`
	Country string `json:"country"`
}

// accountResult is one result of GET /data/v1/accounts.
type accountResult struct {
	UpdateTimestamp string        `json:"update_timestamp"`
	AccountID       string        `json:"account_id"`
	AccountType     string        `json:"account_type"`
	DisplayName     string        `json:"display_name"`
	Currency        string        `json:"currency"`
	AccountNumber   accountNumber `json:"account_number"`
	Provider        dataProvider  `json:"provider"`
}

// accountNumber identifies an account of /data/v1/accounts.
type accountNumber struct {
	IBAN     string `json:"iban"`
	Number   string `json:"number"`
	SortCode string `json:"sort_code"`
	SwiftBIC string `json:"swift_bic"`
}

// handleMe serves GET {api}/data/v1/me: the connection's metadata. It describes the connection
// rather than the bank's data, so it answers for the error.* users too.
func (h *Handler) handleMe(w http.ResponseWriter, r *http.Request) {
	conn, ok := h.authorize(w, r, "")
	if !ok {
		return
	}
	kit.WriteJSON(w, http.StatusOK, succeeded(meResult{
		ClientID:         conn.ClientID,
		CredentialsID:    conn.CredentialsID,
		ConsentCreatedAt: dataTime(conn.ConsentCreatedAt),
		ConsentExpiresAt: dataTime(conn.ExpiresAt),
		Provider:         h.dataProvider(r, conn.Bank),
	}))
}

// handleInfo serves GET {api}/data/v1/info: the account holder's identity.
func (h *Handler) handleInfo(w http.ResponseWriter, r *http.Request) {
	conn, ok := h.authorize(w, r, "info")
	if !ok || failForUser(w, conn) {
		return
	}
	p := conn.User.Person
	kit.WriteJSON(w, http.StatusOK, succeeded(infoResult{
		FullName:    p.FullName(),
		DateOfBirth: p.DateOfBirth + "T00:00:00+00:00",
		Emails:      []string{p.Email},
		Phones:      []string{p.Phone},
		Addresses: []infoAddress{{
			Address: strings.Join([]string{p.Address.Line1, p.Address.Line2}, ", "),
			City:    p.Address.City,
			State:   p.Address.State,
			Zip:     p.Address.Zip,
			Country: p.Address.CountryCode,
		}},
		UpdateTimestamp: dataTime(h.now()),
	}))
}

// handleAccounts serves GET {api}/data/v1/accounts.
func (h *Handler) handleAccounts(w http.ResponseWriter, r *http.Request) {
	conn, ok := h.authorize(w, r, "accounts")
	if !ok || failForUser(w, conn) {
		return
	}
	accounts := conn.User.AccountsAt(conn.Bank.ID)
	results := make([]any, len(accounts))
	for i, a := range accounts {
		results[i] = h.accountResult(r, conn, a)
	}
	kit.WriteJSON(w, http.StatusOK, dataEnvelope{Results: results, Status: "Succeeded"})
}

// handleAccount serves GET {api}/data/v1/accounts/{account_id}.
func (h *Handler) handleAccount(w http.ResponseWriter, r *http.Request) {
	conn, ok := h.authorize(w, r, "accounts")
	if !ok || failForUser(w, conn) {
		return
	}
	id := r.PathValue("account_id")
	a, found := mockbank.FindAccount(conn.User.AccountsAt(conn.Bank.ID), id)
	if !found {
		writeError(w, accountNotFound(id))
		return
	}
	kit.WriteJSON(w, http.StatusOK, succeeded(h.accountResult(r, conn, a)))
}

// accountResult is a mock account as /data/v1/accounts shows it.
func (h *Handler) accountResult(r *http.Request, conn connection, a mockbank.Account) accountResult {
	return accountResult{
		UpdateTimestamp: dataTime(h.now()),
		AccountID:       a.ID,
		AccountType:     "TRANSACTION",
		DisplayName:     a.DisplayName,
		Currency:        "GBP",
		AccountNumber:   accountNumber{IBAN: a.IBAN, Number: a.Number, SortCode: a.SortCode, SwiftBIC: a.SwiftBIC},
		Provider:        h.dataProvider(r, conn.Bank),
	}
}

// dataProvider is the bank as the Data API describes it, with an absolute logo URI.
func (h *Handler) dataProvider(r *http.Request, b Bank) dataProvider {
	logo := h.bankView(b).LogoURL
	if strings.HasPrefix(logo, "/") {
		logo = kit.BaseURL(r) + logo
	}
	return dataProvider{DisplayName: b.Name, LogoURI: logo, ProviderID: b.ID}
}

// succeeded wraps one result in the Data API envelope.
func succeeded(result any) dataEnvelope {
	return dataEnvelope{Results: []any{result}, Status: "Succeeded"}
}

// dataTime formats t as the Data API does.
func dataTime(t time.Time) string { return t.UTC().Format(dataTimeLayout) }
