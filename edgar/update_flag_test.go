package edgar

import "flag"

// The golden files live in package ui, whose tests take -update. Accepting
// (and ignoring) it here keeps the README's "go test ./... -update" working
// across the whole module instead of failing on an unknown flag.
var _ = flag.Bool("update", false, "ignored here: golden files are in package ui")
