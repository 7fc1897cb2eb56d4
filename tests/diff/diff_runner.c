/* The differential test's runner: renders tests/diff/gen.js's cases with statusgen's engine and compares them with mustache.js. */
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
#include "yload.h"

/*
 * Usage: diff_runner CASES.json
 *
 * Each case of the file (see gen.js) has a template, partials, data and
 * the renderings of mustache.js: "stock", one per listed deviation with
 * that deviation's patch applied, and "all" (null where mustache.js
 * refused the template). A case passes when statusgen's output equals
 * the stock rendering, or one deviation's, or the one with all of them;
 * any other difference fails, with the case shown in full. One TAP line
 * per case, then "#" lines counting the cases each deviation explained.
 * Exit status: 0 when every case passed, 1 otherwise, 2 on a usage or
 * input error.
 */

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

/* Does rendering name of the case equal what statusgen made? */
static int
same(const struct value *results, const char *name, const struct result *r)
{
	const struct value *v = value_map_getz(results, name);

	if (v == NULL || v->kind != VALUE_STRING)
		return !r->ok;
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
	if (v != NULL && v->kind == VALUE_STRING)
		show(label, value_str(v), value_strlen(v));
	else
		printf("#   %-10s (refused)\n", label);
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
	for (i = 0; i < value_len(results); i++)
		show_value(value_str(&value_pair(results, i)->key),
		    &value_pair(results, i)->val);
	if (r->ok)
		show("statusgen", r->out, strlen(r->out));
	else
		printf("#   statusgen  (error) %s", r->err);
}

/*
 * Runs the cases; counts[i] gets the cases deviation i explained, and
 * counts[n] those that needed several. Returns the number that failed.
 */
static size_t
run(const struct value *cases, const struct value *devs, size_t *counts)
{
	size_t i, k, n = value_len(devs), failed = 0;

	for (i = 0; i < value_len(cases); i++) {
		const struct value *c = value_item(cases, i);
		const struct value *results = value_map_getz(c, "results");
		long long id = value_map_getz(c, "id")->u.integer;
		struct result r = render_case(c);
		const char *why = NULL;

		if (same(results, "stock", &r))
			why = "agrees with mustache.js";
		for (k = 0; why == NULL && k < n; k++) {
			const char *dev = value_str(value_map_getz(
			    value_item(devs, k), "id"));

			if (same(results, dev, &r)) {
				counts[k]++;
				why = value_str(value_map_getz(value_item(devs,
				    k), "title"));
			}
		}
		if (why == NULL && same(results, "all", &r)) {
			counts[n]++;
			why = "several listed deviations";
		}
		if (why != NULL)
			printf("ok %zu - case %lld: %s\n", i + 1, id, why);
		else {
			printf("not ok %zu - case %lld: differs from mustache.js "
			    "beyond the listed deviations\n", i + 1, id);
			report(c, &r);
			failed++;
		}
		free(r.out);
		free(r.err);
	}
	return failed;
}

int
main(int argc, char *argv[])
{
	struct yload_limits lim;
	struct arena arena;
	struct value *root = NULL;
	const struct value *cases, *devs;
	struct diag d;
	size_t *counts, n, k, failed;

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
	devs = value_map_getz(root, "deviations");
	if (cases == NULL || devs == NULL) {
		fprintf(stderr, "%s: no cases or deviations\n", argv[1]);
		return 2;
	}
	n = value_len(devs);
	counts = calloc(n + 1, sizeof(*counts));
	failed = run(cases, devs, counts);
	for (k = 0; k < n; k++)
		printf("# %zu cases explained by: %s\n", counts[k],
		    value_str(value_map_getz(value_item(devs, k), "title")));
	printf("# %zu cases explained by several deviations\n", counts[n]);
	printf("1..%zu\n", value_len(cases));
	free(counts);
	arena_free(&arena);
	return failed ? 1 : 0;
}
