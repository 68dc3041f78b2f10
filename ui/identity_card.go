package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// identityCard lays out r's identity card width wide and at least height lines tall: the
// provider and the outcome at the top, what to do next (the token's expiry, the report, the ID
// token), the claims verified beside the claims typed, the age and fraud checks, the accounts,
// and what support needs; m masks the personal data.
func identityCard(st Styles, m masker, width, height int, now time.Time, journey string, r flows.Result) string {
	id := r.Identity
	inner := cardInner(st, width)
	parts := []string{cardHead(st, inner, now, id), cardClaims(st, m, inner, id)}
	if checks := cardChecks(st, inner, id); checks != "" {
		parts = append(parts, checks)
	}
	if len(id.Accounts) > 0 {
		parts = append(parts, cardAccounts(st, m, inner, id.Accounts, r.AccountID))
	}
	parts = append(parts, cardSupport(st, inner, r))
	return resultCard(st, width, height, identityTop(journey, r), parts...)
}

// identityTop is the top of the identity card: the identity provider that verified it, and the
// outcome: the claims that differ, else the fraud alerts, else verified.
func identityTop(journey string, r flows.Result) cardTop {
	who := hostOf(r.Bank)
	if r.BankName != "" {
		who = r.BankName + " · " + who
	}
	top := cardTop{bank: who, outcome: "✓ identity verified", journey: journey}
	differ, alerts := 0, 0
	for _, c := range r.Identity.Comparisons {
		if c.Differs {
			differ++
		}
	}
	for _, f := range r.Identity.Fraud {
		if f.Alert {
			alerts++
		}
	}
	switch {
	case differ == 1:
		top.outcome, top.bad = "✗ 1 claim differs", true
	case differ > 1:
		top.outcome, top.bad = fmt.Sprintf("✗ %d claims differ", differ), true
	case alerts > 0:
		top.outcome, top.bad = "⚠ "+plural(alerts, "fraud alert"), true
	}
	return top
}

// hostOf is the host of an issuer URL ("auth.oneid.uk"), or the text as it is.
func hostOf(issuer string) string {
	if u, err := url.Parse(issuer); err == nil && u.Host != "" {
		return u.Host
	}
	return issuer
}

// cardHead is what the user can still do with the result, and for how long.
func cardHead(st Styles, width int, now time.Time, id *flows.IdentityCard) string {
	fields := []field{{"Access token", tokenText(id.ExpiresAt, now)}}
	if id.ReportPath != "" {
		fields = append(fields, field{"Report", id.ReportPath + " · o opens it"})
	}
	fields = append(fields, field{"ID token", "verified · t shows its claims"})
	return table(st, width, fields)
}

// tokenText says honestly how long the access token works: OneID gives no refresh token, and
// linkstep keeps none, so once it expires the user signs in again.
func tokenText(expires, now time.Time) string {
	const after = " — no refresh token: sign in again after"
	switch {
	case expires.IsZero():
		return "expiry not given" + after
	case !expires.After(now):
		return "expired at " + expires.Format("15:04") + " — no refresh token: sign in again"
	default:
		return "expires at " + expires.Format("15:04") + " (" + untilText(expires.Sub(now)) + ")" + after
	}
}

// claimRow is one claim of the card, as the bank verified it and as the user typed it.
type claimRow struct {
	label, verified, claimed string
	compared, differs        bool // the user typed this claim; and it differs
}

// claimRows are the verified claims in reading order, each with what the user typed, then the
// claims the user typed that the bank did not verify; m masks both.
func claimRows(id *flows.IdentityCard, m masker) []claimRow {
	var rows []claimRow
	seen := map[string]bool{}
	for _, f := range id.Verified {
		row := claimRow{label: f.Label, verified: m.field(f.Label, f.Value)}
		for _, c := range id.Comparisons {
			if c.Label == f.Label {
				row.claimed, row.compared, row.differs = m.field(c.Label, c.Claimed), true, c.Differs
			}
		}
		rows = append(rows, row)
		seen[f.Label] = true
	}
	for _, c := range id.Comparisons {
		if !seen[c.Label] {
			rows = append(rows, claimRow{label: c.Label, verified: m.field(c.Label, c.Verified), claimed: m.field(c.Label, c.Claimed), compared: true, differs: c.Differs})
		}
	}
	return rows
}

// cardClaims is the headline of the comparison and the claims side by side, every difference
// marked.
func cardClaims(st Styles, m masker, width int, id *flows.IdentityCard) string {
	rows := claimRows(id, m)
	var compared int
	var differ []string
	for _, r := range rows {
		if r.compared {
			compared++
		}
		if r.differs {
			differ = append(differ, r.label)
		}
	}
	var headline string
	switch {
	case len(differ) > 0:
		verb := "differ"
		if len(differ) == 1 {
			verb = "differs"
		}
		headline = st.Failed.Render(ansi.Wrap(fmt.Sprintf("✗ %d of %d claims the user typed %s from what the bank verified: %s",
			len(differ), compared, verb, strings.Join(differ, ", ")), width, " "))
	case compared > 0:
		headline = st.Success.Render(truncate("✓ every claim the user typed matches what the bank verified", width))
	default:
		headline = st.Muted.Render(truncate("The user typed nothing to compare: this is what the bank verified.", width))
	}
	return st.Section.Render("Identity") + "\n" + headline + "\n\n" + claimsTable(st, width, rows, compared > 0)
}

// claimsTable lays the claims out in columns: the claim, as verified, as typed, and a tag that
// says whether they agree. Without anything typed, the typed column and the tags are left out.
func claimsTable(st Styles, width int, rows []claimRow, compared bool) string {
	lw := len("Claim")
	tw := 0
	for _, r := range rows {
		lw = max(lw, ansi.StringWidth(r.label))
		tw = max(tw, ansi.StringWidth(claimTag(st, r)))
	}
	const gap = "  "
	vw := max(10, width-lw-2)
	if compared {
		vw = max(10, (width-lw-tw-3*len(gap))/2)
	}
	head := padRight("Claim", lw) + gap + padRight("Verified by the bank", vw)
	if compared {
		head += gap + padRight("Typed by the user", vw)
	}
	lines := []string{st.ColHead.Render(truncate(strings.TrimRight(head, " "), width))}
	for _, r := range rows {
		verified := wrapCell(r.verified, vw)
		claimed := wrapCell(r.claimed, vw)
		n := len(verified)
		if compared {
			n = max(n, len(claimed))
		}
		for i := range n {
			label := strings.Repeat(" ", lw)
			if i == 0 {
				label = st.Label.Render(padRight(r.label, lw))
			}
			line := label + gap + claimCell(st, st.Value, verified, i, vw)
			if compared {
				style := st.Value
				if r.differs {
					style = st.Mismatch
				}
				line += gap + claimCell(st, style, claimed, i, vw)
				if i == 0 {
					line += gap + claimTag(st, r)
				}
			}
			lines = append(lines, strings.TrimRight(line, " "))
		}
	}
	return strings.Join(lines, "\n")
}

// wrapCell wraps a value to its column; an empty value is a dash.
func wrapCell(v string, width int) []string {
	if v == "" {
		return []string{"—"}
	}
	return strings.Split(ansi.Wrap(v, width, " ,"), "\n")
}

// claimCell is line i of a wrapped cell in style, padded to the column; blank past its end.
func claimCell(st Styles, style lipgloss.Style, lines []string, i, width int) string {
	if i >= len(lines) {
		return strings.Repeat(" ", width)
	}
	text := truncate(lines[i], width)
	pad := strings.Repeat(" ", max(0, width-ansi.StringWidth(text)))
	if text == "—" {
		return st.Muted.Render(text) + pad
	}
	return style.Render(text) + pad
}

// claimTag says whether the bank and the user agree on a claim.
func claimTag(st Styles, r claimRow) string {
	switch {
	case !r.compared:
		return ""
	case r.differs && r.verified == "":
		return st.Differs.Render("✗ not verified")
	case r.differs:
		return st.Differs.Render("✗ differs")
	default:
		return " " + st.Muted.Render("✓ same") // the glyph under the tags' glyphs
	}
}

// cardChecks is the age check and every fraud check in words, alerts in the warning colour;
// "" when neither was asked for.
func cardChecks(st Styles, width int, id *flows.IdentityCard) string {
	var parts []string
	if id.AgeOver18 != nil {
		age := st.Value.Render("over 18: yes")
		if !*id.AgeOver18 {
			age = st.Alert.Render("over 18: no")
		}
		parts = append(parts, st.Section.Render("Age")+"\n"+age)
	}
	if len(id.Fraud) > 0 {
		parts = append(parts, fraudChecks(st, width, id.Fraud))
	}
	return strings.Join(parts, "\n\n")
}

// fraudChecks is the fraud checks' headline, then each check: what it means, then its name and
// value as the provider gave them.
func fraudChecks(st Styles, width int, checks []flows.FraudCheck) string {
	alerts := 0
	for _, f := range checks {
		if f.Alert {
			alerts++
		}
	}
	head := st.Section.Render("Fraud checks") + "  "
	switch alerts {
	case 0:
		head += st.Success.Render("✓ no alerts")
	case 1:
		head += st.Alert.Render("⚠ 1 alert: look closer")
	default:
		head += st.Alert.Render(fmt.Sprintf("⚠ %d alerts: look closer", alerts))
	}
	lines := []string{head}
	for _, f := range checks {
		mark, style := st.Success.Render("✓"), st.Value
		if f.Alert {
			mark, style = st.Alert.Render("⚠"), st.Alert
		}
		meaning := f.Meaning
		if meaning == "" {
			meaning = "not explained"
		}
		wrapped := strings.Split(ansi.Wrap(meaning, max(10, width-2), " "), "\n")
		for i, l := range wrapped {
			head := "  "
			if i == 0 {
				head = mark + " "
			}
			lines = append(lines, head+style.Render(l))
		}
		source := f.Name + ": " + f.Value
		last := len(lines) - 1
		if ansi.StringWidth(lines[last])+2+ansi.StringWidth(source) <= width {
			lines[last] += "  " + st.Muted.Render(source)
		} else {
			lines = append(lines, "  "+st.Muted.Render(truncate(source, width-2)))
		}
	}
	return strings.Join(lines, "\n")
}

// cardAccounts is the accounts the bank shared, with their balances, the chosen one marked.
func cardAccounts(st Styles, m masker, width int, accounts []flows.Account, chosen string) string {
	cols := columnsFor(accounts)
	lines := []string{
		st.Section.Render("Accounts") + st.Muted.Render("  (› the one chosen)"),
		st.ColHead.Render(truncate(cols.heading(), width)),
	}
	for _, a := range accounts {
		lines = append(lines, newAccountRow(m.account(a), cols).render(st, a.ID == chosen, width))
	}
	return strings.Join(lines, "\n")
}

// cardSupport is the connection's facts and the request id of each call, for support.
func cardSupport(st Styles, width int, r flows.Result) string {
	id := r.Identity
	facts := []field{{"Subject", id.Subject}, {"Issuer", id.Issuer}, {"Storage", r.Storage}}
	var ids []field
	for _, f := range id.RequestIDs {
		ids = append(ids, field{f.Label, f.Value})
	}
	lw := labelWidth(append(facts, ids...)...)
	out := st.Section.Render("Connection") + "\n" + tableWith(st, width, lw, facts)
	if len(ids) > 0 {
		out += "\n\n" + st.Section.Render("For support") + st.Muted.Render("  x-request-id of each call") + "\n" + tableWith(st, width, lw, ids)
	}
	return out
}

// claimsText is the ID token's claims as indented JSON, each line cut to width on a boundary
// it can be read across.
func claimsText(st Styles, width int, raw json.RawMessage) string {
	if len(bytes.TrimSpace(raw)) == 0 {
		return st.Muted.Render("The journey kept no ID token claims.")
	}
	var b bytes.Buffer
	text := string(raw)
	if err := json.Indent(&b, raw, "", "  "); err == nil {
		text = b.String()
	}
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		for _, w := range strings.Split(ansi.Hardwrap(l, max(10, width), true), "\n") {
			lines = append(lines, st.Value.Render(w))
		}
	}
	return strings.Join(lines, "\n")
}
