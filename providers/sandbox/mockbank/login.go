package mockbank

import (
	"embed"
	"net/http"
	"strings"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// templateFS holds the login page.
//
//go:embed templates/*.html
var templateFS embed.FS

// LoginPageName names the login page among the pages parsed with LoginPageSource.
const LoginPageName = "login"

// LoginRefused is what the login page says after a wrong username or password; the page
// shows it in the element with id login-error.
const LoginRefused = "Invalid username or password."

// LoginPageSource is the login page's template, for kit.MustParsePages.
func LoginPageSource() kit.PageSource {
	return kit.PageSource{FS: templateFS, Dir: "templates", Names: []string{LoginPageName}}
}

// LoginPage is the data of the mock bank's login page: a form posting username, password and
// the session's form token to Action.
type LoginPage struct {
	Title, Action, FormToken string
	BankName, BankLogoURL    string
	Username, Error          string // shown again after a refused attempt, with the error
}

// ReadLogin returns the username a parsed login form carries, trimmed, and the mock user the
// username and password sign in as, if they do.
func ReadLogin(r *http.Request) (username string, u User, ok bool) {
	username = strings.TrimSpace(r.PostFormValue("username"))
	u, ok = Lookup(username, r.PostFormValue("password"))
	return username, u, ok
}
