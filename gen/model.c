/* The status model: validation of the status table and the context templates render. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "xalloc.h"

#define MIN_CODE	100
#define MAX_CODE	599
#define MAX_CLASS	5

static const char *const root_keys[] = { "classes", "statuses", NULL };
static const char *const class_keys[] = { "class", "name", "summary", NULL };
static const char *const status_keys[] = {
	"code", "reason", "description", "reference", "registry", "origin",
	"aliases", "cacheable", "redirect", "empty_body", "retryable", "ident",
	NULL
};
static const char *const flag_keys[] = {
	"cacheable", "redirect", "empty_body", "retryable", NULL
};
static const char *const registries[] = {
	"standard", "deprecated", "obsolete", "unofficial", NULL
};

/* What the checks learn about one status, kept beside the data. */
struct status {
	int			 ok;		/* passed every check */
	const struct value	*map;
	const struct value	*code_node;
	long long		 code;
	const struct value	*reason;
	const char		*ident;		/* arena string */
	const struct value	*ident_node;	/* where ident came from */
	size_t			 index;		/* order in the file */
};

struct klass {
	const struct value	*map;
	long long		 number;
	const struct value	*name;
};

/* A reason or alias, for the reverse lookup and its collision check. */
struct phrase {
	const struct value	*node;
	char			*upper;
	const struct status	*status;
};

struct checker {
	struct arena	*arena;
	struct diag	*d;
};

/* ---------------------------------------------------------------- */
/* Reporting                                                        */
/* ---------------------------------------------------------------- */

/* Levenshtein distance, for did-you-mean hints on short key names. */
static size_t
edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t *row = xmalloc((blen + 1) * sizeof(*row));
	size_t i, j, diag, up, best;

	for (j = 0; j <= blen; j++)
		row[j] = j;
	for (i = 1; i <= alen; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= blen; j++) {
			up = row[j];
			best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	best = row[blen];
	free(row);
	return best;
}

static void
describe(const struct value *v, struct buf *out)
{
	if (v->kind == VALUE_STRING) {
		buf_putc(out, '"');
		buf_append(out, v->u.str.ptr, v->u.str.len > 40 ? 40 :
		    v->u.str.len);
		buf_puts(out, v->u.str.len > 40 ? "...\"" : "\"");
	} else if (v->kind == VALUE_INT || v->kind == VALUE_FLOAT ||
	    v->kind == VALUE_BOOL)
		value_format(v, out);
	else
		buf_puts(out, value_kind_name(v->kind));
}

static void
check_keys(struct checker *c, const struct value *map,
    const char *const *allowed, const char *what)
{
	size_t i, k, dist, best;
	const char *hint;

	for (i = 0; i < map->u.map.len; i++) {
		const struct value *key = map->u.map.pairs[i].key;
		const char *s = key->u.str.ptr;
		size_t len = key->u.str.len;

		if (len >= 2 && s[0] == 'x' && s[1] == '-')
			continue;
		for (k = 0; allowed[k] != NULL; k++)
			if (strlen(allowed[k]) == len &&
			    memcmp(allowed[k], s, len) == 0)
				break;
		if (allowed[k] != NULL)
			continue;
		hint = NULL;
		best = 3;
		for (k = 0; allowed[k] != NULL; k++) {
			dist = edit_distance(s, len, allowed[k],
			    strlen(allowed[k]));
			if (dist < best && dist < strlen(allowed[k])) {
				best = dist;
				hint = allowed[k];
			}
		}
		if (hint != NULL)
			diag_error(c->d, &key->pos, "unknown key '%s' in %s; "
			    "did you mean '%s'?", s, what, hint);
		else
			diag_error(c->d, &key->pos, "unknown key '%s' in %s "
			    "(keys starting with 'x-' are free for your own "
			    "use)", s, what);
	}
}

static void
type_error(struct checker *c, const char *key, const char *expected,
    const struct value *v)
{
	struct buf got;

	buf_init(&got);
	describe(v, &got);
	diag_error(c->d, &v->pos, "'%s' must be %s, got %s", key, expected,
	    buf_cstr(&got));
	buf_free(&got);
}

/* ---------------------------------------------------------------- */
/* Field checks                                                     */
/* ---------------------------------------------------------------- */

static const struct value *
required(struct checker *c, const struct value *map, const char *key,
    const char *what)
{
	const struct value *v = value_map_getz(map, key);

	if (v == NULL)
		diag_error(c->d, &map->pos, "%s has no '%s'", what, key);
	return v;
}

/* A string with at least one visible character; single_line forbids line
 * breaks. Returns v, or NULL after reporting. */
static const struct value *
check_text(struct checker *c, const char *key, const struct value *v,
    int single_line)
{
	size_t i;

	if (v == NULL)
		return NULL;
	if (v->kind != VALUE_STRING) {
		type_error(c, key, "a string", v);
		return NULL;
	}
	for (i = 0; i < v->u.str.len; i++)
		if (v->u.str.ptr[i] != ' ' && v->u.str.ptr[i] != '\t')
			break;
	if (i == v->u.str.len) {
		diag_error(c->d, &v->pos, "'%s' is empty", key);
		return NULL;
	}
	if (memchr(v->u.str.ptr, '\0', v->u.str.len) != NULL) {
		diag_error(c->d, &v->pos, "'%s' contains a NUL byte", key);
		return NULL;
	}
	if (single_line && (memchr(v->u.str.ptr, '\n', v->u.str.len) ||
	    memchr(v->u.str.ptr, '\r', v->u.str.len))) {
		diag_error(c->d, &v->pos, "'%s' must be a single line", key);
		return NULL;
	}
	return v;
}

static int
check_int(struct checker *c, const char *key, const struct value *v,
    long long lo, long long hi, long long *out)
{
	struct buf got;

	if (v == NULL)
		return -1;
	if (v->kind == VALUE_INT && v->u.integer >= lo && v->u.integer <= hi) {
		*out = v->u.integer;
		return 0;
	}
	buf_init(&got);
	describe(v, &got);
	diag_error(c->d, &v->pos, "'%s' must be an integer between %lld and "
	    "%lld, got %s", key, lo, hi, buf_cstr(&got));
	buf_free(&got);
	return -1;
}

static int
is_c_ident(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* ---------------------------------------------------------------- */
/* Classes and statuses                                             */
/* ---------------------------------------------------------------- */

static const struct value *
check_list(struct checker *c, const struct value *root, const char *key)
{
	const struct value *v = required(c, root, key, "the status table");

	if (v != NULL && v->kind != VALUE_SEQ) {
		type_error(c, key, "a list", v);
		return NULL;
	}
	return v;
}

static size_t
check_classes(struct checker *c, const struct value *list,
    struct klass *classes)
{
	struct klass *seen[MAX_CLASS + 1] = { NULL };
	size_t i, n = 0;

	for (i = 0; i < list->u.seq.len; i++) {
		const struct value *m = list->u.seq.items[i];
		struct klass *k = &classes[n];

		if (m->kind != VALUE_MAP) {
			type_error(c, "classes", "a list of mappings", m);
			continue;
		}
		check_keys(c, m, class_keys, "a class");
		k->map = m;
		k->name = check_text(c, "name", required(c, m, "name",
		    "a class"), 1);
		check_text(c, "summary", required(c, m, "summary", "a class"),
		    1);
		if (check_int(c, "class", required(c, m, "class", "a class"),
		    1, MAX_CLASS, &k->number) != 0 || k->name == NULL)
			continue;
		if (seen[k->number] != NULL) {
			const struct value *first =
			    value_map_getz(seen[k->number]->map, "class");

			diag_error(c->d, &value_map_getz(m, "class")->pos,
			    "duplicate class %lld", k->number);
			diag_note(c->d, &first->pos, "first defined here");
			continue;
		}
		seen[k->number] = k;
		n++;
	}
	return n;
}

static const struct klass *
find_class(const struct klass *classes, size_t n, long long number)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (classes[i].number == number)
			return &classes[i];
	return NULL;
}

/* Checks one status; returns 0 when it can take part in the model. */
static int
check_status(struct checker *c, const struct value *m,
    const struct klass *classes, size_t nclasses, struct status *s)
{
	const struct value *v, *registry, *origin, *aliases;
	struct buf ident;
	char what[32];
	int ok = 1;
	size_t i, k;

	if (m->kind != VALUE_MAP) {
		type_error(c, "statuses", "a list of mappings", m);
		return -1;
	}
	check_keys(c, m, status_keys, "a status");
	s->map = m;
	s->code_node = required(c, m, "code", "a status");
	if (check_int(c, "code", s->code_node, MIN_CODE, MAX_CODE,
	    &s->code) != 0) {
		s->code_node = NULL;
		ok = 0;
	}
	else if (find_class(classes, nclasses, s->code / 100) == NULL) {
		diag_error(c->d, &s->code_node->pos, "code %lld is in class "
		    "%lld, which 'classes' does not define", s->code,
		    s->code / 100);
		ok = 0;
	}
	strcpy(what, "a status");
	if (s->code_node != NULL)
		snprintf(what, sizeof(what), "status %lld", s->code);
	s->reason = check_text(c, "reason", required(c, m, "reason", what),
	    1);
	if (s->reason == NULL)
		ok = 0;
	if (check_text(c, "description", required(c, m, "description", what), 0) ==
	    NULL)
		ok = 0;
	if (check_text(c, "reference", required(c, m, "reference", what), 0) ==
	    NULL)
		ok = 0;
	registry = check_text(c, "registry", required(c, m, "registry",
	    what), 1);
	if (registry == NULL)
		ok = 0;
	else {
		for (k = 0; registries[k] != NULL; k++)
			if (strcmp(registry->u.str.ptr, registries[k]) == 0)
				break;
		if (registries[k] == NULL) {
			type_error(c, "registry", "one of standard, deprecated, "
			    "obsolete, unofficial", registry);
			registry = NULL;
			ok = 0;
		}
	}
	origin = value_map_getz(m, "origin");
	if (origin != NULL && check_text(c, "origin", origin, 1) == NULL)
		ok = 0;
	if (registry != NULL && strcmp(registry->u.str.ptr, "unofficial") ==
	    0 && origin == NULL) {
		diag_error(c->d, &registry->pos, "an unofficial status needs "
		    "an 'origin' saying who uses it");
		ok = 0;
	} else if (registry != NULL && origin != NULL &&
	    strcmp(registry->u.str.ptr, "unofficial") != 0) {
		diag_error(c->d, &origin->pos, "'origin' is only for "
		    "unofficial statuses (registry: unofficial)");
		ok = 0;
	}
	aliases = value_map_getz(m, "aliases");
	if (aliases != NULL && aliases->kind != VALUE_SEQ) {
		type_error(c, "aliases", "a list of strings", aliases);
		ok = 0;
	} else if (aliases != NULL) {
		for (i = 0; i < aliases->u.seq.len; i++)
			if (check_text(c, "aliases", aliases->u.seq.items[i],
			    1) == NULL)
				ok = 0;
	}
	if (aliases != NULL && !ok)
		aliases = NULL;	/* keep bad aliases out of the phrase check */
	for (k = 0; flag_keys[k] != NULL; k++) {
		v = value_map_getz(m, flag_keys[k]);
		if (v != NULL && v->kind != VALUE_BOOL) {
			type_error(c, flag_keys[k], "true or false", v);
			ok = 0;
		}
	}
	v = value_map_getz(m, "ident");
	if (v != NULL) {
		if (check_text(c, "ident", v, 1) == NULL)
			ok = 0;
		else if (!is_c_ident(v->u.str.ptr, v->u.str.len)) {
			type_error(c, "ident", "an upper-case C identifier "
			    "(A-Z, 0-9, _, not starting with a digit)", v);
			ok = 0;
		} else {
			s->ident = v->u.str.ptr;
			s->ident_node = v;
		}
	} else if (s->reason != NULL) {
		buf_init(&ident);
		text_c_ident(s->reason->u.str.ptr, s->reason->u.str.len,
		    &ident);
		if (ident.len == 0 || (ident.data[0] == '_')) {
			diag_error(c->d, &s->reason->pos, "cannot derive a C "
			    "identifier from reason \"%s\"; add an 'ident'",
			    s->reason->u.str.ptr);
			ok = 0;
		} else {
			s->ident = arena_strndup(c->arena, ident.data,
			    ident.len);
			s->ident_node = s->reason;
		}
		buf_free(&ident);
	}
	s->ok = ok;
	return ok ? 0 : -1;
}

static int
by_code(const void *a, const void *b)
{
	const struct status *x = a, *y = b;

	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int
by_ident(const void *a, const void *b)
{
	const struct status *const *x = a, *const *y = b;
	int r = strcmp((*x)->ident, (*y)->ident);

	if (r != 0)
		return r;
	return (*x)->index < (*y)->index ? -1 : (*x)->index > (*y)->index;
}

static int
by_phrase(const void *a, const void *b)
{
	const struct phrase *x = a, *y = b;
	size_t xl = x->node->u.str.len, yl = y->node->u.str.len;
	int r;

	if (xl != yl)
		return xl < yl ? -1 : 1;
	if ((r = memcmp(x->upper, y->upper, xl)) != 0)
		return r;
	if (x->status->index != y->status->index)
		return x->status->index < y->status->index ? -1 : 1;
	/* The reason comes before the aliases, which keep their order. */
	return x->node->pos.line < y->node->pos.line ? -1 :
	    x->node->pos.line > y->node->pos.line ? 1 :
	    x->node->pos.col < y->node->pos.col ? -1 :
	    x->node->pos.col > y->node->pos.col;
}

static void
check_duplicate_codes(struct checker *c, const struct status *s, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (s[i].code_node != NULL && s[i - 1].code_node != NULL &&
		    s[i].code == s[i - 1].code) {
			size_t first = i - 1;

			while (first > 0 && s[first - 1].code == s[i].code)
				first--;
			diag_error(c->d, &s[i].code_node->pos, "duplicate code "
			    "%lld", s[i].code);
			diag_note(c->d, &s[first].code_node->pos,
			    "first defined here");
		}
}

static void
check_duplicate_idents(struct checker *c, const struct status *s, size_t n)
{
	const struct status **sorted = xmalloc((n + 1) * sizeof(*sorted));
	size_t i, first = 0, k = 0;

	for (i = 0; i < n; i++)
		if (s[i].ident != NULL)
			sorted[k++] = &s[i];
	n = k;
	if (n > 0)
		qsort(sorted, n, sizeof(*sorted), by_ident);
	for (i = 1; i < n; i++) {
		if (strcmp(sorted[i]->ident, sorted[first]->ident) != 0) {
			first = i;
			continue;
		}
		diag_error(c->d, &sorted[i]->ident_node->pos, "the C "
		    "identifier %s is taken already; give one of the two an "
		    "'ident'", sorted[i]->ident);
		diag_note(c->d, &sorted[first]->ident_node->pos,
		    "%s first comes from here", sorted[first]->ident);
	}
	free(sorted);
}

static struct phrase *
collect_phrases(struct checker *c, const struct status *s, size_t n,
    size_t *count)
{
	struct phrase *p = NULL;
	size_t cap = 0, np = 0, i, j;
	const struct value *aliases;
	struct buf up;

	buf_init(&up);
	for (i = 0; i < n; i++) {
		if (s[i].reason == NULL)
			continue;
		aliases = s[i].ok ? value_map_getz(s[i].map, "aliases") : NULL;
		for (j = 0; j <= (aliases ? aliases->u.seq.len : 0); j++) {
			const struct value *node = j == 0 ? s[i].reason :
			    aliases->u.seq.items[j - 1];

			p = xgrow(p, &cap, np + 1, sizeof(*p));
			buf_clear(&up);
			text_upper(node->u.str.ptr, node->u.str.len, &up);
			p[np].node = node;
			p[np].upper = arena_strndup(c->arena, up.data, up.len);
			p[np].status = &s[i];
			np++;
		}
	}
	buf_free(&up);
	if (np > 0)
		qsort(p, np, sizeof(*p), by_phrase);
	for (i = 1; i < np; i++) {
		size_t first = i - 1;

		if (p[i].node->u.str.len != p[first].node->u.str.len ||
		    memcmp(p[i].upper, p[first].upper,
		    p[i].node->u.str.len) != 0)
			continue;
		while (first > 0 && p[first - 1].node->u.str.len ==
		    p[i].node->u.str.len && memcmp(p[first - 1].upper,
		    p[i].upper, p[i].node->u.str.len) == 0)
			first--;
		diag_error(c->d, &p[i].node->pos, "\"%s\" is used twice "
		    "(reasons and aliases must all differ, ignoring case)",
		    p[i].node->u.str.ptr);
		diag_note(c->d, &p[first].node->pos, "first used here");
	}
	*count = np;
	return p;
}

/* ---------------------------------------------------------------- */
/* Building the context                                             */
/* ---------------------------------------------------------------- */

/* A mapping under construction: pairs gathered on the heap. */
struct builder {
	struct arena		*arena;
	struct value_pair	*pairs;
	size_t			 n, cap;
};

static void
put(struct builder *b, const char *key, struct value *v)
{
	b->pairs = xgrow(b->pairs, &b->cap, b->n + 1, sizeof(*b->pairs));
	b->pairs[b->n].key = value_new_string(b->arena, key, strlen(key),
	    NULL);
	b->pairs[b->n].val = v;
	b->n++;
}

static struct value *
finish(struct builder *b, const struct srcpos *pos)
{
	struct value *m = value_new(b->arena, VALUE_MAP, pos);

	value_map_set(b->arena, m, b->pairs, b->n);
	free(b->pairs);
	b->pairs = NULL;
	b->n = b->cap = 0;
	return m;
}

static struct value *
str(struct arena *a, const char *s)
{
	return value_new_string(a, s, strlen(s), NULL);
}

static struct value *
seq(struct arena *a, struct value **items, size_t n)
{
	struct value *v = value_new(a, VALUE_SEQ, NULL);

	value_seq_set(a, v, items, n);
	return v;
}

/* Passes the user's x- keys of src through to b. */
static void
put_user_keys(struct builder *b, const struct value *src)
{
	size_t i;

	for (i = 0; i < src->u.map.len; i++) {
		const struct value_pair *p = &src->u.map.pairs[i];

		if (p->key->u.str.len >= 2 && memcmp(p->key->u.str.ptr, "x-",
		    2) == 0) {
			b->pairs = xgrow(b->pairs, &b->cap, b->n + 1,
			    sizeof(*b->pairs));
			b->pairs[b->n++] = *p;
		}
	}
}

static struct value *
build_status(struct arena *a, const struct status *s, const struct klass *k)
{
	struct builder b = { a, NULL, 0, 0 };
	const struct value *m = s->map, *v, *registry;
	size_t i;

	put(&b, "code", (struct value *)s->code_node);
	put(&b, "reason", (struct value *)s->reason);
	put(&b, "description", (struct value *)value_map_getz(m,
	    "description"));
	put(&b, "reference", (struct value *)value_map_getz(m, "reference"));
	registry = value_map_getz(m, "registry");
	put(&b, "registry", (struct value *)registry);
	v = value_map_getz(m, "origin");
	put(&b, "origin", v ? (struct value *)v : str(a, ""));
	v = value_map_getz(m, "aliases");
	put(&b, "aliases", v ? (struct value *)v : seq(a, NULL, 0));
	for (i = 0; flag_keys[i] != NULL; i++) {
		v = value_map_getz(m, flag_keys[i]);
		put(&b, flag_keys[i], value_new_bool(a, v && v->u.boolean,
		    v ? &v->pos : NULL));
	}
	for (i = 0; registries[i] != NULL; i++)
		put(&b, registries[i], value_new_bool(a,
		    strcmp(registry->u.str.ptr, registries[i]) == 0, NULL));
	put(&b, "ident", str(a, s->ident));
	put(&b, "class", value_new_int(a, k->number, NULL));
	put(&b, "class_name", (struct value *)k->name);
	put_user_keys(&b, m);
	return finish(&b, &m->pos);
}

static struct value *
build_phrase_lengths(struct arena *a, const struct phrase *p, size_t np,
    struct value *const *status_nodes, const struct status *s)
{
	struct value **groups = NULL, **items = NULL;
	size_t ngroups = 0, gcap = 0, icap = 0, i, start;

	for (start = 0; start < np; start = i) {
		struct builder g = { a, NULL, 0, 0 };
		size_t len = p[start].node->u.str.len, nitems = 0;

		for (i = start; i < np && p[i].node->u.str.len == len; i++) {
			struct builder e = { a, NULL, 0, 0 };
			const struct value *st = status_nodes[p[i].status - s];

			put(&e, "phrase", (struct value *)p[i].node);
			put(&e, "upper", value_new_string(a, p[i].upper, len,
			    NULL));
			put(&e, "code", (struct value *)value_map_getz(st,
			    "code"));
			put(&e, "ident", (struct value *)value_map_getz(st,
			    "ident"));
			items = xgrow(items, &icap, nitems + 1,
			    sizeof(*items));
			items[nitems++] = finish(&e, NULL);
		}
		put(&g, "length", value_new_int(a, (long long)len, NULL));
		put(&g, "phrases", seq(a, items, nitems));
		groups = xgrow(groups, &gcap, ngroups + 1, sizeof(*groups));
		groups[ngroups++] = finish(&g, NULL);
	}
	free(items);
	items = (struct value **)seq(a, groups, ngroups);
	free(groups);
	return (struct value *)items;
}

int
model_build(const struct value *doc, const char *source_path,
    struct arena *arena, struct diag *d, struct value **model)
{
	struct checker c = { arena, d };
	unsigned errors = d->errors;
	const struct value *class_list, *status_list;
	struct klass *classes = NULL;
	struct status *statuses = NULL;
	struct phrase *phrases = NULL;
	struct value **nodes = NULL, **members = NULL;
	size_t nclasses = 0, nstatuses = 0, nphrases = 0, i, j, nm;
	struct builder root = { arena, NULL, 0, 0 };

	*model = NULL;
	if (doc->kind == VALUE_NULL) {
		diag_error(d, &doc->pos, "the file has no content: expected "
		    "a mapping with 'classes' and 'statuses'");
		return -1;
	}
	if (doc->kind != VALUE_MAP) {
		diag_error(d, &doc->pos, "the status table must be a mapping "
		    "with 'classes' and 'statuses', got %s",
		    value_kind_name(doc->kind));
		return -1;
	}
	check_keys(&c, doc, root_keys, "the status table");
	class_list = check_list(&c, doc, "classes");
	status_list = check_list(&c, doc, "statuses");
	if (class_list != NULL) {
		classes = xcalloc(class_list->u.seq.len, sizeof(*classes));
		nclasses = check_classes(&c, class_list, classes);
	}
	if (status_list != NULL) {
		statuses = xcalloc(status_list->u.seq.len, sizeof(*statuses));
		for (i = 0; i < status_list->u.seq.len; i++) {
			struct status *s = &statuses[nstatuses];

			memset(s, 0, sizeof(*s));
			s->index = i;
			check_status(&c, status_list->u.seq.items[i], classes,
			    nclasses, s);
			if (s->map != NULL)
				nstatuses++;
		}
		if (status_list->u.seq.len == 0)
			diag_error(d, &status_list->pos, "'statuses' is empty");
	}
	if (nstatuses > 0)
		qsort(statuses, nstatuses, sizeof(*statuses), by_code);
	check_duplicate_codes(&c, statuses, nstatuses);
	check_duplicate_idents(&c, statuses, nstatuses);
	phrases = collect_phrases(&c, statuses, nstatuses, &nphrases);
	if (d->errors != errors)
		goto out;

	/* Classes in class order, each with its statuses. */
	nodes = xcalloc(nstatuses + 1, sizeof(*nodes));
	for (i = 0; i < nstatuses; i++)
		nodes[i] = build_status(arena, &statuses[i], find_class(classes,
		    nclasses, statuses[i].code / 100));
	members = xcalloc(nstatuses + nclasses + 1, sizeof(*members));
	{
		struct value **class_nodes = xcalloc(nclasses + 1,
		    sizeof(*class_nodes));
		size_t nc = 0;
		long long number;

		for (number = 1; number <= MAX_CLASS; number++) {
			const struct klass *k = find_class(classes, nclasses,
			    number);
			struct builder b = { arena, NULL, 0, 0 };
			struct buf ident;

			if (k == NULL)
				continue;
			for (j = 0, nm = 0; j < nstatuses; j++)
				if (statuses[j].code / 100 == number)
					members[nm++] = nodes[j];
			buf_init(&ident);
			text_c_ident(k->name->u.str.ptr, k->name->u.str.len,
			    &ident);
			put(&b, "class", (struct value *)value_map_getz(k->map,
			    "class"));
			put(&b, "name", (struct value *)k->name);
			put(&b, "summary", (struct value *)value_map_getz(
			    k->map, "summary"));
			put(&b, "ident", value_new_string(arena,
			    buf_cstr(&ident), ident.len, NULL));
			put(&b, "count", value_new_int(arena, (long long)nm,
			    NULL));
			put(&b, "statuses", seq(arena, members, nm));
			put_user_keys(&b, k->map);
			buf_free(&ident);
			class_nodes[nc++] = finish(&b, &k->map->pos);
		}
		put(&root, "generator", str(arena, "statusgen"));
		put(&root, "source", str(arena, source_path));
		put(&root, "count", value_new_int(arena, (long long)nstatuses,
		    NULL));
		put(&root, "classes", seq(arena, class_nodes, nc));
		free(class_nodes);
	}
	put(&root, "statuses", seq(arena, nodes, nstatuses));
	put(&root, "phrase_lengths", build_phrase_lengths(arena, phrases,
	    nphrases, nodes, statuses));
	put_user_keys(&root, doc);
	*model = finish(&root, &doc->pos);
out:
	free(root.pairs);
	free(nodes);
	free(members);
	free(phrases);
	free(statuses);
	free(classes);
	return d->errors != errors ? -1 : 0;
}
