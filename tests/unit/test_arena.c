/* Unit tests for the arena (arena) and the value nodes built in it (value). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "tap.h"
#include "value.h"

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

static void
test_values(void)
{
	struct arena a;
	struct srcpos pos = { "f.yaml", 3, 7 }, far = { NULL, 9, 1u << 30 };
	struct value items[2], v, seq;
	struct value_pair pairs[2];
	const struct value_text *t;
	struct srcpos back;

	arena_init(&a);
	TAP_CHECK(sizeof(struct value) == 16, "a node is 16 bytes");
	v = value_make_string(&a, "x\0y", 3, &pos);
	back = value_pos(&v, "g.yaml");
	TAP_CHECK(value_kind(&v) == VALUE_STRING && value_strlen(&v) == 3 &&
	    memcmp(value_str(&v), "x\0y", 4) == 0,
	    "a string keeps its bytes, NULs and all, NUL-terminated");
	TAP_CHECK(back.line == 3 && back.col == 7 &&
	    strcmp(back.file, "g.yaml") == 0,
	    "a node keeps line and column; the reader supplies the file");
	v = value_make_int(-5, &far);
	TAP_CHECK(v.line == 9 && v.col == (1u << 29) - 1 &&
	    value_kind(&v) == VALUE_INT && v.u.integer == -5,
	    "a column past 29 bits saturates, and the kind is intact");
	v = value_make(VALUE_NULL, NULL);
	TAP_CHECK(v.line == 0 && v.col == 0, "no position: line 0");

	t = value_text(&a, "k", 1);
	pairs[0].key = value_make_text(t, &pos);
	pairs[0].val = value_make_bool(1, &pos);
	pairs[1].key = value_make_string(&a, "n", 1, &pos);
	pairs[1].val = value_make_real(2.5, &pos);
	v = value_make(VALUE_MAP, &pos);
	value_map_set(&a, &v, pairs, 2);
	memset(pairs, 0, sizeof(pairs));	/* the map has its own copy */
	TAP_CHECK(value_len(&v) == 2 && value_map_getz(&v, "n") != NULL &&
	    value_map_getz(&v, "n")->u.real == 2.5 &&
	    value_truthy(value_map_getz(&v, "k")) &&
	    value_map_getz(&v, "z") == NULL,
	    "a mapping holds copies of its pairs, found by key");
	TAP_CHECK(value_pair(&v, 0)->key.u.text == t,
	    "a shared text stays shared");

	items[0] = v;
	items[1] = value_make_int(1, NULL);
	seq = value_make(VALUE_SEQ, NULL);
	TAP_CHECK(value_len(&seq) == 0 && !value_truthy(&seq),
	    "a list with no items is empty and false");
	value_seq_set(&a, &seq, items, 2);
	TAP_CHECK(value_len(&seq) == 2 &&
	    value_item(&seq, 0)->u.map == v.u.map && value_truthy(&seq),
	    "a list's items share their children with the originals");
	TAP_CHECK(value_box(&a, &seq)->u.seq == seq.u.seq,
	    "value_box copies a node into the arena");
	v = value_make(VALUE_MAP, NULL);
	value_map_set(&a, &v, pairs, 0);
	TAP_CHECK(value_len(&v) == 0 && value_map_getz(&v, "k") == NULL,
	    "an empty mapping has no keys");
	arena_free(&a);
}

int
main(void)
{
	test_small();
	test_large();
	test_values();
	return tap_done();
}
