package flows

import (
	"github.com/linkstep/linkstep/providers/ivy"
	"github.com/linkstep/linkstep/providers/oneid"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// keepers lists each provider's keeper of stored connections; adding a provider adds a line.
func keepers(p Parts) []namedKeeper {
	return []namedKeeper{
		{id: truelayer.ID, keeper: trueLayerKeeperOf(p)},
		{id: oneid.ID, keeper: shortLivedKeeper{name: oneid.Name}},
		{id: anyIssuerProvider, keeper: shortLivedKeeper{name: "OpenID provider"}},
		{id: ivy.ID, keeper: ivyKeeperOf(p)},
	}
}
