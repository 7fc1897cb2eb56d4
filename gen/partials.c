/* Partial lookup in a list of folders. */
#include "partials.h"

#include <errno.h>
#include <string.h>


int
partials_find(void *ctx, const char *name, size_t len, struct buf *src,
    struct buf *path, struct diag *d)
{
	const struct partials_path *pp = ctx;
	struct srcpos pos;
	size_t i, n;

	/* No file name can hold a NUL, and an empty name would read ".mustache". */
	if (len == 0 || memchr(name, '\0', len) != NULL)
		return 0;
	for (i = 0; i < pp->ndirs; i++) {
		n = strlen(pp->dirs[i]);
		buf_clear(path);
		buf_append(path, pp->dirs[i], n);
		if (n > 0 && pp->dirs[i][n - 1] != '/')
			buf_putc(path, '/');
		buf_append(path, name, len);
		buf_puts(path, ".mustache");
		if (buf_read_file(src, buf_cstr(path)) == 0) {
			if (pp->deps != NULL)
				depfile_add_input(pp->deps, buf_cstr(path));
			return 1;
		}
		if (errno == ENOENT || errno == ENOTDIR)
			continue;
		pos.file = buf_cstr(path);
		pos.line = 0;
		pos.col = 0;
		diag_error(d, &pos, "cannot read: %s", strerror(errno));
		return -1;
	}
	buf_clear(path);
	return 0;
}
