// Command quarterdash is a terminal dashboard of company quarterly results.
// See README.md; this file only embeds the default data and hands over to
// package cli.
package main

import (
	_ "embed"
	"os"

	"quarterdash/cli"
)

// defaultData is Meta Platforms' quarters, so the binary needs no file
// beside it.
//
//go:embed quarters.json
var defaultData []byte

func main() {
	os.Exit(cli.Execute(defaultData, os.Args[1:]))
}
