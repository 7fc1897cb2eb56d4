/* The Mustache engine: compiles templates once into trees, renders them against values. */
#ifndef STATUSGEN_MUSTACHE_H
#define STATUSGEN_MUSTACHE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "text.h"
#include "value.h"

/*
 * Implements the Mustache spec (interpolation, sections, inverted sections,
 * comments, partials, set delimiters) plus its optional dynamic-names and
 * inheritance modules; not lambdas. Extensions:
 *  - filters: {{name | f | g}} applies f then g; a filtered tag skips the
 *    default escaper. Filters: upper, lower, c_ident, and one per escaper
 *    (html, c, md, json, none).
 *  - iteration variables inside a list section: {{-index}} (1-based),
 *    {{#-first}}, {{#-last}} and their inverted forms.
 *  - strict mode: an undefined name in an interpolation tag, or a missing
 *    partial, is an error located at the tag.
 */

struct mustache_env;
struct mustache_template;

/*
 * Finds the source of the partial called name[0..len). Returns 1 with the
 * text in *src and the name to use in diagnostics in *path, 0 when there is
 * no such partial (with, in *path, the folders searched, as a message can
 * list them, or nothing), or -1 when it exists but cannot be read (the callback
 * has reported that to d).
 */
typedef int (*mustache_partial_fn)(void *ctx, const char *name, size_t len,
    struct buf *src, struct buf *path, struct diag *d);

/*
 * Limits bound what a template and its data can cost; 0 in a field means
 * its default.
 *  - max_depth: how deep sections, inverted sections, partials, parents
 *    and blocks may nest, in one template as it is compiled and across
 *    partials as they are rendered.
 *  - max_output: the bytes one render may produce.
 *  - max_steps: the work one render may do, so that partials including
 *    each other many times end with an error, output or not: each node
 *    rendered (text, tag, section pass, partial) is a step, and so is
 *    each context searched for a name and each argument compared with a
 *    block's name.
 */
/* A name of the root that a caller added (-D NAME=VALUE), and where. */
struct mustache_shadow {
	const char		*name;
	struct srcpos		 at;
	int			 reported;	/* set at its first tag */
};

struct mustache_options {
	int			 strict;
	/* strict about names too, for a caller that renders the whole of a
	 * context it knows: a section, inverted section or variable whose
	 * first name is a key of no mapping of the context is an error at
	 * the tag, with a did-you-mean, even where it is never reached. A
	 * name some entries lack stays allowed. */
	int			 strict_names;
	/* Names added to the root that are also keys of mappings below it.
	 * A tag inside a section whose first name is one of them, where the
	 * entry lacks its own, would read the added value: the first such
	 * tag is an error at the shadow's place, with a note at the tag (a
	 * later one fails the render too). */
	struct mustache_shadow	*shadows;
	size_t			 nshadows;
	size_t			 max_depth;
	size_t			 max_output;
	size_t			 max_steps;
	mustache_partial_fn	 partial;	/* NULL: no partials */
	void			*partial_ctx;
};


/* Non-strict, default limits, no partials. */
void	mustache_options_default(struct mustache_options *opt);

/*
 * An environment owns every template compiled in it, and caches the
 * partials it loads (by name) so that each is read and compiled once. Diagnostics go to d, which must outlive the environment.
 * Never returns NULL (exits on OOM). Free with mustache_env_free().
 */
struct mustache_env	*mustache_env_new(const struct mustache_options *opt,
			    struct diag *d);
void			 mustache_env_free(struct mustache_env *env);

/*
 * Compiles src[0..len), named name in diagnostics (copied). Returns the
 * template, owned by env, or NULL after reporting every syntax error as
 * "NAME:LINE:COL: error: ..." at the offending tag: unclosed or mismatched
 * sections, stray closing tags, unterminated tags, bad set-delimiter tags
 * (and delimiters over 64 bytes), unknown filters, absolute partial names,
 * sections nested deeper than max_depth. Names in messages are escaped
 * (a NUL is \x00) and shortened. Compiling costs time linear in len.
 */
const struct mustache_template *mustache_compile(struct mustache_env *env,
			    const char *name, const char *src, size_t len);

/*
 * Renders t with root as the bottom of the context stack (NULL: an empty
 * context), appending to out. esc is the escaper of {{name}} tags, for t
 * and every partial it includes. Returns 0, or -1 after reporting errors
 * (strict-mode misses, errors in partials, a partial name from the data
 * that leaves the partials folders, the depth, output and step limits);
 * out may then hold partial output, which the caller must discard.
 * With strict_names, env indexes the names of root at its first render
 * and reuses the index while the renders give the same root, so a tree
 * rendered twice in one environment must not change in between.
 */
int	mustache_render(struct mustache_env *env,
	    const struct mustache_template *t, const struct value *root,
	    enum text_escape esc, struct buf *out);

#endif
