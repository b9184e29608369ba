//go:build tools

// Package main pins modules that later code will import, until it does.
// Delete once every module here is imported by real code.
package main

import (
	_ "github.com/NimbleMarkets/ntcharts/sparkline"
	_ "github.com/charmbracelet/bubbles/help"
	_ "github.com/charmbracelet/bubbletea"
	_ "github.com/charmbracelet/lipgloss"
	_ "github.com/charmbracelet/log"
	_ "github.com/charmbracelet/wish"
	_ "github.com/charmbracelet/x/exp/golden"
	_ "github.com/charmbracelet/x/exp/teatest"
	_ "github.com/muesli/termenv"
	_ "github.com/spf13/cobra"
	_ "golang.org/x/crypto/ssh"
)
