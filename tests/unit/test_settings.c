/* Unit tests for the settings table: its rows, the check of a value (with a did-you-mean) and the help and option list made from it. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "harness.h"
#include "settings.h"
#include "tap.h"

static void
test_rows(void)
{
	struct capture c;
	int id, ok = 1;

	capture_open(&c);
	for (id = 0; id < SETTINGS_COUNT; id++) {
		const struct settings_row *r =
		    settings_row((enum settings_id)id);
		struct srcpos at = { "-D x", 0, 0 };

		if (r->name == NULL || r->fallback == NULL || r->help == NULL ||
		    (r->choices == NULL) == (r->check == NULL) ||
		    (r->choices == NULL && r->arg == NULL) ||
		    settings_find(r->name, strlen(r->name)) != id ||
		    settings_check((enum settings_id)id, r->fallback, &at,
		    &c.d) != 0) {
			printf("# row %d is incomplete\n", id);
			ok = 0;
		}
	}
	TAP_CHECK(ok && c.d.errors == 0, "every row has a name that finds it, "
	    "help, choices or a check (one of the two), and a default that "
	    "passes");
	capture_close(&c);
	TAP_CHECK(settings_find("reason", 6) == -1 &&
	    settings_find("reasonsx", 7) == SETTINGS_REASONS &&
	    settings_find("PREFIX", 6) == -1,
	    "settings_find() takes a name exactly, by its length");
}

static void
test_check(void)
{
	struct srcpos at = { "-D reasons=registy", 0, 0 };
	struct capture c;

	capture_open(&c);
	TAP_CHECK(settings_check(SETTINGS_REASONS, "registry", &at, &c.d) ==
	    0 && settings_check(SETTINGS_REASONS, "data", &at, &c.d) == 0 &&
	    c.d.errors == 0, "reasons takes data and registry");
	TAP_CHECK(settings_check(SETTINGS_REASONS, "registy", &at, &c.d) != 0,
	    "reasons refuses another value");
	CHECK_TEXT(capture_text(&c), "-D reasons=registy: error: 'reasons' "
	    "must be data or registry, got \"registy\"; did you mean "
	    "'registry'?\n", "the error is at the option, with a did-you-mean");
	capture_close(&c);
	capture_open(&c);
	at.file = "-D reasons=wire";
	(void)settings_check(SETTINGS_REASONS, "wire", &at, &c.d);
	CHECK_TEXT(capture_text(&c), "-D reasons=wire: error: 'reasons' must "
	    "be data or registry, got \"wire\"\n", "no hint for a far miss");
	capture_close(&c);
	capture_open(&c);
	at.file = "-D prefix=9x";
	TAP_CHECK(settings_check(SETTINGS_PREFIX, "9x", &at, &c.d) != 0 &&
	    strncmp(capture_text(&c), "-D prefix=9x: error: the prefix must "
	    "be a C identifier", 36) == 0, "prefix is checked by its check");
	capture_close(&c);
}

static void
test_lists(void)
{
	struct buf b;

	buf_init(&b);
	settings_dump(&b, "generate");
	CHECK_TEXT(buf_cstr(&b),
	    "generate\tsetting\tprefix\tNAME\thttp_status\n"
	    "generate\tsetting\treasons\tdata|registry\tdata\n",
	    "settings_dump(): a row per setting, its values and default");
	buf_clear(&b);
	settings_help(&b);
	TAP_CHECK(strncmp(buf_cstr(&b), "prefix=NAME: ", 13) == 0 &&
	    strstr(buf_cstr(&b), "\nreasons=data|registry: ") != NULL &&
	    strstr(buf_cstr(&b), "\n  (default http_status)\n") != NULL &&
	    strstr(buf_cstr(&b), "\n  (default data)\n") != NULL &&
	    b.data[b.len - 1] == '\n', "settings_help(): each setting's "
	    "values, help and default");
	buf_free(&b);
}

int
main(void)
{
	test_rows();
	test_check();
	test_lists();
	return tap_done();
}
