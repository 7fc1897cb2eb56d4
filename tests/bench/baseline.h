/* The baselines that tests/bench/lookup.c times the generated lookups against. */
#ifndef BENCH_BASELINE_H
#define BENCH_BASELINE_H

#include <stddef.h>

#define FLOOR_SIZE	600

struct bench_phrase {
	const char	*phrase;
	int		 code;
};

/* Rendered from the data into the bench build (data.c.mustache). */
extern const char *const floor_reasons[FLOOR_SIZE];
extern const struct bench_phrase bench_phrases[];
extern const size_t bench_nphrases;

/* The floor: floor_reasons[code] after a bounds check; NULL when unknown. */
const char	*floor_reason(int code);

/* The naive reverse lookup: strcasecmp against every phrase in turn;
 * returns the code or 0. */
int		 linear_from_reason(const char *s);

/* gperf --ignore-case over the same phrases (phrases.gperf.mustache):
 * returns the code or 0. */
int		 gperf_from_reason(const char *s, size_t len);

/* Returns NULL: the cost of a call and the loop around it. */
const char	*noop_reason(int code);

#endif
