/* ui_list.c — see ui_list.h. */
#include "ui_list.h"

#include <stdlib.h>
#include <string.h>

static void clear_rows(lrow *r, int n)
{
	for (int i = 0; i < n; i++) {
		free(r[i].key);
		free(r[i].text);
		memset(&r[i], 0, sizeof r[i]);
	}
}

void list_init(ulist *l, list_fetch_fn fetch, void *ctx)
{
	memset(l, 0, sizeof *l);
	l->fetch = fetch;
	l->ctx = ctx;
}

void list_free(ulist *l)
{
	clear_rows(l->rows, l->n);
	free(l->rows);
	l->rows = NULL;
	l->n = l->cap = 0;
}

static int fetch(ulist *l, const char *key, int64_t id, int backward, int n, lrow *out)
{
	kerr_clear(&l->err);
	int got = l->fetch(l->ctx, l->filter[0] ? l->filter : NULL, key, id, backward, n,
			   l->width, out, &l->err);
	return got;
}

/* Replaces the rows with up to cap rows after (key,id) — or, backward, the
 * last page ending just before it; key NULL: from the start (the end). */
static int load(ulist *l, const char *key, int64_t id, int backward)
{
	lrow *tmp = calloc((size_t)l->cap, sizeof *tmp);
	if (!tmp)
		return -1;
	int got = fetch(l, key, id, backward, l->cap, tmp);
	if (got < 0) {
		free(tmp);
		return -1;
	}
	clear_rows(l->rows, l->n);
	memcpy(l->rows, tmp, (size_t)got * sizeof *tmp);
	free(tmp);
	l->n = got;
	return 0;
}

static int load_after(ulist *l, const char *key, int64_t id) { return load(l, key, id, 0); }
static int load_before(ulist *l, const char *key, int64_t id) { return load(l, key, id, 1); }

static void clamp_sel(ulist *l)
{
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < 0)
		l->sel = 0;
}

int list_resize(ulist *l, int height, int width)
{
	if (height < 1)
		height = 1;
	l->width = width;
	if (height != l->cap) {
		/* Rows past the new height are dropped before the array shrinks:
		 * realloc keeps only what fits. */
		if (height < l->n) {
			/* Keep the selected row on screen when the window shrinks. */
			int drop_top = l->sel >= height ? l->sel - height + 1 : 0;
			clear_rows(l->rows, drop_top);
			memmove(l->rows, l->rows + drop_top, (size_t)(l->n - drop_top) * sizeof *l->rows);
			l->n -= drop_top;
			l->sel -= drop_top;
			clear_rows(l->rows + height, l->n - height);
			l->n = height < l->n ? height : l->n;
		}
		lrow *r = realloc(l->rows, (size_t)height * sizeof *r);
		if (!r)
			return -1;
		l->rows = r;
		l->cap = height;
	}
	return list_reload(l);
}

int list_reload(ulist *l)
{
	if (l->n == 0)
		return load_after(l, NULL, 0);
	char *top_key = strdup(l->rows[0].key);
	char *sel_key = strdup(l->rows[l->sel].key);
	int64_t top_id = l->rows[0].id, sel_id = l->rows[l->sel].id;
	int rc = -1;
	if (top_key && sel_key) {
		/* (key, id-1) sorts just before (key, id): include the top row. */
		rc = load_after(l, top_key, top_id - 1);
		if (rc == 0 && l->n == 0)
			rc = load_before(l, NULL, 0);
		if (rc == 0) {
			int found = -1;
			for (int i = 0; i < l->n; i++)
				if (l->rows[i].id == sel_id)
					found = i;
			if (found < 0) /* gone: select what now stands at its place */
				for (int i = 0; i < l->n && found < 0; i++)
					if (strcmp(l->rows[i].key, sel_key) > 0 ||
					    (strcmp(l->rows[i].key, sel_key) == 0 && l->rows[i].id > sel_id))
						found = i;
			l->sel = found >= 0 ? found : l->n - 1;
			clamp_sel(l);
		}
	}
	free(top_key);
	free(sel_key);
	return rc;
}

/* Scrolls the window by one row down (+1) or up (-1); 0 if at the edge. */
static int scroll1(ulist *l, int dir)
{
	lrow r = { 0 };
	const lrow *edge = dir > 0 ? &l->rows[l->n - 1] : &l->rows[0];
	int got = fetch(l, edge->key, edge->id, dir < 0, 1, &r);
	if (got <= 0)
		return got;
	if (dir > 0) {
		if (l->n == l->cap) {
			clear_rows(&l->rows[0], 1);
			memmove(&l->rows[0], &l->rows[1], (size_t)(l->n - 1) * sizeof r);
			l->n--;
		}
		l->rows[l->n++] = r;
	} else {
		if (l->n == l->cap) {
			clear_rows(&l->rows[l->n - 1], 1);
			l->n--;
		}
		memmove(&l->rows[1], &l->rows[0], (size_t)l->n * sizeof r);
		l->rows[0] = r;
		l->n++;
	}
	return 1;
}

int list_move(ulist *l, int delta)
{
	if (l->n == 0)
		return 0;
	if (delta == 1 || delta == -1) {
		int to = l->sel + delta;
		if (to >= 0 && to < l->n) {
			l->sel = to;
			return 0;
		}
		if (scroll1(l, delta) > 0 && delta > 0)
			l->sel = l->n - 1;
		else if (delta < 0)
			l->sel = 0;
		return l->err.code ? -1 : 0;
	}
	/* A page: the next window starts after the last row (or ends before
	 * the first); at the edges, stop at the first/last full page. */
	int rel = l->sel;
	int rc;
	if (delta > 0) {
		if (l->n < l->cap) {
			l->sel = l->n - 1;
			return 0;
		}
		const lrow *last = &l->rows[l->n - 1];
		char *k = strdup(last->key);
		int64_t id = last->id;
		if (!k)
			return -1;
		lrow probe = { 0 };
		int more = fetch(l, k, id, 0, 1, &probe);
		clear_rows(&probe, more > 0 ? 1 : 0);
		if (more > 0) {
			rc = load_after(l, k, id);
			if (rc == 0 && l->n < l->cap)
				rc = load_before(l, NULL, 0);
		} else {
			rc = 0;
			rel = l->n - 1;
		}
		free(k);
	} else {
		char *k = strdup(l->rows[0].key);
		int64_t id = l->rows[0].id;
		if (!k)
			return -1;
		rc = load_before(l, k, id);
		if (rc == 0 && l->n < l->cap) {
			rc = load_after(l, NULL, 0);
			if (rel == l->sel && l->n)
				rel = 0;
		}
		free(k);
	}
	l->sel = rel;
	clamp_sel(l);
	return rc;
}

int list_home(ulist *l)
{
	l->sel = 0;
	return load_after(l, NULL, 0);
}

int list_end(ulist *l)
{
	int rc = load_before(l, NULL, 0);
	l->sel = l->n - 1;
	clamp_sel(l);
	return rc;
}

int list_set_filter(ulist *l, const char *filter)
{
	size_t len = strlen(filter);
	if (len >= sizeof l->filter)
		len = sizeof l->filter - 1;
	memcpy(l->filter, filter, len);
	l->filter[len] = '\0';
	return list_home(l);
}

int list_select_id(ulist *l, const char *key, int64_t id)
{
	int rc = load_after(l, key, id - 1);
	l->sel = 0;
	if (rc == 0 && l->n < l->cap) {
		/* Near the end: show a full page that ends with the last row. */
		rc = load_before(l, NULL, 0);
		for (int i = 0; i < l->n; i++)
			if (l->rows[i].id == id)
				l->sel = i;
	}
	return rc;
}

const lrow *list_selected(const ulist *l)
{
	return l->n ? &l->rows[l->sel] : NULL;
}
