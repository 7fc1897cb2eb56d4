/* Growable byte buffers. */
#define _POSIX_C_SOURCE 200809L
#include "buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_reserve(struct buf *b, size_t extra)
{
	/* A size that overflows asks for SIZE_MAX, which xgrow refuses. */
	size_t need = extra < SIZE_MAX - b->len ? b->len + extra + 1 :
	    SIZE_MAX;
	int fresh = b->data == NULL;

	b->data = xgrow(b->data, &b->cap, need, 1);
	/* Once there is data, data[len] is a NUL. */
	if (fresh)
		b->data[0] = '\0';
}

void
buf_append(struct buf *b, const void *p, size_t n)
{
	/* Most appends fit: no call to grow then. */
	if (b->data == NULL || b->cap - b->len <= n)
		buf_reserve(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, int c)
{
	/* The escapers call this once a byte: skip the general path. */
	if (b->data == NULL || b->cap - b->len < 2)
		buf_reserve(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	/* Format straight into the free space; again only if it was short. */
	buf_reserve(b, 64);
	room = b->cap - b->len;
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		buf_reserve(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

const char *
buf_cstr(const struct buf *b)
{
	return b->data != NULL ? b->data : "";
}

char *
buf_detach(struct buf *b, size_t *len)
{
	char *p;

	if (b->data == NULL) {
		buf_reserve(b, 0);
		b->data[0] = '\0';
	}
	p = b->data;
	if (len != NULL)
		*len = b->len;
	buf_init(b);
	return p;
}

int
buf_read_file(struct buf *b, const char *path)
{
	return buf_read_file_max(b, path, SIZE_MAX);
}

void
buf_put_size(struct buf *b, size_t n)
{
	if (n > 0 && n % (1024 * 1024) == 0)
		buf_printf(b, "%zu MiB", n / (1024 * 1024));
	else if (n > 0 && n % 1024 == 0)
		buf_printf(b, "%zu KiB", n / 1024);
	else
		buf_printf(b, "%zu bytes", n);
}

/* One read(2), retried when a signal interrupts it. */
static ssize_t
read_some(int fd, void *p, size_t n)
{
	ssize_t r;

	while ((r = read(fd, p, n)) == -1 && errno == EINTR)
		continue;
	return r;
}

/* buf_read_fd_max() without the close. */
static int
read_fd(struct buf *b, int fd, size_t max)
{
	struct stat st;
	char chunk[65536];
	size_t want;
	ssize_t n;
	int saved;

	buf_clear(b);
	if (fstat(fd, &st) != 0)
		st.st_mode = 0;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max) {
		errno = EFBIG;
		return -1;
	}
	/* A regular file gets a buffer of its size at once. */
	if (S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uintmax_t)st.st_size < SIZE_MAX / 2)
		buf_reserve(b, (size_t)st.st_size);
	/* Never more than one byte past the limit: a pipe or /dev/zero
	 * stops there. */
	do {
		want = max - b->len < sizeof(chunk) ? max - b->len + 1 :
		    sizeof(chunk);
		if ((n = read_some(fd, chunk, want)) > 0)
			buf_append(b, chunk, (size_t)n);
	} while (n > 0 && b->len <= max);
	if (n < 0 || b->len > max) {
		saved = n >= 0 ? EFBIG : errno;
		/* Freed, not kept: a caller that gives up on a failed read
		 * need not free what a stream gave before the limit. */
		buf_free(b);
		errno = saved;
		return -1;
	}
	buf_reserve(b, 0);
	return 0;
}

int
buf_read_fd_max(struct buf *b, int fd, size_t max)
{
	int rc = read_fd(b, fd, max), saved = errno;

	close(fd);
	errno = saved;
	return rc;
}

int
buf_read_file_max(struct buf *b, const char *path, size_t max)
{
	int fd;

	buf_clear(b);
	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	return buf_read_fd_max(b, fd, max);
}
