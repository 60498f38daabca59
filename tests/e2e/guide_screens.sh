#!/bin/sh
# The screen sketches of the Danish guide (docs/brugervejledning.md) are
# real 80x24 screens of the demo, seen by the leader Anders Højer on
# 22-11-2026. Each sketch is the fenced block after a line
#   <!-- screen: NAME -->
# This test draws each screen again and checks that the sketch's pane tabs
# and key bar are still the program's (the rest of a screen is the demo's
# data, which may change without the guide being wrong).
#   KUP=build/std/kup sh tests/e2e/guide_screens.sh --write
# draws them again into the guide instead.
. "$(dirname "$0")/../lib/tmux.sh"
guide="$(cd "$(dirname "$0")/../.." && pwd)/docs/brugervejledning.md"
write=0
[ "${1:-}" = --write ] && write=1

cd "$T_DIR" || exit 1
"$KUP" --db kup.db demo >/dev/null || { not_ok "the demo database"; exit 1; }

# shot NAME WAIT KEYS... : presses the keys in a fresh kup, waits for WAIT
# and a still screen, and keeps the screen in $T_DIR/NAME.
shot() {
	name=$1 wait=$2; shift 2
	t_start "$KUP" --db kup.db --as ah
	t_step "0 Overblik" || return
	[ $# -gt 0 ] && t_keys "$@"
	t_settle "$wait" || return
	t_screen >"$T_DIR/$name"
	t_keys q
	t_exited || not_ok "$name: kup did not quit on q"
}
shot staff "Plan 2026" 1
shot overview "Uden plan for 2026"

for name in staff overview; do
	[ -s "$T_DIR/$name" ] || { not_ok "$name: no screen to compare"; continue; }
	# the sketch: the lines of the fenced block after the mark
	awk -v m="<!-- screen: $name -->" '$0 == m { on = 1; next }
		on && /^```/ { if (in_block) exit; in_block = 1; next }
		in_block { print }' "$guide" >"$T_DIR/$name.sketch"
	if [ "$write" = 1 ]; then
		awk -v m="<!-- screen: $name -->" -v f="$T_DIR/$name" '
			$0 == m { print; on = 1; next }
			on == 1 && /^```/ { print; while ((getline l < f) > 0) print l; on = 2; next }
			on == 2 && /^```/ { print; on = 0; next }
			on == 2 { next }
			{ print }' "$guide" >"$T_DIR/guide" && cat "$T_DIR/guide" >"$guide" &&
			ok "$name: the sketch drawn again from the screen"
		continue
	fi
	check "$name: the guide has the sketch (<!-- screen: $name -->)" [ -s "$T_DIR/$name.sketch" ]
	for what in "2:the pane tabs" "24:the key bar"; do
		n=${what%%:*}
		got=$(sed -n "${n}p" "$T_DIR/$name.sketch")
		want=$(sed -n "${n}p" "$T_DIR/$name")
		if [ "$got" = "$want" ]; then
			ok "$name: the sketch shows ${what#*:} as kup does"
		else
			not_ok "$name: ${what#*:} of the sketch is not kup's (sh $0 --write draws it again)"
			echo "#   guide: $got"
			echo "#   kup:   $want"
		fi
	done
done
t_done
