package ivy

import (
	"encoding/json"
	"slices"
	"time"
)

// sessionView is a data session as the API answers it (create, details, the webhook's payload),
// written out as the documentation shows it; times are epoch seconds.
type sessionView struct {
	ID                   string            `json:"id"`
	ReferenceID          string            `json:"referenceId"`
	RedirectURL          string            `json:"redirectUrl"`
	Status               string            `json:"status"`
	CreatedAt            int64             `json:"createdAt"`
	UpdatedAt            int64             `json:"updatedAt"`
	ExpiresAt            int64             `json:"expiresAt"`
	Market               string            `json:"market"`
	Locale               string            `json:"locale"`
	Permissions          []string          `json:"permissions"`
	ExternalUser         *externalUserView `json:"externalUser,omitempty"`
	Prefill              *prefillView      `json:"prefill,omitempty"`
	DisableBankSelection bool              `json:"disableBankSelection"`
	SuccessCallbackURL   string            `json:"successCallbackUrl,omitempty"`
	ErrorCallbackURL     string            `json:"errorCallbackUrl,omitempty"`
	ResultCallbackURL    string            `json:"resultCallbackUrl,omitempty"`
	Metadata             json.RawMessage   `json:"metadata,omitempty"`
	Error                *errorBody        `json:"error,omitempty"` // why a closed session failed
}

// externalUserView is the session's external user as the API answers it.
type externalUserView struct {
	Email       string          `json:"email,omitempty"`
	ReferenceID string          `json:"referenceId,omitempty"`
	Phone       string          `json:"phone,omitempty"`
	Metadata    json.RawMessage `json:"metadata,omitempty"`
}

// prefillView is what the session was created to prefill.
type prefillView struct {
	BankID string `json:"bankId"`
}

// view is the session as the API answers it at now; redirectURL is where its pages start.
func (s *session) view(now time.Time, redirectURL string) sessionView {
	v := sessionView{
		ID: s.ID, ReferenceID: s.ReferenceID, RedirectURL: redirectURL, Status: s.status(now),
		CreatedAt: s.CreatedAt.Unix(), UpdatedAt: s.UpdatedAt.Unix(), ExpiresAt: s.ExpiresAt.Unix(),
		Market: s.Market, Locale: s.Locale, Permissions: slices.Clone(s.Permissions),
		DisableBankSelection: s.DisableBankSelection,
		SuccessCallbackURL:   s.SuccessURL, ErrorCallbackURL: s.ErrorURL, ResultCallbackURL: s.ResultURL,
		Metadata: s.Metadata,
	}
	if u := s.ExternalUser; u != (externalUser{}) || len(s.UserMetadata) > 0 {
		v.ExternalUser = &externalUserView{Email: u.Email, ReferenceID: u.ReferenceID, Phone: u.Phone, Metadata: s.UserMetadata}
	}
	if s.PrefillBankID != "" {
		v.Prefill = &prefillView{BankID: s.PrefillBankID}
	}
	if s.Failure != nil {
		v.Error = &errorBody{Code: s.Failure.Code, Message: s.Failure.Message}
	}
	return v
}

// accountView is one account of accounts/list, as documented.
type accountView struct {
	ID               string                 `json:"id"`
	BankID           string                 `json:"bankId"`
	BankName         string                 `json:"bankName"`
	Currency         string                 `json:"currency"`
	AccountName      string                 `json:"accountName"`
	FinancialAddress []financialAddressView `json:"financialAddress"`
}

// financialAddressView is one way to pay an account: an IBAN, or a UK sort code and number.
type financialAddressView struct {
	Type     string        `json:"type"` // iban or sort_code
	IBAN     *ibanView     `json:"iban,omitempty"`
	SortCode *sortCodeView `json:"sortCode,omitempty"`
}

// ibanView is an IBAN financial address.
type ibanView struct {
	IBAN              string `json:"iban"`
	BIC               string `json:"bic"`
	AccountHolderName string `json:"accountHolderName"`
}

// sortCodeView is a UK sort code financial address.
type sortCodeView struct {
	AccountNumber     string `json:"accountNumber"`
	SortCode          string `json:"sortCode"`
	AccountHolderName string `json:"accountHolderName"`
}

// accountsView is the answer of accounts/list.
type accountsView struct {
	Accounts []accountView `json:"accounts"`
}

// accountsOf lays a completed session's accounts out for accounts/list.
func accountsOf(s *record) accountsView {
	out := accountsView{Accounts: make([]accountView, 0, len(s.Accounts))}
	for _, a := range s.Accounts {
		v := accountView{ID: a.ID, BankID: s.Bank.ID, BankName: s.Bank.Name, Currency: a.Currency, AccountName: a.Name,
			FinancialAddress: []financialAddressView{{Type: "iban", IBAN: &ibanView{IBAN: a.IBAN, BIC: a.BIC, AccountHolderName: a.HolderName}}}}
		if a.SortCode != "" {
			v.FinancialAddress = append(v.FinancialAddress, financialAddressView{Type: "sort_code",
				SortCode: &sortCodeView{AccountNumber: a.AccountNumber, SortCode: a.SortCode, AccountHolderName: a.HolderName}})
		}
		out.Accounts = append(out.Accounts, v)
	}
	return out
}

// balanceView is one balance of account-balances/list; amounts are strings, as documented.
type balanceView struct {
	AccountID string `json:"accountId"`
	Available string `json:"available"`
	Current   string `json:"current"`
	Currency  string `json:"currency"`
	Timestamp int64  `json:"timestamp"` // epoch seconds: when the session read them
}

// balancesView is the answer of account-balances/list.
type balancesView struct {
	Balances []balanceView `json:"balances"`
}

// balancesOf lays a completed session's balances out, as read when it completed.
func balancesOf(s *record) balancesView {
	out := balancesView{Balances: make([]balanceView, 0, len(s.Accounts))}
	for _, a := range s.Accounts {
		out.Balances = append(out.Balances, balanceView{AccountID: a.ID, Available: a.Available, Current: a.Current,
			Currency: a.Currency, Timestamp: s.ClosedAt.Unix()})
	}
	return out
}

// consentView is the answer of consent/details and consent/revoke.
type consentView struct {
	SessionID   string   `json:"sessionId"`
	Status      string   `json:"status"` // created, authorised, expired, revoked or failed
	Permissions []string `json:"permissions"`
	ExpiresAt   int64    `json:"expiresAt"`
}

// consentOf is the session's consent at now.
func consentOf(s *record, now time.Time) consentView {
	return consentView{SessionID: s.ID, Status: s.consentStatus(now), Permissions: slices.Clone(s.Permissions),
		ExpiresAt: s.consentExpiry().Unix()}
}

// pastSessionView is one session of a user's list, in the recurring-users guide's shape.
type pastSessionView struct {
	ID          string        `json:"id"`
	ReferenceID string        `json:"referenceId"`
	Status      string        `json:"status"` // complete, failed, open or expired
	Data        *pastDataView `json:"data,omitempty"`
}

// pastDataView is what a completed session gathered; identity only with that permission.
type pastDataView struct {
	BankName string            `json:"bankName"`
	Identity *identity         `json:"identity,omitempty"`
	Accounts []pastAccountView `json:"accounts"`
}

// pastAccountView is one account of a user's past session.
type pastAccountView struct {
	Name       string         `json:"name"`
	Identifier identifierView `json:"identifier"`
	Type       string         `json:"type"`
}

// identifierView names an account by its IBAN, BBAN and BIC.
type identifierView struct {
	IBAN struct {
		IBAN string `json:"iban"`
		BBAN string `json:"bban"`
		BIC  string `json:"bic"`
	} `json:"iban"`
}

// listView is the answer of session/list.
type listView struct {
	DataSessions []pastSessionView `json:"dataSessions"`
}

// pastSessionOf lays a session out for a user's list at now.
func pastSessionOf(s *record, now time.Time) pastSessionView {
	v := pastSessionView{ID: s.ID, ReferenceID: s.ReferenceID, Status: s.listStatus(now)}
	if s.Phase != phaseCompleted {
		return v
	}
	d := &pastDataView{BankName: s.Bank.Name, Accounts: make([]pastAccountView, 0, len(s.Accounts))}
	if s.granted(permIdentity) && s.Identity != nil {
		id := *s.Identity
		d.Identity = &id
	}
	for _, a := range s.Accounts {
		pa := pastAccountView{Name: a.Name, Type: a.Type}
		pa.Identifier.IBAN.IBAN, pa.Identifier.IBAN.BBAN, pa.Identifier.IBAN.BIC = a.IBAN, a.BBAN, a.BIC
		d.Accounts = append(d.Accounts, pa)
	}
	v.Data = d
	return v
}
