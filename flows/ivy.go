package flows

import "github.com/linkstep/linkstep/providers/ivy"

// Ivy is what Ivy's journeys use: the API client of this environment, the secret its result
// webhooks are signed with, and the markets a session can be made for.
type Ivy struct {
	Client        *ivy.Client
	WebhookSecret string
	Markets       []string // the first is the default
}

// ivyPart returns the Ivy part, or why there is none.
func (p Parts) ivyPart() (Ivy, error) {
	if p.Ivy == nil {
		return Ivy{}, p.missing(ivy.ID)
	}
	return *p.Ivy, nil
}
