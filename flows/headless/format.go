package headless

import "fmt"

// Format is how a run's result or failure is written on stdout: json (the default) or text.
// It is a flag value.
type Format string

// The formats a run can write.
const (
	JSON Format = "json"
	Text Format = "text"
)

// String returns the format's flag value.
func (f *Format) String() string { return string(*f) }

// Set reads a flag value, naming the valid ones on error.
func (f *Format) Set(s string) error {
	switch Format(s) {
	case JSON, Text:
		*f = Format(s)
		return nil
	}
	return fmt.Errorf("unknown output %q: use json or text", s)
}

// Type names the flag's values in help.
func (f *Format) Type() string { return "json|text" }

// Valid lists the formats, for an error that names them.
func (f *Format) Valid() []string { return []string{string(JSON), string(Text)} }
