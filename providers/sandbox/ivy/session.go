package ivy

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Lifetimes of a session and of the consent it gathers.
const (
	minSessionLifetime     = 30 * time.Minute // documented: expiresAt 30 min to 24 h from now
	maxSessionLifetime     = 24 * time.Hour
	defaultSessionLifetime = time.Hour        // documented default
	clockSkew              = 10 * time.Second // leeway on expiresAt's bounds for the client's clock
	consentLifetime        = 90 * 24 * time.Hour
)

// The permissions a session can ask for, in the order the pages list them.
const (
	permIdentity     = "identity"
	permAccounts     = "accounts"
	permBalances     = "balances"
	permTransactions = "transactions"
)

// allPermissions lists every permission (a fresh slice).
func allPermissions() []string {
	return []string{permIdentity, permAccounts, permBalances, permTransactions}
}

// phase is where a session is: open until the user completes it or it fails. A completed or
// failed session is closed, and only closed ones go into the state file.
type phase string

// The phases of a session.
const (
	phaseOpen      phase = "open"
	phaseCompleted phase = "completed"
	phaseFailed    phase = "failed"
)

// step is the hosted page an open session is at.
type step int

// The hosted pages, in order.
const (
	stepBank step = iota
	stepLogin
	stepConsent
)

// String names the step's page.
func (s step) String() string {
	switch s {
	case stepBank:
		return "bank"
	case stepLogin:
		return "login"
	case stepConsent:
		return "consent"
	}
	return fmt.Sprintf("step(%d)", int(s))
}

// externalUser is who the session is for, known by one or more identifiers.
type externalUser struct {
	Email       string `json:"email,omitempty"`
	ReferenceID string `json:"referenceId,omitempty"`
	Phone       string `json:"phone,omitempty"`
}

// identity is what a completed session learnt of the user.
type identity struct {
	Name        string `json:"name"`
	DateOfBirth string `json:"dateOfBirth"`
}

// bankRef is the bank a session's user signed in at.
type bankRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// account is one account a completed session gathered, with its balance.
type account struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Type          string `json:"type"` // checking or saving
	Currency      string `json:"currency"`
	HolderName    string `json:"holderName"`
	IBAN          string `json:"iban"`
	BBAN          string `json:"bban"`
	BIC           string `json:"bic"`
	SortCode      string `json:"sortCode,omitempty"` // UK accounts
	AccountNumber string `json:"accountNumber,omitempty"`
	Available     string `json:"available"` // major units, two decimals
	Current       string `json:"current"`
}

// failure is why a session failed.
type failure struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// record is the part of a session the state file keeps once it is closed: no callback URLs
// (their state belongs to one run of a client), no metadata, no form token, no secret.
type record struct {
	ID               string       `json:"id"`
	ReferenceID      string       `json:"referenceId"`
	Market           string       `json:"market"`
	Locale           string       `json:"locale"`
	Permissions      []string     `json:"permissions"`
	ExternalUser     externalUser `json:"externalUser"`
	Phase            phase        `json:"phase"`
	CreatedAt        time.Time    `json:"createdAt"`
	UpdatedAt        time.Time    `json:"updatedAt"`
	ExpiresAt        time.Time    `json:"expiresAt"`
	ClosedAt         time.Time    `json:"closedAt,omitzero"`
	Failure          *failure     `json:"failure,omitempty"`
	Bank             *bankRef     `json:"bank,omitempty"`
	Identity         *identity    `json:"identity,omitempty"`
	Accounts         []account    `json:"accounts,omitempty"`
	ConsentExpiresAt time.Time    `json:"consentExpiresAt,omitzero"`
	ConsentRevoked   time.Time    `json:"consentRevokedAt,omitzero"`
}

// session is a data session: its record and what only a running sandbox needs.
type session struct {
	record
	RedirectURL          string
	SuccessURL           string
	ErrorURL             string
	ResultURL            string
	Metadata             json.RawMessage
	UserMetadata         json.RawMessage
	PrefillBankID        string
	DisableBankSelection bool
	FormToken            string
	Step                 step
	Deliveries           []delivery // the result webhook's delivery attempts
}

// closed reports whether the session completed or failed.
func (s *record) closed() bool { return s.Phase == phaseCompleted || s.Phase == phaseFailed }

// expired reports whether the session was still open when it ran out.
func (s *record) expired(now time.Time) bool { return s.Phase == phaseOpen && now.After(s.ExpiresAt) }

// granted reports whether the session was created with the permission.
func (s *record) granted(perm string) bool { return slices.Contains(s.Permissions, perm) }

// status is the session's status as the API says it: open, closed (completed or failed) or
// expired.
func (s *record) status(now time.Time) string {
	switch {
	case s.closed():
		return "closed"
	case s.expired(now):
		return "expired"
	}
	return "open"
}

// listStatus is the session's status in a user's list: complete, failed, open or expired.
func (s *record) listStatus(now time.Time) string {
	switch {
	case s.Phase == phaseCompleted:
		return "complete"
	case s.Phase == phaseFailed:
		return "failed"
	case s.expired(now):
		return "expired"
	}
	return "open"
}

// consentStatus is the consent's status: created while the session is open, authorised once
// completed (until revoked or expired), failed with the session, expired with it.
func (s *record) consentStatus(now time.Time) string {
	switch {
	case s.Phase == phaseFailed:
		return "failed"
	case s.Phase == phaseOpen && s.expired(now):
		return "expired"
	case s.Phase == phaseOpen:
		return "created"
	case !s.ConsentRevoked.IsZero():
		return "revoked"
	case now.After(s.ConsentExpiresAt):
		return "expired"
	}
	return "authorised"
}

// consentExpiry is when the consent ends: its own expiry once authorised, the session's before.
func (s *record) consentExpiry() time.Time {
	if s.Phase == phaseCompleted {
		return s.ConsentExpiresAt
	}
	return s.ExpiresAt
}
