/* The status model: validation of the status table and the context templates render. */
#include "model.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "xalloc.h"

/* The enumerators' prefix: a status's name is NAME_PREFIX + ident. */
#define NAME_PREFIX	"HTTP_STATUS_"

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

/* What the checks learn about one status, kept beside the data. Its
 * nodes are the document's own, in arena storage that never moves. */
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
	const char	*path;		/* the data file, for positions */
};

/* ---------------------------------------------------------------- */
/* Reporting                                                        */
/* ---------------------------------------------------------------- */

/* Where v is in the data file: nodes keep a line and column, not a file. */
static struct srcpos
where(const struct checker *c, const struct value *v)
{
	return value_pos(v, c->path);
}

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
		size_t len = value_strlen(v);

		buf_putc(out, '"');
		buf_append(out, value_str(v), len > 40 ? 40 : len);
		buf_puts(out, len > 40 ? "...\"" : "\"");
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

	for (i = 0; i < value_len(map); i++) {
		const struct value *key = &value_pair(map, i)->key;
		const char *s = value_str(key);
		size_t len = value_strlen(key);
		struct srcpos at;

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
		at = where(c, key);
		if (hint != NULL)
			diag_error(c->d, &at, "unknown key '%s' in %s; "
			    "did you mean '%s'?", s, what, hint);
		else
			diag_error(c->d, &at, "unknown key '%s' in %s "
			    "(keys starting with 'x-' are free for your own "
			    "use)", s, what);
	}
}

static void
type_error(struct checker *c, const char *key, const char *expected,
    const struct value *v)
{
	struct srcpos at = where(c, v);
	struct buf got;

	buf_init(&got);
	describe(v, &got);
	diag_error(c->d, &at, "'%s' must be %s, got %s", key, expected,
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
	struct srcpos at;

	if (v == NULL) {
		at = where(c, map);
		diag_error(c->d, &at, "%s has no '%s'", what, key);
	}
	return v;
}

/* A string with at least one visible character; single_line forbids line
 * breaks. Returns v, or NULL after reporting. */
static const struct value *
check_text(struct checker *c, const char *key, const struct value *v,
    int single_line)
{
	struct srcpos at;
	const char *s;
	size_t i, len;

	if (v == NULL)
		return NULL;
	if (v->kind != VALUE_STRING) {
		type_error(c, key, "a string", v);
		return NULL;
	}
	s = value_str(v);
	len = value_strlen(v);
	at = where(c, v);
	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			break;
	if (i == len) {
		diag_error(c->d, &at, "'%s' is empty", key);
		return NULL;
	}
	if (memchr(s, '\0', len) != NULL) {
		diag_error(c->d, &at, "'%s' contains a NUL byte", key);
		return NULL;
	}
	if (single_line && (memchr(s, '\n', len) || memchr(s, '\r', len))) {
		diag_error(c->d, &at, "'%s' must be a single line", key);
		return NULL;
	}
	return v;
}

static int
check_int(struct checker *c, const char *key, const struct value *v,
    long long lo, long long hi, long long *out)
{
	struct srcpos at;
	struct buf got;

	if (v == NULL)
		return -1;
	if (v->kind == VALUE_INT && v->u.integer >= lo && v->u.integer <= hi) {
		*out = v->u.integer;
		return 0;
	}
	at = where(c, v);
	buf_init(&got);
	describe(v, &got);
	diag_error(c->d, &at, "'%s' must be an integer between %lld and "
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

	for (i = 0; i < value_len(list); i++) {
		const struct value *m = value_item(list, i);
		struct klass *k = &classes[n];
		struct srcpos at, first;
		char what[32];
		int numbered;

		if (m->kind != VALUE_MAP) {
			type_error(c, "classes", "a list of mappings", m);
			continue;
		}
		check_keys(c, m, class_keys, "a class");
		k->map = m;
		/* Once its number is known, a message names the class. */
		numbered = check_int(c, "class", required(c, m, "class",
		    "a class"), 1, MAX_CLASS, &k->number) == 0;
		strcpy(what, "a class");
		if (numbered)
			snprintf(what, sizeof(what), "class %lld", k->number);
		k->name = check_text(c, "name", required(c, m, "name", what), 1);
		check_text(c, "summary", required(c, m, "summary", what), 1);
		if (!numbered || k->name == NULL)
			continue;
		if (seen[k->number] != NULL) {
			at = where(c, value_map_getz(m, "class"));
			first = where(c, value_map_getz(seen[k->number]->map,
			    "class"));
			diag_error(c->d, &at, "duplicate class %lld",
			    k->number);
			diag_note(c->d, &first, "first defined here");
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
	struct srcpos at;
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
	else if (classes != NULL &&	/* no 'classes' is reported once */
	    find_class(classes, nclasses, s->code / 100) == NULL) {
		at = where(c, s->code_node);
		diag_error(c->d, &at, "code %lld is in class "
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
			if (strcmp(value_str(registry), registries[k]) == 0)
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
	if (registry != NULL && strcmp(value_str(registry), "unofficial") ==
	    0 && origin == NULL) {
		at = where(c, registry);
		diag_error(c->d, &at, "an unofficial status needs "
		    "an 'origin' saying who uses it");
		ok = 0;
	} else if (registry != NULL && origin != NULL &&
	    strcmp(value_str(registry), "unofficial") != 0) {
		at = where(c, origin);
		diag_error(c->d, &at, "'origin' is only for "
		    "unofficial statuses (registry: unofficial)");
		ok = 0;
	}
	aliases = value_map_getz(m, "aliases");
	if (aliases != NULL && aliases->kind != VALUE_SEQ) {
		type_error(c, "aliases", "a list of strings", aliases);
		ok = 0;
	} else if (aliases != NULL) {
		for (i = 0; i < value_len(aliases); i++)
			if (check_text(c, "aliases", value_item(aliases, i),
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
		else if (!is_c_ident(value_str(v), value_strlen(v))) {
			type_error(c, "ident", "an upper-case C identifier "
			    "(A-Z, 0-9, _, not starting with a digit)", v);
			ok = 0;
		} else {
			s->ident = value_str(v);
			s->ident_node = v;
		}
	} else if (s->reason != NULL) {
		buf_init(&ident);
		text_c_ident(value_str(s->reason), value_strlen(s->reason),
		    &ident);
		if (ident.len == 0 || (ident.data[0] == '_')) {
			at = where(c, s->reason);
			diag_error(c->d, &at, "cannot derive a C "
			    "identifier from reason \"%s\"; add an 'ident'",
			    value_str(s->reason));
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
	size_t xl = value_strlen(x->node), yl = value_strlen(y->node);
	int r;

	if (xl != yl)
		return xl < yl ? -1 : 1;
	if ((r = memcmp(x->upper, y->upper, xl)) != 0)
		return r;
	if (x->status->index != y->status->index)
		return x->status->index < y->status->index ? -1 : 1;
	/* The reason comes before the aliases, which keep their order. */
	return x->node->line < y->node->line ? -1 :
	    x->node->line > y->node->line ? 1 :
	    x->node->col < y->node->col ? -1 :
	    x->node->col > y->node->col;
}

static void
check_duplicate_codes(struct checker *c, const struct status *s, size_t n)
{
	struct srcpos at, first_at;
	size_t i;

	for (i = 1; i < n; i++)
		if (s[i].code_node != NULL && s[i - 1].code_node != NULL &&
		    s[i].code == s[i - 1].code) {
			size_t first = i - 1;

			while (first > 0 && s[first - 1].code == s[i].code)
				first--;
			at = where(c, s[i].code_node);
			first_at = where(c, s[first].code_node);
			diag_error(c->d, &at, "duplicate code %lld",
			    s[i].code);
			diag_note(c->d, &first_at, "first defined here");
		}
}

static void
check_duplicate_idents(struct checker *c, const struct status *s, size_t n)
{
	const struct status **sorted = xmalloc((n + 1) * sizeof(*sorted));
	struct srcpos at, first_at;
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
		at = where(c, sorted[i]->ident_node);
		first_at = where(c, sorted[first]->ident_node);
		diag_error(c->d, &at, "the C identifier %s is taken already; "
		    "give one of the two an 'ident'", sorted[i]->ident);
		diag_note(c->d, &first_at, "%s first comes from here",
		    sorted[first]->ident);
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
	struct srcpos at, first_at;
	struct buf up;

	buf_init(&up);
	for (i = 0; i < n; i++) {
		if (s[i].reason == NULL)
			continue;
		aliases = s[i].ok ? value_map_getz(s[i].map, "aliases") : NULL;
		for (j = 0; j <= (aliases ? value_len(aliases) : 0); j++) {
			const struct value *node = j == 0 ? s[i].reason :
			    value_item(aliases, j - 1);

			p = xgrow(p, &cap, np + 1, sizeof(*p));
			buf_clear(&up);
			text_upper(value_str(node), value_strlen(node), &up);
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
		size_t first = i - 1, len = value_strlen(p[i].node);

		if (value_strlen(p[first].node) != len ||
		    memcmp(p[i].upper, p[first].upper, len) != 0)
			continue;
		while (first > 0 && value_strlen(p[first - 1].node) == len &&
		    memcmp(p[first - 1].upper, p[i].upper, len) == 0)
			first--;
		at = where(c, p[i].node);
		first_at = where(c, p[first].node);
		diag_error(c->d, &at, "\"%s\" is used twice "
		    "(reasons and aliases must all differ, ignoring case)",
		    value_str(p[i].node));
		diag_note(c->d, &first_at, "first used here");
	}
	*count = np;
	return p;
}

/* ---------------------------------------------------------------- */
/* Building the context                                             */
/* ---------------------------------------------------------------- */

/*
 * The context is built bottom up: each node is made by value, gathered
 * into a heap array, and copied into the arena by value_seq_set or
 * value_map_set when its parent is finished. Pointers are kept only into
 * the document and into finished arena storage, never into the arrays
 * that are still growing.
 */

/* A mapping under construction: pairs gathered on the heap. */
struct builder {
	struct arena		*arena;
	struct value_pair	*pairs;
	size_t			 n, cap;
};

/* The line and column of v for a node derived from it, in *pos; NULL
 * when v is NULL (a node without a position). Nodes keep no file. */
static const struct srcpos *
place_of(const struct value *v, struct srcpos *pos)
{
	if (v == NULL)
		return NULL;
	*pos = value_pos(v, NULL);
	return pos;
}

static void
put(struct builder *b, const char *key, struct value v)
{
	b->pairs = xgrow(b->pairs, &b->cap, b->n + 1, sizeof(*b->pairs));
	b->pairs[b->n].key = value_make_string(b->arena, key, strlen(key),
	    NULL);
	b->pairs[b->n].val = v;
	b->n++;
}

/* Makes the mapping of b's pairs, at the position of like (NULL: none),
 * and empties b. */
static struct value
finish(struct builder *b, const struct value *like)
{
	struct srcpos pos;
	struct value m = value_make(VALUE_MAP, place_of(like, &pos));

	value_map_set(b->arena, &m, b->pairs, b->n);
	free(b->pairs);
	b->pairs = NULL;
	b->n = b->cap = 0;
	return m;
}

static struct value
str(struct arena *a, const char *s)
{
	return value_make_string(a, s, strlen(s), NULL);
}

static struct value
seq(struct arena *a, const struct value *items, size_t n)
{
	struct value v = value_make(VALUE_SEQ, NULL);

	value_seq_set(a, &v, items, n);
	return v;
}

/* Passes the user's x- keys of src through to b. */
static void
put_user_keys(struct builder *b, const struct value *src)
{
	size_t i;

	for (i = 0; i < value_len(src); i++) {
		const struct value_pair *p = value_pair(src, i);

		if (value_strlen(&p->key) >= 2 &&
		    memcmp(value_str(&p->key), "x-", 2) == 0) {
			b->pairs = xgrow(b->pairs, &b->cap, b->n + 1,
			    sizeof(*b->pairs));
			b->pairs[b->n++] = *p;
		}
	}
}

/* The size in bytes of a string member holding v's text: its raw bytes
 * (not its C escapes) and a NUL. */
static struct value
size_of(const struct value *v)
{
	return value_make_int((long long)value_strlen(v) + 1, NULL);
}

static struct value
build_status(struct arena *a, const struct status *s, const struct klass *k)
{
	struct builder b = { a, NULL, 0, 0 };
	const struct value *m = s->map, *v, *registry;
	struct srcpos pos;
	struct buf name;
	size_t i;

	buf_init(&name);
	buf_puts(&name, NAME_PREFIX);
	buf_puts(&name, s->ident);
	put(&b, "code", *s->code_node);
	put(&b, "reason", *s->reason);
	put(&b, "description", *value_map_getz(m, "description"));
	put(&b, "reference", *value_map_getz(m, "reference"));
	registry = value_map_getz(m, "registry");
	put(&b, "registry", *registry);
	v = value_map_getz(m, "origin");
	put(&b, "origin", v ? *v : str(a, ""));
	v = value_map_getz(m, "aliases");
	put(&b, "aliases", v ? *v : seq(a, NULL, 0));
	for (i = 0; flag_keys[i] != NULL; i++) {
		v = value_map_getz(m, flag_keys[i]);
		put(&b, flag_keys[i], value_make_bool(v && v->u.boolean,
		    place_of(v, &pos)));
	}
	for (i = 0; registries[i] != NULL; i++)
		put(&b, registries[i], value_make_bool(
		    strcmp(value_str(registry), registries[i]) == 0, NULL));
	put(&b, "ident", str(a, s->ident));
	put(&b, "name", value_make_string(a, name.data, name.len, NULL));
	/* The sizes of the members of the string tables: raw bytes + NUL. */
	put(&b, "reason_size", size_of(s->reason));
	put(&b, "description_size", size_of(value_map_getz(m,
	    "description")));
	put(&b, "reference_size", size_of(value_map_getz(m, "reference")));
	put(&b, "name_size", value_make_int((long long)name.len + 1, NULL));
	put(&b, "class", value_make_int(k->number, NULL));
	put(&b, "class_name", *k->name);
	put_user_keys(&b, m);
	buf_free(&name);
	return finish(&b, m);
}

/* status_list is the context's finished list of statuses: item i is the
 * node of s[i]. */
static struct value
build_phrase_lengths(struct arena *a, const struct phrase *p, size_t np,
    const struct value *status_list, const struct status *s)
{
	struct value *groups = NULL, *items = NULL, v;
	size_t ngroups = 0, gcap = 0, icap = 0, i, start;

	for (start = 0; start < np; start = i) {
		struct builder g = { a, NULL, 0, 0 };
		size_t len = value_strlen(p[start].node), nitems = 0;

		for (i = start; i < np && value_strlen(p[i].node) == len;
		    i++) {
			struct builder e = { a, NULL, 0, 0 };
			const struct value *st = value_item(status_list,
			    (size_t)(p[i].status - s));

			put(&e, "phrase", *p[i].node);
			put(&e, "upper", value_make_string(a, p[i].upper, len,
			    NULL));
			put(&e, "code", *value_map_getz(st, "code"));
			put(&e, "ident", *value_map_getz(st, "ident"));
			items = xgrow(items, &icap, nitems + 1,
			    sizeof(*items));
			items[nitems++] = finish(&e, NULL);
		}
		put(&g, "length", value_make_int((long long)len, NULL));
		put(&g, "phrases", seq(a, items, nitems));
		groups = xgrow(groups, &gcap, ngroups + 1, sizeof(*groups));
		groups[ngroups++] = finish(&g, NULL);
	}
	free(items);
	v = seq(a, groups, ngroups);
	free(groups);
	return v;
}

/* ---------------------------------------------------------------- */
/* Derived data for the generated lookups                           */
/* ---------------------------------------------------------------- */

/*
 * What the templates need to lay the lookups out as tables: offsets into
 * the string tables, the predicates' bitsets and the reverse lookup's
 * perfect hash, all computed here so that no template holds a number of
 * its own. model.h describes the result; templates/http_status.c.mustache
 * says why tables (with the measurements).
 */

#define CODES_PER_ROW	10	/* entries per line of a per-code table */
#define BYTES_PER_ROW	8	/* bytes per line of a bitset: 64 codes */
#define SLOTS_PER_ROW	16	/* entries per line of the slot table */
#define KEY_BYTES	3	/* phrase bytes hashed, at most */
#define KEY_REACH	8	/* how far from either end a hashed byte may be */
#define HASH_TRIES	4096	/* multipliers tried per table size */
#define HASH_MORE_BITS	4	/* table sizes tried beyond the smallest */

/* The string tables: one per field, a member per status, in code order. */
enum field { F_REASON, F_DESCRIPTION, F_REFERENCE, F_NAME, NFIELDS };

static const char *const field_at_keys[NFIELDS] = {
	"reason_at", "description_at", "reference_at", "name_at"
};

/* The size of each whole string table, for the templates' layout check. */
static const char *const field_bytes_keys[NFIELDS] = {
	"reason_bytes", "description_bytes", "reference_bytes", "name_bytes"
};

/* The predicates, in the order of the header: is_known, then the flags,
 * then the registries. */
static const char *const predicate_names[] = {
	"known", "cacheable", "redirect", "empty_body", "retryable",
	"standard", "deprecated", "obsolete", "unofficial", NULL
};

/* Where a hashed byte of a phrase of length len lies. */
enum key_from { FROM_START, FROM_END, FROM_MIDDLE };

struct key_pos {
	enum key_from	from;
	size_t		index;	/* s[index], s[len - index], s[(len - index) / 2] */
};

/* The smallest unsigned C type that holds max, by C89's guarantees. */
static const char *
c_type_for(unsigned long max)
{
	if (max <= 255)
		return "unsigned char";
	if (max <= 65535)
		return "unsigned short";
	return "unsigned long";
}

static struct value
int_value(unsigned long n)
{
	return value_make_int((long long)n, NULL);
}

/*
 * Cuts items[0..n) into rows of per_row, each {label: label0 + its number
 * times step, entries: its items}, so that a template can print a table a
 * line at a time with the code or slot of the line's first entry.
 */
static struct value
rows_of(struct arena *a, const struct value *items, size_t n, size_t per_row,
    const char *label, unsigned long label0, unsigned long step)
{
	struct value *rows = xcalloc(n / per_row + 2, sizeof(*rows)), v;
	size_t i, nrows = 0;

	for (i = 0; i < n; i += per_row) {
		struct builder r = { a, NULL, 0, 0 };

		put(&r, label, int_value(label0 + nrows * step));
		put(&r, "entries", seq(a, items + i, n - i < per_row ?
		    n - i : per_row));
		rows[nrows++] = finish(&r, NULL);
	}
	v = seq(a, rows, nrows);
	free(rows);
	return v;
}

static int
has_predicate(const struct status *s, const char *name)
{
	const struct value *v;

	if (strcmp(name, "known") == 0)
		return 1;
	v = value_map_getz(s->map, name);
	if (v != NULL)
		return v->kind == VALUE_BOOL && v->u.boolean;
	v = value_map_getz(s->map, "registry");
	return strcmp(value_str(v), name) == 0;
}

/* A bitset over first..first+span-1 for each predicate: bit (code - first)
 * % 8 of byte (code - first) / 8. */
static struct value
build_predicates(struct arena *a, const struct status *const *by_code,
    unsigned long first, unsigned long span)
{
	size_t nbytes = (span + 7) / 8, np, i, j;
	struct value *preds, *bytes = xcalloc(nbytes + 1, sizeof(*bytes)), v;
	char hex[8];

	for (np = 0; predicate_names[np] != NULL; np++)
		;
	preds = xcalloc(np, sizeof(*preds));
	for (i = 0; i < np; i++) {
		struct builder p = { a, NULL, 0, 0 };

		for (j = 0; j < nbytes; j++) {
			struct builder e = { a, NULL, 0, 0 };
			unsigned byte = 0, bit;

			for (bit = 0; bit < 8 && j * 8 + bit < span; bit++)
				if (by_code[j * 8 + bit] != NULL &&
				    has_predicate(by_code[j * 8 + bit],
				    predicate_names[i]))
					byte |= 1u << bit;
			snprintf(hex, sizeof(hex), "0x%02x", byte);
			put(&e, "byte", str(a, hex));
			bytes[j] = finish(&e, NULL);
		}
		put(&p, "name", str(a, predicate_names[i]));
		put(&p, "rows", rows_of(a, bytes, nbytes, BYTES_PER_ROW, "code",
		    first, BYTES_PER_ROW * 8));
		preds[i] = finish(&p, NULL);
	}
	v = seq(a, preds, np);
	free(preds);
	free(bytes);
	return v;
}

/* ---- The reverse lookup's perfect hash ---- */

static size_t
key_offset(const struct key_pos *k, size_t len)
{
	switch (k->from) {
	case FROM_START:
		return k->index;
	case FROM_END:
		return len - k->index;
	default:
		return (len - k->index) / 2;
	}
}

/*
 * The key of a phrase, as the generated code computes it from the text it
 * is given: the low byte of the length, then each chosen byte with bit
 * 0x20 set (so that both cases of a letter give the same key), a byte
 * apart. upper is the phrase in upper case.
 */
static uint32_t
phrase_key(const char *upper, size_t len, const struct key_pos *pos,
    size_t npos)
{
	uint32_t key = (uint32_t)(len & 0xff);
	size_t i;

	for (i = 0; i < npos; i++)
		key |= (uint32_t)((unsigned char)upper[key_offset(&pos[i],
		    len)] | 0x20) << (8 * (i + 1));
	return key;
}

static uint32_t
hash_slot(uint32_t key, uint32_t multiplier, unsigned bits)
{
	return (uint32_t)(key * multiplier) >> (32 - bits);
}

static int
by_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorts keys[0..n) and returns how many of them the commonest key has. */
static size_t
sort_keys(uint32_t *keys, size_t n)
{
	size_t i, run = 1, most = n > 0;

	qsort(keys, n, sizeof(*keys), by_u32);
	for (i = 1; i < n; i++) {
		run = keys[i] == keys[i - 1] ? run + 1 : 1;
		if (run > most)
			most = run;
	}
	return most;
}

/*
 * Chooses up to KEY_BYTES byte positions, among those that every phrase
 * has, that give the phrases distinct keys: the fewest positions, the
 * first combination in candidate order. When none does (phrases that
 * differ only where no candidate looks), takes the combination whose
 * commonest key is shared by the fewest phrases; the generated code then
 * compares each phrase of a slot. Returns the number of positions.
 */
static size_t
choose_keys(const struct phrase *p, size_t np, size_t minlen,
    struct key_pos *best)
{
	struct key_pos cand[2 * KEY_REACH + 2], pos[KEY_BYTES];
	uint32_t *keys = xcalloc(np + 1, sizeof(*keys));
	size_t ncand = 0, reach = minlen < KEY_REACH ? minlen : KEY_REACH;
	size_t idx[KEY_BYTES], k, i, most, best_most = (size_t)-1, nbest = 0;

	for (i = 0; i < reach; i++) {
		cand[ncand].from = FROM_START;
		cand[ncand++].index = i;
		cand[ncand].from = FROM_END;
		cand[ncand++].index = i + 1;
	}
	cand[ncand].from = FROM_MIDDLE;
	cand[ncand++].index = 0;
	cand[ncand].from = FROM_MIDDLE;
	cand[ncand++].index = 1;
	for (k = 1; k <= KEY_BYTES && best_most > 1; k++) {
		for (i = 0; i < k; i++)
			idx[i] = i;
		while (best_most > 1) {
			for (i = 0; i < k; i++)
				pos[i] = cand[idx[i]];
			for (i = 0; i < np; i++)
				keys[i] = phrase_key(p[i].upper,
				    value_strlen(p[i].node), pos, k);
			most = sort_keys(keys, np);
			if (most < best_most) {
				best_most = most;
				memcpy(best, pos, k * sizeof(*pos));
				nbest = k;
			}
			/* The next combination of k candidates. */
			for (i = k; i > 0 && idx[i - 1] == ncand - k + i - 1;
			    i--)
				;
			if (i == 0)
				break;
			idx[i - 1]++;
			for (; i < k; i++)
				idx[i] = idx[i - 1] + 1;
		}
	}
	free(keys);
	return nbest;
}

/*
 * Finds a multiplier that sends the distinct keys ukeys[0..nk) to distinct
 * slots of the smallest table (2^bits slots) it can, trying HASH_TRIES
 * odd multipliers from a fixed seed per size, so that the output is the
 * same on every run. When no size works, keeps the multiplier of the
 * largest size that crowds a slot least. Returns the bits.
 */
static unsigned
choose_hash(const uint32_t *ukeys, size_t nk, uint32_t *multiplier)
{
	unsigned bits = 1, top, b;
	uint32_t rng = 0x2545f491u, m, s;
	size_t t, i, most, best_most = (size_t)-1, *count;

	while (bits < 16 && ((size_t)1 << bits) < nk)
		bits++;
	top = bits + HASH_MORE_BITS > 16 ? 16 : bits + HASH_MORE_BITS;
	count = xcalloc((size_t)1 << top, sizeof(*count));
	for (b = bits; b <= top; b++)
		for (t = 0; t < HASH_TRIES; t++) {
			rng ^= rng << 13;	/* xorshift32 */
			rng ^= rng >> 17;
			rng ^= rng << 5;
			m = rng | 1;
			memset(count, 0, ((size_t)1 << b) * sizeof(*count));
			most = 0;
			for (i = 0; i < nk; i++) {
				s = hash_slot(ukeys[i], m, b);
				if (++count[s] > most)
					most = count[s];
			}
			if (most == 1 || (b == top && most < best_most)) {
				best_most = most;
				*multiplier = m;
				bits = b;
				if (most == 1)
					goto out;
			}
		}
out:
	free(count);
	return bits;
}

struct slotted {
	const struct phrase	*phrase;
	uint32_t		 slot;
	size_t			 order;
};

static int
by_slot(const void *a, const void *b)
{
	const struct slotted *x = a, *y = b;

	if (x->slot != y->slot)
		return x->slot < y->slot ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static struct value
build_reverse(struct arena *a, const struct phrase *p, size_t np,
    unsigned long *max_offset)
{
	struct builder r = { a, NULL, 0, 0 };
	struct key_pos pos[KEY_BYTES];
	struct value *items;
	struct slotted *sl = xcalloc(np + 1, sizeof(*sl));
	uint32_t *keys = xcalloc(np + 1, sizeof(*keys)), multiplier = 1;
	size_t minlen = (size_t)-1, maxlen = 0, npos, nk, i, j, most;
	unsigned bits;
	unsigned long at = 1, nslots;
	char hex[16];

	for (i = 0; i < np; i++) {
		size_t len = value_strlen(p[i].node);

		minlen = len < minlen ? len : minlen;
		maxlen = len > maxlen ? len : maxlen;
	}
	npos = choose_keys(p, np, minlen, pos);
	for (i = 0; i < np; i++)
		keys[i] = phrase_key(p[i].upper, value_strlen(p[i].node), pos,
		    npos);
	most = sort_keys(keys, np);
	for (i = 0, nk = 0; i < np; i++)
		if (nk == 0 || keys[i] != keys[nk - 1])
			keys[nk++] = keys[i];
	bits = choose_hash(keys, nk, &multiplier);
	nslots = 1ul << bits;
	for (i = 0; i < np; i++) {
		sl[i].phrase = &p[i];
		sl[i].slot = hash_slot(phrase_key(p[i].upper,
		    value_strlen(p[i].node), pos, npos), multiplier, bits);
		sl[i].order = i;
	}
	qsort(sl, np, sizeof(*sl), by_slot);
	for (i = 1, j = 1, most = np > 0; i < np; i++) {
		j = sl[i].slot == sl[i - 1].slot ? j + 1 : 1;
		most = j > most ? j : most;
	}

	put(&r, "min_length", int_value(minlen));
	put(&r, "max_length", int_value(maxlen));
	put(&r, "length_type", str(a, c_type_for(maxlen)));
	items = xcalloc(nslots + np + 1, sizeof(*items));
	for (i = 0; i < npos; i++) {
		struct builder k = { a, NULL, 0, 0 };

		put(&k, "from_start", value_make_bool(
		    pos[i].from == FROM_START, NULL));
		put(&k, "from_end", value_make_bool(pos[i].from == FROM_END,
		    NULL));
		put(&k, "middle", value_make_bool(pos[i].from == FROM_MIDDLE,
		    NULL));
		put(&k, "index", int_value(pos[i].index));
		put(&k, "shift", int_value(8 * (i + 1)));
		items[i] = finish(&k, NULL);
	}
	put(&r, "keys", seq(a, items, npos));
	snprintf(hex, sizeof(hex), "0x%08lx", (unsigned long)multiplier);
	put(&r, "multiplier", str(a, hex));
	put(&r, "shift", int_value(32 - bits));
	put(&r, "slots", int_value(nslots));
	put(&r, "slot_type", str(a, c_type_for(np)));
	put(&r, "most_per_slot", int_value(most));
	for (i = 0, j = 0; i <= nslots; i++) {
		struct builder e = { a, NULL, 0, 0 };

		while (j < np && sl[j].slot < i)
			j++;
		put(&e, "first", int_value(j));
		items[i] = finish(&e, NULL);
	}
	put(&r, "slot_rows", rows_of(a, items, nslots + 1, SLOTS_PER_ROW,
	    "slot", 0, SLOTS_PER_ROW));
	for (i = 0; i < np; i++) {
		struct builder e = { a, NULL, 0, 0 };
		const struct phrase *ph = sl[i].phrase;
		size_t len = value_strlen(ph->node);

		put(&e, "phrase", *ph->node);
		put(&e, "upper", value_make_string(a, ph->upper, len, NULL));
		put(&e, "length", int_value(len));
		put(&e, "size", int_value(len + 1));
		put(&e, "at", int_value(at));
		put(&e, "ident", str(a, ph->status->ident));
		put(&e, "code", value_make_int(ph->status->code, NULL));
		*max_offset = at > *max_offset ? at : *max_offset;
		at += len + 1;
		items[i] = finish(&e, NULL);
	}
	put(&r, "phrases", seq(a, items, np));
	put(&r, "phrase_bytes", int_value(at));
	free(items);
	free(keys);
	free(sl);
	return finish(&r, NULL);
}

/* The raw size of a status's string in a string table, NUL included. */
static unsigned long
field_size(const struct status *s, enum field f)
{
	switch (f) {
	case F_REASON:
		return (unsigned long)value_strlen(s->reason) + 1;
	case F_DESCRIPTION:
		return (unsigned long)value_strlen(value_map_getz(s->map,
		    "description")) + 1;
	case F_REFERENCE:
		return (unsigned long)value_strlen(value_map_getz(s->map,
		    "reference")) + 1;
	default:
		return (unsigned long)(strlen(NAME_PREFIX) + strlen(s->ident) +
		    1);
	}
}

/*
 * The class names as one string table: an empty string at offset 0, then
 * each class's name in class order. Returns the entries for classes
 * 0..MAX_CLASS, each {class, known, name_at, name_size}, and sets *bytes
 * to the table's size.
 */
static struct value
build_class_names(struct arena *a, const struct klass *classes,
    size_t nclasses, unsigned long *bytes)
{
	struct value items[MAX_CLASS + 1];
	unsigned long at = 1;
	long long number;

	for (number = 0; number <= MAX_CLASS; number++) {
		struct builder e = { a, NULL, 0, 0 };
		const struct klass *k = find_class(classes, nclasses, number);
		unsigned long size = k ? (unsigned long)value_strlen(k->name) +
		    1 : 0;

		put(&e, "class", int_value((unsigned long)number));
		put(&e, "known", value_make_bool(k != NULL, NULL));
		put(&e, "name_at", int_value(k ? at : 0));
		put(&e, "name_size", int_value(size));
		if (k != NULL)
			put(&e, "name", *k->name);
		at += size;
		items[number] = finish(&e, NULL);
	}
	*bytes = at;
	return seq(a, items, MAX_CLASS + 1);
}

static struct value
build_lookup(struct arena *arena, const struct status *s, size_t n,
    const struct phrase *phrases, size_t nphrases,
    const struct klass *classes, size_t nclasses)
{
	struct builder b = { arena, NULL, 0, 0 };
	unsigned long first = (unsigned long)s[0].code;
	unsigned long last = (unsigned long)s[n - 1].code;
	unsigned long span = last - first + 1, at[NFIELDS], code;
	unsigned long max_offset = 0, class_bytes;
	const struct status **by_code = xcalloc(span, sizeof(*by_code));
	struct value *entries = xcalloc(span, sizeof(*entries));
	struct value reverse, class_names;
	size_t i, f;

	for (f = 0; f < NFIELDS; f++)
		at[f] = 1;	/* after the empty string at offset 0 */
	for (i = 0; i < n; i++)
		by_code[s[i].code - s[0].code] = &s[i];
	for (code = first; code <= last; code++) {
		struct builder e = { arena, NULL, 0, 0 };
		const struct status *st = by_code[code - first];

		put(&e, "code", int_value(code));
		put(&e, "known", value_make_bool(st != NULL, NULL));
		for (f = 0; f < NFIELDS; f++) {
			put(&e, field_at_keys[f], int_value(st ? at[f] : 0));
			if (st == NULL)
				continue;
			max_offset = at[f] > max_offset ? at[f] : max_offset;
			at[f] += field_size(st, (enum field)f);
		}
		entries[code - first] = finish(&e, NULL);
	}
	reverse = build_reverse(arena, phrases, nphrases, &max_offset);
	class_names = build_class_names(arena, classes, nclasses,
	    &class_bytes);
	max_offset = class_bytes > max_offset ? class_bytes : max_offset;

	put(&b, "first", int_value(first));
	put(&b, "last", int_value(last));
	put(&b, "span", int_value(span));
	put(&b, "offset_type", str(arena, c_type_for(max_offset)));
	for (f = 0; f < NFIELDS; f++)
		put(&b, field_bytes_keys[f], int_value(at[f]));
	put(&b, "rows", rows_of(arena, entries, span, CODES_PER_ROW, "code",
	    first, CODES_PER_ROW));
	put(&b, "predicates", build_predicates(arena, by_code, first, span));
	put(&b, "classes", class_names);
	put(&b, "class_bytes", int_value(class_bytes));
	put(&b, "class_span", int_value(MAX_CLASS + 1));
	put(&b, "reverse", reverse);
	free(entries);
	free(by_code);
	return finish(&b, NULL);
}

int
model_build(const struct value *doc, const char *source_path,
    struct arena *arena, struct diag *d, struct value **model)
{
	struct checker c = { arena, d, source_path };
	unsigned errors = d->errors;
	const struct value *class_list, *status_list;
	struct klass *classes = NULL;
	struct status *statuses = NULL;
	struct phrase *phrases = NULL;
	struct value *nodes = NULL, *members = NULL, status_seq, root_node;
	struct srcpos at;
	size_t nclasses = 0, nstatuses = 0, nphrases = 0, i, j, nm;
	struct builder root = { arena, NULL, 0, 0 };

	*model = NULL;
	if (doc->kind == VALUE_NULL) {
		at = where(&c, doc);
		diag_error(d, &at, "the file has no content: expected "
		    "a mapping with 'classes' and 'statuses'");
		return -1;
	}
	if (doc->kind != VALUE_MAP) {
		at = where(&c, doc);
		diag_error(d, &at, "the status table must be a mapping "
		    "with 'classes' and 'statuses', got %s",
		    value_kind_name(value_kind(doc)));
		return -1;
	}
	check_keys(&c, doc, root_keys, "the status table");
	class_list = check_list(&c, doc, "classes");
	status_list = check_list(&c, doc, "statuses");
	if (class_list != NULL) {
		classes = xcalloc(value_len(class_list), sizeof(*classes));
		nclasses = check_classes(&c, class_list, classes);
	}
	if (status_list != NULL) {
		statuses = xcalloc(value_len(status_list), sizeof(*statuses));
		for (i = 0; i < value_len(status_list); i++) {
			struct status *s = &statuses[nstatuses];

			memset(s, 0, sizeof(*s));
			s->index = i;
			check_status(&c, value_item(status_list, i), classes,
			    nclasses, s);
			if (s->map != NULL)
				nstatuses++;
		}
		if (value_len(status_list) == 0) {
			at = where(&c, status_list);
			diag_error(d, &at, "'statuses' is empty");
		}
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
		struct value *class_nodes = xcalloc(nclasses + 1,
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
			text_c_ident(value_str(k->name), value_strlen(k->name),
			    &ident);
			put(&b, "class", *value_map_getz(k->map, "class"));
			put(&b, "name", *k->name);
			put(&b, "summary", *value_map_getz(k->map, "summary"));
			put(&b, "ident", value_make_string(arena,
			    buf_cstr(&ident), ident.len, NULL));
			put(&b, "count", value_make_int((long long)nm, NULL));
			put(&b, "statuses", seq(arena, members, nm));
			put_user_keys(&b, k->map);
			buf_free(&ident);
			class_nodes[nc++] = finish(&b, k->map);
		}
		put(&root, "generator", str(arena, "statusgen"));
		put(&root, "source", str(arena, source_path));
		put(&root, "count", value_make_int((long long)nstatuses,
		    NULL));
		put(&root, "classes", seq(arena, class_nodes, nc));
		free(class_nodes);
	}
	status_seq = seq(arena, nodes, nstatuses);
	put(&root, "statuses", status_seq);
	put(&root, "phrase_lengths", build_phrase_lengths(arena, phrases,
	    nphrases, &status_seq, statuses));
	put(&root, "lookup", build_lookup(arena, statuses, nstatuses,
	    phrases, nphrases, classes, nclasses));
	put_user_keys(&root, doc);
	root_node = finish(&root, doc);
	*model = value_box(arena, &root_node);
out:
	free(root.pairs);
	free(nodes);
	free(members);
	free(phrases);
	free(statuses);
	free(classes);
	return d->errors != errors ? -1 : 0;
}
