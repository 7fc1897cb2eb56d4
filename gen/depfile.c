/* Dependency files in the make format that gcc -MD -MP writes. */
#include "depfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

void
depfile_init(struct depfile *df)
{
	memset(df, 0, sizeof(*df));
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
depfile_free(struct depfile *df)
{
	free_list(df->targets, df->ntargets);
	free_list(df->inputs, df->ninputs);
	depfile_init(df);
}

/* Appends a copy of path to the list unless it is there already. */
static char **
add(char **v, size_t *n, size_t *cap, const char *path)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(v[i], path) == 0)
			return v;
	v = xgrow(v, cap, *n + 1, sizeof(*v));
	v[(*n)++] = xstrdup(path);
	return v;
}

void
depfile_add_target(struct depfile *df, const char *path)
{
	df->targets = add(df->targets, &df->ntargets, &df->tcap, path);
}

void
depfile_add_input(struct depfile *df, const char *path)
{
	df->inputs = add(df->inputs, &df->ninputs, &df->icap, path);
}

/*
 * What a byte of a file name needs in a depfile, for make (GNU make 4)
 * and ninja (1.11) alike; each rule was tried with both. A byte not here
 * goes in as it is; a byte that one of them cannot read in a name, even
 * escaped, is refused, saying why.
 */
enum esc { BACKSLASH, DOLLAR, REFUSE };

static const struct {
	const char	*bytes;
	enum esc	 esc;
	const char	*why;	/* REFUSE: what the tools make of it */
} escapes[] = {
	{ " #:",	BACKSLASH,	NULL },
	/* Every input is a target too, in the empty rules of -MP. */
	{ "%",		REFUSE,		"make reads a pattern in a target "
	    "unless it is escaped, and ninja reads no escape of it" },
	{ "$",		DOLLAR,		NULL },
	{ "*?[",	REFUSE,		"make expands it as a wildcard, and "
	    "ninja reads no escape of it" },
	{ "=",		REFUSE,		"make reads a variable assignment" },
	{ "()",		REFUSE,		"make reads an archive member" },
	{ ";|",		REFUSE,		"neither make nor ninja reads it in a "
	    "name" },
	{ "&'\"`^<>",	REFUSE,		"ninja ends the name there" },
};

/* Refuses name, saying why. */
static int
refuse(const char *name, const char *what, const char *why, struct diag *d)
{
	struct buf q;

	buf_init(&q);
	diag_error(d, NULL, "cannot list '%s' in a depfile: %s: %s",
	    text_quote(&q, name, strlen(name)), what, why);
	buf_free(&q);
	return -1;
}

/*
 * Appends name escaped for the depfile, the same as a target (a rule's
 * left side) or a prerequisite. Returns -1 after reporting a name that
 * make or ninja could not read back.
 */
static int
put_name(struct buf *out, const char *name, struct diag *d)
{
	const unsigned char *p;
	const char *q;
	char what[32];
	size_t i;

	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return refuse(name, "a control character", "make and "
			    "ninja cannot hold it in a name", d);
		if (*p == '\\' && p[1] == '\0')
			return refuse(name, "a '\\' at the end", "make and "
			    "ninja read it as an escape", d);
		if (*p == ':' && p[1] == '\0')
			return refuse(name, "a ':' at the end", "ninja reads "
			    "no escape of it there", d);
		for (i = 0; i < sizeof(escapes) / sizeof(escapes[0]); i++)
			if (strchr(escapes[i].bytes, *p) != NULL)
				break;
		if (i == sizeof(escapes) / sizeof(escapes[0])) {
			buf_putc(out, *p);
			continue;
		}
		switch (escapes[i].esc) {
		case REFUSE:
			snprintf(what, sizeof(what), "a \"%c\"", *p);
			return refuse(name, what, escapes[i].why, d);
		case DOLLAR:
			buf_putc(out, '$');
			break;
		default:
			/* Backslashes before it would escape our backslash. */
			for (q = (const char *)p; q > name && q[-1] == '\\';
			    q--)
				buf_putc(out, '\\');
			buf_putc(out, '\\');
			break;
		}
		buf_putc(out, *p);
	}
	return 0;
}

int
depfile_format(const struct depfile *df, struct buf *out, struct diag *d)
{
	size_t i;

	if (df->ntargets == 0) {
		diag_error(d, NULL, "a depfile needs at least one target");
		return -1;
	}
	for (i = 0; i < df->ntargets; i++) {
		if (i > 0)
			buf_putc(out, ' ');
		if (put_name(out, df->targets[i], d) != 0)
			return -1;
	}
	buf_putc(out, ':');
	for (i = 0; i < df->ninputs; i++) {
		buf_puts(out, i == 0 ? " " : " \\\n  ");
		if (put_name(out, df->inputs[i], d) != 0)
			return -1;
	}
	buf_putc(out, '\n');
	/* The empty rules of gcc -MP: a deleted input is not an error. */
	for (i = 0; i < df->ninputs; i++) {
		buf_putc(out, '\n');
		if (put_name(out, df->inputs[i], d) != 0)
			return -1;
		buf_puts(out, ":\n");
	}
	return 0;
}
