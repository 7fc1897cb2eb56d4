/* Unit tests for the arena (arena): zeroed and raw allocations, small and large, released together. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "tap.h"

/* Is p aligned to align bytes? */
static int
aligned(const void *p, size_t align)
{
	return ((uintptr_t)p & (align - 1)) == 0;
}

static void
test_small(void)
{
	struct arena a;
	unsigned char *p, *q;
	char *s;
	size_t i;
	int zeroed = 1;

	arena_init(&a);
	p = arena_alloc(&a, 100);
	for (i = 0; i < 100; i++)
		zeroed &= p[i] == 0;
	TAP_CHECK(zeroed && aligned(p, sizeof(max_align_t)),
	    "arena_alloc is zeroed and aligned for any object");
	memset(p, 0xab, 100);
	q = arena_alloc_raw(&a, 3, 1);
	s = arena_strndup(&a, "a\0b", 3);
	TAP_CHECK(q >= p + 100 && memcmp(s, "a\0b", 4) == 0,
	    "a raw allocation and a string follow without overlap");
	TAP_CHECK(aligned(arena_alloc_raw(&a, 8, 8), 8),
	    "arena_alloc_raw honours its alignment");
	TAP_CHECK(a.used >= 100 + 3 + 4 + 8, "used counts what was handed out");
	arena_free(&a);
	TAP_CHECK(a.head == NULL && a.used == 0, "arena_free empties it");
}

/*
 * Past 32 MiB in use the arena's blocks are 4 MiB, mapped rather than
 * malloc'd on Linux; a request over a quarter of a block gets its own.
 * Every byte written must read back, in every kind of block, and
 * arena_free must release them all (ASan and valgrind check that).
 */
static void
test_large(void)
{
	struct arena a;
	unsigned char *chunks[160], *big;
	size_t i, j, size = 300 * 1024;
	int intact = 1, zeroed = 1;

	arena_init(&a);
	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		chunks[i] = arena_alloc_raw(&a, size, 16);
		memset(chunks[i], (int)(i & 0xff), size);
	}
	big = arena_alloc_aligned(&a, 5 * 1024 * 1024, 16);
	for (j = 0; j < 5 * 1024 * 1024; j += 4096)
		zeroed &= big[j] == 0;
	memset(big, 0x5a, 5 * 1024 * 1024);
	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++)
		for (j = 0; j < size; j += 997)
			intact &= chunks[i][j] == (unsigned char)(i & 0xff);
	TAP_CHECK(a.used >= 160 * size + 5 * 1024 * 1024,
	    "48 MiB handed out in 300 KiB pieces and one of 5 MiB");
	TAP_CHECK(intact, "every piece keeps what was written to it");
	TAP_CHECK(zeroed, "a large zeroed allocation is zeroed");
	arena_free(&a);
	TAP_CHECK(a.head == NULL, "every block released");
}

int
main(void)
{
	test_small();
	test_large();
	return tap_done();
}
