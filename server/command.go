package server

import (
	"bufio"
	"fmt"
	"io"

	"github.com/charmbracelet/ssh"
)

// CommandFunc runs a command a client sent with `ssh HOST CMD ...`: args
// are its words, split by the library's shell-word lexer and never run by
// a shell; stdout and stderr are the session's. It returns the exit
// status. The caller (package cli) serves its own command tree through it,
// so a command over SSH is parsed and checked exactly as it is locally.
type CommandFunc func(args []string, stdin io.Reader, stdout, stderr io.Writer) int

// runCommand runs a command through the configured CommandFunc. Output is
// buffered, since scripts are the audience and a frame is written in many
// small pieces.
func (s *Server) runCommand(sess ssh.Session, args []string) (status int, reason string) {
	name := clip(args[0])
	if s.cfg.Commands == nil {
		fmt.Fprintln(sess.Stderr(), "quarterdash: this server runs no commands; connect with `ssh -t` for the dashboard")
		return 1, "no commands"
	}
	out := bufio.NewWriter(sess)
	status = s.cfg.Commands(args, sess, out, sess.Stderr())
	if err := out.Flush(); err != nil && status == 0 {
		status = 1
	}
	switch status {
	case 0:
		return 0, name
	case statusUsage:
		return status, name + ": bad arguments"
	}
	return status, name + " failed"
}
