// Package addrspace makes brief start under a limit on address space
// (ulimit -v, systemd's LimitAS=): on Linux it raises a soft limit that is
// too small to the hard one, or refuses to start in one line, before the
// Go runtime could die of the limit with a dump of every goroutine.
// Importing it is all it takes; elsewhere it does nothing.
package addrspace
