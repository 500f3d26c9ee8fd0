# Sourced by bench/cpu, bench/stories and bench/fetch-ab: the setting of
# workload c of bench/run. setup_workload_c NAME builds brief (or copies
# $brief_prebuilt) and the feed server into a temporary directory $tmp,
# starts the server with 200 feeds × 50 items and no latency (or $latency,
# when set: 100ms makes it workload a) over $hosts loopback hosts, and
# writes $tmp/config.toml subscribing to them; the feed server also gets
# ${server_args[@]}, when set. The server stops and $tmp
# goes (unless $keep is 1) when the script exits.

setup_workload_c() {
	local name=$1 i line
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/brief-$name.XXXXXX")
	server_pid=""
	trap cleanup_workload_c EXIT
	brief=$tmp/brief
	if [[ -n $brief_prebuilt ]]; then
		cp "$brief_prebuilt" "$brief"
	else
		echo "bench/$name: building brief" >&2
		(cd "$root" && go build -o "$brief" .)
	fi
	(cd "$root" && go build -o "$tmp/feedserver" ./bench/feedserver)

	"$tmp/feedserver" -addr 127.0.0.1:0 -hosts "$hosts" -seed 1 -format mixed -feeds 200 -items 50 -latency "${latency:-0}" ${server_args[@]+"${server_args[@]}"} \
		</dev/null >"$tmp/server.out" 2>"$tmp/server.err" &
	server_pid=$!
	url=""
	for ((i = 0; i < 300; i++)); do
		line=$(head -n 1 "$tmp/server.out" 2>/dev/null || true)
		if [[ $line == "listening http://"* ]]; then
			url=${line#listening }
			break
		fi
		kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.err" >&2; exit 1; }
		sleep 0.1
	done
	[[ -n $url ]] || { echo "bench/$name: the feed server did not start" >&2; exit 1; }
	for ((i = 0; i < 200; i++)); do
		printf '[[feed]]\nurl = "http://127.0.0.%d:%s/feed/%d.xml"\n' $((1 + i % hosts)) "${url##*:}" "$i"
	done >"$tmp/config.toml"
}

cleanup_workload_c() {
	[[ -z $server_pid ]] || kill "$server_pid" 2>/dev/null || true
	if ((keep)); then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}

# Summaries of a results file of "wall cpu rss-KiB" lines, one per run:
# median FILE COLUMN, the range of wall times, the mean of CPU ÷ wall (the
# cores kept busy), the range of peak RSS in MB.
median() { sort -n -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -n -k1,1 "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s–%s", lo, hi }'; }
busy() { awk '{ s += $2 / $1 } END { printf "%.2f", s / NR }' "$1"; }
peak() { sort -n -k3,3 "$1" | awk 'NR == 1 { lo = $3 } { hi = $3 } END { printf "%.0f–%.0f MB", lo / 1024, hi / 1024 }'; }
