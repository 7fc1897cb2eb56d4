/* Values: the data tree that the YAML loader builds, the model derives and templates read. */
#ifndef STATUSGEN_VALUE_H
#define STATUSGEN_VALUE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"

enum value_kind {
	VALUE_NULL,
	VALUE_BOOL,
	VALUE_INT,
	VALUE_FLOAT,
	VALUE_STRING,
	VALUE_SEQ,
	VALUE_MAP
};

/* A string's bytes, NUL-terminated, with its length (authoritative: the
 * bytes may contain NULs). Equal texts may share one (interned keys). */
struct value_text {
	size_t	len;
	char	bytes[];
};

struct value_seq;
struct value_map;

/*
 * A node of the tree. Nodes are kept small, because a large table is
 * many of them: so the node keeps only a line and a column, and the file
 * is the caller's to supply (value_pos), as one tree comes from one file.
 * Lists and mappings hold their children inline, not behind pointers.
 *
 * Nodes are immutable once built, and live in an arena: a YAML alias is
 * a copy of its anchor's node, which shares the anchor's children, so a
 * tree is a DAG and is never freed node by node. Mappings keep the order
 * of their source.
 *
 * Read a node through the accessors below; kind may be read directly.
 */
struct value {
	uint32_t	 line;		/* 1-based; 0: no source position */
	unsigned	 kind : 3;	/* an enum value_kind */
	unsigned	 col : 29;	/* 1-based, saturated */
	union {
		int			 boolean;
		long long		 integer;
		double			 real;
		const struct value_text	*text;	/* never NULL for a string */
		const struct value_seq	*seq;	/* NULL: the empty list */
		const struct value_map	*map;	/* NULL: the empty mapping */
	} u;
};

/* One entry of a mapping. key is always a VALUE_STRING node. */
struct value_pair {
	struct value	key;
	struct value	val;
};

struct value_seq {
	size_t		len;
	struct value	items[];
};

struct value_map {
	size_t			len;
	struct value_pair	pairs[];
};

/* ------------------------------------------------------- reading a node */

static inline enum value_kind
value_kind(const struct value *v)
{
	return (enum value_kind)v->kind;
}

/* A string's bytes (NUL-terminated) and length; v must be a string. */
static inline const char *
value_str(const struct value *v)
{
	return v->u.text->bytes;
}

static inline size_t
value_strlen(const struct value *v)
{
	return v->u.text->len;
}

/* The number of items of a list, or of pairs of a mapping; 0 for any
 * other kind. */
static inline size_t
value_len(const struct value *v)
{
	if (v->kind == VALUE_SEQ)
		return v->u.seq != NULL ? v->u.seq->len : 0;
	if (v->kind == VALUE_MAP)
		return v->u.map != NULL ? v->u.map->len : 0;
	return 0;
}

/* Item i of a list (i < value_len(v)). */
static inline const struct value *
value_item(const struct value *v, size_t i)
{
	return &v->u.seq->items[i];
}

/* Pair i of a mapping (i < value_len(v)). */
static inline const struct value_pair *
value_pair(const struct value *v, size_t i)
{
	return &v->u.map->pairs[i];
}

/* Where v came from, in file: line 0 (no position printed) for a node
 * made without one. */
struct srcpos	value_pos(const struct value *v, const char *file);

/* ------------------------------------------------------ building a node */

/*
 * Constructors return the node by value, to be stored in a list, a pair
 * or with value_box. pos may be NULL for a node without a position; its
 * file is not kept. Strings are copied into a (exits on OOM); value_text
 * makes a text to share between nodes.
 */
struct value	value_make_string(struct arena *a, const char *s, size_t len,
		    const struct srcpos *pos);
const struct value_text	*value_text(struct arena *a, const char *s,
			    size_t len);

/* The constructors of scalars are inline: a derived tree makes thousands.
 * A position's column saturates at what the field holds. */
static inline struct value
value_positioned(enum value_kind kind, const struct srcpos *pos)
{
	struct value v;

	memset(&v, 0, sizeof(v));
	v.kind = kind & 7u;
	if (pos != NULL) {
		v.line = pos->line;
		v.col = pos->col < (1u << 29) ? pos->col : (1u << 29) - 1;
	}
	return v;
}

static inline struct value
value_make(enum value_kind kind, const struct srcpos *pos)
{
	return value_positioned(kind, pos);
}

static inline struct value
value_make_text(const struct value_text *text, const struct srcpos *pos)
{
	struct value v = value_positioned(VALUE_STRING, pos);

	v.u.text = text;
	return v;
}

static inline struct value
value_make_int(long long n, const struct srcpos *pos)
{
	struct value v = value_positioned(VALUE_INT, pos);

	v.u.integer = n;
	return v;
}

static inline struct value
value_make_bool(int b, const struct srcpos *pos)
{
	struct value v = value_positioned(VALUE_BOOL, pos);

	v.u.boolean = b != 0;
	return v;
}

static inline struct value
value_make_real(double d, const struct srcpos *pos)
{
	struct value v = value_positioned(VALUE_FLOAT, pos);

	v.u.real = d;
	return v;
}

/* Give a VALUE_SEQ or VALUE_MAP node its children: the array is copied
 * into a (the children's own children are shared, not copied). */
void	value_seq_set(struct arena *a, struct value *seq,
	    const struct value *items, size_t n);
void	value_map_set(struct arena *a, struct value *map,
	    const struct value_pair *pairs, size_t n);

/* Copies v into a, for a caller that needs a node's address (a root). */
struct value	*value_box(struct arena *a, const struct value *v);

/* A list of items[0..n), copied into a as value_seq_set copies them. */
struct value	value_make_seq(struct arena *a, const struct value *items,
		    size_t n, const struct srcpos *pos);

/*
 * A mapping under construction, for a caller that derives a tree: its
 * pairs gather in the arena, in room that value_builder_finish() makes
 * the mapping itself (no copy); room outgrown is left unused. A pointer
 * to a pair put but not finished may move with the next put.
 */
struct value_builder {
	struct arena		*arena;
	struct value_map	*map;		/* the pairs so far, or NULL */
	size_t			 n, cap;
	/* The mapping finished last: a put shares its key at the same
	 * place when it is the same, and the next mapping gets room for as
	 * many pairs, so that a builder reused per record keeps one copy
	 * of each key and fits each record at once. */
	const struct value_map	*last;
};

void	value_builder_init(struct value_builder *b, struct arena *a);
/* Adds key (copied into the arena, or shared with the mapping finished
 * last, where it had the same key at this place) with v, or the pair p
 * as it is. */
void	value_builder_put(struct value_builder *b, const char *key,
	    struct value v);
void	value_builder_put_pair(struct value_builder *b,
	    const struct value_pair *p);
/* Returns the mapping of b's pairs, at pos (NULL: none), and empties b,
 * which is ready for the next mapping; nothing is left to free. */
struct value	value_builder_finish(struct value_builder *b,
		    const struct srcpos *pos);

/* -------------------------------------------------------------- queries */

/* Returns the value under key in map, or NULL when map is NULL, not a
 * mapping, or has no such key. */
const struct value	*value_map_get(const struct value *map,
			    const char *key, size_t keylen);
/* Like value_map_get, but returns the pair (for the key's position). */
const struct value_pair	*value_map_find(const struct value *map,
			    const char *key, size_t keylen);

/* value_map_get of a NUL-terminated key; inline, so that the length of
 * a literal key is the compiler's to count. */
static inline const struct value *
value_map_getz(const struct value *map, const char *key)
{
	return value_map_get(map, key, strlen(key));
}

/*
 * Mustache truthiness, as mustache.js and Python see it: NULL (an
 * undefined name), null, false, the number 0 (integer or float, -0.0 and
 * NaN too), the empty string and the empty list are false; everything
 * else is true, the empty mapping and the strings "0" and "false"
 * included.
 */
int	value_truthy(const struct value *v);

/*
 * Appends the text of a scalar to out: strings as they are, integers in
 * decimal, booleans "true"/"false", null as nothing, floats as
 * value_format_double() writes them. Returns 0, or -1 (appending
 * nothing) for a list or mapping.
 */
int	value_format(const struct value *v, struct buf *out);
/*
 * Appends d as a person reads it: the shortest decimal that reads back as
 * the same double, without an exponent unless the magnitude is extreme.
 * That is JavaScript's rule (Number.prototype.toString): 10.0 -> "10",
 * 1e6 -> "1000000", 1.210 -> "1.21", 1e-7 -> "1e-7", 1e21 -> "1e+21",
 * 1.5e300 -> "1.5e+300"; fixed notation from 1e-6 up to below 1e21.
 * Unlike JavaScript, -0.0 is "-0" (it reads back as -0.0), and the
 * others are "inf", "-inf" and "nan".
 */
void	value_format_double(double d, struct buf *out);

/*
 * Appends v as pretty JSON: two spaces of indentation per level, a
 * mapping's keys in their order, strings through the json escaper (the
 * caller supplies UTF-8), numbers as value_format() writes them and a
 * float that is not finite as null; an empty list is [], an empty mapping
 * {}. The same tree always gives the same bytes. The recursion is as deep
 * as the tree (which the loader's depth limit bounds); a tree shared
 * through aliases is written out in full. Returns 0, or -1 once out has
 * grown past max bytes (0: no limit), with out cut there.
 */
int	value_json(const struct value *v, size_t max, struct buf *out);

/* "null", "a boolean", "an integer", "a number", "a string", "a list",
 * "a mapping": for messages such as "expected a string, got a list". */
const char	*value_kind_name(enum value_kind kind);

#endif
