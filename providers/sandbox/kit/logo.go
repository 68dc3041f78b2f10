package kit

import (
	"fmt"
	"hash/fnv"
	"html"
	"net/http"
	"strings"
)

// WriteBankLogo draws a simple round SVG logo for a bank without one of its own: the first
// letter of its name on a colour derived from its id.
func WriteBankLogo(w http.ResponseWriter, id, name string) {
	initial := "?"
	if name != "" {
		initial = strings.ToUpper(string([]rune(name)[:1]))
	}
	sum := fnv.New32a()
	sum.Write([]byte(id))
	hue := sum.Sum32() % 360
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">`+
		`<circle cx="32" cy="32" r="32" fill="hsl(%d,60%%,45%%)"/>`+
		`<text x="32" y="42" font-family="sans-serif" font-size="30" font-weight="700" fill="#fff" text-anchor="middle">%s</text></svg>`,
		hue, html.EscapeString(initial))
}
