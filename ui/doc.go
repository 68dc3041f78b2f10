// Package ui is linkstep's terminal UI: a Bubble Tea program whose root model runs one journey
// at a time through a flows.Asker bridge and shows each of the journey's prompts as a screen.
package ui
