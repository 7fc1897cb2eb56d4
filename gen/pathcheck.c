/* The paths of one run: their kinds, why one cannot be made, and which two name the same file. */
#define _XOPEN_SOURCE 700
#include "pathcheck.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

/* ------------------------------------------------------------------ */
/* Kinds and reasons                                                  */
/* ------------------------------------------------------------------ */

const char *
pathcheck_kind(mode_t mode)
{
	if (S_ISREG(mode))
		return "a regular file";
	if (S_ISDIR(mode))
		return "a folder";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (S_ISSOCK(mode))
		return "a socket";
	return "a special file";
}

/* Appends the target of the symbolic link at path, however long. */
static void
put_link(struct buf *b, const char *path)
{
	size_t size = 256;
	ssize_t n;
	char *t;

	for (;;) {
		t = xmalloc(size);
		if ((n = readlink(path, t, size)) < 0) {
			free(t);
			return;
		}
		if ((size_t)n < size)
			break;
		free(t);
		size *= 2;
	}
	buf_append(b, t, (size_t)n);
	free(t);
}

/*
 * Explains prefix, one step on the way to a file (final: the file
 * itself). Returns 1 when it appended a reason, 0 when the step is fine.
 */
static int
explain_step(struct buf *b, const char *prefix, int final)
{
	struct stat st;

	if (lstat(prefix, &st) == -1) {
		if (errno != ENOENT || final)
			return 0;
		buf_printf(b, "the folder '%s' does not exist", prefix);
		return 1;
	}
	if (S_ISLNK(st.st_mode) && stat(prefix, &st) == -1) {
		buf_printf(b, "'%s' is a symbolic link to '", prefix);
		put_link(b, prefix);
		buf_puts(b, "', which does not exist");
		return 1;
	}
	if (final || S_ISDIR(st.st_mode))
		return 0;
	buf_printf(b, "'%s' is %s, not a folder", prefix,
	    pathcheck_kind(st.st_mode));
	return 1;
}

void
pathcheck_explain(struct buf *b, const char *path, int err)
{
	char *prefix;
	size_t i;
	int done = 0;

	if (err == ENOENT || err == ENOTDIR || err == EEXIST) {
		prefix = xstrdup(path);
		/* Each folder on the way, from the first: "a", "a/b", ... */
		for (i = 1; !done && prefix[i] != '\0'; i++) {
			if (prefix[i] != '/' || prefix[i - 1] == '/')
				continue;
			prefix[i] = '\0';
			done = explain_step(b, prefix, 0);
			prefix[i] = '/';
		}
		if (!done)
			done = explain_step(b, path, 1);
		free(prefix);
	}
	if (!done)
		buf_puts(b, strerror(err));
}

/* ------------------------------------------------------------------ */
/* The same file under two names                                      */
/* ------------------------------------------------------------------ */

struct pathcheck_entry {
	const char	*path;
	const char	*role;
	int		 written;
	int		 exists;	/* dev and ino are set */
	dev_t		 dev;
	ino_t		 ino;
	char		*resolved;	/* the path once made (resolve()) */
	size_t		 order;		/* in the order added */
};

void
pathcheck_init(struct pathcheck *pc)
{
	pc->entries = NULL;
	pc->n = 0;
	pc->cap = 0;
}

void
pathcheck_free(struct pathcheck *pc)
{
	size_t i;

	for (i = 0; i < pc->n; i++)
		free(pc->entries[i].resolved);
	free(pc->entries);
	pathcheck_init(pc);
}

char *
pathcheck_folder(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir, *real;

	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	real = realpath(dir, NULL);
	free(dir);
	return real;
}

/* The most symbolic links resolve() follows, as the kernel's ELOOP. */
#define MAX_LINKS	40

/* Takes the last part off the absolute path in b ("/a/b" -> "/a"). */
static void
drop_last(struct buf *b)
{
	while (b->len > 0 && b->data[--b->len] != '/')
		continue;
	if (b->data != NULL)
		b->data[b->len] = '\0';
}

/*
 * The path that path would have once made: walked part by part from the
 * real path of the current folder (or "/"), each symbolic link on the way
 * replaced by its target (a dangling one too: "lnk/x.h" with lnk -> new,
 * not yet made, is "new/x.h"), ".." taking the part before it off and "."
 * and empty parts left out. Past the deepest part that exists, the rest
 * is taken as written. So "new/../new/x.h", "./new/x.h" and "lnk/x.h"
 * are one name before new exists.
 */
static char *
resolve(const char *path)
{
	struct buf cur, rest, link;
	struct stat st;
	const char *p, *name;
	char *cwd;
	size_t n, links = 0;

	buf_init(&cur);
	buf_init(&rest);
	buf_init(&link);
	if (path[0] != '/' && (cwd = realpath(".", NULL)) != NULL) {
		buf_puts(&cur, strcmp(cwd, "/") == 0 ? "" : cwd);
		free(cwd);
	}
	buf_puts(&rest, path);
	for (p = buf_cstr(&rest); *p != '\0';) {
		name = p + strspn(p, "/");
		n = strcspn(name, "/");
		p = name + n;
		if (n == 0 || (n == 1 && name[0] == '.'))
			continue;
		if (n == 2 && name[0] == '.' && name[1] == '.') {
			drop_last(&cur);
			continue;
		}
		buf_putc(&cur, '/');
		buf_append(&cur, name, n);
		if (links >= MAX_LINKS || lstat(buf_cstr(&cur), &st) != 0 ||
		    !S_ISLNK(st.st_mode))
			continue;
		/* The link's target, then what followed it. */
		buf_clear(&link);
		put_link(&link, buf_cstr(&cur));
		if (link.len == 0)
			continue;
		links++;
		drop_last(&cur);
		if (link.data[0] == '/')
			buf_clear(&cur);
		buf_putc(&link, '/');
		buf_puts(&link, p);
		buf_clear(&rest);
		buf_append(&rest, link.data, link.len);
		p = buf_cstr(&rest);
	}
	if (cur.len == 0)
		buf_putc(&cur, '/');
	buf_free(&rest);
	buf_free(&link);
	return buf_detach(&cur, NULL);
}

void
pathcheck_add(struct pathcheck *pc, const char *path, const char *role,
    int written)
{
	struct pathcheck_entry *e;
	struct stat st;

	if (stat(path, &st) == 0 && S_ISCHR(st.st_mode))
		return;		/* a stream, as for /dev/null */
	pc->entries = xgrow(pc->entries, &pc->cap, pc->n + 1,
	    sizeof(*pc->entries));
	e = &pc->entries[pc->n];
	memset(e, 0, sizeof(*e));
	e->path = path;
	e->role = role;
	e->written = written;
	e->order = pc->n++;
	/* "new/../data.yaml" is data.yaml once new is made. */
	e->resolved = resolve(path);
	if (stat(path, &st) == 0 || stat(e->resolved, &st) == 0) {
		e->exists = 1;
		e->dev = st.st_dev;
		e->ino = st.st_ino;
	}
}

/* Orders entries by identity, then by the order added. */
static int
by_identity(const void *pa, const void *pb)
{
	const struct pathcheck_entry *a = pa, *b = pb;
	int c;

	if (a->exists != b->exists)
		return a->exists ? -1 : 1;
	if (a->exists && a->dev != b->dev)
		return a->dev < b->dev ? -1 : 1;
	if (a->exists && a->ino != b->ino)
		return a->ino < b->ino ? -1 : 1;
	if (!a->exists && (c = strcmp(a->resolved, b->resolved)) != 0)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int
same(const struct pathcheck_entry *a, const struct pathcheck_entry *b)
{
	if (a->exists != b->exists)
		return 0;
	if (a->exists)
		return a->dev == b->dev && a->ino == b->ino;
	return strcmp(a->resolved, b->resolved) == 0;
}

/* Orders the clashes found by where their first path was added. */
static int
by_order(const void *pa, const void *pb)
{
	const struct pathcheck_entry *const *a = pa, *const *b = pb;

	return (*a)->order < (*b)->order ? -1 : (*a)->order > (*b)->order;
}

size_t
pathcheck_report(const struct pathcheck *pc, struct diag *d)
{
	struct pathcheck_entry *v, **first;
	size_t i, j, k, nfound = 0;

	if (pc->n < 2)
		return 0;
	/* Sorted, the names of one file sit side by side: n log n. */
	v = xmalloc((pc->n + 1) * sizeof(*v));
	memcpy(v, pc->entries, pc->n * sizeof(*v));
	qsort(v, pc->n, sizeof(*v), by_identity);
	first = xmalloc((pc->n + 1) * sizeof(*first));
	for (i = 0; i < pc->n; i = j) {
		for (j = i + 1; j < pc->n && same(&v[i], &v[j]); j++)
			continue;
		/* A group with an output clashes; pair its first two. */
		for (k = i; k < j && !v[k].written; k++)
			continue;
		if (j - i > 1 && k < j)
			first[nfound++] = &v[i];
	}
	qsort(first, nfound, sizeof(*first), by_order);
	for (i = 0; i < nfound; i++)
		diag_error(d, NULL, "%s '%s' and %s '%s' are the same file",
		    first[i][0].role, first[i][0].path, first[i][1].role,
		    first[i][1].path);
	free(first);
	free(v);
	return nfound;
}
