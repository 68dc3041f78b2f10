// Package flows is the journey engine. A journey is straight-line Go that reads like the
// provider's integration guide: whenever it needs a person it asks a Prompt through an Asker,
// and whenever something happens it tells an Event. The TUI, the headless runner and the tests
// are three Askers driving the very same journeys.
package flows
