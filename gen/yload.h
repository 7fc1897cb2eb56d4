/* The YAML loader: builds a located value tree from a YAML file with libyaml. */
#ifndef STATUSGEN_YLOAD_H
#define STATUSGEN_YLOAD_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "value.h"
#include "yorigin.h"

/*
 * Limits that keep hostile input from exhausting the stack or memory. A
 * field left 0 means its default, limits_default() of the limit named
 * beside it (see limits.h). max_depth also bounds the tree as its
 * readers see it: an alias counts the nesting of the node it names.
 *
 * max_alias_nodes bounds the nodes aliases stand for, in all, each alias
 * counting the whole subtree it names with the aliases inside that expanded
 * too ("aliases expand to more than N nodes"). Shared nodes keep the
 * tree small, but a walk over it visits a shared node once per parent, so
 * this is what stops an alias bomb.
 */
struct yload_limits {
	size_t	max_depth;	/* nesting of collections: LIMITS_YAML_DEPTH */
	size_t	max_bytes;	/* input size: LIMITS_INPUT */
	size_t	max_alias_nodes; /* aliases' nodes: LIMITS_ALIAS_NODES */
};

/* Fills in the defaults. */
void	yload_limits_default(struct yload_limits *lim);

/*
 * Parses one YAML document from src[0..len) and builds its tree in arena.
 * name is the path used in diagnostics (copied into the arena, so node
 * positions stay valid as long as the arena lives).
 *
 * Plain scalars resolve by the YAML 1.2 core schema (null, booleans,
 * integers in decimal, 0o and 0x, floats with .inf and .nan); quoted and
 * block scalars are strings; mapping keys are always strings (a tag on a
 * key is checked, but the key stays a string; "<<" is an ordinary key, not
 * a merge). Explicit standard tags (!!str !!int !!float !!bool !!null
 * !!seq !!map, and the non-specific !) are honoured; any other tag is an
 * error. An alias resolves to a copy of its anchored node, which shares
 * the anchor's text and children but is placed where the alias is (so a
 * message about it points there; yorigin_anchor() says where the
 * anchor is); an alias used as a key to a non-string scalar becomes a
 * string of the anchored text.
 *
 * Returns 0 and sets *root (a VALUE_NULL node at 1:1 for a stream with no
 * document). On error returns -1, leaves *root NULL, and reports every
 * problem to d as "NAME:LINE:COL: error: ..." (1-based): libyaml's syntax
 * errors at its problem mark, duplicate keys (with a note at the first),
 * a second document, unknown tags, undefined aliases, non-scalar keys,
 * integers out of range, and the limits above. Independent errors are all
 * reported; loading stops at a syntax error, a second document or a limit.
 * Memory already allocated in arena stays there and is released with the
 * arena. lim may be NULL for the defaults.
 */
int	yload_string(const char *name, const char *src, size_t len,
	    const struct yload_limits *lim, struct arena *arena,
	    struct diag *d, struct value **root);

/*
 * Reads the file at path and loads it as yload_string() does, naming it
 * path in diagnostics. A file that cannot be read is reported as
 * "PATH: error: cannot read: REASON" and returns -1.
 */
int	yload_file(const char *path, const struct yload_limits *lim,
	    struct arena *arena, struct diag *d, struct value **root);

/*
 * yload_string() and yload_file() that also set *origins (NULL on
 * error), in arena: the source facts of yorigin.h.
 */
int	yload_string_origins(const char *name, const char *src, size_t len,
	    const struct yload_limits *lim, struct arena *arena,
	    struct diag *d, struct value **root,
	    const struct yorigins **origins);
int	yload_file_origins(const char *path, const struct yload_limits *lim,
	    struct arena *arena, struct diag *d, struct value **root,
	    const struct yorigins **origins);

#endif
