/* The timing loops of inline.c, each over n codes reps times, returning the sum of what it looked up. */
#ifndef BENCH_INLINE_H
#define BENCH_INLINE_H

#include <stddef.h>
#include <stdint.h>

uintptr_t	inline_reason_loop(const int *codes, size_t n, size_t reps);
uintptr_t	inline_line_len_loop(const int *codes, size_t n, size_t reps);
uintptr_t	inline_floor_loop(const int *codes, size_t n, size_t reps);

#endif
