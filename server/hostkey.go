package server

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// HostKeyFile is the file name of the host key under the data directory.
const HostKeyFile = "ssh_host_ed25519"

// DefaultHostKeyPath is where the host key lives unless --host-key says
// otherwise: $XDG_DATA_HOME/quarterdash/ssh_host_ed25519, or
// ~/.local/share/quarterdash/ssh_host_ed25519 when XDG_DATA_HOME is unset or
// not absolute (the XDG spec says to ignore a relative one). The caller
// passes the environment in, so this package never reads it.
func DefaultHostKeyPath(xdgDataHome, home string) string {
	base := xdgDataHome
	if base == "" || !filepath.IsAbs(base) {
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "quarterdash", HostKeyFile)
}

// HostKey is the server's identity, loaded from or created at Path.
type HostKey struct {
	Signer gossh.Signer
	Path   string
	// Created is true when this start generated the key.
	Created bool
	// Loose is true when the file is readable by group or others, which
	// OpenSSH would refuse; the server warns about it but carries on.
	Loose bool
}

// Fingerprint is the SHA256 fingerprint clients see in known_hosts prompts.
func (k HostKey) Fingerprint() string { return gossh.FingerprintSHA256(k.Signer.PublicKey()) }

// LoadOrCreateHostKey returns the host key at path, creating an ed25519 key
// there (file 0600, directory 0700) when no file exists. A file that exists
// but cannot be read or parsed is an error naming the path, and it is left
// untouched: overwriting it would silently change the server's identity and
// make every client's known_hosts entry look like an attack.
func LoadOrCreateHostKey(path string) (HostKey, error) {
	if path == "" {
		return HostKey{}, errors.New("host key: no path given")
	}
	k, err := loadHostKey(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return k, err
	}
	if err := createHostKey(path); err != nil {
		return HostKey{}, err
	}
	k, err = loadHostKey(path)
	k.Created = err == nil
	return k, err
}

func loadHostKey(path string) (HostKey, error) {
	b, fi, err := readRegularFile(path, maxHostKeyBytes)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return HostKey{}, err
		}
		return HostKey{}, fmt.Errorf("host key %s: cannot read it: %w", path, err)
	}
	raw, err := gossh.ParseRawPrivateKey(b)
	if err != nil {
		var pm *gossh.PassphraseMissingError
		if errors.As(err, &pm) {
			return HostKey{}, fmt.Errorf("host key %s: it is passphrase-protected; a server key must not be", path)
		}
		return HostKey{}, fmt.Errorf("host key %s: not a valid SSH private key (%v); fix or remove it, it is never overwritten", path, err)
	}
	signer, err := gossh.NewSignerFromKey(raw)
	if err != nil {
		return HostKey{}, fmt.Errorf("host key %s: unusable key: %w", path, err)
	}
	return HostKey{Signer: signer, Path: path, Loose: fi.Mode().Perm()&0o077 != 0}, nil
}

// createHostKey writes a new ed25519 key to path without ever replacing a
// file: the key goes to a temporary file in the same directory first and is
// then hard-linked into place, which fails if another process created path
// in the meantime (that key then wins and is loaded by the caller).
func createHostKey(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("host key %s: cannot create its directory: %w", path, err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("host key %s: generate: %w", path, err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "quarterdash host key")
	if err != nil {
		return fmt.Errorf("host key %s: encode: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("host key %s: %w", path, err)
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName) // a no-op once linked and removed below
	// CreateTemp already uses 0600; Chmod states the intent and guards
	// against an unusual umask-free implementation.
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("host key %s: %w", path, err)
	}
	if _, err := tmp.Write(pem.EncodeToMemory(block)); err != nil {
		tmp.Close()
		return fmt.Errorf("host key %s: write: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("host key %s: sync: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("host key %s: %w", path, err)
	}
	if err := os.Link(tmpName, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil // someone else's key arrived first; load that one
		}
		return fmt.Errorf("host key %s: cannot put it in place: %w", path, err)
	}
	return nil
}
