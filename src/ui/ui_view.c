/* ui_view.c — see ui_view.h: the helpers every view's fetch and detail
 * functions share. */
#include "ui_view.h"
#include "i18n.h"
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

int detail_title(WINDOW *w, int y, int wd, const char *text)
{
	wattron(w, ui_style(ST_HEADER));
	ui_put(w, y, 0, wd, text, 1);
	wattroff(w, ui_style(ST_HEADER));
	return y + 1;
}
