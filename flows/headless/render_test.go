package headless_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/headless"
)

func TestWriteResult(t *testing.T) {
	res := flows.Result{
		Journey: "truelayer/signup-plus", Provider: "truelayer", Environment: "embedded", ConnectionID: "conn-1",
		Bank: "mock", BankName: "Mock", AccountID: "acc-1", Storage: "memory (this session only)",
		ConsentExpiresAt: time.Date(2027, 2, 23, 12, 0, 0, 0, time.UTC),
		Fields:           []flows.Field{{Label: "Name", Value: "Mr John Doe"}},
		Payload:          map[string]json.RawMessage{"identity": json.RawMessage(`{"first_name":"John"}`)},
	}
	t.Run("json", func(t *testing.T) {
		var out bytes.Buffer
		if err := headless.WriteResult(&out, res, headless.JSON); err != nil {
			t.Fatal(err)
		}
		var got map[string]any
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out.String())
		}
		if got["connection_id"] != "conn-1" || got["account_id"] != "acc-1" || got["identity"].(map[string]any)["first_name"] != "John" || got["consent_expires_at"] != "2027-02-23T12:00:00Z" {
			t.Fatalf("result = %s", out.String())
		}
	})
	t.Run("text", func(t *testing.T) {
		var out bytes.Buffer
		if err := headless.WriteResult(&out, res, headless.Text); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"truelayer/signup-plus (embedded)", "Mock (mock)", "acc-1", "name", "Mr John Doe", "memory (this session only)", res.ConsentExpiresAt.Local().Format("2 Jan 2006 15:04")} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("text lacks %q:\n%s", want, out.String())
			}
		}
	})
}

func TestWriteFailure(t *testing.T) {
	missing := &flows.MissingAnswerError{Question: "3 accounts are linked", Flag: "--account", Valid: []string{"acc-1", "acc-2"}}
	noValues := &flows.MissingAnswerError{Question: "the reconfirmation needs the user's full name", Flag: "--name"}
	wrong := &headless.InvalidAnswerError{Question: `account "acc-9" is not linked`, Flag: "--account", Valid: []string{"acc-1"}, Labels: []string{"Current ••5678"}}
	provider := &flows.Error{Code: "internal_error", Description: "the bank failed"}
	tests := []struct {
		name        string
		err         error
		format      headless.Format
		wantAnswer  bool
		wantJSON    headless.Failure // in json format; zero: stdout stays empty
		wantErrLine string           // the one line on stderr
	}{
		{name: "missing answer as json", err: missing, format: headless.JSON, wantAnswer: true,
			wantJSON:    headless.Failure{Code: "missing_answer", Description: missing.Error(), Flag: "--account", Valid: []string{"acc-1", "acc-2"}},
			wantErrLine: "linkstep: 3 accounts are linked: pass --account with one of: acc-1, acc-2"},
		{name: "missing answer without values: valid is absent", err: noValues, format: headless.JSON, wantAnswer: true,
			wantJSON:    headless.Failure{Code: "missing_answer", Description: noValues.Error(), Flag: "--name"},
			wantErrLine: "linkstep: the reconfirmation needs the user's full name: pass --name"},
		{name: "invalid answer as json", err: fmt.Errorf("Choose an account: %w", wrong), format: headless.JSON, wantAnswer: true,
			wantJSON:    headless.Failure{Code: "invalid_answer", Description: `account "acc-9" is not linked: pass --account with one of: acc-1 (Current ••5678)`, Flag: "--account", Valid: []string{"acc-1"}},
			wantErrLine: `linkstep: Choose an account: account "acc-9" is not linked: pass --account with one of: acc-1 (Current ••5678)`},
		{name: "provider error as json", err: provider, format: headless.JSON,
			wantJSON:    headless.Failure{Code: "internal_error", Description: "the bank failed"},
			wantErrLine: "linkstep: internal_error: the bank failed"},
		// Deliberately changed: text mode writes the failure once, on stderr (it used to write an
		// "error:" line on stdout as well).
		{name: "provider error as text: once, on stderr", err: provider, format: headless.Text,
			wantErrLine: "linkstep: internal_error: the bank failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			got := headless.WriteFailure(&out, &errOut, tt.err, tt.format)
			if got != tt.wantAnswer || errOut.String() != tt.wantErrLine+"\n" {
				t.Fatalf("WriteFailure = %v\nstderr: %q\nwant %q", got, errOut.String(), tt.wantErrLine)
			}
			if tt.wantJSON.Code == "" {
				if out.Len() != 0 {
					t.Fatalf("stdout = %q, want nothing", out.String())
				}
				return
			}
			var body struct{ Error map[string]json.RawMessage }
			if err := json.Unmarshal(out.Bytes(), &body); err != nil {
				t.Fatalf("stdout is not JSON: %v\n%s", err, out.String())
			}
			if v, ok := body.Error["valid"]; ok && string(v) == "null" {
				t.Fatalf("valid is null: %s", out.String())
			}
			var f headless.Failure
			if err := json.Unmarshal(out.Bytes(), &struct{ Error *headless.Failure }{&f}); err != nil || !reflect.DeepEqual(f, tt.wantJSON) {
				t.Fatalf("error = %+v, want %+v\n%s", f, tt.wantJSON, out.String())
			}
		})
	}
}

func TestFormatFlag(t *testing.T) {
	var f headless.Format
	if err := f.Set("text"); err != nil || f != headless.Text {
		t.Fatalf("Set(text) = %v, %q", err, f)
	}
	if err := f.Set("yaml"); err == nil || !strings.Contains(err.Error(), "json or text") {
		t.Fatalf("Set(yaml) = %v, want the valid values named", err)
	}
}
