package xbrl

import "errors"

// Convert turns a companyfacts response into a validated data set.
func Convert(companyfacts []byte, opts Options) (*Result, error) {
	return nil, errors.New("xbrl: Convert is not implemented yet")
}
