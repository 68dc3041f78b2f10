package headless_test

import (
	"bytes"
	"encoding/json"
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
		for _, want := range []string{"truelayer/signup-plus (embedded)", "Mock (mock)", "acc-1", "name", "Mr John Doe", "memory (this session only)"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("text lacks %q:\n%s", want, out.String())
			}
		}
	})
}

func TestWriteFailure(t *testing.T) {
	missing := &flows.MissingAnswerError{Question: "3 accounts are linked", Flag: "--account", Valid: []string{"acc-1", "acc-2"}}
	provider := &flows.Error{Code: "internal_error", Description: "the bank failed"}
	tests := []struct {
		name        string
		err         error
		format      headless.Format
		wantMissing bool
		wantOut     string
		wantErrOut  string
	}{
		{name: "missing answer as json", err: missing, format: headless.JSON, wantMissing: true, wantOut: `"flag": "--account"`, wantErrOut: "pass --account with one of: acc-1, acc-2"},
		{name: "provider error as json", err: provider, format: headless.JSON, wantOut: `"code": "internal_error"`, wantErrOut: "internal_error: the bank failed"},
		{name: "provider error as text", err: provider, format: headless.Text, wantOut: "error: internal_error: the bank failed", wantErrOut: "internal_error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			got := headless.WriteFailure(&out, &errOut, tt.err, tt.format)
			if got != tt.wantMissing || !strings.Contains(out.String(), tt.wantOut) || !strings.Contains(errOut.String(), tt.wantErrOut) {
				t.Fatalf("WriteFailure = %v\nstdout: %s\nstderr: %s", got, out.String(), errOut.String())
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
