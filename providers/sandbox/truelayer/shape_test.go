package truelayer

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// jsonShape describes a JSON document's structure keeping key order: objects list their keys
// (account ids, which vary, become <acc>), arrays their elements, scalars their kind.
func jsonShape(t *testing.T, data []byte) string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var b strings.Builder
	var value func()
	value = func() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("shape of %s: %v", data, err)
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				b.WriteString("{")
				for dec.More() {
					k, err := dec.Token()
					if err != nil {
						t.Fatalf("shape of %s: %v", data, err)
					}
					key := k.(string)
					if strings.HasPrefix(key, "acc-") {
						key = "<acc>"
					}
					b.WriteString(key + ":")
					value()
					b.WriteString(",")
				}
				_, _ = dec.Token()
				b.WriteString("}")
			case '[':
				b.WriteString("[")
				for dec.More() {
					value()
					b.WriteString(",")
				}
				_, _ = dec.Token()
				b.WriteString("]")
			}
		case string:
			b.WriteString("string")
		case json.Number:
			b.WriteString("number")
		case bool:
			b.WriteString("bool")
		case nil:
			b.WriteString("null")
		}
	}
	value()
	return b.String()
}

// readTestdata reads a file under testdata/.
func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// compareGolden compares got with testdata/name, rewriting it with -update.
func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("answer differs from %s:\ngot  %s\nwant %s", path, got, want)
	}
}
