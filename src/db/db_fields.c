/* db_fields.c — working on records through their descriptions; see
 * db_fields.h. */
#include "db_fields.h"
#include "db_internal.h"
#include "db_valid.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const kfield *krecord_field(const krecord *r, const char *col)
{
	for (int i = 0; i < r->n; i++)
		if (!strcmp(r->fields[i].col, col))
			return &r->fields[i];
	return NULL;
}

const kfield *krecord_import_field(const krecord *r, const char *name)
{
	for (int i = 0; i < r->n; i++)
		for (const char *const *s = r->fields[i].import; s && *s; s++)
			if (!strcasecmp(*s, name))
				return &r->fields[i];
	return NULL;
}

const kfield *krecord_shown_by(const krecord *r, const kfield *f)
{
	char col[64];
	snprintf(col, sizeof col, "%s_name", f->ref ? f->ref : "");
	const kfield *t = krecord_field(r, col);
	return t && (t->flags & KF_VIEW) ? t : NULL;
}

const char *kfield_text(const kfield *f, const void *rec)
{
	const char *p = (const char *)rec + f->off;
	switch (f->store) {
	case KS_STR: return *(char *const *)p ? *(char *const *)p : "";
	case KS_BUF: return p;
	default: return NULL;
	}
}

double kfield_real(const kfield *f, const void *rec)
{
	return f->store == KS_DBL ? *(const double *)((const char *)rec + f->off) : (double)kfield_int(f, rec);
}

int64_t kfield_int(const kfield *f, const void *rec)
{
	const char *p = (const char *)rec + f->off;
	switch (f->store) {
	case KS_I64: return *(const int64_t *)p;
	case KS_INT: return *(const int *)p;
	case KS_ROLE: return (int64_t)*(const krole *)p;
	default: return 0;
	}
}

kcode kfield_check(const kfield *f, const void *rec, kerr *e)
{
	const char *label = _(f->label);
	int req = (f->flags & KF_REQUIRED) != 0;
	const char *s = kfield_text(f, rec);
	switch (f->kind) {
	case KF_TEXT:
	case KF_LINES:
		return valid_text(f->col, label, s, req, f->maxlen, f->kind == KF_LINES, e);
	case KF_LOGIN:
		return valid_login(f->col, s, req, e);
	case KF_EMAIL:
		return valid_text(f->col, label, s, req, f->maxlen, 0, e) || valid_email(f->col, s, e) ? e->code : KE_OK;
	case KF_DATE:
		return valid_date(f->col, label, s, req, e);
	case KF_CODE:
		return valid_code(f->col, label, s, f->maxlen, _("Code may only hold the letters a-z (at most 20)."), e);
	case KF_REF:
		return req ? valid_ref(f->col, label, kfield_int(f, rec), e) : KE_OK;
	case KF_INT:
		return kfield_int(f, rec) < f->min || kfield_int(f, rec) > f->max
		       ? kerr_field(e, KE_INVALID, f->col, _("%s must be between %lld and %lld."), label,
				    (long long)f->min, (long long)f->max)
		       : KE_OK;
	case KF_MONEY:
		return kfield_int(f, rec) < f->min || kfield_int(f, rec) > f->max
		       ? kerr_field(e, KE_INVALID, f->col, _("%s must be between %lld and %lld kr."), label,
				    (long long)f->min, (long long)f->max)
		       : KE_OK;
	case KF_DECIMAL: {
		double v = kfield_real(f, rec);
		if (v != v) /* NaN fails every comparison, so it is asked first */
			return kerr_field(e, KE_INVALID, f->col, _("%s must be a number."), label);
		if (v >= 0 ? v > (double)f->max : req)
			return kerr_field(e, KE_INVALID, f->col, _("%s must be between %lld and %lld, or left empty."),
					  label, (long long)f->min, (long long)f->max);
		return KE_OK;
	}
	case KF_BOOL:
	case KF_ROLE:
		return KE_OK;
	}
	return KE_OK;
}

kcode krecord_check(const krecord *r, const void *rec, kerr *e)
{
	for (int i = 0; i < r->n; i++)
		if (!(r->fields[i].flags & KF_VIEW) && kfield_check(&r->fields[i], rec, e))
			return e->code;
	return KE_OK;
}

void krecord_free(const krecord *r, void *rec)
{
	if (!rec)
		return;
	for (int i = 0; i < r->n; i++)
		if (r->fields[i].store == KS_STR)
			free(*(char **)((char *)rec + r->fields[i].off));
	memset(rec, 0, r->size);
}

void krecord_rows_free(const krecord *r, void *rows, int n)
{
	for (int i = 0; i < n; i++)
		krecord_free(r, (char *)rows + (size_t)i * r->size);
	free(rows);
}

kcode db_bind_rec(kdb *db, sqlite3_stmt *st, kerr *e, const krecord *r, const void *rec, const kval *tail,
		  size_t ntail)
{
	kval v[KF_MAX_COLS];
	if ((size_t)r->n + ntail > KF_MAX_COLS)
		return kerr_set(e, KE_DB, "%s", _("Too many values for one statement."));
	size_t n = krecord_vals(r, rec, v);
	for (size_t i = 0; i < ntail; i++)
		v[n++] = tail[i];
	return db_bind_head(db, st, e, v, n);
}

int krecord_read(const krecord *r, sqlite3_stmt *st, int col, void *rec)
{
	int bad = 0;
	for (int i = 0; i < r->n; i++, col++) {
		const kfield *f = &r->fields[i];
		char *p = (char *)rec + f->off;
		switch (f->store) {
		case KS_STR:
			bad |= !(*(char **)p = col_text(st, col));
			break;
		case KS_BUF: {
			const unsigned char *t = sqlite3_column_text(st, col);
			snprintf(p, f->size, "%s", t ? (const char *)t : "");
			break;
		}
		case KS_I64: *(int64_t *)p = sqlite3_column_int64(st, col); break;
		case KS_INT: *(int *)p = sqlite3_column_int(st, col); break;
		case KS_DBL: *(double *)p = sqlite3_column_double(st, col); break;
		case KS_ROLE:
			*(krole *)p = ROLE_EMPLOYEE;
			role_parse((const char *)sqlite3_column_text(st, col), (krole *)p);
			break;
		}
	}
	return bad ? -1 : 0;
}

size_t krecord_vals(const krecord *r, const void *rec, kval *v)
{
	size_t n = 0;
	for (int i = 0; i < r->n; i++) {
		const kfield *f = &r->fields[i];
		if (f->flags & KF_VIEW)
			continue;
		int null0 = (f->flags & KF_NULL0) != 0;
		switch (f->store) {
		case KS_STR:
		case KS_BUF: v[n++] = null0 ? kv_text0(kfield_text(f, rec)) : kv_text(kfield_text(f, rec)); break;
		case KS_I64:
		case KS_INT: v[n++] = null0 ? kv_id0(kfield_int(f, rec)) : kv_int(kfield_int(f, rec)); break;
		case KS_ROLE: v[n++] = kv_text(role_code((krole)kfield_int(f, rec))); break;
		case KS_DBL: v[n++] = kv_real0(kfield_real(f, rec)); break;
		}
	}
	return n;
}

int krecord_read_row(const krecord *r, sqlite3_stmt *st, void *rec)
{
	memset(rec, 0, r->size);
	int64_t *head = rec;
	head[0] = sqlite3_column_int64(st, 0);
	head[1] = sqlite3_column_int64(st, 1);
	if (krecord_read(r, st, 2, rec)) {
		krecord_free(r, rec);
		return -1;
	}
	return 0;
}
