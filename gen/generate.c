/* The generate and validate commands. */
#define _POSIX_C_SOURCE 200809L
#include "generate.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "buf.h"
#include "depfile.h"
#include "model.h"
#include "mustache.h"
#include "outfile.h"
#include "partials.h"
#include "text.h"
#include "udiff.h"
#include "value.h"
#include "xalloc.h"
#include "yload.h"

#define TEMPLATE_SUFFIX	".mustache"

/* One output: its name (the template's, less the suffix), path and bytes. */
struct output {
	char		*name;
	char		*path;		/* OUTDIR/NAME */
	struct buf	 text;
};

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
	if ((dp = opendir(dir)) == NULL) {
		pos.file = dir;
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
		pos.file = dir;
		diag_error(d, &pos, "no templates (NAME.mustache) in this "
		    "folder");
		return -1;
	}
	qsort(*names, n, sizeof(**names), by_name);
	return (long)n;
}

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
 * Renders one template (of at most max_bytes) into out->text; its path goes
 * to deps. Returns 0, or -1 after reporting.
 */
static int
render_one(struct mustache_env *env, const char *dir, size_t max_bytes,
    struct output *out, const struct value *model, struct depfile *deps,
    struct diag *d)
{
	const struct mustache_template *t;
	char *path = join(dir, out->name, TEMPLATE_SUFFIX);
	struct buf src;
	int rc = -1;

	buf_init(&src);
	if (partials_read(path, max_bytes, &src, d) == 0) {
		depfile_add_input(deps, path);
		if ((t = mustache_compile(env, path, src.data, src.len)) !=
		    NULL)
			rc = mustache_render(env, t, model,
			    text_escape_for_output(out->name), &out->text);
	}
	buf_free(&src);
	free(path);
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

static int
load_model(const char *data, const struct yload_limits *lim,
    struct arena *arena, struct diag *d, struct value **model)
{
	struct value *doc;

	if (yload_file(data, lim, arena, d, &doc) != 0)
		return -1;
	return model_build(doc, data, arena, d, model);
}

int
generate_validate(const char *data, const struct yload_limits *lim,
    struct diag *d)
{
	struct arena arena;
	struct value *model;
	int rc;

	arena_init(&arena);
	rc = load_model(data, lim, &arena, d, &model);
	arena_free(&arena);
	return rc;
}

/*
 * --check: compares each output with OUTDIR. Returns 0 when all are
 * current, 1 when one is not, -1 after reporting a file that cannot be read.
 */
static int
check_outputs(const struct generate_options *opt, struct output *outputs,
    size_t n, struct diag *d)
{
	struct srcpos pos = { NULL, 0, 0 };
	struct buf old, aname, bname;
	size_t i;
	int rc = 0, state;

	buf_init(&old);
	buf_init(&aname);
	buf_init(&bname);
	for (i = 0; i < n; i++) {
		const struct output *o = &outputs[i];

		buf_clear(&old);
		state = outfile_compare(o->path, o->text.data, o->text.len,
		    opt->diff != NULL ? &old : NULL);
		if (state < 0) {
			pos.file = o->path;
			diag_error(d, &pos, "cannot read: %s", strerror(errno));
			rc = -1;
			continue;
		}
		if (state == OUTFILE_SAME) {
			if (opt->verbose)
				fprintf(d->stream, "statusgen: %s is up to "
				    "date\n", o->path);
			continue;
		}
		if (rc == 0)
			rc = 1;
		if (!opt->quiet)
			fprintf(d->stream, "statusgen: %s is out of date\n",
			    o->path);
		if (opt->diff != NULL) {
			buf_clear(&aname);
			buf_clear(&bname);
			if (state == OUTFILE_MISSING)
				buf_puts(&aname, "/dev/null");
			else
				buf_printf(&aname, "a/%s", o->path);
			buf_printf(&bname, "b/%s", o->path);
			udiff_append(opt->diff, buf_cstr(&aname), old.data,
			    old.len, buf_cstr(&bname), o->text.data,
			    o->text.len);
		}
	}
	buf_free(&old);
	buf_free(&aname);
	buf_free(&bname);
	return rc;
}

/* Stages one file in set; returns 0, or -1 after reporting. */
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
 * error none. Returns 0, or -1 after reporting.
 */
static int
write_outputs(const struct generate_options *opt, struct output *outputs,
    size_t n, struct depfile *deps, struct diag *d)
{
	struct outfile_set set;
	struct buf dtext;
	size_t i;
	int rc = 0;

	buf_init(&dtext);
	outfile_set_init(&set);
	if (opt->depfile != NULL) {
		for (i = 0; i < opt->ndepfile_targets; i++)
			depfile_add_target(deps, opt->depfile_targets[i]);
		for (i = 0; opt->ndepfile_targets == 0 && i < n; i++)
			depfile_add_target(deps, outputs[i].path);
		if (depfile_format(deps, &dtext, d) != 0)
			rc = -1;
	}
	if (rc == 0 && ensure_dir(opt->outdir, d) != 0)
		rc = -1;
	for (i = 0; rc == 0 && i < n; i++)
		rc = stage(&set, outputs[i].path, &outputs[i].text,
		    opt->verbose, d);
	if (rc == 0 && opt->depfile != NULL)
		rc = stage(&set, opt->depfile, &dtext, opt->verbose, d);
	if (rc == 0)
		rc = outfile_set_commit(&set, d);
	outfile_set_free(&set);
	buf_free(&dtext);
	return rc;
}

int
generate_run(const struct generate_options *opt, struct diag *d)
{
	struct partials_path search;
	struct mustache_options mo;
	struct mustache_env *env = NULL;
	struct output *outputs = NULL;
	struct depfile deps;
	struct arena arena;
	struct value *model;
	char **names = NULL;
	long n = 0, i;
	int rc = -1;

	arena_init(&arena);
	depfile_init(&deps);
	if (load_model(opt->data, &opt->yaml, &arena, d, &model) != 0)
		goto out;
	depfile_add_input(&deps, opt->data);
	if ((n = list_templates(opt->templates, &names, d)) < 0)
		goto out;
	search.dirs = &opt->templates;
	search.ndirs = 1;
	search.deps = &deps;
	search.max_bytes = opt->max_template_bytes;
	mustache_options_default(&mo);
	mo.strict = 1;
	if (opt->max_template_depth > 0)
		mo.max_depth = opt->max_template_depth;
	if (opt->max_output > 0)
		mo.max_output = opt->max_output;
	mo.max_steps = opt->max_render_steps;
	mo.partial = partials_find;
	mo.partial_ctx = &search;
	env = mustache_env_new(&mo, d);
	outputs = xcalloc((size_t)n, sizeof(*outputs));
	rc = 0;
	for (i = 0; i < n; i++) {
		outputs[i].name = names[i];
		outputs[i].path = join(opt->outdir, names[i], "");
		if (render_one(env, opt->templates, opt->max_template_bytes,
		    &outputs[i], model, &deps, d) != 0)
			rc = -1;
	}
	/* Only a run in which every template rendered writes anything. */
	if (rc != 0)
		goto out;
	if (opt->check)
		rc = check_outputs(opt, outputs, (size_t)n, d);
	else
		rc = write_outputs(opt, outputs, (size_t)n, &deps, d);
out:
	for (i = 0; i < n; i++) {
		free(names[i]);
		if (outputs != NULL) {
			free(outputs[i].path);
			buf_free(&outputs[i].text);
		}
	}
	free(names);
	free(outputs);
	mustache_env_free(env);
	depfile_free(&deps);
	arena_free(&arena);
	return rc;
}
