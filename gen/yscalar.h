/* The YAML 1.2 core schema: which plain scalars are null, booleans, integers and floats. */
#ifndef STATUSGEN_YSCALAR_H
#define STATUSGEN_YSCALAR_H

#include <stddef.h>

/* Each reads the text s[0..n) of a plain scalar; none allocates. */

/* 1 when s is null ("", "~", null, Null, NULL), else 0. */
int	yscalar_is_null(const char *s, size_t n);

/* 1 with *b set when s is a boolean (true/false in three cases), else 0. */
int	yscalar_is_bool(const char *s, size_t n, int *b);

/*
 * Integers: [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+. Returns 1 with *out
 * set, 0 when s is not an integer, -1 when it is one too large for a long
 * long.
 */
int	yscalar_parse_int(const char *s, size_t n, long long *out);

/*
 * Floats: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?,
 * [-+]?\.(inf|Inf|INF) and \.(nan|NaN|NAN). s must be NUL-terminated at n.
 * Returns 1 with *out set, else 0.
 */
int	yscalar_parse_float(const char *s, size_t n, double *out);

#endif
