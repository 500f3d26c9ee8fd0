package feed

// Descriptors. Every fetch in flight holds a socket, two for a moment while
// it resolves a name (A and AAAA lookups) or races IPv4 against IPv6, and
// every kept-alive connection holds one while idle. With a low limit on
// open files (`ulimit -n 64`) and the default 64 fetches in flight plus up
// to 128 idle connections, fetches failed with "socket: too many open
// files". The Fetcher therefore sizes its bounds to the descriptors left:
// the soft limit (which Go raises to the hard one as the program starts),
// less those open when it is made and a reserve for what opens later
// (SQLite's reading connections, a database file, its log and shared
// memory each, and temporary files; a terminal; the runtime).

const (
	fdReserve   = 24 // descriptors left for the rest of the process
	fdsPerFetch = 2  // a fetch in flight, at its peak
)

// fdBounds are the Fetcher's limits once sized to the descriptors left.
type fdBounds struct {
	concurrency int // fetches in flight
	idle        int // kept-alive connections of the main transport
	guardedIdle int // and of the one for redirects from public addresses
}

// sizeBounds fits o's bounds into avail descriptors; a negative avail
// means the limit is unknown or high enough not to matter.
func sizeBounds(o Options, avail int) fdBounds {
	b := fdBounds{
		concurrency: o.Concurrency,
		idle:        max(100, 2*o.Concurrency),
		guardedIdle: 4 * o.PerHost,
	}
	if avail < 0 || avail >= fdsPerFetch*b.concurrency+b.idle+b.guardedIdle {
		return b
	}
	// Two thirds to fetches in flight, the rest to idle connections, so
	// that a host fetched again soon does not cost a new connection.
	b.concurrency = max(1, min(b.concurrency, avail*2/3/fdsPerFetch))
	rest := max(2, avail-fdsPerFetch*b.concurrency)
	b.guardedIdle = max(1, min(b.guardedIdle, rest/4))
	b.idle = max(1, rest-b.guardedIdle)
	return b
}

// fdsAvailable is how many descriptors fetches may use, or -1 when there
// is no telling.
func fdsAvailable() int {
	limit, open, ok := fdUsage()
	if !ok {
		return -1
	}
	return max(0, limit-open-fdReserve)
}
