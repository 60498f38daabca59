#!/bin/sh
# End-to-end: a new staff member with Danish letters gets a plan with two
# goals and a seat on a session, all through the screen at 80x24; after a
# restart she is found by typing her name without accents. Run once in
# Danish (the default) and once with --lang en. Checks screen and database.
. "$(dirname "$0")/../lib/tmux.sh"

flow() { # lang name initials login
	lang=$1 name=$2 ini=$3 login=$4
	db="$T_DIR/flow-$lang.db"
	"$KUP" --db "$db" demo >/dev/null || { not_ok "$lang: demo database"; return; }
	if [ "$lang" = da ]; then
		L_PANE="1 Medarbejdere" L_NEW="Ny medarbejder" L_SAVED="Gemt." L_YES=j
		L_CREATE="Opret den?" L_GOALS="› Plan: $name 2026" L_SIGNED="er tilmeldt"
		L_PROF="Lærer" L_COMP1="Faglig" L_COMP2="Relationel" opt="" L_SEARCH="Søg" L_FORM="Ctrl-S Gem"
	else
		L_PANE="1 Staff" L_NEW="New staff member" L_SAVED="Saved." L_YES=y
		L_CREATE="Create it?" L_GOALS="› Plan: $name 2026" L_SIGNED="is signed up"
		L_PROF="Lærer" L_COMP1="Professional" L_COMP2="Relational" opt="--lang en" L_SEARCH="Search"
		L_FORM="Ctrl-S Save"
	fi
	t_start "$KUP" $opt --db "$db"
	check "$lang: kup opens" t_wait "$L_PANE"
	t_keys 1 # the first screen is pane 0, Overblik

	t_keys n
	check "$lang: n opens the staff form" t_wait "$L_NEW"
	t_type "$name"; t_keys Tab
	t_type "$ini"; t_keys Tab
	t_type "$login"; t_keys Tab Tab Tab
	t_type "Indskoling"; t_step "$L_SEARCH: Indskoling"; t_keys Enter Tab
	t_type "$L_PROF"; t_keys Enter Tab Tab
	t_type "Lærer i 3. klasse"
	t_keys C-s
	check "$lang: the staff member is saved" t_wait "$L_SAVED"
	check "$lang: she is in the database with her Danish letters" \
		test "$(q "$db" "select count(*) from staff s join unit u on u.id=s.unit_id
			where s.name='$name' and s.login='$login' and u.name='Indskoling'")" = 1
	check "$lang: she is selected in the list" t_wait "$name ($ini)"

	t_keys Enter
	check "$lang: Enter offers to create her plan" t_wait "$L_CREATE"
	t_keys "$L_YES"
	check "$lang: her plan opens" t_wait "$L_GOALS"
	for goal in "Lede forældremøder med ro og struktur:$L_COMP1" "Styrke relationen til de stille elever:$L_COMP2"; do
		what=${goal%%:*} comp=${goal#*:}
		t_keys n
		t_step "$L_FORM" # the goal form
		t_type "$what"; t_keys Tab Tab Tab
		t_type "$comp"; t_step "$L_SEARCH: $comp"; t_keys Enter
		t_keys C-s
		check "$lang: goal '$what' is shown" t_wait "$what"
	done
	check "$lang: the plan has both goals in the database" \
		test "$(q "$db" "select count(*) from goal g join plan p on p.id=g.plan_id
			join staff s on s.id=p.staff_id where s.login='$login' and p.year=2026")" = 2

	t_keys Escape
	t_step "$L_PANE"
	t_keys t
	t_type "Ledelse af l"
	t_step "$L_SEARCH: Ledelse af l"
	t_keys Enter C-s
	check "$lang: she is signed up for the session" t_wait "$L_SIGNED"
	check "$lang: the participation is in the database" \
		test "$(q "$db" "select count(*) from participation p join staff s on s.id=p.staff_id
			join session se on se.id=p.session_id join activity a on a.id=se.activity_id
			where s.login='$login' and a.title like '%Ledelse af l%' and p.status in ('enrolled','waitlisted')")" = 1

	t_keys q
	check "$lang: q quits" t_exited
	t_start "$KUP" $opt --db "$db"
	t_step "$L_PANE"
	t_keys 1 /
	t_type "$(printf '%s' "$name" | sed 's/Å/Aa/g; s/Ø/O/g; s/Æ/Ae/g; s/å/aa/g; s/ø/o/g; s/æ/ae/g' | tr 'A-Z' 'a-z')"
	check "$lang: typing her name without accents finds her" t_wait "$name"
	t_keys Enter Enter
	check "$lang: after a restart her goals are there" t_wait "Styrke relationen til de stille elever"
	t_keys q
	check "$lang: q quits again" t_exited
}

flow da "Åse Ørskov Bæk" "ÅØB" "aob"
flow en "Ærtebjerg Søgaard" "ÆS" "aes"
t_done
