/* Unit tests of the Mustache engine's extensions and errors (the spec suite covers the rest). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "mustache.h"
#include "partials.h"
#include "tap.h"
#include "xalloc.h"

/* One engine run: data (YAML) + template, with the diagnostics captured. */
struct run {
	int	 rc;		/* 0, -1 compile error, -2 render error */
	char	*out;
	char	*err;
};

/* The step budget of the next run_full(); 0: the default. */
static size_t max_steps;

static struct run
run_full(const char *data, const char *tmpl, const char *partials_yaml,
    enum text_escape esc, int strict, size_t max_depth, size_t max_output)
{
	struct run run = { 0, NULL, NULL };
	struct arena arena;
	struct capture c;
	struct value *root = NULL, *partials = NULL;
	struct mustache_options opt;
	struct mustache_env *env;
	const struct mustache_template *t;
	struct buf out;

	arena_init(&arena);
	if (data != NULL)
		root = harness_yaml(&arena, "data.yaml", data);
	if (partials_yaml != NULL)
		partials = harness_yaml(&arena, "partials.yaml", partials_yaml);
	capture_open(&c);
	mustache_options_default(&opt);
	opt.strict = strict;
	if (max_depth)
		opt.max_depth = max_depth;
	if (max_output)
		opt.max_output = max_output;
	opt.max_steps = max_steps;
	opt.partial = partials_from_map;
	opt.partial_ctx = partials;
	env = mustache_env_new(&opt, &c.d);
	buf_init(&out);
	t = mustache_compile(env, "t.mustache", tmpl, strlen(tmpl));
	if (t == NULL)
		run.rc = -1;
	else if (mustache_render(env, t, root, esc, &out) != 0)
		run.rc = -2;
	run.out = xstrdup(buf_cstr(&out));
	buf_free(&out);
	mustache_env_free(env);
	arena_free(&arena);
	run.err = capture_detach(&c, NULL);
	return run;
}

static struct run
run(const char *data, const char *tmpl)
{
	return run_full(data, tmpl, NULL, TEXT_ESCAPE_NONE, 0, 0, 0);
}

static void
run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

static void
expect_output(const char *what, const char *data, const char *tmpl,
    enum text_escape esc, const char *expected)
{
	struct run r = run_full(data, tmpl, NULL, esc, 0, 0, 0);

	if (!harness_explain(TAP_CHECK(r.rc == 0 &&
	    strcmp(r.out, expected) == 0, "%s", what), r.out, expected))
		harness_show("messages", r.err);
	run_free(&r);
}

static void
expect_error(const char *what, struct run r, int rc, const char *err)
{
	if (!harness_explain(TAP_CHECK(r.rc == rc && strcmp(r.err, err) == 0,
	    "%s", what), r.err, err))
		printf("# rc: want %d, got %d\n", rc, r.rc);
	run_free(&r);
}

static void
test_escapers(void)
{
	const char *data = "x: \"a<b>&\\\"c\\\" */ ?\?= | \\\\ \\n\"\n";

	expect_output("default escaper html", data, "{{x}}", TEXT_ESCAPE_HTML,
	    "a&lt;b&gt;&amp;&quot;c&quot; */ ?\?= | \\ \n");
	expect_output("default escaper c", data, "{{x}}", TEXT_ESCAPE_C,
	    "a<b>&\\\"c\\\" *\\057 ?\\?= | \\\\ \\n");
	expect_output("default escaper md", data, "{{x}}", TEXT_ESCAPE_MD,
	    "a\\<b\\>\\&\"c\" \\*/ ?\?= \\| \\\\ <br>");
	expect_output("default escaper json", data, "{{x}}", TEXT_ESCAPE_JSON,
	    "a<b>&\\\"c\\\" */ ?\?= | \\\\ \\n");
	expect_output("triple mustache skips the escaper", data, "{{{x}}}",
	    TEXT_ESCAPE_C, "a<b>&\"c\" */ ?\?= | \\ \n");
	expect_output("ampersand skips the escaper", data, "{{& x}}",
	    TEXT_ESCAPE_HTML, "a<b>&\"c\" */ ?\?= | \\ \n");
}

static void
test_filters(void)
{
	const char *data = "r: \"I'm a teapot\"\nn: 418\nf: 1.50\n";

	expect_output("upper", data, "{{r | upper}}", TEXT_ESCAPE_NONE,
	    "I'M A TEAPOT");
	expect_output("lower", data, "{{r|lower}}", TEXT_ESCAPE_NONE,
	    "i'm a teapot");
	expect_output("c_ident", data, "{{ r | c_ident }}", TEXT_ESCAPE_NONE,
	    "IM_A_TEAPOT");
	expect_output("filters chain left to right", data,
	    "{{r | c_ident | lower}}", TEXT_ESCAPE_NONE, "im_a_teapot");
	expect_output("a filtered tag skips the default escaper", data,
	    "{{r | upper}}", TEXT_ESCAPE_HTML, "I'M A TEAPOT");
	expect_output("escaper filters", "s: \"<a|b>\"\n",
	    "{{s|html}} {{s|md}} {{s|json}} {{s|c}} {{s|none}}",
	    TEXT_ESCAPE_NONE, "&lt;a|b&gt; \\<a\\|b\\> <a|b> <a|b> <a|b>");
	expect_output("filters apply to numbers", data, "{{n | c_ident}} {{f}}",
	    TEXT_ESCAPE_NONE, "_418 1.5");
}

static void
test_iteration(void)
{
	const char *data = "l: [a, b, c]\nm: [{k: 1}, {k: 2}]\ne: []\n";

	expect_output("-index is 1-based", data, "{{#l}}{{-index}}{{.}} {{/l}}",
	    TEXT_ESCAPE_NONE, "1a 2b 3c ");
	expect_output("-first and -last", data,
	    "{{#l}}{{#-first}}[{{/-first}}{{.}}{{^-last}}, {{/-last}}"
	    "{{#-last}}]{{/-last}}{{/l}}", TEXT_ESCAPE_NONE, "[a, b, c]");
	expect_output("inverted -first", data,
	    "{{#l}}{{^-first}},{{/-first}}{{.}}{{/l}}", TEXT_ESCAPE_NONE,
	    "a,b,c");
	expect_output("innermost list wins", "o: [{i: [x, y]}, {i: [z]}]\n",
	    "{{#o}}{{-index}}:{{#i}}{{-index}}{{/i}} {{/o}}",
	    TEXT_ESCAPE_NONE, "1:12 2:1 ");
	expect_output("-index through a mapping section", data,
	    "{{#m}}{{#k}}{{-index}}{{/k}}{{/m}}", TEXT_ESCAPE_NONE, "12");
	expect_output("-last of a one-item list", "l: [x]\n",
	    "{{#l}}{{#-first}}F{{/-first}}{{#-last}}L{{/-last}}{{/l}}",
	    TEXT_ESCAPE_NONE, "FL");
	expect_output("outside a list they are undefined", data,
	    "[{{-index}}{{#-first}}x{{/-first}}]", TEXT_ESCAPE_NONE, "[]");
}

static void
test_compile_errors(void)
{
	expect_error("unclosed section is located at its tag",
	    run(NULL, "a\n  {{#s}}\nb"), -1,
	    "t.mustache:2:3: error: section 's' is never closed\n");
	expect_error("mismatched closing tag",
	    run(NULL, "{{#a}}{{#b}}\n{{/a}}"), -1,
	    "t.mustache:2:1: error: closing tag 'a' does not match the open "
	    "section\nt.mustache:1:7: note: '#b' opened here\n"
	    "t.mustache:1:1: error: section 'a' is never closed\n");
	expect_error("stray closing tag", run(NULL, "x {{/a}}"), -1,
	    "t.mustache:1:3: error: closing tag 'a' has no opening tag\n");
	expect_error("unterminated tag", run(NULL, "ab\ncd {{name"), -1,
	    "t.mustache:2:4: error: unterminated tag: no '}}' after it\n");
	expect_error("unterminated triple mustache", run(NULL, "{{{x}}"), -1,
	    "t.mustache:1:1: error: unterminated tag: no '}}}' after it\n");
	expect_error("bad set-delimiter tag", run(NULL, "{{=<% =}}"), -1,
	    "t.mustache:1:1: error: bad set-delimiter tag: expected "
	    "'{{=OPEN CLOSE=}}', two delimiters without spaces or '='\n");
	expect_error("unknown filter is located at the filter",
	    run(NULL, "  {{x | upper | shout}}"), -1,
	    "t.mustache:1:17: error: unknown filter 'shout' (filters: upper, "
	    "lower, c_ident, c_comment, none, html, c, md, json)\n");
	expect_error("empty tag", run(NULL, "{{ }}"), -1,
	    "t.mustache:1:1: error: empty tag\n");
	expect_error("bad dotted name", run(NULL, "{{a..b}}"), -1,
	    "t.mustache:1:1: error: bad name 'a..b': empty part between "
	    "dots\n");
	expect_error("errors after custom delimiters are located",
	    run(NULL, "{{=<% %>=}}\n<%#x%>"), -1,
	    "t.mustache:2:1: error: section 'x' is never closed\n");
}

static void
test_strict(void)
{
	const char *data = "reason: OK\nl: [1]\n";

	expect_error("strict: undefined name located at the tag",
	    run_full(data, "a\n  {{resaon}}", NULL, TEXT_ESCAPE_NONE, 1, 0, 0),
	    -2, "t.mustache:2:3: error: 'resaon' is not defined\n");
	expect_error("strict: sections over missing names are falsey",
	    run_full(data, "{{#nope}}x{{/nope}}{{^nope}}y{{/nope}}", NULL,
	    TEXT_ESCAPE_NONE, 1, 0, 0), 0, "");
	expect_error("strict: a list is not text",
	    run_full(data, "{{l}}", NULL, TEXT_ESCAPE_NONE, 1, 0, 0), -2,
	    "t.mustache:1:1: error: 'l' is a list or mapping, not text\n");
	expect_error("strict: missing partial",
	    run_full(data, "{{>nowhere}}", "{}", TEXT_ESCAPE_NONE, 1, 0, 0),
	    -2, "t.mustache:1:1: error: partial 'nowhere' not found\n");
	expect_error("non-strict: undefined names are empty",
	    run_full(data, "[{{resaon}}{{>nowhere}}]", "{}", TEXT_ESCAPE_NONE,
	    0, 0, 0), 0, "");
	expect_error("error inside a partial is located in the partial",
	    run_full(data, "x\n{{>p}}", "p: \"\\n{{#a}}\"", TEXT_ESCAPE_NONE, 0,
	    0, 0), -2, "p.mustache:2:1: error: section 'a' is never closed\n"
	    "t.mustache:2:1: note: in the partial 'p' included here\n");
}

static void
test_limits(void)
{
	expect_error("a partial that includes itself hits the depth limit",
	    run_full("{}", "{{>p}}", "p: \"{{>p}}\"", TEXT_ESCAPE_NONE, 0, 50,
	    0), -2, "p.mustache:1:1: error: templates nest deeper than 50 "
	    "levels (a partial that includes itself?)\n"
	    "p.mustache:1:1: note: --max-template-depth raises this limit\n"
	    "p.mustache:1:1: note: in the partial 'p' included here, 49 "
	    "levels deep\n"
	    "t.mustache:1:1: note: in the partial 'p' included here\n");
	expect_error("output over the cap",
	    run_full("l: [1, 2, 3, 4, 5]", "{{#l}}0123456789{{/l}}", NULL,
	    TEXT_ESCAPE_NONE, 0, 0, 25), -2,
	    "t.mustache:1:7: error: output is larger than the limit of 25 "
	    "bytes\n"
	    "t.mustache:1:7: note: --max-output raises this limit\n");
}

static void
expect_partials(const char *what, const char *data, const char *tmpl,
    const char *partials, const char *expected)
{
	struct run r = run_full(data, tmpl, partials, TEXT_ESCAPE_NONE, 0, 0,
	    0);

	if (!TAP_CHECK(r.rc == 0 && strcmp(r.out, expected) == 0, "%s", what))
		printf("# expected [%s]\n# got      [%s] rc %d\n# %s", expected,
		    r.out, r.rc, r.err);
	run_free(&r);
}

/* Partials are indented line by line of their source, before rendering. */
static void
test_indentation(void)
{
	expect_partials("a partial's partials keep its indentation", "{}",
	    "  {{>a}}\n", "{a: \"{{>b}}x\\n{{>b}}y\\n\", b: B}",
	    "  Bx\n  By\n");
	expect_partials("lines a value or a section makes are not indented",
	    "{l: [1, 2], v: \"1\\n2\"}", "  {{>p}}\n  {{>q}}\n",
	    "{p: \"x{{#l}}{{.}}\\n{{/l}}\", q: \"{{v}}\\n\"}",
	    "  x1\n2\n  1\n2\n");
	expect_partials("empty lines stay empty, LF and CRLF", "{}",
	    "\t{{>p}}\n", "{p: \"a\\n\\nb\\r\\n\\r\\nc\"}",
	    "\ta\n\n\tb\r\n\r\n\tc");
	expect_partials("a closing tag that starts a line indents inside",
	    "{l: [1, 2]}", "  {{>p}}\n", "{p: \"{{#l}}{{.}}\\n{{/l}}.\"}",
	    "  1\n  2\n  .");
	expect_partials("a partial that is not standalone is not indented",
	    "{}", "  {{>p}} x\n", "{p: \"a\\nb\\n\"}", "  a\nb\n x\n");
	expect_partials("a parent inside an indented partial", "{}",
	    "  {{>p}}\n", "{p: \"{{<q}}{{$b}}B\\nC{{/b}}{{/q}}\\n\", "
	    "q: \"<\\n{{$b}}{{/b}}\\n>\\n\"}", "  <\n  B\n  C\n  >\n");
}

static void
test_values(void)
{
	expect_output("numbers as a person reads them",
	    "[10.0, 440.0, 1e6, 1e-7, 1e21, -0.0, 9007199254740993]",
	    "{{#.}}{{.}} {{/.}}", TEXT_ESCAPE_NONE,
	    "10 440 1000000 1e-7 1e+21 -0 9007199254740993 ");
	expect_output("0, 0.0, \"\" and [] are false; \"0\" and {} are true",
	    "{a: 0, b: 0.0, c: \"\", d: [], e: \"0\", f: {}}",
	    "{{#a}}a{{/a}}{{#b}}b{{/b}}{{#c}}c{{/c}}{{#d}}d{{/d}}"
	    "{{#e}}e{{/e}}{{#f}}f{{/f}}{{^a}}!a{{/a}}{{^c}}!c{{/c}}",
	    TEXT_ESCAPE_NONE, "ef!a!c");
}

static void
test_bounds(void)
{
	struct buf deep;
	struct run r;
	size_t i;

	buf_init(&deep);
	for (i = 0; i < 40000; i++)
		buf_puts(&deep, i % 2 ? "{{^a}}" : "{{#a}}");
	r = run(NULL, buf_cstr(&deep));
	TAP_CHECK(r.rc == -1 && strstr(r.err, "sections nest deeper than 256 "
	    "levels") != NULL, "40,000 nested sections: a compile error");
	run_free(&r);
	buf_free(&deep);
	expect_error("inverted sections count toward the depth",
	    run_full("{}", "{{^a}}{{>p}}{{/a}}", "p: \"{{^b}}{{^c}}x{{/c}}"
	    "{{/b}}\"", TEXT_ESCAPE_NONE, 0, 3, 0), -2,
	    "p.mustache:1:7: error: templates nest deeper than 3 levels (a "
	    "partial that includes itself?)\n"
	    "p.mustache:1:7: note: --max-template-depth raises this limit\n"
	    "t.mustache:1:7: note: in the partial 'p' included here\n");
	/* p0 includes p1 twice, ... p11: 2^12 partials, no output. */
	buf_init(&deep);
	buf_puts(&deep, "{");
	for (i = 0; i < 12; i++)
		buf_printf(&deep, "p%zu: \"{{>p%zu}}{{>p%zu}}\", ", i, i + 1,
		    i + 1);
	buf_puts(&deep, "p12: \"\"}");
	max_steps = 1000;
	expect_error("partials that include each other twice hit the budget",
	    run_full("{}", "{{>p0}}", buf_cstr(&deep), TEXT_ESCAPE_NONE, 0, 0,
	    0), -2, "p11.mustache:1:9: error: rendering takes more than 1000 "
	    "steps (partials that include each other many times?)\n"
	    "p11.mustache:1:9: note: --max-render-steps raises this limit\n"
	    "p10.mustache:1:1: note: in the partial 'p11' included here\n"
	    "p9.mustache:1:1: note: in the partial 'p10' included here\n"
	    "p8.mustache:1:1: note: in the partial 'p9' included here\n"
	    "p7.mustache:1:8: note: in the partial 'p8' included here\n"
	    "p6.mustache:1:8: note: in the partial 'p7' included here\n"
	    "p5.mustache:1:8: note: in the partial 'p6' included here\n"
	    "p4.mustache:1:8: note: in the partial 'p5' included here\n"
	    "p3.mustache:1:8: note: in the partial 'p4' included here\n"
	    "t.mustache:1:1: note: and 4 more levels of partials, the "
	    "outermost included here\n");
	max_steps = 0;
	buf_free(&deep);
}

static void
test_names(void)
{
	expect_error("a name from the data may not climb out",
	    run_full("{n: ../x}", "{{>*n}}", "{x: X}", TEXT_ESCAPE_NONE, 0, 0,
	    0), -2, "t.mustache:1:1: error: partial name '../x' (from 'n') is "
	    "not allowed: names from the data must stay inside the partials "
	    "folders (no absolute path, no '..')\n");
	expect_partials("a name from the data may hold '..' inside a part",
	    "{n: a..b}", "{{>*n}}", "{a..b: X}", "X");
	expect_error("an absolute partial name", run(NULL, "{{>/x}}"), -1,
	    "t.mustache:1:1: error: partial name '/x' is an absolute path: "
	    "partial names are relative to the partials folders\n");
	expect_error("a NUL in a tag name is shown, not cut",
	    run_full(NULL, "{{#a\001b}}", NULL, TEXT_ESCAPE_NONE, 0, 0, 0),
	    -1, "t.mustache:1:1: error: section 'a\\x01b' is never closed\n");
	expect_error("a delimiter over 64 bytes", run(NULL, "{{=<<<<<<<<<<<<<<<<"
	    "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<< >>=}}"), -1,
	    "t.mustache:1:1: error: delimiter '<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"
	    "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<...' is longer than the limit of "
	    "64 bytes\n");
	expect_output("a set-delimiter tag may hold the closing delimiter",
	    "{x: 1}", "{{={{ }}=}}{{x}}{{= <% %> =}}<%x%>", TEXT_ESCAPE_NONE,
	    "11");
}

static void
test_reuse(void)
{
	struct run r = run("v: [1, 2]", "{{#v}}{{.}}{{/v}}{{#v}}{{.}}{{/v}}");

	TAP_CHECK(r.rc == 0 && strcmp(r.out, "1212") == 0,
	    "a template renders the same list twice");
	run_free(&r);
}

/*
 * With strict_names, an environment indexes the names of a root once for
 * every render of it: a render of another root must check that root's
 * names, not the index of the one before, and the same root again must
 * still be checked (with its did-you-mean).
 */
static void
test_names_per_root(void)
{
	struct arena arena;
	struct capture c;
	struct value *a, *b;
	struct mustache_options opt;
	struct mustache_env *env;
	const struct mustache_template *ta, *tb;
	struct buf out;
	int ra, rb, ra2;
	char *err;

	arena_init(&arena);
	a = harness_yaml(&arena, "a.yaml", "alpha: 1\n");
	b = harness_yaml(&arena, "b.yaml", "beta: 2\n");
	capture_open(&c);
	mustache_options_default(&opt);
	opt.strict = 1;
	opt.strict_names = 1;
	env = mustache_env_new(&opt, &c.d);
	buf_init(&out);
	ta = mustache_compile(env, "a.mustache", "{{alpha}}", 9);
	tb = mustache_compile(env, "b.mustache", "{{beta}}", 8);
	ra = mustache_render(env, ta, a, TEXT_ESCAPE_NONE, &out);
	rb = mustache_render(env, tb, b, TEXT_ESCAPE_NONE, &out);
	TAP_CHECK(ra == 0 && rb == 0 && strcmp(buf_cstr(&out), "12") == 0,
	    "strict names: each root's own names, in one environment");
	ra2 = mustache_render(env, tb, a, TEXT_ESCAPE_NONE, &out);
	mustache_env_free(env);
	err = capture_detach(&c, NULL);
	TAP_CHECK(ra2 != 0 && strstr(err, "b.mustache:1:1: error:") != NULL &&
	    strstr(err, "'beta' is not defined; did you mean") == NULL,
	    "strict names: back to the first root, its index, not the "
	    "second's (%s)", err);
	free(err);
	buf_free(&out);
	arena_free(&arena);
}

/*
 * Each limit at its edge: a template exactly at it renders, one past it
 * is a located error. Nested sections are counted when the template is
 * compiled, sections and partials together while it renders.
 */
static void
test_limit_edges(void)
{
	struct buf t, p;
	struct run r;
	const char *want;
	size_t depth, i;

	buf_init(&t);
	buf_init(&p);
	for (depth = 4; depth <= 5; depth++) {
		buf_clear(&t);
		for (i = 0; i < depth; i++)
			buf_puts(&t, "{{#a}}");
		buf_puts(&t, "x");
		for (i = 0; i < depth; i++)
			buf_puts(&t, "{{/a}}");
		r = run_full("{a: true}", buf_cstr(&t), NULL,
		    TEXT_ESCAPE_NONE, 0, 4, 0);
		if (depth == 4)
			TAP_CHECK(r.rc == 0 && strcmp(r.out, "x") == 0,
			    "4 nested sections, the limit 4: they render");
		else
			CHECK_TEXT(r.err, "t.mustache:1:25: error: sections "
			    "nest deeper than 4 levels\n"
			    "t.mustache:1:25: note: --max-template-depth raises "
			    "this limit\n",
			    "5 nested sections, the limit 4: a located error");
		run_free(&r);
	}
	/* The default limit, 256, the same way. */
	for (depth = 256; depth <= 257; depth++) {
		buf_clear(&t);
		for (i = 0; i < depth; i++)
			buf_puts(&t, "{{#a}}");
		for (i = 0; i < depth; i++)
			buf_puts(&t, "{{/a}}");
		r = run_full("{a: true}", buf_cstr(&t), NULL,
		    TEXT_ESCAPE_NONE, 0, 0, 0);
		TAP_CHECK(depth == 256 ? r.rc == 0 : r.rc == -1 &&
		    strstr(r.err, "t.mustache:1:1537: error: sections nest "
		    "deeper than 256 levels") != NULL,
		    "%zu nested sections with the default limit: %s", depth,
		    depth == 256 ? "they render" : "a located error");
		if (r.rc != (depth == 256 ? 0 : -1))
			harness_show("got", r.err);
		run_free(&r);
	}
	/* Partials p1 .. pN, each including the next: N levels deep. */
	for (depth = 4; depth <= 5; depth++) {
		buf_clear(&p);
		buf_puts(&p, "{");
		for (i = 1; i < depth; i++)
			buf_printf(&p, "p%zu: \"{{>p%zu}}\", ", i, i + 1);
		buf_printf(&p, "p%zu: \"x\"}", depth);
		r = run_full("{}", "{{>p1}}", buf_cstr(&p), TEXT_ESCAPE_NONE, 0,
		    4, 0);
		if (depth == 4)
			TAP_CHECK(r.rc == 0 && strcmp(r.out, "x") == 0,
			    "partials 4 deep, the limit 4: they render");
		else
			CHECK_TEXT(r.err, "p4.mustache:1:1: error: templates "
			    "nest deeper than 4 levels (a partial that includes "
			    "itself?)\n"
			    "p4.mustache:1:1: note: --max-template-depth raises "
			    "this limit\n"
			    "p3.mustache:1:1: note: in the partial 'p4' included "
			    "here\n"
			    "p2.mustache:1:1: note: in the partial 'p3' included "
			    "here\n"
			    "p1.mustache:1:1: note: in the partial 'p2' included "
			    "here\n"
			    "t.mustache:1:1: note: in the partial 'p1' included "
			    "here\n",
			    "partials 5 deep, the limit 4: a located error");
		run_free(&r);
	}
	/* A section inside the deepest partial counts too. */
	r = run_full("{a: true}", "{{>p1}}", "{p1: \"{{>p2}}\", "
	    "p2: \"{{#a}}x{{/a}}\"}", TEXT_ESCAPE_NONE, 0, 3, 0);
	TAP_CHECK(r.rc == 0 && strcmp(r.out, "x") == 0,
	    "two partials and a section, the limit 3: they render");
	run_free(&r);
	r = run_full("{a: true}", "{{>p1}}", "{p1: \"{{>p2}}\", "
	    "p2: \"{{#a}}x{{/a}}\"}", TEXT_ESCAPE_NONE, 0, 2, 0);
	want = "p2.mustache:1:1: error: templates nest deeper than 2 levels";
	TAP_CHECK(r.rc == -2 && strncmp(r.err, want, strlen(want)) == 0,
	    "two partials and a section, the limit 2: a located error");
	if (r.rc != -2)
		harness_show("got", r.err);
	run_free(&r);
	buf_free(&t);
	buf_free(&p);
}

/*
 * Indentation through three levels of standalone partials: each level
 * adds its own, and a partial's ends with it, for the lines after it and
 * for a sibling partial.
 */
static void
test_nested_indentation(void)
{
	expect_partials("three levels of partials add up their indentation",
	    "{}", "|\n  {{>a}}\n|\n",
	    "{a: \" {{>b}}\\nA\\n\", b: \"  {{>c}}\\nB\\n\", c: \"C\\n\"}",
	    "|\n     C\n   B\n  A\n|\n");
	expect_partials("a sibling partial gets the same indentation", "{}",
	    "  {{>a}}\n", "{a: \" {{>b}}\\n {{>b}}\\n\", b: \"{{>c}}\\nB\\n\", "
	    "c: \"C\\nD\\n\"}",
	    "   C\n   D\n   B\n   C\n   D\n   B\n");
	expect_partials("a partial inside a section of an indented partial",
	    "{l: [1, 2]}", "  {{>a}}\n",
	    "{a: \"{{#l}}\\n {{>b}}\\n{{/l}}\\nE\\n\", b: \"{{.}}\\n\"}",
	    "   1\n   2\n  E\n");
}

int
main(void)
{
	test_escapers();
	test_filters();
	test_iteration();
	test_compile_errors();
	test_strict();
	test_limits();
	test_indentation();
	test_values();
	test_bounds();
	test_names();
	test_reuse();
	test_names_per_root();
	test_limit_edges();
	test_nested_indentation();
	return tap_done();
}
