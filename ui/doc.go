// Package ui is linkstep's terminal UI, a Bubble Tea program. Its root model (Model) draws the
// chrome — a header and a footer, each with its own height — handles the window and the global
// keys, and routes every other message to its areas (area, router). The journey area
// (journeyArea) shows the picker and runs one journey at a time through a flows.Asker bridge,
// showing each of the journey's prompts as a screen (screen_*.go). The connections home
// (homeArea), there when the UI is given a ConnectionsManager, lists the stored connections and
// acts on them in the background, handing extend and re-auth to the journey area. Screens never
// do I/O: they answer with messages, which their area turns into commands.
package ui
