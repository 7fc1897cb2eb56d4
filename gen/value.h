/* Values: the data tree that the YAML loader builds, the model derives and templates read. */
#ifndef STATUSGEN_VALUE_H
#define STATUSGEN_VALUE_H

#include <stddef.h>

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

struct value;

/* One entry of a mapping. key is always a VALUE_STRING node. */
struct value_pair {
	struct value	*key;
	struct value	*val;
};

/*
 * A node of the tree, with the place it came from. Nodes live in an arena;
 * a node may have several parents (YAML aliases), so a tree is never freed
 * node by node. Strings are NUL-terminated but may contain NUL bytes: len
 * is authoritative. Mappings keep the order of their source.
 */
struct value {
	enum value_kind	 kind;
	struct srcpos	 pos;
	union {
		int		 boolean;
		long long	 integer;
		double		 real;
		struct {
			const char	*ptr;
			size_t		 len;
		} str;
		struct {
			struct value	**items;
			size_t		  len;
		} seq;
		struct {
			struct value_pair	*pairs;
			size_t			 len;
		} map;
	} u;
};

/* Constructors: allocate a node in a (never NULL; exits on OOM). pos may
 * be NULL for a node without a source position. Strings are copied. */
struct value	*value_new(struct arena *a, enum value_kind kind,
		    const struct srcpos *pos);
struct value	*value_new_string(struct arena *a, const char *s, size_t len,
		    const struct srcpos *pos);
struct value	*value_new_int(struct arena *a, long long n,
		    const struct srcpos *pos);
struct value	*value_new_bool(struct arena *a, int b,
		    const struct srcpos *pos);

/* Give a VALUE_SEQ or VALUE_MAP node its items: the array is copied into
 * the arena, the nodes it points at are shared, not copied. */
void	value_seq_set(struct arena *a, struct value *seq,
	    struct value *const *items, size_t n);
void	value_map_set(struct arena *a, struct value *map,
	    const struct value_pair *pairs, size_t n);

/* Returns the value under key in map, or NULL when map is NULL, not a
 * mapping, or has no such key. */
const struct value	*value_map_get(const struct value *map,
			    const char *key, size_t keylen);
const struct value	*value_map_getz(const struct value *map,
			    const char *key);
/* Like value_map_get, but returns the pair (for the key's position). */
const struct value_pair	*value_map_find(const struct value *map,
			    const char *key, size_t keylen);

/* Mustache truthiness: NULL, null, false and the empty list are false;
 * everything else (including "" and 0) is true. */
int	value_truthy(const struct value *v);

/*
 * Appends the text of a scalar to out: strings as they are, integers in
 * decimal, floats in their shortest round-trip form (1.210 -> "1.21",
 * 1e300 -> "1e+300", .inf -> "inf"), booleans "true"/"false", null as
 * nothing. Returns 0, or -1 (appending nothing) for a list or mapping.
 */
int	value_format(const struct value *v, struct buf *out);
void	value_format_double(double d, struct buf *out);

/* "null", "a boolean", "an integer", "a number", "a string", "a list",
 * "a mapping": for messages such as "expected a string, got a list". */
const char	*value_kind_name(enum value_kind kind);

#endif
