package cli

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/log"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"quarterdash/data"
	"quarterdash/server"
	"quarterdash/ui"
)

// runSSHCommand runs one command line through sshCommands, as the server
// does, without the network.
func runSSHCommand(d *data.Dataset, line string) (stdout, stderr string, status int) {
	var o, e bytes.Buffer
	status = sshCommands(d)(strings.Fields(line), strings.NewReader(""), &o, &e)
	return o.String(), e.String(), status
}

// TestSSHCommandsAreTheLocalOnes: over SSH, render and export print what
// the local commands print, and refuse what they refuse, with the same
// messages and statuses; the server's window bounds are --width and
// --height's bounds; nothing but render, export and help is there.
func TestSSHCommandsAreTheLocalOnes(t *testing.T) {
	d, err := data.Parse(defaultBytes(t), "quarters.json")
	if err != nil {
		t.Fatal(err)
	}
	local := lipgloss.NewRenderer(&bytes.Buffer{})
	local.SetColorProfile(termenv.Ascii)
	views := ui.Views(d)
	for _, tc := range []struct {
		cmd string
		opt ui.RenderOptions
	}{
		{"render --view " + views[0], ui.RenderOptions{View: views[0], Width: 100, Height: 30}},
		{"render --view " + views[len(views)-1] + " --width 70 --height 20", ui.RenderOptions{View: views[len(views)-1], Width: 70, Height: 20}},
		{"render --view " + views[0] + " --quarter " + d.Quarters[0].Label() + " --width 500 --height 200",
			ui.RenderOptions{View: views[0], Quarter: d.Quarters[0].Label(), Width: 500, Height: 200}},
	} {
		want, err := ui.Render(d, local, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		got, errOut, st := runSSHCommand(d, tc.cmd)
		if st != 0 || got != want+"\n" {
			t.Errorf("%s: status %d, stderr %q\ngot:\n%s\nwant:\n%s", tc.cmd, st, errOut, got, want)
		}
	}
	if got, _, st := runSSHCommand(d, "render --list"); st != 0 || got != strings.Join(views, "\n")+"\n" {
		t.Errorf("render --list: status %d, got %q", st, got)
	}
	var csv, js bytes.Buffer
	if err := data.WriteCSV(&csv, d); err != nil {
		t.Fatal(err)
	}
	if err := data.WriteJSON(&js, d); err != nil {
		t.Fatal(err)
	}
	for cmd, want := range map[string]string{"export": csv.String(), "export --format json": js.String()} {
		if got, errOut, st := runSSHCommand(d, cmd); st != 0 || got != want {
			t.Errorf("%s: status %d, stderr %q, %d bytes, want %d", cmd, st, errOut, len(got), len(want))
		}
	}

	for _, tc := range []struct {
		cmd    string
		status int
		errHas string
		outHas string
	}{
		{"help", 0, "", "render --list"},
		{"--help", 0, "", "ssh -t -p PORT HOST"},
		{"help render", 0, "", "--view"},
		{"render --help", 0, "", "(1-500)"},
		{"bash -c id", 1, "unknown command", ""},
		{"scp -t /tmp", 1, "unknown command", ""},
		{"serve", 1, "unknown command", ""},
		{"validate /etc/passwd", 1, "unknown command", ""},
		{"completion bash", 1, "unknown command", ""},
		{"render", 2, "--view is required", ""},
		{"render --view nosuch", 2, "unknown view", ""},
		{"render --view " + views[0] + " --width 0", 2, "--width 0 is out of range: want 1 to 500", ""},
		// Locally up to 1000; over SSH the server's window bounds.
		{"render --view " + views[0] + " --width 501", 2, "--width 501 is out of range: want 1 to 500", ""},
		{"render --view " + views[0] + " --height 201", 2, "--height 201 is out of range: want 1 to 200", ""},
		{"render --view " + views[0] + " --quarter 1999-Q1", 2, "1999-Q1 is not in the data", ""},
		{"render --view " + views[0] + " --quarter FY2024", 2, "fiscal year", ""},
		{"render --bogus", 2, "unknown flag: --bogus", ""},
		// A client must not name files on the server.
		{"render --data /etc/passwd --list", 2, "unknown flag: --data", ""},
		{"export --data /etc/passwd", 2, "unknown flag: --data", ""},
		{"export --format xml", 2, "want csv or json", ""},
		{"export extra", 2, "unexpected argument", ""},
	} {
		out, errOut, st := runSSHCommand(d, tc.cmd)
		if st != tc.status || !strings.Contains(errOut, tc.errHas) || !strings.Contains(out, tc.outHas) ||
			(tc.outHas == "" && out != "") {
			t.Errorf("%s: status %d (want %d), stdout %q (want %q), stderr %q (want %q)",
				tc.cmd, st, tc.status, out, tc.outHas, errOut, tc.errHas)
		}
	}
}

// TestSSHCommandsOverSSH: the tree is what `serve` hands the server, and
// a command's output and exit status reach an SSH client.
func TestSSHCommandsOverSSH(t *testing.T) {
	d, err := data.Parse(defaultBytes(t), "quarters.json")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Config{Addr: "127.0.0.1:0", HostKeyPath: filepath.Join(t.TempDir(), "key"),
		Data: d, Commands: sshCommands(d), Logger: log.New(&bytes.Buffer{})})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Listen(); err != nil {
		t.Fatal(err)
	}
	go srv.Serve() //nolint:errcheck // ends with Shutdown
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	})
	c, err := gossh.Dial("tcp", srv.Addr().String(), &gossh.ClientConfig{User: "t", Timeout: 10 * time.Second,
		HostKeyCallback: gossh.InsecureIgnoreHostKey()})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, tc := range []struct {
		cmd            string
		status         int
		outHas, errHas string
	}{
		{"render --list", 0, "overview\n", ""},
		{"help", 0, "ssh -t -p PORT HOST", ""},
		{"render --view overview --width 501", 2, "", "out of range"},
		{"nosuch", 1, "", "unknown command"},
	} {
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		var o, e bytes.Buffer
		sess.Stdout, sess.Stderr = &o, &e
		err = sess.Run(tc.cmd)
		st := 0
		var ee *gossh.ExitError
		if errors.As(err, &ee) {
			st = ee.ExitStatus()
		} else if err != nil {
			t.Fatalf("%s: %v", tc.cmd, err)
		}
		if st != tc.status || !strings.Contains(o.String(), tc.outHas) || !strings.Contains(e.String(), tc.errHas) {
			t.Errorf("%s: status %d, stdout %q, stderr %q; want %d, %q, %q", tc.cmd, st, o.String(), e.String(),
				tc.status, tc.outHas, tc.errHas)
		}
	}
}
