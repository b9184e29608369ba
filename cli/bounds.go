package cli

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// Flag values with a range. The range is checked when the value is set, so
// a flag on the command line and its environment variable are refused the
// same way, before anything runs, with a message that states the range.

// intRange is an int flag bounded to [min, max].
type intRange struct {
	p        *int
	min, max int
}

func (v intRange) String() string {
	if v.p == nil {
		return "0"
	}
	return strconv.Itoa(*v.p)
}

func (v intRange) Set(s string) error {
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil || n < int64(v.min) || n > int64(v.max) {
		return fmt.Errorf("want a whole number from %d to %d", v.min, v.max)
	}
	*v.p = int(n)
	return nil
}

func (v intRange) Type() string { return "int" }

// floatRange is a float64 flag bounded to [min, max]; NaN and the
// infinities are never in range.
type floatRange struct {
	p        *float64
	min, max float64
}

func (v floatRange) String() string {
	if v.p == nil {
		return "0"
	}
	return strconv.FormatFloat(*v.p, 'g', -1, 64)
}

func (v floatRange) Set(s string) error {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f < v.min || f > v.max {
		return fmt.Errorf("want a number from %g to %g", v.min, v.max)
	}
	*v.p = f
	return nil
}

func (v floatRange) Type() string { return "float" }

// durationRange is a duration flag above 0 and at most max.
type durationRange struct {
	p   *time.Duration
	max time.Duration
}

func (v durationRange) String() string {
	if v.p == nil {
		return "0s"
	}
	return v.p.String()
}

func (v durationRange) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 || d > v.max {
		return fmt.Errorf("want a duration above 0 and at most %s, such as 10m", v.max)
	}
	*v.p = d
	return nil
}

func (v durationRange) Type() string { return "duration" }
