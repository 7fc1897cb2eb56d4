/* Mustache renderer: walks compiled templates against a stack of contexts. */
#ifndef STATUSGEN_MRENDER_H
#define STATUSGEN_MRENDER_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "mtree.h"
#include "mustache.h"
#include "text.h"
#include "value.h"

/*
 * Finds the partial called name[0..len). Returns 0 with the compiled
 * template in *t (NULL when there is no such partial, and then *searched
 * names the folders searched, or is NULL), or -1 when it exists but could not
 * be read or compiled (reported).
 */
typedef int (*mrender_load_fn)(void *ctx, const char *name, size_t len,
    const struct mustache_template **t, const char **searched);

struct mnames;

struct mrender_env {
	const struct mustache_options	*opt;	/* limits and strict mode */
	/* With opt->strict_names, the names of the root being rendered,
	 * which the caller indexes once for every render of that root. */
	const struct mnames		*names;
	struct diag			*d;
	mrender_load_fn			 load;
	void				*load_ctx;
};

/*
 * Renders t against root (NULL: an empty context) with the escaper esc,
 * appending to out. Returns 0, or -1 after reporting the first error (see
 * mustache_render()).
 */
int	mrender_run(const struct mrender_env *env,
	    const struct mustache_template *t, const struct value *root,
	    enum text_escape esc, struct buf *out);

#endif
