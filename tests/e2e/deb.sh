#!/bin/sh
# End-to-end, as root: the Debian package. `make deb` builds it; dpkg -i
# installs it: the group kup, /usr/bin/kup setgid kup through
# dpkg-statoverride, /var/lib/kup 2770 root:kup. After `kup setup` a user
# made for the test runs kup in tmux; the package is upgraded (a higher
# version of the same build) while that session runs: the session goes on,
# the new program keeps the group and mode (a new kup works for the user at
# once) and the database is intact and migrated. The same user then logs in
# through a real sshd of the test's own on 127.0.0.1 as PuTTY's default
# session does (TERM=xterm, no LANG sent, PuTTY's bytes for the keys) and
# runs `kup`: Unicode rules and æøå, F1, Home, End and F2 act, q ends the
# ssh session with status 0. The nightly backup keeps the newest copies.
# dpkg -r keeps the data, dpkg --purge keeps it too and takes the config and
# the override. The machine is left as found: the package is purged, the
# group, the data and the user are removed, the test's sshd is stopped.
. "$(dirname "$0")/../lib/tmux.sh"

if [ "$(id -u)" != 0 ]; then
	echo "SKIP the package test needs root (dpkg -i)"
	exit 0
fi
for tool in dpkg dpkg-deb dpkg-statoverride useradd userdel groupdel runuser getent; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP the package test needs $tool"
		exit 0
	fi
done
# Never on a machine where kup is installed or its group, data or config are
# there: the test would take them over and then remove them.
if dpkg-query -W -f='${Status}' kup 2>/dev/null | grep -q 'installed\|config-files' ||
	getent group kup >/dev/null || [ -e /var/lib/kup ] || [ -e /var/backups/kup ] || [ -e /etc/kup.conf ] ||
	[ -e /etc/cron.d/kup ] || [ -e /etc/default/kup ] || [ -e /usr/bin/kup ] ||
	dpkg-statoverride --list /usr/bin/kup >/dev/null; then
	echo "SKIP kup, its group, data or config is on this machine; the package test would replace them"
	exit 0
fi
unset KUP_TODAY KUP_DB
REPO=$(cd "$(dirname "$0")/../.." && pwd)
R=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
ADMIN="kupd$R"
DB=/var/lib/kup/kup.db

SSHD_PID="" MADE_RUN_SSHD=""
d_cleanup() {
	tmux -S "$T_SOCK" kill-server 2>/dev/null
	if [ -n "$SSHD_PID" ]; then
		kill "$SSHD_PID" 2>/dev/null
		wait "$SSHD_PID" 2>/dev/null
	fi
	[ -n "$MADE_RUN_SSHD" ] && rmdir /run/sshd 2>/dev/null
	if getent passwd "$ADMIN" >/dev/null; then
		pkill -KILL -u "$ADMIN" 2>/dev/null
		i=0
		while pgrep -u "$ADMIN" >/dev/null 2>&1 && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
		userdel -r "$ADMIN" >/dev/null 2>&1
	fi
	dpkg --purge kup >/dev/null 2>&1
	dpkg-statoverride --remove /usr/bin/kup >/dev/null 2>&1
	rm -rf /var/lib/kup /var/backups/kup
	getent group kup >/dev/null && groupdel kup >/dev/null 2>&1
	rm -rf "$T_DIR"
}
trap d_cleanup EXIT
trap 'd_cleanup; exit 1' INT TERM HUP PIPE
chmod 755 "$T_DIR"

# ---- make deb ----
V=$(sed -n 's/^#define KUP_VERSION "\(.*\)"$/\1/p' "$REPO/src/main.c")
V1="$V-1" V2="$V-2"
ARCH=$(dpkg --print-architecture)
DEB1="$T_DIR/v1/kup_${V1}_$ARCH.deb" DEB2="$T_DIR/v2/kup_${V2}_$ARCH.deb"
if ! make -s -C "$REPO" deb DEBOUT="$T_DIR/v1" >"$T_DIR/build.log" 2>&1 ||
	! make -s -C "$REPO" deb DEBOUT="$T_DIR/v2" DEB_VERSION="$V2" >>"$T_DIR/build.log" 2>&1; then
	not_ok "make deb builds the package"
	sed 's/^/#   /' "$T_DIR/build.log" | tail -20
	exit 1
fi
ok "make deb builds kup_${V1}_$ARCH.deb"
dpkg-deb -f "$DEB1" Depends >"$T_DIR/depends"
check "Depends names the libraries, with versions" sh -c "grep -q 'libsqlite3-0 (>= ' '$T_DIR/depends' &&
	grep -q 'libncursesw6' '$T_DIR/depends' && grep -q 'libc6 (>= ' '$T_DIR/depends' && grep -q adduser '$T_DIR/depends'"
dpkg-deb -c "$DEB1" >"$T_DIR/contents"
has() { grep -q " $1\$" "$T_DIR/contents"; }
check "the program is 0755 root/root in the package (setgid comes from the override)" \
	grep -q '^-rwxr-xr-x root/root .* ./usr/bin/kup$' "$T_DIR/contents"
check "the man page is gzipped in man1" has ./usr/share/man/man1/kup.1.gz
check "copyright and changelog.Debian.gz are in /usr/share/doc/kup" sh -c \
	"grep -q ' ./usr/share/doc/kup/copyright\$' '$T_DIR/contents' && grep -q ' ./usr/share/doc/kup/changelog.Debian.gz\$' '$T_DIR/contents'"
check "the timers and the backup script are there" sh -c "grep -q 'kup-backup.timer\$' '$T_DIR/contents' &&
	grep -q 'kup-due-mail.timer\$' '$T_DIR/contents' && grep -q ' ./usr/libexec/kup/kup-backup\$' '$T_DIR/contents'"
dpkg-deb --ctrl-tarfile "$DEB1" | tar -xOf - ./conffiles >"$T_DIR/conffiles"
check "/etc/kup.conf and the cron file are conffiles" sh -c "grep -qx /etc/kup.conf '$T_DIR/conffiles' &&
	grep -qx /etc/cron.d/kup '$T_DIR/conffiles'"
mkdir -p "$T_DIR/x"
dpkg-deb -x "$DEB1" "$T_DIR/x"
check "the program is stripped" sh -c "! readelf -S '$T_DIR/x/usr/bin/kup' | grep -q '\\.symtab'"
check "the program reads /etc/kup.conf" grep -q "/etc/kup.conf" "$T_DIR/x/usr/bin/kup"

# ---- dpkg -i ----
if ! dpkg -i "$DEB1" >"$T_DIR/install.log" 2>&1; then
	not_ok "dpkg -i installs the package"
	sed 's/^/#   /' "$T_DIR/install.log" | tail -20
	exit 1
fi
ok "dpkg -i installs the package"
check "the group kup exists, a system group" sh -c "gid=\$(getent group kup | cut -d: -f3) && [ \"\$gid\" -lt 1000 ]"
check "/usr/bin/kup is 2755 root:kup" test "$(stat -c '%a %U %G' /usr/bin/kup)" = "2755 root kup"
check "through dpkg-statoverride" test "$(dpkg-statoverride --list /usr/bin/kup)" = "root kup 2755 /usr/bin/kup"
check "/var/lib/kup is 2770 root:kup" test "$(stat -c '%a %U %G' /var/lib/kup)" = "2770 root kup"
check "the install says how to finish" grep -q "kup setup --shared /var/lib/kup --admin" "$T_DIR/install.log"
dpkg --configure --force-all kup >/dev/null 2>&1 # nothing to do, but must not fail
sh /var/lib/dpkg/info/kup.postinst configure "$V1" >"$T_DIR/again.log" 2>&1
rc=$?
check "postinst run a second time is fine and changes nothing" sh -c "test $rc = 0 &&
	test \"\$(stat -c '%a %U %G' /usr/bin/kup /var/lib/kup)\" = \"\$(printf '2755 root kup\n2770 root kup')\""

# ---- kup setup, a user's session ----
useradd -m -s /bin/sh -c "Dina Deb" "$ADMIN" || not_ok "useradd $ADMIN"
/usr/bin/kup --lang en setup --shared /var/lib/kup --admin "$ADMIN" --demo >"$T_DIR/setup.log" 2>&1
rc=$?
check "kup setup --shared /var/lib/kup works with the package" test "$rc" = 0
[ "$rc" = 0 ] || sed 's/^/#   /' "$T_DIR/setup.log"
check "the database is 660 root:kup" test "$(stat -c '%a %U %G' "$DB")" = "660 root kup"
check "/etc/kup.conf names it" grep -qx "database = $DB" /etc/kup.conf
staff_before=$(/usr/bin/kup --db "$DB" list staff | wc -l)
t_start runuser -u "$ADMIN" -- env -u KUP_TODAY /usr/bin/kup --lang en
t_step "Dina Deb" 10
t_keys 1
check "the user's session runs (staff pane)" t_wait "Amalie Grønbæk" 5

# ---- the upgrade, under the running session ----
inode=$(stat -c %i /usr/bin/kup)
dpkg -i "$DEB2" >"$T_DIR/upgrade.log" 2>&1
rc=$?
check "dpkg -i of the next version upgrades" test "$rc" = 0 -a "$(dpkg-query -W -f='${Version}' kup)" = "$V2"
[ "$rc" = 0 ] || sed 's/^/#   /' "$T_DIR/upgrade.log" | tail -20
check "the upgrade put a new file in place" test "$(stat -c %i /usr/bin/kup)" != "$inode"
check "the new /usr/bin/kup is still 2755 root:kup" test "$(stat -c '%a %U %G' /usr/bin/kup)" = "2755 root kup"
check "/var/lib/kup is still 2770 root:kup" test "$(stat -c '%a %U %G' /var/lib/kup)" = "2770 root kup"
check "the upgrade brought the database to the new schema" grep -q "is at schema" "$T_DIR/upgrade.log"
check "the database is still 660 root:kup" test "$(stat -c '%a %U %G' "$DB")" = "660 root kup"
check "/etc/kup.conf as setup wrote it is kept" grep -qx "database = $DB" /etc/kup.conf
t_keys 2
check "the running session goes on after the upgrade (plans pane)" t_wait "Goals" 5
t_keys q
check "...and quits normally" t_exited 5
runuser -u "$ADMIN" -- /usr/bin/kup list staff >"$T_DIR/out" 2>"$T_DIR/err"
check "the user's new kup reaches the database at once" sh -c "test \$(wc -l < '$T_DIR/out') = '$staff_before'"
[ -s "$T_DIR/err" ] && sed 's/^/#   /' "$T_DIR/err"
/usr/bin/kup --lang en --db "$DB" check >"$T_DIR/out" 2>&1
check "the database is intact (kup check)" test $? = 0

# ---- an ssh user, as PuTTY's default session ----
# A private sshd for this test alone: its own host key, config, pid file and
# a free port on 127.0.0.1, never the system's sshd. It accepts no
# environment from the client (PuTTY sends no LANG), and the client's
# environment holds TERM, HOME and PATH only.
ssh_leg() {
	if [ ! -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null 2>&1 || ! command -v ssh-keygen >/dev/null 2>&1; then
		echo "SKIP the ssh leg needs openssh-server and openssh-client (src/deps.sh test installs them)"
		return 0
	fi
	S="$T_DIR/ssh"
	mkdir -p "$S" && chmod 700 "$S"
	if ! ssh-keygen -q -t ed25519 -N '' -f "$S/host_key" >/dev/null ||
		! ssh-keygen -q -t ed25519 -N '' -f "$S/user_key" >/dev/null; then
		not_ok "ssh-keygen makes the host and user keys"
		return 1
	fi
	home=$(getent passwd "$ADMIN" | cut -d: -f6)
	if ! install -d -m 700 -o "$ADMIN" -g "$ADMIN" "$home/.ssh" ||
		! install -m 600 -o "$ADMIN" -g "$ADMIN" "$S/user_key.pub" "$home/.ssh/authorized_keys"; then
		not_ok "the user gets an authorized key"
		return 1
	fi
	# sshd wants its privilege separation directory; a machine that never
	# ran the system's sshd has none
	if [ ! -d /run/sshd ]; then
		mkdir -m 755 /run/sshd && MADE_RUN_SSHD=1
	fi
	tries=0
	while [ -z "$SSHD_PID" ] && [ $tries -lt 5 ]; do
		tries=$((tries + 1))
		port=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
		cat >"$S/sshd_config" <<-EOF
			ListenAddress 127.0.0.1:$port
			HostKey $S/host_key
			PidFile $S/sshd.pid
			UsePAM yes
			PubkeyAuthentication yes
			AuthorizedKeysFile .ssh/authorized_keys
			PasswordAuthentication no
			KbdInteractiveAuthentication no
			PermitRootLogin no
			AllowUsers $ADMIN
			StrictModes yes
			PrintMotd no
			PrintLastLog no
			X11Forwarding no
			AllowTcpForwarding no
		EOF
		if ! /usr/sbin/sshd -t -f "$S/sshd_config" >"$S/sshd.log" 2>&1; then
			not_ok "sshd accepts the test's config"
			sed 's/^/#   /' "$S/sshd.log"
			return 1
		fi
		: >"$S/sshd.log"
		/usr/sbin/sshd -D -f "$S/sshd_config" -E "$S/sshd.log" &
		pid=$!
		i=0 # until it listens, or gave up (the port was taken)
		while [ $i -lt 100 ] && kill -0 $pid 2>/dev/null && ! grep -q "Server listening on 127.0.0.1 port $port" "$S/sshd.log"; do
			sleep 0.05
			i=$((i + 1))
		done
		if grep -q "Server listening on 127.0.0.1 port $port" "$S/sshd.log" && kill -0 $pid 2>/dev/null; then
			SSHD_PID=$pid
		else
			kill $pid 2>/dev/null
			wait $pid 2>/dev/null
		fi
	done
	if [ -z "$SSHD_PID" ]; then
		not_ok "a private sshd listens on 127.0.0.1"
		sed 's/^/#   /' "$S/sshd.log"
		return 1
	fi
	ok "a private sshd listens on 127.0.0.1 port $port"
	# As PuTTY: no config of root's or the system's (Debian's ssh_config sends
	# LANG and LC_*), nothing but TERM=xterm in the environment it could send
	ssh_cmd="env -i TERM=xterm HOME=$S PATH=/usr/bin:/bin ssh -F /dev/null -o BatchMode=yes
		-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR
		-o IdentitiesOnly=yes -i $S/user_key -p $port $ADMIN@127.0.0.1"
	# shellcheck disable=SC2016 # the server's shell expands them
	$ssh_cmd 'echo "LANG=${LANG-} LC_ALL=${LC_ALL-} LC_CTYPE=${LC_CTYPE-}"; command -v kup' >"$S/env" 2>&1
	rc=$?
	check "the user logs in with the key and finds /usr/bin/kup" sh -c "test $rc = 0 && grep -qx /usr/bin/kup '$S/env'"
	sed 's/^/# the ssh session: /' "$S/env"
	check "...with no locale from the client" grep -qx "LANG= LC_ALL= LC_CTYPE=" "$S/env"

	# ssh's exit status kept in a file: tmux may mark the pane dead before
	# it knows the status
	t_start sh -c "$(echo $ssh_cmd) -tt kup; echo \$? >'$S/ssh-status'"
	# the bytes kup writes, to see how it draws (tmux's screen would show
	# an ACS line as ─ as well)
	tmux -S "$T_SOCK" pipe-pane -t "$T_SESSION" -o "cat >>'$S/bytes'"
	t_step "Dina Deb" 15
	check "kup starts over ssh, the user's name in the title line" sh -c "tmux -S '$T_SOCK' capture-pane -t '$T_SESSION' -p | head -1 | grep -qF 'Dina Deb'"
	t_keys 1
	check "the staff pane in Danish, æøå right" t_wait "Amalie Grønbæk (AG)" 5
	# PuTTY's bytes for End, Home, F1 and F2 (its default keyboard: "ESC[n~")
	raw() { tmux -S "$T_SOCK" send-keys -t "$T_SESSION" -H "$@"; }
	raw 1b 5b 34 7e
	check "End as ESC[4~ goes to the last row" t_wait "Åse Østergård (ÅSØ)" 5
	raw 1b 5b 31 7e
	check "Home as ESC[1~ goes to the first row" t_wait "Amalie Grønbæk (AG)" 5
	raw 1b 5b 31 31 7e
	check "F1 as ESC[11~ opens the help" t_wait "luk hjælpen" 5
	t_keys Escape
	check "Esc closes it" t_gone "luk hjælpen" 5
	raw 1b 5b 34 7e
	t_step "Åse Østergård (ÅSØ)" 5
	t_keys e
	t_step "Ret medarbejder" 5
	t_keys C-u
	t_type "Åse Østergård over ssh"
	t_step "Åse Østergård over ssh" 5
	raw 1b 5b 31 32 7e
	check "F2 as ESC[12~ saves the form" t_wait "Gemt." 5
	check "...the name typed over ssh is stored" \
		test "$(q "$DB" "select count(*) from staff where name = 'Åse Østergård over ssh'")" = 1
	t_keys q
	check "q quits kup and ends the ssh session" t_exited 10
	st=$(cat "$S/ssh-status" 2>/dev/null)
	check "...with exit status 0 (it was ${st:-unknown})" test "$st" = 0
	[ "$st" = 0 ] || tmux -S "$T_SOCK" capture-pane -t "$T_SESSION" -p | sed 's/^/#   | /' 
	tmux -S "$T_SOCK" pipe-pane -t "$T_SESSION" 2>/dev/null
	check "kup drew its rules as Unicode (─), not the terminal's line set" \
		sh -c "grep -qF '─' '$S/bytes' && ! grep -qF \"\$(printf '\\033(0')\" '$S/bytes'"
	spid=$SSHD_PID
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	SSHD_PID=""
	check "the test's sshd is gone" sh -c "! kill -0 $spid 2>/dev/null"
}
ssh_leg

# ---- the nightly backup keeps the newest ----
mkdir -p "$T_DIR/bk"
for d in 20200101 20200102 20200103; do : >"$T_DIR/bk/kup-$d-000000.db"; done
: >"$T_DIR/bk/other.db"
BACKUP_DIR="$T_DIR/bk" BACKUP_KEEP=2 /usr/libexec/kup/kup-backup >"$T_DIR/backup.log" 2>&1
rc=$?
check "the backup script runs" test "$rc" = 0
[ "$rc" = 0 ] || sed 's/^/#   /' "$T_DIR/backup.log"
new=$(ls "$T_DIR/bk" | grep -v '^kup-2020' | grep '^kup-')
left=$(ls "$T_DIR/bk" | LC_ALL=C sort | tr '\n' ' ')
check "it kept the newest 2 copies and left other files alone" test "$left" = "kup-20200103-000000.db $new other.db "
echo "# in the backup directory: $left"
check "it made a copy that kup check accepts" sh -c "[ -n '$new' ] && /usr/bin/kup --db '$T_DIR/bk/$new' check >/dev/null"
check "the copy is root's alone (0600)" test "$(stat -c %a "$T_DIR/bk/$new" 2>/dev/null)" = 600

# ---- remove and purge keep the data ----
dpkg -r kup >"$T_DIR/remove.log" 2>&1
check "dpkg -r removes the program" sh -c "test \$? = 0 && test ! -e /usr/bin/kup"
check "...and keeps the database and the group" sh -c "test -f '$DB' && getent group kup >/dev/null &&
	test \"\$(stat -c '%a %U %G' /var/lib/kup)\" = '2770 root kup'"
dpkg --purge kup >"$T_DIR/purge.log" 2>&1
check "dpkg --purge takes the config and the override" sh -c "test ! -e /etc/kup.conf &&
	! dpkg-statoverride --list /usr/bin/kup >/dev/null"
check "...keeps the database, and says so" sh -c "test -f '$DB' && grep -q 'data in /var/lib/kup' '$T_DIR/purge.log'"
t_done
