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
run_env(struct run *r, const char *const *dirs, size_t n, int strict)
{
	const size_t *max = r->opt->limits.max;
	struct mustache_options mo;

	r->search.dirs = dirs;
	r->search.ndirs = n;
	r->search.deps = &r->deps;
	r->search.max_bytes = max[LIMITS_TEMPLATE];
	mustache_options_default(&mo);
	mo.strict = strict;
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

/*
 * The one place where a status table becomes the templates' context: the
 * data loaded, checked into the model and laid out for C, in arena.
 * Returns 0 with it in *model, or -1 after reporting.
 */
static int
load_model(const struct driver_options *opt, struct arena *arena,
    struct diag *d, struct value **model)
{
	struct yload_limits yl;
	struct value *doc, *plain;
	char *name = NULL;
	int rc = -1;

	yaml_limits(opt, &yl);
	if (opt->source_name == NULL)
		name = srcname_default(opt->data);
	if (yload_file(opt->data, &yl, arena, d, &doc) == 0 &&
	    model_build(doc, opt->data, name != NULL ? name :
	    opt->source_name, arena, d, &plain) == 0)
		rc = clayout_build(plain, arena, d, model);
	free(name);
	return rc;
}

/*
 * render --source-name: the context root with "source" added. Returns 0
 * with *root replaced, or -1 after reporting a root that cannot take it.
 */
static int
add_source(struct run *r, struct value **root)
{
	struct srcpos pos = { NULL, 0, 0 };
	const struct value_pair *had = NULL;
	struct value_builder b;
	struct value v;
	size_t i;

	pos.file = r->opt->data;
	if (*root != NULL && (*root)->kind == VALUE_MAP)
		had = value_map_find(*root, "source", 6);
	if (*root != NULL && (*root)->kind != VALUE_MAP &&
	    (*root)->kind != VALUE_NULL) {
		diag_error(r->d, &pos, "option '--source-name' needs data "
		    "that is a mapping, not a %s",
		    value_kind_name(value_kind(*root)));
		return -1;
	}
	if (had != NULL) {
		pos = value_pos(&had->key, r->opt->data);
		diag_error(r->d, &pos, "the data has 'source' already: "
		    "option '--source-name' would hide it");
		return -1;
	}
	value_builder_init(&b, &r->arena);
	for (i = 0; *root != NULL && i < value_len(*root); i++)
		value_builder_put_pair(&b, value_pair(*root, i));
	value_builder_put(&b, "source", value_make_string(&r->arena,
	    r->opt->source_name, strlen(r->opt->source_name), NULL));
	v = value_builder_finish(&b, NULL);
	*root = value_box(&r->arena, &v);
	return 0;
}

/*
 * Reads the template file at path, within the template size limit, and
 * compiles it. Returns the template (owned by the environment), or NULL
 * after reporting.
 */
static const struct mustache_template *
compile_file(struct run *r, const char *path)
{
	const struct mustache_template *t = NULL;
	struct buf src;

	buf_init(&src);
	if (partials_read(path, r->opt->limits.max[LIMITS_TEMPLATE], &src,
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

/* Creates dir when it does not exist; refuses anything but a folder. */
static int
ensure_dir(const char *dir, struct diag *d)
{
	struct srcpos pos = { NULL, 0, 0 };
	struct stat st;

	pos.file = dir;
	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		diag_error(d, &pos, "the output path is a file, not a folder");
		return -1;
	}
	if (errno == ENOENT && mkdir(dir, 0777) == 0)
		return 0;
	diag_error(d, &pos, "cannot create the output folder: %s",
	    strerror(errno));
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
	int rc = 0;

	buf_init(&dtext);
	outfile_set_init(&set);
	if (opt->depfile != NULL) {
		for (i = 0; i < targets->n; i++)
			depfile_add_target(&r->deps, targets->items[i]);
		for (i = 0; targets->n == 0 && i < r->noutputs; i++)
			depfile_add_target(&r->deps, r->outputs[i].path);
		rc = depfile_format(&r->deps, &dtext, r->d);
	}
	if (rc == 0 && dir != NULL)
		rc = ensure_dir(dir, r->d);
	for (i = 0; rc == 0 && i < r->noutputs; i++)
		rc = stage(&set, r->outputs[i].path, &r->outputs[i].text,
		    opt->verbose, r->d);
	if (rc == 0 && opt->depfile != NULL)
		rc = stage(&set, opt->depfile, &dtext, opt->verbose, r->d);
	if (rc == 0)
		rc = outfile_set_commit(&set, r->d);
	outfile_set_free(&set);
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
	if (r->opt->check)
		return check_outputs(r, print);
	return write_outputs(r, dir);
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
	run_env(&r, dirs.items, dirs.n, opt->strict);

	/* Report the problems of both inputs before giving up. */
	t = compile_file(&r, opt->template);
	if (opt->data != NULL && load_data(&r, &root) != 0)
		t = NULL;
	else if (opt->source_name != NULL && add_source(&r, &root) != 0)
		t = NULL;
	o = add_output(&r, opt->output != NULL ? xstrdup(opt->output) : NULL);
	if (t != NULL && mustache_render(r.env, t, root, render_escape(opt),
	    &o->text) == 0) {
		if (opt->output != NULL) {
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
 * Renders TEMPLATES/NAME.mustache into the output OUTDIR/NAME, in strict
 * mode. Returns 0, or -1 after reporting.
 */
static int
render_template(struct run *r, const char *name, const struct value *model)
{
	const struct mustache_template *t;
	struct output *o = add_output(r, join(r->opt->outdir, name, ""));
	char *path = join(r->opt->templates, name, TEMPLATE_SUFFIX);
	int rc = -1;

	if ((t = compile_file(r, path)) != NULL)
		rc = mustache_render(r->env, t, model,
		    text_escape_for_output(name), &o->text);
	free(path);
	return rc;
}

int
driver_generate(const struct driver_options *opt, struct buf *print,
    struct diag *d)
{
	struct value *model;
	struct run r;
	char **names = NULL;
	long n = 0, i;
	int rc = -1;

	run_init(&r, opt, d);
	if (load_model(opt, &r.arena, d, &model) != 0)
		goto out;
	depfile_add_input(&r.deps, opt->data);
	if ((n = list_templates(opt->templates, &names, d)) >= 0) {
		run_env(&r, &opt->templates, 1, 1);
		rc = 0;
	}
	for (i = 0; i < n; i++)
		if (render_template(&r, names[i], model) != 0)
			rc = -1;
	if (rc != 0 && opt->templates_why != NULL)
		diag_note(d, NULL, "templates folder '%s' (%s)",
		    opt->templates, opt->templates_why);
	/* Only a run in which every template rendered writes anything. */
	if (rc == 0)
		rc = finish_outputs(&r, opt->outdir, print);
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
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
	rc = load_model(opt, &r.arena, d, &model);
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
	rc = load_model(opt, &r.arena, d, &model);
	run_free(&r);
	return rc;
}
