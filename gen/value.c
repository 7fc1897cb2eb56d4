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
	struct value *v = arena_alloc(a, sizeof(*v));

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
	seq->u.seq.items = arena_memdup(a, items, n * sizeof(*items));
	seq->u.seq.len = n;
}

void
value_map_set(struct arena *a, struct value *map,
    const struct value_pair *pairs, size_t n)
{
	map->u.map.pairs = arena_memdup(a, pairs, n * sizeof(*pairs));
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
	/* The shortest precision that reads back as the same double. */
	for (prec = 1; prec <= DBL_DECIMAL_DIG; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	buf_puts(out, tmp);
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
		buf_printf(out, "%lld", v->u.integer);
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
