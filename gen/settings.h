/* statusgen's own -D settings: each one's name, default, allowed values or checker and help, defined once in the table of settings.c. */
#ifndef STATUSGEN_SETTINGS_H
#define STATUSGEN_SETTINGS_H

/*
 * `generate -D NAME=VALUE` adds a string at the root of the context,
 * except for the NAMEs of this table, which set statusgen itself (the
 * prefix of the C names, the reasons the tables hold). Each setting is
 * one row of the table in settings.c: its name, its default, the values
 * it allows (or the function that checks one) and its help. The parsing
 * of the -D options, the check of a value (a located error at the option,
 * with a did-you-mean), the lines of `generate --help`, the rows of
 * `statusgen --dump-options` (which tests/buildstep compares with the man
 * page and doc/usage.md) all come from that table.
 *
 * Adding a setting: an enum value below, a row in settings.c, and the
 * code that reads its value (driver.c's load_model()).
 */

#include <stddef.h>

#include "buf.h"
#include "diag.h"

enum settings_id {
	SETTINGS_PREFIX,	/* names the C code and the outputs */
	SETTINGS_REASONS,	/* the table's reasons, or the registry's */
	SETTINGS_COUNT
};

/* The value of reasons that puts the registry's names on the wire. */
#define SETTINGS_REASONS_REGISTRY	"registry"

/* One row of the table. */
struct settings_row {
	const char	*name;		/* "reasons" */
	const char	*fallback;	/* the value when not given */
	const char *const *choices;	/* the values allowed, ended by NULL;
					   NULL: check decides */
	/* Checks a value, when choices is NULL: 0, or -1 after reporting
	 * at at (the -D option). */
	int		(*check)(const char *value, const struct srcpos *at,
			    struct diag *d);
	const char	*arg;		/* the value's name in help, with
					   check: "NAME" */
	const char	*help;		/* lines split by '\n', without the
					   default */
};

/* The row of id; a static struct. */
const struct settings_row *settings_row(enum settings_id id);

/* The setting whose name is s[0..len), or -1 for none. */
int	settings_find(const char *s, size_t len);

/*
 * Checks value, given for setting id by the -D option at at: one of the
 * row's choices, or what its check accepts. Returns 0, or -1 after
 * reporting an error at at ("'reasons' must be data or registry, got
 * "registy"; did you mean 'registry'?").
 */
int	settings_check(enum settings_id id, const char *value,
	    const struct srcpos *at, struct diag *d);

/*
 * Appends the help of every setting, for the -D option's --help: lines
 * ending in '\n', the first "NAME=VALUES: " and its help, the others
 * indented by two spaces, the last its default.
 */
void	settings_help(struct buf *b);

/*
 * Appends a line "COMMAND\tsetting\tNAME\tVALUES\tDEFAULT" per setting, in
 * table order, VALUES the choices joined by '|' or the row's arg.
 */
void	settings_dump(struct buf *b, const char *command);

#endif
