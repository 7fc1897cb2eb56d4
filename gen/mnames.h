/* The names a template context defines: every key of every mapping in it, for strict checks of tags. */
#ifndef STATUSGEN_MNAMES_H
#define STATUSGEN_MNAMES_H

#include <stddef.h>

#include "value.h"

struct mnames;

/*
 * Collects the distinct keys of every mapping reachable from root (NULL:
 * none), visiting a node that aliases share once. The keys are not copied:
 * root's tree must outlive the set. Never returns NULL (exits on OOM);
 * free with mnames_free().
 */
struct mnames	*mnames_collect(const struct value *root);
void		 mnames_free(struct mnames *set);

/* Whether some mapping of the context has the key s[0..len). */
int		 mnames_has(const struct mnames *set, const char *s, size_t len);

/*
 * The key nearest to s[0..len), for a did-you-mean (fewer than 3 edits,
 * and fewer than its length), or NULL. The string is NUL-terminated and
 * owned by the tree.
 */
const char	*mnames_near(const struct mnames *set, const char *s,
		    size_t len);

#endif
