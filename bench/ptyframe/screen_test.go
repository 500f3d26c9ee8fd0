package main

import "testing"

// A counter redrawn by a renderer that writes only the cells that changed:
// "0/0 " becomes "1/100000", whose last "0" was already on screen.
func TestScreenKeepsCellsNotRewritten(t *testing.T) {
	s := newScreen(120, 5)
	s.write([]byte("\x1b[?1049h\x1b[H\x1b[2J\x1b[38;5;247;1m  [Feeds]\x1b[1;105H0/0 \x1b[m\r\n"))
	if s.shows("1/100000") {
		t.Fatal("the counter shows before it is drawn")
	}
	s.write([]byte("\x1b[1;100H\x1b[38;5;231;48;5;75;1m1/10000\x1b[m\x1b[2;34H"))
	if !s.shows("1/100000") {
		t.Fatalf("the counter does not show; row 1 is %q", string(s.cells[0]))
	}
}

func TestScreenErasesAndRepeats(t *testing.T) {
	s := newScreen(20, 3)
	s.write([]byte("\x1b[2;1Habcdef\x1b[2;3H\x1b[2Xz\x1b[b\x1b[3b"))
	if got := string(s.cells[1][:8]); got != "abzzzzz " {
		t.Fatalf("row 2 is %q, want %q", got, "abzzzzz ")
	}
	s.write([]byte("\x1b[2;4H\x1b[K"))
	if got := string(s.cells[1][:8]); got != "abz     " {
		t.Fatalf("after erasing to the end of the line, row 2 is %q", got)
	}
}
