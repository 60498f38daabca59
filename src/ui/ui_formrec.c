/* ui_formrec.c — see ui_formrec.h. */
#include "ui_formrec.h"
#include "date.h"
#include "db.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static fkind form_kind(kfkind k)
{
	switch (k) {
	case KF_LINES: return FK_TEXTAREA;
	case KF_DATE: return FK_DATE;
	case KF_INT: return FK_INT;
	case KF_MONEY: return FK_MONEY;
	case KF_DECIMAL: return FK_DECIMAL;
	case KF_BOOL: return FK_BOOL;
	case KF_REF:
	case KF_ROLE: return FK_CHOICE;
	case KF_TEXT:
	case KF_LOGIN:
	case KF_EMAIL:
	case KF_CODE: break;
	}
	return FK_TEXT;
}

static int add(formrec *fr, const kfield *f, const char *help, const formrec_choice *choices)
{
	if (fr->n >= FORMREC_MAX)
		return -1;
	fdesc d = { 0 };
	d.label = _(f->label);
	d.kind = form_kind(f->kind);
	d.required = (f->flags & KF_REQUIRED) != 0;
	d.maxlen = d.kind == FK_TEXT || d.kind == FK_TEXTAREA ? f->maxlen : 0;
	d.min = f->min;
	d.max = f->max;
	d.help = help ? _(help) : NULL;
	d.col = f->col;
	if (d.kind == FK_CHOICE) {
		const char *ref = f->kind == KF_ROLE ? "role" : f->ref;
		for (const formrec_choice *c = choices; c && c->ref; c++)
			if (ref && !strcmp(c->ref, ref))
				d.choices = c->fn;
		if (!d.choices)
			return -1;
	}
	fr->src[fr->n] = f;
	fr->d[fr->n++] = d;
	return 0;
}

int formrec_make(formrec *fr, const krecord *r, const formrec_col *order, const formrec_choice *choices)
{
	memset(fr, 0, sizeof *fr);
	fr->rec = r;
	for (const formrec_col *o = order; o && o->col; o++) {
		const kfield *f = krecord_field(r, o->col);
		if (!f || add(fr, f, o->help, choices))
			return -1;
	}
	for (int i = 0; i < r->n; i++) {
		const kfield *f = &r->fields[i];
		if ((f->flags & (KF_VIEW | KF_NOFORM)) || formrec_index(fr, f->col) >= 0)
			continue;
		if (add(fr, f, NULL, choices))
			return -1;
	}
	return 0;
}

int formrec_index(const formrec *fr, const char *col)
{
	for (int i = 0; i < fr->n; i++)
		if (!strcmp(fr->src[i]->col, col))
			return i;
	return -1;
}

int formrec_fill(const formrec *fr, form *f, const void *rec)
{
	for (int i = 0; i < fr->n; i++) {
		const kfield *k = fr->src[i];
		const char *s = kfield_text(k, rec);
		int64_t v = s ? 0 : kfield_int(k, rec);
		int rc = 0;
		switch (fr->d[i].kind) {
		case FK_CHOICE:
			if (k->kind == KF_ROLE)
				rc = form_set_choice(f, i, v + 1, role_name((krole)v));
			else if (v && krecord_shown_by(fr->rec, k))
				rc = form_set_choice(f, i, v, kfield_text(krecord_shown_by(fr->rec, k), rec));
			else if (v)
				rc = form_set_choice(f, i, v, "");
			break;
		case FK_BOOL:
			rc = form_set_bool(f, i, v != 0);
			break;
		case FK_INT:
		case FK_MONEY:
			rc = form_set_num(f, i, v);
			break;
		case FK_DECIMAL:
			if (kfield_real(k, rec) >= 0) /* negative: none given */
				rc = form_set_dec(f, i, kfield_real(k, rec));
			break;
		case FK_DATE:
		case FK_TEXT:
		case FK_TEXTAREA:
			if (s && *s)
				rc = form_set_text(f, i, s);
			break;
		}
		if (rc)
			return -1;
	}
	return 0;
}

int formrec_take(const formrec *fr, form *f, void *rec)
{
	/* First let go of the shown record's strings, so that a failure half
	 * way frees only what this call made. */
	for (int i = 0; i < fr->n; i++)
		if (fr->src[i]->store == KS_STR)
			*(char **)((char *)rec + fr->src[i]->off) = NULL;
	for (int i = 0; i < fr->n; i++) {
		const kfield *k = fr->src[i];
		const fvalue *v = form_value(f, i);
		char *p = (char *)rec + k->off;
		const char *text = fr->d[i].kind == FK_DATE ? v->iso : v->text ? v->text : "";
		switch (k->store) {
		case KS_STR:
			if (!(*(char **)p = strdup(text))) {
				formrec_release(fr, rec);
				return -1;
			}
			break;
		case KS_BUF:
			snprintf(p, k->size, "%s", text);
			break;
		case KS_I64:
			*(int64_t *)p = fr->d[i].kind == FK_CHOICE ? v->id : (int64_t)v->num;
			break;
		case KS_INT:
			*(int *)p = fr->d[i].kind == FK_BOOL ? v->on : (int)v->num;
			break;
		case KS_ROLE:
			*(krole *)p = v->id ? (krole)(v->id - 1) : ROLE_EMPLOYEE;
			break;
		case KS_DBL:
			*(double *)p = v->text && v->text[0] ? v->dec : -1; /* empty: none */
			break;
		}
	}
	return 0;
}

void formrec_release(const formrec *fr, void *rec)
{
	for (int i = 0; i < fr->n; i++)
		if (fr->src[i]->store == KS_STR) {
			char **p = (char **)((char *)rec + fr->src[i]->off);
			free(*p);
			*p = NULL;
		}
}
