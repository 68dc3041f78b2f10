package ui

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/linkstep/linkstep/providers/transcript"
)

// jwtTimeClaims are the NumericDate claims shown as dates, each with its words.
var jwtTimeClaims = map[string]func(at, now time.Time) string{
	"exp":       jwtExpiryWords,
	"iat":       func(at, now time.Time) string { return "issued " + agoWords(at, now) },
	"nbf":       func(at, now time.Time) string { return "valid " + fromWords(at, now) },
	"auth_time": func(at, now time.Time) string { return "signed in " + agoWords(at, now) },
}

// jwtView lays out a JWT an exchange carried: where it was, its header and claims decoded
// (they are not secret), its expiry in words, and the token and its signature masked unless
// revealed. The signature is not checked here, and the view says so.
func jwtView(st Styles, m masker, width int, j transcript.JWT, revealed bool, now time.Time) string {
	var fields []field
	for _, c := range j.Header {
		fields = append(fields, field{label: c.Name, value: claimText(c.Value)})
	}
	head := tableWith(st, width, labelWidthOf(j), fields)
	fields = fields[:0]
	for _, c := range j.Claims {
		v := claimText(m.claim(c.Name, c.Value))
		if words, ok := jwtTimeClaims[c.Name]; ok {
			if at, ok := j.Time(c.Name); ok {
				v += " · " + words(at, now) + " · " + at.Format("02 Jan 2006 15:04:05 MST")
			}
		}
		fields = append(fields, field{label: c.Name, value: v})
	}
	claims := tableWith(st, width, labelWidthOf(j), fields)
	token, sig := transcript.Mask(j.Raw), transcript.Mask(j.Signature)
	if revealed {
		token, sig = j.Raw, j.Signature
	}
	secrets := tableWith(st, width, labelWidthOf(j), []field{{label: "signature", value: sig}, {label: "token", value: token}})
	return strings.Join([]string{
		st.Section.Render(truncate("JWT in the "+j.Where, width)),
		st.Muted.Render(truncate("decoded for reading; signature not checked here", width)),
		st.Label.Render("header"),
		head,
		st.Label.Render("claims"),
		claims,
		secrets,
	}, "\n")
}

// labelWidthOf is the widest member name of j, and at least the width of "signature".
func labelWidthOf(j transcript.JWT) int {
	w := len("signature")
	for _, c := range append(append([]transcript.Claim(nil), j.Header...), j.Claims...) {
		w = max(w, len(c.Name))
	}
	return min(w, 16)
}

// claimText is a claim's value for reading: a string without its quotes, anything else as
// compact JSON.
func claimText(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	return string(v)
}

// jwtExpiryWords says when a token expires, or expired, from now: "expires in 4 minutes",
// "expired 2 hours ago".
func jwtExpiryWords(at, now time.Time) string {
	if at.After(now) {
		return "expires in " + shortSpan(at.Sub(now))
	}
	return "expired " + shortSpan(now.Sub(at)) + " ago"
}

// agoWords says how long before now at was: "2 minutes ago", or "in 3 minutes" for a time
// ahead (a clock out of step).
func agoWords(at, now time.Time) string {
	if at.After(now) {
		return "in " + shortSpan(at.Sub(now))
	}
	return shortSpan(now.Sub(at)) + " ago"
}

// fromWords says when a token becomes valid: "since 2 minutes ago", "in 3 minutes".
func fromWords(at, now time.Time) string {
	if at.After(now) {
		return "in " + shortSpan(at.Sub(now))
	}
	return "since " + shortSpan(now.Sub(at)) + " ago"
}

// shortSpan says how long d is in the unit a token's lifetime is counted in: "under a
// minute", "4 minutes", "2 hours", "3 days".
func shortSpan(d time.Duration) string {
	d = d.Abs()
	switch minutes := int(d.Round(time.Minute) / time.Minute); {
	case d < 30*time.Second:
		return "under a minute"
	case minutes < 60:
		return plural(minutes, "minute")
	case minutes < 48*60:
		return plural(int(d.Round(time.Hour)/time.Hour), "hour")
	default:
		return plural(int(d.Round(24*time.Hour)/(24*time.Hour)), "day")
	}
}
