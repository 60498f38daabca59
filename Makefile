# kup — build, run, test, install. See README.md.
# `make run` and `make check` install missing Debian packages themselves
# (src/deps.sh), so a fresh machine needs nothing but make and a shell.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man/man1
DATADIR ?= $(PREFIX)/share/kup
SYSCONFDIR ?= $(PREFIX)/etc
CC      ?= cc
CFLAGS  ?= -O2 -g
LDFLAGS ?=
PKGS     = ncursesw sqlite3
WARN     = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wformat-security -Werror
DB      ?= kup-demo.db

ifeq ($(SANITIZE),1)
B        = build/san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
B        = build/std
SANFLAGS =
endif

# The layers, lowest first. A file sees the headers of its own layer and of
# the layers below it, nothing above (the include paths below say so, and
# tests/lint/layers.sh checks the objects for upward or circular links).
LAYERS   = base sys db files ui ui/views cli
INC_base     = -Isrc/base
INC_sys      = $(INC_base) -Isrc/sys
INC_db       = $(INC_sys) -Isrc/db
INC_files    = $(INC_db) -Isrc/files
INC_ui       = $(INC_files) -Isrc/ui
INC_ui/views = $(INC_ui) -Isrc/ui/views
INC_cli      = $(INC_ui/views) -Isrc/cli
INC_top      = $(INC_cli)
HDRS     = $(wildcard $(LAYERS:%=src/%/*.h))
SRC      = $(sort $(wildcard $(LAYERS:%=src/%/*.c)))
LIBOBJ   = $(SRC:src/%.c=$(B)/%.o) $(B)/embed_schema.o $(B)/embed_da.o
TESTSRC  = $(sort $(wildcard tests/unit/test_*.c))
TESTBIN  = $(TESTSRC:tests/unit/%.c=$(B)/tests/%)
# Helper programs of the fault tests (tests/fault/*.sh find them in $TESTBIN/fault).
FAULTSRC = $(sort $(wildcard tests/fault/*.c))
FAULTBIN = $(FAULTSRC:tests/fault/%.c=$(B)/tests/fault/%)
BENCHSRC = $(sort $(wildcard tests/bench/*.c))

# Compiler flags from pkg-config are read when a recipe runs, after
# build/.deps has made sure the -dev packages are there.
PC_CFLAGS = $$(pkg-config --cflags $(PKGS))
# libunistring has no pkg-config file on Debian: it is named here.
PC_LIBS   = $$(pkg-config --libs $(PKGS)) -lunistring

.PHONY: all run check bench install uninstall clean deps test-deps deb
all: kup

build/.deps: src/deps.sh
	@sh src/deps.sh build
	@mkdir -p build && touch $@

build/.deb-deps: src/deps.sh
	@sh src/deps.sh deb
	@mkdir -p build && touch $@

build/.test-deps: src/deps.sh
	@sh src/deps.sh test
	@mkdir -p build && touch $@

$(B)/%.o: src/%.c $(HDRS) build/.deps
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(SANFLAGS) $(PC_CFLAGS) $(DEFS) $(INC_$(patsubst src/%/,%,$(dir $<))) -c $< -o $@

$(B)/main.o: src/main.c $(HDRS) build/.deps
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(SANFLAGS) $(PC_CFLAGS) $(INC_top) -c $< -o $@

# The system config's directory is compiled into sys/secure.o (kup.conf there
# names the shared database); the stamp holds the value it was built with,
# so `make install PREFIX=...` after a plain `make` rebuilds it.
$(B)/sysconfdir: FORCE
	@mkdir -p $(@D)
	@echo '$(SYSCONFDIR)' | cmp -s - $@ || echo '$(SYSCONFDIR)' > $@
$(B)/sys/secure.o: $(B)/sysconfdir
$(B)/sys/secure.o: DEFS = -DKUP_SYSCONFDIR='"$(SYSCONFDIR)"'
FORCE:

# The schema and the Danish texts are embedded so the binary needs no data
# files at run time: share/X becomes the C string kup_X.
define embed
	@mkdir -p $(@D)
	@{ echo '/* generated from $<; do not edit */'; \
	   echo 'const char kup_$(patsubst embed_%.c,%,$(@F))[] ='; \
	   printf '%s\n' '"\n"'; \
	   sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	   echo ';'; } > $@
endef
$(B)/embed_schema.c: share/schema.sql
	$(embed)
$(B)/embed_da.c: share/da.tsv
	$(embed)

$(B)/embed_%.o: $(B)/embed_%.c build/.deps
	$(CC) $(WARN) $(CFLAGS) $(SANFLAGS) -c $< -o $@

$(B)/libkup.a: $(LIBOBJ)
	@rm -f $@
	ar rcs $@ $^

# The programs are written under a temporary name and renamed over the old
# one: writing into a program someone is running fails ("Text file busy"),
# while a rename leaves the running one its old file.
$(B)/kup: $(B)/main.o $(B)/libkup.a
	$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@.tmp $^ $(PC_LIBS)
	mv -f $@.tmp $@

kup: $(B)/kup
	cp $< $@.tmp
	mv -f $@.tmp $@

$(B)/tests/%: tests/unit/%.c tests/unit/t.h $(B)/libkup.a
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(SANFLAGS) $(PC_CFLAGS) $(INC_top) -Itests/unit -o $@ $< $(B)/libkup.a $(LDFLAGS) $(PC_LIBS)

run: kup
	@test -f "$(DB)" || ./kup --db "$(DB)" demo
	./kup --db "$(DB)"

$(B)/tests/fault/%: tests/fault/%.c $(B)/libkup.a
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(SANFLAGS) $(PC_CFLAGS) $(INC_top) -o $@ $< $(B)/libkup.a $(LDFLAGS) $(PC_LIBS)

check: $(B)/kup $(TESTBIN) $(FAULTBIN) $(B)/bench build/.test-deps
	@KUP="$(CURDIR)/$(B)/kup" TESTBIN="$(CURDIR)/$(B)/tests" OBJDIR="$(CURDIR)/$(B)" \
	 BENCH="$(CURDIR)/$(B)/bench" sh tests/run.sh

$(B)/bench: $(BENCHSRC) tests/bench/*.h $(B)/libkup.a
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(SANFLAGS) $(PC_CFLAGS) $(INC_top) -o $@ $(BENCHSRC) $(B)/libkup.a $(LDFLAGS) $(PC_LIBS)

bench: $(B)/kup $(B)/bench build/.test-deps
	@KUP="$(CURDIR)/$(B)/kup" BENCH="$(CURDIR)/$(B)/bench" sh tests/bench/run.sh

# The new program goes in under a temporary name and is renamed over the
# old one, so a running kup keeps its file and nobody ever finds no kup. A
# setgid kup (made so by `kup setup --shared`) stays setgid: the new file
# gets the old one's group and mode before the rename (chgrp first, since a
# change of group clears the setgid bit), so users are never left with a
# kup that cannot reach the shared database.
install: kup
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)"
	@set -e; dst="$(DESTDIR)$(BINDIR)/kup"; tmp="$(DESTDIR)$(BINDIR)/.kup.new"; \
	 install -m 0755 kup "$$tmp"; \
	 if [ -f "$$dst" ] && [ -g "$$dst" ]; then \
	   if chgrp "$$(stat -c %g "$$dst")" "$$tmp" && chmod "$$(stat -c %a "$$dst")" "$$tmp"; then \
	     echo "$$dst: kept setgid, group $$(stat -c %G "$$dst"), mode $$(stat -c %a "$$dst")"; \
	   else rm -f "$$tmp"; echo "kup: cannot give the new kup the setgid group of $$dst; run make install as root" >&2; exit 1; fi; \
	 fi; \
	 mv -f "$$tmp" "$$dst"; echo "installed $$dst"
	install -m 0644 docs/kup.1 "$(DESTDIR)$(MANDIR)/kup.1"

# `make deb`: the Debian package kup_VERSION_ARCH.deb in DEBOUT (here), from
# the files in share/debian/ (see share/debian/mkdeb.sh). The program is
# built apart, in build/pkg, with Debian's hardening flags and /etc as its
# config directory. DEB_VERSION overrides the version (default: kup's own
# with the Debian revision -1).
DEBOUT ?= .
DEB_VERSION ?=
deb: build/.deps build/.deb-deps
	@flags() { DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get "$$1"; }; \
	 $(MAKE) --no-print-directory B=build/pkg SANITIZE=0 SYSCONFDIR=/etc \
	   CFLAGS="$$(flags CFLAGS) $$(flags CPPFLAGS)" LDFLAGS="$$(flags LDFLAGS)" build/pkg/kup
	sh share/debian/mkdeb.sh build/pkg/kup "$(DEBOUT)" $(DEB_VERSION)

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/kup" "$(DESTDIR)$(MANDIR)/kup.1"

clean:
	rm -rf build kup kup.tmp kup_*.deb
