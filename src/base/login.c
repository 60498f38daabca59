/* login.c — see login.h. The fold is libunistring's, the very function
 * sssd folds names with, so a name imported from HR in its AD spelling
 * (Jens.Hansen@Kommune.local) and the name getpwuid returns for that person
 * fold to the same bytes, æ, ø and å included. */
#include "login.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unistr.h>

int login_fold(const char *s, char *out, size_t size)
{
	if (!size)
		return -1;
	out[0] = '\0';
	size_t len = strlen(s);
	if (u8_check((const uint8_t *)s, len))
		return -1;
	size_t n = 0;
	uint8_t *low = u8_tolower((const uint8_t *)s, len, NULL, NULL, NULL, &n);
	if (!low)
		return -1;
	int ok = n < size;
	if (ok) {
		memcpy(out, low, n);
		out[n] = '\0';
	}
	free(low);
	return ok ? 0 : -1;
}
