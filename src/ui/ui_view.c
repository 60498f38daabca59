/* ui_view.c — see ui_view.h: the helpers every view's fetch and detail
 * functions share. */
#include "ui_view.h"
#include "i18n.h"
#include "ui_box.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

view *view_new(const view_ops *ops)
{
	view *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	v->ops = ops;
	v->title = ops->title;
	list_init(&v->list, ops->fetch, v);
	return v;
}

view *view_new_data(const view_ops *ops, size_t size)
{
	view *v = view_new(ops);
	void *data = calloc(1, size);
	if (!v || !data) {
		free(v);
		free(data);
		return NULL;
	}
	v->data = data;
	return v;
}

void view_free_data(view *v)
{
	free(v->data);
	v->data = NULL;
}

view *view_new_of(const view_ops *ops, int64_t parent_id)
{
	view *v = view_new(ops);
	if (v)
		v->parent_id = parent_id;
	return v;
}

int lrow_set(lrow *r, int64_t id, const char *key, const char *text, int style)
{
	r->id = id;
	r->key = strdup(key ? key : "");
	r->text = strdup(text ? text : "");
	r->style = style;
	if (!r->key || !r->text) {
		free(r->key);
		free(r->text);
		r->key = r->text = NULL;
		return -1;
	}
	return 0;
}

int lrow_fail(lrow *out, int n, kerr *e)
{
	for (int i = 0; i < n; i++) {
		free(out[i].key);
		free(out[i].text);
		out[i].key = out[i].text = NULL;
	}
	kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	return -1;
}

void columns(char *buf, size_t size, int n, const char *const *texts, const int *widths)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < n && len + 1 < size; i++) {
		if (i)
			buf[len++] = ' ';
		if (i == n - 1)
			text_fit(texts[i], widths[i], buf + len, size - len);
		else
			text_fit_pad(texts[i], widths[i], buf + len, size - len);
		len += strlen(buf + len);
	}
}

void header_columns(char *buf, size_t size, int width, void (*widths)(int width, int *w), int n,
		    const char *const *titles)
{
	int w[n > 0 ? n : 1];
	widths(width, w);
	columns(buf, size, n, titles, w);
}

const char *key_label(int k, char *buf, size_t size)
{
	switch (k) {
	case KEY_UP: return "↑";
	case KEY_DOWN: return "↓";
	case KEY_LEFT: return "←";
	case KEY_RIGHT: return "→";
	case KEY_PPAGE: return "PgUp";
	case KEY_NPAGE: return "PgDn";
	case KEY_HOME: return "Home";
	case KEY_END: return "End";
	case KEY_BTAB: return "Shift-Tab";
	case KEY_DC: return "Delete";
	case '\t': return "Tab";
	case '\n': return "Enter";
	case ' ': return _("Space");
	case KEY_ESC: return "Esc";
	}
	if (k >= KEY_F(1) && k <= KEY_F(12))
		snprintf(buf, size, "F%d", k - KEY_F(0));
	else if (k > 0 && k < 32)
		snprintf(buf, size, "Ctrl-%c", k + 'A' - 1);
	else {
		char u[5] = { 0 };
		text_encode((uint32_t)k, u);
		snprintf(buf, size, "%s", u);
	}
	return buf;
}

int detail_line(WINDOW *w, int y, int wd, const char *label, const char *value)
{
	int lw = 16;
	if (wd < 30)
		lw = wd / 2;
	wattron(w, ui_style(ST_DIM));
	ui_put(w, y, 0, lw, label, 1);
	wattroff(w, ui_style(ST_DIM));
	ui_put(w, y, lw, wd - lw, value, 1);
	return y + 1;
}

int detail_failed(WINDOW *w, int wd, kcode c, const kerr *e)
{
	if (c != KE_OK)
		ui_put(w, 0, 0, wd, e->msg, 0);
	return c != KE_OK;
}

int detail_title(WINDOW *w, int y, int wd, const char *text)
{
	wattron(w, ui_style(ST_HEADER));
	ui_put(w, y, 0, wd, text, 1);
	wattroff(w, ui_style(ST_HEADER));
	return y + 1;
}

/* Where row i of rows stands against (key, id): <0 before, 0 the same, >0 after. */
typedef int (*row_cmp_fn)(const void *rows, int i, const char *key, int64_t id);

static int page_of(int m, row_cmp_fn cmp, const void *rows, const char *key, int64_t id, int backward,
		   int limit, int *first)
{
	int lo = 0, hi = m;
	if (key && backward)
		for (hi = 0; hi < m && cmp(rows, hi, key, id) < 0; hi++)
			;
	else if (key)
		while (lo < m && cmp(rows, lo, key, id) <= 0)
			lo++;
	if (hi - lo > limit) {
		if (backward)
			lo = hi - limit;
		else
			hi = lo + limit;
	}
	*first = lo;
	return hi - lo;
}

static int key_cmp(const char *a, int64_t a_id, const char *key, int64_t id)
{
	int d = strcmp(a, key);
	return d ? d : (a_id > id) - (a_id < id);
}

static int mkey_cmp(const void *rows, int i, const char *key, int64_t id)
{
	const mkey *m = (const mkey *)rows + i;
	return key_cmp(m->key, m->id, key, id);
}

int mem_page(const mkey *k, int m, const char *key, int64_t id, int backward, int limit, int *first)
{
	return page_of(m, mkey_cmp, k, key, id, backward, limit, first);
}

void pos_key(int i, char *buf, size_t size)
{
	snprintf(buf, size, "%08d", i); /* strcmp order = place order */
}

static int pos_cmp(const void *rows, int i, const char *key, int64_t id)
{
	(void)rows;
	char k[16];
	pos_key(i, k, sizeof k);
	return key_cmp(k, i + 1, key, id);
}

int pos_page(int m, const char *key, int64_t id, int backward, int limit, int *first)
{
	return page_of(m, pos_cmp, NULL, key, id, backward, limit, first);
}

int view_form_run(form *f, form_save_fn save, void *ctx)
{
	int saved = f && form_run(f, save, ctx);
	form_free(f);
	if (!saved)
		return UI_NOTHING;
	ui_msg(ST_OK, "%s", _("Saved."));
	return UI_RELOAD_ALL;
}

int view_confirm_change(const char *question, const char *again, view_change_fn change,
			form_reload_fn current, void *ctx, int64_t version)
{
	if (!ui_confirm(question))
		return -1;
	kerr e;
	kcode c = change(ctx, version, &e);
	if (c == KE_CONFLICT && ui_ask_again(&e, again)) {
		c = current(ctx, NULL, &version, &e);
		if (!c)
			c = change(ctx, version, &e);
	}
	if (c)
		ui_msg(ST_ERROR, "%s", e.msg);
	return (int)c;
}
