/* Unit tests for the YAML loader. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "harness.h"
#include "tap.h"
#include "value.h"
#include "yload.h"

/* One load: its tree, its status and everything it said. */
struct run {
	struct arena	 arena;
	struct value	*root;
	const struct yorigins *origins;
	int		 rc;
	unsigned	 errors;
	char		*msgs;
	size_t		 msglen;
};

/*
 * Loads the file at path, or with path NULL the text src[0..len) as
 * "t.yaml", and keeps what the loader said.
 */
static void
load_any(struct run *r, const char *path, const char *src, size_t len,
    const struct yload_limits *lim)
{
	struct capture c;

	arena_init(&r->arena);
	capture_open(&c);
	r->root = (struct value *)&r->arena;	/* must be reset to NULL */
	if (path != NULL)
		r->rc = yload_file_origins(path, lim, &r->arena, &c.d,
		    &r->root, &r->origins);
	else
		r->rc = yload_string_origins("t.yaml", src, len, lim,
		    &r->arena, &c.d, &r->root, &r->origins);
	r->errors = c.d.errors;
	r->msgs = capture_detach(&c, &r->msglen);
}

static void
load_n(struct run *r, const char *src, size_t len,
    const struct yload_limits *lim)
{
	load_any(r, NULL, src, len, lim);
}

static void
load(struct run *r, const char *src)
{
	load_n(r, src, strlen(src), NULL);
}

static void
done(struct run *r)
{
	arena_free(&r->arena);
	free(r->msgs);
}

/* A node by path: "a" for a key, "#2" for a list index, "a/#0/b". */
static const struct value *
get(const struct value *v, const char *path)
{
	char part[64];
	size_t n;

	while (v != NULL && *path != '\0') {
		n = strcspn(path, "/");
		memcpy(part, path, n);
		part[n] = '\0';
		path += n + (path[n] == '/');
		if (part[0] == '#') {
			size_t i = (size_t)atoi(part + 1);

			if (v->kind != VALUE_SEQ || i >= value_len(v))
				return NULL;
			v = value_item(v, i);
		} else
			v = value_map_getz(v, part);
	}
	return v;
}

static int
is_str(const struct value *v, const char *s)
{
	return v != NULL && v->kind == VALUE_STRING &&
	    value_strlen(v) == strlen(s) && strcmp(value_str(v), s) == 0;
}

static int
is_int(const struct value *v, long long n)
{
	return v != NULL && v->kind == VALUE_INT && v->u.integer == n;
}

static int
is_float(const struct value *v, double d)
{
	return v != NULL && v->kind == VALUE_FLOAT && v->u.real == d;
}

static int
is_bool(const struct value *v, int b)
{
	return v != NULL && v->kind == VALUE_BOOL && v->u.boolean == b;
}

static int
is_null(const struct value *v)
{
	return v != NULL && v->kind == VALUE_NULL;
}

/* Are a and b the same node, or copies of one (an anchor and its alias)? */
/* Is b a copy of a, placed elsewhere (what an alias makes)? */
static int
same_data(const struct value *a, const struct value *b)
{
	return a != NULL && b != NULL && a->kind == b->kind &&
	    memcmp(&a->u, &b->u, sizeof(a->u)) == 0;
}

static int
at(const struct value *v, unsigned line, unsigned col)
{
	return v != NULL && v->line == line && v->col == col;
}

/* Checks that a load failed with exactly the diagnostics want. */
static void
check_failed(const struct run *r, const char *want, const char *what)
{
	harness_explain(TAP_CHECK(r->rc == -1 && r->root == NULL &&
	    strcmp(r->msgs, want) == 0, "%s", what), r->msgs, want);
}

static int
loaded(const struct run *r)
{
	return r->rc == 0 && r->root != NULL && r->errors == 0 &&
	    r->msglen == 0;
}

static int
formats_as(const struct value *v, const char *s)
{
	struct buf b;
	int ok;

	buf_init(&b);
	ok = v != NULL && value_format(v, &b) == 0 &&
	    strcmp(buf_cstr(&b), s) == 0;
	buf_free(&b);
	return ok;
}

static void
test_scalars(void)
{
	struct run r;
	static const char *const nulls[] = { "null", "Null", "NULL", "~", "" };
	static const char *const trues[] = { "true", "True", "TRUE" };
	static const char *const falses[] = { "false", "False", "FALSE" };
	static const char *const strings[] = {
		"nULL", "tRUE", "yes", "no", "on", "0o", "0x", "0o8", "0xg",
		"+0x1", "-0o7", "1_000", "1.2.3", "e5", "1e", "1e+", ".", "+.",
		"inf", ".infinity", "-.nan", "+.nan", ".NAn", "0b101", "12abc",
		"99999999999999999999x",
		"hello world"
	};
	char src[64];
	size_t i;

	for (i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++) {
		snprintf(src, sizeof(src), "v: %s\n", nulls[i]);
		load(&r, src);
		TAP_CHECK(loaded(&r) && is_null(get(r.root, "v")),
		    "'%s' is null", nulls[i]);
		done(&r);
	}
	for (i = 0; i < 3; i++) {
		snprintf(src, sizeof(src), "[%s, %s]", trues[i], falses[i]);
		load(&r, src);
		TAP_CHECK(loaded(&r) && is_bool(get(r.root, "#0"), 1) &&
		    is_bool(get(r.root, "#1"), 0),
		    "'%s' and '%s' are booleans", trues[i], falses[i]);
		done(&r);
	}

	load(&r, "[0, 42, -17, +17, 007, -0, 0o17, 0o0, 0x1F, 0xff, 0xABCdef,"
	    " 9223372036854775807, -9223372036854775808,"
	    " 0x7fffffffffffffff, 0o777777777777777777777]");
	TAP_CHECK(loaded(&r), "integers load");
	TAP_CHECK(is_int(get(r.root, "#0"), 0), "0");
	TAP_CHECK(is_int(get(r.root, "#1"), 42), "42");
	TAP_CHECK(is_int(get(r.root, "#2"), -17), "-17");
	TAP_CHECK(is_int(get(r.root, "#3"), 17), "+17");
	TAP_CHECK(is_int(get(r.root, "#4"), 7), "007 is decimal 7");
	TAP_CHECK(is_int(get(r.root, "#5"), 0), "-0");
	TAP_CHECK(is_int(get(r.root, "#6"), 15), "0o17");
	TAP_CHECK(is_int(get(r.root, "#7"), 0), "0o0");
	TAP_CHECK(is_int(get(r.root, "#8"), 31), "0x1F");
	TAP_CHECK(is_int(get(r.root, "#9"), 255), "0xff");
	TAP_CHECK(is_int(get(r.root, "#10"), 0xabcdef), "0xABCdef");
	TAP_CHECK(is_int(get(r.root, "#11"), 9223372036854775807LL),
	    "LLONG_MAX");
	TAP_CHECK(is_int(get(r.root, "#12"), -9223372036854775807LL - 1),
	    "LLONG_MIN");
	TAP_CHECK(is_int(get(r.root, "#13"), 0x7fffffffffffffffLL),
	    "0x7fffffffffffffff");
	TAP_CHECK(is_int(get(r.root, "#14"), 0x7fffffffffffffffLL),
	    "0o777777777777777777777");
	done(&r);

	load(&r, "a: 9223372036854775808\n"
	    "b: -9223372036854775809\n"
	    "c: 0x8000000000000000\n"
	    "d: 0o1000000000000000000000\n"
	    "e: 99999999999999999999999999\n");
	check_failed(&r,
	    "t.yaml:1:4: error: integer out of range\n"
	    "t.yaml:2:4: error: integer out of range\n"
	    "t.yaml:3:4: error: integer out of range\n"
	    "t.yaml:4:4: error: integer out of range\n"
	    "t.yaml:5:4: error: integer out of range\n",
	    "integers out of range are each reported");
	TAP_CHECK(r.errors == 5, "five errors counted");
	done(&r);

	load(&r, "[1.5, -2.25, +.5, .5, 1., 1.210, 1e3, 1E-2, -1.5e+2, 0.0,"
	    " .inf, -.inf, +.Inf, .INF, .nan, .NaN, .NAN, 1e300, 2.5e-3]");
	TAP_CHECK(loaded(&r), "floats load");
	TAP_CHECK(is_float(get(r.root, "#0"), 1.5), "1.5");
	TAP_CHECK(is_float(get(r.root, "#1"), -2.25), "-2.25");
	TAP_CHECK(is_float(get(r.root, "#2"), 0.5), "+.5");
	TAP_CHECK(is_float(get(r.root, "#3"), 0.5), ".5");
	TAP_CHECK(is_float(get(r.root, "#4"), 1.0), "1.");
	TAP_CHECK(is_float(get(r.root, "#5"), 1.21), "1.210");
	TAP_CHECK(formats_as(get(r.root, "#5"), "1.21"),
	    "1.210 formats as 1.21");
	TAP_CHECK(is_float(get(r.root, "#6"), 1000.0), "1e3");
	TAP_CHECK(is_float(get(r.root, "#7"), 0.01), "1E-2");
	TAP_CHECK(is_float(get(r.root, "#8"), -150.0), "-1.5e+2");
	TAP_CHECK(is_float(get(r.root, "#9"), 0.0), "0.0");
	TAP_CHECK(is_float(get(r.root, "#10"), INFINITY), ".inf");
	TAP_CHECK(is_float(get(r.root, "#11"), -INFINITY), "-.inf");
	TAP_CHECK(is_float(get(r.root, "#12"), INFINITY), "+.Inf");
	TAP_CHECK(is_float(get(r.root, "#13"), INFINITY), ".INF");
	for (i = 14; i <= 16; i++) {
		const struct value *v;

		snprintf(src, sizeof(src), "#%zu", i);
		v = get(r.root, src);
		TAP_CHECK(v != NULL && v->kind == VALUE_FLOAT &&
		    isnan(v->u.real), "item %zu is nan", i);
	}
	TAP_CHECK(formats_as(get(r.root, "#10"), "inf"), ".inf formats");
	TAP_CHECK(formats_as(get(r.root, "#11"), "-inf"), "-.inf formats");
	TAP_CHECK(formats_as(get(r.root, "#14"), "nan"), ".nan formats");
	TAP_CHECK(formats_as(get(r.root, "#17"), "1e+300"), "1e300 formats");
	TAP_CHECK(formats_as(get(r.root, "#18"), "0.0025"), "2.5e-3 formats");
	done(&r);

	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		snprintf(src, sizeof(src), "v: %s\n", strings[i]);
		load(&r, src);
		TAP_CHECK(loaded(&r) && is_str(get(r.root, "v"), strings[i]),
		    "'%s' is a string", strings[i]);
		done(&r);
	}

	load(&r, "a: '12'\nb: \"true\"\nc: 'null'\nd: \"1.5\"\ne: ''\n"
	    "f: |\n  42\ng: >\n  ~\nh: \"\"\n");
	TAP_CHECK(loaded(&r), "quoted and block scalars load");
	TAP_CHECK(is_str(get(r.root, "a"), "12"), "'12' is a string");
	TAP_CHECK(is_str(get(r.root, "b"), "true"), "\"true\" is a string");
	TAP_CHECK(is_str(get(r.root, "c"), "null"), "'null' is a string");
	TAP_CHECK(is_str(get(r.root, "d"), "1.5"), "\"1.5\" is a string");
	TAP_CHECK(is_str(get(r.root, "e"), ""), "'' is an empty string");
	TAP_CHECK(is_str(get(r.root, "f"), "42\n"), "| 42 is a string");
	TAP_CHECK(is_str(get(r.root, "g"), "~\n"), "> ~ is a string");
	TAP_CHECK(is_str(get(r.root, "h"), ""), "\"\" is an empty string");
	done(&r);

	load(&r, "s: \"a\\0b\"\n");
	TAP_CHECK(loaded(&r) && get(r.root, "s") != NULL &&
	    value_strlen(get(r.root, "s")) == 3 &&
	    memcmp(value_str(get(r.root, "s")), "a\0b", 4) == 0,
	    "an escaped NUL stays in the string, len 3");
	done(&r);
}

static void
test_keys(void)
{
	struct run r;
	const struct value *m;

	load(&r, "1: a\nnull: b\ntrue: c\n~: d\n0x10: e\n1.5: f\n"
	    "\"q\": g\n? \n: h\n");
	TAP_CHECK(loaded(&r), "keys load");
	m = r.root;
	TAP_CHECK(m != NULL && m->kind == VALUE_MAP && value_len(m) == 8,
	    "eight pairs");
	TAP_CHECK(is_str(get(m, "1"), "a"), "key 1 is the string \"1\"");
	TAP_CHECK(is_str(get(m, "null"), "b"), "key null is \"null\"");
	TAP_CHECK(is_str(get(m, "true"), "c"), "key true is \"true\"");
	TAP_CHECK(is_str(get(m, "~"), "d"), "key ~ is \"~\"");
	TAP_CHECK(is_str(get(m, "0x10"), "e"), "key 0x10 keeps its text");
	TAP_CHECK(is_str(get(m, "1.5"), "f"), "key 1.5 is \"1.5\"");
	TAP_CHECK(is_str(get(m, "q"), "g"), "quoted key");
	TAP_CHECK(is_str(value_map_get(m, "", 0), "h"), "empty key is \"\"");
	if (m != NULL && m->kind == VALUE_MAP) {
		size_t i;
		int allstr = 1;

		for (i = 0; i < value_len(m); i++)
			allstr &= value_pair(m, i)->key.kind == VALUE_STRING;
		TAP_CHECK(allstr, "every key is a VALUE_STRING");
		TAP_CHECK(is_str(&value_pair(m, 0)->key, "1") &&
		    is_str(&value_pair(m, 7)->key, ""),
		    "pairs keep source order");
	}
	done(&r);

	load(&r, "!!str 1: a\n!!int 2: b\n! 3: c\n");
	TAP_CHECK(loaded(&r) && is_str(get(r.root, "1"), "a") &&
	    is_str(get(r.root, "2"), "b") && is_str(get(r.root, "3"), "c"),
	    "tagged keys stay strings");
	done(&r);

	load(&r, "!!int x: a\n");
	check_failed(&r,
	    "t.yaml:1:1: error: expected an integer for !!int, got \"x\"\n",
	    "a key's tag is checked");
	done(&r);

	load(&r, "? [a, b]\n: c\nd: e\n? {x: 1}\n: f\n");
	check_failed(&r,
	    "t.yaml:1:3: error: a mapping key must be a scalar, not a list\n"
	    "t.yaml:4:3: error: a mapping key must be a scalar, not a mapping\n",
	    "non-scalar keys");
	done(&r);

	load(&r, "{[1]: 2}");
	check_failed(&r,
	    "t.yaml:1:2: error: a mapping key must be a scalar, not a list\n",
	    "flow non-scalar key");
	done(&r);
}

static void
test_structure(void)
{
	struct run r;
	const struct value *v;

	load(&r, "name: demo\n"
	    "codes:\n"
	    "  - id: 1\n"
	    "    tags: [a, b]\n"
	    "  - id: 2\n"
	    "    nested: {x: {y: [1, [2, [3]]]}}\n"
	    "empty_list: []\n"
	    "empty_map: {}\n");
	TAP_CHECK(loaded(&r), "nested document loads");
	TAP_CHECK(r.root != NULL && r.root->kind == VALUE_MAP &&
	    value_len(r.root) == 4, "root mapping has four keys");
	TAP_CHECK(is_str(get(r.root, "name"), "demo"), "name");
	v = get(r.root, "codes");
	TAP_CHECK(v != NULL && v->kind == VALUE_SEQ && value_len(v) == 2,
	    "codes is a list of two");
	TAP_CHECK(is_int(get(r.root, "codes/#0/id"), 1), "codes[0].id");
	TAP_CHECK(is_str(get(r.root, "codes/#0/tags/#1"), "b"),
	    "codes[0].tags[1]");
	TAP_CHECK(is_int(get(r.root, "codes/#1/nested/x/y/#1/#1/#0"), 3),
	    "deep flow nesting");
	v = get(r.root, "empty_list");
	TAP_CHECK(v != NULL && v->kind == VALUE_SEQ && value_len(v) == 0,
	    "empty list");
	v = get(r.root, "empty_map");
	TAP_CHECK(v != NULL && v->kind == VALUE_MAP && value_len(v) == 0,
	    "empty map");

	/* Positions: 1-based, at each node's start. */
	TAP_CHECK(at(r.root, 1, 1), "root at 1:1");
	TAP_CHECK(at(get(r.root, "name"), 1, 7), "name's value at 1:7");
	TAP_CHECK(at(&value_map_find(r.root, "codes", 5)->key, 2, 1),
	    "key 'codes' at 2:1");
	TAP_CHECK(at(get(r.root, "codes"), 3, 3), "codes list at 3:3");
	TAP_CHECK(at(get(r.root, "codes/#0"), 3, 5), "codes[0] map at 3:5");
	TAP_CHECK(at(&value_map_find(get(r.root, "codes/#0"), "tags", 4)->key,
	    4, 5), "key 'tags' at 4:5");
	TAP_CHECK(at(get(r.root, "codes/#0/tags"), 4, 11), "[a, b] at 4:11");
	TAP_CHECK(at(get(r.root, "codes/#0/tags/#1"), 4, 15), "b at 4:15");
	TAP_CHECK(at(get(r.root, "codes/#1/nested/x/y/#1/#1/#0"), 6, 30),
	    "3 at 6:30");
	done(&r);

	load(&r, "- 1\n- x\n");
	TAP_CHECK(loaded(&r) && r.root->kind == VALUE_SEQ &&
	    value_len(r.root) == 2, "a list at the root");
	done(&r);

	load(&r, "just a scalar\n");
	TAP_CHECK(loaded(&r) && is_str(r.root, "just a scalar") &&
	    at(r.root, 1, 1), "a scalar at the root");
	done(&r);

	load(&r, "--- 42\n...\n");
	TAP_CHECK(loaded(&r) && is_int(r.root, 42) && at(r.root, 1, 5),
	    "explicit document markers");
	done(&r);
}

static void
test_empty(void)
{
	static const char *const srcs[] = {
		"", "\n\n", "# only a comment\n", "  # indented\n# two\n",
		"\xef\xbb\xbf"
	};
	struct run r;
	size_t i;

	for (i = 0; i < sizeof(srcs) / sizeof(srcs[0]); i++) {
		load(&r, srcs[i]);
		TAP_CHECK(loaded(&r) && is_null(r.root) && at(r.root, 1, 1),
		    "empty stream %zu gives a null root at 1:1", i);
		done(&r);
	}
	load_n(&r, NULL, 0, NULL);
	TAP_CHECK(loaded(&r) && is_null(r.root), "NULL, 0 is empty");
	done(&r);

	load(&r, "---\n");
	TAP_CHECK(loaded(&r) && is_null(r.root),
	    "an empty document is null");
	done(&r);
}

static void
test_aliases(void)
{
	struct run r;
	const struct value *a, *b;

	load(&r, "base: &b {x: 1, y: [2, 3]}\n"
	    "one: *b\n"
	    "two: [*b, *b]\n"
	    "s: &s hello\n"
	    "t: *s\n"
	    "n: &n 0x10\n"
	    "*n : key from an int\n"
	    "*s : key from a string\n");
	if (!TAP_CHECK(loaded(&r), "aliases load"))
		harness_show("got", r.msgs);
	a = get(r.root, "base");
	b = get(r.root, "one");
	TAP_CHECK(same_data(a, b) && a->u.map == b->u.map,
	    "an alias is a copy of its anchor's node, sharing its children");
	TAP_CHECK(same_data(get(r.root, "two/#0"), a) &&
	    same_data(get(r.root, "two/#1"), a), "every alias shares them");
	TAP_CHECK(at(b, 2, 6), "the copy is placed where the alias is");
	TAP_CHECK(at(get(r.root, "two/#1"), 3, 11), "each copy at its alias");
	{
		struct srcpos anchor;
		const char *name;

		TAP_CHECK(yorigin_anchor(r.origins, b, &anchor, &name) &&
		    anchor.line == 1 && anchor.col == 7 &&
		    strcmp(name, "b") == 0,
		    "yorigin_anchor names the anchor of a copy and its place");
		TAP_CHECK(!yorigin_anchor(r.origins, a, &anchor, &name),
		    "the anchored node itself is no copy");
	}
	TAP_CHECK(same_data(get(r.root, "s"), get(r.root, "t")) &&
	    is_str(get(r.root, "t"), "hello"), "scalar alias");
	TAP_CHECK(is_int(get(r.root, "n"), 16), "anchored int");
	TAP_CHECK(is_str(get(r.root, "0x10"), "key from an int"),
	    "an alias to an int as a key is the anchored text");
	TAP_CHECK(is_str(get(r.root, "hello"), "key from a string"),
	    "an alias to a string as a key");
	done(&r);

	load(&r, "&k name: 1\nother: *k\n");
	TAP_CHECK(loaded(&r) && is_str(get(r.root, "other"), "name") &&
	    get(r.root, "other")->u.text ==
	    value_map_find(r.root, "name", 4)->key.u.text &&
	    at(get(r.root, "other"), 2, 8),
	    "an anchored key is a string that aliases copy, text and all");
	done(&r);

	load(&r, "m: &m {x: 1}\n*m : v\n");
	check_failed(&r,
	    "t.yaml:2:1: error: a mapping key must be a scalar, not a mapping\n",
	    "an alias to a mapping as a key");
	done(&r);

	load(&r, "a: &x 1\nb: &x 2\nc: *x\n");
	TAP_CHECK(loaded(&r) && is_int(get(r.root, "c"), 2),
	    "a redefined anchor: the later one wins");
	done(&r);

	load(&r, "a: *nope\nb: [*also]\n");
	check_failed(&r,
	    "t.yaml:1:4: error: undefined alias '*nope'\n"
	    "t.yaml:2:5: error: undefined alias '*also'\n",
	    "undefined aliases");
	done(&r);

	load(&r, "a: *x\nb: &x 1\n");
	check_failed(&r,
	    "t.yaml:1:4: error: undefined alias '*x'\n",
	    "an alias before its anchor");
	done(&r);

	load(&r, "a: &r\n  b: *r\n");
	check_failed(&r,
	    "t.yaml:2:6: error: alias '*r' refers to a node that contains it\n"
	    "t.yaml:1:4: note: anchor '&r' is here\n",
	    "a recursive alias");
	done(&r);

	load(&r, "&l [1, &l [2], *l]");
	TAP_CHECK(loaded(&r) && same_data(get(r.root, "#2"), get(r.root, "#1")),
	    "an inner anchor of the same name is no recursion");
	done(&r);

	/* Each level is ten aliases of the one before: 10^9 nodes. */
	load(&r, "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
	    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
	    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
	    "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
	    "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n");
	if (!TAP_CHECK(r.rc == -1 && r.errors == 1 && r.msgs != NULL &&
	    strstr(r.msgs, "error: aliases expand to more than 10000000 "
	    "nodes\n") != NULL && strncmp(r.msgs, "t.yaml:7:36: ", 13) == 0,
	    "an alias bomb is stopped"))
		harness_show("got", r.msgs);
	done(&r);

	/* Plenty of ordinary sharing stays well inside the budget. */
	{
		struct buf b;
		int i;

		buf_init(&b);
		buf_puts(&b, "d: &d {a: 1, b: 2, c: [3, 4]}\nl:\n");
		for (i = 0; i < 10000; i++)
			buf_puts(&b, "- *d\n");
		load_n(&r, b.data, b.len, NULL);
		TAP_CHECK(loaded(&r) && same_data(get(r.root, "l/#9999"),
		    get(r.root, "d")), "10000 aliases load");
		done(&r);
		buf_free(&b);
	}
}

static void
test_duplicates(void)
{
	struct run r;
	struct buf b;
	int i;

	load(&r, "name: a\nother: b\nname: c\n");
	check_failed(&r,
	    "t.yaml:3:1: error: duplicate key 'name'\n"
	    "t.yaml:1:1: note: first defined here\n",
	    "a duplicate key");
	TAP_CHECK(r.errors == 1, "the note is not counted");
	done(&r);

	load(&r, "a: 1\nb: {x: 1, x: 2}\na: 3\n'1': q\n1: r\n");
	check_failed(&r,
	    "t.yaml:2:11: error: duplicate key 'x'\n"
	    "t.yaml:2:5: note: first defined here\n"
	    "t.yaml:3:1: error: duplicate key 'a'\n"
	    "t.yaml:1:1: note: first defined here\n"
	    "t.yaml:5:1: error: duplicate key '1'\n"
	    "t.yaml:4:1: note: first defined here\n",
	    "several duplicates, nested and quoted");
	done(&r);

	load(&r, "\"a\\nb\": 1\n\"a\\nb\": 2\n");
	check_failed(&r,
	    "t.yaml:2:1: error: duplicate key 'a\\nb'\n"
	    "t.yaml:1:1: note: first defined here\n",
	    "a key with a newline is shown escaped");
	done(&r);

	load(&r, "\"a\\0b\": 1\n\"a\\0c\": 2\n");
	TAP_CHECK(loaded(&r) && value_len(r.root) == 2,
	    "keys differing after a NUL are different");
	done(&r);

	/* A big mapping: the hash index, and one duplicate at the end. */
	buf_init(&b);
	for (i = 0; i < 20000; i++)
		buf_printf(&b, "key%d: %d\n", i, i);
	load_n(&r, b.data, b.len, NULL);
	TAP_CHECK(loaded(&r) && value_len(r.root) == 20000 &&
	    is_int(get(r.root, "key12345"), 12345),
	    "20000 distinct keys load");
	done(&r);
	buf_printf(&b, "key777: again\n");
	load_n(&r, b.data, b.len, NULL);
	check_failed(&r,
	    "t.yaml:20001:1: error: duplicate key 'key777'\n"
	    "t.yaml:778:1: note: first defined here\n",
	    "a duplicate among 20000 keys");
	done(&r);
	buf_free(&b);

	/* Keys that collide around the index threshold. */
	buf_init(&b);
	for (i = 0; i < 40; i++)
		buf_printf(&b, "k%d: %d\n", i % 20, i);
	load_n(&r, b.data, b.len, NULL);
	TAP_CHECK(r.rc == -1 && r.errors == 20,
	    "twenty duplicates across the index threshold");
	done(&r);
	buf_free(&b);
}

static void
test_tags(void)
{
	struct run r;

	load(&r, "a: !!str 12\n"
	    "b: !<tag:yaml.org,2002:str> true\n"
	    "c: !!int \"42\"\n"
	    "d: !!float 3\n"
	    "e: !!bool 'false'\n"
	    "f: !!null ''\n"
	    "g: ! 12\n"
	    "h: !!seq [1]\n"
	    "i: !!map {k: v}\n"
	    "j: !!float .inf\n"
	    "k: !!int 0x10\n"
	    "l: !!str\n"
	    "m: ! [1]\n");
	if (!TAP_CHECK(loaded(&r), "standard tags load"))
		harness_show("got", r.msgs);
	TAP_CHECK(is_str(get(r.root, "a"), "12"), "!!str 12");
	TAP_CHECK(is_str(get(r.root, "b"), "true"), "verbatim !!str");
	TAP_CHECK(is_int(get(r.root, "c"), 42), "!!int on a quoted scalar");
	TAP_CHECK(is_float(get(r.root, "d"), 3.0), "!!float 3");
	TAP_CHECK(is_bool(get(r.root, "e"), 0), "!!bool 'false'");
	TAP_CHECK(is_null(get(r.root, "f")), "!!null ''");
	TAP_CHECK(is_str(get(r.root, "g"), "12"), "! 12 is a string");
	TAP_CHECK(get(r.root, "h") != NULL &&
	    get(r.root, "h")->kind == VALUE_SEQ, "!!seq");
	TAP_CHECK(get(r.root, "i") != NULL &&
	    get(r.root, "i")->kind == VALUE_MAP, "!!map");
	TAP_CHECK(is_float(get(r.root, "j"), INFINITY), "!!float .inf");
	TAP_CHECK(is_int(get(r.root, "k"), 16), "!!int 0x10");
	TAP_CHECK(is_str(get(r.root, "l"), ""), "!!str with no text is \"\"");
	TAP_CHECK(get(r.root, "m") != NULL &&
	    get(r.root, "m")->kind == VALUE_SEQ, "! on a list");
	done(&r);

	load(&r, "a: !foo 1\nb: !!foo 2\nc: !foo [1]\n"
	    "d: !<tag:example.com,2000:x> 3\n");
	check_failed(&r,
	    "t.yaml:1:4: error: unknown tag '!foo'\n"
	    "t.yaml:2:4: error: unknown tag '!!foo'\n"
	    "t.yaml:3:4: error: unknown tag '!foo'\n"
	    "t.yaml:4:4: error: unknown tag 'tag:example.com,2000:x'\n",
	    "unknown tags");
	done(&r);

	load(&r, "a: !!int abc\n"
	    "b: !!int 1.5\n"
	    "c: !!float x\n"
	    "d: !!bool yes\n"
	    "e: !!null 0\n"
	    "f: !!int 99999999999999999999\n"
	    "g: !!seq {a: 1}\n"
	    "h: !!map [1]\n"
	    "i: !!str [1]\n"
	    "j: !!seq 1\n");
	check_failed(&r,
	    "t.yaml:1:4: error: expected an integer for !!int, got \"abc\"\n"
	    "t.yaml:2:4: error: expected an integer for !!int, got \"1.5\"\n"
	    "t.yaml:3:4: error: expected a number for !!float, got \"x\"\n"
	    "t.yaml:4:4: error: expected a boolean for !!bool, got \"yes\"\n"
	    "t.yaml:5:4: error: expected null for !!null, got \"0\"\n"
	    "t.yaml:6:4: error: integer out of range\n"
	    "t.yaml:7:4: error: expected a list for !!seq, got a mapping\n"
	    "t.yaml:8:4: error: expected a mapping for !!map, got a list\n"
	    "t.yaml:9:4: error: expected a string for !!str, got a list\n"
	    "t.yaml:10:4: error: expected a list for !!seq, got \"1\"\n",
	    "tags that do not fit");
	done(&r);

	load(&r, "a: !!int 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'\n");
	check_failed(&r,
	    "t.yaml:1:4: error: expected an integer for !!int, got "
	    "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\"\n",
	    "long text is cut short");
	done(&r);
}

static void
test_documents(void)
{
	struct run r;

	load(&r, "a: 1\n---\nb: 2\n---\nc: 3\n");
	check_failed(&r,
	    "t.yaml:2:1: error: more than one document\n",
	    "a second document");
	done(&r);

	load(&r, "--- 1\n--- 2\n");
	check_failed(&r,
	    "t.yaml:2:1: error: more than one document\n",
	    "two explicit documents");
	done(&r);

	load(&r, "a: 1\n...\n# trailing comment\n");
	TAP_CHECK(loaded(&r), "a document end and a comment are one document");
	done(&r);
}

static void
test_syntax(void)
{
	struct run r;

	load(&r, "a: 1\n\tb: 2\n");
	check_failed(&r,
	    "t.yaml:2:1: error: a tab character; YAML indents with spaces "
	    "only (libyaml: found a tab character that violates "
	    "indentation, while scanning a plain scalar)\n",
	    "a tab");
	done(&r);

	load(&r, "classes:\n\t- class: 1\n");
	check_failed(&r,
	    "t.yaml:2:1: error: a tab character; YAML indents with spaces "
	    "only\n",
	    "a tab that starts a line");
	done(&r);

	load(&r, "a: \"abc\n");
	check_failed(&r,
	    "t.yaml:1:4: error: this quoted string is never closed\n",
	    "an unclosed quote is located at its opening quote");
	done(&r);

	load(&r, "a: 1\n b: 2\n");
	check_failed(&r,
	    "t.yaml:2:3: error: a ':' where no mapping can start: probably "
	    "wrong indentation, or a value holding ': ' that needs quotes "
	    "(libyaml: mapping values are not allowed in this context)\n",
	    "bad indentation");
	done(&r);

	load(&r, "x: {a: 1\n");
	if (!TAP_CHECK(r.rc == -1 && r.errors == 1 && r.msgs != NULL &&
	    strncmp(r.msgs, "t.yaml:2:1: error: ", 19) == 0,
	    "an unclosed flow mapping"))
		harness_show("got", r.msgs);
	done(&r);

	/* After a syntax error nothing more is said, even about earlier keys. */
	load(&r, "a: 1\na: 2\nb: [\n");
	if (!TAP_CHECK(r.rc == -1 && r.root == NULL && r.msgs != NULL &&
	    strstr(r.msgs, "duplicate key 'a'") != NULL &&
	    strstr(r.msgs, "t.yaml:4:1: error: ") != NULL && r.errors == 2,
	    "errors before a syntax error are kept"))
		harness_show("got", r.msgs);
	done(&r);

	load_n(&r, "a: 1\nb: x\0y\n", 11, NULL);
	check_failed(&r,
	    "t.yaml:2:5: error: control characters are not allowed "
	    "(U+0000)\n",
	    "a NUL byte");
	done(&r);

	load(&r, "a: 1\nbb: \xff\n");
	check_failed(&r,
	    "t.yaml:2:5: error: invalid leading UTF-8 octet (byte 0xFF)\n",
	    "invalid UTF-8");
	done(&r);

	load(&r, "\xef\xbb\xbf" "a: \xc3\xa9\r\nb: \xe2\x82\x20\n");
	check_failed(&r,
	    "t.yaml:2:5: error: invalid trailing UTF-8 octet (byte 0x20)\n",
	    "invalid UTF-8 after a BOM, CRLF and a two-byte character");
	done(&r);

	load(&r, "a: \xc3");
	check_failed(&r,
	    "t.yaml:1:4: error: incomplete UTF-8 octet sequence\n",
	    "truncated UTF-8 at the end");
	done(&r);

	load(&r, "a: \x01\n");
	check_failed(&r,
	    "t.yaml:1:4: error: control characters are not allowed "
	    "(U+0001)\n",
	    "a control character");
	done(&r);
}

static void
test_encoding(void)
{
	struct run r;

	load(&r, "\xef\xbb\xbfname: x\nv: 1\n");
	TAP_CHECK(loaded(&r) && is_str(get(r.root, "name"), "x") &&
	    at(&value_map_find(r.root, "name", 4)->key, 1, 1) &&
	    at(get(r.root, "v"), 2, 4), "a BOM is accepted, columns unmoved");
	done(&r);

	load(&r, "a: 1\r\nb:\r\n  - x\r\n  - \"y\"\r\nc: |\r\n  l1\r\n  l2\r\n");
	TAP_CHECK(loaded(&r) && is_int(get(r.root, "a"), 1) &&
	    is_str(get(r.root, "b/#1"), "y") &&
	    is_str(get(r.root, "c"), "l1\nl2\n") &&
	    at(get(r.root, "b/#1"), 4, 5), "CRLF is accepted");
	done(&r);

	load(&r, "\xc3\xa9t\xc3\xa9: \xe2\x82\xac\n");
	TAP_CHECK(loaded(&r) && is_str(get(r.root, "\xc3\xa9t\xc3\xa9"),
	    "\xe2\x82\xac") && at(get(r.root, "\xc3\xa9t\xc3\xa9"), 1, 6),
	    "UTF-8 text; columns count characters");
	done(&r);
}

static void
test_limits(void)
{
	static char big[4096];
	struct run r;
	struct yload_limits lim;
	struct buf b;
	int i;

	memset(big, ' ', sizeof(big));
	yload_limits_default(&lim);
	TAP_CHECK(lim.max_depth == 512 && lim.max_bytes == 64u << 20,
	    "defaults are 512 levels and 64 MiB");

	buf_init(&b);
	for (i = 0; i < 10000; i++)
		buf_putc(&b, '[');
	for (i = 0; i < 10000; i++)
		buf_putc(&b, ']');
	load_n(&r, b.data, b.len, NULL);
	check_failed(&r,
	    "t.yaml:1:513: error: nesting deeper than 512 levels\n"
	    "t.yaml:1:513: note: --max-yaml-depth raises this limit\n",
	    "10000 nested lists stop at 512");
	done(&r);
	buf_clear(&b);

	for (i = 0; i < 512; i++)
		buf_putc(&b, '[');
	for (i = 0; i < 512; i++)
		buf_putc(&b, ']');
	load_n(&r, b.data, b.len, NULL);
	TAP_CHECK(loaded(&r), "exactly 512 levels load");
	done(&r);
	buf_clear(&b);

	for (i = 0; i < 600; i++)
		buf_printf(&b, "%*sk:\n", i, "");
	load_n(&r, b.data, b.len, NULL);
	check_failed(&r,
	    "t.yaml:513:513: error: nesting deeper than 512 levels\n"
	    "t.yaml:513:513: note: --max-yaml-depth raises this limit\n",
	    "deep block mappings");
	done(&r);
	buf_free(&b);

	lim.max_depth = 3;
	load_n(&r, "a: [[1]]", 8, &lim);
	TAP_CHECK(loaded(&r), "three levels within a limit of 3");
	done(&r);
	load_n(&r, "a: [[[1]]]", 10, &lim);
	check_failed(&r,
	    "t.yaml:1:6: error: nesting deeper than 3 levels\n"
	    "t.yaml:1:6: note: --max-yaml-depth raises this limit\n",
	    "a custom depth limit");
	done(&r);
	load_n(&r, "a: &a [[1]]\nb: *a\nc: [*a]\n", 25, &lim);
	check_failed(&r,
	    "t.yaml:3:5: error: nesting deeper than 3 levels\n"
	    "t.yaml:3:5: note: --max-yaml-depth raises this limit\n",
	    "an alias counts the depth of its node");
	done(&r);

	lim.max_depth = 0;
	lim.max_bytes = 10;
	load_n(&r, "a: 1234567", 10, &lim);
	TAP_CHECK(loaded(&r), "exactly max_bytes loads");
	done(&r);
	load_n(&r, "a: 12345678", 11, &lim);
	check_failed(&r,
	    "t.yaml: error: file is larger than the 10 bytes limit\n"
	    "t.yaml: note: --max-input raises this limit\n",
	    "max_bytes");
	done(&r);
	lim.max_bytes = 2048;
	load_n(&r, big, sizeof(big), &lim);
	check_failed(&r,
	    "t.yaml: error: file is larger than the 2 KiB limit\n"
	    "t.yaml: note: --max-input raises this limit\n",
	    "the limit in KiB");
	done(&r);
}

static void
load_file(struct run *r, const char *path, const struct yload_limits *lim)
{
	load_any(r, path, NULL, 0, lim);
}

static void
test_file(void)
{
	struct run r;
	struct yload_limits lim;
	struct scratch dir;

	load_file(&r, "/nonexistent/x.yaml", NULL);
	check_failed(&r, "/nonexistent/x.yaml: error: cannot read: "
	    "No such file or directory\n", "a missing file");
	done(&r);

	scratch_enter(&dir, "yload");
	harness_mkdir("folder");
	load_file(&r, "folder", NULL);
	check_failed(&r, "folder: error: cannot read: Is a directory\n",
	    "a directory");
	done(&r);

	harness_put("f.yaml", "a: 1\nb: [x, y]\n");
	load_file(&r, "f.yaml", NULL);
	TAP_CHECK(loaded(&r) && is_int(get(r.root, "a"), 1) &&
	    is_str(get(r.root, "b/#1"), "y") &&
	    at(r.root, 1, 1), "a file loads");
	TAP_CHECK(r.root != NULL && at(get(r.root, "b/#0"), 2, 5) &&
	    at(&value_map_find(r.root, "b", 1)->key, 2, 1),
	    "nodes of a file keep their positions");
	done(&r);

	yload_limits_default(&lim);
	lim.max_bytes = 8;
	load_file(&r, "f.yaml", &lim);
	check_failed(&r, "f.yaml: error: file is larger than the 8 bytes "
	    "limit\nf.yaml: note: --max-input raises this limit\n",
	    "a file over max_bytes");
	done(&r);

	/* A file is streamed; a syntax error reads it whole to place it. */
	harness_put("bad.yaml", "a: 1\nb: x\xff\n");
	load_file(&r, "bad.yaml", NULL);
	check_failed(&r, "bad.yaml:2:5: error: invalid leading UTF-8 octet "
	    "(byte 0xFF)\n", "a syntax error in a file is located");
	done(&r);
	scratch_leave(&dir);

	load_file(&r, "/dev/null", NULL);
	TAP_CHECK(loaded(&r) && is_null(r.root),
	    "a device is read whole, then loaded");
	done(&r);
}

int
main(void)
{
	test_scalars();
	test_keys();
	test_structure();
	test_empty();
	test_aliases();
	test_duplicates();
	test_tags();
	test_documents();
	test_syntax();
	test_encoding();
	test_limits();
	test_file();
	return tap_done();
}
