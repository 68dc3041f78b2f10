package ui

import (
	"fmt"
	"strings"

	"github.com/linkstep/linkstep/flows"
)

// chrome is the provider of the connection in view, what the home is doing or a count of the
// connections by state, and its latest news.
func (a homeArea) chrome() chrome {
	ch := chrome{where: a.whereLine()}
	if sum, ok := a.highlighted(); ok {
		ch.provider = providerName(sum)
	}
	st := a.c.styles
	switch {
	case a.status.text == "":
	case a.status.bad:
		ch.status = st.Error.Render(truncate("✗ "+a.status.text, a.c.width))
	default:
		ch.status = st.Status.Render(truncate(a.status.text, a.c.width))
	}
	return ch
}

// whereLine is the header's second line: what is in flight, with the spinner, or how many
// connections there are and how many need attention.
func (a homeArea) whereLine() string {
	st, w := a.c.styles, a.c.width
	switch {
	case a.acting != "":
		return truncate(st.Step.Render(a.acting)+"  "+a.spin.View(), w)
	case a.loading:
		return truncate(st.Step.Render("reading the stored connections")+"  "+a.spin.View(), w)
	case a.list.err != nil:
		return st.Error.Render(truncate("the stored connections cannot be read", w))
	}
	return st.Muted.Render(truncate(countText(a.list.summaries()), w))
}

// countText counts the connections, and those whose consent needs attention:
// "5 connections · 1 expiring soon · 2 expired".
func countText(list []flows.ConnectionSummary) string {
	if len(list) == 0 {
		return "no connection stored"
	}
	noun := "connections"
	if len(list) == 1 {
		noun = "connection"
	}
	parts := []string{fmt.Sprintf("%d %s", len(list), noun)}
	var soon, expired, past, gone int
	for _, s := range list {
		switch {
		case !s.TokensFound:
			gone++
		case s.Consent == flows.ConsentExpiringSoon:
			soon++
		case s.Consent == flows.ConsentExpired:
			expired++
		case s.Consent == flows.ConsentPastWindow:
			past++
		}
	}
	for _, c := range []struct {
		n    int
		what string
	}{{soon, "expiring soon"}, {expired, "expired"}, {past, "past the re-auth window"}, {gone, "without tokens"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	return strings.Join(parts, " · ")
}
