package server

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKeyFilesMustBeSmallRegularFiles: /dev/zero as --host-key or
// --authorized-keys was read until memory ran out, and a named pipe as
// --host-key hung the start. Each is refused at once, naming the path and
// saying why.
func TestKeyFilesMustBeSmallRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, []byte(strings.Repeat("#\n", maxAuthorizedKeysBytes)), 0o600); err != nil {
		t.Fatal(err)
	}
	goodKey := filepath.Join(dir, "hostkey")
	for _, tc := range []struct {
		name     string
		hostKey  string
		authKeys string
		want     string
	}{
		{"host key is a FIFO", fifo, "", "named pipe"},
		{"host key is /dev/zero", "/dev/zero", "", "a device"},
		{"host key is too big", big, "", "the limit is"},
		{"authorized keys is a FIFO", goodKey, fifo, "named pipe"},
		{"authorized keys is /dev/zero", goodKey, "/dev/zero", "a device"},
		{"authorized keys is too big", goodKey, big, "the limit is"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if strings.Contains(tc.hostKey+tc.authKeys, "/dev/zero") {
				if _, err := os.Stat("/dev/zero"); err != nil {
					t.Skip("no /dev/zero here")
				}
			}
			res := make(chan error, 1)
			go func() {
				_, err := New(Config{HostKeyPath: tc.hostKey, AuthorizedKeysPath: tc.authKeys, Data: testData(t)})
				res <- err
			}()
			select {
			case err := <-res:
				path := tc.hostKey
				if tc.authKeys != "" {
					path = tc.authKeys
				}
				if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("err %v, want one naming %s and saying %q", err, path, tc.want)
				}
			case <-time.After(wait):
				t.Fatal("New did not return")
			}
		})
	}
}
