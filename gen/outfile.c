/* Output files: written atomically, and only when their content changes. */
#define _POSIX_C_SOURCE 200809L
#include "outfile.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

/* Returns 1 when the file at path holds exactly data[0..len). */
static int
same_content(const char *path, const void *data, size_t len)
{
	struct buf old;
	int same;

	buf_init(&old);
	same = buf_read_file(&old, path) == 0 && old.len == len &&
	    (len == 0 || memcmp(old.data, data, len) == 0);
	buf_free(&old);
	return same;
}

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

int
outfile_write(const char *path, const void *data, size_t len,
    struct diag *d)
{
	struct stat st;
	struct buf tmp;
	FILE *fp;
	mode_t mode;
	size_t n;
	int fd, failed, saved;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		/* Compare sizes first: most changed files differ there. */
		if ((uintmax_t)st.st_size == (uintmax_t)len &&
		    same_content(path, data, len))
			return 0;
		mode = st.st_mode & 07777;
	} else
		mode = new_file_mode();

	buf_init(&tmp);
	buf_printf(&tmp, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp.data)) == -1)
		goto report;
	/* mkstemp() creates the file 0600, too strict for a build output. */
	if (fchmod(fd, mode) == -1 || (fp = fdopen(fd, "wb")) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
		goto remove;
	}
	n = len > 0 ? fwrite(data, 1, len, fp) : 0;
	failed = n != len || ferror(fp);
	saved = errno;
	/* fclose() flushes: a full disk may only show up here. */
	if (fclose(fp) == EOF)
		failed = 1;
	else
		errno = saved;
	if (failed)
		goto remove;
	if (rename(tmp.data, path) == -1)
		goto remove;
	buf_free(&tmp);
	return 1;

remove:
	saved = errno;
	unlink(tmp.data);
	errno = saved;
report:
	diag_error(d, NULL, "cannot write %s: %s", path,
	    strerror(errno != 0 ? errno : EIO));
	buf_free(&tmp);
	return -1;
}
