/* Arena allocation. */
#if defined(__linux__)
#define _DEFAULT_SOURCE	/* MAP_ANONYMOUS and MAP_POPULATE */
#endif
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

#define ARENA_BLOCK_MIN		((size_t)64 * 1024)
#define ARENA_BLOCK_MAX		((size_t)4 * 1024 * 1024)
#define ARENA_ALIGN		(sizeof(max_align_t))

struct arena_block {
	struct arena_block	*next;
	size_t			 size;	/* usable bytes after the header */
	size_t			 off;	/* bytes used so far */
	size_t			 mapped;	/* bytes mapped, or 0: malloc'd */
	max_align_t		 data[];
};

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
}

void
arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
#if defined(__linux__) && defined(MAP_POPULATE)
		if (b->mapped > 0) {
			munmap(b, b->mapped);
			continue;
		}
#endif
		free(b);
	}
	arena_init(a);
}

/* The size of the next block: it grows with the arena, within bounds. */
static size_t
block_size(const struct arena *a)
{
	size_t n = a->used / 8;

	if (n < ARENA_BLOCK_MIN)
		return ARENA_BLOCK_MIN;
	return n > ARENA_BLOCK_MAX ? ARENA_BLOCK_MAX : n;
}

/*
 * A block of size bytes. A large tree is written once, front to back, and
 * each page of a malloc'd block faults when it is first touched: on Linux,
 * blocks of the largest size are mapped with their pages in place, at the
 * cost of one system call.
 */
static struct arena_block *
new_block(size_t size)
{
	struct arena_block *b;

#if defined(__linux__) && defined(MAP_POPULATE)
	void *p;

	if (size >= ARENA_BLOCK_MAX) {
		p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (p != MAP_FAILED) {
			b = p;
			b->mapped = size;
			return b;
		}
	}
#endif
	b = xmalloc(size);
	b->mapped = 0;
	return b;
}

void *
arena_alloc_raw(struct arena *a, size_t size, size_t align)
{
	struct arena_block *b = a->head;
	size_t off = 0, bsize;
	void *p;

	if (b != NULL)
		off = (b->off + align - 1) & ~(align - 1);
	if (b == NULL || off > b->size || b->size - off < size) {
		if (size > SIZE_MAX - sizeof(*b))
			size = SIZE_MAX - sizeof(*b);	/* xmalloc will fail */
		bsize = block_size(a);
		if (size > bsize / 4)
			bsize = size;
		b = new_block(sizeof(*b) + bsize);
		b->size = bsize;
		b->off = 0;
		off = 0;
		/*
		 * A large request gets a block of its own, kept behind the
		 * current head so the head's free space is not wasted.
		 */
		if (bsize == size && a->head != NULL) {
			b->next = a->head->next;
			a->head->next = b;
			b->off = size;
			a->used += size;
			return b->data;
		}
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + off;
	a->used += off + size - b->off;
	b->off = off + size;
	return p;
}

void *
arena_alloc_aligned(struct arena *a, size_t size, size_t align)
{
	void *p = arena_alloc_raw(a, size, align);

	memset(p, 0, size);
	return p;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	return arena_alloc_aligned(a, size, ARENA_ALIGN);
}

void *
arena_memdup(struct arena *a, const void *p, size_t size)
{
	void *q = arena_alloc_raw(a, size, ARENA_ALIGN);

	if (size > 0)
		memcpy(q, p, size);
	return q;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		len--;	/* the block cannot be that large: xmalloc fails */
	p = arena_alloc_raw(a, len + 1, 1);
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}
