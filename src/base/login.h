/* login.h — a login name as the system gives it, and how kup compares two.
 * A server joined to Active Directory through sssd gives names such as
 * jens.hansen@kommune.local, and sssd (case_sensitive = false, its default
 * for AD) lower-cases them: getpwuid returns the lower-cased name whatever
 * case the person typed at ssh. kup keeps every login in that folded form,
 * so plain equality (and the UNIQUE index) compares them the way sssd does.
 * Nothing is allocated: the caller gives the buffer. */
#ifndef KUP_LOGIN_H
#define KUP_LOGIN_H

#include <stddef.h>

/* The longest login kup keeps, in bytes (sssd allows names this long). */
#define LOGIN_MAX 256

/* s lower-cased the way sssd folds a name (libunistring's u8_tolower with
 * no language), into out (size bytes, NUL-terminated). Returns 0, or -1
 * when s is not valid UTF-8, its folded form does not fit, or memory runs
 * out; out is then "". Folding a folded name changes nothing. */
int login_fold(const char *s, char *out, size_t size);

#endif
