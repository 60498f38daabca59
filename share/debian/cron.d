# /etc/cron.d/kup: kup's scheduled jobs where systemd does not run. Under
# systemd the timers kup-backup.timer and kup-due-mail.timer do the same,
# so these lines then do nothing.
SHELL=/bin/sh
PATH=/usr/sbin:/usr/bin:/sbin:/bin

# Nightly backup of the database, keeping the newest 14 (/etc/default/kup).
30 2 * * *	root	[ -d /run/systemd/system ] || /usr/libexec/kup/kup-backup

# Monday morning each leader and person gets a mail with what they must do
# now (kup due --mail). Remove the # to send it.
#0 7 * * 1	root	[ -d /run/systemd/system ] || /usr/bin/kup due --mail
