package symbol

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestAddImportedMergesBySymbol: a second import keeps the first one's
// securities, replaces those of the same symbol in place, and appends the
// new ones; the file reads back as written.
func TestAddImportedMergesBySymbol(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "symbols.json")
	if secs, err := ReadImported(path); err != nil || secs != nil {
		t.Fatalf("before any import: %v, %v; want none and no error", secs, err)
	}
	first := []Security{{Symbol: "ZTRX", Name: "Zentrix"}, {Symbol: "QQQX", Name: "Old name"}}
	if n, err := AddImported(path, first); err != nil || n != 2 {
		t.Fatalf("first import: %d, %v", n, err)
	}
	second := []Security{{Symbol: "QQQX", Name: "New name"}, {Symbol: "ABCD", Name: "Abcd Corp."}}
	if n, err := AddImported(path, second); err != nil || n != 3 {
		t.Fatalf("second import: %d, %v", n, err)
	}
	got, err := ReadImported(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []Security{{Symbol: "ZTRX", Name: "Zentrix"}, {Symbol: "QQQX", Name: "New name"}, {Symbol: "ABCD", Name: "Abcd Corp."}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after two imports:\n got %+v\nwant %+v", got, want)
	}
	if _, err := os.Stat(path + ".tmp"); !os.IsNotExist(err) {
		t.Errorf("the temporary file is left behind: %v", err)
	}
}

// TestReadImportedDamagedFile says how to mend a damaged file, and an
// import over it is refused rather than dropping what it held.
func TestReadImportedDamagedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "symbols.json")
	if err := os.WriteFile(path, []byte("[{"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := ReadImported(path)
	if err == nil || !strings.Contains(err.Error(), "is damaged") || !strings.Contains(err.Error(), "brief symbols import FILE") {
		t.Fatalf("damaged file: %v", err)
	}
	if _, err := AddImported(path, []Security{{Symbol: "ZTRX"}}); err == nil {
		t.Error("imported over a damaged file")
	}
	if data, _ := os.ReadFile(path); string(data) != "[{" {
		t.Errorf("damaged file changed to %q", data)
	}
}
