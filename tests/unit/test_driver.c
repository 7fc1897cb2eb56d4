/* Unit tests for the driver: render to a buffer and to a file, generate's staging and depfile, --check and --diff, validate. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "driver.h"
#include "tap.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                            */
/* ------------------------------------------------------------------ */

/* The tests run in a fresh folder, so paths in messages are short. */
static char workdir[] = "/tmp/statusgen-driver.XXXXXX";

static const char data_yaml[] =
    "classes:\n"
    "  - {class: 2, name: Successful, summary: Successful Requests}\n"
    "statuses:\n"
    "  - code: 200\n"
    "    reason: OK\n"
    "    description: Fine & dandy.\n"
    "    reference: RFC 9110, Section 15.3.1\n"
    "    registry: standard\n";

static void
put_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fputs(text, fp) == EOF || fclose(fp) == EOF) {
		perror(path);
		exit(1);
	}
}

static struct buf file_text;

/* The content of the file at path, or "(none)"; valid until the next. */
static const char *
content(const char *path)
{
	if (buf_read_file(&file_text, path) != 0)
		return "(none)";
	return buf_cstr(&file_text);
}

static void
make_dir(const char *path)
{
	if (mkdir(path, 0777) != 0) {
		perror(path);
		exit(1);
	}
}

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

	if (utimes(path, tv) != 0) {
		perror(path);
		exit(1);
	}
}

/* One command's run: its status, what it printed and what it reported. */
struct result {
	int		 rc;
	struct buf	 print;
	char		*msgs;
	size_t		 len;
	unsigned	 errors;
};

static void
run(driver_fn fn, const struct driver_options *opt, struct result *r)
{
	struct diag d;
	FILE *fp;

	buf_init(&r->print);
	r->msgs = NULL;
	r->len = 0;
	if ((fp = open_memstream(&r->msgs, &r->len)) == NULL) {
		perror("open_memstream");
		exit(1);
	}
	diag_init(&d, fp);
	r->rc = fn(opt, &r->print, &d);
	r->errors = d.errors;
	fclose(fp);
}

static void
result_free(struct result *r)
{
	buf_free(&r->print);
	free(r->msgs);
}

/* Shows what a run reported, as TAP comments. */
static void
show(const struct result *r)
{
	const char *p = r->msgs, *nl;

	for (; p != NULL && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL) {
			printf("# %s\n", p);
			break;
		}
		printf("# %.*s\n", (int)(nl - p), p);
	}
}

static int
said(const struct result *r, const char *msgs)
{
	if (strcmp(r->msgs, msgs) == 0)
		return 1;
	show(r);
	return 0;
}

static int
printed(const struct result *r, const char *text)
{
	return strcmp(buf_cstr(&r->print), text) == 0;
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

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* ------------------------------------------------------------------ */
/* render                                                             */
/* ------------------------------------------------------------------ */

static void
test_render_to_buffer(void)
{
	struct driver_options opt;
	struct result r;

	put_file("data.yaml", data_yaml);
	put_file("page.html.mustache", "{{#statuses}}<b>{{description}}</b>"
	    "{{/statuses}}{{> part}}\n");
	make_dir("parts");
	put_file("parts/part.mustache", "[parts]");
	put_file("part.mustache", "[own]");

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

	put_file("bad.mustache", "{{#a}}\n");
	put_file("bad.yaml", "a: [1\n");
	driver_options_init(&opt);
	opt.template = "bad.mustache";
	opt.data = "bad.yaml";
	run(driver_render, &opt, &r);
	TAP_CHECK(r.rc == -1 && r.errors == 2 && printed(&r, ""),
	    "render: the errors of both the template and the data, nothing "
	    "printed");
	result_free(&r);

	put_file("strict.mustache", "{{nosuch}}\n");
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

	put_file("t.txt.mustache", "{{#statuses}}{{code}}{{/statuses}}\n");
	driver_options_init(&opt);
	opt.template = "t.txt.mustache";
	opt.data = "data.yaml";
	opt.output = "t.txt";
	opt.depfile = "t.d";
	opt.verbose = 1;
	run(driver_render, &opt, &r);
	TAP_CHECK(r.rc == 0 && printed(&r, "") && said(&r, "statusgen: t.txt "
	    "written\nstatusgen: t.d written\n") &&
	    strcmp(content("t.txt"), "200\n") == 0,
	    "render -o: the file and its depfile, written together");
	TAP_CHECK(strcmp(content("t.d"), "t.txt: t.txt.mustache \\\n"
	    "  data.yaml\n\nt.txt.mustache:\n\ndata.yaml:\n") == 0,
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
	make_dir("tpl");
	put_file("tpl/codes.txt.mustache",
	    "{{#statuses}}{{code}} {{description}}\n{{/statuses}}");
	put_file("tpl/page.html.mustache",
	    "{{#statuses}}<p>{{description}}</p>{{> _foot}}{{/statuses}}\n");
	put_file("tpl/_foot.mustache", "!");
}

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
	TAP_CHECK(strcmp(content("gen/codes.txt"), "200 Fine & dandy.\n") ==
	    0 && strcmp(content("gen/page.html"),
	    "<p>Fine &amp; dandy.</p>!\n") == 0,
	    "generate: each output escaped by its name, partials from DIR");
	TAP_CHECK(strcmp(content("gen.d"), "gen/codes.txt gen/page.html: "
	    "data.yaml \\\n  tpl/codes.txt.mustache \\\n"
	    "  tpl/page.html.mustache \\\n  tpl/_foot.mustache\n\n"
	    "data.yaml:\n\ntpl/codes.txt.mustache:\n\n"
	    "tpl/page.html.mustache:\n\ntpl/_foot.mustache:\n") == 0,
	    "generate -M: the outputs are the targets, every file read the "
	    "inputs");
	result_free(&r);

	driver_list_add(&opt.depfile_targets, "stamp");
	run(driver_generate, &opt, &r);
	TAP_CHECK(r.rc == 0 && strncmp(content("gen.d"), "stamp: data.yaml",
	    16) == 0, "generate --depfile-target: the target instead of the "
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
	put_file("tpl/zbad.txt.mustache", "{{nosuch}}");
	generate_options(&opt);
	opt.outdir = "gen2";
	run(driver_generate, &opt, &r);
	TAP_CHECK(r.rc == -1 && said(&r, "tpl/zbad.txt.mustache:1:1: error: "
	    "'nosuch' is not defined\n") && mtime_of("gen2") == -1,
	    "generate: one failed template, nothing written");
	result_free(&r);
	remove("tpl/zbad.txt.mustache");

	/* An output that cannot be staged: the others are left as they were. */
	make_dir("gen3");
	make_dir("gen3/page.html");
	put_file("gen3/codes.txt", "old\n");
	opt.outdir = "gen3";
	run(driver_generate, &opt, &r);
	TAP_CHECK(r.rc == -1 && strcmp(content("gen3/codes.txt"), "old\n") ==
	    0, "generate: an output that is a folder, the others untouched");
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

	put_file("gen/codes.txt", "200 Old.\n");
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
	TAP_CHECK(strcmp(content("gen/codes.txt"), "200 Old.\n") == 0 &&
	    mtime_of("gen/codes.txt") == 1000000000 &&
	    mtime_of("gen/page.html") == -1, "--check writes nothing");
	result_free(&r);

	opt.diff = 0;
	opt.quiet = 1;
	run(driver_generate, &opt, &r);
	TAP_CHECK(r.rc == 1 && said(&r, "") && printed(&r, ""),
	    "--check -q: only the status");
	result_free(&r);

	make_dir("gen/page.html");
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
	if (mkdtemp(workdir) == NULL || chdir(workdir) != 0) {
		perror(workdir);
		return 1;
	}
	test_render_to_buffer();
	test_render_errors();
	test_render_to_file();
	test_generate();
	test_generate_all_or_nothing();
	test_check();
	test_validate();
	if (chdir("/") != 0 || nftw(workdir, remove_entry, 16,
	    FTW_DEPTH | FTW_PHYS) != 0)
		perror(workdir);
	buf_free(&file_text);
	return tap_done();
}
