/* Resource limits: the one table of every limit, and the parsing and spelling of their values. */
#include "limits.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define KIB	((size_t)1024)
#define MIB	(KIB * 1024)
#define GIB	(MIB * 1024)

/*
 * The limits. Help lines are broken by hand, as the rest of --help is;
 * the default is appended to the last one (see cli.c).
 */
static const struct limits_row rows[LIMITS_COUNT] = {
	[LIMITS_INPUT] = {
		"--max-input", LIMITS_BYTES, 64 * MIB, LIMITS_DATA,
		"the largest DATA file"
	},
	[LIMITS_YAML_DEPTH] = {
		"--max-yaml-depth", LIMITS_NUMBER, 512, LIMITS_DATA,
		"the deepest nesting of YAML collections"
	},
	[LIMITS_ALIAS_NODES] = {
		"--max-alias-nodes", LIMITS_NUMBER, 10000000, LIMITS_DATA,
		"the most nodes YAML aliases may stand for, in all"
	},
	[LIMITS_TEMPLATE] = {
		"--max-template", LIMITS_BYTES, 64 * MIB, LIMITS_TEMPLATES,
		"the largest template or partial"
	},
	[LIMITS_TEMPLATE_DEPTH] = {
		"--max-template-depth", LIMITS_NUMBER, 256, LIMITS_TEMPLATES,
		"the deepest nesting of sections and partials\n"
		"while rendering"
	},
	[LIMITS_RENDER_STEPS] = {
		"--max-render-steps", LIMITS_NUMBER, 100 * 1000 * 1000,
		LIMITS_TEMPLATES,
		"the most work one template may take to render:\n"
		"nodes rendered and names looked up"
	},
	[LIMITS_OUTPUT] = {
		"--max-output", LIMITS_BYTES, 64 * MIB, LIMITS_TEMPLATES,
		"the largest output of one template"
	},
	[LIMITS_CSV] = {
		"--max-csv", LIMITS_BYTES, 1 * MIB, LIMITS_REGISTRY,
		"the largest CSV file"
	},
};

/* The suffixes of a size, largest first. */
static const struct {
	char	 letter;
	size_t	 mult;
} suffixes[] = {
	{ 'G', GIB }, { 'M', MIB }, { 'K', KIB },
};

#define NSUFFIXES	(sizeof(suffixes) / sizeof(suffixes[0]))

const struct limits_row *
limits_row(enum limits_id id)
{
	return &rows[id];
}

size_t
limits_default(enum limits_id id)
{
	return rows[id].def;
}

void
limits_init(struct limits *lim)
{
	int id;

	for (id = 0; id < LIMITS_COUNT; id++)
		lim->max[id] = rows[id].def;
}

int
limits_parse(const char *s, enum limits_unit unit, size_t *v)
{
	unsigned long long n;
	size_t mult = 1, i;
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (unit == LIMITS_BYTES && *end != '\0' && end[1] == '\0') {
		for (i = 0; i < NSUFFIXES && suffixes[i].letter != *end; i++)
			continue;
		if (i == NSUFFIXES)
			return -1;
		mult = suffixes[i].mult;
		end++;
	}
	if (*end != '\0' || n == 0)
		return -1;
	if (errno == ERANGE || n > SIZE_MAX / mult)
		return -2;
	*v = (size_t)n * mult;
	return 0;
}

int
limits_set(struct limits *lim, enum limits_id id, const char *val,
    struct diag *d)
{
	const struct limits_row *row = &rows[id];
	int r = limits_parse(val, row->unit, &lim->max[id]);

	if (r == -2)
		diag_error(d, NULL, "option '%s': '%s' is too large",
		    row->option, val);
	else if (r < 0 && row->unit == LIMITS_BYTES)
		diag_error(d, NULL, "option '%s' needs a number of bytes above "
		    "0, with an optional K, M or G; not '%s'", row->option,
		    val);
	else if (r < 0)
		diag_error(d, NULL, "option '%s' needs a whole number above 0, "
		    "not '%s'", row->option, val);
	return r < 0 ? -1 : 0;
}

void
limits_put_value(struct buf *b, enum limits_id id, size_t v)
{
	size_t i;

	for (i = 0; rows[id].unit == LIMITS_BYTES && i < NSUFFIXES; i++) {
		if (v > 0 && v % suffixes[i].mult == 0) {
			buf_printf(b, "%zu%c", v / suffixes[i].mult,
			    suffixes[i].letter);
			return;
		}
	}
	buf_printf(b, "%zu", v);
}

void
limits_note(struct diag *d, const struct srcpos *pos, enum limits_id id)
{
	diag_note(d, pos, "%s raises this limit", rows[id].option);
}

const char *
limits_size_help(void)
{
	return "A SIZE is a number of bytes, or of KiB, MiB or GiB with a "
	    "suffix\nK, M or G.\n";
}
