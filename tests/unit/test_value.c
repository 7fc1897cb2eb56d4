/* Unit tests for value nodes (value): building, reading, truthiness and formatting. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "harness.h"
#include "tap.h"
#include "value.h"

static void
test_values(void)
{
	struct arena a;
	struct srcpos pos = { "f.yaml", 3, 7 }, far = { NULL, 9, 1u << 30 };
	struct value items[2], v, seq;
	struct value_pair pairs[2];
	const struct value_text *t;
	struct srcpos back;

	arena_init(&a);
	TAP_CHECK(sizeof(struct value) == 16, "a node is 16 bytes");
	v = value_make_string(&a, "x\0y", 3, &pos);
	back = value_pos(&v, "g.yaml");
	TAP_CHECK(value_kind(&v) == VALUE_STRING && value_strlen(&v) == 3 &&
	    memcmp(value_str(&v), "x\0y", 4) == 0,
	    "a string keeps its bytes, NULs and all, NUL-terminated");
	TAP_CHECK(back.line == 3 && back.col == 7 &&
	    strcmp(back.file, "g.yaml") == 0,
	    "a node keeps line and column; the reader supplies the file");
	v = value_make_int(-5, &far);
	TAP_CHECK(v.line == 9 && v.col == (1u << 29) - 1 &&
	    value_kind(&v) == VALUE_INT && v.u.integer == -5,
	    "a column past 29 bits saturates, and the kind is intact");
	v = value_make(VALUE_NULL, NULL);
	TAP_CHECK(v.line == 0 && v.col == 0, "no position: line 0");

	t = value_text(&a, "k", 1);
	pairs[0].key = value_make_text(t, &pos);
	pairs[0].val = value_make_bool(1, &pos);
	pairs[1].key = value_make_string(&a, "n", 1, &pos);
	pairs[1].val = value_make_real(2.5, &pos);
	v = value_make(VALUE_MAP, &pos);
	value_map_set(&a, &v, pairs, 2);
	memset(pairs, 0, sizeof(pairs));	/* the map has its own copy */
	TAP_CHECK(value_len(&v) == 2 && value_map_getz(&v, "n") != NULL &&
	    value_map_getz(&v, "n")->u.real == 2.5 &&
	    value_truthy(value_map_getz(&v, "k")) &&
	    value_map_getz(&v, "z") == NULL,
	    "a mapping holds copies of its pairs, found by key");
	TAP_CHECK(value_pair(&v, 0)->key.u.text == t,
	    "a shared text stays shared");

	items[0] = v;
	items[1] = value_make_int(1, NULL);
	seq = value_make(VALUE_SEQ, NULL);
	TAP_CHECK(value_len(&seq) == 0 && !value_truthy(&seq),
	    "a list with no items is empty and false");
	value_seq_set(&a, &seq, items, 2);
	TAP_CHECK(value_len(&seq) == 2 &&
	    value_item(&seq, 0)->u.map == v.u.map && value_truthy(&seq),
	    "a list's items share their children with the originals");
	TAP_CHECK(value_box(&a, &seq)->u.seq == seq.u.seq,
	    "value_box copies a node into the arena");
	v = value_make(VALUE_MAP, NULL);
	value_map_set(&a, &v, pairs, 0);
	TAP_CHECK(value_len(&v) == 0 && value_map_getz(&v, "k") == NULL,
	    "an empty mapping has no keys");
	arena_free(&a);
}

/*
 * Doubles print in their shortest round-trip form, the way %g would at
 * that precision. Most take a fast path without printf (at most 15
 * digits, at most 8 decimals, in fixed notation); the rest, and the cases
 * at its edges, take printf's: both must print what printf's alone did
 * (these strings were recorded with it).
 */
static void
test_float_format(void)
{
	static const struct {
		double		 d;
		const char	*want;
	} cases[] = {
	{ 1.5, "1.5" },
	{ 12.34, "12.34" },
	{ -0.0001, "-0.0001" },
	{ 0.0001, "0.0001" },
	{ 0.00012, "0.00012" },
	{ 9.9999e-5, "9.9999e-05" },
	{ 70540, "7.054e+04" },
	{ 70541, "70541" },
	{ 123456789012345, "123456789012345" },
	{ 1e15, "1e+15" },
	{ 0.30000000000000004, "0.30000000000000004" },
	{ 0.3333333333333333, "0.3333333333333333" },
	{ 2.675, "2.675" },
	{ 1e-5, "1e-05" },
	{ 100, "1e+02" },
	{ 1, "1" },
	{ -2.5, "-2.5" },
	{ 999999999999999.9, "999999999999999.9" },
	{ 5e-324, "5e-324" },
	{ 1.7976931348623157e308, "1.7976931348623157e+308" },
	{ 12345.678901234, "12345.678901234" },
	{ 4.35, "4.35" },
	{ 0.07, "0.07" },
	{ 100000000000000.5, "100000000000000.5" },
	{ -0.0, "-0" },
	{ 0.123456789, "0.123456789" },
	{ 3.000000001, "3.000000001" },
	{ 1234567.125, "1234567.125" },
	{ 2.2250738585072014e-308, "2.2250738585072014e-308" },
	{ 0.1, "0.1" },
	{ 12.5e3, "1.25e+04" },
	};
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_clear(&b);
		value_format_double(cases[i].d, &b);
		TAP_CHECK(strcmp(buf_cstr(&b), cases[i].want) == 0,
		    "%.17g formats as %s (got %s)", cases[i].d,
		    cases[i].want, buf_cstr(&b));
	}
	buf_free(&b);
}

/* Formats v, which must format, and compares the text with want. */
static void
formats_as(const struct value *v, const char *want, const char *what)
{
	struct buf b;

	buf_init(&b);
	TAP_CHECK(v != NULL && value_format(v, &b) == 0, "%s: formats", what);
	CHECK_TEXT(buf_cstr(&b), want, "%s: the text", what);
	buf_free(&b);
}

static void
test_queries(void)
{
	struct arena a;
	struct buf b;
	const struct value *root, *m;

	arena_init(&a);
	root = harness_yaml(&a, "q.yaml", "s: \"x\\0y\"\nempty: \"\"\n"
	    "zero: 0\nno: false\nyes: true\nnothing: null\nl: []\n"
	    "l1: [0]\nm: {}\nf: 1.210\nn: -42\nbig: 1e300\n"
	    "inf: -.inf\nnan: .nan\n");
	TAP_CHECK(value_map_getz(root, "s") != NULL &&
	    value_strlen(value_map_getz(root, "s")) == 3,
	    "a string's length counts its NULs");
	TAP_CHECK(value_truthy(value_map_getz(root, "empty")) &&
	    value_truthy(value_map_getz(root, "zero")) &&
	    value_truthy(value_map_getz(root, "yes")) &&
	    value_truthy(value_map_getz(root, "l1")) &&
	    value_truthy(value_map_getz(root, "m")),
	    "\"\", 0, true, a list with items and a mapping are true");
	TAP_CHECK(!value_truthy(value_map_getz(root, "no")) &&
	    !value_truthy(value_map_getz(root, "nothing")) &&
	    !value_truthy(value_map_getz(root, "l")) &&
	    !value_truthy(value_map_getz(root, "absent")) &&
	    !value_truthy(NULL),
	    "false, null, the empty list and a missing value are false");
	TAP_CHECK(value_map_get(root, "ss", 1) == value_map_getz(root, "s") &&
	    value_map_get(NULL, "s", 1) == NULL &&
	    value_map_getz(value_map_getz(root, "l1"), "s") == NULL,
	    "a lookup reads len bytes; NULL and a list have no keys");
	m = value_map_getz(root, "f");
	TAP_CHECK(value_map_find(root, "f", 1) != NULL &&
	    value_map_find(root, "f", 1)->key.line == 10 &&
	    &value_map_find(root, "f", 1)->val == m,
	    "value_map_find gives the pair, with the key's place");

	buf_init(&b);
	TAP_CHECK(value_format(value_map_getz(root, "s"), &b) == 0 &&
	    b.len == 3 && memcmp(b.data, "x\0y", 4) == 0,
	    "a string formats as its bytes, NULs and all");
	buf_free(&b);
	formats_as(value_map_getz(root, "f"), "1.21", "a float");
	formats_as(value_map_getz(root, "n"), "-42", "an integer");
	formats_as(value_map_getz(root, "big"), "1e+300", "a large float");
	formats_as(value_map_getz(root, "inf"), "-inf", "-.inf");
	formats_as(value_map_getz(root, "nan"), "nan", ".nan");
	formats_as(value_map_getz(root, "yes"), "true", "true");
	formats_as(value_map_getz(root, "no"), "false", "false");
	formats_as(value_map_getz(root, "nothing"), "", "null");
	buf_init(&b);
	buf_puts(&b, "kept");
	TAP_CHECK(value_format(value_map_getz(root, "l1"), &b) == -1 &&
	    value_format(root, &b) == -1 && strcmp(buf_cstr(&b), "kept") == 0,
	    "a list or a mapping does not format, and appends nothing");
	buf_free(&b);
	arena_free(&a);
}

static void
test_kind_names(void)
{
	CHECK_TEXT(value_kind_name(VALUE_STRING), "a string", "a string");
	CHECK_TEXT(value_kind_name(VALUE_SEQ), "a list", "a list");
	CHECK_TEXT(value_kind_name(VALUE_MAP), "a mapping", "a mapping");
	CHECK_TEXT(value_kind_name(VALUE_INT), "an integer", "an integer");
	CHECK_TEXT(value_kind_name(VALUE_FLOAT), "a number", "a float");
	CHECK_TEXT(value_kind_name(VALUE_BOOL), "a boolean", "a boolean");
	CHECK_TEXT(value_kind_name(VALUE_NULL), "null", "null");
}

int
main(void)
{
	test_values();
	test_queries();
	test_kind_names();
	test_float_format();
	return tap_done();
}
