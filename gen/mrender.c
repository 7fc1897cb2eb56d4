/* Mustache renderer: names resolved on a context stack, sections, partials, inheritance and indentation. */
#include "mrender.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"

#include "mlex.h"
#include "mnames.h"
#include "xalloc.h"

/* How many levels of partials an error's notes name one by one. */
#define INCLUDE_NOTES_MAX	8

struct frame {
	const struct value	*v;
	size_t			 index, count;
	int			 iterating;
};

struct render {
	const struct mrender_env *env;
	const struct mustache_options *opt;
	enum text_escape	 esc;
	struct buf		*out;
	size_t			 out_start;
	struct frame		*frames;
	size_t			 nframes, frames_cap;
	const struct mtree_node	**parents;	/* outermost first */
	size_t			 nparents, parents_cap;
	/*
	 * The indentation of the template being rendered is
	 * indent[indent_base..len): a standalone partial adds its own to
	 * its caller's, any other partial starts from none.
	 */
	struct buf		 indent;
	size_t			 indent_base;
	size_t			 depth;
	size_t			 steps;
	struct buf		 scratch[2];
	struct buf		 msg;		/* a name quoted in a message */
	const struct mtree_node	**includes;	/* partial tags being rendered */
	size_t			 nincludes, includes_cap;
	const struct mnames	*names;		/* strict_names: the context's */
	const struct mustache_template **checked; /* by check_names() */
	size_t			 nchecked, checked_cap;
	size_t			*hints;		/* by segment id: pair index + 1 */
	size_t			 nhints;
	int			 failed;
};

/* ------------------------------------------------------------- errors */

static const char *shown(struct render *, const char *, size_t);

/*
 * A note per partial being rendered, innermost first, as a compiler says
 * "In file included from": an error inside a partial is placed in the
 * partial's file, and these say which templates brought it in. A tag
 * that includes itself again and again gets one note with the count.
 */
static int
same_place(const struct mtree_node *a, const struct mtree_node *b)
{
	return a->pos.line == b->pos.line && a->pos.col == b->pos.col &&
	    strcmp(a->pos.file, b->pos.file) == 0;
}

static void
include_notes(struct render *r)
{
	const struct mtree_node *n;
	size_t i = r->nincludes, run, shown_notes = 0;

	while (i > 0) {
		n = r->includes[i - 1];
		for (run = 1; run < i && same_place(r->includes[i - 1 - run],
		    n); run++)
			continue;
		i -= run;
		if (shown_notes++ == INCLUDE_NOTES_MAX && i > 0) {
			diag_note(r->env->d, &r->includes[0]->pos, "and %zu "
			    "more levels of partials, the outermost included "
			    "here", i + run);
			return;
		}
		if (run > 1)
			diag_note(r->env->d, &n->pos, "in the partial '%s' "
			    "included here, %zu levels deep", n->dynamic ? "*" :
			    shown(r, n->path.text, n->path.len), run);
		else
			diag_note(r->env->d, &n->pos, "in the partial '%s' "
			    "included here", n->dynamic ? "*" :
			    shown(r, n->path.text, n->path.len));
	}
}

/* Reports the render's first error; the render stops there. */
static void
render_error(struct render *r, const struct srcpos *pos, const char *fmt,
    ...)
{
	va_list ap;

	if (!r->failed) {
		va_start(ap, fmt);
		diag_verror(r->env->d, pos, fmt, ap);
		va_end(ap);
		include_notes(r);
	}
	r->failed = 1;
}

/* A limit was hit: the error, and a note naming the option that raises it. */
static void
limit_error(struct render *r, const struct srcpos *pos, enum limits_id id,
    const char *what, size_t limit)
{
	if (r->failed)
		return;
	diag_error(r->env->d, pos, what, limit);
	r->failed = 1;
	limits_note(r->env->d, pos, id);
	include_notes(r);
}

static const char *
shown(struct render *r, const char *s, size_t len)
{
	buf_clear(&r->msg);
	return mlex_show(s, len, &r->msg);
}

static void
check_output(struct render *r, const struct srcpos *pos)
{
	if (r->out->len - r->out_start > r->opt->max_output)
		limit_error(r, pos, LIMITS_OUTPUT, "output is larger than "
		    "the limit of %zu bytes", r->opt->max_output);
}

/* Counts n steps of work against the render's budget. */
static int
spend(struct render *r, const struct srcpos *pos, size_t n)
{
	r->steps += n;
	if (r->steps <= r->opt->max_steps)
		return 0;
	limit_error(r, pos, LIMITS_RENDER_STEPS, "rendering takes more "
	    "than %zu steps (partials that include each other many times?)",
	    r->opt->max_steps);
	return -1;
}

/* Enters a section, partial or block; the caller leaves with depth--. */
static int
enter(struct render *r, const struct mtree_node *n)
{
	if (r->depth >= r->opt->max_depth) {
		limit_error(r, &n->pos, LIMITS_TEMPLATE_DEPTH, "templates "
		    "nest deeper than %zu levels (a partial that includes "
		    "itself?)", r->opt->max_depth);
		return -1;
	}
	r->depth++;
	return 0;
}

/* ------------------------------------------------------------- names */

static void
push_frame(struct render *r, const struct value *v, size_t index,
    size_t count, int iterating)
{
	struct frame *f;

	r->frames = xgrow(r->frames, &r->frames_cap, r->nframes + 1,
	    sizeof(*r->frames));
	f = &r->frames[r->nframes++];
	f->v = v;
	f->index = index;
	f->count = count;
	f->iterating = iterating;
}

/*
 * The value under seg in map. A section over a list of records looks the
 * same names up in mappings of one shape again and again: the hint, the
 * pair where this segment was found last, is right nearly every time, and
 * saves comparing the name with every key before it.
 */
static const struct value *
map_get(struct render *r, const struct value *map,
    const struct mtree_segment *seg)
{
	const struct value_pair *pair;
	size_t old = r->nhints, i;

	if (map->kind != VALUE_MAP)
		return NULL;
	if (seg->id >= r->nhints) {
		r->hints = xgrow(r->hints, &r->nhints, seg->id + 1,
		    sizeof(*r->hints));
		memset(r->hints + old, 0, (r->nhints - old) * sizeof(*r->hints));
	}
	i = r->hints[seg->id];
	if (i > 0 && i <= value_len(map)) {
		pair = value_pair(map, i - 1);
		if (value_strlen(&pair->key) == seg->len &&
		    memcmp(value_str(&pair->key), seg->ptr, seg->len) == 0)
			return &pair->val;
	}
	pair = value_map_find(map, seg->ptr, seg->len);
	if (pair == NULL)
		return NULL;
	r->hints[seg->id] = (size_t)(pair - value_pair(map, 0)) + 1;
	return &pair->val;
}

/* The value of an iteration variable, in tmp, or NULL outside a list. */
static const struct value *
iteration_variable(struct render *r, const struct mtree_path *p,
    struct value *tmp)
{
	size_t i;

	for (i = r->nframes; i-- > 0;) {
		const struct frame *f = &r->frames[i];

		if (!f->iterating)
			continue;
		if (p->special == MTREE_INDEX)
			*tmp = value_make_int((long long)f->index + 1, NULL);
		else
			*tmp = value_make_bool(p->special == MTREE_FIRST ?
			    f->index == 0 : f->index + 1 == f->count, NULL);
		return tmp;
	}
	return NULL;
}

/*
 * A tag n inside a section whose first name seg only the root answered,
 * the entries between having none: when seg is a shadow (see
 * mustache_options), an error at the shadow's place, with a note at the
 * tag, the first time.
 */
static void
check_shadow(struct render *r, const struct mtree_node *n,
    const struct mtree_segment *seg)
{
	struct mustache_shadow *sh;
	size_t i;

	for (i = 0; i < r->opt->nshadows; i++) {
		sh = &r->opt->shadows[i];
		if (strlen(sh->name) != seg->len ||
		    memcmp(sh->name, seg->ptr, seg->len) != 0)
			continue;
		r->failed = 1;
		if (sh->reported++)
			return;
		diag_error(r->env->d, &sh->at, "a tag inside a section, where "
		    "the entry has no '%s' of its own, would read this value "
		    "instead of the entry's; choose another name", sh->name);
		diag_note(r->env->d, &n->pos, "the tag, where the entry has "
		    "no '%s'", sh->name);
		return;
	}
}

/*
 * Resolves a name against the context stack: its first segment in the
 * innermost context that has it, the others inside that. tmp holds the
 * value of an iteration variable. Returns NULL when the name is
 * undefined. Each context searched is a step of the budget.
 */
static const struct value *
lookup(struct render *r, const struct mtree_node *n, struct value *tmp)
{
	const struct mtree_path *p = &n->path;
	const struct value *v = NULL;
	size_t i;

	if (p->special != MTREE_PLAIN)
		return iteration_variable(r, p, tmp);
	if (p->nsegs == 0)
		return r->nframes ? r->frames[r->nframes - 1].v : NULL;
	for (i = r->nframes; i-- > 0;) {
		v = map_get(r, r->frames[i].v, &p->segs[0]);
		if (v != NULL)
			break;
	}
	if (v != NULL && i == 0 && r->nframes > 1)
		check_shadow(r, n, &p->segs[0]);
	if (spend(r, &n->pos, r->nframes - (i + 1)) != 0)
		return NULL;
	for (i = 1; v != NULL && i < p->nsegs; i++)
		v = map_get(r, v, &p->segs[i]);
	return v;
}

/* ------------------------------------------------------- strict names */

static const char *
tag_kind(const struct mtree_node *n)
{
	return n->type == MTREE_SECTION ? "section " :
	    n->type == MTREE_INVERTED ? "inverted section " : "";
}

/* Reports each tag of nodes[0..n) whose name the context has nowhere. */
static void
check_nodes(struct render *r, const struct mtree_node *nodes, size_t n)
{
	const struct mtree_node *t;
	const struct mtree_segment *seg;
	const char *hint;
	struct buf q;
	size_t i;

	for (i = 0; i < n; i++) {
		t = &nodes[i];
		check_nodes(r, t->kids, t->nkids);
		if ((t->type != MTREE_VAR && t->type != MTREE_RAW &&
		    t->type != MTREE_SECTION && t->type != MTREE_INVERTED) ||
		    t->path.special != MTREE_PLAIN || t->path.nsegs == 0)
			continue;
		seg = &t->path.segs[0];
		if (mnames_has(r->names, seg->ptr, seg->len))
			continue;
		buf_init(&q);
		mlex_show(t->path.text, t->path.len, &q);
		hint = mnames_near(r->names, seg->ptr, seg->len);
		diag_error(r->env->d, &t->pos, "%s'%s' is not defined%s%s%s",
		    tag_kind(t), buf_cstr(&q),
		    hint ? "; did you mean '" : "", hint ? hint : "",
		    hint ? "'?" : "");
		buf_free(&q);
		if (!r->failed)
			include_notes(r);
		r->failed = 1;
	}
}

/* With strict_names, checks t's tags once, before any of it renders. */
static int
check_names(struct render *r, const struct mustache_template *t)
{
	size_t i;

	if (r->names == NULL)
		return 0;
	for (i = 0; i < r->nchecked; i++)
		if (r->checked[i] == t)
			return 0;
	r->checked = xgrow(r->checked, &r->checked_cap, r->nchecked + 1,
	    sizeof(*r->checked));
	r->checked[r->nchecked++] = t;
	check_nodes(r, t->nodes, t->nnodes);
	return r->failed ? -1 : 0;
}

/* ------------------------------------------------------------- output */

static void
emit_indent(struct render *r, const struct srcpos *pos)
{
	size_t n = r->indent.len - r->indent_base;

	if (n > 0) {
		buf_append(r->out, r->indent.data + r->indent_base, n);
		check_output(r, pos);
	}
}

/* Applies the filters of n to the text in a; returns the result. */
static struct buf *
apply_filters(struct render *r, const struct mtree_node *n, struct buf *a)
{
	struct buf *b = a == &r->scratch[0] ? &r->scratch[1] : &r->scratch[0];
	struct buf *t;
	size_t i;

	for (i = 0; i < n->nfilters; i++) {
		buf_clear(b);
		if (n->filters[i].fn != NULL)
			n->filters[i].fn(buf_cstr(a), a->len, b);
		else
			text_escape(n->filters[i].esc, a->data, a->len, b);
		t = a;
		a = b;
		b = t;
	}
	return a;
}

static void
render_interpolation(struct render *r, const struct mtree_node *n)
{
	struct value tmp;
	const struct value *v = lookup(r, n, &tmp);
	struct buf *a = &r->scratch[0];

	if (v == NULL) {
		if (r->opt->strict && !r->failed)
			render_error(r, &n->pos, "'%s' is not defined",
			    shown(r, n->path.text, n->path.len));
		return;
	}
	/* A string goes straight from the tree to the output. */
	if (v->kind == VALUE_STRING && n->nfilters == 0) {
		if (n->type == MTREE_VAR)
			text_escape(r->esc, value_str(v), value_strlen(v),
			    r->out);
		else
			buf_append(r->out, value_str(v), value_strlen(v));
		check_output(r, &n->pos);
		return;
	}
	buf_clear(a);
	if (value_format(v, a) != 0) {
		if (r->opt->strict)
			render_error(r, &n->pos, "'%s' is a list or mapping, "
			    "not text", shown(r, n->path.text, n->path.len));
		return;
	}
	a = apply_filters(r, n, a);
	if (n->type == MTREE_VAR && n->nfilters == 0)
		text_escape(r->esc, a->data, a->len, r->out);
	else
		buf_append(r->out, a->data, a->len);
	check_output(r, &n->pos);
}

/* ----------------------------------------------------------- sections */

/* Recursion: once per level of nesting, which enter() bounds. */
static void render_nodes(struct render *r, const struct mtree_node *nodes,
    size_t n, int skip_first_indent);

/* A section's content, with the indentation of a closing tag that
 * starts a line. */
static void
render_content(struct render *r, const struct mtree_node *n)
{
	render_nodes(r, n->kids, n->nkids, 0);
	if (n->indent_end && !r->failed)
		emit_indent(r, &n->pos);
}

static void
render_section(struct render *r, const struct mtree_node *n)
{
	struct value tmp;
	const struct value *v = lookup(r, n, &tmp);
	int shown_once = n->type == MTREE_INVERTED ? !value_truthy(v) :
	    value_truthy(v);
	size_t i;

	if (!shown_once || enter(r, n) != 0)
		return;
	if (n->type == MTREE_INVERTED)
		render_content(r, n);
	else if (v->kind == VALUE_SEQ) {
		for (i = 0; i < value_len(v) && !r->failed; i++) {
			/* A pass over empty content is work too. */
			if (spend(r, &n->pos, 1) != 0)
				break;
			push_frame(r, value_item(v, i), i, value_len(v), 1);
			render_content(r, n);
			r->nframes--;
		}
	} else {
		push_frame(r, v, 0, 1, 0);
		render_content(r, n);
		r->nframes--;
	}
	r->depth--;
}

/* ------------------------------------------------------------ partials */

/*
 * A partial name taken from the data must name a file inside the
 * partials folders: no absolute path, no ".." component. Templates are
 * trusted; data may not be.
 */
static int
name_allowed(const char *s, size_t len)
{
	size_t i, start = 0;

	if (len > 0 && s[0] == '/')
		return 0;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '/')
			continue;
		if (i - start == 2 && s[start] == '.' && s[start + 1] == '.')
			return 0;
		start = i + 1;
	}
	return 1;
}

/*
 * The name of partial n in name: as written, or for a dynamic name the
 * text of the value it names. Returns 0, or -1 when there is none
 * (reported in strict mode, or when the data's name is not allowed).
 */
static int
partial_name(struct render *r, const struct mtree_node *n, struct buf *name)
{
	const struct value *v;
	struct value tmp;

	v = lookup(r, n, &tmp);
	if (v == NULL || value_format(v, name) != 0 || name->len == 0) {
		if (r->opt->strict && !r->failed)
			render_error(r, &n->pos, "'%s' is not defined",
			    shown(r, n->path.text, n->path.len));
		return -1;
	}
	if (memchr(name->data, '\0', name->len) != NULL ||
	    !name_allowed(name->data, name->len)) {
		buf_clear(&r->msg);
		mlex_show(name->data, name->len, &r->msg);
		buf_puts(&r->msg, "' (from '");
		mlex_show(n->path.text, n->path.len, &r->msg);
		render_error(r, &n->pos, "partial name '%s') is not allowed: "
		    "names from the data must stay inside the partials "
		    "folders (no absolute path, no '..')", buf_cstr(&r->msg));
		return -1;
	}
	return 0;
}

/* Renders the body of partial or parent n, in its own indentation. */
static void
render_body(struct render *r, const struct mtree_node *n,
    const struct mustache_template *t)
{
	size_t saved_len = r->indent.len, saved_base = r->indent_base;

	if (!n->standalone)
		r->indent_base = r->indent.len;
	else if (r->indent.len + n->indent_len > r->opt->max_output) {
		/* Not one line of it could be written. */
		check_output(r, &n->pos);
		limit_error(r, &n->pos, LIMITS_OUTPUT, "the indentation of "
		    "nested partials is longer than the output limit of %zu "
		    "bytes", r->opt->max_output);
		return;
	} else
		buf_append(&r->indent, n->indent, n->indent_len);
	if (n->type == MTREE_PARENT) {
		r->parents = xgrow(r->parents, &r->parents_cap,
		    r->nparents + 1, sizeof(*r->parents));
		r->parents[r->nparents++] = n;
	}
	render_nodes(r, t->nodes, t->nnodes, 0);
	if (n->type == MTREE_PARENT)
		r->nparents--;
	r->indent.len = saved_len;
	r->indent_base = saved_base;
}

static void
render_partial(struct render *r, const struct mtree_node *n)
{
	const struct mustache_template *t;
	const char *name = n->path.text, *searched = NULL;
	size_t len = n->path.len;
	struct buf dyn;

	buf_init(&dyn);
	if (n->dynamic) {
		if (partial_name(r, n, &dyn) != 0) {
			buf_free(&dyn);
			return;
		}
		name = dyn.data;
		len = dyn.len;
	}
	if (r->env->load(r->env->load_ctx, name, len, &t, &searched) != 0) {
		/* The partial's own errors are reported: say where it is used. */
		if (!r->failed) {
			diag_note(r->env->d, &n->pos, "in the partial '%s' "
			    "included here", shown(r, name, len));
			include_notes(r);
		}
		r->failed = 1;
	} else if (t == NULL) {
		if (r->opt->strict && searched != NULL)
			render_error(r, &n->pos, "partial '%s' not found "
			    "(folders searched: %s)", shown(r, name, len), searched);
		else if (r->opt->strict)
			render_error(r, &n->pos, "partial '%s' not found",
			    shown(r, name, len));
	} else if (enter(r, n) == 0) {
		r->includes = xgrow(r->includes, &r->includes_cap,
		    r->nincludes + 1, sizeof(*r->includes));
		r->includes[r->nincludes++] = n;
		if (check_names(r, t) == 0)
			render_body(r, n, t);
		r->nincludes--;
		r->depth--;
	}
	buf_free(&dyn);
}

/* The outermost parent's argument for block n wins. */
static const struct mtree_node *
find_argument(struct render *r, const struct mtree_node *n)
{
	size_t i, j;

	for (i = 0; i < r->nparents; i++) {
		const struct mtree_node *p = r->parents[i];

		if (spend(r, &n->pos, p->nkids) != 0)
			return NULL;
		for (j = 0; j < p->nkids; j++)
			if (p->kids[j].path.len == n->path.len &&
			    memcmp(p->kids[j].path.text, n->path.text,
			    n->path.len) == 0)
				return &p->kids[j];
	}
	return NULL;
}

/*
 * A block renders its default content, or the argument that overrides
 * it indented by the block's indentation. The argument's first line
 * continues the line of a block tag that does not stand alone.
 */
static void
render_block(struct render *r, const struct mtree_node *n)
{
	const struct mtree_node *arg = find_argument(r, n);
	size_t saved = r->indent.len;

	if (r->failed || enter(r, n) != 0)
		return;
	if (arg == NULL)
		render_content(r, n);
	else {
		buf_append(&r->indent, n->indent, n->indent_len);
		if (n->standalone && !arg->standalone)
			emit_indent(r, &n->pos);
		render_nodes(r, arg->kids, arg->nkids, !n->standalone);
		if (arg->indent_end && !r->failed)
			emit_indent(r, &n->pos);
		r->indent.len = saved;
	}
	r->depth--;
}

static void
render_nodes(struct render *r, const struct mtree_node *nodes, size_t n,
    int skip_first_indent)
{
	size_t i;

	for (i = 0; i < n && !r->failed; i++) {
		const struct mtree_node *node = &nodes[i];

		if (spend(r, &node->pos, 1) != 0)
			return;
		if (node->indent_first && !(i == 0 && skip_first_indent))
			emit_indent(r, &node->pos);
		switch (node->type) {
		case MTREE_TEXT:
			buf_append(r->out, node->text, node->len);
			check_output(r, &node->pos);
			break;
		case MTREE_VAR:
		case MTREE_RAW:
			render_interpolation(r, node);
			break;
		case MTREE_SECTION:
		case MTREE_INVERTED:
			render_section(r, node);
			break;
		case MTREE_PARTIAL:
		case MTREE_PARENT:
			render_partial(r, node);
			break;
		case MTREE_BLOCK:
			render_block(r, node);
			break;
		}
	}
}

int
mrender_run(const struct mrender_env *env, const struct mustache_template *t,
    const struct value *root, enum text_escape esc, struct buf *out)
{
	struct render r;

	memset(&r, 0, sizeof(r));
	r.env = env;
	r.opt = env->opt;
	r.esc = esc;
	r.out = out;
	r.out_start = out->len;
	if (root != NULL)
		push_frame(&r, root, 0, 1, 0);
	if (r.opt->strict_names)
		r.names = env->names;
	if (check_names(&r, t) == 0)
		render_nodes(&r, t->nodes, t->nnodes, 0);
	free(r.checked);
	free(r.frames);
	free(r.parents);
	free(r.includes);
	free(r.hints);
	buf_free(&r.indent);
	buf_free(&r.scratch[0]);
	buf_free(&r.scratch[1]);
	buf_free(&r.msg);
	return r.failed ? -1 : 0;
}
