package kit

// IndexRow is one line a provider sandbox shows on the sandbox's home page, such as a base URL
// or the client id it accepts.
type IndexRow struct {
	Label string
	Items []IndexItem
}

// IndexItem is one value of an IndexRow: shown as code, with an optional note beside it.
type IndexItem struct{ Code, Note string }
