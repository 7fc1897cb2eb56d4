/* Unit tests for the limits table: its rows, defaults, parsing of values (sizes with K, M, G), messages and spelling. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "harness.h"
#include "limits.h"
#include "tap.h"

#define MIB	((size_t)1024 * 1024)

/* Ends a capture; returns 1 when it said exactly want (else shows it). */
static int
said(struct capture *c, const char *want)
{
	char *text = capture_detach(c, NULL);
	int same = harness_explain(strcmp(text, want) == 0, text, want);

	free(text);
	return same;
}

static void
test_rows(void)
{
	struct limits lim;
	int id, ok = 1;

	limits_init(&lim);
	for (id = 0; id < LIMITS_COUNT; id++) {
		const struct limits_row *row = limits_row((enum limits_id)id);

		if (row->option == NULL || strncmp(row->option, "--max-", 6) !=
		    0 || row->def == 0 || row->scope == 0 ||
		    row->help == NULL || row->help[0] == '\0' ||
		    lim.max[id] != row->def ||
		    limits_default((enum limits_id)id) != row->def) {
			printf("# row %d is incomplete\n", id);
			ok = 0;
		}
	}
	TAP_CHECK(ok, "every row has an option, a default above 0, a scope "
	    "and help; limits_init() and limits_default() give the default");
	TAP_CHECK(limits_default(LIMITS_INPUT) == 64 * MIB &&
	    limits_default(LIMITS_YAML_DEPTH) == 512 &&
	    limits_default(LIMITS_ALIAS_NODES) == 10000000 &&
	    limits_default(LIMITS_TEMPLATE) == 64 * MIB &&
	    limits_default(LIMITS_TEMPLATE_DEPTH) == 256 &&
	    limits_default(LIMITS_OUTPUT) == 64 * MIB,
	    "the documented defaults");
}

/* Parses s; returns the value, or 0 when it fails (*rc says how). */
static size_t
parsed(const char *s, enum limits_unit unit, int *rc)
{
	size_t v = 0;

	*rc = limits_parse(s, unit, &v);
	return v;
}

static void
test_parse(void)
{
	static const char *const bad[] = {
		"", "0", "00", "0K", "-1", "+5", " 5", "5 ", "1.5M", "64MiB",
		"5k", "5KK", "K", "0x10", "1e3", "M5",
	};
	size_t i, v;
	int rc, ok;

	TAP_CHECK(parsed("1", LIMITS_BYTES, &rc) == 1 && rc == 0 &&
	    parsed("100000", LIMITS_BYTES, &rc) == 100000 && rc == 0 &&
	    parsed("007", LIMITS_NUMBER, &rc) == 7 && rc == 0,
	    "plain numbers");
	TAP_CHECK(parsed("1K", LIMITS_BYTES, &rc) == 1024 && rc == 0 &&
	    parsed("64M", LIMITS_BYTES, &rc) == 64 * MIB && rc == 0 &&
	    parsed("1G", LIMITS_BYTES, &rc) == 1024 * MIB && rc == 0,
	    "sizes with K, M and G");
	TAP_CHECK(parsed("10K", LIMITS_NUMBER, &rc) == 0 && rc == -1,
	    "a count takes no suffix");
	for (i = 0, ok = 1; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = 12345;
		if (limits_parse(bad[i], LIMITS_BYTES, &v) != -1 ||
		    v != 12345) {
			printf("# '%s' was accepted\n", bad[i]);
			ok = 0;
		}
	}
	TAP_CHECK(ok, "bad values refused, the value left alone");
	TAP_CHECK(parsed("99999999999999999999", LIMITS_NUMBER, &rc) == 0 &&
	    rc == -2 && parsed("99999999999999999999G", LIMITS_BYTES,
	    &rc) == 0 && rc == -2, "past the range of strtoull: too large");
	if (SIZE_MAX == UINT64_MAX) {
		TAP_CHECK(parsed("18446744073709551615", LIMITS_BYTES, &rc) ==
		    SIZE_MAX && rc == 0 && parsed("17179869183G",
		    LIMITS_BYTES, &rc) == 17179869183u * 1024 * MIB &&
		    rc == 0, "up to SIZE_MAX");
		TAP_CHECK(parsed("17179869184G", LIMITS_BYTES, &rc) == 0 &&
		    rc == -2 && parsed("18446744073709551616", LIMITS_BYTES,
		    &rc) == 0 && rc == -2, "past SIZE_MAX: too large");
	} else {
		TAP_CHECK(parsed("4G", LIMITS_BYTES, &rc) == 0 && rc == -2,
		    "past SIZE_MAX: too large");
	}
}

static void
test_set(void)
{
	struct limits lim;
	struct capture m;

	limits_init(&lim);
	capture_open(&m);
	TAP_CHECK(limits_set(&lim, LIMITS_OUTPUT, "2K", &m.d) == 0 &&
	    lim.max[LIMITS_OUTPUT] == 2048 && m.d.errors == 0 &&
	    said(&m, ""), "a good value is set");

	capture_open(&m);
	TAP_CHECK(limits_set(&lim, LIMITS_OUTPUT, "2KB", &m.d) == -1 &&
	    lim.max[LIMITS_OUTPUT] == 2048 && m.d.errors == 1 &&
	    said(&m, "statusgen: error: option '--max-output' needs a "
	    "number of bytes above 0, with an optional K, M or G; not '2KB'\n"),
	    "a bad size: its message, the limit unchanged");

	capture_open(&m);
	TAP_CHECK(limits_set(&lim, LIMITS_YAML_DEPTH, "0", &m.d) == -1 &&
	    said(&m, "statusgen: error: option '--max-yaml-depth' needs "
	    "a whole number above 0, not '0'\n"), "a bad count: its message");

	capture_open(&m);
	TAP_CHECK(limits_set(&lim, LIMITS_ALIAS_NODES, "99999999999999999999",
	    &m.d) == -1 && said(&m, "statusgen: error: option "
	    "'--max-alias-nodes': '99999999999999999999' is too large\n"),
	    "too large: its message");
}

static struct buf spelling;

/* limits_put_value() of v, as a string; valid until the next call. */
static const char *
spelled(enum limits_id id, size_t v)
{
	buf_clear(&spelling);
	limits_put_value(&spelling, id, v);
	return buf_cstr(&spelling);
}

static void
test_spelling(void)
{
	static const size_t sizes[] = { 1, 1000, 1536, 2048, 3 * MIB,
	    64 * MIB + 1, 1024 * MIB };
	struct capture m;
	struct srcpos pos = { "data.yaml", 1, 515 };
	size_t i, v;
	int ok;

	TAP_CHECK(strcmp(spelled(LIMITS_OUTPUT, 64 * MIB), "64M") == 0 &&
	    strcmp(spelled(LIMITS_OUTPUT, 2048), "2K") == 0 &&
	    strcmp(spelled(LIMITS_OUTPUT, 1024 * MIB), "1G") == 0 &&
	    strcmp(spelled(LIMITS_OUTPUT, 1536), "1536") == 0 &&
	    strcmp(spelled(LIMITS_OUTPUT, 0), "0") == 0,
	    "a size in the largest unit that divides it");
	TAP_CHECK(strcmp(spelled(LIMITS_YAML_DEPTH, 1024), "1024") == 0 &&
	    strcmp(spelled(LIMITS_ALIAS_NODES, 10000000), "10000000") == 0,
	    "a count in decimal");
	for (i = 0, ok = 1; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (limits_parse(spelled(LIMITS_OUTPUT, sizes[i]),
		    LIMITS_BYTES, &v) != 0 || v != sizes[i])
			ok = 0;
	TAP_CHECK(ok, "a spelled size parses back to itself");

	capture_open(&m);
	limits_note(&m.d, &pos, LIMITS_YAML_DEPTH);
	TAP_CHECK(m.d.errors == 0 && said(&m, "data.yaml:1:515: note: "
	    "--max-yaml-depth raises this limit\n"),
	    "the note names the option");
	TAP_CHECK(strstr(limits_size_help(), "K, M or G") != NULL,
	    "the help on sizes names the suffixes");
}

int
main(void)
{
	test_rows();
	test_parse();
	test_set();
	test_spelling();
	buf_free(&spelling);
	return tap_done();
}
