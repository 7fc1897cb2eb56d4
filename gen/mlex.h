/* Mustache tokenizer: template text to tokens, with tags paired and the standalone-line rules applied. */
#ifndef STATUSGEN_MLEX_H
#define STATUSGEN_MLEX_H

#include <stdarg.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"

/* The longest delimiter a set-delimiter tag may set, in bytes. */
#define MLEX_MAX_DELIM	64

enum mlex_type {
	MLEX_TEXT,
	MLEX_VAR,		/* {{name}} */
	MLEX_RAW,		/* {{{name}}} and {{&name}} */
	MLEX_SECTION,
	MLEX_INVERTED,
	MLEX_CLOSE,
	MLEX_COMMENT,
	MLEX_PARTIAL,
	MLEX_PARENT,		/* {{<name}} */
	MLEX_BLOCK,		/* {{$name}} */
	MLEX_DELIM		/* {{=<% %>=}} */
};

/*
 * A token is a span of the source. Text tokens never cross a line end:
 * each ends at (and includes) a newline or at a tag, so that the
 * standalone rules can look at one line at a time.
 */
struct mlex_token {
	enum mlex_type	 type;
	size_t		 start, end;	/* TEXT: what remains after stripping */
	size_t		 name, name_len; /* tags: trimmed content after the sigil */
	unsigned	 line, col;
	size_t		 match;		/* open <-> close tag index, or -1 */
	size_t		 line_first;	/* index of the first token of its line */
	/*
	 * Indentation: for a standalone partial or parent, the blanks that
	 * preceded the tag; for a block, what its override content is
	 * indented by where it is expanded.
	 */
	size_t		 indent, indent_len;
	unsigned	 newline : 1;	/* TEXT: ends with a line end */
	unsigned	 in_parent : 1;	/* directly inside a parent: ignored */
	unsigned	 is_arg : 1;	/* BLOCK directly inside a parent */
	unsigned	 standalone : 1;
	unsigned	 removed : 1;	/* blanks of a standalone line */
	unsigned	 stripped : 1;	/* the blanks before it were removed */
	unsigned	 clear_left : 1; /* only blank text before it on its line */
	unsigned	 clear_right : 1; /* and after it */
	/*
	 * Where the source lines of a template start: the current
	 * indentation goes before this token (indent_first), or, for an
	 * opening tag, at the end of its content, before the closing tag
	 * that starts a line (indent_end).
	 */
	unsigned	 indent_first : 1;
	unsigned	 indent_end : 1;
};

struct mlex {
	struct diag		*d;
	const char		*name;		/* for diagnostics */
	const char		*src;
	size_t			 len;
	struct mlex_token	*toks;
	size_t			 ntoks, cap;
	int			 errors;
	int			 stopped;	/* at a tag never closed */
	/* The tokenizer's position, for line and column numbers. */
	size_t			 at;
	unsigned		 line, col;
};

/*
 * Tokenizes src[0..len) (not copied: it must outlive lx), named name in
 * diagnostics, and pairs its tags. Sections, inverted sections, parents
 * and blocks nested more than max_depth deep are an error. Reports every
 * error to d at its tag and returns the number of them; when there is
 * none, the standalone and indentation rules have been applied too. lx
 * owns the tokens: free them with mlex_free() whatever the result.
 */
int	mlex_scan(struct mlex *lx, const char *name, const char *src,
	    size_t len, size_t max_depth, struct diag *d);
void	mlex_free(struct mlex *lx);

/* Where token t starts, for diagnostics. */
struct srcpos	mlex_pos(const struct mlex *lx, const struct mlex_token *t);

/* Reports an error at token t and counts it in lx->errors. */
void	mlex_error(struct mlex *lx, const struct mlex_token *t,
	    const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/*
 * Appends name[0..len) for a message: quoted, escaped and shortened by
 * text_show(), so that a NUL or a newline in a tag neither truncates nor
 * forges the message. Returns buf_cstr(out).
 */
const char	*mlex_show(const char *name, size_t len, struct buf *out);

/* Is ch a blank that tag names are trimmed of? */
int	mlex_is_space(int ch);

#endif
