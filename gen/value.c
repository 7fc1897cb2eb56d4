/* Values: the data tree. */
#include "value.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

struct srcpos
value_pos(const struct value *v, const char *file)
{
	struct srcpos pos;

	pos.file = file;
	pos.line = v->line;
	pos.col = v->col;
	return pos;
}

const struct value_text *
value_text(struct arena *a, const char *s, size_t len)
{
	struct value_text *t = arena_alloc_raw(a,
	    sizeof(*t) + len + 1, _Alignof(struct value_text));

	t->len = len;
	if (len > 0)
		memcpy(t->bytes, s, len);
	t->bytes[len] = '\0';
	return t;
}

struct value
value_make_string(struct arena *a, const char *s, size_t len,
    const struct srcpos *pos)
{
	return value_make_text(value_text(a, s, len), pos);
}

void
value_seq_set(struct arena *a, struct value *seq, const struct value *items,
    size_t n)
{
	struct value_seq *copy;

	if (n == 0) {
		seq->u.seq = NULL;
		return;
	}
	copy = arena_alloc_raw(a, sizeof(*copy) + n * sizeof(*items),
	    _Alignof(struct value_seq));
	copy->len = n;
	memcpy(copy->items, items, n * sizeof(*items));
	seq->u.seq = copy;
}

void
value_map_set(struct arena *a, struct value *map,
    const struct value_pair *pairs, size_t n)
{
	struct value_map *copy;

	if (n == 0) {
		map->u.map = NULL;
		return;
	}
	copy = arena_alloc_raw(a, sizeof(*copy) + n * sizeof(*pairs),
	    _Alignof(struct value_map));
	copy->len = n;
	memcpy(copy->pairs, pairs, n * sizeof(*pairs));
	map->u.map = copy;
}

struct value *
value_box(struct arena *a, const struct value *v)
{
	struct value *box = arena_alloc_raw(a, sizeof(*box),
	    _Alignof(struct value));

	*box = *v;
	return box;
}

struct value
value_make_seq(struct arena *a, const struct value *items, size_t n,
    const struct srcpos *pos)
{
	struct value v = value_make(VALUE_SEQ, pos);

	value_seq_set(a, &v, items, n);
	return v;
}

void
value_builder_init(struct value_builder *b, struct arena *a)
{
	b->arena = a;
	b->map = NULL;
	b->n = b->cap = 0;
	b->last = NULL;
}

/* The next pair's place: the room grows when it is full. */
static struct value_pair *
builder_slot(struct value_builder *b)
{
	struct value_map *room;
	size_t cap;

	if (b->n == b->cap) {
		cap = b->cap ? b->cap * 2 : b->last != NULL &&
		    b->last->len > 8 ? b->last->len : 8;
		room = arena_alloc_raw(b->arena, sizeof(*room) +
		    cap * sizeof(room->pairs[0]), _Alignof(struct value_map));
		if (b->n > 0)
			memcpy(room->pairs, b->map->pairs,
			    b->n * sizeof(room->pairs[0]));
		b->map = room;
		b->cap = cap;
	}
	return &b->map->pairs[b->n++];
}

void
value_builder_put_pair(struct value_builder *b, const struct value_pair *p)
{
	*builder_slot(b) = *p;
}

void
value_builder_put(struct value_builder *b, const char *key, struct value v)
{
	const struct value_map *last = b->last;
	const struct value_text *same = NULL;
	size_t len = strlen(key), at = b->n;
	struct value_pair *p;

	if (last != NULL && at < last->len &&
	    last->pairs[at].key.u.text->len == len &&
	    memcmp(last->pairs[at].key.u.text->bytes, key, len) == 0)
		same = last->pairs[at].key.u.text;
	p = builder_slot(b);
	p->key = same != NULL ? value_make_text(same, NULL) :
	    value_make_string(b->arena, key, len, NULL);
	p->val = v;
}

struct value
value_builder_finish(struct value_builder *b, const struct srcpos *pos)
{
	struct value m = value_make(VALUE_MAP, pos);

	if (b->n > 0) {
		b->map->len = b->n;
		m.u.map = b->map;
		b->last = b->map;
	} else {
		m.u.map = NULL;
	}
	b->map = NULL;
	b->n = b->cap = 0;
	return m;
}

const struct value_pair *
value_map_find(const struct value *map, const char *key, size_t keylen)
{
	size_t i;

	if (map == NULL || map->kind != VALUE_MAP || map->u.map == NULL)
		return NULL;
	for (i = 0; i < map->u.map->len; i++) {
		const struct value_text *k = map->u.map->pairs[i].key.u.text;

		/* The first byte before memcmp: most keys differ there. */
		if (k->len == keylen && (keylen == 0 || (k->bytes[0] == key[0] &&
		    memcmp(k->bytes, key, keylen) == 0)))
			return &map->u.map->pairs[i];
	}
	return NULL;
}

const struct value *
value_map_get(const struct value *map, const char *key, size_t keylen)
{
	const struct value_pair *p = value_map_find(map, key, keylen);

	return p != NULL ? &p->val : NULL;
}

int
value_truthy(const struct value *v)
{
	if (v == NULL)
		return 0;
	switch (value_kind(v)) {
	case VALUE_NULL:
		return 0;
	case VALUE_BOOL:
		return v->u.boolean;
	case VALUE_INT:
		return v->u.integer != 0;
	case VALUE_FLOAT:
		/* NaN compares unequal to everything, 0 too: falsy as well. */
		return v->u.real < 0 || v->u.real > 0;
	case VALUE_STRING:
		return value_strlen(v) > 0;
	case VALUE_SEQ:
		return v->u.seq != NULL;
	case VALUE_MAP:
		return 1;
	}
	return 1;
}

/* ------------------------------------------------------------ numbers */

/*
 * The common case without printf: a double that some decimal of at most
 * DBL_DIG significant digits and k <= 8 decimals reads back as. Its
 * shortest form is the one with the fewest decimals, n / 10^k for the
 * smallest such k: n and 10^k are exact doubles, and IEEE division rounds
 * correctly, as strtod does, so the division is equal to d exactly when
 * the decimal reads back as d. And no two decimals of DBL_DIG digits read
 * back as one double, so this is the number the general path below
 * prints; in this range, that path writes no exponent either. Returns 0
 * when d is not such a double.
 */
static int
format_short_fixed(double d, struct buf *out)
{
	static const double pow10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
	    1e7, 1e8 };
	char tmp[32], *p = tmp + sizeof(tmp);
	double mag = fabs(d), scaled;
	unsigned long long n = 0;
	int i, k;

	if (!(mag >= 1e-4 && mag < 1e15))
		return 0;
	for (k = 0; k < (int)(sizeof(pow10) / sizeof(pow10[0])); k++) {
		scaled = mag * pow10[k];
		if (scaled >= 1e15)
			return 0;
		n = (unsigned long long)(scaled + 0.5);
		if ((double)n / pow10[k] == mag)
			break;
	}
	if (k == (int)(sizeof(pow10) / sizeof(pow10[0])))
		return 0;
	for (i = 0; i < k; i++) {
		*--p = (char)('0' + n % 10);
		n /= 10;
	}
	if (k > 0)
		*--p = '.';
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n != 0);
	if (d < 0)
		*--p = '-';
	buf_append(out, p, (size_t)(tmp + sizeof(tmp) - p));
	return 1;
}

/*
 * The shortest decimal that reads back as mag (finite, > 0): its
 * significant digits, without trailing zeros, in digits (NUL-terminated),
 * and the exponent point such that mag = 0.DIGITS x 10^point. Of the
 * decimals with that many digits, it is the nearest to mag (printf
 * rounds correctly). When one of DBL_DIG digits reads back, the rendering
 * at DBL_DIG digits is the shortest one padded with zeros: no two
 * decimals of DBL_DIG digits read back as one double. Subnormals have
 * fewer bits than that, and take the long way from one digit.
 */
static void
shortest_digits(double mag, char digits[DBL_DECIMAL_DIG + 1], int *point)
{
	char tmp[64], *e;
	size_t n = 0, i;
	int prec;

	for (prec = mag >= DBL_MIN ? DBL_DIG : 1; prec < DBL_DECIMAL_DIG;
	    prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, mag);
		if (strtod(tmp, NULL) == mag)
			break;
	}
	if (prec == DBL_DECIMAL_DIG)
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, mag);
	e = strchr(tmp, 'e');
	for (i = 0; tmp + i < e; i++)
		if (tmp[i] != '.')
			digits[n++] = tmp[i];
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
	*point = atoi(e + 1) + 1;
}

void
value_format_double(double d, struct buf *out)
{
	char digits[DBL_DECIMAL_DIG + 1];
	int point, k, i;

	if (isnan(d)) {
		buf_puts(out, "nan");
		return;
	}
	if (signbit(d))
		buf_putc(out, '-');
	if (isinf(d)) {
		buf_puts(out, "inf");
		return;
	}
	if (d == 0) {
		buf_putc(out, '0');
		return;
	}
	if (format_short_fixed(fabs(d), out))
		return;
	shortest_digits(fabs(d), digits, &point);
	k = (int)strlen(digits);
	if (k <= point && point <= 21) {
		buf_puts(out, digits);
		for (i = k; i < point; i++)
			buf_putc(out, '0');
	} else if (0 < point && point <= 21) {
		buf_append(out, digits, (size_t)point);
		buf_putc(out, '.');
		buf_puts(out, digits + point);
	} else if (-6 < point && point <= 0) {
		buf_puts(out, "0.");
		for (i = point; i < 0; i++)
			buf_putc(out, '0');
		buf_puts(out, digits);
	} else {
		buf_putc(out, digits[0]);
		if (k > 1) {
			buf_putc(out, '.');
			buf_puts(out, digits + 1);
		}
		buf_printf(out, "e%c%d", point - 1 < 0 ? '-' : '+',
		    point - 1 < 0 ? 1 - point : point - 1);
	}
}

/* Decimal digits without printf, straight into the buffer: integers are
 * most of what templates print. */
static void
format_integer(long long n, struct buf *out)
{
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n :
	    (unsigned long long)n, t;
	size_t len = 1 + (n < 0);
	char *d;

	for (t = u; t >= 10; t /= 10)
		len++;
	if (out->data == NULL || out->cap - out->len <= len)
		buf_reserve(out, len);
	d = out->data + out->len + len;
	*d = '\0';
	do {
		*--d = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (n < 0)
		*--d = '-';
	out->len += len;
}

int
value_format(const struct value *v, struct buf *out)
{
	switch (value_kind(v)) {
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
		buf_append(out, v->u.text->bytes, v->u.text->len);
		return 0;
	case VALUE_SEQ:
	case VALUE_MAP:
		break;
	}
	return -1;
}

/* ------------------------------------------------------------- JSON */

/* The bytes a JSON string holds as they are: printable ASCII but '"'
 * and '\\' (0x22, 0x5c), not DEL. */
static const unsigned char json_as_is[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
};

/* Room for n more bytes and the NUL, without a call when there is. */
static char *
json_room(struct buf *out, size_t n)
{
	if (out->data == NULL || out->cap - out->len <= n)
		buf_reserve(out, n);
	return out->data + out->len;
}

/* A separator (a comma unless first), a newline and the indentation of
 * depth, written at once: the context nests deep, and this precedes
 * every value. */
static void
json_indent(unsigned depth, int first, struct buf *out)
{
	size_t n = 1 + 2 * (size_t)depth + !first;
	char *d = json_room(out, n);

	if (!first)
		*d++ = ',';
	*d++ = '\n';
	memset(d, ' ', 2 * (size_t)depth);
	out->len += n;
	out->data[out->len] = '\0';
}

/* s[0..len) quoted, followed by ": " for a key; a run of bytes that need
 * no escape is copied as it is read, and the escaper takes over at the
 * first that does. */
static void
json_string(const char *s, size_t len, int key, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	char *d = json_room(out, len + 4);
	size_t i;

	*d++ = '"';
	/* Eight bytes a step while none of them needs an escape: a control
	 * byte, '"', '\\', DEL or a byte from 0x80 (a zero byte of x ^ c
	 * sets its bit 7 in (y - ones) & ~y; a false alarm only sends the
	 * word to the byte loop). */
	for (i = 0; i + 8 <= len; i += 8) {
		const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
		uint64_t x, q, b, del;

		memcpy(&x, p + i, 8);
		q = x ^ (ones * '"');
		b = x ^ (ones * '\\');
		del = x ^ (ones * 0x7f);
		if ((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) |
		    ((b - ones) & ~b) | ((del - ones) & ~del) | x) & high)
			break;
		memcpy(d + i, &x, 8);
	}
	for (; i < len && json_as_is[p[i]]; i++)
		d[i] = (char)p[i];
	out->len += 1 + i;
	if (i < len) {
		text_escape(TEXT_ESCAPE_JSON, s + i, len - i, out);
		d = json_room(out, 3);
	} else {
		d += i;
	}
	*d++ = '"';
	if (key) {
		*d++ = ':';
		*d++ = ' ';
	}
	out->len += key ? 3 : 1;
	out->data[out->len] = '\0';
}

static int
json_node(const struct value *v, unsigned depth, size_t max, struct buf *out)
{
	size_t i, n = value_len(v);

	if (max != 0 && out->len > max)
		return -1;
	switch (value_kind(v)) {
	case VALUE_NULL:
		buf_append(out, "null", 4);
		return 0;
	case VALUE_FLOAT:
		if (!isfinite(v->u.real)) {
			buf_append(out, "null", 4);
			return 0;
		}
		/* FALLTHROUGH */
	case VALUE_BOOL:
	case VALUE_INT:
		return value_format(v, out);
	case VALUE_STRING:
		json_string(value_str(v), value_strlen(v), 0, out);
		return 0;
	case VALUE_SEQ:
	case VALUE_MAP:
		break;
	}
	buf_putc(out, v->kind == VALUE_SEQ ? '[' : '{');
	for (i = 0; i < n; i++) {
		const struct value *item = v->kind == VALUE_SEQ ?
		    value_item(v, i) : &value_pair(v, i)->val;

		json_indent(depth + 1, i == 0, out);
		if (v->kind == VALUE_MAP)
			json_string(value_str(&value_pair(v, i)->key),
			    value_strlen(&value_pair(v, i)->key), 1, out);
		if (json_node(item, depth + 1, max, out) != 0)
			return -1;
	}
	if (n > 0) {
		json_indent(depth, 1, out);
	}
	buf_putc(out, v->kind == VALUE_SEQ ? ']' : '}');
	return 0;
}

int
value_json(const struct value *v, size_t max, struct buf *out)
{
	size_t start = out->len;

	if (json_node(v, 0, max == 0 ? 0 : start + max, out) != 0 ||
	    (max != 0 && out->len - start > max)) {
		out->len = start + max;
		out->data[out->len] = '\0';
		return -1;
	}
	buf_putc(out, '\n');
	return 0;
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
