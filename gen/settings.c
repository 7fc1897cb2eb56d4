/* statusgen's own -D settings: the table, the check of a value, and the help and option list made from it. */
#include "settings.h"

#include <string.h>

#include "clayout.h"
#include "text.h"

static const char *const reasons[] = { "data", SETTINGS_REASONS_REGISTRY,
	NULL };

static const struct settings_row rows[SETTINGS_COUNT] = {
	[SETTINGS_PREFIX] = { CLAYOUT_PREFIX_KEY, CLAYOUT_PREFIX_DEFAULT, NULL,
	    clayout_check_prefix, "NAME",
	    "the C code's names and\nthe outputs' (app_status.h)" },
	[SETTINGS_REASONS] = { "reasons", "data", reasons, NULL, NULL,
	    "the reasons: data, the\ntable's own; registry, the registry's "
	    "names\nwhere they differ (the old reason an alias)" },
};

const struct settings_row *
settings_row(enum settings_id id)
{
	return &rows[id];
}

int
settings_find(const char *s, size_t len)
{
	int id;

	for (id = 0; id < SETTINGS_COUNT; id++)
		if (strlen(rows[id].name) == len &&
		    memcmp(rows[id].name, s, len) == 0)
			return id;
	return -1;
}

/* The row's values for help: its choices joined by sep, or its arg. */
static void
put_values(struct buf *b, const struct settings_row *r, const char *sep)
{
	size_t i;

	if (r->choices == NULL) {
		buf_puts(b, r->arg);
		return;
	}
	for (i = 0; r->choices[i] != NULL; i++) {
		if (i > 0)
			buf_puts(b, r->choices[i + 1] != NULL || sep[0] == '|' ?
			    sep : " or ");
		buf_puts(b, r->choices[i]);
	}
}

int
settings_check(enum settings_id id, const char *value,
    const struct srcpos *at, struct diag *d)
{
	const struct settings_row *r = &rows[id];
	const char *hint = NULL;
	size_t i, best = 3, len = strlen(value);
	struct buf allowed, q;

	if (r->choices == NULL)
		return r->check(value, at, d);
	for (i = 0; r->choices[i] != NULL; i++) {
		if (strcmp(r->choices[i], value) == 0)
			return 0;
		if (text_nearer(value, len, r->choices[i], &best))
			hint = r->choices[i];
	}
	buf_init(&allowed);
	buf_init(&q);
	put_values(&allowed, r, ", ");
	text_show(value, len, TEXT_SHOW_MAX, &q);
	if (hint != NULL)
		diag_error(d, at, "'%s' must be %s, got \"%s\"; did you mean "
		    "'%s'?", r->name, buf_cstr(&allowed), buf_cstr(&q), hint);
	else
		diag_error(d, at, "'%s' must be %s, got \"%s\"", r->name,
		    buf_cstr(&allowed), buf_cstr(&q));
	buf_free(&allowed);
	buf_free(&q);
	return -1;
}

void
settings_help(struct buf *b)
{
	const char *line, *nl;
	int id;

	for (id = 0; id < SETTINGS_COUNT; id++) {
		buf_printf(b, "%s=", rows[id].name);
		put_values(b, &rows[id], "|");
		buf_puts(b, ": ");
		for (line = rows[id].help; (nl = strchr(line, '\n')) != NULL;
		    line = nl + 1)
			buf_printf(b, "%.*s\n  ", (int)(nl - line), line);
		buf_printf(b, "%s\n  (default %s)\n", line, rows[id].fallback);
	}
}

void
settings_dump(struct buf *b, const char *command)
{
	int id;

	for (id = 0; id < SETTINGS_COUNT; id++) {
		buf_printf(b, "%s\tsetting\t%s\t", command, rows[id].name);
		put_values(b, &rows[id], "|");
		buf_printf(b, "\t%s\n", rows[id].fallback);
	}
}
