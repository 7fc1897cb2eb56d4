/* Unit tests for the allocation wrappers (xalloc): never NULL, and an exit with status 2 when memory runs out. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "tap.h"
#include "xalloc.h"

static void
test_allocations(void)
{
	char *p, *q;
	int *v;
	size_t i;
	int zeroed = 1;

	p = xmalloc(0);
	q = xcalloc(0, 0);
	TAP_CHECK(p != NULL && q != NULL, "zero bytes give freeable pointers");
	free(p);
	free(q);
	v = xcalloc(100, sizeof(*v));
	for (i = 0; i < 100; i++)
		zeroed &= v[i] == 0;
	TAP_CHECK(zeroed, "xcalloc zeroes");
	v[99] = 7;
	v = xrealloc(v, 1000 * sizeof(*v));
	TAP_CHECK(v[99] == 7, "xrealloc keeps the content");
	free(v);

	p = xstrdup("abc");
	q = xstrndup("abcdef", 2);
	TAP_CHECK(strcmp(p, "abc") == 0 && strcmp(q, "ab") == 0,
	    "xstrdup copies, xstrndup copies len bytes and a NUL");
	free(p);
	free(q);
	q = xstrndup("a\0b", 3);
	TAP_CHECK(memcmp(q, "a\0b", 4) == 0, "xstrndup copies NUL bytes too");
	free(q);
}

static void
test_grow(void)
{
	size_t cap = 0, i, last = 0;
	int *v = NULL, *same;
	int doubled = 1, intact = 1;

	v = xgrow(v, &cap, 1, sizeof(*v));
	TAP_CHECK(v != NULL && cap == 8, "the first growth makes room for 8");
	same = v;
	TAP_CHECK(xgrow(v, &cap, 8, sizeof(*v)) == same && cap == 8,
	    "no growth when there is room");
	for (i = 0; i < 10000; i++) {
		v = xgrow(v, &cap, i + 1, sizeof(*v));
		v[i] = (int)i;
		if (cap != last) {
			doubled &= last == 0 || cap == 2 * last;
			last = cap;
		}
	}
	for (i = 0; i < 10000; i++)
		intact &= v[i] == (int)i;
	TAP_CHECK(doubled && cap == 16384, "the capacity doubles: %zu", cap);
	TAP_CHECK(intact, "growing keeps the elements");
	v = xgrow(v, &cap, 100000, sizeof(*v));
	TAP_CHECK(cap == 131072, "a large need is met at once: %zu", cap);
	free(v);
}

static void
grow_past_size_max(void)
{
	size_t cap = 0;

	(void)xgrow(NULL, &cap, SIZE_MAX, 1);
}

static void
grow_past_bytes(void)
{
	size_t cap = 0;

	/* The count fits, the count times the size does not. */
	(void)xgrow(NULL, &cap, SIZE_MAX / 8, 16);
}

int
main(void)
{
	test_allocations();
	test_grow();
	check_out_of_memory(grow_past_size_max, "a count that cannot double");
	check_out_of_memory(grow_past_bytes, "a size that overflows");
	return tap_done();
}
