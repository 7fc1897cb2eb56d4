/* Mustache compiler: names, filters and partial tags parsed, tokens built into node trees. */
#include "mtree.h"

#include <string.h>

#include "mlex.h"

/* ------------------------------------------------------------- filters */

/* Filters of their own; every escaper is a filter too, under its name. */
static const struct {
	const char	*name;
	mtree_filter_fn	 fn;
} case_filters[] = {
	{ "upper", text_upper },
	{ "lower", text_lower },
	{ "c_ident", text_c_ident },
	{ "c_comment", text_c_comment },
};

#define NCASE	(sizeof(case_filters) / sizeof(case_filters[0]))

/* Sets *f to the filter called name[0..len). Returns 0, or -1 for none. */
static int
filter_find(const char *name, size_t len, struct mtree_filter *f)
{
	size_t i;

	f->fn = NULL;
	f->esc = TEXT_ESCAPE_NONE;
	for (i = 0; i < NCASE; i++) {
		if (strlen(case_filters[i].name) == len &&
		    memcmp(case_filters[i].name, name, len) == 0) {
			f->fn = case_filters[i].fn;
			return 0;
		}
	}
	return text_escape_by_name(name, len, &f->esc);
}

void
mtree_filter_names(struct buf *out)
{
	const char *name;
	size_t i;
	int esc;

	for (i = 0; i < NCASE; i++)
		buf_printf(out, "%s%s", i ? ", " : "", case_filters[i].name);
	for (esc = 0; (name = text_escape_name((enum text_escape)esc)) !=
	    NULL; esc++)
		buf_printf(out, ", %s", name);
}

/* ------------------------------------------------------------- names */

struct compiler {
	struct mlex	 lx;
	struct arena	*arena;
	size_t		*nsegments;
};

static enum mtree_special
special_name(const char *s, size_t len)
{
	if (len == 6 && memcmp(s, "-index", 6) == 0)
		return MTREE_INDEX;
	if (len == 6 && memcmp(s, "-first", 6) == 0)
		return MTREE_FIRST;
	if (len == 5 && memcmp(s, "-last", 5) == 0)
		return MTREE_LAST;
	return MTREE_PLAIN;
}

static void
parse_path(struct compiler *c, const struct mlex_token *t, const char *s,
    size_t len, struct mtree_path *path)
{
	size_t i, n = 1, start;
	struct buf b;

	memset(path, 0, sizeof(*path));
	path->text = s;
	path->len = len;
	if (len == 1 && s[0] == '.')
		return;
	path->special = special_name(s, len);
	for (i = 0; i < len; i++)
		if (s[i] == '.')
			n++;
	path->segs = arena_alloc(c->arena, n * sizeof(*path->segs));
	for (i = 0, start = 0; i <= len; i++) {
		if (i < len && s[i] != '.')
			continue;
		if (i == start) {
			buf_init(&b);
			mlex_error(&c->lx, t, "bad name '%s': empty part "
			    "between dots", mlex_show(s, len, &b));
			buf_free(&b);
			return;
		}
		path->segs[path->nsegs].ptr = s + start;
		path->segs[path->nsegs].len = i - start;
		path->segs[path->nsegs].id = (*c->nsegments)++;
		path->nsegs++;
		start = i + 1;
	}
}

static void
unknown_filter(struct compiler *c, const struct mlex_token *t, size_t a,
    size_t z)
{
	const char *s = c->lx.src;
	struct srcpos pos = mlex_pos(&c->lx, t);
	struct buf name, list;

	/* Point at the filter's own column when on one line. */
	if (memchr(s + t->start, '\n', a - t->start) == NULL)
		pos.col += (unsigned)(a - t->start);
	buf_init(&name);
	buf_init(&list);
	mtree_filter_names(&list);
	diag_error(c->lx.d, &pos, "unknown filter '%s' (filters: %s)",
	    mlex_show(s + a, z - a, &name), buf_cstr(&list));
	c->lx.errors++;
	buf_free(&name);
	buf_free(&list);
}

/* Parses "name | f | g" of an interpolation tag. */
static void
parse_interpolation(struct compiler *c, const struct mlex_token *t,
    struct mtree_node *n)
{
	const char *s = c->lx.src;
	size_t start = t->name, end = t->name + t->name_len, bar, a, z;
	const char *p = memchr(s + start, '|', end - start);
	size_t count = 0;

	bar = p ? (size_t)(p - s) : end;
	a = start;
	z = bar;
	while (a < z && mlex_is_space(s[a]))
		a++;
	while (z > a && mlex_is_space(s[z - 1]))
		z--;
	if (a == z) {
		mlex_error(&c->lx, t, "empty tag");
		return;
	}
	parse_path(c, t, s + a, z - a, &n->path);
	if (p == NULL)
		return;
	for (a = bar; a < end; a++)
		count += s[a] == '|';
	n->filters = arena_alloc(c->arena, count * sizeof(*n->filters));
	while (bar < end) {
		a = bar + 1;
		p = memchr(s + a, '|', end - a);
		bar = p ? (size_t)(p - s) : end;
		z = bar;
		while (a < z && mlex_is_space(s[a]))
			a++;
		while (z > a && mlex_is_space(s[z - 1]))
			z--;
		if (filter_find(s + a, z - a, &n->filters[n->nfilters]) != 0)
			unknown_filter(c, t, a, z);
		else
			n->nfilters++;
	}
}

/*
 * The name of a partial or parent tag: "*name" takes it from the data.
 * A name written in the template is used as it is, but never as an
 * absolute path: partial names are relative to where partials are looked
 * up, wherever the template came from.
 */
static void
parse_partial(struct compiler *c, const struct mlex_token *t,
    struct mtree_node *n)
{
	const char *s = c->lx.src + t->name;
	size_t len = t->name_len;
	struct buf b;

	if (len > 0 && s[0] == '*') {
		n->dynamic = 1;
		for (s++, len--; len > 0 && mlex_is_space(s[0]); s++, len--)
			continue;
	}
	if (len == 0)
		mlex_error(&c->lx, t, "empty partial name");
	else if (n->dynamic)
		parse_path(c, t, s, len, &n->path);
	else if (s[0] == '/') {
		buf_init(&b);
		mlex_error(&c->lx, t, "partial name '%s' is an absolute path: "
		    "partial names are relative to the partials folders",
		    mlex_show(s, len, &b));
		buf_free(&b);
	} else {
		n->path.text = s;
		n->path.len = len;
	}
}

/* ------------------------------------------------------------- trees */

static size_t
skip_to(const struct mlex *lx, size_t i)
{
	const struct mlex_token *t = &lx->toks[i];

	if ((t->type == MLEX_SECTION || t->type == MLEX_INVERTED ||
	    t->type == MLEX_PARENT || t->type == MLEX_BLOCK) &&
	    t->match != (size_t)-1)
		return t->match + 1;
	return i + 1;
}

static int
makes_node(const struct mlex_token *t)
{
	if (t->removed || t->in_parent)
		return 0;
	switch (t->type) {
	case MLEX_TEXT:
		return t->end > t->start;
	case MLEX_COMMENT:
	case MLEX_DELIM:
		/* Renders nothing, but may carry a line's indentation. */
		return t->indent_first;
	case MLEX_CLOSE:
		return 0;
	default:
		return 1;
	}
}

/* The nodes tokens [from, to) make at their own level. */
static size_t
count_nodes(const struct mlex *lx, size_t from, size_t to)
{
	size_t i, n = 0;

	for (i = from; i < to; i = skip_to(lx, i))
		n += makes_node(&lx->toks[i]);
	return n;
}

/* Recursion: once per nesting level, which mlex_scan() bounded. */
static void build_nodes(struct compiler *c, size_t from, size_t to,
    struct mtree_node *out);

/* Builds the kids of the node of opening tag i: its content, or for a
 * parent the argument blocks directly inside it. */
static void
build_kids(struct compiler *c, size_t i, struct mtree_node *n)
{
	const struct mlex *lx = &c->lx;
	size_t j, k = 0, end = lx->toks[i].match;

	if (n->type != MTREE_PARENT) {
		n->nkids = count_nodes(lx, i + 1, end);
		n->kids = arena_alloc(c->arena, n->nkids * sizeof(*n->kids));
		build_nodes(c, i + 1, end, n->kids);
		return;
	}
	for (j = i + 1; j < end; j = skip_to(lx, j))
		k += lx->toks[j].is_arg;
	n->kids = arena_alloc(c->arena, k * sizeof(*n->kids));
	for (j = i + 1; j < end; j = skip_to(lx, j))
		if (lx->toks[j].is_arg)
			build_nodes(c, j, skip_to(lx, j), &n->kids[n->nkids++]);
}

static enum mtree_type
node_type(enum mlex_type type)
{
	switch (type) {
	case MLEX_VAR:		return MTREE_VAR;
	case MLEX_RAW:		return MTREE_RAW;
	case MLEX_SECTION:	return MTREE_SECTION;
	case MLEX_INVERTED:	return MTREE_INVERTED;
	case MLEX_PARTIAL:	return MTREE_PARTIAL;
	case MLEX_PARENT:	return MTREE_PARENT;
	case MLEX_BLOCK:	return MTREE_BLOCK;
	default:		return MTREE_TEXT;
	}
}

static void
build_node(struct compiler *c, size_t i, struct mtree_node *n)
{
	const struct mlex_token *t = &c->lx.toks[i];
	const char *src = c->lx.src;

	memset(n, 0, sizeof(*n));
	n->type = node_type(t->type);
	n->pos = mlex_pos(&c->lx, t);
	n->indent_first = t->indent_first;
	n->indent_end = t->indent_end;
	n->standalone = t->standalone;
	n->indent = src + t->indent;
	n->indent_len = t->indent_len;
	switch (n->type) {
	case MTREE_TEXT:
		n->text = src + t->start;
		n->len = t->type == MLEX_TEXT ? t->end - t->start : 0;
		return;
	case MTREE_VAR:
	case MTREE_RAW:
		parse_interpolation(c, t, n);
		return;
	case MTREE_PARTIAL:
		parse_partial(c, t, n);
		return;
	case MTREE_PARENT:
		parse_partial(c, t, n);
		break;
	case MTREE_BLOCK:
		n->path.text = src + t->name;
		n->path.len = t->name_len;
		break;
	case MTREE_SECTION:
	case MTREE_INVERTED:
		if (t->name_len > 0)
			parse_path(c, t, src + t->name, t->name_len, &n->path);
		break;
	}
	if (t->match != (size_t)-1)
		build_kids(c, i, n);
}

static void
build_nodes(struct compiler *c, size_t from, size_t to,
    struct mtree_node *out)
{
	size_t i;

	for (i = from; i < to; i = skip_to(&c->lx, i))
		if (makes_node(&c->lx.toks[i]))
			build_node(c, i, out++);
}

const struct mustache_template *
mtree_compile(struct arena *a, size_t *nsegments, size_t max_depth,
    struct diag *d, const char *name, const char *src, size_t len)
{
	struct compiler c;
	struct mustache_template *t;
	const char *copy = arena_strndup(a, src, len);

	memset(&c, 0, sizeof(c));
	c.arena = a;
	c.nsegments = nsegments;
	name = arena_strdup(a, name);
	if (mlex_scan(&c.lx, name, copy, len, max_depth, d) != 0) {
		mlex_free(&c.lx);
		return NULL;
	}
	t = arena_alloc(a, sizeof(*t));
	t->name = name;
	t->nnodes = count_nodes(&c.lx, 0, c.lx.ntoks);
	t->nodes = arena_alloc(a, t->nnodes * sizeof(*t->nodes));
	build_nodes(&c, 0, c.lx.ntoks, t->nodes);
	mlex_free(&c.lx);
	return c.lx.errors ? NULL : t;
}
