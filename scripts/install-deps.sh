#!/bin/sh
# Install every Debian 12 package duban needs to build, test and demo. Idempotent.
set -eu

PKGS="
build-essential gcc clang llvm meson ninja-build pkg-config git python3
libsqlite3-dev sqlite3
libpq-dev postgresql
libmicrohttpd-dev
libjansson-dev
libsodium-dev
libxlsxwriter-dev
libzip-dev libxml2-dev zlib1g-dev
libutf8proc-dev
libcmocka-dev
libclang-rt-14-dev
valgrind
curl
jq
chromium fonts-noto-cjk
libreoffice-calc-nogui libreoffice-writer-nogui
wrk
"

# Node.js (with its npm) may come from another repository, whose nodejs package
# conflicts with Debian's npm: take Debian's only where no node is present.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	PKGS="$PKGS nodejs npm"
fi

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	echo "install-deps: all packages present"
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages:$missing" >&2
	echo "install-deps: run as root (or: sudo $0)" >&2
	exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
