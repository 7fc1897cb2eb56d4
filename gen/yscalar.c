/* The YAML 1.2 core schema: which plain scalars are null, booleans, integers and floats. */
#include "yscalar.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>


int
yscalar_is_null(const char *s, size_t n)
{
	static const char *const words[] = { "null", "Null", "NULL" };
	size_t i;

	if (n == 0 || (n == 1 && s[0] == '~'))
		return 1;
	if (n != 4)
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (memcmp(s, words[i], 4) == 0)
			return 1;
	return 0;
}

int
yscalar_is_bool(const char *s, size_t n, int *b)
{
	static const char *const words[] = {
		"false", "False", "FALSE", "true", "True", "TRUE"
	};
	size_t i;

	if (n != 4 && n != 5)
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if ((i < 3 ? 5 : 4) == n && memcmp(s, words[i], n) == 0) {
			*b = i >= 3;
			return 1;
		}
	return 0;
}

static int
digit(int c, int base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	else
		return -1;
	return v < base ? v : -1;
}

/*
 * Integers: [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+. Returns 1 with *out
 * set, 0 when s is not an integer, -1 when it is one too large for a long
 * long.
 */
int
yscalar_parse_int(const char *s, size_t n, long long *out)
{
	unsigned long long v = 0, max = LLONG_MAX, d;
	size_t i = 0;
	int base = 10, neg = 0, big = 0, k;

	if (n > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
		base = s[1] == 'o' ? 8 : 16;
		i = 2;
	} else if (n > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == n)
		return 0;
	if (neg)
		max++;		/* -LLONG_MIN */
	for (; i < n; i++) {
		if ((k = digit((unsigned char)s[i], base)) < 0)
			return 0;
		/* Read on: "99999999999999999999x" is a string, no error. */
		d = (unsigned long long)k;
		if (big || v > (max - d) / (unsigned long long)base)
			big = 1;
		else
			v = v * (unsigned long long)base + d;
	}
	if (big)
		return -1;
	if (neg)
		*out = v == max ? LLONG_MIN : -(long long)v;
	else
		*out = (long long)v;
	return 1;
}

static size_t
skip_digits(const char *s, size_t n, size_t *i)
{
	size_t start = *i;

	while (*i < n && s[*i] >= '0' && s[*i] <= '9')
		(*i)++;
	return *i - start;
}

/*
 * Floats: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?,
 * [-+]?\.(inf|Inf|INF) and \.(nan|NaN|NAN). s must be NUL-terminated at n.
 */
int
yscalar_parse_float(const char *s, size_t n, double *out)
{
	static const char *const infs[] = { ".inf", ".Inf", ".INF" };
	static const char *const nans[] = { ".nan", ".NaN", ".NAN" };
	size_t i = 0, k;
	int neg = 0;

	for (k = 0; k < 3; k++)
		if (n == 4 && memcmp(s, nans[k], 4) == 0) {
			*out = NAN;
			return 1;
		}
	if (n > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	for (k = 0; k < 3; k++)
		if (n - i == 4 && memcmp(s + i, infs[k], 4) == 0) {
			*out = neg ? -INFINITY : INFINITY;
			return 1;
		}
	if (i < n && s[i] == '.') {
		i++;
		if (skip_digits(s, n, &i) == 0)
			return 0;
	} else {
		if (skip_digits(s, n, &i) == 0)
			return 0;
		if (i < n && s[i] == '.') {
			i++;
			skip_digits(s, n, &i);
		}
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		if (skip_digits(s, n, &i) == 0)
			return 0;
	}
	if (i != n)
		return 0;
	/* The text is plain ASCII digits; strtod reads it (in the C locale). */
	*out = strtod(s, NULL);
	return 1;
}
