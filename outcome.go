package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/flows/headless"
	"github.com/linkstep/linkstep/providers/transcript"
)

// finishRun ends a journey that succeeded: it checks the index recorded the connection, writes
// the --har and --report files, then writes the result and the --curl commands. What failed is
// reported with the result, never instead of it: the connection exists at the provider by then.
func finishRun(std streams, env *environment.Env, res flows.Result, exchanges []transcript.Entry, out headlessOutput) error {
	var fails []error
	if err := checkUnrecorded(env); err != nil {
		fails = append(fails, err)
	}
	if err := out.exports.writeHAR(exchanges); err != nil {
		fails = append(fails, err)
	}
	if out.report != "" {
		if err := copyReport(res, out.report); err != nil {
			fails = append(fails, err)
		} else {
			fmt.Fprintln(std.stderr, "report saved to", out.report)
		}
	}
	if len(fails) == 0 {
		if err := headless.WriteResult(std.stdout, res, out.format); err != nil {
			return err
		}
		out.exports.writeCurl(std.stderr, env, exchanges)
		return nil
	}
	for _, f := range fails[1:] {
		fmt.Fprintln(std.stderr, "warning:", f)
	}
	if err := writeResultAndFailure(std.stdout, res, out.format, fails[0]); err != nil {
		return err
	}
	out.exports.writeCurl(std.stderr, env, exchanges)
	return &failedAfterResult{fails[0]}
}

// failedAfterResult is a failure that came after the journey succeeded; stdout already holds
// the result and, in json, the failure with it, so execute reports it on stderr only.
type failedAfterResult struct{ err error }

// Error is the failure's.
func (e *failedAfterResult) Error() string { return e.err.Error() }

// Unwrap returns the failure, with its exit code and error code.
func (e *failedAfterResult) Unwrap() error { return e.err }

// writeResultAndFailure writes the result and what failed after it: in json one object, the
// result's fields and "error" as every failure writes it; in text the result alone (the failure
// goes to stderr, as every failure does).
func writeResultAndFailure(w io.Writer, res flows.Result, format headless.Format, fail error) error {
	if format == headless.Text {
		return headless.WriteResult(w, res, format)
	}
	raw, err := json.Marshal(res)
	if err != nil {
		return err
	}
	var out map[string]json.RawMessage
	if err := json.Unmarshal(raw, &out); err != nil {
		return err
	}
	if out["error"], err = json.Marshal(headless.Describe(fail)); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
