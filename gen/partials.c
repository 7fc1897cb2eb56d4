/* Template files: reading them within a size limit, and partial lookup in a list of folders. */
#define _POSIX_C_SOURCE 200809L
#include "partials.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limits.h"
#include "pathcheck.h"
#include "text.h"
#include "value.h"

/*
 * Reports why path could not be read: errno says, or for a found file
 * that is not a regular one, its mode.
 */
static void
read_error(const char *path, size_t max, mode_t mode, struct diag *d)
{
	struct srcpos pos = { path, 0, 0 };
	struct buf size;

	if (mode != 0) {
		diag_error(d, &pos, "cannot read: it is %s; a template found "
		    "in a folder must be a regular file",
		    pathcheck_kind(mode));
		return;
	}
	if (errno != EFBIG) {
		diag_error(d, &pos, "cannot read: %s", strerror(errno));
		return;
	}
	buf_init(&size);
	buf_put_size(&size, max);
	diag_error(d, &pos, "file is larger than the %s limit",
	    buf_cstr(&size));
	limits_note(d, &pos, LIMITS_TEMPLATE);
	buf_free(&size);
}

/*
 * Reads a template found in a folder. It is opened without waiting, so
 * that a FIFO with no writer does not block the run in open(), and read
 * only when it is a regular file. Returns 0; -1 with errno set; or -2
 * with the mode of a file that is not a regular one (nor a folder, which
 * fails with EISDIR as any read does) in *mode.
 */
static int
read_found(const char *path, size_t max, struct buf *src, mode_t *mode)
{
	struct stat st;
	int fd;

	*mode = 0;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) == -1)
		return -1;
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		*mode = st.st_mode;
		close(fd);
		return -2;
	}
	return buf_read_fd_max(src, fd, max);
}

int
partials_read(const char *path, size_t max, enum partials_how how,
    struct buf *src, struct diag *d)
{
	mode_t mode = 0;
	int rc;

	if (max == 0)
		max = limits_default(LIMITS_TEMPLATE);
	if (how == PARTIALS_FOUND)
		rc = read_found(path, max, src, &mode);
	else
		rc = buf_read_file_max(src, path, max);
	if (rc == 0)
		return 0;
	read_error(path, max, mode, d);
	return -1;
}

int
partials_find(void *ctx, const char *name, size_t len, struct buf *src,
    struct buf *path, struct diag *d)
{
	const struct partials_path *pp = ctx;
	size_t max = pp->max_bytes ? pp->max_bytes :
	    limits_default(LIMITS_TEMPLATE);
	struct buf tried;
	size_t i, n;
	mode_t mode;
	int rc;

	/* No file name can hold a NUL, and an empty name would read ".mustache". */
	if (len == 0 || memchr(name, '\0', len) != NULL)
		return 0;
	buf_init(&tried);
	for (i = 0; i < pp->ndirs; i++) {
		n = strlen(pp->dirs[i]);
		buf_clear(path);
		buf_append(path, pp->dirs[i], n);
		if (n > 0 && pp->dirs[i][n - 1] != '/')
			buf_putc(path, '/');
		buf_append(path, name, len);
		buf_puts(path, ".mustache");
		if ((rc = read_found(buf_cstr(path), max, src, &mode)) == 0) {
			if (pp->deps != NULL)
				depfile_add_input(pp->deps, buf_cstr(path));
			buf_free(&tried);
			return 1;
		}
		/* A name longer than the system allows names no file. */
		if (rc == -1 && (errno == ENOENT || errno == ENOTDIR ||
		    errno == ENAMETOOLONG)) {
			buf_puts(&tried, i > 0 ? ", '" : "'");
			if (n == 0)
				buf_putc(&tried, '.');
			text_show(pp->dirs[i], n, TEXT_SHOW_MAX, &tried);
			buf_putc(&tried, '\'');
			continue;
		}
		buf_free(&tried);
		read_error(buf_cstr(path), max, mode, d);
		return -1;
	}
	/* Not found: path names the folders searched. */
	buf_clear(path);
	buf_append(path, tried.data, tried.len);
	buf_free(&tried);
	return 0;
}

int
partials_from_map(void *ctx, const char *name, size_t len, struct buf *src,
    struct buf *path, struct diag *d)
{
	const struct value *v = value_map_get(ctx, name, len);

	(void)d;
	if (v == NULL || v->kind != VALUE_STRING)
		return 0;
	buf_append(src, value_str(v), value_strlen(v));
	buf_append(path, name, len);
	buf_puts(path, ".mustache");
	return 1;
}
