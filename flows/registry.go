package flows

import (
	"fmt"
	"strings"
)

// Info describes a journey without building it: enough to list it and pick it.
type Info struct {
	ID       string // "truelayer/signup-plus"
	Provider string // the provider's display name, "TrueLayer"
	Title    string // "TrueLayer Signup+"
	Summary  string // one line on what it does
}

// Parts are what journeys are built from: the part every journey uses and one part per
// provider. A provider's part is nil where that provider is not configured; Missing then says
// why, by provider id.
type Parts struct {
	Common    Common
	TrueLayer *TrueLayer
	OneID     *OneID
	Ivy       *Ivy
	Missing   map[string]error
}

// entry is one journey of the registry: its info and how to build it from Parts.
type entry struct {
	info  Info
	build func(Parts) (Journey, error)
}

// registry lists every journey, in the order the picker shows them. Adding a journey adds
// one line here and its own file.
func registry() []entry {
	return []entry{
		signupPlusEntry(),
		extendEntry(),
		reauthEntry(),
		oneIDIdentityEntry(),
		anyIssuerIdentityEntry(),
		ivyDataSessionEntry(),
		ivyReturningUserEntry(),
	}
}

// Journeys lists every journey's info, without building anything.
func Journeys() []Info {
	var infos []Info
	for _, e := range registry() {
		infos = append(infos, e.info)
	}
	return infos
}

// JourneyIDs lists every journey's id.
func JourneyIDs() []string {
	var ids []string
	for _, e := range registry() {
		ids = append(ids, e.info.ID)
	}
	return ids
}

// ErrUnknownJourney means no journey has the id asked for.
const ErrUnknownJourney = sentinel("unknown journey")

// Build builds the journey with the id from p; it fails with ErrUnknownJourney, or with the
// reason the journey's provider is not configured.
func Build(id string, p Parts) (Journey, error) {
	for _, e := range registry() {
		if e.info.ID == id {
			return e.build(p)
		}
	}
	return nil, fmt.Errorf("%w %q: one of %s", ErrUnknownJourney, id, strings.Join(JourneyIDs(), ", "))
}

// missing is why the provider's part is absent.
func (p Parts) missing(provider string) error {
	if err := p.Missing[provider]; err != nil {
		return err
	}
	return fmt.Errorf("%s is not configured in this environment", provider)
}
