/* Unit tests for diagnostics (diag): the one message format, and the error count. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "harness.h"
#include "tap.h"

static void
test_format(void)
{
	struct srcpos at = { "data.yaml", 12, 3 };
	struct srcpos file = { "out/x.h", 0, 0 };
	struct srcpos nofile = { NULL, 4, 5 };
	struct capture c;

	capture_open(&c);
	diag_error(&c.d, &at, "duplicate key '%s'", "code");
	diag_note(&c.d, &at, "first defined here");
	diag_error(&c.d, &file, "cannot write: %s", "reason");
	diag_error(&c.d, NULL, "no position, %d", 42);
	diag_note(&c.d, &nofile, "no file");
	CHECK_TEXT(capture_text(&c),
	    "data.yaml:12:3: error: duplicate key 'code'\n"
	    "data.yaml:12:3: note: first defined here\n"
	    "out/x.h: error: cannot write: reason\n"
	    "statusgen: error: no position, 42\n"
	    "statusgen: note: no file\n",
	    "FILE:LINE:COL, FILE for line 0, statusgen without a file");
	TAP_CHECK(c.d.errors == 3, "errors are counted, notes are not");
	capture_close(&c);

	capture_open(&c);
	diag_warning(&c.d, &at, "differs");
	CHECK_TEXT(capture_text(&c), "data.yaml:12:3: warning: differs\n",
	    "a warning is located like an error");
	TAP_CHECK(c.d.warnings == 1 && c.d.errors == 0,
	    "warnings are counted apart from errors");
	capture_close(&c);
}

/* Whatever a caller passes, a message is one line (issue 15). */
static void
test_one_line(void)
{
	struct srcpos bad = { "a\nb\033.yaml", 2, 1 };
	struct capture c;

	capture_open(&c);
	diag_error(&c.d, &bad, "got \"%s\"", "40\nx.yaml:1:1: error: forged");
	diag_note(&c.d, NULL, "tab\there, bell\a");
	CHECK_TEXT(capture_text(&c),
	    "a\\nb\\x1b.yaml:2:1: error: got \"40\\nx.yaml:1:1: error: "
	    "forged\"\n"
	    "statusgen: note: tab\\there, bell\\x07\n",
	    "control bytes in the file name and the message are escaped");
	capture_close(&c);
}

static void
test_silent(void)
{
	struct diag d;

	diag_init(&d, NULL);
	diag_error(&d, NULL, "nowhere");
	diag_note(&d, NULL, "nowhere");
	TAP_CHECK(d.errors == 1, "with no stream, errors are still counted");
	diag_init(&d, NULL);
	TAP_CHECK(d.errors == 0 && d.stream == NULL, "init resets the count");
}

int
main(void)
{
	test_format();
	test_one_line();
	test_silent();
	return tap_done();
}
