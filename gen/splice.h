/* Marked regions in a project's own files: marker styles by extension, regions found, files put back together. */
#ifndef STATUSGEN_SPLICE_H
#define STATUSGEN_SPLICE_H

/*
 * A region is the lines between a begin marker and an end marker, each a
 * line of its own holding one comment of the file's language:
 *
 *	<!-- statusgen:begin TEMPLATE [NAME=VALUE]... -->
 *	...lines that the template's rendering replaces...
 *	<!-- statusgen:end -->
 *
 * The styles (the comments, the file names that pick them, the escaper
 * of the rendering) are the rows of one table in splice.c. Everything
 * outside the regions, the markers included, is kept byte for byte.
 */

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "text.h"

struct splice_style {
	const char	*name;		/* "md", for --markers */
	const char	*extensions;	/* ".md .markdown": picks the style */
	const char	*open[2];	/* a comment's openers ... */
	const char	*close[2];	/* ... and closers ("": the line's end) */
	enum text_escape escape;	/* of the rendering's {{name}} tags */
};

/* The style called name[0..len), or NULL. */
const struct splice_style *splice_style_by_name(const char *name, size_t len);

/* The name of the style nearest to name[0..len) (a typo), or NULL. */
const char *splice_style_suggest(const char *name, size_t len);

/* The style that path's extension picks, or NULL for none. */
const struct splice_style *splice_style_for_path(const char *path);

/* Appends the styles' names, "md, html, c or roff", for a message. */
void	splice_style_names(struct buf *b);

/* Appends a line "md: .md .markdown" per style, for --help. */
void	splice_style_help(struct buf *b);

/* One region: where its lines are, and what its begin marker says. */
struct splice_region {
	size_t		 start;		/* the first byte after the begin line */
	size_t		 end;		/* the first byte of the end line */
	unsigned	 line;		/* of the begin marker, 1-based */
	unsigned	 col;		/* of "statusgen:" in it */
	char		*spec;		/* "TEMPLATE NAME=VALUE ...", one space
					   between words: the region's name */
	char		*template;	/* its first word */
	char		**args;		/* the NAME=VALUE words */
	size_t		 nargs;
	size_t		 argcap;
	int		 crlf;		/* the begin line ends in "\r\n" */
};

/* The regions of one file, in order; splice_file_free() it. */
struct splice_file {
	struct splice_region	*regions;
	size_t			 n;
	size_t			 cap;
};

/*
 * Finds the regions of text[0..len), the file at path, in style st.
 * Returns 0 with them in f, or -1 after reporting each problem at its
 * line as "PATH:LINE:COL: error: ...": a begin marker inside a region
 * (with a note at the region's begin), an end marker outside one, a
 * region not closed by the end of the file, a begin marker with no
 * template, a template name that is not letters, digits, '_' and '-', a
 * word after it that is not NAME=VALUE, an unknown "statusgen:" keyword
 * in a marker comment, two regions of one name (with a note at the
 * first), or a file with no region. f holds what was found either way.
 */
int	splice_parse(const char *path, const char *text, size_t len,
	    const struct splice_style *st, struct splice_file *f,
	    struct diag *d);

void	splice_file_free(struct splice_file *f);

/*
 * Appends to out text[0..len) with each region's lines replaced by
 * renders[i] (a final newline added when it has none; "\n" written as
 * "\r\n" in a region whose begin line ends so).
 */
void	splice_assemble(const char *text, size_t len,
	    const struct splice_file *f, const struct buf *renders,
	    struct buf *out);

#endif
