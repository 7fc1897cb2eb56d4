/* The commands' driver: one run's inputs, Mustache environment and outputs, shared by every command. */
#define _POSIX_C_SOURCE 200809L
#include "driver.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "clayout.h"
#include "depfile.h"
#include "model.h"
#include "mustache.h"
#include "outfile.h"
#include "partials.h"
#include "srcname.h"
#include "pathcheck.h"
#include "registry.h"
#include "settings.h"
#include "splice.h"
#include "udiff.h"
#include "value.h"
#include "xalloc.h"
#include "yload.h"

#define TEMPLATE_SUFFIX	".mustache"

/* ------------------------------------------------------------------ */
/* Options                                                            */
/* ------------------------------------------------------------------ */

void
driver_list_add(struct driver_list *l, const char *s)
{
	l->items = xgrow(l->items, &l->cap, l->n + 1, sizeof(*l->items));
	l->items[l->n++] = s;
}

void
driver_options_init(struct driver_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	limits_init(&opt->limits);
}

void
driver_options_free(struct driver_options *opt)
{
	free(opt->partials.items);
	free(opt->depfile_targets.items);
	free(opt->defines.items);
}

/* ------------------------------------------------------------------ */
/* A run: what every command shares                                   */
/* ------------------------------------------------------------------ */

/* One output: its path and its text, rendered in memory. */
struct output {
	char		*path;
	struct buf	 text;
};

/* One command's run; run_init() it, run_free() it. */
struct run {
	const struct driver_options *opt;
	struct diag		*d;
	struct arena		 arena;		/* the data's tree */
	struct depfile		 deps;		/* every file read */
	struct partials_path	 search;
	struct mustache_env	*env;		/* NULL until run_env() */
	struct output		*outputs;
	size_t			 noutputs;
	size_t			 cap;
};

static void
run_init(struct run *r, const struct driver_options *opt, struct diag *d)
{
	memset(r, 0, sizeof(*r));
	r->opt = opt;
	r->d = d;
	arena_init(&r->arena);
	depfile_init(&r->deps);
}

static void
run_free(struct run *r)
{
	size_t i;

	for (i = 0; i < r->noutputs; i++) {
		free(r->outputs[i].path);
		buf_free(&r->outputs[i].text);
	}
	free(r->outputs);
	mustache_env_free(r->env);
	depfile_free(&r->deps);
	arena_free(&r->arena);
}

/*
 * The Mustache environment of a run: partials looked for in dirs[0..n)
 * (the caller's, kept until run_free()) and recorded in the depfile, and
 * the limits of the options.
 */
static void
run_env(struct run *r, const char *const *dirs, size_t n, int strict,
    int strict_names)
{
	const size_t *max = r->opt->limits.max;
	struct mustache_options mo;

	r->search.dirs = dirs;
	r->search.ndirs = n;
	r->search.deps = &r->deps;
	r->search.max_bytes = max[LIMITS_TEMPLATE];
	mustache_options_default(&mo);
	mo.strict = strict;
	mo.strict_names = strict_names;
	mo.max_depth = max[LIMITS_TEMPLATE_DEPTH];
	mo.max_output = max[LIMITS_OUTPUT];
	mo.max_steps = max[LIMITS_RENDER_STEPS];
	mo.partial = partials_find;
	mo.partial_ctx = &r->search;
	r->env = mustache_env_new(&mo, r->d);
}

/* The limits of the data file. */
static void
yaml_limits(const struct driver_options *opt, struct yload_limits *yl)
{
	yl->max_bytes = opt->limits.max[LIMITS_INPUT];
	yl->max_depth = opt->limits.max[LIMITS_YAML_DEPTH];
	yl->max_alias_nodes = opt->limits.max[LIMITS_ALIAS_NODES];
}

/*
 * Loads the YAML file opt->data as it is, for render. Returns 0 with the
 * tree in *root, or -1 after reporting.
 */
static int
load_data(struct run *r, struct value **root)
{
	struct yload_limits yl;

	yaml_limits(r->opt, &yl);
	if (yload_file(r->opt->data, &yl, &r->arena, r->d, root) != 0)
		return -1;
	depfile_add_input(&r->deps, r->opt->data);
	return 0;
}

/* ------------------------------------------------------------------ */
/* -D NAME=VALUE                                                      */
/* ------------------------------------------------------------------ */

/* Where the -D item s was given, for messages: "-D NAME=VALUE". */
static struct srcpos
define_pos(struct run *r, const char *s)
{
	struct srcpos at = { NULL, 0, 0 };
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "-D ");
	text_show(s, strlen(s), TEXT_SHOW_MAX, &b);
	at.file = arena_strndup(&r->arena, b.data, b.len);
	buf_free(&b);
	return at;
}

/* The length of the name of the -D item s (main.c checked the '='). */
static size_t
define_name_len(const char *s)
{
	return (size_t)(strchr(s, '=') - s);
}

/*
 * The value of the last -D NAME=VALUE whose NAME is name, and in *at
 * where it was given; NULL when there is none.
 */
static const char *
find_define(struct run *r, const char *name, struct srcpos *at)
{
	const struct driver_list *l = &r->opt->defines;
	size_t i, n = strlen(name);

	for (i = l->n; i-- > 0;)
		if (define_name_len(l->items[i]) == n &&
		    memcmp(l->items[i], name, n) == 0) {
			*at = define_pos(r, l->items[i]);
			return l->items[i] + n + 1;
		}
	return NULL;
}

/* Orders -D items by name, then by their place on the command line. */
static int
by_define_name(const void *pa, const void *pb)
{
	const char *const *a = pa, *const *b = pb;
	size_t na = define_name_len(*a), nb = define_name_len(*b);
	int c = memcmp(*a, *b, na < nb ? na : nb);

	if (c != 0)
		return c;
	if (na != nb)
		return na < nb ? -1 : 1;
	return *a < *b ? -1 : *a > *b;
}

/*
 * Reports each -D name given more than once, at its later uses. Sorting
 * keeps this n log n in the number of options. Returns 0 or -1.
 */
static int
check_defines_unique(struct run *r)
{
	const struct driver_list *l = &r->opt->defines;
	const char **sorted;
	struct srcpos at;
	size_t i, n;
	int rc = 0;

	if (l->n < 2)
		return 0;
	sorted = xcalloc(l->n, sizeof(*sorted));
	memcpy(sorted, l->items, l->n * sizeof(*sorted));
	qsort(sorted, l->n, sizeof(*sorted), by_define_name);
	for (i = 1; i < l->n; i++) {
		n = define_name_len(sorted[i]);
		if (define_name_len(sorted[i - 1]) == n &&
		    memcmp(sorted[i - 1], sorted[i], n) == 0) {
			at = define_pos(r, sorted[i]);
			diag_error(r->d, &at, "this name is given twice");
			rc = -1;
		}
	}
	free(sorted);
	return rc;
}

/*
 * Adds each -D NAME=VALUE to the root mapping *root (NULL: an empty one,
 * made here) as a string; with settings (generate), those whose NAME is
 * one of statusgen's settings are left out (read_settings() took them).
 * A NAME that the context already has, or that is given twice, is an
 * error at the option. Returns 0, or -1 after reporting.
 */
static int
add_defines(struct run *r, struct value **root, int settings)
{
	const struct driver_list *l = &r->opt->defines;
	const struct value_pair *p;
	struct value_builder b;
	struct value node;
	struct srcpos at;
	size_t i, n;
	int rc;

	if (l->n == 0)
		return 0;
	if (*root != NULL && (*root)->kind != VALUE_MAP) {
		at = define_pos(r, l->items[0]);
		diag_error(r->d, &at, "the data is %s, not a mapping, so it "
		    "can take no name", value_kind_name((*root)->kind));
		return -1;
	}
	rc = check_defines_unique(r);
	value_builder_init(&b, &r->arena);
	for (i = 0; *root != NULL && i < value_len(*root); i++)
		value_builder_put_pair(&b, value_pair(*root, i));
	for (i = 0; i < l->n; i++) {
		const char *s = l->items[i];

		n = define_name_len(s);
		if (settings && settings_find(s, n) >= 0)
			continue;
		if (*root != NULL && (p = value_map_find(*root, s, n)) != NULL) {
			at = define_pos(r, s);
			diag_error(r->d, &at, "the context already has this "
			    "name; -D may only add one");
			if (p->key.line != 0) {
				at = value_pos(&p->key, r->opt->data);
				diag_note(r->d, &at, "the data's key");
			}
			rc = -1;
			continue;
		}
		node = value_make_string(&r->arena, s + n + 1,
		    strlen(s + n + 1), NULL);
		value_builder_put(&b, arena_strndup(&r->arena, s, n), node);
	}
	node = value_builder_finish(&b, NULL);
	if (*root != NULL) {
		node.line = (*root)->line;
		node.col = (*root)->col;
	}
	*root = value_box(&r->arena, &node);
	return rc;
}

/*
 * A -D NAME that is no setting but a near miss of one (not only in case)
 * is most likely a typo, though it may be a name of the user's
 * templates: a warning at the option, which still adds its string.
 */
static void
near_settings(struct run *r)
{
	const struct driver_list *l = &r->opt->defines;
	const char *hint;
	struct srcpos at;
	struct buf name;
	size_t i, n, best;
	int id;

	for (i = 0; i < l->n; i++) {
		n = define_name_len(l->items[i]);
		if (settings_find(l->items[i], n) >= 0)
			continue;
		for (id = 0, best = 3, hint = NULL; id < SETTINGS_COUNT; id++)
			if (text_nearer(l->items[i], n, settings_row(
			    (enum settings_id)id)->name, &best))
				hint = settings_row((enum settings_id)id)->name;
		if (hint == NULL || best == 0)	/* PREFIX is the context's */
			continue;
		at = define_pos(r, l->items[i]);
		buf_init(&name);
		text_show(l->items[i], n, TEXT_SHOW_MAX, &name);
		diag_warning(r->d, &at, "'%s' is not one of statusgen's "
		    "settings, so it is a string for the templates; did you "
		    "mean '%s'?", buf_cstr(&name), hint);
		buf_free(&name);
	}
}

/*
 * The value of each setting (settings.h) in set, its -D option's place
 * in at (file NULL for a default), each given value checked. Returns 0,
 * or -1 after reporting each bad one.
 */
static int
read_settings(struct run *r, const char **set, struct srcpos *at)
{
	const struct settings_row *row;
	int id, rc = 0;

	near_settings(r);
	for (id = 0; id < SETTINGS_COUNT; id++) {
		row = settings_row((enum settings_id)id);
		at[id].file = NULL;
		at[id].line = at[id].col = 0;
		if ((set[id] = find_define(r, row->name, &at[id])) == NULL)
			set[id] = row->fallback;
		else if (settings_check((enum settings_id)id, set[id], &at[id],
		    r->d) != 0)
			rc = -1;
	}
	return rc;
}

/*
 * The one place where a status table becomes the templates' context: the
 * data loaded, checked into the model and laid out for C, in arena.
 * Returns 0 with it in *model, or -1 after reporting.
 */
static int
load_model(struct run *r, struct value **model)
{
	const struct driver_options *opt = r->opt;
	const char *data = opt->data;
	const struct yorigins *origins;
	const char *set[SETTINGS_COUNT];
	struct srcpos at[SETTINGS_COUNT];
	struct model_options mo;
	struct clayout_options lo;
	struct yload_limits yl;
	struct value *doc, *plain;
	char *name = NULL;
	int rc = -1, bad;

	/* A bad setting is reported with the data's problems, before them. */
	bad = read_settings(r, set, at);
	memset(&mo, 0, sizeof(mo));
	mo.registry_reasons = strcmp(set[SETTINGS_REASONS],
	    SETTINGS_REASONS_REGISTRY) == 0;
	mo.today = opt->today;
	yaml_limits(opt, &yl);
	if (opt->source_name == NULL)
		name = srcname_default(data);
	if (yload_file_origins(data, &yl, &r->arena, r->d, &doc,
	    &origins) != 0 ||
	    model_build(doc, origins, data, name != NULL ? name :
	    opt->source_name, &mo, &r->arena, r->d, &plain) != 0 || bad)
		goto out;
	memset(&lo, 0, sizeof(lo));
	lo.prefix = set[SETTINGS_PREFIX];
	lo.prefix_at = at[SETTINGS_PREFIX];
	if (clayout_build(plain, &lo, &r->arena, r->d, model) == 0)
		rc = add_defines(r, model, 1);
out:
	free(name);
	return rc;
}

/*
 * Reads the template file at path, within the template size limit and as
 * how says it was named, and compiles it. Returns the template (owned by
 * the environment), or NULL after reporting.
 */
static const struct mustache_template *
compile_file(struct run *r, const char *path, enum partials_how how)
{
	const struct mustache_template *t = NULL;
	struct buf src;

	buf_init(&src);
	if (partials_read(path, r->opt->limits.max[LIMITS_TEMPLATE], how, &src,
	    r->d) == 0) {
		depfile_add_input(&r->deps, path);
		t = mustache_compile(r->env, path, buf_cstr(&src), src.len);
	}
	buf_free(&src);
	return t;
}

/* Adds an output to the run, taking path; returns it, empty. */
static struct output *
add_output(struct run *r, char *path)
{
	struct output *o;

	r->outputs = xgrow(r->outputs, &r->cap, r->noutputs + 1,
	    sizeof(*r->outputs));
	o = &r->outputs[r->noutputs++];
	o->path = path;
	buf_init(&o->text);
	return o;
}

/*
 * Adds the paths a run writes, its outputs and its depfile, to pc, as
 * written; the outputs' paths stay the run's.
 */
static void
add_written(struct pathcheck *pc, const struct run *r)
{
	size_t i;

	for (i = 0; i < r->noutputs; i++)
		if (r->outputs[i].path != NULL)
			pathcheck_add(pc, r->outputs[i].path, "the output", 1);
	if (r->opt->depfile != NULL)
		pathcheck_add(pc, r->opt->depfile, "the depfile", 1);
}

/*
 * Two paths of the run that name one file, before anything is read: the
 * outputs and the depfile against each other and against the inputs
 * known so far (the data, and the templates in[0..n)). Returns 0, or -1
 * after reporting each clash.
 */
static int
check_paths(const struct run *r, const char *const *in, size_t n)
{
	struct pathcheck pc;
	size_t i, clashes;

	pathcheck_init(&pc);
	add_written(&pc, r);
	if (r->opt->data != NULL)
		pathcheck_add(&pc, r->opt->data, "the data file", 0);
	for (i = 0; i < n; i++)
		pathcheck_add(&pc, in[i], "the template", 0);
	clashes = pathcheck_report(&pc, r->d);
	pathcheck_free(&pc);
	return clashes == 0 ? 0 : -1;
}

/*
 * The same before writing, against every file the run read (the partials
 * are known only once rendered). Returns 0, or -1 after reporting.
 */
static int
check_read(const struct run *r)
{
	struct pathcheck pc;
	size_t i, clashes;

	pathcheck_init(&pc);
	add_written(&pc, r);
	for (i = 0; i < r->deps.ninputs; i++)
		pathcheck_add(&pc, r->deps.inputs[i], r->opt->data != NULL &&
		    strcmp(r->deps.inputs[i], r->opt->data) == 0 ?
		    "the data file" : "the input", 0);
	clashes = pathcheck_report(&pc, r->d);
	pathcheck_free(&pc);
	return clashes == 0 ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* From rendered text to files                                        */
/* ------------------------------------------------------------------ */

/* Appends to print the unified diff of an output against old. */
static void
diff_output(const struct output *o, int state, const struct buf *old,
    struct buf *print)
{
	struct buf aname, bname;

	buf_init(&aname);
	buf_init(&bname);
	if (state == OUTFILE_MISSING)
		buf_puts(&aname, "/dev/null");
	else
		buf_printf(&aname, "a/%s", o->path);
	buf_printf(&bname, "b/%s", o->path);
	udiff_append(print, buf_cstr(&aname), old->data, old->len,
	    buf_cstr(&bname), o->text.data, o->text.len);
	buf_free(&aname);
	buf_free(&bname);
}

/*
 * --check: compares each output with its file. Returns 0 when all are
 * current, 1 when one is not, -1 after reporting a file that cannot be
 * read.
 */
static int
check_outputs(struct run *r, struct buf *print)
{
	const struct driver_options *opt = r->opt;
	struct srcpos pos = { NULL, 0, 0 };
	struct buf old;
	size_t i;
	int rc = 0, state;

	buf_init(&old);
	for (i = 0; i < r->noutputs; i++) {
		const struct output *o = &r->outputs[i];

		buf_clear(&old);
		state = outfile_compare(o->path, o->text.data, o->text.len,
		    opt->diff ? &old : NULL);
		if (state < 0) {
			pos.file = o->path;
			diag_error(r->d, &pos, "cannot read: %s",
			    strerror(errno));
			rc = -1;
		} else if (state == OUTFILE_SAME) {
			if (opt->verbose)
				fprintf(r->d->stream, "statusgen: %s is up to "
				    "date\n", o->path);
		} else {
			if (rc == 0)
				rc = 1;
			if (!opt->quiet)
				fprintf(r->d->stream, "statusgen: %s is out "
				    "of date\n", o->path);
			if (opt->diff)
				diff_output(o, state, &old, print);
		}
	}
	buf_free(&old);
	return rc;
}

/*
 * Creates dir when it does not exist (another run creating it at the same
 * time is no error); refuses anything but a folder, naming what it is, or
 * the missing or dangling part of the way to it.
 */
static int
ensure_dir(const char *dir, struct diag *d)
{
	struct srcpos pos = { NULL, 0, 0 };
	struct stat st;
	struct buf why;

	pos.file = dir;
	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		diag_error(d, &pos, "the output path is %s, not a folder",
		    S_ISREG(st.st_mode) ? "a file" :
		    pathcheck_kind(st.st_mode));
		return -1;
	}
	if (errno == ENOENT && (mkdir(dir, 0777) == 0 || (errno == EEXIST &&
	    stat(dir, &st) == 0 && S_ISDIR(st.st_mode))))
		return 0;
	buf_init(&why);
	pathcheck_explain(&why, dir, errno);
	diag_error(d, &pos, "cannot create the output folder: %s",
	    buf_cstr(&why));
	buf_free(&why);
	return -1;
}

/* Stages one file in set; with verbose, says what becomes of it. */
static int
stage(struct outfile_set *set, const char *path, const struct buf *text,
    int verbose, struct diag *d)
{
	int written = outfile_set_add(set, path, text->data, text->len, d);

	if (written < 0)
		return -1;
	if (verbose)
		fprintf(d->stream, "statusgen: %s %s\n", path,
		    written ? "written" : "unchanged");
	return 0;
}

/*
 * Writes the outputs and the depfile together: all of them, or after an
 * error none. dir, when not NULL, is the outputs' folder, created when
 * missing. Returns 0, or -1 after reporting.
 */
static int
write_outputs(struct run *r, const char *dir)
{
	const struct driver_options *opt = r->opt;
	const struct driver_list *targets = &opt->depfile_targets;
	struct outfile_set set;
	struct buf dtext;
	size_t i;
	int rc = 0, lock = -1;

	buf_init(&dtext);
	outfile_set_init(&set);
	rc = check_read(r);
	if (rc == 0 && opt->depfile != NULL) {
		for (i = 0; i < targets->n; i++)
			depfile_add_target(&r->deps, targets->items[i]);
		for (i = 0; targets->n == 0 && i < r->noutputs; i++)
			depfile_add_target(&r->deps, r->outputs[i].path);
		rc = depfile_format(&r->deps, &dtext, r->d);
	}
	if (rc == 0 && dir != NULL)
		rc = ensure_dir(dir, r->d);
	/* From the first comparison to the last rename: one run's set. */
	if (rc == 0 && dir != NULL && (lock = outfile_lock(dir, 0, r->d)) < 0)
		rc = -1;
	for (i = 0; rc == 0 && i < r->noutputs; i++)
		rc = stage(&set, r->outputs[i].path, &r->outputs[i].text,
		    opt->verbose, r->d);
	if (rc == 0 && opt->depfile != NULL)
		rc = stage(&set, opt->depfile, &dtext, opt->verbose, r->d);
	if (rc == 0)
		rc = outfile_set_commit(&set, r->d);
	outfile_set_free(&set);
	outfile_unlock(lock);
	buf_free(&dtext);
	return rc;
}

/*
 * The end of every run that rendered all its outputs: with check, the
 * comparison; else the outputs written (to dir, see write_outputs()).
 */
static int
finish_outputs(struct run *r, const char *dir, struct buf *print)
{
	struct stat st;
	int lock = -1, rc;

	if (!r->opt->check)
		return write_outputs(r, dir);
	/* A shared lock: the set compared is one run's whole set. */
	if (dir != NULL && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	    (lock = outfile_lock(dir, 1, r->d)) < 0)
		return -1;
	rc = check_outputs(r, print);
	outfile_unlock(lock);
	return rc;
}

/* ------------------------------------------------------------------ */
/* render                                                             */
/* ------------------------------------------------------------------ */

/*
 * The escaper of a template: --escape, or the one its output's name
 * picks, its base name without ".mustache" ("tpl/x.h.mustache" -> c).
 */
static enum text_escape
render_escape(const struct driver_options *opt)
{
	const char *base = strrchr(opt->template, '/');
	size_t n, sn = strlen(TEMPLATE_SUFFIX);
	enum text_escape esc;
	char *name;

	if (opt->escape_given)
		return opt->escape;
	base = base != NULL ? base + 1 : opt->template;
	n = strlen(base);
	if (n > sn && strcmp(base + n - sn, TEMPLATE_SUFFIX) == 0)
		n -= sn;
	name = xstrndup(base, n);
	esc = text_escape_for_output(name);
	free(name);
	return esc;
}

int
driver_render(const struct driver_options *opt, struct buf *print,
    struct diag *d)
{
	const char *slash = strrchr(opt->template, '/');
	/* "-o -" is standard output, as no -o is. */
	int to_file = opt->output != NULL && strcmp(opt->output, "-") != 0;
	const struct mustache_template *t;
	struct value *root = NULL;
	struct driver_list dirs = { NULL, 0, 0 };
	struct output *o;
	struct run r;
	char *own;
	size_t i;
	int rc = -1;

	/* Each --partials folder in order, then the template's own ("" is
	 * the current one). */
	own = xstrndup(opt->template,
	    slash != NULL ? (size_t)(slash - opt->template) + 1 : 0);
	for (i = 0; i < opt->partials.n; i++)
		driver_list_add(&dirs, opt->partials.items[i]);
	driver_list_add(&dirs, own);
	run_init(&r, opt, d);
	run_env(&r, dirs.items, dirs.n, opt->strict, 0);
	o = add_output(&r, to_file ? xstrdup(opt->output) : NULL);

	/* Report the problems of both inputs before giving up. */
	t = NULL;
	if (check_paths(&r, &opt->template, 1) == 0) {
		t = compile_file(&r, opt->template, PARTIALS_NAMED);
		if ((opt->data != NULL && load_data(&r, &root) != 0) ||
		    add_defines(&r, &root, 0) != 0)
			t = NULL;
	}
	if (t != NULL && mustache_render(r.env, t, root, render_escape(opt),
	    &o->text) == 0) {
		if (to_file) {
			rc = finish_outputs(&r, NULL, print);
		} else {
			buf_append(print, o->text.data, o->text.len);
			rc = 0;
		}
	}
	run_free(&r);
	free(dirs.items);
	free(own);
	return rc;
}

/* ------------------------------------------------------------------ */
/* generate and validate                                              */
/* ------------------------------------------------------------------ */

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Lists the names of the templates that make outputs (NAME.mustache, not
 * starting with '_'), sorted so that the run does not depend on the order
 * the file system returns. Returns the count, or -1 after reporting.
 */
static long
list_templates(const char *dir, char ***names, struct diag *d)
{
	const size_t slen = strlen(TEMPLATE_SUFFIX);
	struct srcpos pos = { NULL, 0, 0 };
	struct dirent *e;
	size_t n = 0, cap = 0, len;
	DIR *dp;

	*names = NULL;
	pos.file = dir;
	if ((dp = opendir(dir)) == NULL) {
		diag_error(d, &pos, "cannot read the template folder: %s",
		    strerror(errno));
		return -1;
	}
	while ((e = readdir(dp)) != NULL) {
		len = strlen(e->d_name);
		if (e->d_name[0] == '_' || e->d_name[0] == '.' ||
		    len <= slen || strcmp(e->d_name + len - slen,
		    TEMPLATE_SUFFIX) != 0)
			continue;
		*names = xgrow(*names, &cap, n + 1, sizeof(**names));
		(*names)[n++] = xstrndup(e->d_name, len - slen);
	}
	closedir(dp);
	if (n == 0) {
		diag_error(d, &pos, "no templates (NAME.mustache) in this "
		    "folder");
		return -1;
	}
	qsort(*names, n, sizeof(**names), by_name);
	return (long)n;
}

/* DIR/NAMESUFFIX, in memory the caller frees. */
static char *
join(const char *dir, const char *name, const char *suffix)
{
	struct buf b;
	size_t n = strlen(dir);

	buf_init(&b);
	buf_append(&b, dir, n);
	if (n > 0 && dir[n - 1] != '/')
		buf_putc(&b, '/');
	buf_puts(&b, name);
	buf_puts(&b, suffix);
	return buf_detach(&b, NULL);
}

/*
 * The output's name for the template NAME.mustache at path: NAME rendered
 * with the context, so that {{prefix}}.h gives http_status.h. Returns it
 * (the caller frees), or NULL after reporting a name that does not render
 * or renders to something that is not a plain file name.
 */
static char *
output_name(struct run *r, const char *name, const char *path,
    const struct value *model)
{
	const struct mustache_template *t;
	struct srcpos at = { NULL, 0, 0 };
	struct buf label, out;

	if (strstr(name, "{{") == NULL)
		return xstrdup(name);
	buf_init(&label);
	buf_init(&out);
	buf_printf(&label, "%s (its name)", path);
	t = mustache_compile(r->env, buf_cstr(&label), name, strlen(name));
	if (t == NULL || mustache_render(r->env, t, model, TEXT_ESCAPE_NONE,
	    &out) != 0) {
		buf_free(&out);
	} else if (out.len == 0 || out.data[0] == '.' ||
	    memchr(out.data, '/', out.len) != NULL ||
	    memchr(out.data, '\0', out.len) != NULL) {
		at.file = path;
		buf_clear(&label);
		text_show(out.data, out.len, TEXT_SHOW_MAX, &label);
		diag_error(r->d, &at, "the template's name renders to \"%s\", "
		    "which is not a file name (it must be a name in the "
		    "output folder, not empty, not starting with '.', with "
		    "no '/')", buf_cstr(&label));
		buf_free(&out);
	}
	buf_free(&label);
	return out.data != NULL ? buf_detach(&out, NULL) : NULL;
}

/*
 * Lists the templates of opt->templates, each "TEMPLATES/NAME.mustache"
 * in paths[i] and with its output OUTDIR/NAME added to the run, in the
 * order of names. Returns the count, or -1 after reporting.
 */
static long
plan_outputs(struct run *r, char ***paths)
{
	const struct driver_options *opt = r->opt;
	char **names;
	long n, i;

	*paths = NULL;
	if ((n = list_templates(opt->templates, &names, r->d)) < 0)
		return -1;
	*paths = xmalloc((size_t)n * sizeof(**paths));
	for (i = 0; i < n; i++) {
		(*paths)[i] = join(opt->templates, names[i], TEMPLATE_SUFFIX);
		add_output(r, join(opt->outdir, names[i], ""));
		free(names[i]);
	}
	free(names);
	return n;
}

/*
 * Renders the template at path into output o, in strict mode, with the
 * escaper that the output's name picks. Returns 0, or -1 after reporting.
 */
static int
render_template(struct run *r, const char *path, struct output *o,
    const struct value *model)
{
	const struct mustache_template *t;
	const char *base = strrchr(o->path, '/');

	base = base != NULL ? base + 1 : o->path;
	if ((t = compile_file(r, path, PARTIALS_FOUND)) == NULL)
		return -1;
	return mustache_render(r->env, t, model, text_escape_for_output(base),
	    &o->text);
}

/*
 * Names each output planned from the templates at paths[0..n): the
 * template's name rendered with the context ({{prefix}}.h gives
 * http_status.h). Returns 0, or -1 after reporting.
 */
static int
name_outputs(struct run *r, char **paths, long n, const struct value *model)
{
	const size_t slen = strlen(TEMPLATE_SUFFIX);
	const char *base;
	char *name, *outname;
	long i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		base = strrchr(paths[i], '/');
		base = base != NULL ? base + 1 : paths[i];
		name = xstrndup(base, strlen(base) - slen);
		if ((outname = output_name(r, name, paths[i], model)) == NULL) {
			rc = -1;
		} else if (strcmp(outname, name) != 0) {
			free(r->outputs[i].path);
			r->outputs[i].path = join(r->opt->outdir, outname, "");
		}
		free(outname);
		free(name);
	}
	return rc;
}

/* After an error in the templates: which folder was used, and why. */
static void
note_templates(const struct driver_options *opt, struct diag *d)
{
	if (opt->templates_why != NULL)
		diag_note(d, NULL, "templates folder '%s' (%s)",
		    opt->templates, opt->templates_why);
}

int
driver_generate(const struct driver_options *opt, struct buf *print,
    struct diag *d)
{
	struct value *model;
	struct run r;
	char **paths = NULL;
	long n, i;
	int rc = -1;

	run_init(&r, opt, d);
	/* The outputs are known from the folder's listing: any clash with
	 * an input is found before anything is read. Names that render
	 * ({{prefix}}.h) are named once the context is known, and checked
	 * again with every file read before anything is written. */
	if ((n = plan_outputs(&r, &paths)) < 0) {
		note_templates(opt, d);
		goto out;
	}
	if (check_paths(&r, (const char *const *)paths, (size_t)n) != 0 ||
	    load_model(&r, &model) != 0)
		goto out;
	depfile_add_input(&r.deps, opt->data);
	run_env(&r, &opt->templates, 1, 1, 1);
	if (name_outputs(&r, paths, n, model) != 0) {
		note_templates(opt, d);
		goto out;
	}
	rc = 0;
	for (i = 0; i < n; i++)
		if (render_template(&r, paths[i], &r.outputs[i], model) != 0)
			rc = -1;
	if (rc != 0)
		note_templates(opt, d);
	/* Only a run in which every template rendered writes anything. */
	if (rc == 0)
		rc = finish_outputs(&r, opt->outdir, print);
out:
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	run_free(&r);
	return rc;
}

int
driver_context(const struct driver_options *opt, struct buf *print,
    struct diag *d)
{
	size_t max = opt->limits.max[LIMITS_OUTPUT];
	struct value *model;
	struct run r;
	int rc;

	run_init(&r, opt, d);
	rc = load_model(&r, &model);
	if (rc == 0 && value_json(model, max, print) != 0) {
		buf_clear(print);
		diag_error(d, NULL, "the context is larger than the limit of "
		    "%zu bytes", max);
		limits_note(d, NULL, LIMITS_OUTPUT);
		rc = -1;
	}
	run_free(&r);
	return rc;
}

int
driver_validate(const struct driver_options *opt, struct buf *print,
    struct diag *d)
{
	struct value *model;
	struct run r;
	int rc;

	(void)print;
	run_init(&r, opt, d);
	rc = load_model(&r, &model);
	run_free(&r);
	return rc;
}

int
driver_registry_diff(const struct driver_options *opt, struct buf *print,
    struct diag *d)
{
	struct registry reg;
	struct value *model;
	struct run r;
	unsigned n;
	int rc;

	(void)print;
	run_init(&r, opt, d);
	registry_init(&reg);
	/* Report the problems of both files before giving up. */
	rc = registry_load(&reg, opt->registry,
	    opt->limits.max[LIMITS_CSV], d);
	if (load_model(&r, &model) != 0)
		rc = -1;
	if (rc == 0 && (n = registry_diff(&reg, model, opt->data, d)) > 0) {
		if (d->stream != NULL)
			fprintf(d->stream, "statusgen: %u difference%s between "
			    "%s and %s\n", n, n == 1 ? "" : "s", opt->data,
			    opt->registry);
		rc = 1;
	}
	registry_free(&reg);
	run_free(&r);
	return rc;
}

/* ------------------------------------------------------------------ */
/* splice                                                             */
/* ------------------------------------------------------------------ */

/* Which statuses a region shows: its class= and codes= values. */
struct selection {
	long		 cls;		/* 1 to 5; 0: every class */
	long		*codes;		/* NULL: every code */
	size_t		 ncodes, cap;
};

/*
 * Reads one selecting value into sel. Returns 0, or -1 after reporting
 * a bad one at at.
 */
typedef int (*select_fn)(const char *val, const struct value *model,
    struct selection *sel, const struct srcpos *at, struct diag *d);

/* class=4 or class=4xx. */
static int
select_class(const char *val, const struct value *model,
    struct selection *sel, const struct srcpos *at, struct diag *d)
{
	(void)model;
	if (val[0] >= '1' && val[0] <= '5' && (val[1] == '\0' ||
	    strcmp(val + 1, "xx") == 0)) {
		sel->cls = val[0] - '0';
		return 0;
	}
	diag_error(d, at, "'class' must be a class, 1 to 5 (or 1xx to 5xx), "
	    "got \"%.40s\"", val);
	return -1;
}

/* Whether the status table model has code. */
static int
has_code(const struct value *model, long code)
{
	const struct value *list = value_map_getz(model, "statuses"), *c;
	size_t i;

	for (i = 0; list != NULL && i < value_len(list); i++)
		if ((c = value_map_getz(value_item(list, i), "code")) != NULL &&
		    value_kind(c) == VALUE_INT && c->u.integer == code)
			return 1;
	return 0;
}

/* codes=200,404: codes of the table, separated by commas. */
static int
select_codes(const char *val, const struct value *model,
    struct selection *sel, const struct srcpos *at, struct diag *d)
{
	const char *s = val;
	char *end;
	long code;
	int rc = 0;

	for (;;) {
		code = s[0] >= '0' && s[0] <= '9' ? strtol(s, &end, 10) : 0;
		if (code == 0 || (*end != ',' && *end != '\0')) {
			diag_error(d, at, "'codes' must be codes separated by "
			    "commas, such as codes=200,404, got \"%.40s\"",
			    val);
			return -1;
		}
		if (!has_code(model, code)) {
			diag_error(d, at, "'codes' names %ld, which the status "
			    "table does not have", code);
			rc = -1;
		}
		sel->codes = xgrow(sel->codes, &sel->cap, sel->ncodes + 1,
		    sizeof(*sel->codes));
		sel->codes[sel->ncodes++] = code;
		if (*end == '\0')
			return rc;
		s = end + 1;
	}
}

/* The values of a region that choose its statuses, not strings. */
static const struct {
	const char	*name;
	select_fn	 set;
} selectors[] = {
	{ "class", select_class },
	{ "codes", select_codes },
};

#define NSELECTORS	(sizeof(selectors) / sizeof(selectors[0]))

/* Whether the status st is one sel shows. */
static int
selected(const struct selection *sel, const struct value *st)
{
	const struct value *code = value_map_getz(st, "code");
	const struct value *cls = value_map_getz(st, "class");
	size_t i;

	if (sel->cls != 0 && (cls == NULL || cls->u.integer != sel->cls))
		return 0;
	for (i = 0; sel->codes != NULL && i < sel->ncodes; i++)
		if (code != NULL && code->u.integer == sel->codes[i])
			return 1;
	return sel->codes == NULL;
}

/* The statuses of list that sel shows, as a new list. */
static struct value
select_statuses(struct run *r, const struct value *list,
    const struct selection *sel)
{
	struct value *items = xcalloc(value_len(list) + 1, sizeof(*items)), v;
	size_t i, n = 0;

	for (i = 0; i < value_len(list); i++)
		if (selected(sel, value_item(list, i)))
			items[n++] = *value_item(list, i);
	v = value_make_seq(&r->arena, items, n, NULL);
	free(items);
	return v;
}

/* A copy of the mapping m with key's value replaced by v. */
static struct value
replace_key(struct run *r, const struct value *m, const char *key,
    struct value v)
{
	struct value_builder b;
	const struct value_pair *p;
	size_t i;

	value_builder_init(&b, &r->arena);
	for (i = 0; i < value_len(m); i++) {
		p = value_pair(m, i);
		if (strcmp(value_str(&p->key), key) == 0)
			value_builder_put(&b, key, v);
		else
			value_builder_put_pair(&b, p);
	}
	return value_builder_finish(&b, NULL);
}

/*
 * The classes of list with only the statuses sel shows (and their
 * count), leaving out a class with none.
 */
static struct value
select_classes(struct run *r, const struct value *list,
    const struct selection *sel)
{
	struct value *items = xcalloc(value_len(list) + 1, sizeof(*items));
	const struct value *cls, *sts;
	struct value kept, v;
	size_t i, n = 0;

	for (i = 0; i < value_len(list); i++) {
		cls = value_item(list, i);
		if ((sts = value_map_getz(cls, "statuses")) == NULL)
			continue;
		kept = select_statuses(r, sts, sel);
		if (value_len(&kept) == 0)
			continue;
		v = replace_key(r, cls, "statuses", kept);
		items[n++] = replace_key(r, &v, "count", value_make_int(
		    (long long)value_len(&kept), NULL));
	}
	v = value_make_seq(&r->arena, items, n, NULL);
	free(items);
	return v;
}

/*
 * The context of region g of the file at path: the model with only the
 * statuses that its class= and codes= choose (in "statuses", "classes"
 * and "count"), and its other NAME=VALUE words as strings at the root.
 * Returns it, or NULL after reporting a bad value or a NAME that the
 * context has or that is given twice.
 */
static const struct value *
region_context(struct run *r, const struct value *model, const char *path,
    const struct splice_region *g)
{
	struct srcpos at = { path, g->line, g->col };
	struct selection sel = { 0, NULL, 0, 0 };
	struct value_builder b;
	const struct value_pair *p;
	struct value root, kept;
	size_t i, j, n, k;
	int rc = 0, filtered = 0, known;

	value_builder_init(&b, &r->arena);
	for (i = 0; i < g->nargs; i++) {
		n = define_name_len(g->args[i]);
		for (j = 0; j < i; j++)
			if (define_name_len(g->args[j]) == n &&
			    memcmp(g->args[j], g->args[i], n) == 0)
				break;
		if (j < i) {
			diag_error(r->d, &at, "'%.*s' is given twice",
			    (int)n, g->args[i]);
			rc = -1;
			continue;
		}
		for (k = 0, known = 0; k < NSELECTORS; k++)
			if (strlen(selectors[k].name) == n &&
			    memcmp(selectors[k].name, g->args[i], n) == 0) {
				known = 1;
				filtered = 1;
				if (selectors[k].set(g->args[i] + n + 1, model,
				    &sel, &at, r->d) != 0)
					rc = -1;
			}
		if (known)
			continue;
		if (value_map_find(model, g->args[i], n) != NULL) {
			diag_error(r->d, &at, "the context already has '%.*s'; "
			    "a region's NAME=VALUE may only add a name",
			    (int)n, g->args[i]);
			rc = -1;
		}
	}
	if (rc != 0) {
		free(sel.codes);
		return NULL;
	}
	for (i = 0; i < value_len(model); i++) {
		p = value_pair(model, i);
		if (filtered && strcmp(value_str(&p->key), "statuses") == 0) {
			kept = select_statuses(r, &p->val, &sel);
			value_builder_put(&b, "statuses", kept);
			value_builder_put(&b, "count", value_make_int(
			    (long long)value_len(&kept), NULL));
		} else if (filtered &&
		    strcmp(value_str(&p->key), "classes") == 0) {
			value_builder_put(&b, "classes",
			    select_classes(r, &p->val, &sel));
		} else if (!filtered ||
		    strcmp(value_str(&p->key), "count") != 0) {
			value_builder_put_pair(&b, p);
		}
	}
	for (i = 0; i < g->nargs; i++) {
		n = define_name_len(g->args[i]);
		for (k = 0, known = 0; k < NSELECTORS; k++)
			known |= strlen(selectors[k].name) == n &&
			    memcmp(selectors[k].name, g->args[i], n) == 0;
		if (!known)
			value_builder_put(&b, arena_strndup(&r->arena,
			    g->args[i], n), value_make_string(&r->arena,
			    g->args[i] + n + 1, strlen(g->args[i] + n + 1),
			    NULL));
	}
	free(sel.codes);
	root = value_builder_finish(&b, NULL);
	return value_box(&r->arena, &root);
}

/*
 * The name of the template of opt->templates nearest to name (a typo),
 * which the caller frees, or NULL; a folder that cannot be listed has
 * none (the error that follows says what is missing).
 */
static char *
nearest_template(struct run *r, const char *name)
{
	struct diag quiet = { NULL, 0, 0 };
	char **names, *hint = NULL;
	size_t best = 3;
	long n, i;

	if ((n = list_templates(r->opt->templates, &names, &quiet)) < 0)
		return NULL;
	for (i = 0; i < n; i++)
		if (text_nearer(name, strlen(name), names[i], &best))
			hint = names[i];
	hint = hint != NULL ? xstrdup(hint) : NULL;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return hint;
}

/*
 * Renders region g of the file at path into out with the template
 * TEMPLATES/NAME.mustache, in strict mode. Returns 0, or -1 after
 * reporting (a missing template at the marker; an error in the
 * template with a note at the marker).
 */
static int
render_region(struct run *r, const struct value *model, const char *path,
    const struct splice_style *st, const struct splice_region *g,
    struct buf *out)
{
	struct srcpos at = { path, g->line, g->col };
	const struct mustache_template *t;
	const struct value *root;
	struct stat sb;
	char *tpath, *hint;
	int rc = -1;

	tpath = join(r->opt->templates, g->template, TEMPLATE_SUFFIX);
	if (stat(tpath, &sb) != 0 && errno == ENOENT) {
		hint = nearest_template(r, g->template);
		diag_error(r->d, &at, "no template '%s' (%s)%s%s%s",
		    g->template, tpath, hint != NULL ? "; did you mean '" : "",
		    hint != NULL ? hint : "", hint != NULL ? "'?" : "");
		free(hint);
		note_templates(r->opt, r->d);
		free(tpath);
		return -1;
	}
	if ((root = region_context(r, model, path, g)) != NULL &&
	    (t = compile_file(r, tpath, PARTIALS_FOUND)) != NULL &&
	    mustache_render(r->env, t, root, st->escape, out) == 0)
		rc = 0;
	else if (root != NULL)
		diag_note(r->d, &at, "in the region begun here");
	free(tpath);
	return rc;
}

/*
 * Reads the file at path and renders each of its regions; on success
 * adds the file, put back together, as an output of the run. Returns 0,
 * or -1 after reporting.
 */
static int
splice_one(struct run *r, const struct value *model, const char *path)
{
	const struct driver_options *opt = r->opt;
	size_t max = opt->limits.max[LIMITS_OUTPUT], i;
	const struct splice_style *st;
	struct srcpos at = { path, 0, 0 };
	struct splice_file f;
	struct buf text, *renders, size;
	struct output *o;
	int rc = 0;

	st = opt->markers != NULL ? splice_style_by_name(opt->markers,
	    strlen(opt->markers)) : splice_style_for_path(path);
	if (st == NULL) {
		buf_init(&size);
		splice_style_names(&size);
		diag_error(r->d, &at, "no marker style for this file's name: "
		    "give one with --markers (%s)", buf_cstr(&size));
		buf_free(&size);
		return -1;
	}
	buf_init(&text);
	if (buf_read_file_max(&text, path, max) != 0) {
		if (errno == EFBIG) {
			buf_init(&size);
			buf_put_size(&size, max);
			diag_error(r->d, &at, "file is larger than the %s "
			    "limit", buf_cstr(&size));
			limits_note(r->d, &at, LIMITS_OUTPUT);
			buf_free(&size);
		} else {
			diag_error(r->d, &at, "cannot read: %s",
			    strerror(errno));
		}
		buf_free(&text);
		return -1;
	}
	if (splice_parse(path, text.data, text.len, st, &f, r->d) != 0) {
		splice_file_free(&f);
		buf_free(&text);
		return -1;
	}
	renders = xcalloc(f.n, sizeof(*renders));
	for (i = 0; i < f.n; i++) {
		buf_init(&renders[i]);
		if (render_region(r, model, path, st, &f.regions[i],
		    &renders[i]) != 0)
			rc = -1;
	}
	if (rc == 0) {
		o = add_output(r, xstrdup(path));
		splice_assemble(text.data, text.len, &f, renders, &o->text);
		if (o->text.len > max) {
			diag_error(r->d, &at, "the file would be larger than "
			    "the output limit");
			limits_note(r->d, &at, LIMITS_OUTPUT);
			rc = -1;
		}
	}
	for (i = 0; i < f.n; i++)
		buf_free(&renders[i]);
	free(renders);
	splice_file_free(&f);
	buf_free(&text);
	return rc;
}

int
driver_splice(const struct driver_options *opt, struct buf *print,
    struct diag *d)
{
	struct value *model;
	struct run r;
	size_t i;
	int rc = -1;

	run_init(&r, opt, d);
	/* The files are outputs: none may be the data, nor one another. */
	for (i = 0; i < opt->nfiles; i++)
		add_output(&r, xstrdup(opt->files[i]));
	if (check_paths(&r, NULL, 0) == 0 && load_model(&r, &model) == 0) {
		for (i = 0; i < r.noutputs; i++)
			free(r.outputs[i].path);
		r.noutputs = 0;
		depfile_add_input(&r.deps, opt->data);
		run_env(&r, &opt->templates, 1, 1, 1);
		rc = 0;
		for (i = 0; i < opt->nfiles; i++)
			if (splice_one(&r, model, opt->files[i]) != 0)
				rc = -1;
		/* Only a run in which every region rendered writes. */
		if (rc == 0)
			rc = finish_outputs(&r, NULL, print);
	}
	run_free(&r);
	return rc;
}
