package oauthlink

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/linkstep/linkstep/keychain"
)

// ParkedLinkLifetime is how long a parked auth link can still be finished.
const ParkedLinkLifetime = time.Hour

// parkedLink is what finishing an auth link in a later run needs. The PKCE verifier is a
// secret, so it lives in the keychain.
type parkedLink struct {
	State       string    `json:"state"`
	Verifier    string    `json:"verifier"`
	Nonce       string    `json:"nonce,omitempty"`
	RedirectURI string    `json:"redirect_uri"`
	Created     time.Time `json:"created"`
}

// ParkKey names the parked link of a journey in an environment.
func ParkKey(journey, environment string) string {
	return "pending/" + journey + "/" + environment
}

// park keeps p so that a later run of the journey can finish it.
func (f Flow) park(ctx context.Context, p Params) error {
	if f.Parking == nil {
		return errors.New("keep the auth link for a later run: no storage to keep it in")
	}
	b, err := json.Marshal(parkedLink{State: p.State, Verifier: p.Verifier, Nonce: p.Nonce, RedirectURI: p.RedirectURI, Created: f.now()})
	if err != nil {
		return err
	}
	if err := f.Parking.Set(ctx, f.ParkKey, string(b)); err != nil {
		return fmt.Errorf("keep the auth link for a later run: %w", err)
	}
	return nil
}

// unpark takes the link an earlier run parked, checks r against it, and forgets it.
func (f Flow) unpark(ctx context.Context, r Redirect) (Authorisation, error) {
	if f.Parking == nil {
		return Authorisation{}, nothingParked()
	}
	raw, err := f.Parking.Get(ctx, f.ParkKey)
	if errors.Is(err, keychain.ErrNotFound) {
		return Authorisation{}, nothingParked()
	}
	if err != nil {
		return Authorisation{}, fmt.Errorf("read the parked auth link: %w", err)
	}
	var link parkedLink
	if err := json.Unmarshal([]byte(raw), &link); err != nil {
		_ = f.Parking.Delete(ctx, f.ParkKey)
		return Authorisation{}, fmt.Errorf("read the parked auth link: %w", err)
	}
	if f.now().Sub(link.Created) > ParkedLinkLifetime {
		_ = f.Parking.Delete(ctx, f.ParkKey)
		return Authorisation{}, failure(ErrParkedLinkExpired, false, "the auth link of the earlier run is over an hour old: start again without --redirect-url")
	}
	if err := r.Check(link.State); err != nil {
		return Authorisation{}, err
	}
	_ = f.Parking.Delete(ctx, f.ParkKey) // a code is single use; so is its link
	return Authorisation{Code: r.Code, RedirectURI: link.RedirectURI, Verifier: link.Verifier, Nonce: link.Nonce, Earlier: true}, nil
}

// nothingParked is the failure of a redirect for an earlier link when none is waiting.
func nothingParked() *Error {
	return failure(ErrNothingParked, false, "no auth link from an earlier run is waiting to be finished: run without --redirect-url first, open the link it prints, then pass the redirect")
}
