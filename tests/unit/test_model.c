/*
 * Unit tests for the status model: validation, the context, what the
 * field tables derive, and doc/data-format.md's and the data file's lists of keys
 * checked against those tables.
 *
 * Run from the repository root (tests/run does). With --write-doc FILE
 * it rewrites the tables of keys in FILE (doc/data-format.md) from the field tables
 * instead of testing.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "formatdoc.h"
#include "model.h"
#include "tap.h"
#include "value.h"
#include "yload.h"

/* One model_build run: its context, its status and everything it said. */
struct run {
	struct arena	 arena;
	struct value	*model;
	int		 rc;
	unsigned	 errors;
	char		*msgs;
	size_t		 msglen;
};

static void
build(struct run *r, const char *yaml)
{
	struct value *doc;
	const struct yorigins *origins;
	struct diag d;
	FILE *fp;

	arena_init(&r->arena);
	r->model = NULL;
	r->msgs = NULL;
	r->msglen = 0;
	if ((fp = open_memstream(&r->msgs, &r->msglen)) == NULL) {
		perror("open_memstream");
		exit(1);
	}
	diag_init(&d, fp);
	r->rc = yload_string_origins("t.yaml", yaml, strlen(yaml), NULL,
	    &r->arena, &d, &doc, &origins);
	if (r->rc == 0)
		r->rc = model_build(doc, origins, "t.yaml", NULL, NULL,
		    &r->arena, &d, &r->model);
	r->errors = d.errors;
	fclose(fp);
}

/* Shows what a run said, as TAP comments, after a failed check. */
static void
show(const struct run *r)
{
	const char *p, *nl;

	for (p = r->msgs; p != NULL && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p) - 1;
		printf("#   %.*s\n", (int)(nl - p + (*nl != '\n')), p);
	}
}

static void
done(struct run *r)
{
	arena_free(&r->arena);
	free(r->msgs);
}

/* Whether the run said exactly one error, and it contains want. */
static int
one_error(const struct run *r, const char *want)
{
	return r->rc == -1 && r->errors == 1 && strstr(r->msgs, want) != NULL;
}

static const struct value *
status_at(const struct run *r, size_t i)
{
	return value_item(value_map_getz(r->model, "statuses"), i);
}

static int
is_bool(const struct value *v, int b)
{
	return v != NULL && v->kind == VALUE_BOOL && v->u.boolean == b;
}

static int
is_str(const struct value *v, const char *s)
{
	return v != NULL && v->kind == VALUE_STRING &&
	    strcmp(value_str(v), s) == 0;
}

/* ---------------------------------------------------------------- */
/* Tables made from the field table                                 */
/* ---------------------------------------------------------------- */

static const struct model_field *
status_fields(size_t *n)
{
	return model_fields(MODEL_STATUS, n);
}

/* A valid value of f, as YAML, for a status of registry standard. */
static const char *
valid_value(const struct model_field *f)
{
	switch (f->kind) {
	case MODEL_INT:
		return "200";
	case MODEL_CHOICE:
		return f->choices[0].name;
	case MODEL_TEXTS:
		return "[\"Another Phrase\"]";
	case MODEL_FLAG:
		return "true";
	case MODEL_IDENT:
		return "OK_IDENT";
	case MODEL_DATE:
		return "2026-11-13";
	default:
		return "\"Some text\"";
	}
}

/*
 * A table of one class (2) and one status with every required field but
 * omit (NULL: none), a valid value each, then the lines of extra.
 */
static void
one_status(struct buf *y, const char *omit, const char *extra)
{
	size_t n, i;
	const struct model_field *f = status_fields(&n);

	buf_clear(y);
	buf_puts(y, "classes:\n  - class: 2\n    name: Successful\n"
	    "    summary: OK\nstatuses:\n  -");
	for (i = 0; i < n; i++)
		if (f[i].presence == MODEL_REQUIRED && (omit == NULL ||
		    strcmp(omit, f[i].key) != 0))
			buf_printf(y, " %s: %s\n   ", f[i].key,
			    valid_value(&f[i]));
	if (extra != NULL)
		buf_printf(y, " %s\n", extra);
	else
		buf_puts(y, " x-none: 0\n");
}

/* ---------------------------------------------------------------- */
/* A whole table                                                    */
/* ---------------------------------------------------------------- */

static const char valid_table[] =
	"x-project: demo\n"
	"classes:\n"
	"  - class: 4\n"
	"    name: Client Errors\n"
	"    summary: Client\n"
	"    x-colour: red\n"
	"  - class: 2\n"
	"    name: Successful\n"
	"    summary: OK\n"
	"statuses:\n"
	"  - code: 499\n"
	"    reason: \"I'm Gone\"\n"
	"    description: d499\n"
	"    reference: r499\n"
	"    registry: unofficial\n"
	"    origin: nginx\n"
	"  - code: 200\n"
	"    reason: OK\n"
	"    description: d200\n"
	"    reference: r200\n"
	"    registry: standard\n"
	"    registry_name: Okay\n"
	"    aliases: [Okay, All Right]\n"
	"    cacheable: true\n"
	"    x-owner: me\n"
	"  - code: 404\n"
	"    reason: Not Found\n"
	"    description: d404\n"
	"    reference: r404\n"
	"    registry: deprecated\n"
	"    ident: MISSING\n";

static void
test_valid_table(void)
{
	const struct value *st, *cls, *classes;
	struct run r;

	build(&r, valid_table);
	if (!TAP_CHECK(r.rc == 0 && r.errors == 0 && r.model != NULL,
	    "a valid table builds")) {
		show(&r);
		done(&r);
		return;
	}
	TAP_CHECK(is_str(value_map_getz(r.model, "generator"), "statusgen") &&
	    is_str(value_map_getz(r.model, "source"), "t.yaml") &&
	    value_map_getz(r.model, "count")->u.integer == 3,
	    "generator, source and count");
	TAP_CHECK(is_str(value_map_getz(r.model, "version"), ""),
	    "a table without a version has version \"\"");
	TAP_CHECK(value_map_getz(r.model, "min_code")->u.integer == 100 &&
	    value_map_getz(r.model, "max_code")->u.integer == 599,
	    "the code range is in the context");
	TAP_CHECK(is_str(value_map_getz(r.model, "x-project"), "demo"),
	    "top-level x- keys pass through");
	TAP_CHECK(value_map_getz(r.model, "phrase_lengths") == NULL &&
	    value_map_getz(r.model, "lookup") == NULL,
	    "the C layout is not the model's");
	TAP_CHECK(status_at(&r, 0)->kind == VALUE_MAP &&
	    value_map_getz(status_at(&r, 0), "code")->u.integer == 200 &&
	    value_map_getz(status_at(&r, 1), "code")->u.integer == 404 &&
	    value_map_getz(status_at(&r, 2), "code")->u.integer == 499,
	    "statuses in code order");
	st = status_at(&r, 0);
	TAP_CHECK(is_str(value_map_getz(st, "ident"), "OK") &&
	    is_str(value_map_getz(status_at(&r, 2), "ident"), "IM_GONE") &&
	    is_str(value_map_getz(status_at(&r, 1), "ident"), "MISSING"),
	    "ident: derived from the reason, or the data's");
	TAP_CHECK(is_str(value_map_getz(st, "origin"), "") &&
	    is_str(value_map_getz(status_at(&r, 2), "origin"), "nginx"),
	    "origin: the data's, else empty");
	TAP_CHECK(value_len(value_map_getz(st, "aliases")) == 2 &&
	    value_map_getz(status_at(&r, 1), "aliases")->kind == VALUE_SEQ &&
	    value_len(value_map_getz(status_at(&r, 1), "aliases")) == 0,
	    "aliases: the data's, else an empty list");
	TAP_CHECK(is_bool(value_map_getz(st, "cacheable"), 1) &&
	    is_bool(value_map_getz(st, "redirect"), 0) &&
	    is_bool(value_map_getz(status_at(&r, 1), "cacheable"), 0),
	    "flags: the data's, else false");
	TAP_CHECK(is_bool(value_map_getz(st, "standard"), 1) &&
	    is_bool(value_map_getz(st, "deprecated"), 0) &&
	    is_bool(value_map_getz(status_at(&r, 1), "deprecated"), 1) &&
	    is_bool(value_map_getz(status_at(&r, 2), "unofficial"), 1),
	    "a boolean per registry");
	TAP_CHECK(is_str(value_map_getz(st, "registry_name"), "Okay") &&
	    is_bool(value_map_getz(st, "registry_name_differs"), 1) &&
	    is_str(value_map_getz(status_at(&r, 1), "registry_name"),
	    "Not Found") && is_bool(value_map_getz(status_at(&r, 1),
	    "registry_name_differs"), 0),
	    "registry_name_differs: the registry's name is not the reason");
	TAP_CHECK(value_map_getz(st, "class")->u.integer == 2 &&
	    is_str(value_map_getz(st, "class_name"), "Successful") &&
	    is_str(value_map_getz(st, "x-owner"), "me"),
	    "class, class_name and x- keys of a status");
	classes = value_map_getz(r.model, "classes");
	cls = value_item(classes, 1);
	TAP_CHECK(value_len(classes) == 2 &&
	    value_map_getz(value_item(classes, 0), "class")->u.integer == 2 &&
	    is_str(value_map_getz(cls, "ident"), "CLIENT_ERRORS") &&
	    value_map_getz(cls, "count")->u.integer == 2 &&
	    value_len(value_map_getz(cls, "statuses")) == 2 &&
	    is_str(value_map_getz(cls, "x-colour"), "red"),
	    "classes in class order, with ident, count, statuses, x- keys");
	TAP_CHECK(value_map_getz(status_at(&r, 0), "name") == NULL &&
	    value_map_getz(status_at(&r, 0), "reason_size") == NULL,
	    "no C names or sizes in a status");
	done(&r);
}

/* ---------------------------------------------------------------- */
/* Rules that are not one field's                                   */
/* ---------------------------------------------------------------- */

/* The table yaml fails with want among its errors, and with no other
 * error when alone is set. */
static void
expect(const char *yaml, const char *want, int alone, const char *what)
{
	struct run r;

	build(&r, yaml);
	if (!TAP_CHECK(alone ? one_error(&r, want) : r.rc == -1 &&
	    strstr(r.msgs, want) != NULL, "%s: %s", what, want))
		show(&r);
	done(&r);
}

static void
expect_error(const char *yaml, const char *want, const char *what)
{
	expect(yaml, want, 1, what);
}

static void
test_rules(void)
{
	struct buf y;

	buf_init(&y);
	expect_error("", "the file has no content", "an empty file");
	expect_error("[1, 2]\n", "the status table must be a mapping with "
	    "'classes' and 'statuses', got a list", "a list");
	expect_error("classes: []\n", "t.yaml:1:1: error: the status table "
	    "has no 'statuses'", "no statuses");
	expect_error("classes: []\nstatuses: 3\n", "'statuses' must be a "
	    "list, got 3", "statuses not a list");
	expect_error("classes: []\nstatuses: []\n", "'statuses' is empty",
	    "no status");
	expect("clases: []\nstatuses: []\n", "unknown key 'clases' in "
	    "the status table; did you mean 'classes'?", 0, "top-level typo");
	one_status(&y, "code", "code: 300");
	expect_error(y.data, "code 300 is in class 3, which 'classes' does "
	    "not define", "an undefined class");
	one_status(&y, NULL, NULL);
	buf_puts(&y, "  - 7\n");
	expect_error(y.data, "'statuses' must be a list of mappings, got 7",
	    "a status that is no mapping");
	one_status(&y, "registry", "registry: unofficial");
	expect_error(y.data, "an unofficial status needs an 'origin' saying "
	    "who uses it", "an unofficial status without an origin");
	one_status(&y, NULL, "origin: nginx");
	expect_error(y.data, "'origin' is only for unofficial statuses "
	    "(registry: unofficial)", "an origin on a standard status");
	one_status(&y, "reason", "reason: \"3xx\"");
	expect_error(y.data, "cannot derive a C identifier from reason "
	    "\"3xx\"; add an 'ident'", "a reason without an identifier");
	one_status(&y, NULL, "ident: lower");
	expect_error(y.data, "'ident' must be an upper-case C identifier",
	    "a lower-case ident");
	one_status(&y, NULL, "aliases: [\"SOME TEXT\"]");
	expect_error(y.data, "\"SOME TEXT\" is used twice (reasons and "
	    "aliases must all differ, ignoring case)", "an alias like the "
	    "reason");
	one_status(&y, NULL, "aliases: \"one\"");
	expect_error(y.data, "'aliases' must be a list of strings, got "
	    "\"one\"", "aliases not a list");
	expect_error("classes:\n  - {class: 2, name: A, summary: a}\n"
	    "  - {class: 2, name: B, summary: b}\nstatuses:\n"
	    "  - {code: 200, reason: A, description: d, reference: r, "
	    "registry: standard}\n", "duplicate class 2", "a duplicate class");
	expect_error("classes: [{class: 2, name: S, summary: s}]\n"
	    "statuses:\n"
	    "  - {code: 200, reason: A, description: d, reference: r, "
	    "registry: standard}\n"
	    "  - {code: 200, reason: B, description: d, reference: r, "
	    "registry: standard}\n", "duplicate code 200", "a duplicate code");
	expect_error("classes: [{class: 2, name: S, summary: s}]\n"
	    "statuses:\n"
	    "  - {code: 200, reason: A-B, description: d, reference: r, "
	    "registry: standard}\n"
	    "  - {code: 201, reason: A B, description: d, reference: r, "
	    "registry: standard}\n", "the C identifier A_B is taken already",
	    "two statuses with one identifier");
	buf_free(&y);
}

/* ---------------------------------------------------------------- */
/* What each row of the field table gives                           */
/* ---------------------------------------------------------------- */

/* Every field is an allowed key, a near miss of it gets a hint, and its
 * x- twin is the user's and passes through. */
static void
test_keys(const struct model_field *f, struct buf *y)
{
	char line[160], typo[64], want[160], xkey[64];
	struct run r;

	snprintf(line, sizeof(line), "%s: %s", f->key, valid_value(f));
	one_status(y, f->key, f->presence == MODEL_WHEN ? NULL : line);
	build(&r, y->data);
	TAP_CHECK(strstr(r.msgs, "unknown key") == NULL, "'%s' is a key of "
	    "a status", f->key);
	done(&r);

	snprintf(typo, sizeof(typo), "%.*s", (int)strlen(f->key) - 1, f->key);
	snprintf(line, sizeof(line), "%s: %s", typo, valid_value(f));
	snprintf(want, sizeof(want), "unknown key '%s' in a status; did you "
	    "mean '%s'?", typo, f->key);
	one_status(y, NULL, line);
	expect(y->data, want, 0, "a near miss");

	snprintf(xkey, sizeof(xkey), "x-%s", f->key);
	snprintf(line, sizeof(line), "%s: [any, thing]", xkey);
	one_status(y, NULL, line);
	build(&r, y->data);
	TAP_CHECK(r.rc == 0 && value_len(value_map_getz(status_at(&r, 0),
	    xkey)) == 2, "%s passes through", xkey);
	done(&r);
}

/* A one-status table with field f set to the YAML value (NULL: absent);
 * for a MODEL_WHEN field, with its condition true. */
static void
with_field(struct buf *y, const struct model_field *f, const char *value)
{
	char extra[256];

	if (f->presence == MODEL_WHEN)
		snprintf(extra, sizeof(extra), "%s: %s%s%s%s%s", f->when_key,
		    f->when_value, value ? "\n    " : "", value ? f->key : "",
		    value ? ": " : "", value ? value : "");
	else if (value != NULL)
		snprintf(extra, sizeof(extra), "%s: %s", f->key, value);
	one_status(y, f->presence == MODEL_WHEN ? f->when_key : f->key,
	    f->presence == MODEL_WHEN || value != NULL ? extra : NULL);
}

/* The field f of the only status of the table, set to value, in the
 * context: NULL when the table fails. */
static const struct value *
field_in_context(struct run *r, struct buf *y, const struct model_field *f,
    const char *value)
{
	with_field(y, f, value);
	build(r, y->data);
	return r->rc == 0 ? value_map_getz(status_at(r, 0), f->key) : NULL;
}

static void
test_absent(const struct model_field *f, struct buf *y)
{
	const struct value *v;
	char want[96];
	struct run r;

	if (f->presence == MODEL_REQUIRED) {
		snprintf(want, sizeof(want), "has no '%s'", f->key);
		one_status(y, f->key, NULL);
		expect(y->data, want, 1, "a required field missing");
		return;
	}
	if (f->presence == MODEL_WHEN)
		return;	/* test_rules */
	v = field_in_context(&r, y, f, NULL);
	switch (f->kind) {
	case MODEL_FLAG:
		TAP_CHECK(is_bool(v, f->dflt), "an absent %s is %s", f->key,
		    f->dflt ? "true" : "false");
		break;
	case MODEL_TEXTS:
		TAP_CHECK(v != NULL && v->kind == VALUE_SEQ &&
		    value_len(v) == 0, "an absent %s is []", f->key);
		break;
	case MODEL_TEXT:
		TAP_CHECK(is_str(v, f->from != NULL ? "Some text" : ""),
		    "an absent %s is %s", f->key, f->from != NULL ? "its "
		    "from field's" : "\"\"");
		break;
	default:
		TAP_CHECK(v != NULL, "an absent %s has a value", f->key);
		break;
	}
	done(&r);
}

/* Values that field f refuses, by its kind, with the message each gets. */
static void
test_refused(const struct model_field *f, struct buf *y)
{
	char value[64], want[200];
	size_t k;

	switch (f->kind) {
	case MODEL_INT:
		snprintf(value, sizeof(value), "%lld", f->max + 1);
		snprintf(want, sizeof(want), "'%s' must be an integer between "
		    "%lld and %lld, got %lld", f->key, f->min, f->max,
		    f->max + 1);
		break;
	case MODEL_TEXT:
	case MODEL_IDENT:
		snprintf(value, sizeof(value), "\"  \"");
		snprintf(want, sizeof(want), "'%s' is empty", f->key);
		break;
	case MODEL_CHOICE:
		snprintf(value, sizeof(value), "bogus");
		snprintf(want, sizeof(want), "'%s' must be one of ", f->key);
		for (k = 0; f->choices[k].name != NULL; k++)
			snprintf(want + strlen(want), sizeof(want) -
			    strlen(want), "%s%s", k ? ", " : "",
			    f->choices[k].name);
		break;
	case MODEL_TEXTS:
		snprintf(value, sizeof(value), "[ok, 3]");
		snprintf(want, sizeof(want), "'%s' must be a string, got 3",
		    f->key);
		break;
	case MODEL_DATE:
		snprintf(value, sizeof(value), "2026-02-30");
		snprintf(want, sizeof(want), "'%s' is not a calendar date: "
		    "month 2 of 2026 has 28 days", f->key);
		break;
	case MODEL_FLAG:
		snprintf(value, sizeof(value), "yes");
		snprintf(want, sizeof(want), "'%s' must be true or false, got "
		    "\"yes\"", f->key);
		break;
	default:
		return;
	}
	with_field(y, f, value);
	expect(y->data, want, 1, "a bad value");
}

/* One line or not, for the fields of text. */
static void
test_lines(const struct model_field *f, struct buf *y)
{
	const char *two = f->kind == MODEL_TEXTS ? "[\"one\\ntwo\"]" :
	    "\"one\\ntwo\"";
	char want[96];
	struct run r;

	if (f->kind != MODEL_TEXT && f->kind != MODEL_TEXTS)
		return;
	if (f->one_line) {
		snprintf(want, sizeof(want), "'%s' must be a single line",
		    f->key);
		with_field(y, f, two);
		expect(y->data, want, 1, "two lines");
		return;
	}
	TAP_CHECK(field_in_context(&r, y, f, two) != NULL, "'%s' may have "
	    "two lines", f->key);
	done(&r);
}

/* A flag given is in the context as given; a choice gives a boolean per
 * choice, one of them true. */
static void
test_given(const struct model_field *f, struct buf *y)
{
	const struct value *v;
	char extra[128];
	struct run r;
	size_t k, j;

	if (f->kind == MODEL_FLAG) {
		v = field_in_context(&r, y, f, f->dflt ? "false" : "true");
		TAP_CHECK(is_bool(v, !f->dflt), "a given %s is in the context",
		    f->key);
		done(&r);
	}
	for (k = 0; f->kind == MODEL_CHOICE && f->choices[k].name != NULL;
	    k++) {
		size_t n, w;
		const struct model_field *all = status_fields(&n);

		snprintf(extra, sizeof(extra), "%s: %s", f->key,
		    f->choices[k].name);
		for (w = 0; w < n; w++)	/* what the choice asks for */
			if (all[w].presence == MODEL_WHEN &&
			    strcmp(all[w].when_key, f->key) == 0 &&
			    strcmp(all[w].when_value, f->choices[k].name) == 0)
				snprintf(extra + strlen(extra), sizeof(extra) -
				    strlen(extra), "\n    %s: %s", all[w].key,
				    valid_value(&all[w]));
		one_status(y, f->key, extra);
		build(&r, y->data);
		for (j = 0; r.rc == 0 && f->choices[j].name != NULL; j++)
			if (!is_bool(value_map_getz(status_at(&r, 0),
			    f->choices[j].name), j == k))
				break;
		if (!TAP_CHECK(r.rc == 0 && f->choices[j].name == NULL,
		    "%s: %s gives its boolean", f->key, f->choices[k].name))
			show(&r);
		done(&r);
	}
}

static void
test_fields(void)
{
	size_t n, i;
	const struct model_field *f = status_fields(&n);
	struct buf y;
	struct run r;

	buf_init(&y);
	one_status(&y, NULL, NULL);
	build(&r, y.data);
	if (!TAP_CHECK(r.rc == 0, "the table of the required fields is "
	    "valid"))
		show(&r);
	done(&r);
	for (i = 0; i < n; i++) {
		test_keys(&f[i], &y);
		test_absent(&f[i], &y);
		test_refused(&f[i], &y);
		test_lines(&f[i], &y);
		test_given(&f[i], &y);
	}
	buf_free(&y);
}

/* ---------------------------------------------------------------- */
/* doc/data-format.md's tables of keys and the data file's header   */
/* ---------------------------------------------------------------- */

/* The reference page that lists the keys of the data format. */
#define DOC_FORMAT	"doc/data-format.md"

#define TABLE_HEAD	"| Key | Type | Required | Meaning |\n| --- | --- | --- | --- |\n"

/* doc/data-format.md's tables: the line that introduces each, and its entry. */
static const struct {
	const char	*name;
	const char	*intro;
	enum model_entry entry;
} readme_tables[] = {
	{ "top level", "\nThe top level:\n\n", MODEL_TABLE },
	{ "class", "\nA class:\n\n", MODEL_CLASS },
	{ "status", "\nA status:\n\n", MODEL_STATUS },
};

#define NREADME	(sizeof(readme_tables) / sizeof(readme_tables[0]))

/* The rows of table t as the field table makes them, a line each. */
static void
table_rows(size_t t, struct buf *out)
{
	size_t n, i;
	const struct model_field *f = model_fields(readme_tables[t].entry, &n);

	for (i = 0; i < n; i++) {
		formatdoc_row(&f[i], out);
		buf_putc(out, '\n');
	}
}

/* Where table t's rows are in text: sets *rows and *len (the lines that
 * start with '|' after the heading). Returns 0, or -1 when it has none. */
static int
find_rows(const char *text, size_t t, const char **rows, size_t *len)
{
	const char *p = strstr(text, readme_tables[t].intro), *end;

	if (p == NULL)
		return -1;
	p += strlen(readme_tables[t].intro);
	if (strncmp(p, TABLE_HEAD, strlen(TABLE_HEAD)) != 0)
		return -1;
	p += strlen(TABLE_HEAD);
	for (end = p; *end == '|'; end = strchr(end, '\n') + 1)
		if (strchr(end, '\n') == NULL)
			return -1;
	*rows = p;
	*len = (size_t)(end - p);
	return 0;
}

/* Whether the lines b[0..blen) include line[0..len), newline and all. */
static int
has_line(const char *b, size_t blen, const char *line, size_t len)
{
	const char *p, *nl;

	for (p = b; p < b + blen; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(b + blen - p))) == NULL)
			return 0;
		if ((size_t)(nl - p + 1) == len && memcmp(p, line, len) == 0)
			return 1;
	}
	return 0;
}

/* Prints each line of a that b lacks, as a TAP comment. */
static void
show_missing(const char *what, const char *a, size_t alen, const char *b,
    size_t blen)
{
	const char *line, *nl;

	for (line = a; line < a + alen; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(a + alen - line));
		if (nl == NULL)
			break;
		if (!has_line(b, blen, line, (size_t)(nl - line + 1)))
			printf("# %s: %.*s\n", what, (int)(nl - line), line);
	}
}

static void
test_readme(const char *text)
{
	const char *rows;
	struct buf want;
	size_t t, len;

	buf_init(&want);
	for (t = 0; t < NREADME; t++) {
		buf_clear(&want);
		table_rows(t, &want);
		if (!TAP_CHECK(find_rows(text, t, &rows, &len) == 0, DOC_FORMAT " "
		    "has the table of a %s's keys", readme_tables[t].name))
			continue;
		if (!TAP_CHECK(len == want.len && memcmp(rows, want.data,
		    len) == 0, DOC_FORMAT "'s table of a %s's keys is the field "
		    "table's (build/tests/test_model --write-doc " DOC_FORMAT " "
		    "rewrites it)", readme_tables[t].name)) {
			show_missing("only in the field table", want.data,
			    want.len, rows, len);
			show_missing("only in " DOC_FORMAT, rows, len, want.data,
			    want.len);
		}
	}
	buf_free(&want);
}

/*
 * The data file's header lists a status's keys, in the table's order, as
 * lines "#   KEY   what it is" under "# Keys of a status entry".
 */
static void
test_data_header(const char *text)
{
	const char *p = strstr(text, "# Keys of a status entry");
	size_t n, i = 0, len;
	const struct model_field *f = status_fields(&n);
	int ok = p != NULL;

	while (ok && (p = strchr(p, '\n')) != NULL &&
	    strncmp(++p, "#   ", 4) == 0) {
		if (p[4] == ' ')
			continue;	/* a continued line */
		len = strcspn(p + 4, " \n");
		if (i >= n || strlen(f[i].key) != len ||
		    strncmp(p + 4, f[i].key, len) != 0) {
			printf("# data/http_status.yaml names '%.*s' where the "
			    "field table has '%s'\n", (int)len, p + 4,
			    i < n ? f[i].key : "nothing");
			ok = 0;
		}
		i++;
	}
	TAP_CHECK(ok && i == n, "data/http_status.yaml's header names every "
	    "key of a status, in the field table's order");
}

static char *
slurp(const char *path)
{
	struct buf b;

	buf_init(&b);
	if (buf_read_file(&b, path) != 0) {
		perror(path);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* --write-doc: replaces the rows of each table in path. */
static int
write_readme(const char *path)
{
	char *text = slurp(path);
	struct buf out;
	const char *at, *rows;
	size_t t, len;
	FILE *fp;

	if (text == NULL)
		return 1;
	buf_init(&out);
	for (at = text, t = 0; t < NREADME; t++) {
		if (find_rows(at, t, &rows, &len) != 0) {
			fprintf(stderr, "%s: no table of a %s's keys\n", path,
			    readme_tables[t].name);
			return 1;
		}
		buf_append(&out, at, (size_t)(rows - at));
		table_rows(t, &out);
		at = rows + len;
	}
	buf_puts(&out, at);
	if ((fp = fopen(path, "w")) == NULL || fwrite(out.data, 1, out.len,
	    fp) != out.len || fclose(fp) != 0) {
		perror(path);
		return 1;
	}
	buf_free(&out);
	free(text);
	return 0;
}

/* The table's version: taken as it is, or refused at its value. */
static void
test_version(void)
{
	static const char *const bad[] = {
		"\"\"", "\"  \"", "\"1.0\\n2\"", "1.5", "[1]", "{a: 1}"
	};
	struct buf y;
	struct run r;
	size_t i;

	buf_init(&y);
	buf_printf(&y, "version: \"2.1.0-rc.1+b7\"\n%s", valid_table);
	build(&r, buf_cstr(&y));
	TAP_CHECK(r.rc == 0 && is_str(value_map_getz(r.model, "version"),
	    "2.1.0-rc.1+b7"), "version is in the context as it is");
	done(&r);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_clear(&y);
		buf_printf(&y, "version: %s\n%s", bad[i], valid_table);
		build(&r, buf_cstr(&y));
		if (!TAP_CHECK(r.rc == -1 && r.errors == 1 &&
		    strstr(r.msgs, "t.yaml:1:10: error: 'version' ") != NULL,
		    "version %s is refused at its value", bad[i]))
			show(&r);
		done(&r);
	}
	buf_free(&y);
}

int
main(int argc, char **argv)
{
	char *readme, *data;

	if (argc == 3 && strcmp(argv[1], "--write-doc") == 0)
		return write_readme(argv[2]);
	test_valid_table();
	test_version();
	test_rules();
	test_fields();
	if ((readme = slurp(DOC_FORMAT)) != NULL)
		test_readme(readme);
	TAP_CHECK(readme != NULL, DOC_FORMAT " can be read (run from the "
	    "repository's root)");
	if ((data = slurp("data/http_status.yaml")) != NULL)
		test_data_header(data);
	TAP_CHECK(data != NULL, "data/http_status.yaml can be read");
	free(readme);
	free(data);
	return tap_done();
}
