/* Unit tests for dependency files (depfile): the make format of gcc -MD -MP. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "depfile.h"
#include "harness.h"
#include "tap.h"

/*
 * Formats df: with rc 0 it must succeed silently and give exactly the
 * text want; with rc -1 it must fail with exactly the diagnostics want.
 */
static void
check_format(const struct depfile *df, int rc, const char *want,
    const char *what)
{
	struct capture c;
	struct buf b;

	capture_open(&c);
	buf_init(&b);
	TAP_CHECK(depfile_format(df, &b, &c.d) == rc &&
	    c.d.errors == (rc != 0), "%s: %s", what,
	    rc == 0 ? "formats" : "fails");
	CHECK_TEXT(rc == 0 ? buf_cstr(&b) : capture_text(&c), want, "%s: %s",
	    what, rc == 0 ? "the text" : "the message");
	buf_free(&b);
	capture_close(&c);
}

static void
test_order(void)
{
	struct depfile df;

	depfile_init(&df);
	depfile_add_target(&df, "out/a.h");
	depfile_add_target(&df, "out/a.c");
	depfile_add_target(&df, "out/a.h");
	depfile_add_input(&df, "data.yaml");
	depfile_add_input(&df, "t/a.h.mustache");
	depfile_add_input(&df, "t/_p.mustache");
	depfile_add_input(&df, "data.yaml");
	TAP_CHECK(df.ntargets == 2 && df.ninputs == 3,
	    "a path added twice is kept once");
	check_format(&df, 0, "out/a.h out/a.c: data.yaml \\\n"
	    "  t/a.h.mustache \\\n"
	    "  t/_p.mustache\n"
	    "\ndata.yaml:\n"
	    "\nt/a.h.mustache:\n"
	    "\nt/_p.mustache:\n",
	    "targets, inputs and empty rules, in order, once each");
	depfile_free(&df);
	TAP_CHECK(df.ntargets == 0 && df.targets == NULL && df.inputs == NULL,
	    "depfile_free empties it");

	depfile_add_target(&df, "out");
	check_format(&df, 0, "out:\n", "no inputs");
	depfile_free(&df);
}

static void
test_escaping(void)
{
	struct depfile df;
	char path[] = "copied";

	depfile_init(&df);
	depfile_add_target(&df, "my out/x$y.h");
	depfile_add_input(&df, "a b#c:d");
	depfile_add_input(&df, "back\\ slash\\\\#x\\y");
	depfile_add_input(&df, path);
	depfile_add_input(&df, "~a,b+c]d{e}!@\xc3\xa9");
	path[0] = 'C';
	check_format(&df, 0, "my\\ out/x$$y.h: a\\ b\\#c\\:d \\\n"
	    "  back\\\\\\ slash\\\\\\\\\\#x\\y \\\n"
	    "  copied \\\n"
	    "  ~a,b+c]d{e}!@\xc3\xa9\n"
	    "\na\\ b\\#c\\:d:\n"
	    "\nback\\\\\\ slash\\\\\\\\\\#x\\y:\n"
	    "\ncopied:\n"
	    "\n~a,b+c]d{e}!@\xc3\xa9:\n",
	    "spaces, '#', ':' and '$' are escaped; backslashes only before "
	    "them; other bytes as they are; paths are copied");
	depfile_free(&df);
}

static void
test_errors(void)
{
	struct depfile df;

	depfile_init(&df);
	depfile_add_target(&df, "out");
	depfile_add_input(&df, "new\nline");
	check_format(&df, -1, "statusgen: error: cannot list 'new\\nline' in "
	    "a depfile: a control character: make and ninja cannot hold it "
	    "in a name\n", "a name with a newline");
	depfile_free(&df);

	depfile_add_target(&df, "car\rriage");
	check_format(&df, -1, "statusgen: error: cannot list 'car\\rriage' in "
	    "a depfile: a control character: make and ninja cannot hold it "
	    "in a name\n", "a target with a carriage return");
	depfile_free(&df);

	{
		static const char *const bad[] = { "a\tb", "a*b", "a?b",
		    "a[b", "a=b", "a(b", "a)b", "a;b", "a|b", "a&b", "a'b",
		    "a\"b", "a`b", "a^b", "a<b", "a>b", "ab\\", "a%b",
		    "ab:" };
		size_t i;
		struct buf out;
		struct diag d;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			depfile_add_target(&df, "out");
			depfile_add_input(&df, bad[i]);
			buf_init(&out);
			diag_init(&d, NULL);
			TAP_CHECK(depfile_format(&df, &out, &d) == -1 &&
			    d.errors == 1, "refused: %s", bad[i]);
			buf_free(&out);
			depfile_free(&df);
		}
	}

	depfile_add_input(&df, "data.yaml");
	check_format(&df, -1, "statusgen: error: a depfile needs at least one "
	    "target\n", "no target");
	depfile_free(&df);
}

/*
 * '#' at each place it can stand, in a target and in an input: first,
 * last, doubled, after a backslash (doubled, so that make does not read
 * "\\#" as an escaped backslash then a comment) and alone.
 */
static void
test_hash(void)
{
	static const struct {
		const char	*name;
		const char	*escaped;
	} cases[] = {
		{ "#a", "\\#a" },
		{ "a#", "a\\#" },
		{ "a##b", "a\\#\\#b" },
		{ "a\\#b", "a\\\\\\#b" },
		{ "a\\\\#b", "a\\\\\\\\\\#b" },
		{ "#", "\\#" },
	};
	struct depfile df;
	struct buf want, what;
	size_t i;

	buf_init(&want);
	buf_init(&what);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		depfile_init(&df);
		depfile_add_target(&df, cases[i].name);
		depfile_add_input(&df, cases[i].name);
		buf_clear(&want);
		buf_printf(&want, "%s: %s\n\n%s:\n", cases[i].escaped,
		    cases[i].escaped, cases[i].escaped);
		buf_clear(&what);
		buf_printf(&what, "'#' in \"%s\" as a target and an input",
		    cases[i].name);
		check_format(&df, 0, buf_cstr(&want), buf_cstr(&what));
		depfile_free(&df);
	}
	buf_free(&want);
	buf_free(&what);
}

int
main(void)
{
	test_order();
	test_escaping();
	test_errors();
	test_hash();
	return tap_done();
}
