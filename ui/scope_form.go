package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/linkstep/linkstep/flows"
)

// scopeForm is what the consent form holds: which scopes are ticked and which product is
// chosen. It keeps the rules of flows.ChooseScopes: a required scope stays ticked, a scope is
// only ticked with the scope it needs (ticking it ticks that one too, and unticking that one
// unticks it), and exactly one product is chosen when there are products.
type scopeForm struct {
	scopes   []flows.Scope
	ticked   []bool
	products []string
	product  int // the chosen product's index; -1 when there are no products
}

func newScopeForm(p flows.ChooseScopes) scopeForm {
	f := scopeForm{
		scopes:   p.Scopes,
		ticked:   make([]bool, len(p.Scopes)),
		products: p.Products,
		product:  -1,
	}
	for i, s := range p.Scopes {
		f.ticked[i] = s.Required || s.Default
	}
	if len(p.Products) > 0 {
		f.product = max(0, slices.Index(p.Products, p.Product))
	}
	return f.settle()
}

// index is the position of the scope named name, or -1.
func (f scopeForm) index(name string) int {
	return slices.IndexFunc(f.scopes, func(s flows.Scope) bool { return s.Name == name })
}

// settle makes the defaults keep the rules: a ticked scope ticks what it needs, and one whose
// need is not offered is unticked.
func (f scopeForm) settle() scopeForm {
	for changed := true; changed; {
		changed = false
		for i, s := range f.scopes {
			if !f.ticked[i] || s.Needs == "" {
				continue
			}
			if n := f.index(s.Needs); n < 0 {
				f.ticked[i], changed = false, true
			} else if !f.ticked[n] {
				f.ticked[n], changed = true, true
			}
		}
	}
	return f
}

// toggle ticks or unticks scope i with what the rules carry along, and says what else changed
// or why nothing did; "" when only scope i changed.
func (f scopeForm) toggle(i int) (scopeForm, string) {
	s := f.scopes[i]
	f.ticked = slices.Clone(f.ticked)
	switch {
	case s.Required:
		return f, s.Name + " is always asked for"
	case f.ticked[i] && f.neededByRequired(s.Name) != "":
		return f, fmt.Sprintf("%s is always asked for, and it needs %s", f.neededByRequired(s.Name), s.Name)
	case f.ticked[i]:
		f.ticked[i] = false
		var also []string
		for changed := true; changed; { // untick what needs it, and what needs those
			changed = false
			for j, d := range f.scopes {
				if f.ticked[j] && d.Needs != "" && !d.Required && !f.tickedName(d.Needs) {
					f.ticked[j], changed = false, true
					also = append(also, d.Name)
				}
			}
		}
		if len(also) > 0 {
			return f, fmt.Sprintf("unticked %s too: it needs %s", strings.Join(also, ", "), s.Name)
		}
		return f, ""
	default:
		var also []string
		for j := i; f.scopes[j].Needs != ""; { // tick it, what it needs, and what that needs
			n := f.index(f.scopes[j].Needs)
			if n < 0 {
				return f, fmt.Sprintf("%s needs %s, which this provider does not offer", f.scopes[j].Name, f.scopes[j].Needs)
			}
			if f.ticked[n] || n == i {
				break
			}
			f.ticked[n] = true
			also = append(also, f.scopes[n].Name)
			j = n
		}
		f.ticked[i] = true
		if len(also) > 0 {
			return f, fmt.Sprintf("ticked %s too: %s needs it", strings.Join(also, ", "), s.Name)
		}
		return f, ""
	}
}

// neededByRequired is a required scope that needs the scope named name, or "".
func (f scopeForm) neededByRequired(name string) string {
	for _, s := range f.scopes {
		if s.Required && s.Needs == name {
			return s.Name
		}
	}
	return ""
}

// tickedName reports whether the scope named name is ticked.
func (f scopeForm) tickedName(name string) bool {
	i := f.index(name)
	return i >= 0 && f.ticked[i]
}

// choose makes product i the chosen one.
func (f scopeForm) choose(i int) scopeForm {
	if i >= 0 && i < len(f.products) {
		f.product = i
	}
	return f
}

// answer is the ticked scopes, in the order offered, and the chosen product.
func (f scopeForm) answer() flows.ScopesChosen {
	var a flows.ScopesChosen
	for i, s := range f.scopes {
		if f.ticked[i] {
			a.Scopes = append(a.Scopes, s.Name)
		}
	}
	if f.product >= 0 {
		a.Product = f.products[f.product]
	}
	return a
}
