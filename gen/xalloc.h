/* Allocation wrappers that exit on out-of-memory, so callers never test for NULL. */
#ifndef STATUSGEN_XALLOC_H
#define STATUSGEN_XALLOC_H

#include <stddef.h>

/*
 * Each behaves like its standard namesake but never returns NULL: on
 * failure it prints "statusgen: out of memory" and exits with status 2.
 * The caller owns the returned memory and releases it with free().
 * A request for zero bytes returns a valid, freeable pointer.
 */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);

/* Grows an array of count elements of size bytes to hold at least need
 * elements, doubling so that appends cost amortised O(1). Updates *cap and
 * returns the (possibly moved) array. Exits on overflow or out-of-memory. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t size);

/* Copies of a NUL-terminated string, or of len bytes plus a NUL. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);

#endif
