#!/bin/sh
# Installs what kup needs on Debian, if it is missing.
#   deps.sh build  — compiler, pkg-config, the ncursesw, sqlite3 and
#                    libunistring headers
#   deps.sh test   — also what `make check` runs (one package a line below,
#                    each with the reason it is there)
#   deps.sh deb    — also dpkg-dev for `make deb` (dpkg-shlibdeps, dpkg-buildflags)
# As root it runs apt-get; otherwise `sudo -n`; otherwise it stops and prints
# the exact command to run.
set -u
want="gcc make pkg-config libncurses-dev libsqlite3-dev"
want="$want libunistring-dev"   # u8_tolower folds logins as sssd does
if [ "${1:-build}" = test ]; then
	want="$want tmux"            # the end-to-end tests drive kup in tmux
	want="$want sqlite3"         # tests look into the database afterwards
	want="$want valgrind"        # the leak check
	want="$want libxml2-utils"   # xmllint checks the printed plan's HTML
	want="$want mandoc groff-base" # the man page is linted
	want="$want python3"           # Python's email module reads the mails
	want="$want python3-icalendar" # a real reader checks the .ics files
	want="$want dpkg-dev"          # the package test builds the .deb
	want="$want openssh-server"    # ...and serves it through a private sshd
	want="$want openssh-client"    # ...to a user who logs in with ssh
fi
[ "${1:-build}" = deb ] && want="$want dpkg-dev"

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "kup: missing:$missing — install them with your package manager." >&2
	exit 1
fi
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
	run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	run="sudo -n"
else
	echo "kup: missing:$missing" >&2
	echo "kup: run this, then try again:  sudo apt-get update && sudo $cmd" >&2
	exit 1
fi
echo "kup: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -qq >/dev/null || true
$run $cmd >/dev/null || { echo "kup: '$cmd' failed" >&2; exit 1; }
