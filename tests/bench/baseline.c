/* The baselines' code, compiled apart from the timing loops so that every contender is a call. */
#define _POSIX_C_SOURCE 200809L
#include <strings.h>

#include "baseline.h"

const char *
floor_reason(int code)
{
	return (unsigned)code < FLOOR_SIZE ? floor_reasons[code] : NULL;
}

int
linear_from_reason(const char *s)
{
	size_t i;

	for (i = 0; i < bench_nphrases; i++)
		if (strcasecmp(s, bench_phrases[i].phrase) == 0)
			return bench_phrases[i].code;
	return 0;
}

const char *
noop_reason(int code)
{
	(void)code;
	return NULL;
}
