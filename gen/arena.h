/* Arena allocation: many small objects with one owner, released together. */
#ifndef STATUSGEN_ARENA_H
#define STATUSGEN_ARENA_H

#include <stddef.h>

struct arena_block;

/*
 * An arena hands out memory that lives until arena_free(). Value trees are
 * allocated here because YAML aliases let two nodes share one list of
 * children: the tree is a DAG, and freeing it node by node would free
 * shared children twice.
 *
 * Blocks grow with the arena (an eighth of what is in use, between the
 * bounds ARENA_BLOCK_MIN and ARENA_BLOCK_MAX of arena.c), so a large tree
 * costs few malloc() calls and wastes at most one block's tail.
 */
struct arena {
	struct arena_block	*head;
	size_t			 used;	/* total bytes handed out, for limits */
};

void	 arena_init(struct arena *a);
/* Releases every allocation made from a; a is empty and reusable after. */
void	 arena_free(struct arena *a);
/* Returns size bytes aligned for any object, zero-filled; exits on OOM. */
void	*arena_alloc(struct arena *a, size_t size);
/*
 * Returns size bytes aligned to align (a power of two, at most that of
 * max_align_t), zero-filled; exits on OOM. Small objects that need less
 * than max_align_t (value nodes, pointer arrays) waste less this way.
 */
void	*arena_alloc_aligned(struct arena *a, size_t size, size_t align);
/* Like arena_alloc_aligned, but the memory is not zeroed: for a caller
 * that writes every byte of it at once, since zeroing it first would write
 * each byte twice, which shows on the largest inputs. */
void	*arena_alloc_raw(struct arena *a, size_t size, size_t align);
/* Copies len bytes into the arena; the copy is NUL-terminated and packed
 * (byte-aligned: it is text, not an object). */
char	*arena_strndup(struct arena *a, const char *s, size_t len);
char	*arena_strdup(struct arena *a, const char *s);
/* Copies size bytes into memory aligned for any object. */
void	*arena_memdup(struct arena *a, const void *p, size_t size);

#endif
