/* Unit tests for the driver: render to a buffer and to a file, generate's staging and depfile, --check and --diff, validate. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>

#include "buf.h"
#include "diag.h"
#include "driver.h"
#include "harness.h"
#include "tap.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                            */
/* ------------------------------------------------------------------ */

static const char data_yaml[] =
    "classes:\n"
    "  - {class: 2, name: Successful, summary: Successful Requests}\n"
    "statuses:\n"
    "  - code: 200\n"
    "    reason: OK\n"
    "    description: Fine & dandy.\n"
    "    reference: RFC 9110, Section 15.3.1\n"
    "    registry: standard\n";

static long
mtime_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_mtime : -1;
}

/* Sets a file's mtime long ago, so that a rewrite would show. */
static void
age(const char *path)
{
	struct timeval tv[2] = { { 1000000000, 0 }, { 1000000000, 0 } };

	if (utimes(path, tv) != 0)
		harness_bail("%s: %s", path, strerror(errno));
}

/* One command's run: its status, what it printed and what it reported. */
struct result {
	int		 rc;
	struct buf	 print;
	char		*msgs;
	unsigned	 errors;
};

static void
run(driver_fn fn, const struct driver_options *opt, struct result *r)
{
	struct capture c;

	buf_init(&r->print);
	capture_open(&c);
	r->rc = fn(opt, &r->print, &c.d);
	r->errors = c.d.errors;
	r->msgs = capture_detach(&c, NULL);
}

static void
result_free(struct result *r)
{
	buf_free(&r->print);
	free(r->msgs);
}

/* Did the run report exactly msgs? Shows both when not. */
static int
said(const struct result *r, const char *msgs)
{
	return harness_explain(strcmp(r->msgs, msgs) == 0, r->msgs, msgs);
}

static int
printed(const struct result *r, const char *text)
{
	return harness_explain(strcmp(buf_cstr(&r->print), text) == 0,
	    buf_cstr(&r->print), text);
}

/* The options of a generate run of tpl/ to gen/ with data.yaml. */
static void
generate_options(struct driver_options *opt)
{
	driver_options_init(opt);
	opt->data = "data.yaml";
	opt->templates = "tpl";
	opt->outdir = "gen";
}

/* ------------------------------------------------------------------ */
/* render                                                             */
/* ------------------------------------------------------------------ */

static void
test_render_to_buffer(void)
{
	struct driver_options opt;
	struct result r;

	harness_put("data.yaml", data_yaml);
	harness_put("page.html.mustache", "{{#statuses}}<b>{{description}}</b>"
	    "{{/statuses}}{{> part}}\n");
	harness_mkdir("parts");
	harness_put("parts/part.mustache", "[parts]");
	harness_put("part.mustache", "[own]");

	driver_options_init(&opt);
	opt.template = "page.html.mustache";
	opt.data = "data.yaml";
	run(driver_render, &opt, &r);
	TAP_CHECK(r.rc == 0 && said(&r, "") &&
	    printed(&r, "<b>Fine &amp; dandy.</b>[own]\n"),
	    "render without -o: the text in print, escaped by the name, "
	    "the partial from the template's folder");
	result_free(&r);

	opt.escape = TEXT_ESCAPE_NONE;
	opt.escape_given = 1;
	driver_list_add(&opt.partials, "parts");
	run(driver_render, &opt, &r);
	TAP_CHECK(r.rc == 0 && printed(&r, "<b>Fine & dandy.</b>[parts]\n"),
	    "render: --escape overrides the name; --partials before the "
	    "template's folder");
	result_free(&r);
	driver_options_free(&opt);

	driver_options_init(&opt);
	opt.template = "page.html.mustache";
	run(driver_render, &opt, &r);
	TAP_CHECK(r.rc == 0 && printed(&r, "[own]\n"),
	    "render without data: an empty context");
	result_free(&r);
	driver_options_free(&opt);
}

static void
test_render_errors(void)
{
	struct driver_options opt;
	struct result r;

	harness_put("bad.mustache", "{{#a}}\n");
	harness_put("bad.yaml", "a: [1\n");
	driver_options_init(&opt);
	opt.template = "bad.mustache";
	opt.data = "bad.yaml";
	run(driver_render, &opt, &r);
	TAP_CHECK(r.rc == -1 && r.errors == 2 && printed(&r, ""),
	    "render: the errors of both the template and the data, nothing "
	    "printed");
	result_free(&r);

	harness_put("strict.mustache", "{{nosuch}}\n");
	opt.template = "strict.mustache";
	opt.data = NULL;
	opt.strict = 1;
	run(driver_render, &opt, &r);
	TAP_CHECK(r.rc == -1 && said(&r, "strict.mustache:1:1: error: "
	    "'nosuch' is not defined\n"), "render --strict: an undefined "
	    "name is an error");
	result_free(&r);

	opt.strict = 0;
	opt.limits.max[LIMITS_TEMPLATE] = 4;
	run(driver_render, &opt, &r);
	TAP_CHECK(r.rc == -1 && said(&r, "strict.mustache: error: file is "
	    "larger than the 4 bytes limit\nstrict.mustache: note: "
	    "--max-template raises this limit\n"),
	    "render: the template limit of the options");
	result_free(&r);
	driver_options_free(&opt);
}

static void
test_render_to_file(void)
{
	struct driver_options opt;
	struct result r;

	harness_put("t.txt.mustache", "{{#statuses}}{{code}}{{/statuses}}\n");
	driver_options_init(&opt);
	opt.template = "t.txt.mustache";
	opt.data = "data.yaml";
	opt.output = "t.txt";
	opt.depfile = "t.d";
	opt.verbose = 1;
	run(driver_render, &opt, &r);
	TAP_CHECK(r.rc == 0 && printed(&r, "") && said(&r, "statusgen: t.txt "
	    "written\nstatusgen: t.d written\n") &&
	    harness_holds("t.txt", "200\n"),
	    "render -o: the file and its depfile, written together");
	TAP_CHECK(harness_holds("t.d", "t.txt: t.txt.mustache \\\n"
	    "  data.yaml\n\nt.txt.mustache:\n\ndata.yaml:\n"),
	    "render -M: the output is the target, the template and data the "
	    "inputs");
	result_free(&r);

	age("t.txt");
	run(driver_render, &opt, &r);
	TAP_CHECK(r.rc == 0 && said(&r, "statusgen: t.txt unchanged\n"
	    "statusgen: t.d unchanged\n") && mtime_of("t.txt") == 1000000000,
	    "render -o again: nothing rewritten");
	result_free(&r);
	driver_options_free(&opt);
}

/* ------------------------------------------------------------------ */
/* generate                                                           */
/* ------------------------------------------------------------------ */

static void
put_templates(void)
{
	harness_mkdir("tpl");
	harness_put("tpl/codes.txt.mustache",
	    "{{#statuses}}{{code}} {{description}}\n{{/statuses}}");
	harness_put("tpl/page.html.mustache",
	    "{{#statuses}}<p>{{description}}</p>{{> _foot}}{{/statuses}}\n");
	harness_put("tpl/_foot.mustache", "!");
}

/* The inputs of the depfile of a generate run, after its targets. */
#define GEN_INPUTS "data.yaml \\\n  tpl/codes.txt.mustache \\\n" \
	"  tpl/page.html.mustache \\\n  tpl/_foot.mustache\n\n" \
	"data.yaml:\n\ntpl/codes.txt.mustache:\n\n" \
	"tpl/page.html.mustache:\n\ntpl/_foot.mustache:\n"

static void
test_generate(void)
{
	struct driver_options opt;
	struct result r;

	put_templates();
	generate_options(&opt);
	opt.depfile = "gen.d";
	opt.verbose = 1;
	run(driver_generate, &opt, &r);
	TAP_CHECK(r.rc == 0 && said(&r, "statusgen: gen/codes.txt written\n"
	    "statusgen: gen/page.html written\nstatusgen: gen.d written\n"),
	    "generate: every output and the depfile written, in order");
	TAP_CHECK(harness_holds("gen/codes.txt", "200 Fine & dandy.\n") &&
	    harness_holds("gen/page.html", "<p>Fine &amp; dandy.</p>!\n"),
	    "generate: each output escaped by its name, partials from DIR");
	TAP_CHECK(harness_holds("gen.d", "gen/codes.txt gen/page.html: "
	    GEN_INPUTS),
	    "generate -M: the outputs are the targets, every file read the "
	    "inputs");
	result_free(&r);

	driver_list_add(&opt.depfile_targets, "stamp");
	run(driver_generate, &opt, &r);
	TAP_CHECK(r.rc == 0 && harness_holds("gen.d", "stamp: " GEN_INPUTS),
	    "generate --depfile-target: the target instead of the "
	    "outputs");
	result_free(&r);
	driver_options_free(&opt);
}

static void
test_generate_all_or_nothing(void)
{
	struct driver_options opt;
	struct result r;

	/* A template that fails: nothing written, not even the folder. */
	harness_put("tpl/zbad.txt.mustache", "{{nosuch}}");
	generate_options(&opt);
	opt.outdir = "gen2";
	run(driver_generate, &opt, &r);
	TAP_CHECK(r.rc == -1 && said(&r, "tpl/zbad.txt.mustache:1:1: error: "
	    "'nosuch' is not defined\n") && mtime_of("gen2") == -1,
	    "generate: one failed template, nothing written");
	result_free(&r);
	remove("tpl/zbad.txt.mustache");

	/* An output that cannot be staged: the others are left as they were. */
	harness_mkdir("gen3");
	harness_mkdir("gen3/page.html");
	harness_put("gen3/codes.txt", "old\n");
	opt.outdir = "gen3";
	run(driver_generate, &opt, &r);
	TAP_CHECK(r.rc == -1 && harness_holds("gen3/codes.txt", "old\n"),
	    "generate: an output that is a folder, the others untouched");
	result_free(&r);
	driver_options_free(&opt);
}

/* ------------------------------------------------------------------ */
/* --check and --diff                                                 */
/* ------------------------------------------------------------------ */

static void
test_check(void)
{
	struct driver_options opt;
	struct result r;

	generate_options(&opt);
	opt.check = 1;
	run(driver_generate, &opt, &r);
	TAP_CHECK(r.rc == 0 && said(&r, "") && printed(&r, ""),
	    "--check: every output current, nothing said");
	result_free(&r);

	opt.verbose = 1;
	run(driver_generate, &opt, &r);
	TAP_CHECK(r.rc == 0 && said(&r, "statusgen: gen/codes.txt is up to "
	    "date\nstatusgen: gen/page.html is up to date\n"),
	    "--check -v: names the current outputs");
	result_free(&r);
	opt.verbose = 0;

	harness_put("gen/codes.txt", "200 Old.\n");
	age("gen/codes.txt");
	remove("gen/page.html");
	opt.diff = 1;
	run(driver_generate, &opt, &r);
	TAP_CHECK(r.rc == 1 && said(&r, "statusgen: gen/codes.txt is out of "
	    "date\nstatusgen: gen/page.html is out of date\n"),
	    "--check: a changed and a missing output are out of date");
	TAP_CHECK(printed(&r, "--- a/gen/codes.txt\n+++ b/gen/codes.txt\n"
	    "@@ -1 +1 @@\n-200 Old.\n+200 Fine & dandy.\n"
	    "--- /dev/null\n+++ b/gen/page.html\n@@ -0,0 +1 @@\n"
	    "+<p>Fine &amp; dandy.</p>!\n"),
	    "--diff: a diff of each, from /dev/null for a missing file");
	TAP_CHECK(harness_holds("gen/codes.txt", "200 Old.\n") &&
	    mtime_of("gen/codes.txt") == 1000000000 &&
	    mtime_of("gen/page.html") == -1, "--check writes nothing");
	result_free(&r);

	opt.diff = 0;
	opt.quiet = 1;
	run(driver_generate, &opt, &r);
	TAP_CHECK(r.rc == 1 && said(&r, "") && printed(&r, ""),
	    "--check -q: only the status");
	result_free(&r);

	harness_mkdir("gen/page.html");
	run(driver_generate, &opt, &r);
	TAP_CHECK(r.rc == -1 && said(&r, "gen/page.html: error: cannot read: "
	    "Is a directory\n"), "--check: an output that cannot be read is "
	    "an error");
	result_free(&r);
	driver_options_free(&opt);
}

/* ------------------------------------------------------------------ */
/* validate                                                           */
/* ------------------------------------------------------------------ */

static void
test_validate(void)
{
	struct driver_options opt;
	struct result r;

	driver_options_init(&opt);
	opt.data = "data.yaml";
	run(driver_validate, &opt, &r);
	TAP_CHECK(r.rc == 0 && said(&r, "") && printed(&r, ""),
	    "validate: a good table");
	result_free(&r);

	opt.limits.max[LIMITS_YAML_DEPTH] = 1;
	run(driver_validate, &opt, &r);
	TAP_CHECK(r.rc == -1 && said(&r, "data.yaml:2:3: error: nesting "
	    "deeper than 1 levels\ndata.yaml:2:3: note: --max-yaml-depth "
	    "raises this limit\n"), "validate: the data limits of the "
	    "options");
	result_free(&r);
	driver_options_free(&opt);
}

int
main(void)
{
	struct scratch s;

	/* In a fresh folder, so that paths in messages are short. */
	scratch_enter(&s, "driver");
	test_render_to_buffer();
	test_render_errors();
	test_render_to_file();
	test_generate();
	test_generate_all_or_nothing();
	test_check();
	test_validate();
	scratch_leave(&s);
	return tap_done();
}
