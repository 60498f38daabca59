#!/bin/sh
# mkdeb.sh BINARY OUTDIR [VERSION] — builds kup_VERSION_ARCH.deb in OUTDIR
# from the program BINARY (built with SYSCONFDIR=/etc, see `make deb`) and
# the files beside this script. A staging tree is laid out with the modes
# dpkg installs, and dpkg-deb --root-owner-group packs it, so no fakeroot
# or debhelper is needed. VERSION defaults to the program's KUP_VERSION
# with the Debian revision -1 (the packaging's own number: a package can be
# rebuilt without a new kup).
set -eu
bin=$1 out=$2 ver=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
[ -n "$ver" ] || ver=$(sed -n 's/^#define KUP_VERSION "\(.*\)"$/\1/p' "$top/src/main.c")-1
arch=$(dpkg --print-architecture)
work="$top/build/pkg/stage"
root="$work/debian/kup"
umask 022
rm -rf "$work"
mkdir -p "$root/DEBIAN" "$work/debian"

install -D -m 0755 "$bin" "$root/usr/bin/kup"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/kup"
install -D -m 0755 "$here/kup-backup" "$root/usr/libexec/kup/kup-backup"
install -d "$root/usr/share/man/man1" "$root/usr/share/doc/kup" "$root/lib/systemd/system"
gzip -9n <"$top/docs/kup.1" >"$root/usr/share/man/man1/kup.1.gz"
gzip -9n <"$here/changelog" >"$root/usr/share/doc/kup/changelog.Debian.gz"
install -m 0644 "$here/copyright" "$root/usr/share/doc/kup/copyright"
install -D -m 0644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/kup"
install -m 0644 "$here"/*.service "$here"/*.timer "$root/lib/systemd/system/"
install -D -m 0644 "$here/kup.conf" "$root/etc/kup.conf"
install -D -m 0644 "$here/cron.d" "$root/etc/cron.d/kup"
install -D -m 0644 "$here/default" "$root/etc/default/kup"
chmod 0644 "$root/usr/share/man/man1/kup.1.gz" "$root/usr/share/doc/kup/changelog.Debian.gz"

# The libraries the program links, as package names with the versions its
# symbols need: dpkg-shlibdeps reads the packages' shlibs/symbols files. It
# insists on a debian/control, so it gets a minimal one.
printf 'Source: kup\n\nPackage: kup\nArchitecture: any\n' >"$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O -edebian/kup/usr/bin/kup | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "mkdeb.sh: dpkg-shlibdeps found no libraries" >&2; exit 1; }
size=$(du -sk --apparent-size --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$ver/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@DEPENDS@/$depends/" \
	"$here/control.in" >"$root/DEBIAN/control"
install -m 0644 "$here/conffiles" "$root/DEBIAN/conffiles"
for s in postinst prerm postrm; do
	install -m 0755 "$here/$s" "$root/DEBIAN/$s"
done
(cd "$root" && find . -type f ! -path './DEBIAN/*' ! -path './etc/*' | sed 's|^\./||' | LC_ALL=C sort |
	xargs md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"

mkdir -p "$out"
dpkg-deb --build --root-owner-group "$root" "$out/kup_${ver}_${arch}.deb"
