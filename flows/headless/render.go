package headless

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/linkstep/linkstep/flows"
)

// WriteResult writes what a journey verified to w, for scripts (json) or people (text).
func WriteResult(w io.Writer, res flows.Result, format Format) error {
	if format != Text {
		return writeJSON(w, res)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "journey\t%s (%s)\n", res.Journey, res.Environment)
	fmt.Fprintf(tw, "connection\t%s\n", res.ConnectionID)
	if res.Bank != "" {
		fmt.Fprintf(tw, "bank\t%s (%s)\n", res.BankName, res.Bank)
	}
	if res.AccountID != "" {
		fmt.Fprintf(tw, "account\t%s\n", res.AccountID)
	}
	if !res.ConsentExpiresAt.IsZero() {
		fmt.Fprintf(tw, "consent expires\t%s\n", res.ConsentExpiresAt.Local().Format("2 Jan 2006 15:04"))
	}
	fmt.Fprintf(tw, "storage\t%s\n", res.Storage)
	for _, f := range res.Fields {
		fmt.Fprintf(tw, "%s\t%s\n", strings.ToLower(f.Label), f.Value)
	}
	return tw.Flush()
}

// WriteFailure writes a failed run for scripts on stdout ({"error": {"code", "description"}}
// or an "error:" line) and for people on stderr, and reports whether the failure is a question
// no flag answered (the caller's usage error).
func WriteFailure(stdout, stderr io.Writer, err error, format Format) (missingAnswer bool) {
	var missing *flows.MissingAnswerError
	var body map[string]any
	if errors.As(err, &missing) {
		body = map[string]any{"code": "missing_answer", "description": missing.Error(), "flag": missing.Flag, "valid": missing.Valid}
	} else {
		c, d := flows.Describe(err)
		body = map[string]any{"code": c, "description": d}
	}
	if format != Text {
		_ = writeJSON(stdout, map[string]any{"error": body})
	} else {
		fmt.Fprintf(stdout, "error: %s: %s\n", body["code"], body["description"])
	}
	if missing != nil {
		fmt.Fprintln(stderr, "linkstep:", missing.Error())
	} else {
		fmt.Fprintln(stderr, "linkstep:", err)
	}
	return missing != nil
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
