package edgar

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// CacheDir is where quarterdash caches SEC responses:
// $XDG_CACHE_HOME/quarterdash/sec, or ~/.cache/quarterdash/sec when
// XDG_CACHE_HOME is unset or not absolute (as the XDG spec says). It
// returns "" when neither is known.
func CacheDir(xdgCacheHome, home string) string {
	if filepath.IsAbs(xdgCacheHome) {
		return filepath.Join(xdgCacheHome, "quarterdash", "sec")
	}
	if home == "" {
		return ""
	}
	return filepath.Join(home, ".cache", "quarterdash", "sec")
}

// cache keeps one file per document (the decoded JSON, as SEC sent it)
// and beside it NAME.meta: the validators for a conditional request and
// when the copy was fetched. The body's hash ties the two together, so a
// meta file left from an older body is ignored rather than trusted.
type cache struct{ dir string }

type meta struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Fetched      time.Time `json:"fetched"`
	SHA256       string    `json:"sha256"`
	Size         int       `json:"size"`
}

type entry struct {
	body []byte
	meta meta
	// stale marks a copy that must be asked for again before it is used
	// (it came from another URL).
	stale bool
}

// load returns the cached copy of file, or nil when there is none or it
// is not whole JSON (a truncated or corrupted file is refetched, never
// used). A copy cached from another URL (another base URL) keeps its
// body for offline use but loses its validators and its freshness.
func (c *cache) load(file, url string) *entry {
	path := filepath.Join(c.dir, file)
	body, err := os.ReadFile(path)
	if err != nil || !json.Valid(body) {
		return nil
	}
	e := &entry{body: body}
	sum := hashOf(body)
	var m meta
	if b, err := os.ReadFile(path + ".meta"); err == nil && json.Unmarshal(b, &m) == nil && m.SHA256 == sum {
		e.meta = m
	} else if fi, err := os.Stat(path); err == nil {
		// No trustworthy meta: the file's time is when it was written.
		e.meta = meta{URL: url, Fetched: fi.ModTime(), SHA256: sum, Size: len(body)}
	}
	if e.meta.URL != url {
		e.meta = meta{URL: url, SHA256: sum, Size: len(body), Fetched: e.meta.Fetched}
		e.meta.ETag, e.meta.LastModified = "", ""
		e.stale = true
	}
	return e
}

// store writes body and then its meta, each atomically; a failure leaves
// the previous files as they were.
func (c *cache) store(file string, body []byte, m meta) error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	m.SHA256, m.Size = hashOf(body), len(body)
	path := filepath.Join(c.dir, file)
	if err := WriteFileAtomic(path, body, 0o644); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return c.storeMeta(file, m)
}

// storeMeta rewrites the meta of a cached body (after a 304).
func (c *cache) storeMeta(file string, m meta) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	if err := WriteFileAtomic(filepath.Join(c.dir, file+".meta"), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

func hashOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// WriteFileAtomic writes data to a temporary file in path's directory and
// renames it over path, so that a reader sees the old file or the new one,
// never a mix, and a failure (a full disk, a crash) leaves the old file
// whole.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
