/* The status model: validation of the status table and the context templates render. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

/* ---------------------------------------------------------------- */
/* The data format                                                  */
/* ---------------------------------------------------------------- */

#define MIN_CODE	100
#define MAX_CODE	599
#define MAX_CLASS	(MAX_CODE / 100)

static const struct model_choice registries[] = {
	{ "standard", "In the IANA HTTP Status Code Registry." },
	{ "temporary", "Registered for a while, until `expires`." },
	{ "deprecated", "Registered, but deprecated." },
	{ "obsolete", "Registered, but obsolete." },
	{ "reserved", "Listed by the registry as (Unused), so that no one "
	  "gives it a meaning." },
	{ "unofficial", "Not registered; used by some software." },
	{ NULL, NULL }
};

/* The registry's name of every code it lists as reserved. */
#define RESERVED_NAME	"(Unused)"

static const struct model_field table_fields[] = {
	{ .key = "version", .kind = MODEL_TEXT, .presence = MODEL_OPTIONAL,
	  .one_line = 1, .help = "The table's own version, `1.2.0` (not a "
	  "date): the header's `HTTP_STATUS_VERSION`, and in the JSON." },
	{ .key = "classes", .kind = MODEL_ENTRIES,
	  .help = "The status classes, in any order." },
	{ .key = "statuses", .kind = MODEL_ENTRIES, .min = 1,
	  .help = "One entry per status code, in any order." },
};

static const struct model_field class_fields[] = {
	{ .key = "class", .kind = MODEL_INT,
	  .min = MIN_CODE / 100, .max = MAX_CLASS,
	  .help = "The first digit of the codes in the class. No two "
	  "classes may have the same." },
	{ .key = "name", .kind = MODEL_TEXT, .one_line = 1,
	  .help = "The class's name, as RFC 9110 (Section 15) names it: "
	  "`Client Error`. What the generated `class_name()` returns." },
	{ .key = "title", .kind = MODEL_TEXT, .presence = MODEL_OPTIONAL,
	  .one_line = 1, .from = "name",
	  .help = "The heading of the class in the Markdown docs, `Client "
	  "Errors`; the names of 0.1.0's class enumerators came from it. "
	  "When absent, the `name`." },
	{ .key = "summary", .kind = MODEL_TEXT, .one_line = 1,
	  .help = "What a code of the class says, in one sentence: `The "
	  "request has an error, or cannot be fulfilled.`" },
	{ .key = "ident", .kind = MODEL_IDENT, .presence = MODEL_OPTIONAL,
	  .from = "name",
	  .help = "The C identifier of the class, `CLIENT_ERROR`: upper-case "
	  "letters, digits and `_`, not starting with a digit. It names the "
	  "enumerator `HTTP_STATUS_CLASS_CLIENT_ERROR` and, in lower case, "
	  "the predicate `http_status_is_client_error()`. When absent, the "
	  "one derived from `name`." },
};

/* A status's fields, in the order the shipped table writes them. */
static const struct model_field status_fields[] = {
	{ .key = "code", .kind = MODEL_INT, .min = MIN_CODE, .max = MAX_CODE,
	  .help = "The status code. No two statuses may have the same." },
	{ .key = "reason", .kind = MODEL_TEXT, .one_line = 1, .phrase = 1,
	  .help = "The reason phrase, `Not Found`." },
	{ .key = "description", .kind = MODEL_TEXT,
	  .help = "What the code means; one line in the shipped table." },
	{ .key = "reference", .kind = MODEL_TEXT,
	  .help = "Where the code is defined, `RFC 9110, Section 15.5.5`." },
	{ .key = "see_also", .kind = MODEL_TEXTS, .presence = MODEL_OPTIONAL,
	  .one_line = 1,
	  .help = "Other documents about the code, `RFC 2324, Section "
	  "2.3.2` for 418." },
	{ .key = "registry", .kind = MODEL_CHOICE, .choices = registries,
	  .help = "The code's state in the registry." },
	{ .key = "registry_name", .kind = MODEL_TEXT,
	  .presence = MODEL_UNLESS, .one_line = 1, .from = "reason",
	  .when_key = "registry", .when_value = "unofficial",
	  .help = "The registry's name for the code where it differs from "
	  "`reason`: the reason or one of the aliases, or `" RESERVED_NAME
	  "` on a reserved code. Not a phrase of the lookup. When absent, "
	  "the context has the reason, or `" RESERVED_NAME "` on a reserved "
	  "code. `-D reasons=registry` makes it the reason." },
	{ .key = "expires", .kind = MODEL_DATE, .presence = MODEL_WHEN,
	  .when_key = "registry", .when_value = "temporary",
	  .when_missing = "a temporary status needs an 'expires' date "
	  "saying when its registration ends",
	  .help = "When a temporary registration ends, `2026-11-13`." },
	{ .key = "origin", .kind = MODEL_TEXT, .presence = MODEL_WHEN,
	  .one_line = 1, .when_key = "registry", .when_value = "unofficial",
	  .when_missing = "an unofficial status needs an 'origin' saying who "
	  "uses it",
	  .help = "Who uses the code, `nginx`." },
	{ .key = "aliases", .kind = MODEL_TEXTS, .presence = MODEL_OPTIONAL,
	  .one_line = 1, .phrase = 1,
	  .help = "Other phrases used for the code, `Moved Temporarily` for "
	  "302. The reverse lookup finds them too." },
	{ .key = "cacheable", .kind = MODEL_FLAG, .presence = MODEL_OPTIONAL,
	  .help = "Heuristically cacheable by default (RFC 9110, Section "
	  "15.1)." },
	{ .key = "redirect", .kind = MODEL_FLAG, .presence = MODEL_OPTIONAL,
	  .help = "A client may follow the Location of the response on its "
	  "own: "
	  "the redirect statuses of the Fetch Standard." },
	{ .key = "empty_body", .kind = MODEL_FLAG, .presence = MODEL_OPTIONAL,
	  .help = "By its meaning the response has no content; framing a "
	  "message is a matter for RFC 9112, not for this flag." },
	{ .key = "retryable", .kind = MODEL_FLAG, .presence = MODEL_OPTIONAL,
	  .help = "The failure is temporary: the same request, sent again "
	  "later, may succeed (which does not make repeating it safe)." },
	{ .key = "ident", .kind = MODEL_IDENT, .presence = MODEL_OPTIONAL,
	  .from = "reason",
	  .help = "The C identifier to use instead of the one derived from "
	  "`reason`: upper-case letters, digits and `_`, not starting with a "
	  "digit. The shipped table pins one in every status, and so should "
	  "yours: then editing a reason (or `-D reasons=registry`) renames "
	  "no enumerator, and code that names one still compiles." },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* An entry's fields and its names in messages. The first field of a class
 * or status is its number, which names it once known ("status 404"). */
struct record {
	const struct model_field *fields;
	size_t		 n;
	const char	*what;		/* "a status" */
	const char	*noun;		/* "status" */
	const char	*plural;	/* "statuses" */
};

static const struct record records[] = {
	[MODEL_TABLE] = { table_fields, NELEM(table_fields),
	    "the status table", NULL, NULL },
	[MODEL_CLASS] = { class_fields, NELEM(class_fields),
	    "a class", "class", "classes" },
	[MODEL_STATUS] = { status_fields, NELEM(status_fields),
	    "a status", "status", "statuses" },
};

/* What the checks learn about one status, kept beside the data. Its
 * nodes are the document's own, in arena storage that never moves. */
struct status {
	int			 ok;		/* passed every check */
	const struct value	*map;
	long long		 code;
	const char		*ident;		/* NULL: none */
	const struct value	*ident_node;	/* where ident came from */
	size_t			 index;		/* order in the file */
	const struct value	*got[NELEM(status_fields)]; /* what passed */
};

struct klass {
	const struct value	*map;
	long long		 number;
	const struct value	*got[NELEM(class_fields)];
};

/* A reason or alias, for the collision check. */
struct phrase {
	const struct value	*node;
	char			*upper;
	const struct status	*status;
};

struct checker {
	struct arena		*arena;
	struct yorigin_diag	 rep;		/* located messages */
	const char		*source;	/* the data's name in the outputs */
	const struct klass	*classes;	/* NULL: no 'classes' at all */
	size_t			 nclasses;
};

/* The index of key among r's fields. The model names a few fields (the
 * number, the identifier, what a field depends on); a table without one
 * of them is a bug in this file. */
static size_t
field_index(const struct record *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->fields[i].key, key) == 0)
			return i;
	abort();
}

/* Keys starting with "x-" are the user's own, anywhere. */
static int
is_user_key(const struct value *key)
{
	return value_strlen(key) >= 2 && memcmp(value_str(key), "x-", 2) == 0;
}

/* ---------------------------------------------------------------- */
/* Reporting                                                        */
/* ---------------------------------------------------------------- */

/* describe() into b, which it empties first: returns buf_cstr(b). */
static const char *
quoted(const struct checker *c, struct buf *b, const struct value *v)
{
	buf_clear(b);
	yorigin_describe(c->rep.origins, v, b);
	return buf_cstr(b);
}

/* The field of r that key is a near miss of, or NULL. */
static const char *
near_key(const struct record *r, const char *s, size_t len)
{
	const char *hint = NULL;
	size_t k, best = 3;

	for (k = 0; k < r->n; k++)
		if (text_nearer(s, len, r->fields[k].key, &best))
			hint = r->fields[k].key;
	return hint;
}

static void
check_keys(struct checker *c, const struct value *map, const struct record *r)
{
	size_t i, k;

	for (i = 0; i < value_len(map); i++) {
		const struct value *key = &value_pair(map, i)->key;
		const char *s = value_str(key), *hint;
		size_t len = value_strlen(key);
		struct buf q;

		if (is_user_key(key))
			continue;
		for (k = 0; k < r->n; k++)
			if (strlen(r->fields[k].key) == len &&
			    memcmp(r->fields[k].key, s, len) == 0)
				break;
		if (k < r->n)
			continue;
		buf_init(&q);
		if ((hint = near_key(r, s, len)) != NULL)
			yorigin_error(&c->rep, key, "unknown key '%s' in %s; "
			    "did you mean '%s'?", text_quote(&q, s, len),
			    r->what, hint);
		else
			yorigin_error(&c->rep, key, "unknown key '%s' in %s "
			    "(keys starting with 'x-' are free for your own "
			    "use)", text_quote(&q, s, len), r->what);
		buf_free(&q);
	}
}

/* v is not what key takes; hint, when not NULL, is a near miss of it. */
static void
mistyped(struct checker *c, const char *key, const char *expected,
    const struct value *v, const char *hint)
{
	struct buf got;

	buf_init(&got);
	yorigin_describe(c->rep.origins, v, &got);
	if (hint != NULL)
		yorigin_error(&c->rep, v, "'%s' must be %s, got %s; did you "
		    "mean '%s'?", key, expected, buf_cstr(&got), hint);
	else
		yorigin_error(&c->rep, v, "'%s' must be %s, got %s", key,
		    expected, buf_cstr(&got));
	buf_free(&got);
}

static void
type_error(struct checker *c, const char *key, const char *expected,
    const struct value *v)
{
	mistyped(c, key, expected, v, NULL);
}

/* ---------------------------------------------------------------- */
/* Field checks                                                     */
/* ---------------------------------------------------------------- */

/*
 * The longest string the table may hold, in bytes. The generated C keeps
 * each string in one literal, sometimes behind a prefix ("404 " in a status
 * line, "HTTP_STATUS_" in a name), and C89 compilers need accept no literal
 * over 509 bytes (C90 5.2.4.1): this bound leaves room for the prefixes.
 */
#define MAX_TEXT	400

/* A string with at least one visible character, at most MAX_TEXT bytes;
 * single_line forbids line breaks. Returns v, or NULL after reporting. */
static const struct value *
check_text(struct checker *c, const char *key, const struct value *v,
    int single_line)
{
	const char *s;
	size_t i, len;

	if (v->kind != VALUE_STRING) {
		type_error(c, key, "a string", v);
		return NULL;
	}
	s = value_str(v);
	len = value_strlen(v);
	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			break;
	if (i == len) {
		yorigin_error(&c->rep, v, "'%s' is empty", key);
		return NULL;
	}
	if (memchr(s, '\0', len) != NULL) {
		yorigin_error(&c->rep, v, "'%s' contains a NUL byte", key);
		return NULL;
	}
	if (len > MAX_TEXT) {
		yorigin_error(&c->rep, v, "'%s' is %zu bytes long; a string may "
		    "have at most %d, so that the generated C stays within the "
		    "509 bytes of a string literal that C89 compilers must "
		    "accept", key, len, MAX_TEXT);
		return NULL;
	}
	if (single_line && (memchr(s, '\n', len) || memchr(s, '\r', len))) {
		yorigin_error(&c->rep, v, "'%s' must be a single line", key);
		return NULL;
	}
	return v;
}

static const struct value *
check_int(struct checker *c, const struct model_field *f,
    const struct value *v)
{
	struct buf got;

	if (v->kind == VALUE_INT && v->u.integer >= f->min &&
	    v->u.integer <= f->max)
		return v;
	buf_init(&got);
	yorigin_describe(c->rep.origins, v, &got);
	yorigin_error(&c->rep, v, "'%s' must be an integer between %lld and "
	    "%lld, got %s", f->key, f->min, f->max, buf_cstr(&got));
	buf_free(&got);
	return NULL;
}

static const struct value *
check_choice(struct checker *c, const struct model_field *f,
    const struct value *v)
{
	const char *hint = NULL;
	struct buf expected;
	size_t k, best = 3;

	if (check_text(c, f->key, v, 1) == NULL)
		return NULL;
	for (k = 0; f->choices[k].name != NULL; k++)
		if (strcmp(value_str(v), f->choices[k].name) == 0)
			return v;
	buf_init(&expected);
	buf_puts(&expected, "one of ");
	for (k = 0; f->choices[k].name != NULL; k++)
		buf_printf(&expected, "%s%s", k > 0 ? ", " : "",
		    f->choices[k].name);
	for (k = 0; f->choices[k].name != NULL; k++)
		if (text_nearer(value_str(v), value_strlen(v),
		    f->choices[k].name, &best))
			hint = f->choices[k].name;
	mistyped(c, f->key, buf_cstr(&expected), v, hint);
	buf_free(&expected);
	return NULL;
}

static const struct value *
check_texts(struct checker *c, const struct model_field *f,
    const struct value *v)
{
	const struct value *ok = v;
	size_t i;

	if (v->kind != VALUE_SEQ) {
		type_error(c, f->key, "a list of strings", v);
		return NULL;
	}
	for (i = 0; i < value_len(v); i++)
		if (check_text(c, f->key, value_item(v, i), f->one_line) ==
		    NULL)
			ok = NULL;
	return ok;
}

/* A calendar date, YYYY-MM-DD: the format, then the day of the month. */
static const struct value *
check_date(struct checker *c, const struct model_field *f,
    const struct value *v)
{
	int y, m, days;

	if (check_text(c, f->key, v, 1) == NULL)
		return NULL;
	switch (text_date(value_str(v), value_strlen(v), &y, &m, &days)) {
	case 1:
		return v;
	case 0:
		type_error(c, f->key, "a date, YYYY-MM-DD", v);
		return NULL;
	}
	if (days == 0)
		yorigin_error(&c->rep, v, "'%s' is not a calendar date: "
		    "there is no month %d", f->key, m);
	else
		yorigin_error(&c->rep, v, "'%s' is not a calendar date: "
		    "month %d of %d has %d days", f->key, m, y, days);
	return NULL;
}

/* Checks the value v of field f, which is there. Returns v, or NULL after
 * reporting. */
static const struct value *
check_value(struct checker *c, const struct model_field *f,
    const struct value *v)
{
	switch (f->kind) {
	case MODEL_INT:
		return check_int(c, f, v);
	case MODEL_TEXT:
		return check_text(c, f->key, v, f->one_line);
	case MODEL_CHOICE:
		return check_choice(c, f, v);
	case MODEL_TEXTS:
		return check_texts(c, f, v);
	case MODEL_FLAG:
		if (v->kind == VALUE_BOOL)
			return v;
		type_error(c, f->key, "true or false", v);
		return NULL;
	case MODEL_IDENT:
		if (check_text(c, f->key, v, 1) == NULL)
			return NULL;
		if (text_is_upper_ident(value_str(v), value_strlen(v)))
			return v;
		type_error(c, f->key, "an upper-case C identifier (A-Z, 0-9, "
		    "_, not starting with a digit)", v);
		return NULL;
	case MODEL_DATE:
		return check_date(c, f, v);
	case MODEL_ENTRIES:
		if (v->kind == VALUE_SEQ)
			return v;
		type_error(c, f->key, "a list", v);
		return NULL;
	}
	abort();
}

/* The identifier derived from the text *from: a node at from's place, or
 * NULL after reporting. */
static const struct value *
derive_ident(struct checker *c, const struct model_field *f,
    const struct value *from)
{
	struct value node;
	struct srcpos at;
	struct buf ident;

	buf_init(&ident);
	text_c_ident(value_str(from), value_strlen(from), &ident);
	if (ident.len == 0 || ident.data[0] == '_') {
		yorigin_error(&c->rep, from, "cannot derive a C identifier "
		    "from %s %s; add an '%s'", f->from, quoted(c, &ident, from),
		    f->key);
		buf_free(&ident);
		return NULL;
	}
	at = value_pos(from, NULL);
	node = value_make_string(c->arena, ident.data, ident.len, &at);
	buf_free(&ident);
	return value_box(c->arena, &node);
}

/* A MODEL_WHEN field of map: there if and only if its condition holds,
 * once the field it depends on has passed; a MODEL_UNLESS one: not there
 * when it holds. Returns 0, or -1 after
 * reporting. */
static int
check_when(struct checker *c, const struct record *r,
    const struct model_field *f, const struct value *map,
    const struct value *const *got)
{
	const struct value *on = got[field_index(r, f->when_key)];
	const struct value *v = value_map_getz(map, f->key);
	int holds;

	if (on == NULL)
		return 0;
	holds = strcmp(value_str(on), f->when_value) == 0;
	if (f->presence == MODEL_UNLESS) {
		if (!holds || v == NULL)
			return 0;
		yorigin_error(&c->rep, v, "'%s' is not for %s %s (%s: %s)",
		    f->key, f->when_value, r->plural, f->when_key,
		    f->when_value);
		return -1;
	}
	if (holds && v == NULL) {
		yorigin_error(&c->rep, on, "%s", f->when_missing);
		return -1;
	}
	if (!holds && v != NULL) {
		yorigin_error(&c->rep, v, "'%s' is only for %s %s (%s: %s)",
		    f->key, f->when_value, r->plural, f->when_key,
		    f->when_value);
		return -1;
	}
	return 0;
}

/*
 * Checks fields from..to-1 of r in map, in order, naming the entry what
 * in messages. got[i] gets the node of field i when it passed (for an
 * absent field with a from, one made from that field), else NULL. Returns 1 when every field
 * passed, else 0 after reporting.
 */
static int
check_fields(struct checker *c, const struct record *r,
    const struct value *map, const struct value **got, size_t from,
    size_t to, const char *what)
{
	const struct model_field *f;
	const struct value *v;
	size_t i;
	int ok = 1;

	for (i = from; i < to; i++) {
		f = &r->fields[i];
		got[i] = NULL;
		if ((v = value_map_getz(map, f->key)) != NULL) {
			if ((got[i] = check_value(c, f, v)) == NULL)
				ok = 0;
		} else if (f->presence == MODEL_REQUIRED) {
			yorigin_error(&c->rep, map, "%s has no '%s'", what,
			    f->key);
			ok = 0;
		} else if (f->from != NULL &&
		    (v = got[field_index(r, f->from)]) != NULL) {
			if (f->kind != MODEL_IDENT)
				got[i] = v;
			else if ((got[i] = derive_ident(c, f, v)) == NULL)
				ok = 0;
		}
		if ((f->presence == MODEL_WHEN ||
		    f->presence == MODEL_UNLESS) &&
		    check_when(c, r, f, map, got) != 0)
			ok = 0;
	}
	return ok;
}

/*
 * Checks the entry map of r, key by key and then field by field: its
 * number first, then (when it passed and number_ok is not NULL) whatever
 * number_ok checks of it, then the other fields, which name the entry by
 * its number once that passed ("status 404 has no 'reason'"). Sets got as
 * check_fields does, and *number. Returns 1 when all passed, else 0.
 */
static int
check_entry(struct checker *c, const struct record *r,
    const struct value *map, const struct value **got, long long *number,
    int (*number_ok)(struct checker *, const struct value *))
{
	char what[48];
	int ok;

	check_keys(c, map, r);
	ok = check_fields(c, r, map, got, 0, 1, r->what);
	snprintf(what, sizeof(what), "%s", r->what);
	if (got[0] != NULL) {
		*number = got[0]->u.integer;
		snprintf(what, sizeof(what), "%s %lld", r->noun, *number);
		if (number_ok != NULL && number_ok(c, got[0]) != 0)
			ok = 0;
	}
	return check_fields(c, r, map, got, 1, r->n, what) && ok;
}

/* ---------------------------------------------------------------- */
/* Classes and statuses                                             */
/* ---------------------------------------------------------------- */

static const struct klass *
find_class(const struct klass *classes, size_t n, long long number)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (classes[i].number == number)
			return &classes[i];
	return NULL;
}

static const struct value *
class_name(const struct klass *k)
{
	return k->got[field_index(&records[MODEL_CLASS], "name")];
}

/* Checks the classes; keeps in classes those with a number and a name
 * that no earlier class has, and returns how many. */
static size_t
check_classes(struct checker *c, const struct value *list,
    struct klass *classes)
{
	const struct record *r = &records[MODEL_CLASS];
	struct klass *seen[MAX_CLASS + 1] = { NULL };
	size_t i, n = 0;

	for (i = 0; i < value_len(list); i++) {
		const struct value *m = value_item(list, i);
		struct klass *k = &classes[n];

		if (m->kind != VALUE_MAP) {
			type_error(c, r->plural, "a list of mappings", m);
			continue;
		}
		k->map = m;
		c->rep.via = m;
		check_entry(c, r, m, k->got, &k->number, NULL);
		if (k->got[0] == NULL || class_name(k) == NULL)
			continue;
		if (seen[k->number] != NULL) {
			yorigin_error(&c->rep, k->got[0], "duplicate class "
			    "%lld",
			    k->number);
			c->rep.via = seen[k->number]->map;
			yorigin_note(&c->rep, seen[k->number]->got[0],
			    "first defined here");
			continue;
		}
		seen[k->number] = k;
		n++;
	}
	return n;
}

/* A code's class must be defined, unless 'classes' is missing altogether
 * (which is reported once, not at every code). */
static int
class_defined(struct checker *c, const struct value *code)
{
	long long number = code->u.integer / 100;

	if (c->classes == NULL || find_class(c->classes, c->nclasses,
	    number) != NULL)
		return 0;
	yorigin_error(&c->rep, code, "code %lld is in class %lld, which "
	    "'classes' does not define", code->u.integer, number);
	return -1;
}

/* A status's registry_name is its reason or one of its aliases, or, and
 * only on a reserved code, the registry's RESERVED_NAME, which is also
 * what an absent one is there. Returns 0, or -1 after reporting. */
static int
check_registry_name(struct checker *c, struct status *s)
{
	const struct record *r = &records[MODEL_STATUS];
	const struct value *reg = s->got[field_index(r, "registry")];
	const struct value *aliases = s->got[field_index(r, "aliases")];
	const struct value *reason = s->got[field_index(r, "reason")];
	const struct value **name = &s->got[field_index(r, "registry_name")];
	int reserved = strcmp(value_str(reg), "reserved") == 0;
	struct srcpos at = value_pos(reg, NULL);
	struct value node;
	struct buf q;
	size_t i;

	if (reserved && value_map_getz(s->map, "registry_name") == NULL) {
		node = value_make_string(c->arena, RESERVED_NAME,
		    strlen(RESERVED_NAME), &at);
		*name = value_box(c->arena, &node);
	}
	if (*name == NULL || strcmp(value_str(*name), reserved ?
	    RESERVED_NAME : value_str(reason)) == 0)
		return 0;
	for (i = 0; !reserved && aliases != NULL && i < value_len(aliases);
	    i++)
		if (strcmp(value_str(*name), value_str(value_item(aliases,
		    i))) == 0)
			return 0;
	buf_init(&q);
	if (reserved)
		yorigin_error(&c->rep, *name, "the 'registry_name' of a "
		    "reserved status is \"%s\"", RESERVED_NAME);
	else
		yorigin_error(&c->rep, *name, "'registry_name' %s is neither "
		    "the reason nor one of the aliases", quoted(c, &q, *name));
	buf_free(&q);
	return -1;
}

/* Checks one status; keeps what passed in s. */
static void
check_status(struct checker *c, const struct value *m, struct status *s)
{
	const struct record *r = &records[MODEL_STATUS];
	size_t ident_at = field_index(r, "ident");

	if (m->kind != VALUE_MAP) {
		type_error(c, r->plural, "a list of mappings", m);
		return;
	}
	s->map = m;
	c->rep.via = m;
	s->ok = check_entry(c, r, m, s->got, &s->code, class_defined);
	if (s->ok && check_registry_name(c, s) != 0)
		s->ok = 0;
	if (s->got[ident_at] != NULL) {
		s->ident = value_str(s->got[ident_at]);
		s->ident_node = s->got[ident_at];
	}
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

/* s is sorted by code. */
static void
check_duplicate_codes(struct checker *c, const struct status *s, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (s[i].got[0] != NULL && s[i - 1].got[0] != NULL &&
		    s[i].code == s[i - 1].code) {
			size_t first = i - 1;

			while (first > 0 && s[first - 1].code == s[i].code)
				first--;
			c->rep.via = s[i].map;
			yorigin_error(&c->rep, s[i].got[0], "duplicate code "
			    "%lld",
			    s[i].code);
			c->rep.via = s[first].map;
			yorigin_note(&c->rep, s[first].got[0],
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
		c->rep.via = sorted[i]->map;
		yorigin_error(&c->rep, sorted[i]->ident_node, "the C "
		    "identifier %s is taken already; "
		    "give one of the two an 'ident'", sorted[i]->ident);
		c->rep.via = sorted[first]->map;
		yorigin_note(&c->rep, sorted[first]->ident_node,
		    "%s first comes from here",
		    sorted[first]->ident);
	}
	free(sorted);
}

/*
 * The phrases of the statuses: every phrase field that passed, but a
 * list's items only when the whole status passed (a bad status's aliases
 * are not compared).
 */
static struct phrase *
collect_phrases(struct checker *c, const struct status *s, size_t n,
    size_t *count)
{
	const struct record *r = &records[MODEL_STATUS];
	struct phrase *p = NULL;
	size_t cap = 0, np = 0, i, f, j, items;
	struct buf up;

	buf_init(&up);
	for (i = 0; i < n; i++)
		for (f = 0; f < r->n; f++) {
			const struct value *v = s[i].got[f];
			int list = r->fields[f].kind == MODEL_TEXTS;

			if (!r->fields[f].phrase || v == NULL ||
			    (list && !s[i].ok))
				continue;
			items = list ? value_len(v) : 1;
			for (j = 0; j < items; j++) {
				const struct value *node = list ?
				    value_item(v, j) : v;

				p = xgrow(p, &cap, np + 1, sizeof(*p));
				buf_clear(&up);
				text_upper(value_str(node), value_strlen(node),
				    &up);
				p[np].node = node;
				p[np].upper = arena_strndup(c->arena, up.data,
				    up.len);
				p[np++].status = &s[i];
			}
		}
	buf_free(&up);
	*count = np;
	return p;
}

/* Reasons and aliases must all differ, ignoring case. */
static void
check_phrases(struct checker *c, const struct status *s, size_t n)
{
	size_t np, i;
	struct phrase *p = collect_phrases(c, s, n, &np);
	struct buf q;

	if (np > 0)
		qsort(p, np, sizeof(*p), by_phrase);
	buf_init(&q);
	for (i = 1; i < np; i++) {
		size_t first = i - 1, len = value_strlen(p[i].node);

		if (value_strlen(p[first].node) != len ||
		    memcmp(p[i].upper, p[first].upper, len) != 0)
			continue;
		while (first > 0 && value_strlen(p[first - 1].node) == len &&
		    memcmp(p[first - 1].upper, p[i].upper, len) == 0)
			first--;
		c->rep.via = p[i].status->map;
		yorigin_error(&c->rep, p[i].node, "%s is used twice "
		    "(reasons and aliases must all differ, ignoring case)",
		    quoted(c, &q, p[i].node));
		c->rep.via = p[first].status->map;
		yorigin_note(&c->rep, p[first].node, "first used here");
	}
	buf_free(&q);
	free(p);
}

/* Whether the registry's name of s is not its reason, for the docs to
 * say which name is the registry's. */
static int
registry_name_differs(const struct status *s)
{
	const struct record *r = &records[MODEL_STATUS];
	const struct value *name = s->got[field_index(r, "registry_name")];

	return name != NULL && strcmp(value_str(name),
	    value_str(s->got[field_index(r, "reason")])) != 0;
}

/* A temporary registration whose end is before today: a warning at its
 * expires, since only the registry can tell what became of it. */
static void
check_expiry(struct checker *c, const struct status *s, const char *today)
{
	const struct value *v = s->got[field_index(&records[MODEL_STATUS],
	    "expires")];
	struct srcpos at;

	if (v == NULL || today == NULL || strcmp(value_str(v), today) >= 0)
		return;
	at = value_pos(v, c->rep.file);
	diag_warning(c->rep.d, &at, "the temporary registration of "
	    "%lld expired on %s (today is %s): check the IANA registry "
	    "(statusgen registry-diff) and update the entry", s->code,
	    value_str(v), today);
}

/* -D reasons=registry: the registry's name becomes s's reason, the old
 * reason an alias in the name's place (check_registry_name() found it
 * among the aliases). A reserved status keeps its reason. */
static void
use_registry_reason(struct checker *c, struct status *s)
{
	const struct record *r = &records[MODEL_STATUS];
	const struct value **reason = &s->got[field_index(r, "reason")];
	const struct value **aliases = &s->got[field_index(r, "aliases")];
	const struct value *name = s->got[field_index(r, "registry_name")];
	struct value *items, seq;
	struct srcpos at;
	size_t i, n;

	if (!registry_name_differs(s) || strcmp(value_str(s->got[
	    field_index(r, "registry")]), "reserved") == 0)
		return;
	n = value_len(*aliases);
	at = value_pos(*aliases, NULL);
	items = xcalloc(n + 1, sizeof(*items));
	for (i = 0; i < n; i++)
		items[i] = strcmp(value_str(value_item(*aliases, i)),
		    value_str(name)) == 0 ? **reason : *value_item(*aliases, i);
	seq = value_make_seq(c->arena, items, n, &at);
	*aliases = value_box(c->arena, &seq);
	*reason = name;
	free(items);
}

/* ---------------------------------------------------------------- */
/* Building the context                                             */
/* ---------------------------------------------------------------- */

/*
 * The context is built bottom up (value_builder): each node is made by
 * value and copied into the arena when its parent is finished. Pointers
 * are kept only into the document and into finished arena storage.
 */

/* The mapping of b's pairs, at the position of like; empties b. */
static struct value
finish(struct value_builder *b, const struct value *like)
{
	struct srcpos pos = value_pos(like, NULL);

	return value_builder_finish(b, &pos);
}

/* Passes the user's x- keys of src through to b. */
static void
put_user_keys(struct value_builder *b, const struct value *src)
{
	size_t i;

	for (i = 0; i < value_len(src); i++) {
		const struct value_pair *p = value_pair(src, i);

		if (is_user_key(&p->key))
			value_builder_put_pair(b, p);
	}
}

/* The context's value of field f: v, or what its kind gives an absent
 * field. */
static struct value
field_value(struct arena *a, const struct model_field *f,
    const struct value *v)
{
	if (v != NULL)
		return *v;
	switch (f->kind) {
	case MODEL_TEXT:
	case MODEL_DATE:
		return value_make_string(a, "", 0, NULL);
	case MODEL_TEXTS:
	case MODEL_ENTRIES:
		return value_make_seq(a, NULL, 0, NULL);
	case MODEL_FLAG:
		return value_make_bool(f->dflt, NULL);
	default:
		return value_make(VALUE_NULL, NULL);
	}
}

/* Each field of r from got, then a boolean per choice of each choice. */
static void
put_fields(struct value_builder *b, const struct record *r,
    const struct value *const *got)
{
	const struct model_field *f;
	size_t i, k;

	for (i = 0; i < r->n; i++)
		value_builder_put(b, r->fields[i].key, field_value(b->arena,
		    &r->fields[i], got[i]));
	for (i = 0; i < r->n; i++) {
		f = &r->fields[i];
		for (k = 0; f->kind == MODEL_CHOICE &&
		    f->choices[k].name != NULL; k++)
			value_builder_put(b, f->choices[k].name,
			    value_make_bool(got[i] != NULL &&
			    strcmp(value_str(got[i]), f->choices[k].name) == 0,
			    NULL));
	}
}

static struct value
build_status(struct arena *a, const struct status *s, const struct klass *k)
{
	struct value_builder b;

	value_builder_init(&b, a);
	put_fields(&b, &records[MODEL_STATUS], s->got);
	value_builder_put(&b, "registry_name_differs",
	    value_make_bool(registry_name_differs(s), NULL));
	value_builder_put(&b, "class", value_make_int(k->number, NULL));
	value_builder_put(&b, "class_name", *class_name(k));
	put_user_keys(&b, s->map);
	return finish(&b, s->map);
}

/* members[0..n) are the nodes of its statuses. */
static struct value
build_class(struct arena *a, const struct klass *k,
    const struct value *members, size_t n)
{
	struct value_builder b;

	value_builder_init(&b, a);
	put_fields(&b, &records[MODEL_CLASS], k->got);
	value_builder_put(&b, "count", value_make_int((long long)n, NULL));
	value_builder_put(&b, "statuses", value_make_seq(a, members, n,
	    NULL));
	put_user_keys(&b, k->map);
	return finish(&b, k->map);
}

static struct value
text(struct arena *a, const char *s)
{
	return value_make_string(a, s, strlen(s), NULL);
}

/* The root: its own keys, then classes in class order, each with its
 * statuses, and every status in code order. */
static struct value
build_root(struct checker *c, const struct value *doc,
    const struct value *const *got, const struct status *s, size_t n)
{
	struct value *nodes = xcalloc(n + 1, sizeof(*nodes));
	struct value *members = xcalloc(n + 1, sizeof(*members));
	struct value *classes = xcalloc(c->nclasses + 1, sizeof(*classes));
	const struct model_field *code = &status_fields[0];
	struct value_builder root;
	size_t i, nc = 0, nm;
	long long number;

	for (i = 0; i < n; i++)
		nodes[i] = build_status(c->arena, &s[i], find_class(c->classes,
		    c->nclasses, s[i].code / 100));
	for (number = 0; number <= MAX_CLASS; number++) {
		const struct klass *k = find_class(c->classes, c->nclasses,
		    number);

		if (k == NULL)
			continue;
		for (i = 0, nm = 0; i < n; i++)
			if (s[i].code / 100 == number)
				members[nm++] = nodes[i];
		classes[nc++] = build_class(c->arena, k, members, nm);
	}
	value_builder_init(&root, c->arena);
	value_builder_put(&root, "generator", text(c->arena, "statusgen"));
	value_builder_put(&root, "source", text(c->arena, c->source));
	i = field_index(&records[MODEL_TABLE], "version");
	value_builder_put(&root, "version", field_value(c->arena,
	    &table_fields[i], got[i]));
	value_builder_put(&root, "count", value_make_int((long long)n, NULL));
	value_builder_put(&root, "min_code", value_make_int(code->min, NULL));
	value_builder_put(&root, "max_code", value_make_int(code->max, NULL));
	value_builder_put(&root, "classes", value_make_seq(c->arena, classes,
	    nc, NULL));
	value_builder_put(&root, "statuses", value_make_seq(c->arena, nodes,
	    n, NULL));
	put_user_keys(&root, doc);
	free(classes);
	free(members);
	free(nodes);
	return finish(&root, doc);
}

/* ---------------------------------------------------------------- */
/* The model                                                        */
/* ---------------------------------------------------------------- */

/* The document must be a mapping; says what it should hold otherwise. */
static int
check_document(struct checker *c, const struct value *doc)
{

	if (doc->kind == VALUE_NULL) {
		yorigin_error(&c->rep, doc, "the file has no content: expected "
		    "a mapping with 'classes' and 'statuses'");
		return -1;
	}
	if (doc->kind != VALUE_MAP) {
		yorigin_error(&c->rep, doc, "the status table must be a "
		    "mapping with 'classes' and 'statuses', got %s",
		    value_kind_name(value_kind(doc)));
		return -1;
	}
	return 0;
}

/* A list of entries shorter than its field allows. */
static void
check_counts(struct checker *c, const struct value *const *got)
{
	const struct record *r = &records[MODEL_TABLE];
	size_t i;

	for (i = 0; i < r->n; i++)
		if (got[i] != NULL && value_len(got[i]) <
		    (size_t)r->fields[i].min) {
			yorigin_error(&c->rep, got[i], "'%s' is empty",
			    r->fields[i].key);
		}
}

int
model_build(const struct value *doc, const struct yorigins *origins,
    const char *source_path, const char *source_name,
    const struct model_options *opt, struct arena *arena, struct diag *d,
    struct value **model)
{
	static const struct model_options defaults = { 0, NULL };
	const struct record *r = &records[MODEL_TABLE];
	struct checker c = { arena, { d, source_path, origins, NULL },
	    source_name != NULL ? source_name : source_path, NULL, 0 };
	const struct value *got[NELEM(table_fields)], *list;
	unsigned errors = d->errors;
	struct klass *classes = NULL;
	struct status *statuses = NULL;
	struct value root;
	size_t nstatuses = 0, i;

	*model = NULL;
	if (check_document(&c, doc) != 0)
		return -1;
	check_keys(&c, doc, r);
	check_fields(&c, r, doc, got, 0, r->n, r->what);
	if ((list = got[field_index(r, "classes")]) != NULL) {
		classes = xcalloc(value_len(list) + 1, sizeof(*classes));
		c.nclasses = check_classes(&c, list, classes);
		c.classes = classes;
	}
	if ((list = got[field_index(r, "statuses")]) != NULL) {
		statuses = xcalloc(value_len(list) + 1, sizeof(*statuses));
		for (i = 0; i < value_len(list); i++) {
			statuses[nstatuses].index = i;
			check_status(&c, value_item(list, i),
			    &statuses[nstatuses]);
			if (statuses[nstatuses].map != NULL)
				nstatuses++;
		}
	}
	check_counts(&c, got);
	if (nstatuses > 0)
		qsort(statuses, nstatuses, sizeof(*statuses), by_code);
	check_duplicate_codes(&c, statuses, nstatuses);
	check_duplicate_idents(&c, statuses, nstatuses);
	check_phrases(&c, statuses, nstatuses);
	if (opt == NULL)
		opt = &defaults;
	for (i = 0; d->errors == errors && i < nstatuses; i++) {
		check_expiry(&c, &statuses[i], opt->today);
		if (opt->registry_reasons)
			use_registry_reason(&c, &statuses[i]);
	}
	if (d->errors == errors) {
		root = build_root(&c, doc, got, statuses, nstatuses);
		*model = value_box(arena, &root);
	}
	free(statuses);
	free(classes);
	return d->errors != errors ? -1 : 0;
}

/* ---------------------------------------------------------------- */
/* The format                                                       */
/* ---------------------------------------------------------------- */

const struct model_field *
model_fields(enum model_entry entry, size_t *n)
{
	*n = records[entry].n;
	return records[entry].fields;
}
