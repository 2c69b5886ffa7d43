#!/bin/bash
# A throwaway PostgreSQL server for the tests and benchmarks: initdb into a temporary
# directory, serve on a free loopback port (and a Unix socket in that directory), stop at the end.
#
#   scripts/pg-test.sh exec CMD [ARGS...]
#       Run CMD with DUBAN_TEST_PG set to the server's URL without a database name
#       ("postgres://duban@127.0.0.1:PORT"); tests append "/NAME" for a database of their own.
#       When DUBAN_TEST_PG is already set (scripts/check.sh started one server for the whole
#       run), CMD runs against that server; otherwise a private server lives as long as CMD.
#   scripts/pg-test.sh start DIR [--durable]
#       Start a server whose files live in DIR (created, must not exist); prints the URL.
#       --durable keeps fsync and synchronous_commit on (benchmarks); the tests turn them off.
#   scripts/pg-test.sh stop DIR
#       Stop that server and delete DIR.
#
# Debian's packages (postgresql, libpq-dev): the server programs are found through
# `pg_config --bindir`, else the newest /usr/lib/postgresql/*/bin.  initdb refuses to run as
# root, so as root the server runs as the `postgres` user the package creates (or `nobody`),
# and DIR is handed to that user.  Authentication is `trust`, listening on 127.0.0.1 only.
set -euo pipefail

die() {
	echo "pg-test: $*" >&2
	exit 1
}

pg_bindir() {
	local d
	if command -v pg_config >/dev/null 2>&1; then
		d=$(pg_config --bindir 2>/dev/null || true)
		if [ -x "$d/initdb" ]; then
			echo "$d"
			return
		fi
	fi
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -n "$d" ] && [ -x "$d/initdb" ] || die "initdb not found: install Debian's postgresql package (scripts/install-deps.sh)"
	echo "$d"
}

# The user the server runs as: ourselves, or as root an unprivileged one.
pg_user() {
	if [ "$(id -u)" -ne 0 ]; then
		id -un
	elif id postgres >/dev/null 2>&1; then
		echo postgres
	else
		echo nobody
	fi
}

# as_pg CMD...: run CMD as the server's user.
as_pg() {
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
	else
		runuser -u "$(pg_user)" -- "$@"
	fi
}

start() {
	local dir=$1 durable=${2:-}
	local bin port url tries=0
	bin=$(pg_bindir)
	[ ! -e "$dir" ] || die "$dir exists already"
	mkdir -p "$dir"
	chmod 0755 "$dir"
	if [ "$(id -u)" -eq 0 ]; then
		chown "$(pg_user)" "$dir"
	fi
	as_pg "$bin/initdb" -D "$dir/data" -U duban -A trust -E UTF8 --locale=C.UTF-8 \
		--no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		die "initdb failed"
	}
	{
		echo "listen_addresses = '127.0.0.1'"
		echo "unix_socket_directories = '$dir'"
		echo "max_connections = 200"
		echo "shared_buffers = 128MB"
		if [ "$durable" != --durable ]; then
			echo "fsync = off"
			echo "synchronous_commit = off"
			echo "full_page_writes = off"
		fi
	} | as_pg tee -a "$dir/data/postgresql.conf" >/dev/null
	# A free port: try random ones until the server binds one.
	while :; do
		tries=$((tries + 1))
		port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
			-o "-p $port" start >/dev/null 2>&1; then
			break
		fi
		[ "$tries" -lt 20 ] || {
			tail -20 "$dir/server.log" >&2
			die "the server did not start"
		}
	done
	url="postgres://duban@127.0.0.1:$port"
	echo "$url" >"$dir/url"
	echo "$url"
}

stop() {
	local dir=$1 bin
	bin=$(pg_bindir)
	if [ -d "$dir/data" ]; then
		as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
}

case "${1:-}" in
start)
	[ $# -ge 2 ] || die "usage: pg-test.sh start DIR [--durable]"
	start "$2" "${3:-}"
	;;
stop)
	[ $# -eq 2 ] || die "usage: pg-test.sh stop DIR"
	stop "$2"
	;;
exec)
	shift
	[ $# -ge 1 ] || die "usage: pg-test.sh exec CMD [ARGS...]"
	if [ -n "${DUBAN_TEST_PG:-}" ]; then
		exec "$@"
	fi
	dir=$(mktemp -u /tmp/duban-pg-XXXXXX)
	trap 'stop "$dir"' EXIT
	# If this script is killed outright (SIGKILL: meson on a timeout), a watchdog in a
	# session of its own still stops the server once this process is gone.
	me=$$
	setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; "$2" stop "$3"' \
		watchdog "$me" "$0" "$dir" </dev/null >/dev/null 2>&1 &
	DUBAN_TEST_PG=$(start "$dir")
	export DUBAN_TEST_PG
	rc=0
	"$@" || rc=$?
	exit "$rc"
	;;
*)
	die "usage: pg-test.sh exec CMD... | start DIR [--durable] | stop DIR"
	;;
esac
