/* The name the outputs print for the data file: its path relative to the current folder, normalised. */
#define _XOPEN_SOURCE 700	/* realpath */
#include "srcname.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "xalloc.h"

/* The components of an absolute path, "." and ".." resolved. */
struct comps {
	char	**v;	/* each one owned */
	size_t	  n;
	size_t	  cap;
};

static void
comps_free(struct comps *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

/* Adds the components of s to c: "" and "." vanish, ".." drops one. */
static void
comps_add(struct comps *c, const char *s)
{
	const char *end;
	size_t len;

	for (; *s != '\0'; s = *end != '\0' ? end + 1 : end) {
		end = strchr(s, '/');
		if (end == NULL)
			end = s + strlen(s);
		len = (size_t)(end - s);
		if (len == 0 || (len == 1 && s[0] == '.'))
			continue;
		if (len == 2 && s[0] == '.' && s[1] == '.') {
			/* The parent of "/" is "/". */
			if (c->n > 0)
				free(c->v[--c->n]);
			continue;
		}
		c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof(*c->v));
		c->v[c->n++] = xstrndup(s, len);
	}
}

/* The current folder, or NULL; the caller frees it. */
static char *
current_dir(void)
{
	struct buf b;
	size_t size = 256;

	buf_init(&b);
	for (;;) {
		buf_reserve(&b, size);
		if (getcwd(b.data, b.cap) != NULL)
			return buf_detach(&b, NULL);
		if (errno != ERANGE || size > 65536)
			break;
		size *= 2;
	}
	buf_free(&b);
	return NULL;
}

/*
 * When the components of path start with all those of dir (and hold
 * more), appends the rest, joined with '/', to out and returns 1; else 0.
 */
static int
rest_under(const struct comps *path, const struct comps *dir,
    struct buf *out)
{
	size_t i;

	if (path->n <= dir->n)
		return 0;
	for (i = 0; i < dir->n; i++)
		if (strcmp(path->v[i], dir->v[i]) != 0)
			return 0;
	for (i = dir->n; i < path->n; i++)
		buf_printf(out, "%s%s", i > dir->n ? "/" : "", path->v[i]);
	return 1;
}

/*
 * The real paths of the file's folder (the components of path but the
 * last) and of cwd, then rest_under() on them, with the file's name.
 */
static int
real_rest_under(const struct comps *path, const char *cwd, struct buf *out)
{
	struct comps rp = { NULL, 0, 0 }, rd = { NULL, 0, 0 };
	struct buf dir;
	char *real_dir = NULL, *real_cwd = NULL;
	size_t i;
	int found = 0;

	buf_init(&dir);
	for (i = 0; i + 1 < path->n; i++)
		buf_printf(&dir, "/%s", path->v[i]);
	if (dir.len == 0)
		buf_putc(&dir, '/');
	if ((real_dir = realpath(buf_cstr(&dir), NULL)) != NULL &&
	    (real_cwd = realpath(cwd, NULL)) != NULL) {
		comps_add(&rp, real_dir);
		comps_add(&rp, path->v[path->n - 1]);
		comps_add(&rd, real_cwd);
		found = rest_under(&rp, &rd, out);
	}
	free(real_dir);
	free(real_cwd);
	comps_free(&rp);
	comps_free(&rd);
	buf_free(&dir);
	return found;
}

char *
srcname_default(const char *path)
{
	struct comps p = { NULL, 0, 0 }, d = { NULL, 0, 0 };
	struct buf out;
	char *cwd = current_dir();

	buf_init(&out);
	if (path[0] != '/')
		comps_add(&p, cwd != NULL ? cwd : "/");
	comps_add(&p, path);
	comps_add(&d, cwd != NULL ? cwd : "/");
	if (p.n == 0)
		buf_putc(&out, '/');
	else if (!rest_under(&p, &d, &out) &&
	    (cwd == NULL || !real_rest_under(&p, cwd, &out)))
		buf_puts(&out, p.v[p.n - 1]);
	comps_free(&p);
	comps_free(&d);
	free(cwd);
	return buf_detach(&out, NULL);
}
