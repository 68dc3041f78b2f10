package transcript

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// CurlVars name the shell variables that stand for one provider's credentials in a curl
// command (without the $): the commands run after `export NAME=...`.
type CurlVars struct {
	ClientID     string // inside masked Basic credentials, e.g. ONEID_CLIENT_ID; default CLIENT_ID
	ClientSecret string // e.g. TRUELAYER_CLIENT_SECRET; default CLIENT_SECRET
	APIKey       string // an API-key header or api_key field, e.g. IVY_API_KEY; default API_KEY
}

// The variables that stand for the secrets every provider shares.
const (
	VarAccessToken  = "ACCESS_TOKEN"
	VarRefreshToken = "REFRESH_TOKEN"
	VarCode         = "CODE"
	VarCodeVerifier = "CODE_VERIFIER"
	VarIDToken      = "ID_TOKEN"
	VarPassword     = "PASSWORD"
	VarAssertion    = "CLIENT_ASSERTION"
	// VarSecret stands for any other masked value.
	VarSecret = "SECRET"
)

// withDefaults fills the names not given.
func (v CurlVars) withDefaults() CurlVars {
	if v.ClientID == "" {
		v.ClientID = "CLIENT_ID"
	}
	if v.ClientSecret == "" {
		v.ClientSecret = "CLIENT_SECRET"
	}
	if v.APIKey == "" {
		v.APIKey = "API_KEY"
	}
	return v
}

// forKey is the variable standing for a masked value of the secret key k.
func (v CurlVars) forKey(k string) string {
	switch strings.ToLower(k) {
	case "client_secret":
		return v.ClientSecret
	case "api_key":
		return v.APIKey
	case "code":
		return VarCode
	case "code_verifier":
		return VarCodeVerifier
	case "refresh_token":
		return VarRefreshToken
	case "access_token":
		return VarAccessToken
	case "id_token":
		return VarIDToken
	case "password":
		return VarPassword
	case "client_assertion", "assertion":
		return VarAssertion
	}
	return VarSecret
}

// WriteCurl writes a copy-as-curl command for each entry, each under a comment naming the
// exchange, after a comment listing the variables to export; varsFor names each entry's
// provider variables (nil: the defaults).
func WriteCurl(w io.Writer, entries []Entry, varsFor func(Entry) CurlVars) error {
	var cmds []string
	var used []string
	for i, e := range entries {
		var v CurlVars
		if varsFor != nil {
			v = varsFor(e)
		}
		cmd, vars := curl(e, v)
		for _, name := range vars {
			if !slices.Contains(used, name) {
				used = append(used, name)
			}
		}
		status := fmt.Sprint(e.Status)
		if e.Err != "" {
			status = "error: " + e.Err
		}
		cmds = append(cmds, fmt.Sprintf("# %d. %s %s → %s (%s)\n%s\n", i+1, e.Method, e.URL, status, e.Duration.Round(time.Microsecond), cmd))
	}
	var b strings.Builder
	if len(used) > 0 {
		b.WriteString("# secrets are placeholders: export ")
		for i, name := range used {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(name + "=...")
		}
		b.WriteString(" first\n")
	}
	for _, c := range cmds {
		b.WriteString(c)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Curl returns a copy-as-curl command for the (redacted) exchange e, with every masked secret
// replaced by a shell variable named by v or by the shared names (VarAccessToken, ...).
func Curl(e Entry, v CurlVars) string {
	cmd, _ := curl(e, v)
	return cmd
}

// CurlWithVars is Curl, and the variables the command uses, in order, for the user to export.
func CurlWithVars(e Entry, v CurlVars) (cmd string, vars []string) {
	return curl(e, v)
}

// curl builds the command and lists the variables it uses.
func curl(e Entry, v CurlVars) (string, []string) {
	v = v.withDefaults()
	b := &curlBuilder{}
	b.add(b.urlArg(e.URL, v))
	method := e.Method
	if method == "" {
		method = http.MethodGet
	}
	hasBody := e.RequestBody != ""
	switch {
	case hasBody && method == http.MethodPost, !hasBody && method == http.MethodGet:
	default:
		b.flag("-X", lit(method))
	}
	names := make([]string, 0, len(e.RequestHeaders))
	for name := range e.RequestHeaders {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		switch http.CanonicalHeaderKey(name) {
		case "Content-Length", "Host", "Accept-Encoding", "Cookie":
			continue
		}
		for _, value := range e.RequestHeaders[name] {
			b.header(http.CanonicalHeaderKey(name), value, v)
		}
	}
	if hasBody {
		b.body(e.RequestHeaders.Get("Content-Type"), e.RequestBody, v)
	}
	return b.String(), b.vars
}

// segment is a piece of a shell word: literal text or a variable.
type segment struct {
	text     string
	variable bool
}

// word is a shell word made of segments.
type word []segment

// lit is a literal word.
func lit(s string) word { return word{{text: s}} }

// curlBuilder collects the command's words, one option per line.
type curlBuilder struct {
	lines []string
	vars  []string
}

// add adds a word on its own line.
func (b *curlBuilder) add(w word) {
	b.note(w)
	b.lines = append(b.lines, w.quote())
}

// flag adds an option and its value on one line.
func (b *curlBuilder) flag(name string, w word) {
	b.note(w)
	b.lines = append(b.lines, name+" "+w.quote())
}

// note remembers the variables w uses.
func (b *curlBuilder) note(w word) {
	for _, s := range w {
		if s.variable && !slices.Contains(b.vars, s.text) {
			b.vars = append(b.vars, s.text)
		}
	}
}

// String is the command, continued over lines.
func (b *curlBuilder) String() string {
	return "curl " + strings.Join(b.lines, " \\\n  ")
}

// urlArg is the URL with masked query values replaced by variables.
func (b *curlBuilder) urlArg(u string, v CurlVars) word {
	base, query, ok := strings.Cut(u, "?")
	w := masked(base, VarSecret)
	if !ok {
		return w
	}
	w = append(w, segment{text: "?"})
	for i, part := range strings.Split(query, "&") {
		if i > 0 {
			w = append(w, segment{text: "&"})
		}
		k, val, hasValue := strings.Cut(part, "=")
		if !hasValue {
			w = append(w, masked(part, VarSecret)...)
			continue
		}
		name := k
		if dk, err := url.QueryUnescape(k); err == nil {
			name = dk
		}
		w = append(w, segment{text: k + "="})
		if isSecretKey(name) && strings.HasPrefix(val, maskDots) {
			w = append(w, segment{text: v.forKey(name), variable: true})
			continue
		}
		w = append(w, masked(val, VarSecret)...)
	}
	return w
}

// header adds -H with the credentials replaced: a bearer token by $ACCESS_TOKEN, Basic client
// credentials by -u "$CLIENT_ID:$CLIENT_SECRET", an API key by its variable.
func (b *curlBuilder) header(name, value string, v CurlVars) {
	switch name {
	case "Authorization", "Proxy-Authorization":
		scheme, cred, _ := strings.Cut(value, " ")
		switch {
		case !strings.HasPrefix(cred, maskDots) && !strings.HasPrefix(value, maskDots):
		case strings.EqualFold(scheme, "Basic") && name == "Authorization":
			b.flag("-u", word{{text: v.ClientID, variable: true}, {text: ":"}, {text: v.ClientSecret, variable: true}})
			return
		case strings.EqualFold(scheme, "Bearer"):
			b.flag("-H", word{{text: name + ": " + scheme + " "}, {text: VarAccessToken, variable: true}})
			return
		default:
			b.flag("-H", word{{text: name + ": " + scheme + " "}, {text: VarSecret, variable: true}})
			return
		}
	case "X-Ivy-Api-Key", "X-Api-Key":
		if strings.HasPrefix(value, maskDots) {
			b.flag("-H", word{{text: name + ": "}, {text: v.APIKey, variable: true}})
			return
		}
	}
	b.flag("-H", append(word{{text: name + ": "}}, masked(value, VarSecret)...))
}

// body adds the request body: a form field by field (curl encodes each value), anything else
// as it was sent; masked values become variables.
func (b *curlBuilder) body(contentType, body string, v CurlVars) {
	if strings.Contains(body, "\n… [truncated: ") {
		b.lines = append(b.lines, "# the transcript kept only the start of this body")
	}
	media, _, _ := mime.ParseMediaType(contentType)
	switch media {
	case "application/x-www-form-urlencoded":
		for _, p := range DecodePairs(body) {
			w := word{{text: p.Name + "="}}
			if isSecretKey(p.Name) && strings.HasPrefix(p.Value, maskDots) {
				w = append(w, segment{text: v.forKey(p.Name), variable: true})
			} else {
				w = append(w, masked(p.Value, VarSecret)...)
			}
			b.flag("--data-urlencode", w)
		}
	case "application/json":
		b.flag("--data-raw", jsonWord(body, v))
	default:
		b.flag("--data-raw", masked(body, VarSecret))
	}
}

// jsonKeyedMask matches "key": "••••..." in redacted JSON; group 1 is the key, group 2 the
// masked value.
var jsonKeyedMask = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`"([A-Za-z_]+)"\s*:\s*"(` + maskDots + `[^"]*)"`)
})

// jsonWord is a redacted JSON body with its masked values replaced by variables.
func jsonWord(body string, v CurlVars) word {
	var w word
	last := 0
	for _, m := range jsonKeyedMask().FindAllStringSubmatchIndex(body, -1) {
		key := body[m[2]:m[3]]
		w = append(w, masked(body[last:m[4]], VarSecret)...)
		w = append(w, segment{text: v.forKey(key), variable: true})
		last = m[5]
	}
	return append(w, masked(body[last:], VarSecret)...)
}

// maskPattern matches a mask and the up to four characters it kept.
var maskPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(maskDots + `[A-Za-z0-9_.~+/=-]{0,4}`)
})

// masked splits s into literal text and the variable name standing for each mask in it.
func masked(s, name string) word {
	var w word
	last := 0
	for _, m := range maskPattern().FindAllStringIndex(s, -1) {
		if m[0] > last {
			w = append(w, segment{text: s[last:m[0]]})
		}
		w = append(w, segment{text: name, variable: true})
		last = m[1]
	}
	if last < len(s) || len(w) == 0 {
		w = append(w, segment{text: s[last:]})
	}
	return w
}

// quote renders w as one POSIX shell word: literal text safe bare or in single quotes,
// variables expanded in double quotes ("$NAME", or "${NAME}" before a name character).
func (w word) quote() string {
	hasVar := false
	for _, s := range w {
		hasVar = hasVar || s.variable
	}
	if !hasVar {
		var text strings.Builder
		for _, s := range w {
			text.WriteString(s.text)
		}
		return shellQuote(text.String())
	}
	var out strings.Builder
	if w.doubleQuotable() {
		out.WriteByte('"')
		for i, s := range w {
			if s.variable {
				out.WriteString(varRef(s.text, w, i))
			} else {
				out.WriteString(s.text)
			}
		}
		out.WriteByte('"')
		return out.String()
	}
	for _, s := range w {
		if s.variable {
			out.WriteString(`"$` + s.text + `"`)
		} else if s.text != "" {
			out.WriteString(singleQuote(s.text))
		}
	}
	return out.String()
}

// doubleQuotable reports whether every literal of w means the same inside double quotes.
func (w word) doubleQuotable() bool {
	for _, s := range w {
		if !s.variable && strings.ContainsAny(s.text, "\"\\$`!") {
			return false
		}
	}
	return true
}

// varRef is $NAME, or ${NAME} when the next literal starts with a name character.
func varRef(name string, w word, i int) string {
	if i+1 < len(w) && !w[i+1].variable && w[i+1].text != "" {
		c := w[i+1].text[0]
		if c == '_' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			return "${" + name + "}"
		}
	}
	return "$" + name
}

// shellQuote leaves a word of safe characters bare and single-quotes anything else.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-") == "" {
		return s
	}
	return singleQuote(s)
}

// singleQuote wraps s in single quotes; a single quote inside closes them, adds an escaped
// quote and opens them again.
func singleQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
