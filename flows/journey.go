package flows

import (
	"context"
	"encoding/json"
	"time"
)

// Journey is one onboarding journey of one provider, e.g. "truelayer/signup-plus".
type Journey interface {
	// Info names and describes the journey.
	Info() Info
	// Run walks the journey, asking a for whatever it needs from a person.
	Run(ctx context.Context, a Asker) (Result, error)
}

// Field is one labelled value of a result, in the order a person should read them.
type Field struct {
	Label string
	Value string
}

// Result is what a journey verified, for the result screen and the headless output.
type Result struct {
	Journey          string
	Provider         string
	Environment      string
	ConnectionID     string
	Bank             string // the bank's id at the provider
	BankName         string // the bank's display name
	AccountID        string
	ConsentExpiresAt time.Time
	Storage          string // where the tokens are kept, e.g. "OS keychain (Secret Service)"
	Fields           []Field
	// FieldsHeading says what Fields are, for a front-end's heading; empty means verified data.
	FieldsHeading string
	// Identity is set by identity journeys (OpenID Connect): the verified identity card.
	Identity *IdentityCard
	// Facts are further facts for scripts, written at the top level of the JSON result (e.g.
	// "credentials_id", "action_needed"); never a secret.
	Facts map[string]any
	// Payload holds provider bodies exactly as returned, by name (e.g. "identity").
	Payload map[string]json.RawMessage
}

// IdentityCard is what an identity provider verified, laid out for a person to check: the
// bank-verified claims, what the user claimed beside them, fraud checks in words, the age
// check, the accounts, and what support needs.
type IdentityCard struct {
	Subject     string
	Issuer      string
	Verified    []Field      // the bank-verified claims, in reading order
	Comparisons []Comparison // verified beside claimed, where the user claimed something
	Fraud       []FraudCheck
	AgeOver18   *bool     // nil when not asked
	Accounts    []Account // with balances when they were asked for
	// IDTokenClaims are the verified ID token's claims, shown on demand.
	IDTokenClaims json.RawMessage
	RequestIDs    []Field // call → x-request-id, for support
	ReportPath    string  // the saved PDF report, when one was made
	ExpiresAt     time.Time
}

// Comparison is one claim as the bank verified it beside what the user typed.
type Comparison struct {
	Label    string
	Verified string
	Claimed  string
	Differs  bool
}

// FraudCheck is one fraud check in words.
type FraudCheck struct {
	Name    string
	Value   string
	Meaning string
	Alert   bool // calls for a closer look
}

// MarshalJSON writes the result flat: the journey's facts, then each payload under its name.
func (r Result) MarshalJSON() ([]byte, error) {
	out := map[string]any{
		"journey":       r.Journey,
		"provider":      r.Provider,
		"environment":   r.Environment,
		"connection_id": r.ConnectionID,
		"storage":       r.Storage,
	}
	if r.Bank != "" {
		out["bank"] = r.Bank
	}
	if r.BankName != "" {
		out["bank_name"] = r.BankName
	}
	if r.AccountID != "" {
		out["account_id"] = r.AccountID
	}
	if !r.ConsentExpiresAt.IsZero() {
		out["consent_expires_at"] = r.ConsentExpiresAt.UTC().Format(time.RFC3339)
	}
	if r.Identity != nil && r.Identity.ReportPath != "" {
		out["report"] = r.Identity.ReportPath
	}
	for name, v := range r.Facts {
		out[name] = v
	}
	for name, body := range r.Payload {
		out[name] = body
	}
	return json.Marshal(out)
}
