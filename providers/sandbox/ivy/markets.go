package ivy

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// marketForm is an ISO 3166 country code in upper case.
var marketForm = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Z]{2}$`)
})

// marketCurrencies are the markets the sandbox's Ivy serves (European countries), each with the
// currency its accounts are kept in.
func marketCurrencies() map[string]string {
	m := map[string]string{"GB": "GBP", "CH": "CHF", "LI": "CHF", "CZ": "CZK", "DK": "DKK", "HU": "HUF", "IS": "ISK",
		"NO": "NOK", "PL": "PLN", "RO": "RON", "SE": "SEK"}
	for _, euro := range []string{"AT", "BE", "BG", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT",
		"LU", "LV", "MT", "NL", "PT", "SI", "SK"} {
		m[euro] = "EUR"
	}
	return m
}

// currencyOf is the currency of a market's accounts.
func currencyOf(market string) string {
	if c, ok := marketCurrencies()[market]; ok {
		return c
	}
	return "EUR"
}

// checkMarket refuses a market that is not an upper-case ISO country code Ivy serves.
func checkMarket(market string) *apiError {
	switch {
	case market == "":
		return invalid("market is required: an ISO 3166 country code in upper case, like DE.")
	case !marketForm().MatchString(market):
		return invalid("market %q must be an ISO 3166 country code in upper case, like DE.", market)
	}
	known := marketCurrencies()
	if _, ok := known[market]; !ok {
		return invalid("market %q is not served by the sandbox's Ivy: one of %s.", market,
			strings.Join(slices.Sorted(maps.Keys(known)), ", "))
	}
	return nil
}
