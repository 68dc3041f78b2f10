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
	// Payload holds provider bodies exactly as returned, by name (e.g. "identity").
	Payload map[string]json.RawMessage
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
	for name, body := range r.Payload {
		out[name] = body
	}
	return json.Marshal(out)
}
