// Package digest hashes a record field by field: each string or byte
// field as its length (8 bytes, little-endian) and then its bytes, each
// number as 8 little-endian bytes, with SHA-256, of which 16 bytes are
// kept. The store and the ingest compare such digests to skip work on
// what did not change, so the bytes hashed must never change.
//
// It exists because hash.Hash takes only []byte: converting each string
// field to write it copied every article's HTML and markdown once more.
package digest

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
)

// Fields accumulates a record's digest. The zero value is not ready; use
// New. A Fields is not safe for concurrent use.
type Fields struct {
	h   hash.Hash
	buf [512]byte
}

// New returns an empty Fields.
func New() *Fields { return &Fields{h: sha256.New()} }

// Reset empties f for the next record.
func (f *Fields) Reset() { f.h.Reset() }

// String adds a string field.
func (f *Fields) String(s string) {
	f.Int(int64(len(s)))
	for len(s) > 0 {
		n := copy(f.buf[:], s)
		f.h.Write(f.buf[:n])
		s = s[n:]
	}
}

// Bytes adds a field of bytes, hashed as String would hash them.
func (f *Fields) Bytes(b []byte) {
	f.Int(int64(len(b)))
	f.h.Write(b)
}

// Int adds a number.
func (f *Fields) Int(v int64) {
	binary.LittleEndian.PutUint64(f.buf[:8], uint64(v))
	f.h.Write(f.buf[:8])
}

// Sum returns the digest of the fields added since the last Reset.
func (f *Fields) Sum() []byte { return f.h.Sum(nil)[:16] }
