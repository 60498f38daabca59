#!/bin/sh
# End-to-end, as root: what a setgid kup does with files on a shared server.
# kup setup follows no symbolic link beside the database; kup backup opens
# the person's path only in the child without the group, and the copy is
# theirs, 0600; when the database is missing an employee cannot create it
# (kup init) and is told to ask the administrator; and a -shm left by
# another user's read-only kup is named when a save fails.
. "$(dirname "$0")/../lib/tmux.sh"

if [ "$(id -u)" != 0 ]; then
	echo "SKIP shared-server tests need root"
	exit 0
fi
for tool in useradd userdel groupdel runuser getent; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP shared-server tests need $tool"
		exit 0
	fi
done
# Shared mode refuses every KUP_ variable; the tests use the real date.
unset KUP_TODAY KUP_DB
REPO=$(cd "$(dirname "$0")/../.." && pwd)
R=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
GROUP="kupf$R"
EMP="kufe$R" OTHER="kufo$R" ADMIN="kufa$R"
USERS="$EMP $OTHER $ADMIN"
PREFIX="$T_DIR/prefix" DATA="$T_DIR/data" BIN="$T_DIR/prefix/bin/kup" DB="$T_DIR/data/kup.db"
Y=$(date +%Y)
NEXT=$((Y + 1))

# The test users' programs run without a controlling terminal (runuser
# starts them in a session of their own), so closing tmux does not end one
# left behind by a failed check: end them before the users go.
s_cleanup() {
	tmux -S "$T_SOCK" kill-server 2>/dev/null
	for u in $USERS; do
		getent passwd "$u" >/dev/null || continue
		pkill -KILL -u "$u" 2>/dev/null
		i=0
		while pgrep -u "$u" >/dev/null 2>&1 && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
		userdel -r "$u" >/dev/null 2>&1
	done
	getent group "$GROUP" >/dev/null && groupdel "$GROUP" >/dev/null 2>&1
	rm -rf "$T_DIR"
}
trap s_cleanup EXIT
trap 's_cleanup; exit 1' INT TERM HUP PIPE
chmod 755 "$T_DIR"
cd "$T_DIR" || exit 1

# ---- build for the temporary prefix: the config directory is compiled in ----
# The objects of the binary under test are reused; only secure.o (which
# holds the prefix) is built again, with the same sanitizer setting.
SAN=0
ldd "$KUP" 2>/dev/null | grep -q libasan && SAN=1
mkdir -p "$T_DIR/build" "$PREFIX/bin"
cp -p "$(dirname "$KUP")"/*.o "$(dirname "$KUP")"/*.a "$(dirname "$KUP")"/embed_*.c "$T_DIR/build/" 2>/dev/null
if ! make -s -C "$REPO" B="$T_DIR/build" SANITIZE=$SAN SYSCONFDIR="$PREFIX/etc" "$T_DIR/build/kup" \
	>"$T_DIR/build.log" 2>&1; then
	not_ok "kup builds for the temporary prefix"
	sed 's/^/#   /' "$T_DIR/build.log" | tail -20
	t_done
	exit
fi
install -m 0755 "$T_DIR/build/kup" "$BIN"
cp "$BIN" "$T_DIR/local-kup" && chmod 755 "$T_DIR/local-kup" # the same program, not setgid

for u in $USERS; do
	useradd -m -s /bin/sh -c "Test $u" "$u" || not_ok "useradd $u"
done
useradd_ok=1
for u in $USERS; do getent passwd "$u" >/dev/null || useradd_ok=0; done
check "the test users exist" test "$useradd_ok" = 1
chfn -f "Ada Admin" "$ADMIN" >/dev/null 2>&1

# as U KUP-ARGS...: kup as Unix user U (stdout and stderr to $T_DIR/out, err).
as() { # U KUP-ARGS...: kup as Unix user U (stdout and stderr to $T_DIR/out, err)
	u=$1; shift
	runuser -u "$u" -- "$BIN" --lang en "$@" >"$T_DIR/out" 2>"$T_DIR/err"
}
"$BIN" --lang en setup --shared "$DATA" --group "$GROUP" --admin "$ADMIN" --demo >"$T_DIR/setup.out" 2>&1
check "kup setup --shared succeeds" test $? = 0
check "setup leaves the database 660 root:$GROUP" test "$(stat -c '%a %U %G' "$DB")" = "660 root $GROUP"
q "$DB" "update staff set login = '$EMP' where login = 'lae'"

# ---- setup follows no symbolic link ----
victim="/home/$EMP/victim"
echo mine >"$victim"
chown "$EMP" "$victim"
chmod 644 "$victim"
rm -f "$DB-wal" "$DB-shm" # nobody uses it now
ln -s "$victim" "$DB-shm"
"$BIN" --lang en setup --shared "$DATA" --group "$GROUP" --admin "$ADMIN" >"$T_DIR/setup2.out" 2>&1
rc=$?
check "setup refuses a symbolic link beside the database" sh -c "test $rc = 1 && grep -q 'kup.db-shm is a symbolic link' '$T_DIR/setup2.out'"
check "... and the file it points at keeps its owner, mode and bytes" sh -c "test \"\$(stat -c '%a %U' '$victim')\" = '644 $EMP' &&
	test \"\$(cat '$victim')\" = mine"
rm -f "$DB-shm"

# ---- backup: the privileged process never opens the person's path ----
dest="/home/$ADMIN/backup.db"
if command -v strace >/dev/null 2>&1 && strace -f -qq -o /dev/null true 2>/dev/null; then
	strace -f -qq -e trace=open,openat,creat -o "$T_DIR/trace" runuser -u "$ADMIN" -- "$BIN" --lang en backup "$dest" \
		>"$T_DIR/out" 2>"$T_DIR/err"
	check "the admin's backup succeeds" grep -q "passed the integrity" "$T_DIR/out"
	main=$(grep -m1 'open.*kup.conf' "$T_DIR/trace" | cut -d' ' -f1)
	check "only a child opens the backup's path (kup is pid $main)" sh -c "test -n '$main' &&
		! grep '^$main ' '$T_DIR/trace' | grep -q '$dest'"
else
	as "$ADMIN" backup "$dest"
	check "the admin's backup succeeds" grep -q "passed the integrity" "$T_DIR/out"
	echo "SKIP which process opens the backup needs strace"
fi
check "the copy is hers, 0600" test "$(stat -c '%a %U' "$dest")" = "600 $ADMIN"
check "the copy is sound" test "$(q "$dest" 'pragma integrity_check')" = ok
check "no temporary copy is left beside the database" test "$(ls -A "$DATA" | grep -c backup)" = 0
as "$ADMIN" backup "$dest"
check "a second backup to the same path is refused" grep -q "already exists" "$T_DIR/err"

# ---- a missing shared database is the administrator's to create ----
mv "$DB" "$T_DIR/kept.db"
as "$EMP" init
check "an employee's kup init is refused, naming the administrator" sh -c "grep -q 'only the administrator creates the database' '$T_DIR/err' &&
	test ! -e '$DB'"
as "$EMP" demo
check "so is kup demo" test ! -e "$DB"
as "$EMP" list staff
check "the missing database says: ask your administrator (not init)" sh -c "grep -q 'ask your administrator' '$T_DIR/err' &&
	! grep -q 'init' '$T_DIR/err'"
mv "$T_DIR/kept.db" "$DB"

# ---- a -shm left by another user's read-only kup ----
mkdir -m 777 "$T_DIR/pub"
own="$T_DIR/pub/own.db"
runuser -u "$EMP" -- "$T_DIR/local-kup" --db "$own" demo >/dev/null 2>&1
chmod 644 "$own"
runuser -u "$OTHER" -- "$T_DIR/local-kup" --db "$own" --lang en list staff >/dev/null 2>&1
check "(the other user's read-only kup left a -shm of his)" test "$(stat -c %U "$own-shm" 2>/dev/null)" = "$OTHER"
printf 'login;name;initials;unit;role\nnyny;Ny Person;NP;Skolen;employee\n' >"$T_DIR/pub/new.csv"
chmod 644 "$T_DIR/pub/new.csv"
runuser -u "$EMP" -- "$T_DIR/local-kup" --db "$own" --lang en import staff "$T_DIR/pub/new.csv" >"$T_DIR/out" 2>"$T_DIR/err"
check "the owner's save names the -shm, whose it is and what to do" sh -c "grep -q 'own.db-shm belongs to $OTHER' '$T_DIR/err' &&
	grep -q 'delete it' '$T_DIR/err'"
t_done
