package oneid

import (
	"fmt"
	"sort"
	"strings"
)

// redirectErrorPrefix starts OneID's detailed redirect error values.
const redirectErrorPrefix = "OneID.OIDC.Redirect."

// ExplainRedirectError says in plain words what a redirect's error_oneid (or oneid_error)
// value means, or "" for a value this client does not know (show it verbatim).
func ExplainRedirectError(value string) string {
	switch strings.TrimPrefix(value, redirectErrorPrefix) {
	case "UserCancelled":
		return "the user cancelled at OneID or at their bank"
	case "SessionExpired":
		return "the OneID session expired (a session lasts 30 minutes): start again"
	case "RequestDenied":
		return "the bank or OneID denied the request"
	case "InvalidRequest":
		return "OneID refused the authorization request as malformed"
	case "BankUnavailable":
		return "the user's bank was not available"
	}
	return ""
}

// FraudCheck is one of OneID's fraud checks, in words.
type FraudCheck struct {
	Name    string // as OneID names it, e.g. nationalSIRAFraud
	Value   string // as returned, e.g. "true" or "0"
	Meaning string // what it means for this identity
	Alert   bool   // the result calls for a closer look
}

// fraudMeaning explains a known check: what it means when raised, and when clear.
func fraudMeaning(name string) ([2]string, bool) {
	m, ok := map[string][2]string{
		"searchPerformed":                               {"a fraud search was run against the identity", "no fraud search was run: the other checks say nothing"},
		"activityHistoryScore":                          {"activity history score: unusual activity was found for this identity", "activity history score: nothing unusual found"},
		"identityFraudScore":                            {"identity fraud score: signs that the identity is being misused", "identity fraud score: no signs of misuse"},
		"nationalSIRAFraud":                             {"listed in National SIRA as connected to fraud", "not listed in National SIRA as connected to fraud"},
		"nationalSIRAVictim":                            {"listed in National SIRA as a victim of fraud: the identity may be used by someone else", "not listed in National SIRA as a victim of fraud"},
		"disclosureOfDeathRegistrationInformationMatch": {"matches a death registration: the person may be deceased", "does not match a death registration"},
		"amberhillMatch":                                {"matches Amberhill, the police database of false identities", "does not match Amberhill, the police database of false identities"},
		"noMatch":                                       {"the identity could not be matched in the fraud databases", "the identity was matched in the fraud databases"},
	}[name]
	return m, ok
}

// fraudOrder is the order the known checks are listed in; unknown ones follow, sorted by name.
func fraudOrder() []string {
	return []string{"searchPerformed", "nationalSIRAFraud", "nationalSIRAVictim", "disclosureOfDeathRegistrationInformationMatch",
		"amberhillMatch", "identityFraudScore", "activityHistoryScore", "noMatch"}
}

// ExplainFraud puts OneID's fraud block into words, known checks first; an unknown check is
// shown with its value and no guess at its meaning.
func ExplainFraud(fraud map[string]any) []FraudCheck {
	var out []FraudCheck
	seen := map[string]bool{}
	for _, name := range fraudOrder() {
		if v, ok := fraud[name]; ok {
			out = append(out, explainCheck(name, v))
			seen[name] = true
		}
	}
	var rest []string
	for name := range fraud {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	for _, name := range rest {
		out = append(out, FraudCheck{Name: name, Value: fmt.Sprint(fraud[name]), Meaning: "not known to linkstep: shown as returned"})
	}
	return out
}

// explainCheck explains one known check.
func explainCheck(name string, v any) FraudCheck {
	m, _ := fraudMeaning(name)
	c := FraudCheck{Name: name, Value: fmt.Sprint(v)}
	raised := false
	switch v := v.(type) {
	case bool:
		raised = v
	case float64:
		raised = v > 0
	}
	switch {
	case name == "searchPerformed":
		c.Meaning, c.Alert = m[0], !raised
		if !raised {
			c.Meaning = m[1]
		}
	case raised:
		c.Meaning, c.Alert = m[0], true
	default:
		c.Meaning = m[1]
	}
	return c
}
