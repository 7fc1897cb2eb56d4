/* Source facts beside a value tree, and the messages they place. */
#ifndef STATUSGEN_YORIGIN_H
#define STATUSGEN_YORIGIN_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "value.h"

/*
 * What the YAML loader knows of the source beyond the tree, for messages
 * about its values: the text a non-string scalar was written as, where it
 * does not read back the same ("404.0", "0x194", "True"), and each alias,
 * with the place and name of its anchor. Nodes keep only a line and a
 * column, so the facts are found by those (and the node's kind, as a
 * mapping starts where its first key does).
 */
struct yorigin {
	uint32_t	 line, col, aline, acol;
	unsigned	 kind;
	const char	*text;		/* source text, or anchor name */
	size_t		 len;
};

struct yorigin_list {
	struct yorigin	*v;
	size_t		 n, cap;
};

/* The facts of one load, in its arena (yorigin_keep()), read-only. */
struct yorigins {
	struct yorigin_list	 texts, aliases;
};

/*
 * Adds to list (heap-owned while the load runs) the fact about v: text
 * (not copied: it must live as long as the facts, in the arena) and, for
 * an alias, anchor, the node it copied (NULL otherwise).
 */
void	yorigin_add(struct yorigin_list *list, const struct value *v,
	    const char *text, size_t len, const struct value *anchor);

/*
 * Copies both lists into arena, sorted by place, and returns the facts;
 * the lists stay the caller's to free (free(list->v)).
 */
const struct yorigins *yorigin_keep(struct arena *arena,
	    const struct yorigin_list *texts,
	    const struct yorigin_list *aliases);

/*
 * The source text of the non-string scalar v as the user wrote it: sets
 * *s (not NUL-terminated) and *len and returns 1, or returns 0 when v's
 * own formatting (value_format) reads the same, or o is NULL.
 */
int	yorigin_text(const struct yorigins *o, const struct value *v,
	    const char **s, size_t *len);

/*
 * Whether v is the copy an alias made: returns 1 and sets *anchor to the
 * anchored node's line and column (file NULL) and *name to the anchor's
 * name (arena-owned, NUL-terminated), or returns 0 (also when o is NULL).
 */
int	yorigin_anchor(const struct yorigins *o, const struct value *v,
	    struct srcpos *anchor, const char **name);

/*
 * Messages about the nodes of one loaded file (file, with its origins,
 * which may be NULL). An error at a node an alias copied is placed there,
 * at the alias, with a note at its anchor. A node inside an entry that an
 * alias copied (via, the copy, or NULL) is the anchor's own: the message
 * goes at via, the note at the node.
 */
struct yorigin_diag {
	struct diag		*d;
	const char		*file;
	const struct yorigins	*origins;
	const struct value	*via;
};

void	yorigin_error(const struct yorigin_diag *r, const struct value *v,
	    const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* A note, placed the same way, with no note of its own. */
void	yorigin_note(const struct yorigin_diag *r, const struct value *v,
	    const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/*
 * Appends what v is, for "got ...": a string quoted by text_quote(), a
 * number or boolean as the user wrote it (404.0 is not 404; o may be
 * NULL, and then it is as value_format() writes it), or its kind's name.
 */
void	yorigin_describe(const struct yorigins *o, const struct value *v,
	    struct buf *out);

#endif
