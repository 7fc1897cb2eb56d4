/* Dependency files in the make format that gcc -MD -MP writes. */
#include "depfile.h"

#include <stdlib.h>
#include <string.h>

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
 * Appends name escaped for make (which ninja's depfile parser also reads).
 * Returns -1 for a name that cannot be written at all.
 */
static int
put_name(struct buf *out, const char *name, struct diag *d)
{
	const char *p, *q;

	if ((p = strpbrk(name, "\n\r")) != NULL) {
		diag_error(d, NULL, "cannot list '%.*s...' in a depfile: make "
		    "cannot express a newline in a file name",
		    (int)(p - name), name);
		return -1;
	}
	for (p = name; *p != '\0'; p++) {
		switch (*p) {
		case ' ':
		case '\t':
		case '#':
		case ':':
			/* Backslashes before it would escape our backslash. */
			for (q = p; q > name && q[-1] == '\\'; q--)
				buf_putc(out, '\\');
			buf_putc(out, '\\');
			break;
		case '$':
			buf_putc(out, '$');
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
