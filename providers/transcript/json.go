package transcript

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// jsonFrame is one open object or array while a JSON body is rewritten.
type jsonFrame struct {
	object    bool   // an object: its members are key, colon, value
	secret    bool   // every scalar inside is masked (the container's key was a secret key)
	key       string // the current member's key
	expectKey bool   // the next string is a key
}

// json redacts a JSON body, compacted and with its key order kept: values under a secret key
// are masked (at any depth, numbers too), other strings are redacted as URLs or text. It
// reports false when body is not one valid JSON value.
func (r *Redactor) json(body []byte) (string, bool) {
	if !json.Valid(body) {
		return "", false
	}
	var out strings.Builder
	out.Grow(len(body))
	var stack []jsonFrame
	// inSecret reports whether the value about to be written is masked, and its key.
	inSecret := func() (bool, string) {
		if len(stack) == 0 {
			return false, ""
		}
		top := &stack[len(stack)-1]
		if !top.object {
			return top.secret, ""
		}
		return top.secret || isSecretKey(top.key), top.key
	}
	for i := 0; i < len(body); {
		c := body[i]
		switch c {
		case ' ', '\t', '\r', '\n':
			i++
		case '{', '[':
			secret, _ := inSecret()
			stack = append(stack, jsonFrame{object: c == '{', secret: secret, expectKey: c == '{'})
			out.WriteByte(c)
			i++
		case '}', ']':
			stack = stack[:len(stack)-1]
			out.WriteByte(c)
			i++
		case ',':
			if top := len(stack) - 1; top >= 0 && stack[top].object {
				stack[top].expectKey = true
			}
			out.WriteByte(c)
			i++
		case ':':
			stack[len(stack)-1].expectKey = false
			out.WriteByte(c)
			i++
		case '"':
			end := stringEnd(body, i)
			raw := body[i:end]
			s := decodeJSONString(raw)
			if top := len(stack) - 1; top >= 0 && stack[top].object && stack[top].expectKey {
				stack[top].key = s
				if red := r.Text(s); red != s { // a registered value as a key
					writeJSONString(&out, red)
				} else {
					out.Write(raw)
				}
			} else {
				secret, key := inSecret()
				red := s
				if secret {
					if s != "" {
						red = Mask(s)
					}
				} else {
					red = r.value(key, s)
				}
				if red == s {
					out.Write(raw)
				} else {
					writeJSONString(&out, red)
				}
			}
			i = end
		default: // a number, true, false or null
			end := i
			for end < len(body) && !isJSONDelimiter(body[end]) {
				end++
			}
			if secret, _ := inSecret(); secret && (c == '-' || (c >= '0' && c <= '9')) {
				out.WriteString(`"` + maskDots + `"`)
			} else if lit := string(body[i:end]); r.Text(lit) != lit {
				writeJSONString(&out, r.Text(lit)) // a registered value as a number
			} else {
				out.Write(body[i:end])
			}
			i = end
		}
	}
	return out.String(), true
}

// stringEnd returns the index just past the JSON string starting at body[start] (a quote);
// body is known to be valid JSON.
func stringEnd(body []byte, start int) int {
	for i := start + 1; i < len(body); i++ {
		switch body[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(body)
}

// decodeJSONString returns the value of a quoted JSON string.
func decodeJSONString(raw []byte) string {
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1])
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return string(raw[1 : len(raw)-1])
	}
	return s
}

// writeJSONString writes s as a JSON string without HTML escaping.
func writeJSONString(out *strings.Builder, s string) {
	if needsNoEscape(s) {
		out.WriteByte('"')
		out.WriteString(s)
		out.WriteByte('"')
		return
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // encoding a string cannot fail
	out.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// needsNoEscape reports whether s is valid UTF-8 with nothing a JSON string must escape.
func needsNoEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == 0x7f {
			return false
		}
	}
	return utf8.ValidString(s)
}

// isJSONDelimiter reports whether c ends a number or literal.
func isJSONDelimiter(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}
