/* Template files: reading them within a size limit, and partial lookup in a list of folders. */
#include "partials.h"

#include <errno.h>
#include <string.h>

#include "limits.h"
#include "text.h"
#include "value.h"

/* Reports why path could not be read; errno says. */
static void
read_error(const char *path, size_t max, struct diag *d)
{
	struct srcpos pos = { path, 0, 0 };
	struct buf size;

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

int
partials_read(const char *path, size_t max, struct buf *src, struct diag *d)
{
	if (max == 0)
		max = limits_default(LIMITS_TEMPLATE);
	if (buf_read_file_max(src, path, max) == 0)
		return 0;
	read_error(path, max, d);
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
		if (buf_read_file_max(src, buf_cstr(path), max) == 0) {
			if (pp->deps != NULL)
				depfile_add_input(pp->deps, buf_cstr(path));
			buf_free(&tried);
			return 1;
		}
		/* A name longer than the system allows names no file. */
		if (errno == ENOENT || errno == ENOTDIR ||
		    errno == ENAMETOOLONG) {
			buf_puts(&tried, i > 0 ? ", '" : "'");
			if (n == 0)
				buf_putc(&tried, '.');
			text_show(pp->dirs[i], n, TEXT_SHOW_MAX, &tried);
			buf_putc(&tried, '\'');
			continue;
		}
		buf_free(&tried);
		read_error(buf_cstr(path), max, d);
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
