#!/bin/sh
# The layers of src/ and the links between the files, read from the objects
# (nm): a file may use what is defined in its own layer or a layer below,
# never above, and no two files may depend on each other, directly or
# round a circle (tsort finds the circles). The include paths the Makefile
# gives each layer keep headers in order; this keeps the code in order.
# The check first proves on two made-up files that it finds both faults.
# Environment: OBJDIR, the build directory holding the objects.
set -u
: "${OBJDIR:?OBJDIR must name the build directory}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kup-layers.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# Lowest first, as in the Makefile's LAYERS; main.o is the top.
rank() {
	case $1 in
	embed_*|base/*) echo 0 ;; sys/*) echo 1 ;; db/*) echo 2 ;; files/*) echo 3 ;;
	ui/views/*) echo 5 ;; ui/*) echo 4 ;; cli/*) echo 6 ;; main) echo 7 ;; *) echo 99 ;;
	esac
}

# examine DIR: prints "ok"/"not ok" lines for the objects of DIR: the
# library's members (by name: a file that was renamed or removed leaves an
# old object behind, but not in the library) and main.o.
examine() {
	d=$1
	[ -f "$d/libkup.a" ] || { echo "not ok - no libkup.a under $d"; return; }
	members=" $(ar t "$d/libkup.a" | sed 's/\.o$//' | tr '\n' ' ') main "
	objs=$(cd "$d" && find . -name '*.o' ! -path './tests/*' | sed 's|^\./||; s|\.o$||' |
		grep -E '^(main|embed_[a-z]+|[a-z]+/.+)$' |
		while read -r o; do
			case $members in *" ${o##*/} "*) echo "$o" ;; esac
		done | sort)
	for o in $objs; do
		nm "$d/$o.o" | awk -v f="$o" '$2 ~ /^[TDBRCG]$/ { print "D", $3, f } $1 == "U" { print "U", $2, f }'
	done >"$tmp/syms"
	# Links "user defining-file symbol" for every symbol defined elsewhere in kup.
	awk '$1 == "D" { def[$2] = $3 } $1 == "U" { use[++n] = $2 " " $3 }
		END { for (i = 1; i <= n; i++) { split(use[i], p, " ")
			if ((p[1] in def) && def[p[1]] != p[2]) print p[2], def[p[1]], p[1] } }' \
		"$tmp/syms" | sort -u >"$tmp/links"
	echo "# $(echo "$objs" | wc -l) objects, $(wc -l <"$tmp/links") links"

	up=0
	while read -r user def sym; do
		ru=$(rank "$user"); rd=$(rank "$def")
		if [ "$ru" = 99 ] || [ "$rd" = 99 ]; then
			echo "not ok - $user or $def is in no layer (add it to tests/lint/layers.sh and the Makefile)"
			up=$((up + 1))
		elif [ "$rd" -gt "$ru" ]; then
			echo "not ok - $user uses $sym from $def, a layer above it"
			up=$((up + 1))
		fi
	done <"$tmp/links"
	[ "$up" -eq 0 ] && echo "ok - no file uses a layer above its own"

	awk '{ print $1, $2 }' "$tmp/links" | sort -u >"$tmp/pairs"
	if tsort "$tmp/pairs" >/dev/null 2>"$tmp/loops"; then
		echo "ok - no circle of files depending on each other"
	else
		echo "not ok - files depend on each other in a circle:"
		# tsort names each circle as a header line and then its files.
		awk '/input contains a loop/ { if (l != "") print "#   " l; l = ""; next }
			{ sub(/^tsort: /, ""); l = l == "" ? $0 : l " -> " $0 }
			END { if (l != "") print "#   " l }' "$tmp/loops"
	fi
}

# The made-up pair: base/low.c calls db/high.c, which calls it back.
fake="$tmp/fake"
mkdir -p "$fake/base" "$fake/db"
printf 'int high(int);\nint low(int x) { return x ? high(x - 1) : 0; }\n' >"$tmp/low.c"
printf 'int low(int);\nint high(int x) { return low(x); }\n' >"$tmp/high.c"
if cc -c "$tmp/low.c" -o "$fake/base/low.o" && cc -c "$tmp/high.c" -o "$fake/db/high.o" &&
	ar rcs "$fake/libkup.a" "$fake/base/low.o" "$fake/db/high.o"; then
	got=$(examine "$fake")
	case $got in
	*"not ok - base/low uses high from db/high, a layer above it"*"not ok - files depend on each other in a circle"*)
		echo "ok - the check finds an upward link and a circle in a made-up pair" ;;
	*)
		echo "not ok - the check missed the made-up upward link or circle:"
		printf '%s\n' "$got" | sed 's/^/#   /' ;;
	esac
else
	echo "not ok - could not build the made-up pair"
fi

examine "$OBJDIR"
