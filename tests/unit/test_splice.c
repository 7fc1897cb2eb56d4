/* Unit tests for splice: styles by name, regions found, files put back byte for byte. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "harness.h"
#include "splice.h"
#include "tap.h"

/* Each path's style, by its extension. */
static void
test_styles(void)
{
	static const struct {
		const char *path, *style;
	} cases[] = {
		{ "README.md", "md" }, { "docs/x.markdown", "md" },
		{ "a/index.html", "html" }, { "x.htm", "html" },
		{ "src/server.c", "c" }, { "x.h", "c" }, { "y.hpp", "c" },
		{ "man/app.1", "roff" }, { "app.8", "roff" },
		{ "x.mdoc", "roff" }, { "README", NULL }, { ".md", NULL },
		{ "x.md.txt", NULL }, { "x.d/README", NULL }, { "x.MD", NULL },
	};
	const struct splice_style *st;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		st = splice_style_for_path(cases[i].path);
		TAP_CHECK(cases[i].style == NULL ? st == NULL : st != NULL &&
		    strcmp(st->name, cases[i].style) == 0, "style of %s: %s",
		    cases[i].path, cases[i].style ? cases[i].style : "none");
	}
	TAP_CHECK(splice_style_by_name("roff", 4) != NULL &&
	    splice_style_by_name("rof", 3) == NULL, "styles by name");
	TAP_CHECK(splice_style_suggest("mdd", 3) != NULL &&
	    strcmp(splice_style_suggest("mdd", 3), "md") == 0,
	    "did-you-mean of a style");
}

/*
 * Parses text in style and puts it back with each region rendering to
 * its own old lines: the file comes back byte for byte.
 */
static void
round_trip(const char *style, const char *text, size_t nregions,
    const char *what)
{
	const struct splice_style *st = splice_style_by_name(style,
	    strlen(style));
	struct buf renders[8], out;
	struct splice_file f;
	struct diag d;
	size_t i, len = strlen(text);
	int rc;

	diag_init(&d, stderr);
	rc = splice_parse("t", text, len, st, &f, &d);
	TAP_CHECK(rc == 0 && f.n == nregions, "%s: %zu regions", what,
	    nregions);
	for (i = 0; i < f.n && i < 8; i++) {
		buf_init(&renders[i]);
		buf_append(&renders[i], text + f.regions[i].start,
		    f.regions[i].end - f.regions[i].start);
	}
	buf_init(&out);
	if (rc == 0)
		splice_assemble(text, len, &f, renders, &out);
	TAP_CHECK(rc == 0 && out.len == len && memcmp(out.data, text, len) == 0,
	    "%s: put back byte for byte", what);
	for (i = 0; i < f.n && i < 8; i++)
		buf_free(&renders[i]);
	buf_free(&out);
	splice_file_free(&f);
}

/* A file with one region rendered to render gives want. */
static void
splice_is(const char *style, const char *text, const char *render,
    const char *want, const char *what)
{
	const struct splice_style *st = splice_style_by_name(style,
	    strlen(style));
	struct buf r, out;
	struct splice_file f;
	struct diag d;

	diag_init(&d, stderr);
	buf_init(&r);
	buf_init(&out);
	buf_puts(&r, render);
	if (splice_parse("t", text, strlen(text), st, &f, &d) == 0 &&
	    f.n == 1)
		splice_assemble(text, strlen(text), &f, &r, &out);
	CHECK_TEXT(buf_cstr(&out), want, "%s", what);
	buf_free(&r);
	buf_free(&out);
	splice_file_free(&f);
}

/* text in style has errors: parse fails, reporting n of them. */
static void
fails(const char *style, const char *text, unsigned n, const char *what)
{
	FILE *null = fopen("/dev/null", "w");
	struct splice_file f;
	struct diag d;

	int rc;

	diag_init(&d, null);
	rc = splice_parse("t", text, strlen(text), splice_style_by_name(style,
	    strlen(style)), &f, &d);
	TAP_CHECK(rc == -1 && d.errors == n, "%s: %u errors (got %u)", what,
	    n, d.errors);
	splice_file_free(&f);
	fclose(null);
}

int
main(void)
{
	test_styles();
	round_trip("md", "a\n<!-- statusgen:begin t -->\nold\n"
	    "<!-- statusgen:end -->\nb", 1, "md, no final newline");
	round_trip("c", "\t/* statusgen:begin t x=1 */\r\n\r\n"
	    "  // statusgen:end  \r\n// statusgen:begin u\n// statusgen:end\n",
	    2, "c, CRLF and two comment forms");
	round_trip("roff", ".\\\" statusgen:begin t\n.\\\" statusgen:end", 1,
	    "roff, end marker on the last line");
	splice_is("md", "<!-- statusgen:begin t -->\r\nx\r\n"
	    "<!-- statusgen:end -->\r\n", "1\n2", "<!-- statusgen:begin t -->"
	    "\r\n1\r\n2\r\n<!-- statusgen:end -->\r\n",
	    "CRLF lines and a final newline added");
	splice_is("md", "<!-- statusgen:begin t -->\nx\n<!-- statusgen:end -->\n",
	    "", "<!-- statusgen:begin t -->\n<!-- statusgen:end -->\n",
	    "an empty rendering empties the region");
	fails("md", "<!-- statusgen:begin t -->\n", 1, "unclosed");
	fails("md", "<!-- statusgen:begin t -->\n<!-- statusgen:begin u -->\n"
	    "<!-- statusgen:end -->\n", 1, "nested");
	fails("md", "<!-- statusgen:begin t a=1 -->\n<!-- statusgen:end -->\n"
	    "<!-- statusgen:begin t  a=1 -->\n<!-- statusgen:end -->\n", 1,
	    "two regions of one name");
	fails("md", "<!-- statusgen:begin ../t -->\n<!-- statusgen:end -->\n",
	    1, "a template name with a slash");
	fails("md", "no markers <!-- statusgen:begin t -->\n", 1, "no region");
	fails("c", "/* statusgen:begin t\n */\n", 1,
	    "a comment not closed on its line");
	return tap_done();
}
