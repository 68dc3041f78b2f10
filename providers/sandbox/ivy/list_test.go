package ivy

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestListNeedsExactlyOneIdentifier(t *testing.T) {
	e := newTestEnv(t, Config{})
	tests := []struct {
		name string
		body map[string]any
		want string // the whole message; "" means a list
	}{
		{"none", map[string]any{}, oneIdentifier + " (got none)."},
		{"only empty ones", map[string]any{"externalUserEmail": "", "externalUserPhone": "  "}, oneIdentifier + " (got none)."},
		{"email and phone", map[string]any{"externalUserEmail": "jane@example.com", "externalUserPhone": "+49123"},
			oneIdentifier + " (got externalUserEmail and externalUserPhone): the list is of one user at a time."},
		{"all three", map[string]any{"externalUserEmail": "jane@example.com", "externalUserReferenceId": "u1", "externalUserPhone": "+49123"},
			oneIdentifier + " (got externalUserEmail and externalUserReferenceId and externalUserPhone): the list is of one user at a time."},
		{"the email", map[string]any{"externalUserEmail": "jane@example.com"}, ""},
		{"the reference id", map[string]any{"externalUserReferenceId": "u1"}, ""},
		{"the phone", map[string]any{"externalUserPhone": "+49123"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := e.call(pathList, tt.body)
			if tt.want == "" {
				if list, ok := body["dataSessions"].([]any); status != http.StatusOK || !ok || len(list) != 0 {
					t.Fatalf("got %d %v; want an empty list", status, body)
				}
				return
			}
			if status != http.StatusBadRequest || errorCode(body) != codeValidation || errorMessage(body) != tt.want {
				t.Fatalf("got %d %v; want 400 saying %q", status, body, tt.want)
			}
		})
	}
}

func TestListFindsTheUsersSessions(t *testing.T) {
	e := newTestEnv(t, Config{})
	jane := map[string]any{"email": "Jane@Example.com", "referenceId": "user-7", "phone": "+49 (123) 456-789"}
	first := e.completed("john", "doe", map[string]any{"externalUser": jane})
	e.clock.Advance(time.Minute)
	noIdentity := e.completed("john1", "doe1", map[string]any{"externalUser": jane, "permissions": []string{"accounts"}})
	e.clock.Advance(time.Minute)
	failed := e.create(map[string]any{"externalUser": jane})
	if _, err := e.walk(failed["redirectUrl"].(string), "error.provider_error", "error", false); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Minute)
	open := e.create(map[string]any{"externalUser": jane})["id"]
	e.completed("john", "doe", map[string]any{"externalUser": map[string]any{"email": "someone@example.com"}})
	wantOrder := []any{open, failed["id"], noIdentity, first}

	for _, key := range []map[string]any{
		{"externalUserEmail": "jane@example.com"},
		{"externalUserReferenceId": "user-7"},
		{"externalUserPhone": "+49123456789"},
	} {
		t.Run(jsonOf(t, key), func(t *testing.T) {
			status, body := e.call(pathList, key)
			list, _ := body["dataSessions"].([]any)
			if status != http.StatusOK || len(list) != len(wantOrder) {
				t.Fatalf("got %d %v", status, body)
			}
			var ids, statuses []any
			for _, x := range list {
				ids, statuses = append(ids, x.(map[string]any)["id"]), append(statuses, x.(map[string]any)["status"])
			}
			if !slices.Equal(ids, wantOrder) || !slices.Equal(statuses, []any{"open", "failed", "complete", "complete"}) {
				t.Fatalf("ids %v statuses %v; want %v, newest first", ids, statuses, wantOrder)
			}
			for i, x := range list {
				s := x.(map[string]any)
				data, hasData := s["data"].(map[string]any)
				if hasData != (i >= 2) {
					t.Errorf("session %v: data only for complete sessions", s)
					continue
				}
				if !hasData {
					continue
				}
				if _, hasIdentity := data["identity"]; hasIdentity != (s["id"] == first) {
					t.Errorf("session %v: identity only with the identity permission", s)
				}
				if data["bankName"] != "Mock" || len(data["accounts"].([]any)) == 0 {
					t.Errorf("session data %v", data)
				}
			}
			first := list[3].(map[string]any)["data"].(map[string]any)
			if id := first["identity"].(map[string]any); id["name"] != "John Doe" || id["dateOfBirth"] != "1979-01-01" {
				t.Errorf("identity %v", id)
			}
			acc := first["accounts"].([]any)[2].(map[string]any)
			iban := acc["identifier"].(map[string]any)["iban"].(map[string]any)
			if acc["type"] != "saving" || acc["name"] != "Savings account 3" || !validIBAN(iban["iban"].(string)) ||
				iban["bban"] != iban["iban"].(string)[4:] || iban["bic"] != "MOCKDEFFXXX" {
				t.Errorf("account %v", acc)
			}
		})
	}
}

// TestListHasTheSeedsShape compares the field names and JSON types of a user's list with the
// example body of Ivy's recurring-users guide (testdata/seed_list_sessions.json).
func TestListHasTheSeedsShape(t *testing.T) {
	e := newTestEnv(t, Config{})
	for _, user := range []struct{ username, password string }{{"john1", "doe1"}, {"john", "doe"}} {
		e.completed(user.username, user.password, map[string]any{"permissions": []string{"identity"}})
	}
	req, _ := http.NewRequest(http.MethodPost, e.api+pathList, strings.NewReader(`{"externalUserEmail": "jane@example.com"}`))
	req.Header.Set(apiKeyHeader, testAPIKey)
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	seed, err := os.ReadFile(filepath.Join("testdata", "seed_list_sessions.json"))
	if err != nil {
		t.Fatal(err)
	}
	gotShape, seedShape := jsonShape(t, got), jsonShape(t, seed)
	if !slices.Equal(gotShape, seedShape) {
		t.Fatalf("the list's shape differs from the seed's:\ngot  %v\nseed %v", gotShape, seedShape)
	}
	if !bytes.Contains(got, []byte(`"status":"complete"`)) {
		t.Errorf("no complete session in %s", got)
	}
}

// jsonShape lists every path of a JSON document with the JSON type there, array elements
// merged (as [] in the path), sorted and without repeats: {"a": [{"b": 1}]} is a: array,
// a[]: object, a[].b: number.
func jsonShape(t *testing.T, data []byte) []string {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	seen := map[string]bool{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		kind := "null"
		switch x := v.(type) {
		case map[string]any:
			kind = "object"
			for k, c := range x {
				walk(strings.TrimPrefix(path+"."+k, "."), c)
			}
		case []any:
			kind = "array"
			for _, c := range x {
				walk(path+"[]", c)
			}
		case string:
			kind = "string"
		case json.Number:
			kind = "number"
		case bool:
			kind = "bool"
		}
		seen[path+": "+kind] = true
	}
	walk("", v)
	return slices.Sorted(maps.Keys(seen))
}
