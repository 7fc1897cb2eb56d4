/* Arena allocation. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define ARENA_BLOCK_SIZE	(64 * 1024)
#define ARENA_ALIGN		(sizeof(max_align_t))

struct arena_block {
	struct arena_block	*next;
	size_t			 size;	/* usable bytes after the header */
	size_t			 off;	/* bytes used so far */
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
		free(b);
	}
	arena_init(a);
}

void *
arena_alloc(struct arena *a, size_t size)
{
	struct arena_block *b = a->head;
	size_t need, bsize;
	void *p;

	need = (size + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
	if (need < size)
		need = SIZE_MAX;	/* overflow: xmalloc below will fail */
	if (b == NULL || b->size - b->off < need) {
		bsize = need > ARENA_BLOCK_SIZE / 4 ? need : ARENA_BLOCK_SIZE;
		b = xmalloc(sizeof(*b) + bsize);
		b->size = bsize;
		b->off = 0;
		/*
		 * A large request gets a block of its own, kept behind the
		 * current head so the head's free space is not wasted.
		 */
		if (need > ARENA_BLOCK_SIZE / 4 && a->head != NULL) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->off;
	b->off += need;
	a->used += need;
	memset(p, 0, size);
	return p;
}

void *
arena_memdup(struct arena *a, const void *p, size_t size)
{
	void *q = arena_alloc(a, size);

	if (size > 0)
		memcpy(q, p, size);
	return q;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);

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
