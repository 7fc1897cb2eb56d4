/* Values: the data tree. */
#include "value.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct value *
value_new(struct arena *a, enum value_kind kind, const struct srcpos *pos)
{
	struct value *v = arena_alloc_aligned(a, sizeof(*v),
	    _Alignof(struct value));

	v->kind = kind;
	if (pos != NULL)
		v->pos = *pos;
	return v;
}

struct value *
value_new_string(struct arena *a, const char *s, size_t len,
    const struct srcpos *pos)
{
	struct value *v = value_new(a, VALUE_STRING, pos);

	v->u.str.ptr = arena_strndup(a, s, len);
	v->u.str.len = len;
	return v;
}

struct value *
value_new_int(struct arena *a, long long n, const struct srcpos *pos)
{
	struct value *v = value_new(a, VALUE_INT, pos);

	v->u.integer = n;
	return v;
}

struct value *
value_new_bool(struct arena *a, int b, const struct srcpos *pos)
{
	struct value *v = value_new(a, VALUE_BOOL, pos);

	v->u.boolean = b != 0;
	return v;
}

void
value_seq_set(struct arena *a, struct value *seq, struct value *const *items,
    size_t n)
{
	struct value **copy = arena_alloc_aligned(a, n * sizeof(*items),
	    _Alignof(struct value *));

	if (n > 0)
		memcpy(copy, items, n * sizeof(*items));
	seq->u.seq.items = copy;
	seq->u.seq.len = n;
}

void
value_map_set(struct arena *a, struct value *map,
    const struct value_pair *pairs, size_t n)
{
	struct value_pair *copy = arena_alloc_aligned(a, n * sizeof(*pairs),
	    _Alignof(struct value_pair));

	if (n > 0)
		memcpy(copy, pairs, n * sizeof(*pairs));
	map->u.map.pairs = copy;
	map->u.map.len = n;
}

const struct value_pair *
value_map_find(const struct value *map, const char *key, size_t keylen)
{
	size_t i;

	if (map == NULL || map->kind != VALUE_MAP)
		return NULL;
	for (i = 0; i < map->u.map.len; i++) {
		const struct value *k = map->u.map.pairs[i].key;

		if (k->u.str.len == keylen &&
		    memcmp(k->u.str.ptr, key, keylen) == 0)
			return &map->u.map.pairs[i];
	}
	return NULL;
}

const struct value *
value_map_get(const struct value *map, const char *key, size_t keylen)
{
	const struct value_pair *p = value_map_find(map, key, keylen);

	return p != NULL ? p->val : NULL;
}

const struct value *
value_map_getz(const struct value *map, const char *key)
{
	return value_map_get(map, key, strlen(key));
}

int
value_truthy(const struct value *v)
{
	if (v == NULL)
		return 0;
	switch (v->kind) {
	case VALUE_NULL:
		return 0;
	case VALUE_BOOL:
		return v->u.boolean;
	case VALUE_SEQ:
		return v->u.seq.len > 0;
	default:
		return 1;
	}
}

/* The significant digits of a %g rendering, less its trailing zeros. */
static int
significant_digits(const char *s)
{
	int n = 0, zeros = 0, started = 0;

	for (; *s != '\0' && *s != 'e'; s++) {
		if (*s < '0' || *s > '9')
			continue;
		if (*s == '0' && !started)
			continue;
		started = 1;
		if (*s == '0')
			zeros++;
		else {
			n += zeros + 1;
			zeros = 0;
		}
	}
	return n > 0 ? n : 1;
}

/*
 * Is s, a %g rendering at DBL_DIG digits with prec significant ones, also
 * the rendering at prec? %g strips trailing zeros either way, so only the
 * notation can differ: fixed at DBL_DIG, scientific at prec when the
 * integer part has more than prec digits ("1000000" is "1e+06" at 1).
 */
static int
same_at(const char *s, int prec)
{
	size_t n;

	if (strchr(s, 'e') != NULL)
		return 1;
	if (*s == '-')
		s++;
	n = strcspn(s, ".");
	return s[0] == '0' || n <= (size_t)prec;
}

void
value_format_double(double d, struct buf *out)
{
	char tmp[64];
	int prec;

	if (isnan(d)) {
		buf_puts(out, "nan");
		return;
	}
	if (isinf(d)) {
		buf_puts(out, d < 0 ? "-inf" : "inf");
		return;
	}
	/*
	 * The shortest precision that reads back as the same double. When
	 * some precision p <= DBL_DIG does, the DBL_DIG-digit rendering is
	 * that one padded with zeros (the double is within half an ulp of
	 * it, less than half a unit of the DBL_DIG-th digit), so p is its
	 * count of significant digits: two tries instead of up to 15.
	 * Subnormals have fewer bits than that, and take the long way.
	 */
	snprintf(tmp, sizeof(tmp), "%.*g", DBL_DIG, d);
	if ((d == 0 || fabs(d) >= DBL_MIN) && strtod(tmp, NULL) == d) {
		prec = significant_digits(tmp);
		if (prec < DBL_DIG && !same_at(tmp, prec))
			snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		buf_puts(out, tmp);
		return;
	}
	for (prec = fabs(d) >= DBL_MIN ? DBL_DIG + 1 : 1;
	    prec <= DBL_DECIMAL_DIG; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	buf_puts(out, tmp);
}

/* Decimal digits without printf: integers are most of what templates print. */
static void
format_integer(long long n, struct buf *out)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n :
	    (unsigned long long)n;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (n < 0)
		*--p = '-';
	buf_append(out, p, (size_t)(tmp + sizeof(tmp) - p));
}

int
value_format(const struct value *v, struct buf *out)
{
	switch (v->kind) {
	case VALUE_NULL:
		return 0;
	case VALUE_BOOL:
		buf_puts(out, v->u.boolean ? "true" : "false");
		return 0;
	case VALUE_INT:
		format_integer(v->u.integer, out);
		return 0;
	case VALUE_FLOAT:
		value_format_double(v->u.real, out);
		return 0;
	case VALUE_STRING:
		buf_append(out, v->u.str.ptr, v->u.str.len);
		return 0;
	case VALUE_SEQ:
	case VALUE_MAP:
		break;
	}
	return -1;
}

const char *
value_kind_name(enum value_kind kind)
{
	switch (kind) {
	case VALUE_NULL:
		return "null";
	case VALUE_BOOL:
		return "a boolean";
	case VALUE_INT:
		return "an integer";
	case VALUE_FLOAT:
		return "a number";
	case VALUE_STRING:
		return "a string";
	case VALUE_SEQ:
		return "a list";
	case VALUE_MAP:
		return "a mapping";
	}
	return "a value";
}
