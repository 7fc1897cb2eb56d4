/* inline.c: the lookups with HTTP_STATUS_STATIC, inlined into the timing loops, beside a bare array in the same kind of loop (make bench). */
#include <stdint.h>

#define HTTP_STATUS_STATIC
#include "baseline.h"
#include "http_status.h"
#include "inline.h"

/*
 * These loops are compiled with the header's static functions, so the
 * compiler inlines each lookup into its loop; the floor loop indexes the
 * bare array in the same loop, so that the ratio is of the lookups alone.
 */
#define INLINE_LOOP(fn, expr)						\
uintptr_t								\
fn(const int *codes, size_t n, size_t reps)				\
{									\
	uintptr_t acc = 0;						\
	size_t r, i;							\
									\
	for (r = 0; r < reps; r++)					\
		for (i = 0; i < n; i++) {				\
			int c = codes[i];				\
									\
			acc += (uintptr_t)(expr);			\
		}							\
	return acc;							\
}

INLINE_LOOP(inline_reason_loop, http_status_reason(c))
INLINE_LOOP(inline_line_len_loop, http_status_line_len(c))
INLINE_LOOP(inline_floor_loop, (unsigned)c < FLOOR_SIZE ? floor_reasons[c] :
    NULL)
