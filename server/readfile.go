package server

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// Size caps of the files the server reads at start. An ed25519 key is
// about 400 bytes and even a 16384-bit RSA key under 13 KiB; an
// authorized_keys file of a thousand keys is well under 1 MiB.
const (
	maxHostKeyBytes        = 64 << 10
	maxAuthorizedKeysBytes = 1 << 20
)

// readRegularFile reads a small configuration file: a regular file of at
// most limit bytes. Anything else is refused with the reason: a named pipe
// would block the start forever, and a device such as /dev/zero would be
// read until memory runs out. The open does not block on a named pipe
// (O_NONBLOCK), and the read stops one byte past the limit whatever the
// file claims its size is. An error wraps the *fs.PathError of a failed
// open, so a missing file is still fs.ErrNotExist.
func readRegularFile(path string, limit int64) ([]byte, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fi, fmt.Errorf("it is %s, not a regular file", kindOf(fi.Mode()))
	}
	if fi.Size() > limit {
		return nil, fi, fmt.Errorf("it is %d bytes; the limit is %d", fi.Size(), limit)
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fi, err
	}
	if int64(len(b)) > limit {
		return nil, fi, fmt.Errorf("it grew past the limit of %d bytes while being read", limit)
	}
	return b, fi, nil
}

// kindOf names a file that is not a regular file.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}
