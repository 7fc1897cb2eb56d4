/* The differential test's runner: renders tests/diff/gen.js's cases with statusgen's engine and compares them with mustache.js and wontache. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "partials.h"
#include "text.h"
#include "value.h"
#include "xalloc.h"
#include "yload.h"

/*
 * Usage: diff_runner CASES.json
 *
 * The file (see gen.js) names the references and the deviations listed
 * for each. Each case has a template, partials, data and, for each
 * reference that renders it, its renderings: "stock", one per listed
 * deviation with that deviation's patch applied, and "all". A rendering
 * is the text, or where the reference refused the template the cause of
 * its refusal ({"error": "nesting", "message": ...}). statusgen agrees
 * with a rendering when it renders the same text, or when it fails with
 * a located error (NAME:LINE:COL: error: ...) of the same cause (the
 * causes table below); an error of any other kind, or a refusal that is
 * no cause of statusgen's, is a difference. A case passes when, for each
 * of its references, statusgen agrees with the stock rendering, or one
 * deviation's, or the one with all of them; any other difference fails,
 * with the case shown in full. One TAP line per case, then "#" lines
 * counting the cases each deviation explained. Exit status: 0 when every
 * case passed, 1 otherwise, 2 on a usage or input error.
 */

/*
 * statusgen's errors by cause, as the references' are classified in
 * deviations.js and wontache-deviations.js: a message holding the text is
 * of that cause.
 */
static const struct {
	const char	*cause;
	const char	*text;
} causes[] = {
	{ "unclosed-tag", ": error: unterminated tag: " },
	{ "unclosed-tag", "' is not closed: no '" },
	{ "nesting", "' does not match the open section" },
	{ "nesting", "' has no opening tag" },
	{ "nesting", "' is never closed" },
	{ "delimiters", ": error: bad set-delimiter tag: " },
	{ "bad-name", "': empty part between dots" },
	{ "depth", ": error: templates nest deeper than " },
};

#define NCAUSES	(sizeof(causes) / sizeof(causes[0]))

struct result {
	int	 ok;		/* rendered */
	char	*out;
	char	*err;		/* diagnostics */
};

static struct result
render_case(const struct value *c)
{
	const struct value *tmpl = value_map_getz(c, "template");
	struct result res = { 0, NULL, NULL };
	struct mustache_options opt;
	struct mustache_env *env;
	const struct mustache_template *t;
	struct buf out;
	struct diag d;
	size_t errlen;
	FILE *errs = open_memstream(&res.err, &errlen);

	diag_init(&d, errs);
	mustache_options_default(&opt);
	opt.partial = partials_from_map;
	opt.partial_ctx = (void *)value_map_getz(c, "partials");
	env = mustache_env_new(&opt, &d);
	buf_init(&out);
	t = mustache_compile(env, "template", value_str(tmpl),
	    value_strlen(tmpl));
	res.ok = t != NULL && mustache_render(env, t, value_map_getz(c,
	    "data"), TEXT_ESCAPE_HTML, &out) == 0;
	res.out = buf_detach(&out, NULL);
	if (res.out == NULL)
		res.out = calloc(1, 1);
	mustache_env_free(env);
	fclose(errs);
	return res;
}

/*
 * The cause of statusgen's first error when it is located at a place of
 * the template or a partial ("NAME:LINE:COL: error: "), or NULL.
 */
static const char *
error_cause(const char *err)
{
	const char *p = strchr(err, ':'), *end = strchr(err, '\n');
	size_t i, n;

	for (n = 0; p != NULL && n < 2; n++) {
		if (p[1] < '0' || p[1] > '9')
			return NULL;
		for (p++; *p >= '0' && *p <= '9'; p++)
			continue;
		if (*p != ':')
			return NULL;
	}
	if (p == NULL || strncmp(p, ": error: ", 9) != 0)
		return NULL;
	for (i = 0; i < NCAUSES; i++) {
		const char *hit = strstr(err, causes[i].text);

		if (hit != NULL && (end == NULL || hit < end))
			return causes[i].cause;
	}
	return NULL;
}

/* Does statusgen's result agree with the rendering name of results? */
static int
same(const struct value *results, const char *name, const struct result *r)
{
	const struct value *v = value_map_getz(results, name);
	const struct value *cause;
	const char *mine;

	if (v != NULL && v->kind == VALUE_MAP) {
		cause = value_map_getz(v, "error");
		mine = r->ok ? NULL : error_cause(r->err);
		return mine != NULL && cause != NULL &&
		    strcmp(mine, value_str(cause)) == 0;
	}
	if (v == NULL || v->kind != VALUE_STRING)
		return 0;
	return r->ok && strlen(r->out) == value_strlen(v) &&
	    memcmp(r->out, value_str(v), value_strlen(v)) == 0;
}

/* Prints text as a "#" line, quoted with every byte visible. */
static void
show(const char *label, const char *s, size_t len)
{
	struct buf b;

	buf_init(&b);
	text_show(s, len, 0, &b);
	printf("#   %-10s \"%s\"\n", label, buf_cstr(&b));
	buf_free(&b);
}

static void
show_value(const char *label, const struct value *v)
{
	const struct value *e;

	if (v != NULL && v->kind == VALUE_STRING)
		show(label, value_str(v), value_strlen(v));
	else if (v != NULL && (e = value_map_getz(v, "error")) != NULL)
		printf("#   %-10s (refused: %s) %s\n", label, value_str(e),
		    value_str(value_map_getz(v, "message")));
	else
		printf("#   %-10s (missing)\n", label);
}

static void
report(const struct value *c, const struct result *r)
{
	const struct value *parts = value_map_getz(c, "partials");
	const struct value *results = value_map_getz(c, "results");
	size_t i;

	show_value("template", value_map_getz(c, "template"));
	for (i = 0; i < value_len(parts); i++)
		show_value(value_str(&value_pair(parts, i)->key),
		    &value_pair(parts, i)->val);
	printf("#   data       (case %lld of the seed; gen.js writes it)\n",
	    value_map_getz(c, "id")->u.integer);
	for (i = 0; i < value_len(results); i++) {
		const struct value *ref = &value_pair(results, i)->val;
		size_t k;

		printf("#   %s:\n", value_str(&value_pair(results, i)->key));
		for (k = 0; k < value_len(ref); k++)
			show_value(value_str(&value_pair(ref, k)->key),
			    &value_pair(ref, k)->val);
	}
	if (r->ok)
		show("statusgen", r->out, strlen(r->out));
	else
		printf("#   statusgen  (error) %s", r->err);
}

/* What a reference's counts are kept in: one per deviation, then the
 * cases that needed several, then those it agreed with as it is. */
struct tally {
	const char	*name;
	const struct value *devs;
	size_t		*counts;
};

/*
 * Compares r with the renderings of one reference; counts the deviation
 * that explains a difference. Returns why they agree, or NULL.
 */
static const char *
explain(const struct value *results, const struct tally *t,
    const struct result *r)
{
	size_t k, n = value_len(t->devs);

	if (same(results, "stock", r)) {
		t->counts[n + 1]++;
		return "agrees";
	}
	for (k = 0; k < n; k++) {
		const struct value *dev = value_item(t->devs, k);

		if (same(results, value_str(value_map_getz(dev, "id")), r)) {
			t->counts[k]++;
			return value_str(value_map_getz(dev, "title"));
		}
	}
	if (same(results, "all", r)) {
		t->counts[n]++;
		return "several listed deviations";
	}
	return NULL;
}

/* Runs the cases against every reference they have. Returns the number
 * that failed. */
static size_t
run(const struct value *cases, const struct tally *tallies, size_t nrefs)
{
	size_t i, k, failed = 0;
	struct buf line;

	buf_init(&line);
	for (i = 0; i < value_len(cases); i++) {
		const struct value *c = value_item(cases, i);
		const struct value *results = value_map_getz(c, "results");
		long long id = value_map_getz(c, "id")->u.integer;
		struct result r = render_case(c);
		const char *why, *differs = NULL;

		buf_clear(&line);
		for (k = 0; k < nrefs; k++) {
			const struct value *mine = value_map_getz(results,
			    tallies[k].name);

			if (mine == NULL)
				continue;
			why = explain(mine, &tallies[k], &r);
			if (why == NULL && differs == NULL)
				differs = tallies[k].name;
			buf_printf(&line, "%s%s: %s", line.len ? "; " : "",
			    tallies[k].name, why ? why : "differs");
		}
		if (differs == NULL && line.len > 0)
			printf("ok %zu - case %lld: %s\n", i + 1, id,
			    buf_cstr(&line));
		else {
			printf("not ok %zu - case %lld: differs from %s beyond "
			    "the listed deviations (%s)\n", i + 1, id,
			    differs ? differs : "no reference", buf_cstr(&line));
			report(c, &r);
			failed++;
		}
		free(r.out);
		free(r.err);
	}
	buf_free(&line);
	return failed;
}

int
main(int argc, char *argv[])
{
	struct yload_limits lim;
	struct arena arena;
	struct value *root = NULL;
	const struct value *cases, *refs;
	struct tally *tallies;
	struct diag d;
	size_t nrefs, n, i, k, failed;

	if (argc != 2) {
		fprintf(stderr, "usage: diff_runner CASES.json\n");
		return 2;
	}
	diag_init(&d, stderr);
	arena_init(&arena);
	yload_limits_default(&lim);
	lim.max_bytes = (size_t)1 << 30;
	if (yload_file(argv[1], &lim, &arena, &d, &root) != 0)
		return 2;
	cases = value_map_getz(root, "cases");
	refs = value_map_getz(root, "references");
	if (cases == NULL || refs == NULL) {
		fprintf(stderr, "%s: no cases or references\n", argv[1]);
		return 2;
	}
	nrefs = value_len(refs);
	tallies = xcalloc(nrefs, sizeof(*tallies));
	for (i = 0; i < nrefs; i++) {
		tallies[i].name = value_str(value_map_getz(value_item(refs, i),
		    "name"));
		tallies[i].devs = value_map_getz(value_item(refs, i),
		    "deviations");
		tallies[i].counts = xcalloc(value_len(tallies[i].devs) + 2,
		    sizeof(size_t));
	}
	failed = run(cases, tallies, nrefs);
	for (i = 0; i < nrefs; i++) {
		n = value_len(tallies[i].devs);
		printf("# %s: %zu cases agree as it is\n", tallies[i].name,
		    tallies[i].counts[n + 1]);
		for (k = 0; k < n; k++)
			printf("# %s: %zu cases explained by: %s\n",
			    tallies[i].name, tallies[i].counts[k],
			    value_str(value_map_getz(value_item(tallies[i].devs,
			    k), "title")));
		printf("# %s: %zu cases explained by several deviations\n",
		    tallies[i].name, tallies[i].counts[n]);
		free(tallies[i].counts);
	}
	printf("1..%zu\n", value_len(cases));
	free(tallies);
	arena_free(&arena);
	return failed ? 1 : 0;
}
