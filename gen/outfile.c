/* Output files: written atomically, all or nothing, and only when their content changes. */
#define _POSIX_C_SOURCE 200809L
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pathcheck.h"
#include "xalloc.h"

/*
 * One staged file: tmp is NULL when there is nothing to rename. A stream
 * (a device, a FIFO) is written directly at commit, from its own copy of
 * the data (direct not NULL).
 */
struct outfile_entry {
	char	*path;
	char	*tmp;
	char	*direct;
	size_t	 len;
};

/* ------------------------------------------------------------------ */
/* Comparing                                                          */
/* ------------------------------------------------------------------ */

int
outfile_compare(const char *path, const void *data, size_t len,
    struct buf *old)
{
	struct stat st;
	struct buf b;
	int state;

	if (stat(path, &st) == -1)
		return errno == ENOENT ? OUTFILE_MISSING : -1;
	if (!S_ISREG(st.st_mode)) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	/* Compare sizes first: most changed files differ there. */
	if (old == NULL && (uintmax_t)st.st_size != (uintmax_t)len)
		return OUTFILE_CHANGED;
	buf_init(&b);
	if (buf_read_file(&b, path) == -1) {
		buf_free(&b);
		return -1;
	}
	state = b.len == len && (len == 0 || memcmp(b.data, data, len) == 0) ?
	    OUTFILE_SAME : OUTFILE_CHANGED;
	if (old != NULL && state == OUTFILE_CHANGED) {
		buf_free(old);
		*old = b;
	} else
		buf_free(&b);
	return state;
}

/* ------------------------------------------------------------------ */
/* Signals held while temporary files exist                           */
/* ------------------------------------------------------------------ */

static void
hold_signals(struct outfile_set *s)
{
	sigset_t block;

	if (s->saved_mask != NULL)
		return;
	s->saved_mask = xmalloc(sizeof(sigset_t));
	sigemptyset(&block);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGQUIT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, s->saved_mask);
}

/* A signal that arrived meanwhile is delivered here, with no temp left. */
static void
release_signals(struct outfile_set *s)
{
	void *mask = s->saved_mask;

	if (mask == NULL)
		return;
	s->saved_mask = NULL;
	sigprocmask(SIG_SETMASK, mask, NULL);
	free(mask);
}

/* ------------------------------------------------------------------ */
/* Staging and committing                                             */
/* ------------------------------------------------------------------ */

/* The mode open(2) would give a new file: 0666 minus the umask. */
static mode_t
new_file_mode(void)
{
	mode_t mask;

	/* POSIX has no way to read the umask without setting it. */
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

/*
 * Writes data to a new temporary file next to path, with the given mode.
 * Returns its name (the caller frees it), or NULL with errno set and no
 * file left behind.
 */
static char *
write_temp(const char *path, mode_t mode, const void *data, size_t len)
{
	struct buf tmp;
	FILE *fp;
	size_t n;
	int fd, failed, saved;

	buf_init(&tmp);
	buf_printf(&tmp, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp.data)) == -1) {
		saved = errno;
		buf_free(&tmp);
		errno = saved;
		return NULL;
	}
	/* mkstemp() creates the file 0600, too strict for a build output. */
	if (fchmod(fd, mode) == -1 || (fp = fdopen(fd, "wb")) == NULL) {
		saved = errno;
		close(fd);
		goto fail;
	}
	n = len > 0 ? fwrite(data, 1, len, fp) : 0;
	failed = n != len || ferror(fp);
	saved = errno;
	/* fclose() flushes: a full disk may only show up here. */
	if (fclose(fp) == EOF) {
		failed = 1;
		saved = errno;
	}
	if (!failed)
		return buf_detach(&tmp, NULL);
fail:
	unlink(tmp.data);
	buf_free(&tmp);
	errno = saved != 0 ? saved : EIO;
	return NULL;
}

/*
 * Whether path names a stream rather than a file in a folder: anything
 * but a regular file, or a name in /dev or /proc (/dev/stdout when the
 * standard output is a file), where a temporary file and a rename would
 * replace the name instead of writing to what it opens.
 */
static int
is_stream(const char *path, const struct stat *st)
{
	char *dir;
	int r;

	if (!S_ISREG(st->st_mode))
		return 1;
	if ((dir = pathcheck_folder(path)) == NULL)
		return 0;
	r = strcmp(dir, "/dev") == 0 || strncmp(dir, "/proc/", 6) == 0;
	free(dir);
	return r;
}

/* Writes all of data to fd; returns 0, or -1 with errno set. */
static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Writes a stream's data through its name, as cc -o /dev/null does: an
 * existing device or FIFO, appended to (so that /dev/stdout on a file
 * opened with >> keeps what it holds). Returns 0, or -1 with errno set.
 */
static int
write_direct(const struct outfile_entry *e)
{
	int fd, saved;

	if ((fd = open(e->path, O_WRONLY | O_APPEND)) == -1)
		return -1;
	if (write_all(fd, e->direct, e->len) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

/* Reports that path cannot be written, for the reason err. */
static void
write_error(struct diag *d, const char *path, int err)
{
	struct srcpos at = { NULL, 0, 0 };
	struct buf why;

	at.file = path;
	buf_init(&why);
	pathcheck_explain(&why, path, err);
	diag_error(d, &at, "cannot write: %s", buf_cstr(&why));
	buf_free(&why);
}

/* Adds an entry to s, taking tmp and direct. */
static void
add_entry(struct outfile_set *s, const char *path, char *tmp, char *direct,
    size_t len)
{
	struct outfile_entry *e;

	s->files = xgrow(s->files, &s->cap, s->nfiles + 1, sizeof(*s->files));
	e = &s->files[s->nfiles++];
	e->path = xstrdup(path);
	e->tmp = tmp;
	e->direct = direct;
	e->len = len;
}

void
outfile_set_init(struct outfile_set *s)
{
	s->files = NULL;
	s->nfiles = 0;
	s->cap = 0;
	s->saved_mask = NULL;
}

int
outfile_set_add(struct outfile_set *s, const char *path, const void *data,
    size_t len, struct diag *d)
{
	struct srcpos at = { path, 0, 0 };	/* messages name the file */
	struct stat st;
	mode_t mode;
	char *tmp, *copy;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			diag_error(d, &at, "cannot write: it is a folder");
			return -1;
		}
		if (is_stream(path, &st)) {
			copy = xmalloc(len + 1);
			if (len > 0)
				memcpy(copy, data, len);
			add_entry(s, path, NULL, copy, len);
			return 1;
		}
		if (outfile_compare(path, data, len, NULL) == OUTFILE_SAME)
			return 0;
		mode = st.st_mode & 07777;
	} else
		mode = new_file_mode();

	hold_signals(s);
	if ((tmp = write_temp(path, mode, data, len)) == NULL) {
		write_error(d, path, errno);
		if (s->nfiles == 0)
			release_signals(s);
		return -1;
	}
	add_entry(s, path, tmp, NULL, 0);
	return 1;
}

/*
 * Streams are written first: one that fails (a full /dev/full, a closed
 * FIFO) leaves every file as it was. Then the renames.
 */
int
outfile_set_commit(struct outfile_set *s, struct diag *d)
{
	struct outfile_entry *e;
	size_t i;

	for (i = 0; i < s->nfiles; i++) {
		e = &s->files[i];
		if (e->direct != NULL && write_direct(e) != 0) {
			write_error(d, e->path, errno);
			return -1;	/* outfile_set_free() removes the rest */
		}
	}
	for (i = 0; i < s->nfiles; i++) {
		e = &s->files[i];
		if (e->tmp != NULL && rename(e->tmp, e->path) == -1) {
			write_error(d, e->path, errno);
			return -1;
		}
		free(e->tmp);
		e->tmp = NULL;
	}
	release_signals(s);
	return 0;
}

void
outfile_set_free(struct outfile_set *s)
{
	size_t i;

	for (i = 0; i < s->nfiles; i++) {
		if (s->files[i].tmp != NULL)
			unlink(s->files[i].tmp);
		free(s->files[i].tmp);
		free(s->files[i].direct);
		free(s->files[i].path);
	}
	free(s->files);
	release_signals(s);
	outfile_set_init(s);
}

int
outfile_write(const char *path, const void *data, size_t len,
    struct diag *d)
{
	struct outfile_set s;
	int rc;

	outfile_set_init(&s);
	rc = outfile_set_add(&s, path, data, len, d);
	if (rc > 0 && outfile_set_commit(&s, d) != 0)
		rc = -1;
	outfile_set_free(&s);
	return rc;
}
