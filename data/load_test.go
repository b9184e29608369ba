package data

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLoadRefusesFilesThatAreNotRegular: a named pipe as the data file
// hung Load forever (the open waited for a writer), and a device was read
// until the size cap. Both are refused at once, saying why.
func TestLoadRefusesFilesThatAreNotRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "data.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	paths := []string{fifo}
	if _, err := os.Stat("/dev/zero"); err == nil {
		paths = append(paths, "/dev/zero")
	}
	for _, path := range paths {
		res := make(chan error, 1)
		go func() { _, err := Load(path); res <- err }()
		select {
		case err := <-res:
			var pe *fs.PathError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), "not a regular file") {
				t.Errorf("Load(%s): %v, want an error saying it is not a regular file", path, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Load(%s) did not return", path)
		}
	}
}
