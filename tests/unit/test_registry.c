/* Unit tests for the registry's CSV (registry): its fields, states and errors, and its differences from a status table. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "model.h"
#include "registry.h"
#include "tap.h"

#define HEADER	"Value,Description,Reference\r\n"

/* Parses src as "r.csv"; returns registry_parse()'s result. */
static int
parse(struct registry *reg, struct capture *c, const char *src)
{
	registry_init(reg);
	capture_open(c);
	return registry_parse(reg, "r.csv", src, strlen(src), &c->d);
}

static void
test_fields(void)
{
	struct registry reg;
	struct capture c;
	int rc;

	rc = parse(&reg, &c, "\xEF\xBB\xBF" HEADER
	    "104,\"Upload (TEMPORARY - registered 2024-11-13, expires "
	    "2026-11-13)\",[draft]\r\n"
	    "105-199,Unassigned,\r\n"
	    "100,\"Say \"\"Go\"\", on\",\"[RFC9110, Section 15.2.1]\"\r\n"
	    "\r\n");
	TAP_CHECK(rc == 0 && c.d.errors == 0 && reg.n == 3,
	    "a BOM, CRLF lines, quoted fields and an empty line read");
	capture_show(&c);
	if (reg.n == 3) {
		CHECK_TEXT(reg.rows[0].name, "Say \"Go\", on",
		    "a doubled quote is one, a comma inside quotes stays");
		TAP_CHECK(reg.rows[0].value_at.line == 4 &&
		    reg.rows[0].name_at.col == 5, "rows are sorted by code, "
		    "and keep where they were");
		TAP_CHECK(reg.rows[1].state == REGISTRY_TEMPORARY &&
		    strcmp(reg.rows[1].expires, "2026-11-13") == 0,
		    "a temporary mark gives the state and its expires date");
		CHECK_TEXT(reg.rows[1].name, "Upload",
		    "the mark is cut off the name");
		TAP_CHECK(reg.rows[2].state == REGISTRY_UNASSIGNED &&
		    reg.rows[2].lo == 105 && reg.rows[2].hi == 199,
		    "a range of Unassigned codes");
	}
	capture_close(&c);
	registry_free(&reg);
}

static void
test_states(void)
{
	struct registry reg;
	struct capture c;

	parse(&reg, &c, "Value,Description,Reference\n"
	    "306,(Unused),x\n510,Not Extended (OBSOLETED),x\n"
	    "305,Use Proxy,[RFC9110] (Deprecated)\n"
	    "307,Temporary Redirect (DEPRECATED),x\n"
	    "308,Permanent Redirect,x");
	TAP_CHECK(c.d.errors == 0 && reg.n == 5, "LF lines, no final one");
	if (reg.n == 5) {
		TAP_CHECK(reg.rows[0].state == REGISTRY_DEPRECATED,
		    "a Reference that says deprecated");
		TAP_CHECK(reg.rows[1].state == REGISTRY_UNUSED,
		    "(Unused) is reserved");
		TAP_CHECK(reg.rows[2].state == REGISTRY_DEPRECATED &&
		    strcmp(reg.rows[2].name, "Temporary Redirect") == 0,
		    "a DEPRECATED mark");
		TAP_CHECK(reg.rows[3].state == REGISTRY_ASSIGNED,
		    "no mark: a plain registration");
		TAP_CHECK(reg.rows[4].state == REGISTRY_OBSOLETED &&
		    strcmp(reg.rows[4].name, "Not Extended") == 0,
		    "an OBSOLETED mark");
	}
	capture_close(&c);
	registry_free(&reg);
}

static void
test_errors(void)
{
	struct registry reg;
	struct capture c;

	TAP_CHECK(parse(&reg, &c, HEADER "100,\"Continue,x\r\n") == -1,
	    "an unterminated quote fails");
	CHECK_TEXT(capture_text(&c), "r.csv:2:5: error: the quoted field "
	    "that starts here is never closed\n", "... located at the quote");
	capture_close(&c);
	registry_free(&reg);

	TAP_CHECK(parse(&reg, &c, HEADER "100-199,Unassigned,\n"
	    "150,Odd,x\n1a0,Bad,x\n200,Fine,x\n") == -1,
	    "overlapping rows and a bad value fail");
	CHECK_TEXT(capture_text(&c),
	    "r.csv:4:1: error: '1a0' is not a code from 100 to 999, nor a "
	    "range LO-HI of them\n"
	    "r.csv:3:1: error: code 150 is also in another row\n"
	    "r.csv:2:1: note: the other row\n", "... each located");
	TAP_CHECK(reg.n == 3, "... and the good rows are kept");
	capture_close(&c);
	registry_free(&reg);

	TAP_CHECK(parse(&reg, &c, "") == -1 && c.d.errors == 1,
	    "an empty file has no header");
	capture_close(&c);
	registry_free(&reg);
}

static const char table[] =
    "classes:\n"
    "  - {class: 1, name: Informational, summary: Informational}\n"
    "  - {class: 4, name: Client Errors, summary: Client Errors}\n"
    "statuses:\n"
    "  - {code: 100, reason: Continue, description: d, reference: r,\n"
    "     registry: standard}\n"
    "  - {code: 413, reason: Payload Too Large, description: d,\n"
    "     reference: r, registry: standard,\n"
    "     registry_name: Content Too Large, aliases: [Content Too Large]}\n"
    "  - {code: 418, reason: I'm a teapot, description: d, reference: r,\n"
    "     registry: reserved}\n"
    "  - {code: 499, reason: Client Closed Request, description: d,\n"
    "     reference: r, registry: unofficial, origin: nginx}\n";

/* Compares csv with the table tbl; returns the count of differences. */
static unsigned
diff_table(struct capture *c, const char *tbl, const char *csv)
{
	struct registry reg;
	struct arena arena;
	struct value *doc, *model;
	struct diag quiet;
	unsigned n = (unsigned)-1;

	arena_init(&arena);
	diag_init(&quiet, NULL);
	doc = harness_yaml(&arena, "t.yaml", tbl);
	if (model_build(doc, NULL, "t.yaml", NULL, NULL, &arena, &quiet,
	    &model) != 0)
		harness_bail("the table does not build");
	capture_open(c);
	registry_init(&reg);
	if (registry_parse(&reg, "r.csv", csv, strlen(csv), &c->d) == 0)
		n = registry_diff(&reg, model, "t.yaml", &c->d);
	registry_free(&reg);
	arena_free(&arena);
	return n;
}

/* Compares csv with the table above. */
static unsigned
diff(struct capture *c, const char *csv)
{
	return diff_table(c, table, csv);
}

static void
test_diff(void)
{
	struct capture c;
	unsigned n;

	n = diff(&c, HEADER "100,Continue,x\r\n413,Content Too Large,x\r\n"
	    "418,(Unused),x\r\n419-599,Unassigned,\r\n");
	TAP_CHECK(n == 0 && c.d.warnings == 0, "an agreeing registry: 0");
	capture_show(&c);
	capture_close(&c);

	n = diff(&c, HEADER "100,Go On,x\r\n101,Switching Protocols,x\r\n"
	    "413,Payload Too Large,x\r\n418,I'm a teapot,x\r\n"
	    "499,Client Closed Request,x\r\n");
	TAP_CHECK(n == 6 && c.d.warnings == 6 && c.d.errors == 0,
	    "each difference is one warning");
	CHECK_TEXT(capture_text(&c),
	    "r.csv:2:5: warning: the registry's name of 100 is \"Go On\", "
	    "which is neither the reason nor an alias of 100 in the table\n"
	    "t.yaml:5:25: note: the table's reason of 100 is \"Continue\"\n"
	    "r.csv:3:1: warning: the registry has 101 \"Switching "
	    "Protocols\", which the table lacks\n"
	    "r.csv:4:5: warning: the registry's name of 413 is \"Payload Too "
	    "Large\", which the table has as a phrase but not as its "
	    "registry_name\n"
	    "t.yaml:9:21: note: the table's registry name of 413 is "
	    "\"Content Too Large\"\n"
	    "r.csv:5:5: warning: the registry's name of 418 is \"I'm a "
	    "teapot\", which the table has as a phrase but not as its "
	    "registry_name\n"
	    "t.yaml:11:16: note: the table's registry name of 418 is "
	    "\"(Unused)\"\n"
	    "r.csv:5:5: warning: the registry lists 418 as registered, but "
	    "the table's registry state of 418 is \"reserved\"\n"
	    "t.yaml:11:16: note: the table's state of 418\n"
	    "r.csv:6:5: warning: the registry lists 499 as registered, but "
	    "the table's registry state of 499 is \"unofficial\"\n"
	    "t.yaml:13:30: note: the table's state of 499\n",
	    "located in the CSV, with a note at the table");
	capture_close(&c);

	n = diff(&c, HEADER "100,Continue,x\r\n413,Content Too Large,x\r\n"
	    "418,(Unused),x\r\n");
	TAP_CHECK(n == 0, "a code the registry does not list may be "
	    "unofficial");
	capture_close(&c);
	n = diff(&c, HEADER "100,Continue,x\r\n400-499,Unassigned,x\r\n");
	TAP_CHECK(n == 2, "but no other code may be missing");
	CHECK_TEXT(capture_text(&c),
	    "t.yaml:7:12: warning: the registry does not list 413, which "
	    "the table has as \"standard\", not \"unofficial\"\n"
	    "r.csv:3:1: note: the registry's row of 413 says Unassigned\n"
	    "t.yaml:10:12: warning: the registry does not list 418, which "
	    "the table has as \"reserved\", not \"unofficial\"\n"
	    "r.csv:3:1: note: the registry's row of 418 says Unassigned\n",
	    "... located in the table, with a note at the Unassigned row");
	capture_close(&c);
}

/* A stream past the limit is read no further, and nothing is kept (the
 * sanitizer build fails a leak). */
static void
test_limit(void)
{
	struct registry reg;
	struct capture c;

	registry_init(&reg);
	capture_open(&c);
	TAP_CHECK(registry_load(&reg, "/dev/zero", 1024, &c.d) == -1,
	    "an endless stream past --max-csv fails");
	CHECK_TEXT(capture_text(&c), "/dev/zero: error: file is larger than "
	    "the 1 KiB limit\n/dev/zero: note: --max-csv raises this limit\n",
	    "... naming the limit and its option");
	capture_close(&c);
	registry_free(&reg);
}

/*
 * The deprecated state at each of its edges: a registry that marks 305
 * "(DEPRECATED)", says "deprecated" in its Reference, or says nothing
 * (an RFC may deprecate a code the registry lists plainly), against a
 * table that calls 305 deprecated, standard or obsolete.
 */
static void
test_deprecated(void)
{
	static const struct {
		const char	*registry;	/* 305's CSV row */
		const char	*table;		/* 305's registry state */
		unsigned	 want;		/* differences */
		const char	*what;
	} cases[] = {
		{ "305,Use Proxy (DEPRECATED),x", "deprecated", 0,
		    "marked DEPRECATED, the table's deprecated: agree" },
		{ "305,Use Proxy (DEPRECATED),x", "standard", 1,
		    "marked DEPRECATED, the table's standard: differ" },
		{ "305,Use Proxy (DEPRECATED),x", "obsolete", 1,
		    "marked DEPRECATED, the table's obsolete: differ" },
		{ "305,Use Proxy,[RFC9110] (Deprecated)", "deprecated", 0,
		    "a Reference that says deprecated, the table's "
		    "deprecated: agree" },
		{ "305,Use Proxy,[RFC9110] (Deprecated)", "standard", 1,
		    "a Reference that says deprecated, the table's standard: "
		    "differ" },
		{ "305,Use Proxy,[RFC9110]", "deprecated", 0,
		    "a plain registration, the table's deprecated (by an "
		    "RFC): agree" },
		{ "305,Use Proxy,[RFC9110]", "standard", 0,
		    "a plain registration, the table's standard: agree" },
		{ "305,Use Proxy (OBSOLETED),x", "deprecated", 1,
		    "marked OBSOLETED, the table's deprecated: differ" },
	};
	struct capture c;
	struct buf tbl, csv;
	size_t i;
	unsigned n;

	buf_init(&tbl);
	buf_init(&csv);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_clear(&tbl);
		buf_clear(&csv);
		buf_printf(&tbl, "classes:\n"
		    "  - {class: 3, name: Redirection, summary: Redirection}\n"
		    "statuses:\n"
		    "  - {code: 305, reason: Use Proxy, description: d,\n"
		    "     reference: r, registry: %s}\n", cases[i].table);
		buf_printf(&csv, HEADER "%s\r\n", cases[i].registry);
		n = diff_table(&c, buf_cstr(&tbl), buf_cstr(&csv));
		if (!TAP_CHECK(n == cases[i].want, "deprecated: %s",
		    cases[i].what))
			capture_show(&c);
		capture_close(&c);
	}
	buf_free(&tbl);
	buf_free(&csv);
}

int
main(void)
{
	test_fields();
	test_states();
	test_errors();
	test_limit();
	test_diff();
	test_deprecated();
	return tap_done();
}
