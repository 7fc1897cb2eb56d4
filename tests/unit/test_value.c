/* Unit tests for values: how numbers and other scalars print, which values are true, and JSON. */
#define _POSIX_C_SOURCE 200809L
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "harness.h"
#include "tap.h"
#include "value.h"

/*
 * Doubles print as the shortest decimal that reads back, in fixed
 * notation from 1e-6 up to below 1e21 and with an exponent outside, as
 * JavaScript prints numbers; -0.0 keeps its sign. Most take a fast path
 * without printf (at most 15 digits, at most 8 decimals); the rest, and
 * the cases at its edges, take the general one: both must agree.
 */
static void
test_double_format(void)
{
	static const struct {
		double		 d;
		const char	*want;
	} cases[] = {
	{ 1.5, "1.5" },
	{ 12.34, "12.34" },
	{ 10.0, "10" },
	{ 440.0, "440" },
	{ 1e6, "1000000" },
	{ 12.0, "12" },
	{ -0.0001, "-0.0001" },
	{ 0.0001, "0.0001" },
	{ 0.00012, "0.00012" },
	{ 9.9999e-5, "0.000099999" },
	{ 70540, "70540" },
	{ 123456789012345, "123456789012345" },
	{ 1e15, "1000000000000000" },
	{ 0.30000000000000004, "0.30000000000000004" },
	{ 0.3333333333333333, "0.3333333333333333" },
	{ 2.675, "2.675" },
	{ 1e-5, "0.00001" },
	{ 1e-6, "0.000001" },
	{ 1.5e-6, "0.0000015" },
	{ 1e-7, "1e-7" },
	{ 1.25e-7, "1.25e-7" },
	{ 1e20, "100000000000000000000" },
	{ 1e21, "1e+21" },
	{ 1.5e300, "1.5e+300" },
	{ 9007199254740993.0, "9007199254740992" },	/* 2^53 + 1 */
	{ 9007199254740992.0 * 2 + 2, "18014398509481984" },
	{ 18446744073709551616.0, "18446744073709552000" },	/* 2^64 */
	{ 100, "100" },
	{ 1, "1" },
	{ -2.5, "-2.5" },
	{ 999999999999999.9, "999999999999999.9" },
	{ 5e-324, "5e-324" },
	{ 1.7976931348623157e308, "1.7976931348623157e+308" },
	{ 2.2250738585072014e-308, "2.2250738585072014e-308" },
	{ 12345.678901234, "12345.678901234" },
	{ 4.35, "4.35" },
	{ 0.07, "0.07" },
	{ 100000000000000.5, "100000000000000.5" },
	{ 0.0, "0" },
	{ -0.0, "-0" },
	{ 0.123456789, "0.123456789" },
	{ 3.000000001, "3.000000001" },
	{ 1234567.125, "1234567.125" },
	{ 0.1, "0.1" },
	{ 12.5e3, "12500" },
	{ HUGE_VAL, "inf" },
	{ -HUGE_VAL, "-inf" },
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
	buf_clear(&b);
	value_format_double(NAN, &b);
	TAP_CHECK(strcmp(buf_cstr(&b), "nan") == 0, "NaN formats as nan");
	buf_free(&b);
}

/* Every double that prints reads back as itself: a sweep of magnitudes. */
static void
test_double_round_trip(void)
{
	struct buf b;
	double d, back;
	int e, bad = 0, k;
	char num[32];

	buf_init(&b);
	for (e = -320; e <= 308 && !bad; e++) {
		for (k = 1; k < 10 && !bad; k += 3) {
			snprintf(num, sizeof(num), "%de%d", k, e);
			d = strtod(num, NULL) / 3;
			buf_clear(&b);
			value_format_double(d, &b);
			back = strtod(buf_cstr(&b), NULL);
			bad = back != d;
		}
	}
	TAP_CHECK(!bad, "doubles from 1e-320 to 1e308 read back as printed "
	    "(last: %s)", buf_cstr(&b));
	buf_free(&b);
}

static void
test_integers(void)
{
	static const struct {
		long long	 n;
		const char	*want;
	} cases[] = {
	{ 0, "0" },
	{ -1, "-1" },
	{ 9007199254740993LL, "9007199254740993" },
	{ LLONG_MAX, "9223372036854775807" },
	{ LLONG_MIN, "-9223372036854775808" },
	};
	struct value v;
	struct buf b;
	size_t i;
	int ok;

	buf_init(&b);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_clear(&b);
		v = value_make_int(cases[i].n, NULL);
		/* Format first: buf_cstr() in the same call could see the
		 * buffer before it grew. */
		ok = value_format(&v, &b) == 0;
		TAP_CHECK(ok && strcmp(buf_cstr(&b), cases[i].want) == 0,
		    "integer %s formats exactly (got %s)", cases[i].want,
		    buf_cstr(&b));
	}
	buf_free(&b);
}

static void
test_truthy(void)
{
	struct arena a;
	struct value v, item;

	arena_init(&a);
	TAP_CHECK(!value_truthy(NULL), "an undefined name is false");
	v = value_make(VALUE_NULL, NULL);
	TAP_CHECK(!value_truthy(&v), "null is false");
	v = value_make_bool(0, NULL);
	TAP_CHECK(!value_truthy(&v), "false is false");
	v = value_make_bool(1, NULL);
	TAP_CHECK(value_truthy(&v), "true is true");
	v = value_make_int(0, NULL);
	TAP_CHECK(!value_truthy(&v), "0 is false");
	v = value_make_int(-3, NULL);
	TAP_CHECK(value_truthy(&v), "-3 is true");
	v = value_make_real(0.0, NULL);
	TAP_CHECK(!value_truthy(&v), "0.0 is false");
	v = value_make_real(-0.0, NULL);
	TAP_CHECK(!value_truthy(&v), "-0.0 is false");
	v = value_make_real(NAN, NULL);
	TAP_CHECK(!value_truthy(&v), "NaN is false");
	v = value_make_real(0.5, NULL);
	TAP_CHECK(value_truthy(&v), "0.5 is true");
	v = value_make_string(&a, "", 0, NULL);
	TAP_CHECK(!value_truthy(&v), "the empty string is false");
	v = value_make_string(&a, "0", 1, NULL);
	TAP_CHECK(value_truthy(&v), "the string \"0\" is true");
	v = value_make_string(&a, "false", 5, NULL);
	TAP_CHECK(value_truthy(&v), "the string \"false\" is true");
	v = value_make(VALUE_SEQ, NULL);
	value_seq_set(&a, &v, NULL, 0);
	TAP_CHECK(!value_truthy(&v), "the empty list is false");
	item = value_make_bool(0, NULL);
	value_seq_set(&a, &v, &item, 1);
	TAP_CHECK(value_truthy(&v), "a list of one false is true");
	v = value_make(VALUE_MAP, NULL);
	value_map_set(&a, &v, NULL, 0);
	TAP_CHECK(value_truthy(&v), "the empty mapping is true");
	arena_free(&a);
}

/* The JSON of YAML src must be want. */
static void
check_json(const char *src, const char *want, const char *what)
{
	struct arena arena;
	struct value *v;
	struct buf out;

	arena_init(&arena);
	buf_init(&out);
	v = harness_yaml(&arena, "t.yaml", src);
	TAP_CHECK(value_json(v, 0, &out) == 0, "value_json: %s: succeeds",
	    what);
	CHECK_TEXT(buf_cstr(&out), want, "value_json: %s", what);
	buf_free(&out);
	arena_free(&arena);
}

static void
test_json(void)
{
	struct arena arena;
	struct value *v;
	struct buf out;

	check_json("a: 1\nb: [true, null, 1.5, \"x\\\"y\\n\"]\nc: {}\nd: []\n",
	    "{\n  \"a\": 1,\n  \"b\": [\n    true,\n    null,\n    1.5,\n"
	    "    \"x\\\"y\\n\"\n  ],\n  \"c\": {},\n  \"d\": []\n}\n",
	    "a mapping in its order, nested, escaped");
	check_json("[.nan, -.inf, -0.0]\n", "[\n  null,\n  null,\n  -0\n]\n",
	    "numbers that JSON has no word for");
	check_json("\"just text\"\n", "\"just text\"\n", "a scalar root");
	check_json("a: &x [1, 2]\nb: *x\n",
	    "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": [\n    1,\n    2\n"
	    "  ]\n}\n", "an alias written out");

	arena_init(&arena);
	buf_init(&out);
	v = harness_yaml(&arena, "t.yaml", "[aaaa, bbbb, cccc, dddd]\n");
	buf_puts(&out, "kept");
	TAP_CHECK(value_json(v, 10, &out) == -1 && out.len == 14 &&
	    strncmp(buf_cstr(&out), "kept", 4) == 0,
	    "value_json: past max bytes fails, cut at max after what was there");
	buf_free(&out);
	arena_free(&arena);
}

int
main(void)
{
	test_double_format();
	test_double_round_trip();
	test_integers();
	test_truthy();
	test_json();
	return tap_done();
}
