// Command refgen converts the sourced Meta reference file
// (meta_quarters_sourced.json) into quarterdash's data format, producing
// the default data set quarters.json:
//
//	go run ./internal/refgen -ref /work/shared/data/meta_quarters_sourced.json -out quarters.json
//
// It copies every reported figure with its flag and evidence and invents
// none; docs/data-format.md ("Where the default figures come from") says
// what it leaves out and why. The output is deterministic, so regenerating
// an unchanged reference gives a byte-identical file.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"quarterdash/data"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "refgen:", err)
		os.Exit(1)
	}
}

// run parses flags, converts, checks the result with data.Parse and writes
// it. It is separate from main so that tests can drive it.
func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("refgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	refPath := fs.String("ref", "", "path of the sourced reference JSON (required)")
	outPath := fs.String("out", "-", "where to write the data set; - for standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *refPath == "" {
		fs.Usage()
		return fmt.Errorf("-ref is required")
	}
	raw, err := readCapped(*refPath)
	if err != nil {
		return err
	}
	var ref refFile
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&ref); err != nil {
		return fmt.Errorf("%s: %v", *refPath, err)
	}
	ds, err := convert(ref)
	if err != nil {
		return fmt.Errorf("%s:\n%v", *refPath, err)
	}
	out, err := encode(ds)
	if err != nil {
		return err
	}
	// The generated file must load in the product; check it with the
	// same parser the dashboard uses before writing anything.
	if _, err := data.Parse(out, *outPath); err != nil {
		return fmt.Errorf("generated data does not parse: %v", err)
	}
	if *outPath == "-" {
		_, err = stdout.Write(out)
		return err
	}
	return os.WriteFile(*outPath, out, 0o644)
}

// readCapped reads a file, refusing one larger than data.MaxFileSize.
func readCapped(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, data.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(b) > data.MaxFileSize {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, data.MaxFileSize)
	}
	return b, nil
}
