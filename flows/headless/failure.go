package headless

import (
	"errors"
	"fmt"
	"strings"

	"github.com/linkstep/linkstep/flows"
)

// Failure is a failed run as scripts read it: the value of {"error": ...} on stdout. Flag and
// Valid are there when a flag would fix the failure; Valid is a list or absent, never null.
type Failure struct {
	Code        string   `json:"code"`
	Description string   `json:"description"`
	Flag        string   `json:"flag,omitempty"`
	Valid       []string `json:"valid,omitempty"`
}

// The codes of failures that are the caller's to fix with a flag (exit code 2).
const (
	// CodeMissingAnswer is a question no flag answered.
	CodeMissingAnswer = "missing_answer"
	// CodeInvalidAnswer is a flag whose value answers no choice the journey offers.
	CodeInvalidAnswer = "invalid_answer"
)

// flagged is an error that names the flag that would fix it and, where they are few, the
// values it accepts.
type flagged interface {
	ErrorFlag() string
	ErrorValid() []string
}

// Describe explains err for scripts: a missing or invalid answer with its flag and valid
// values, an error that carries a code (a provider's, a journey's, a usage error's) with it,
// anything else as code "error".
func Describe(err error) Failure {
	var invalid *InvalidAnswerError
	var missing *flows.MissingAnswerError
	switch {
	case errors.As(err, &invalid):
		return Failure{Code: CodeInvalidAnswer, Description: invalid.Error(), Flag: invalid.Flag, Valid: invalid.Valid}
	case errors.As(err, &missing):
		return Failure{Code: CodeMissingAnswer, Description: missing.Error(), Flag: missing.Flag, Valid: missing.Valid}
	}
	code, description := flows.Describe(err)
	f := Failure{Code: code, Description: description}
	var fl flagged
	if errors.As(err, &fl) {
		f.Flag, f.Valid = fl.ErrorFlag(), fl.ErrorValid()
	}
	return f
}

// IsAnswerError reports whether err is a question no flag answered, or a flag whose value
// answers no choice: the caller's to fix (exit code 2).
func IsAnswerError(err error) bool {
	var invalid *InvalidAnswerError
	var missing *flows.MissingAnswerError
	return errors.As(err, &invalid) || errors.As(err, &missing)
}

// InvalidAnswerError is a flag whose value answers no choice the journey offers: the question,
// the flag, the values it accepts and, where it helps to pick one, what each value is.
type InvalidAnswerError struct {
	Question string   // e.g. `account "acc-x" is not linked`
	Flag     string   // e.g. "--account"
	Valid    []string // the values the flag accepts
	Labels   []string // what each valid value is (e.g. "Current account ••1234"), or nil
}

// Error names the flag and the valid values, each with its label.
func (e *InvalidAnswerError) Error() string {
	if len(e.Valid) == 0 {
		return fmt.Sprintf("%s: there is nothing %s can choose", e.Question, e.Flag)
	}
	values := make([]string, len(e.Valid))
	for i, v := range e.Valid {
		values[i] = v
		if i < len(e.Labels) && e.Labels[i] != "" {
			values[i] += " (" + e.Labels[i] + ")"
		}
	}
	return fmt.Sprintf("%s: pass %s with one of: %s", e.Question, e.Flag, strings.Join(values, ", "))
}

// accountLabel names an account for a person choosing one: its name and the last four digits
// of its number (or IBAN).
func accountLabel(a flows.Account) string {
	name := a.DisplayName
	if name == "" {
		name = a.Type
	}
	number := a.Number
	if number == "" {
		number = a.IBAN
	}
	if number = strings.ReplaceAll(number, " ", ""); len(number) > 4 {
		number = number[len(number)-4:]
	}
	switch {
	case name == "":
		return "••" + number
	case number == "":
		return name
	}
	return name + " ••" + number
}
