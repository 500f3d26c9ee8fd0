//go:build cgo && linux

package addrspace

/*
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

// Keep in step with minAddressSpaceKiB in addrspace_linux.go.
#define BRIEF_MIN_AS_KIB 1000000UL

// This runs as the program is loaded, before the Go runtime starts: with a
// limit on address space (ulimit -v, systemd's LimitAS=) too small for it,
// the runtime dies with a dump of every goroutine instead of a message.
//
// glibc gives every thread that calls malloc an arena of its own, each a
// 64 MB reservation of address space. With cgo, every thread the runtime
// starts calls malloc once (to learn its stack bounds), so a handful of
// threads reserved half a gigabyte that was never used. brief calls C only
// for user and host lookups: one arena is plenty. Each of those threads
// also reserved a stack of ulimit -s (8 MB by default); the C they run
// (getaddrinfo, getpwuid_r) needs a fraction of the 1 MB they get instead.
__attribute__((constructor)) static void brief_address_space(void) {
	struct rlimit rl;
	if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur < BRIEF_MIN_AS_KIB * 1024) {
		if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= BRIEF_MIN_AS_KIB * 1024) {
			rl.rlim_cur = rl.rlim_max;
			setrlimit(RLIMIT_AS, &rl);
		} else {
			dprintf(2, "brief: the address-space limit (ulimit -v) is %lu KiB; brief needs at least %lu KiB\n",
				(unsigned long)(rl.rlim_max / 1024), BRIEF_MIN_AS_KIB);
			_exit(1);
		}
	}
	mallopt(M_ARENA_MAX, 1);
	pthread_attr_t attr;
	if (pthread_attr_init(&attr) == 0) {
		if (pthread_attr_setstacksize(&attr, 1 << 20) == 0) {
			pthread_setattr_default_np(&attr);
		}
		pthread_attr_destroy(&attr);
	}
}
*/
import "C"
