#!/bin/sh
# Build a large task list from the example's rows: its notice, then its task rows
# repeated and renumbered until N tasks (default 100000), with the section and
# header rows repeated at each round as in a long document.
# Usage: bench/gen_list.sh [N] [EXAMPLE] > big.txt
set -eu
n=${1:-100000}
src=${2:-$(dirname "$0")/../examples/ankang-2022/tasks.txt}
awk -F '\t' -v n="$n" '
	NF < 2 && !intable { print; next }
	{ intable = 1 }
	$1 ~ /^[0-9]+$/ { rows[++nrows] = $0; next }
	{ other[++nother] = $0 }
	END {
		no = 0
		while (no < n) {
			for (i = 1; i <= nother && i <= 2; i++) print other[i]
			for (i = 1; i <= nrows && no < n; i++) {
				r = rows[i]
				sub(/^[0-9]+/, "", r)
				printf "%d%s\n", ++no, r
			}
		}
	}' "$src"
