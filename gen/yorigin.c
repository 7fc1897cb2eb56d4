/* Source facts beside a value tree. */
#include "yorigin.h"

#include <stdarg.h>
#include <stdlib.h>

#include "text.h"
#include "xalloc.h"

void
yorigin_add(struct yorigin_list *list, const struct value *v,
    const char *text, size_t len, const struct value *anchor)
{
	struct yorigin *o;

	list->v = xgrow(list->v, &list->cap, list->n + 1, sizeof(*list->v));
	o = &list->v[list->n++];
	o->line = v->line;
	o->col = v->col;
	o->kind = v->kind;
	o->text = text;
	o->len = len;
	o->aline = anchor != NULL ? anchor->line : 0;
	o->acol = anchor != NULL ? anchor->col : 0;
}

static int
by_place(const void *a, const void *b)
{
	const struct yorigin *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

static struct yorigin_list
keep(struct arena *arena, const struct yorigin_list *list)
{
	struct yorigin_list kept = { NULL, list->n, list->n };

	if (list->n == 0)
		return kept;
	kept.v = arena_memdup(arena, list->v, list->n * sizeof(*list->v));
	/* Events come in the order of the file; this only makes sure. */
	qsort(kept.v, kept.n, sizeof(*kept.v), by_place);
	return kept;
}

const struct yorigins *
yorigin_keep(struct arena *arena, const struct yorigin_list *texts,
    const struct yorigin_list *aliases)
{
	struct yorigins *o = arena_alloc(arena, sizeof(*o));

	o->texts = keep(arena, texts);
	o->aliases = keep(arena, aliases);
	return o;
}

static const struct yorigin *
find(const struct yorigin_list *list, const struct value *v)
{
	size_t lo = 0, hi = list->n, mid;
	struct yorigin key;

	key.line = v->line;
	key.col = v->col;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (by_place(&key, &list->v[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < list->n && by_place(&key, &list->v[lo]) == 0; lo++)
		if (list->v[lo].kind == v->kind)
			return &list->v[lo];
	return NULL;
}

int
yorigin_text(const struct yorigins *o, const struct value *v,
    const char **s, size_t *len)
{
	const struct yorigin *f;

	if (o == NULL || (f = find(&o->texts, v)) == NULL)
		return 0;
	*s = f->text;
	*len = f->len;
	return 1;
}

int
yorigin_anchor(const struct yorigins *o, const struct value *v,
    struct srcpos *anchor, const char **name)
{
	const struct yorigin *f;

	if (o == NULL || v->line == 0 || (f = find(&o->aliases, v)) == NULL)
		return 0;
	anchor->file = NULL;
	anchor->line = f->aline;
	anchor->col = f->acol;
	*name = f->text;
	return 1;
}

/* ------------------------------------------------------------ messages */

static void
vreport(const struct yorigin_diag *r, const struct value *v, int error,
    const char *fmt, va_list ap)
{
	struct srcpos at = value_pos(v, r->file), anchor;
	const char *name = NULL;
	int inside = 0;

	if (!yorigin_anchor(r->origins, v, &anchor, &name) &&
	    r->via != NULL && r->via != v &&
	    yorigin_anchor(r->origins, r->via, &anchor, &name)) {
		at = value_pos(r->via, r->file);
		anchor = value_pos(v, r->file);
		inside = 1;
	}
	anchor.file = r->file;
	if (error)
		diag_verror(r->d, &at, fmt, ap);
	else
		diag_vnote(r->d, &at, fmt, ap);
	if (error && name != NULL && inside)
		diag_note(r->d, &anchor, "the alias '*%s' copies this from the "
		    "anchor '&%s'", name, name);
	else if (error && name != NULL)
		diag_note(r->d, &anchor, "the alias '*%s' copies the anchor "
		    "'&%s' here", name, name);
}

void
yorigin_error(const struct yorigin_diag *r, const struct value *v,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(r, v, 1, fmt, ap);
	va_end(ap);
}

void
yorigin_note(const struct yorigin_diag *r, const struct value *v,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(r, v, 0, fmt, ap);
	va_end(ap);
}

void
yorigin_describe(const struct yorigins *o, const struct value *v,
    struct buf *out)
{
	const char *src;
	size_t len;
	struct buf q;

	if (v->kind == VALUE_STRING || yorigin_text(o, v, &src, &len)) {
		if (v->kind == VALUE_STRING) {
			src = value_str(v);
			len = value_strlen(v);
		}
		buf_init(&q);
		buf_printf(out, "\"%s\"", text_quote(&q, src, len));
		buf_free(&q);
	} else if (v->kind == VALUE_INT || v->kind == VALUE_FLOAT ||
	    v->kind == VALUE_BOOL)
		value_format(v, out);
	else
		buf_puts(out, value_kind_name(v->kind));
}
