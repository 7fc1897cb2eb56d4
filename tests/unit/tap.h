/* A tiny TAP producer for the unit tests: one "ok"/"not ok" line per check. */
#ifndef STATUSGEN_TAP_H
#define STATUSGEN_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_count;
static int tap_failed;

/*
 * Records one check: prints "ok N - what" or "not ok N - what" and returns
 * cond, so a test can stop early when later checks depend on this one.
 */
#define TAP_CHECK(cond, ...) tap_check_((cond) != 0, __FILE__, __LINE__, __VA_ARGS__)

static int
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
tap_check_(int ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	printf("%s %d - ", ok ? "ok" : "not ok", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!ok) {
		tap_failed++;
		printf(" (%s:%d)", file, line);
	}
	putchar('\n');
	fflush(stdout);
	return ok;
}

/* Prints the plan line and returns the exit status for main(). */
static int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
