/* The Mustache engine: options, the environment that owns compiled templates, and the cache of partials. */
#include "mustache.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "limits.h"
#include "mnames.h"
#include "mrender.h"
#include "mtree.h"
#include "xalloc.h"

/* A partial looked up once: its template, or why there is none. */
struct partial_entry {
	char				*name;		/* NULL: a free slot */
	size_t				 len;
	size_t				 hash;
	const struct mustache_template	*tmpl;		/* NULL: not found */
	char				*searched;	/* not found: where */
	int				 failed;
};

struct mustache_env {
	struct mustache_options	 opt;
	struct diag		*d;
	struct arena		 arena;
	/* Open addressing, a power of two of slots, at most half full. */
	struct partial_entry	*partials;
	size_t			 npartials, nslots;
	size_t			 nsegments;	/* compiled so far */
	/* strict_names: the names of names_root, indexed once for all the
	 * renders of that root (a run renders every template, and each
	 * template's name, against one context). */
	struct mnames		*names;
	const struct value	*names_root;
};

void
mustache_options_default(struct mustache_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->max_depth = limits_default(LIMITS_TEMPLATE_DEPTH);
	opt->max_output = limits_default(LIMITS_OUTPUT);
	opt->max_steps = limits_default(LIMITS_RENDER_STEPS);
}

struct mustache_env *
mustache_env_new(const struct mustache_options *opt, struct diag *d)
{
	struct mustache_env *env = xcalloc(1, sizeof(*env));

	env->opt = *opt;
	if (env->opt.max_depth == 0)
		env->opt.max_depth = limits_default(LIMITS_TEMPLATE_DEPTH);
	if (env->opt.max_output == 0)
		env->opt.max_output = limits_default(LIMITS_OUTPUT);
	if (env->opt.max_steps == 0)
		env->opt.max_steps = limits_default(LIMITS_RENDER_STEPS);
	env->d = d;
	arena_init(&env->arena);
	return env;
}

void
mustache_env_free(struct mustache_env *env)
{
	size_t i;

	if (env == NULL)
		return;
	for (i = 0; i < env->nslots; i++) {
		free(env->partials[i].name);
		free(env->partials[i].searched);
	}
	free(env->partials);
	mnames_free(env->names);
	arena_free(&env->arena);
	free(env);
}

const struct mustache_template *
mustache_compile(struct mustache_env *env, const char *name, const char *src,
    size_t len)
{
	return mtree_compile(&env->arena, &env->nsegments, env->opt.max_depth,
	    env->d, name, src, len);
}

/* ------------------------------------------------------------ partials */

/* FNV-1a. */
static size_t
hash_name(const char *s, size_t len)
{
	size_t h = (size_t)2166136261u, i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* The slot of name: its entry, or the free slot where it belongs. */
static struct partial_entry *
slot(struct partial_entry *slots, size_t nslots, const char *name,
    size_t len, size_t h)
{
	size_t i;

	for (i = h & (nslots - 1);; i = (i + 1) & (nslots - 1)) {
		struct partial_entry *e = &slots[i];

		if (e->name == NULL || (e->hash == h && e->len == len &&
		    memcmp(e->name, name, len) == 0))
			return e;
	}
}

static void
grow_partials(struct mustache_env *env)
{
	struct partial_entry *old = env->partials;
	size_t n = env->nslots, i;

	env->nslots = n ? n * 2 : 16;
	env->partials = xcalloc(env->nslots, sizeof(*env->partials));
	for (i = 0; i < n; i++)
		if (old[i].name != NULL)
			*slot(env->partials, env->nslots, old[i].name,
			    old[i].len, old[i].hash) = old[i];
	free(old);
}

/* Loads and compiles the partial of entry e (named already). */
static void
read_partial(struct mustache_env *env, struct partial_entry *e)
{
	struct buf src, path;
	int found;

	buf_init(&src);
	buf_init(&path);
	found = env->opt.partial == NULL ? 0 : env->opt.partial(
	    env->opt.partial_ctx, e->name, e->len, &src, &path, env->d);
	e->failed = found < 0;
	if (found == 0 && path.len > 0)
		e->searched = xstrndup(path.data, path.len);
	if (found > 0) {
		e->tmpl = mustache_compile(env, path.len ? buf_cstr(&path) :
		    e->name, buf_cstr(&src), src.len);
		e->failed = e->tmpl == NULL;
	}
	buf_free(&src);
	buf_free(&path);
}

/*
 * An mrender_load_fn: finds a partial by name, loading and compiling it
 * on first use; later uses get the same template, or the same failure.
 */
static int
load_partial(void *ctx, const char *name, size_t len,
    const struct mustache_template **tmpl, const char **searched)
{
	struct mustache_env *env = ctx;
	size_t h = hash_name(name, len);
	struct partial_entry *e;

	if (2 * (env->npartials + 1) > env->nslots)
		grow_partials(env);
	e = slot(env->partials, env->nslots, name, len, h);
	if (e->name == NULL) {
		e->name = xstrndup(name, len);
		e->len = len;
		e->hash = h;
		env->npartials++;
		read_partial(env, e);
	}
	*tmpl = e->tmpl;
	*searched = e->searched;
	return e->failed ? -1 : 0;
}

int
mustache_render(struct mustache_env *env, const struct mustache_template *t,
    const struct value *root, enum text_escape esc, struct buf *out)
{
	struct mrender_env re;

	if (env->opt.strict_names && (env->names == NULL ||
	    env->names_root != root)) {
		mnames_free(env->names);
		env->names = mnames_collect(root);
		env->names_root = root;
	}
	re.opt = &env->opt;
	re.names = env->opt.strict_names ? env->names : NULL;
	re.d = env->d;
	re.load = load_partial;
	re.load_ctx = env;
	return mrender_run(&re, t, root, esc, out);
}
