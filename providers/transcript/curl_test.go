package transcript

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestWordQuote(t *testing.T) {
	v := func(name string) segment { return segment{text: name, variable: true} }
	l := func(s string) segment { return segment{text: s} }
	tests := []struct {
		name string
		w    word
		want string
	}{
		{"safe literal stays bare", word{l("http://127.0.0.1:8080/x/a=1,b")}, "http://127.0.0.1:8080/x/a=1,b"},
		{"a glob character is quoted", word{l("http://h/x?a=1")}, "'http://h/x?a=1'"},
		{"ampersand is single-quoted", word{l("http://h/x?a=1&b=2")}, "'http://h/x?a=1&b=2'"},
		{"a single quote is closed and escaped", word{l("it's")}, `'it'\''s'`},
		{"the empty string is quoted", word{l("")}, "''"},
		{"dollar in a literal is not expanded", word{l("price: $5")}, "'price: $5'"},
		{"a variable in double quotes", word{l("client_secret="), v("TRUELAYER_CLIENT_SECRET")}, `"client_secret=$TRUELAYER_CLIENT_SECRET"`},
		{"braces before a name character", word{v("CODE"), l("_x")}, `"${CODE}_x"`},
		{"no braces before punctuation", word{l("Bearer "), v("ACCESS_TOKEN"), l("/")}, `"Bearer $ACCESS_TOKEN/"`},
		{"a literal unsafe in double quotes is single-quoted around the variable",
			word{l(`{"access_token":"`), v("ACCESS_TOKEN"), l(`"}`)}, `'{"access_token":"'"$ACCESS_TOKEN"'"}'`},
		{"history expansion is avoided", word{l("hi! "), v("CODE")}, `'hi! '"$CODE"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.w.quote(); got != tt.want {
				t.Fatalf("quote = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCurl(t *testing.T) {
	entries := fixedEntries()
	tl := CurlVars{ClientID: "TRUELAYER_CLIENT_ID", ClientSecret: "TRUELAYER_CLIENT_SECRET"}
	ivy := CurlVars{APIKey: "IVY_API_KEY"}
	basic := Entry{Method: http.MethodPost, URL: "http://127.0.0.1:8080/oneid/token",
		RequestHeaders: NewRedactor().Headers(http.Header{"Authorization": {"Basic c2FuZGJveDpzZWNyZXQ="}, "Content-Type": {"application/x-www-form-urlencoded"}}),
		RequestBody:    NewRedactor().Body("application/x-www-form-urlencoded", []byte("grant_type=refresh_token&refresh_token="+fixedRefresh))}
	del := Entry{Method: http.MethodDelete, URL: "http://127.0.0.1:8080/truelayer/api/v1/delete?token=" + Mask(fixedRefresh)}
	tests := []struct {
		name string
		e    Entry
		vars CurlVars
		want string
	}{
		{"token exchange: form fields one by one, secrets as variables", entries[0], tl,
			"curl http://127.0.0.1:8080/truelayer/auth/connect/token \\\n" +
				"  -H 'Accept: application/json' \\\n" +
				"  -H 'Content-Type: application/x-www-form-urlencoded' \\\n" +
				"  --data-urlencode grant_type=authorization_code \\\n" +
				"  --data-urlencode client_id=sandbox-linkstep \\\n" +
				"  --data-urlencode \"client_secret=$TRUELAYER_CLIENT_SECRET\" \\\n" +
				"  --data-urlencode redirect_uri=http://127.0.0.1:5050/callback \\\n" +
				"  --data-urlencode \"code=$CODE\" \\\n" +
				"  --data-urlencode \"code_verifier=$CODE_VERIFIER\""},
		{"bearer token", entries[1], tl,
			"curl 'http://127.0.0.1:8080/truelayer/api/signup-plus/accounts?account_id=acc-1' \\\n" +
				"  -H \"Authorization: Bearer $ACCESS_TOKEN\""},
		{"API key and a JSON body", entries[2], ivy,
			"curl http://127.0.0.1:8080/ivy/api/service/data/sessions \\\n" +
				"  -H 'Content-Type: application/json' \\\n" +
				"  -H \"X-Ivy-Api-Key: $IVY_API_KEY\" \\\n" +
				"  --data-raw '{\"market\":\"DE\",\"customer\":{\"email\":\"jane@example.com\"}}'"},
		{"basic client credentials become -u", basic, CurlVars{ClientID: "ONEID_CLIENT_ID", ClientSecret: "ONEID_CLIENT_SECRET"},
			"curl http://127.0.0.1:8080/oneid/token \\\n" +
				"  -u \"$ONEID_CLIENT_ID:$ONEID_CLIENT_SECRET\" \\\n" +
				"  -H 'Content-Type: application/x-www-form-urlencoded' \\\n" +
				"  --data-urlencode grant_type=refresh_token \\\n" +
				"  --data-urlencode \"refresh_token=$REFRESH_TOKEN\""},
		{"a method curl does not imply, and a masked query value", del, CurlVars{},
			"curl \"http://127.0.0.1:8080/truelayer/api/v1/delete?token=$SECRET\" \\\n" +
				"  -X DELETE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Curl(tt.e, tt.vars)
			if got != tt.want {
				t.Fatalf("Curl =\n%s\nwant\n%s", got, tt.want)
			}
			if strings.Contains(got, maskDots) {
				t.Errorf("a mask is left in the command:\n%s", got)
			}
		})
	}
}

func TestWriteCurl(t *testing.T) {
	var out bytes.Buffer
	err := WriteCurl(&out, fixedEntries(), func(e Entry) CurlVars {
		if strings.Contains(e.URL, "/ivy/") {
			return CurlVars{APIKey: "IVY_API_KEY"}
		}
		return CurlVars{ClientSecret: "TRUELAYER_CLIENT_SECRET"}
	})
	if err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if !strings.HasPrefix(s, "# secrets are placeholders: export TRUELAYER_CLIENT_SECRET=... CODE=... CODE_VERIFIER=... ACCESS_TOKEN=... IVY_API_KEY=... first\n") {
		t.Fatalf("the first line does not list the variables to export:\n%s", s)
	}
	for _, want := range []string{"# 1. POST http://127.0.0.1:8080/truelayer/auth/connect/token → 200 (12ms)\ncurl ", "# 3. POST http://127.0.0.1:8080/ivy/api/service/data/sessions → error: dial tcp"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	for name, v := range fixedSecrets() {
		if strings.Contains(s, v) {
			t.Errorf("the %s appears in the commands", name)
		}
	}
}

// TestCurlWordsInAShell runs the commands' words through sh with the variables exported, to
// check the quoting: each word reaches curl as meant, the secrets expanded.
func TestCurlWordsInAShell(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to run the commands in")
	}
	entries := fixedEntries()
	tests := []struct {
		name string
		e    Entry
		want []string
	}{
		{"form", entries[0], []string{"--data-urlencode", "client_secret=the secret's value", "--data-urlencode", "code=c0de"}},
		{"bearer", entries[1], []string{"-H", "Authorization: Bearer a.b.c"}},
		{"json", entries[2], []string{"--data-raw", `{"market":"DE","customer":{"email":"jane@example.com"}}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := Curl(tt.e, CurlVars{ClientSecret: "TRUELAYER_CLIENT_SECRET", APIKey: "IVY_API_KEY"})
			script := "printf '%s\\n'" + strings.TrimPrefix(cmd, "curl")
			run := exec.Command(sh, "-c", script)
			run.Env = append(os.Environ(), "TRUELAYER_CLIENT_SECRET=the secret's value", "CODE=c0de", "ACCESS_TOKEN=a.b.c", "IVY_API_KEY=k")
			out, err := run.Output()
			if err != nil {
				t.Fatalf("sh: %v\n%s", err, script)
			}
			words := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
			for i := 0; i+1 < len(tt.want); i += 2 {
				found := false
				for j := 0; j+1 < len(words); j++ {
					found = found || words[j] == tt.want[i] && words[j+1] == tt.want[i+1]
				}
				if !found {
					t.Errorf("no %s %q among the words:\n%s", tt.want[i], tt.want[i+1], strings.Join(words, "\n"))
				}
			}
		})
	}
}
