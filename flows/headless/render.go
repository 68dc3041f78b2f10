package headless

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/linkstep/linkstep/flows"
)

// TimeFormat is how text output writes a date and time, as the TUI does.
const TimeFormat = "2 Jan 2006 15:04"

// ClockFormat is how text output writes a time of day, as the TUI does.
const ClockFormat = "15:04"

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
		fmt.Fprintf(tw, "consent expires\t%s\n", res.ConsentExpiresAt.Local().Format(TimeFormat))
	}
	fmt.Fprintf(tw, "storage\t%s\n", res.Storage)
	for _, f := range res.Fields {
		fmt.Fprintf(tw, "%s\t%s\n", strings.ToLower(f.Label), f.Value)
	}
	return tw.Flush()
}

// WriteFailure writes a failure once for people, as a "linkstep: " line on stderr, and in json
// format also for scripts, as {"error": {"code", "description", "flag", "valid"}} on stdout
// (text format writes nothing on stdout). It reports whether the failure is the caller's to fix
// with a flag: a question no flag answered, or a flag value that answers no choice.
func WriteFailure(stdout, stderr io.Writer, err error, format Format) (answerError bool) {
	if format != Text {
		_ = writeJSON(stdout, map[string]Failure{"error": Describe(err)})
	}
	fmt.Fprintln(stderr, "linkstep:", err)
	return IsAnswerError(err)
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
