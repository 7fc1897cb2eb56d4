/* Resource limits: each one's option, default, unit and help, defined once in the table of limits.c. */
#ifndef STATUSGEN_LIMITS_H
#define STATUSGEN_LIMITS_H

/*
 * Include this as "limits.h": the build puts gen/ on the quote path only
 * (-iquote), so that <limits.h> still means the standard header.
 *
 * Every limit that keeps hostile input from exhausting the stack or memory
 * is one row of the table in limits.c: its option (--max-NAME), what it
 * counts, its default, the inputs it bounds and its --help line. The
 * defaults, the parsing of --max-* values, the --help lines, the "note:
 * --max-NAME raises this limit" lines and the checks of the man page and
 * doc/usage.md all come from that table.
 *
 * Adding a limit: an enum value below, a row in limits.c, and the code
 * that enforces it (taking its value from struct limits, or from
 * limits_default() where a caller left it 0).
 */

#include <stddef.h>

#include "buf.h"
#include "diag.h"

/* The limits; each names a row of the table. */
enum limits_id {
	LIMITS_INPUT,		/* bytes of the data file */
	LIMITS_YAML_DEPTH,	/* nesting of YAML collections */
	LIMITS_ALIAS_NODES,	/* nodes YAML aliases stand for */
	LIMITS_TEMPLATE,	/* bytes of a template or partial */
	LIMITS_TEMPLATE_DEPTH,	/* nesting of sections and partials */
	LIMITS_RENDER_STEPS,	/* work of one render */
	LIMITS_OUTPUT,		/* bytes of one rendered output */
	LIMITS_CSV,		/* bytes of registry-diff's CSV file */
	LIMITS_COUNT
};

/* What a limit counts. */
enum limits_unit {
	LIMITS_BYTES,		/* a SIZE: bytes, with an optional K, M or G */
	LIMITS_NUMBER		/* N: a whole number */
};

/* What a limit bounds, and so which commands take its option. */
enum limits_scope {
	LIMITS_DATA = 1,	/* the YAML data: every command */
	LIMITS_TEMPLATES = 2,	/* templates and outputs: commands that render */
	LIMITS_REGISTRY = 4	/* the registry's CSV: registry-diff */
};

/* One row of the table. */
struct limits_row {
	const char	*option;	/* "--max-input" */
	enum limits_unit unit;
	size_t		 def;		/* the default, above 0 */
	unsigned	 scope;		/* enum limits_scope bits */
	const char	*help;		/* for --help, lines split by '\n',
					   without the default */
};

/* The row of id; a static struct. */
const struct limits_row *limits_row(enum limits_id id);

/* The default of id: what a limit left 0 by a caller means. */
size_t	limits_default(enum limits_id id);

/* A value of every limit; the caller owns it. */
struct limits {
	size_t	max[LIMITS_COUNT];
};

/* Sets every limit to its default. */
void	limits_init(struct limits *lim);

/*
 * Reads a value of a limit counted in unit: digits, and for LIMITS_BYTES
 * an optional K, M or G (1024, 1024^2, 1024^3). Returns 0 with the value
 * in *v; -1 for anything else (signs, spaces, other suffixes, 0, "") and
 * -2 for a value past SIZE_MAX, leaving *v alone.
 */
int	limits_parse(const char *s, enum limits_unit unit, size_t *v);

/*
 * Sets lim's id from the option value val. Returns 0, or -1 after
 * reporting a bad value to d as "option '--max-NAME' needs ...; not
 * 'VAL'" or "option '--max-NAME': 'VAL' is too large".
 */
int	limits_set(struct limits *lim, enum limits_id id, const char *val,
	    struct diag *d);

/*
 * Appends v as an option value of id would spell it: a count in decimal,
 * a size in the largest of G, M and K that divides it ("64M"), else bytes.
 */
void	limits_put_value(struct buf *b, enum limits_id id, size_t v);

/* Reports the note "--max-NAME raises this limit" at pos (may be NULL). */
void	limits_note(struct diag *d, const struct srcpos *pos,
	    enum limits_id id);

/* The paragraph of --help that explains SIZE; a static string. */
const char *limits_size_help(void);

#endif
