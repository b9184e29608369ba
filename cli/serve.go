package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/charmbracelet/log"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"quarterdash/server"
	"quarterdash/ui"
)

// shutdownGrace is how long SIGINT/SIGTERM/SIGHUP waits for sessions to say
// goodbye before cutting them.
const shutdownGrace = 5 * time.Second

// serveEnv maps each serve flag to the environment variable that sets it
// when the flag is not given (flags > environment > defaults).
func serveEnv() [][2]string {
	return [][2]string{
		{"listen", "QUARTERDASH_LISTEN"},
		{"host-key", "QUARTERDASH_HOST_KEY"},
		{"authorized-keys", "QUARTERDASH_AUTHORIZED_KEYS"},
		{"max-sessions", "QUARTERDASH_MAX_SESSIONS"},
		{"max-sessions-per-ip", "QUARTERDASH_MAX_SESSIONS_PER_IP"},
		{"idle-timeout", "QUARTERDASH_IDLE_TIMEOUT"},
		{"max-session-time", "QUARTERDASH_MAX_SESSION_TIME"},
		{"conn-rate", "QUARTERDASH_CONN_RATE"},
		{"conn-burst", "QUARTERDASH_CONN_BURST"},
	}
}

// serveLong is serve's --help text.
var serveLong = "serve runs an SSH server: everyone who connects with `ssh -p PORT HOST` gets the\n" +
	"dashboard in their own terminal, with their own tabs, quarter and colours. Without\n" +
	"a terminal, `ssh HOST render --view NAME` and `ssh HOST export --format csv|json`\n" +
	"print what the local commands print. There is no shell, no forwarding, no SFTP.\n\n" +
	"The host key (ed25519) is created on first start and reused afterwards; its\n" +
	"fingerprint is printed on start. Access is open unless --authorized-keys is given.\n" +
	"SIGINT, SIGTERM or SIGHUP tells every session the server is going down, waits up\n" +
	"to " + shutdownGrace.String() + ", then closes what is left and exits 0.\n\n" +
	"Each flag can also be set by the environment variable named in its help;\n" +
	"a flag on the command line wins. A limit outside its range is refused (exit 2)."

func newServeCmd(app *App) *cobra.Command {
	company := ""
	var sec secFlags
	cfg := server.Config{
		Addr:             server.DefaultAddr,
		MaxSessions:      server.DefaultMaxSessions,
		MaxSessionsPerIP: server.DefaultMaxSessionsPerIP,
		IdleTimeout:      server.DefaultIdleTimeout,
		MaxSessionTime:   server.DefaultMaxSessionTime,
		ConnRate:         server.DefaultConnRate,
		ConnBurst:        server.DefaultConnBurst,
	}
	cmd := &cobra.Command{
		Use:   "serve [--listen ADDR] [--host-key PATH] [--authorized-keys FILE] [limits]",
		Short: "Serve the dashboard over SSH (ssh -p 23234 HOST)",
		Long:  serveLong,
		Example: "  quarterdash serve\n" +
			"  quarterdash serve --listen 0.0.0.0:23234 --max-sessions 500\n" +
			"  ssh -p 23234 localhost",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError(cmd, fmt.Sprintf("unexpected argument %q", args[0]))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := applyServeEnv(cmd.Flags(), os.LookupEnv); err != nil {
				return valueError(cmd, err.Error())
			}
			if err := checkServeConfig(cfg); err != nil {
				return valueError(cmd, err.Error())
			}
			if company != "" {
				d, err := serveCompanyData(cmd, company, sec)
				if err != nil {
					return err
				}
				cfg.Data = d
			}
			return runServe(app, cfg)
		},
	}
	addServeFlags(cmd.Flags(), &cfg)
	addServeCompanyFlags(cmd.Flags(), &company, &sec)
	cmd.SetFlagErrorFunc(flagError)
	return cmd
}

// addServeFlags binds serve's flags to cfg. Every limit is bounded by the
// range the server accepts, so a value that would switch a protection off
// (0, NaN, Inf, an overflowing cap) is refused as the flag is set.
func addServeFlags(fl *pflag.FlagSet, cfg *server.Config) {
	env := func(flag string) string {
		for _, e := range serveEnv() {
			if e[0] == flag {
				return " (env " + e[1] + ")"
			}
		}
		return ""
	}
	fl.StringVar(&cfg.Addr, "listen", cfg.Addr, "address to listen on"+env("listen"))
	fl.StringVar(&cfg.HostKeyPath, "host-key", "",
		"ed25519 host key, created if missing (default $XDG_DATA_HOME/quarterdash/"+server.HostKeyFile+
			", else ~/.local/share/quarterdash/"+server.HostKeyFile+")"+env("host-key"))
	fl.StringVar(&cfg.AuthorizedKeysPath, "authorized-keys", "",
		"only let in the public keys in this authorized_keys file (default: open to all)"+env("authorized-keys"))
	sessions := func(p *int) intRange { return intRange{p: p, min: 1, max: server.MaxSessionsCeiling} }
	fl.Var(sessions(&cfg.MaxSessions), "max-sessions",
		fmt.Sprintf("most concurrent sessions in all, 1-%d", server.MaxSessionsCeiling)+env("max-sessions"))
	fl.Var(sessions(&cfg.MaxSessionsPerIP), "max-sessions-per-ip",
		fmt.Sprintf("most concurrent sessions from one address, 1-%d", server.MaxSessionsCeiling)+env("max-sessions-per-ip"))
	fl.Var(durationRange{p: &cfg.IdleTimeout, max: server.TimeoutCeiling}, "idle-timeout",
		"close a dashboard after no key for this long, up to "+server.TimeoutCeiling.String()+env("idle-timeout"))
	fl.Var(durationRange{p: &cfg.MaxSessionTime, max: server.TimeoutCeiling}, "max-session-time",
		"close any session after this long, up to "+server.TimeoutCeiling.String()+env("max-session-time"))
	fl.Var(floatRange{p: &cfg.ConnRate, min: server.ConnRateFloor, max: server.ConnRateCeiling}, "conn-rate",
		fmt.Sprintf("new connections per second allowed from one address, after the burst, %g-%g",
			server.ConnRateFloor, server.ConnRateCeiling)+env("conn-rate"))
	fl.Var(intRange{p: &cfg.ConnBurst, min: 1, max: server.ConnBurstCeiling}, "conn-burst",
		fmt.Sprintf("new connections one address may open at once, 1-%d", server.ConnBurstCeiling)+env("conn-burst"))
}

// applyServeEnv sets every flag that was not given on the command line
// from its environment variable, parsed by the flag itself so that the
// syntax is the same.
func applyServeEnv(fl *pflag.FlagSet, lookupEnv func(string) (string, bool)) error {
	for _, e := range serveEnv() {
		v, ok := lookupEnv(e[1])
		if !ok || fl.Changed(e[0]) {
			continue
		}
		if err := fl.Set(e[0], v); err != nil {
			return fmt.Errorf("%s=%q: %v", e[1], v, err)
		}
	}
	return nil
}

// checkServeConfig checks what the flags' own ranges cannot: the listen
// address's shape. The limits were checked as they were set.
func checkServeConfig(c server.Config) error {
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("--listen %q: want HOST:PORT, e.g. 127.0.0.1:23234", c.Addr)
	}
	return nil
}

func runServe(app *App, cfg server.Config) error {
	// A company's filings (--company), else every --data (or the
	// embedded set).
	cs := []ui.Company{{Data: cfg.Data}}
	if cfg.Data == nil {
		var err error
		if cs, err = app.LoadCompanies(); err != nil {
			return err
		}
	}
	cfg.Data = cs[0].Data
	var several []ui.Company
	if len(cs) > 1 {
		// Every session opens them all, each with its own position.
		several = cs
		for _, c := range cs {
			cfg.Companies = append(cfg.Companies, c.Data)
		}
	}
	cfg.Commands = sshCommands(cfg.Data, several...)
	if cfg.HostKeyPath == "" {
		home, err := os.UserHomeDir()
		if err != nil && os.Getenv("XDG_DATA_HOME") == "" {
			return fmt.Errorf("serve: no home directory for the host key (%v); give --host-key", err)
		}
		cfg.HostKeyPath = server.DefaultHostKeyPath(os.Getenv("XDG_DATA_HOME"), home)
	}
	cfg.Logger = log.NewWithOptions(app.Stderr, log.Options{ReportTimestamp: true, Prefix: "serve"})

	srv, err := server.New(cfg)
	if err != nil {
		return err
	}
	if err := srv.Listen(); err != nil {
		return err
	}
	addr := srv.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	fmt.Fprintf(app.Stdout, "quarterdash is serving on %s\nhost key %s (%s)\nconnect with: ssh -p %s localhost\n",
		addr, srv.HostKey().Fingerprint(), srv.HostKey().Path, port)

	// SIGHUP (the terminal closed, or a supervisor's "reload") ends the
	// server like SIGTERM: with a goodbye to every session and exit 0,
	// not the default death with status 129. There is nothing to reload:
	// the data set and keys are read once, at start.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve() }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	stop() // a second Ctrl-C now kills the process the default way
	grace, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(grace); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return <-served
}
