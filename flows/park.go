package flows

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/linkstep/linkstep/keychain"
)

// parkedLinkLifetime is how long a parked auth link can still be finished.
const parkedLinkLifetime = time.Hour

// parkedLink is what finishing an auth link in a later run needs. The PKCE verifier is a
// secret, so it lives in the keychain.
type parkedLink struct {
	State       string    `json:"state"`
	Verifier    string    `json:"verifier"`
	RedirectURI string    `json:"redirect_uri"`
	Created     time.Time `json:"created"`
}

// ErrNothingParked means a redirect was given for an earlier run's link, but none is waiting.
var ErrNothingParked = &Error{Code: "no_pending_link", Description: "no auth link from an earlier run is waiting to be finished: run without --redirect-url first, open the link it prints, then pass the redirect"}

func parkKey(journey string, d *Deps) string {
	return "pending/" + journey + "/" + d.Env.String()
}

// park keeps p so that a later run of the journey can finish it.
func (d *Deps) park(ctx context.Context, journey string, p linkParams) error {
	b, err := json.Marshal(parkedLink{State: p.State, Verifier: p.Verifier, RedirectURI: p.RedirectURI, Created: d.now()})
	if err != nil {
		return err
	}
	if err := d.Store.Set(ctx, parkKey(journey, d), string(b)); err != nil {
		return fmt.Errorf("keep the auth link for a later run: %w", err)
	}
	return nil
}

// unpark takes the link an earlier run parked, checks r against it, and forgets it.
func (d *Deps) unpark(ctx context.Context, journey string, r Redirect) (authorisation, error) {
	key := parkKey(journey, d)
	raw, err := d.Store.Get(ctx, key)
	if errors.Is(err, keychain.ErrNotFound) {
		return authorisation{}, ErrNothingParked
	}
	if err != nil {
		return authorisation{}, fmt.Errorf("read the parked auth link: %w", err)
	}
	var link parkedLink
	if err := json.Unmarshal([]byte(raw), &link); err != nil {
		_ = d.Store.Delete(ctx, key)
		return authorisation{}, fmt.Errorf("read the parked auth link: %w", err)
	}
	if d.now().Sub(link.Created) > parkedLinkLifetime {
		_ = d.Store.Delete(ctx, key)
		return authorisation{}, &Error{Code: "pending_link_expired", Description: "the auth link of the earlier run is over an hour old: start again without --redirect-url"}
	}
	if err := r.Check(link.State); err != nil {
		return authorisation{}, err
	}
	_ = d.Store.Delete(ctx, key) // a code is single use; so is its link
	return authorisation{Code: r.Code, RedirectURI: link.RedirectURI, Verifier: link.Verifier}, nil
}
