/* Mustache compiler: tokens to the node trees that the renderer walks. */
#ifndef STATUSGEN_MTREE_H
#define STATUSGEN_MTREE_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "text.h"

enum mtree_type {
	MTREE_TEXT,
	MTREE_VAR,		/* {{name}}: escaped unless filtered */
	MTREE_RAW,		/* {{{name}}} and {{&name}} */
	MTREE_SECTION,
	MTREE_INVERTED,
	MTREE_PARTIAL,
	MTREE_PARENT,		/* {{<name}}: kids are its argument blocks */
	MTREE_BLOCK		/* {{$name}}: kids are its default content */
};

enum mtree_special {
	MTREE_PLAIN,
	MTREE_INDEX,		/* -index */
	MTREE_FIRST,		/* -first */
	MTREE_LAST		/* -last */
};

struct mtree_segment {
	const char	*ptr;
	size_t		 len;
	size_t		 id;	/* numbers the environment's segments */
};

/* A name as written in a tag: ".", or dot-separated segments. */
struct mtree_path {
	const char		*text;	/* the whole name, for messages */
	size_t			 len;
	struct mtree_segment	*segs;
	size_t			 nsegs;	/* 0 for "." */
	enum mtree_special	 special;
};

typedef void (*mtree_filter_fn)(const char *s, size_t len, struct buf *out);

/* A filter: fn, or when fn is NULL the escaper esc. */
struct mtree_filter {
	mtree_filter_fn	 fn;
	enum text_escape esc;
};

struct mtree_node {
	enum mtree_type		 type;
	struct srcpos		 pos;
	const char		*text;		/* TEXT: the text */
	size_t			 len;
	struct mtree_path	 path;		/* tags: the name */
	struct mtree_filter	*filters;
	size_t			 nfilters;
	struct mtree_node	*kids;
	size_t			 nkids;
	/* PARTIAL, PARENT: the blanks before a standalone tag. BLOCK:
	 * what override content is indented by where it is expanded. */
	const char		*indent;
	size_t			 indent_len;
	unsigned		 dynamic : 1;	/* partial or parent named by data */
	unsigned		 standalone : 1;
	/* The current indentation goes before the node, or at the end
	 * of its content (see mlex_token). */
	unsigned		 indent_first : 1;
	unsigned		 indent_end : 1;
};

struct mustache_template {
	const char		*name;
	struct mtree_node	*nodes;
	size_t			 nnodes;
};

/*
 * Compiles src[0..len) into a template allocated in a, with name and
 * source copied there too. *nsegments numbers the name segments of every
 * template of one environment (the renderer keeps a hint per segment).
 * Returns the template, or NULL after reporting every error to d (see
 * mustache_compile() for the kinds); nesting deeper than max_depth is one.
 */
const struct mustache_template *mtree_compile(struct arena *a,
		    size_t *nsegments, size_t max_depth, struct diag *d,
		    const char *name, const char *src, size_t len);

/* "upper, lower, ...": the filters' names, for messages and help. */
void	mtree_filter_names(struct buf *out);

#endif
