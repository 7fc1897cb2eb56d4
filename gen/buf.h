/* Growable byte buffers: the one way statusgen builds strings and outputs. */
#ifndef STATUSGEN_BUF_H
#define STATUSGEN_BUF_H

#include <stddef.h>

/*
 * A buffer owns data[0..len) and keeps data[len] == '\0' whenever data is
 * not NULL, so buf_cstr() is always a valid C string (the content may also
 * hold NUL bytes of its own). The zero value {NULL, 0, 0} is an empty buffer.
 */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *b);
/* Releases the memory and leaves an empty buffer behind. */
void	 buf_free(struct buf *b);
/* Empties the buffer but keeps its memory for reuse. */
void	 buf_clear(struct buf *b);
/* Ensures room for extra more bytes plus the terminating NUL; exits as
 * xmalloc does when that much memory cannot be had. */
void	 buf_reserve(struct buf *b, size_t extra);
void	 buf_append(struct buf *b, const void *p, size_t n);
void	 buf_puts(struct buf *b, const char *s);
void	 buf_putc(struct buf *b, int c);
void	 buf_printf(struct buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Returns the content as a NUL-terminated string ("" when empty); the
 * pointer stays owned by the buffer and is valid until it next changes. */
const char *buf_cstr(const struct buf *b);
/* Hands the content over to the caller (free() it) and empties b. */
char	*buf_detach(struct buf *b, size_t *len);

/*
 * Reads the whole file at path into b (replacing its content). Returns 0, or
 * -1 with errno set when the file cannot be opened or read; on failure b is
 * left empty, its memory released. A directory fails with EISDIR.
 */
int	 buf_read_file(struct buf *b, const char *path);
/* The same, but a file of more than max bytes fails with EFBIG, read no
 * further than that (so /dev/zero is refused, not read forever). */
int	 buf_read_file_max(struct buf *b, const char *path, size_t max);
/* The same for a file already open, fd, which it closes. */
int	 buf_read_fd_max(struct buf *b, int fd, size_t max);

/* Appends a byte count in the largest unit that divides it: "64 MiB",
 * "2 KiB", "100 bytes". */
void	 buf_put_size(struct buf *b, size_t n);

#endif
