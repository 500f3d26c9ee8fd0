package symbol

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ReadImported reads the securities imported into the file at path
// (symbols.json, see AddImported): none when there is no such file yet.
func ReadImported(path string) ([]Security, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var secs []Security
	if err := json.Unmarshal(data, &secs); err != nil {
		return nil, fmt.Errorf("%s is damaged (%v); import your symbols again with `brief symbols import FILE`", path, err)
	}
	return secs, nil
}

// AddImported adds secs to the securities imported into the file at path,
// over older entries of the same symbol, and returns how many the file
// holds now. The file is replaced whole, by a rename, so that an import
// cut short leaves the last one in place.
func AddImported(path string, secs []Security) (int, error) {
	old, err := ReadImported(path)
	if err != nil {
		return 0, err
	}
	merged := mergeSecurities(old, secs)
	data, err := json.Marshal(merged)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return 0, err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return 0, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return 0, err
	}
	return len(merged), nil
}

// mergeSecurities adds newer entries over older ones, by symbol.
func mergeSecurities(old, add []Security) []Security {
	idx := map[string]int{}
	out := append([]Security(nil), old...)
	for i, s := range out {
		idx[s.Symbol] = i
	}
	for _, s := range add {
		if i, ok := idx[s.Symbol]; ok {
			out[i] = s
			continue
		}
		idx[s.Symbol] = len(out)
		out = append(out, s)
	}
	return out
}
