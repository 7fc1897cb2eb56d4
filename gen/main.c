/* The statusgen command line: the table of commands and their option tables, from argv to a driver run. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "buf.h"
#include "cli.h"
#include "diag.h"
#include "driver.h"
#include "limits.h"
#include "splice.h"
#include "text.h"
#include "version.h"

/* Exit statuses: every error, of whatever kind, exits 2. */
#define EXIT_OK		0
#define EXIT_STALE	1	/* generate --check: an output is out of date;
				   registry-diff: the table differs */
#define EXIT_ERROR	2

#define DEFAULT_DATA		"data/http_status.yaml"
#define DEFAULT_OUTDIR		"out"

/*
 * Where `make install` puts the shipped templates and status table: the
 * Makefile passes -DSTATUSGEN_DATADIR="$(DATADIR)". Without it, there is
 * no installed fallback.
 */
/* The shipped templates of splice's regions: a subfolder of the
 * templates, which generate does not render as outputs. */
#define SPLICE_FOLDER	"splice"

#ifdef STATUSGEN_DATADIR
#define INSTALLED_TEMPLATES	STATUSGEN_DATADIR "/statusgen/templates"
#define INSTALLED_DATA		STATUSGEN_DATADIR "/statusgen/" DEFAULT_DATA
#define TEMPLATES_HELP		"the installed ones,\n" INSTALLED_TEMPLATES
#define INSTALLED_SPLICE	INSTALLED_TEMPLATES "/" SPLICE_FOLDER
#define SPLICE_HELP		"the installed ones,\n" INSTALLED_SPLICE
#else
#define TEMPLATES_HELP		"none: -t is needed"
#define SPLICE_HELP		TEMPLATES_HELP
#endif

/* ------------------------------------------------------------------ */
/* The option tables                                                  */
/* ------------------------------------------------------------------ */

#define FIELD(f)	offsetof(struct driver_options, f)

static struct driver_options *
options_of(struct cli *c)
{
	return c->target;
}

static int
add_path(struct cli *c, const struct cli_option *o, const char *val)
{
	driver_list_add(cli_field(c, o), val);
	return 0;
}

/* -D NAME=VALUE: NAME is one key, which a template reaches as {{NAME}}. */
static int
add_define(struct cli *c, const struct cli_option *o, const char *val)
{
	const char *eq = strchr(val, '=');
	size_t n = eq != NULL ? (size_t)(eq - val) : 0;
	struct buf show;

	if (n > 0 && memchr(val, '.', n) == NULL &&
	    strcspn(val, " \t\n{}") >= n) {
		driver_list_add(cli_field(c, o), val);
		return 0;
	}
	buf_init(&show);
	text_show(val, strlen(val), TEXT_SHOW_MAX, &show);
	diag_error(c->d, NULL, "option '%s %s' is not NAME=VALUE with a NAME "
	    "of no '.', space or brace", buf_cstr(&c->typed), buf_cstr(&show));
	buf_free(&show);
	return -1;
}

static int
set_file(struct cli *c, const struct cli_option *o, const char *val)
{
	if (*val != '\0')
		return cli_set_string(c, o, val);
	diag_error(c->d, NULL, "option '%s' needs a file name",
	    buf_cstr(&c->typed));
	return -1;
}

static int
set_escape(struct cli *c, const struct cli_option *o, const char *val)
{
	struct driver_options *opt = options_of(c);

	(void)o;
	if (text_escape_by_name(val, strlen(val), &opt->escape) == 0) {
		opt->escape_given = 1;
		return 0;
	}
	diag_error(c->d, NULL, "unknown escape mode '%s' (use html, c, md, json "
	    "or none)", val);
	return -1;
}

static int
set_markers(struct cli *c, const struct cli_option *o, const char *val)
{
	const char *hint = splice_style_suggest(val, strlen(val));
	struct buf names;

	if (splice_style_by_name(val, strlen(val)) != NULL)
		return cli_set_string(c, o, val);
	buf_init(&names);
	splice_style_names(&names);
	diag_error(c->d, NULL, "unknown marker style '%.40s' (use %s)%s%s%s",
	    val, buf_cstr(&names), hint != NULL ? "; did you mean '" : "",
	    hint != NULL ? hint : "", hint != NULL ? "'?" : "");
	buf_free(&names);
	return -1;
}

/* Of -q and -v, the last one given counts. */
static int
set_verbose(struct cli *c, const struct cli_option *o, const char *val)
{
	(void)o;
	(void)val;
	options_of(c)->verbose = 1;
	options_of(c)->quiet = 0;
	return 0;
}

static int
set_quiet(struct cli *c, const struct cli_option *o, const char *val)
{
	(void)o;
	(void)val;
	options_of(c)->quiet = 1;
	options_of(c)->verbose = 0;
	return 0;
}

/*
 * The rows more than one command has: what they are and how they parse is
 * written once; the help says what each does for that command.
 */
#define OPT_DEPFILE(argname, text) { .shortname = 'M', \
	.longname = "depfile", .arg = argname, .set = cli_set_string, \
	.field = FIELD(depfile), .flags = CLI_NONEMPTY, .help = text }
#define OPT_VERBOSE(text) { .shortname = 'v', .longname = "verbose", \
	.set = set_verbose, .help = text }
#define OPT_SOURCE_NAME(text) { .longname = "source-name", .arg = "NAME", \
	.set = cli_set_string, .field = FIELD(source_name), \
	.flags = CLI_NONEMPTY, .help = text }
#define OPT_DEFINE(text) { .shortname = 'D', .arg = "NAME=VALUE", \
	.set = add_define, .field = FIELD(defines), .help = text }
/* -D of the commands that build the status table's context: its names,
 * or statusgen's own settings. */
#define OPT_SETTINGS { .shortname = 'D', .arg = "NAME=VALUE", \
	.set = add_define, .field = FIELD(defines), .flags = CLI_SETTINGS, \
	.help = "the string VALUE as NAME at the context's\n" \
	"root; repeatable; but these NAMEs set statusgen:" }
#define OPT_LIMITS(scope) { .limits = scope }
#define OPT_HELP { .shortname = 'h', .longname = "help", \
	.flags = CLI_HELP, .help = "show this help" }
#define OPT_END { .shortname = 0 }

static const struct cli_option render_options[] = {
	{ .longname = "escape", .arg = "MODE", .set = set_escape,
	  .help = "escaper of {{name}} tags: html, c, md, json,\n"
	  "none; default by the template's extension\n"
	  "without .mustache: .h .c -> c, .md -> md,\n"
	  ".json -> json, .html .htm -> html, else none" },
	{ .longname = "strict", .set = cli_set_flag, .field = FIELD(strict),
	  .help = "an undefined name in an interpolation tag,\n"
	  "or a missing partial, is an error" },
	{ .longname = "partials", .arg = "DIR", .set = add_path,
	  .field = FIELD(partials),
	  .help = "look for partial NAME as DIR/NAME.mustache,\n"
	  "then in the template's folder; repeatable" },
	{ .shortname = 'o', .arg = "FILE", .set = set_file,
	  .field = FIELD(output),
	  .help = "write to FILE, only if its content changes;\n"
	  "'-' is standard output, and a device or FIFO\n"
	  "is written directly" },
	OPT_DEPFILE("DEPFILE", "with -o: also write a make dependency file\n"
	    "naming FILE and every file read"),
	OPT_DEFINE("the string VALUE as NAME at the context's\n"
	    "root; repeatable; not a name DATA has"),
	OPT_VERBOSE("say whether FILE was written or unchanged"),
	OPT_LIMITS(LIMITS_DATA | LIMITS_TEMPLATES),
	OPT_HELP,
	OPT_END
};

static const struct cli_option generate_options[] = {
	{ .shortname = 't', .arg = "DIR", .set = cli_set_string,
	  .field = FIELD(templates), .flags = CLI_NONEMPTY,
	  .help = "the templates (default " TEMPLATES_HELP ")" },
	{ .shortname = 'o', .arg = "OUTDIR", .set = cli_set_string,
	  .field = FIELD(outdir), .flags = CLI_NONEMPTY,
	  .fallback = DEFAULT_OUTDIR, .help = "where outputs go" },
	OPT_DEPFILE("FILE", "also write a make dependency file: the outputs,\n"
	    "and every file read (data, templates, partials)"),
	{ .longname = "depfile-target", .arg = "NAME", .set = add_path,
	  .field = FIELD(depfile_targets), .flags = CLI_NONEMPTY,
	  .help = "a target of the depfile, instead of the outputs;\n"
	  "repeatable (for a stamp file)" },
	{ .longname = "check", .set = cli_set_flag, .field = FIELD(check),
	  .help = "write nothing; name each output that would\n"
	  "change, and exit 1 if there is one" },
	{ .longname = "diff", .set = cli_set_flag, .field = FIELD(diff),
	  .help = "with --check: print a unified diff of each" },
	OPT_SOURCE_NAME("the data's name in the outputs (default: its path\n"
	    "from the current folder, or its base name)"),
	{ .shortname = 'q', .longname = "quiet", .set = set_quiet,
	  .help = "with --check: print nothing, only exit 0 or 1" },
	OPT_SETTINGS,
	OPT_VERBOSE("name each output, written or unchanged"),
	OPT_LIMITS(LIMITS_DATA | LIMITS_TEMPLATES),
	OPT_HELP,
	OPT_END
};

static const struct cli_option splice_options[] = {
	{ .shortname = 't', .arg = "DIR", .set = cli_set_string,
	  .field = FIELD(templates), .flags = CLI_NONEMPTY,
	  .help = "the regions' templates (default " SPLICE_HELP ")" },
	{ .longname = "markers", .arg = "STYLE", .set = set_markers,
	  .field = FIELD(markers),
	  .help = "the markers' style of every FILE, instead of\n"
	  "the one its extension picks:",
	  .more = splice_style_help },
	OPT_DEPFILE("FILE", "also write a make dependency file: the FILEs,\n"
	    "and every file read (data, templates, partials)"),
	{ .longname = "check", .set = cli_set_flag, .field = FIELD(check),
	  .help = "write nothing; name each FILE that would\n"
	  "change, and exit 1 if there is one" },
	{ .longname = "diff", .set = cli_set_flag, .field = FIELD(diff),
	  .help = "with --check: print a unified diff of each" },
	{ .shortname = 'q', .longname = "quiet", .set = set_quiet,
	  .help = "with --check: print nothing, only exit 0 or 1" },
	OPT_SETTINGS,
	OPT_VERBOSE("name each FILE, written or unchanged"),
	OPT_LIMITS(LIMITS_DATA | LIMITS_TEMPLATES),
	OPT_HELP,
	OPT_END
};

static const struct cli_option context_options[] = {
	OPT_SOURCE_NAME("the data's name, as generate has it"),
	OPT_SETTINGS,
	OPT_LIMITS(LIMITS_DATA | LIMITS_TEMPLATES),
	OPT_HELP,
	OPT_END
};

static const struct cli_option validate_options[] = {
	OPT_LIMITS(LIMITS_DATA),
	OPT_HELP,
	OPT_END
};

static const struct cli_option registry_options[] = {
	OPT_LIMITS(LIMITS_DATA | LIMITS_REGISTRY),
	OPT_HELP,
	OPT_END
};

/* ------------------------------------------------------------------ */
/* The command table                                                  */
/* ------------------------------------------------------------------ */

/*
 * A command. Adding one takes a driver_fn (see driver.h), an option table
 * and a row here; its help and usage hints come from the row.
 */
struct command {
	struct cli_command	 cli;
	driver_fn		 run;
	/* Usage rules across options: 0, or -1 after reporting. */
	int			(*check)(const struct driver_options *opt,
				    struct diag *d);
	/* Defaults found on the file system: 0, or -1 after reporting. */
	int			(*prepare)(struct driver_options *opt,
				    struct diag *d);
};

static int	check_render(const struct driver_options *, struct diag *);
static int	check_generate(const struct driver_options *, struct diag *);
static int	check_splice(const struct driver_options *, struct diag *);
static int	find_templates(struct driver_options *, struct diag *);
static int	find_splice_templates(struct driver_options *, struct diag *);

static const struct command commands[] = {
	{ {
		"render",
		"render [--escape MODE] [--strict] [--partials DIR]... [-v] "
		    "[-o FILE [-M DEPFILE]] [-D NAME=VALUE]... [--max-LIMIT N]... "
		    "TEMPLATE [DATA]",
		"render a Mustache template with a YAML file as its context",
		"Renders the Mustache template file TEMPLATE with the YAML "
		    "file\nDATA as its context (empty without DATA) to standard "
		    "output.\n",
		NULL, render_options,
		{ { "TEMPLATE", FIELD(template), 1, NULL, 0, 0 },
		  { "DATA", FIELD(data), 0, NULL, 0, 0 } }
	}, driver_render, check_render, NULL },
	{ {
		"generate",
		"generate [-q | -v] [--check [--diff]] [-M FILE] [-t DIR] "
		    "[-o OUTDIR] [-D NAME=VALUE]... [--max-LIMIT N]... [DATA]",
		"check the status table and render every template to OUTDIR",
		"Checks the status table DATA (default " DEFAULT_DATA ") and\n"
		    "renders every DIR/NAME.mustache not starting with '_' to\n"
		    "OUTDIR/NAME (NAME rendered too: {{prefix}}.h), in strict "
		    "mode,\nwith the escaper NAME's extension picks; "
		    "DIR/_NAME.mustache\nfiles are partials "
		    "({{> _NAME}}).\nNothing is written unless every template "
		    "renders; then the\noutputs are replaced together, and an "
		    "output whose content is\nunchanged is not rewritten.\n",
		"Exit status: 0 done (with --check: all current), 1 with "
		    "--check:\nan output is out of date, 2 any error.\n",
		generate_options,
		{ { "DATA", FIELD(data), 0, DEFAULT_DATA, 0, 0 } }
	}, driver_generate, check_generate, find_templates },
	{ {
		"splice",
		"splice [-q | -v] [--check [--diff]] [-M FILE] [-t DIR] "
		    "[--markers STYLE] [-D NAME=VALUE]... [--max-LIMIT N]... "
		    "DATA FILE...",
		"regenerate the marked regions of your own files",
		"Checks the status table DATA and, in each FILE, replaces the "
		    "lines\nbetween a begin marker and an end marker, comments "
		    "of the\nfile's language on lines of their own,\n"
		    "  <!-- statusgen:begin TEMPLATE [NAME=VALUE]... -->\n"
		    "  <!-- statusgen:end -->\n"
		    "with DIR/TEMPLATE.mustache rendered in strict mode; "
		    "class=N\nand codes=N,N... choose the statuses it sees, "
		    "any other\nNAME=VALUE is a string for it. The markers and "
		    "every other\nbyte are kept. Nothing is written unless "
		    "every region\nrenders; then the FILEs are replaced "
		    "together, and one\nwhose content is unchanged is not "
		    "rewritten.\n",
		"Exit status: 0 done (with --check: all current), 1 with "
		    "--check:\na FILE is out of date, 2 any error.\n",
		splice_options,
		{ { "DATA", FIELD(data), 1, NULL, 0, 0 },
		  { "FILE", FIELD(files), 1, NULL, 1, FIELD(nfiles) } }
	}, driver_splice, check_splice, find_splice_templates },
	{ {
		"context",
		"context [--source-name NAME] [-D NAME=VALUE]... "
		    "[--max-LIMIT N]... [DATA]",
		"print the context the templates see, as JSON",
		"Checks the status table DATA (default " DEFAULT_DATA ") and "
		    "prints\nthe context generate's templates see, as JSON.\n",
		NULL, context_options,
		{ { "DATA", FIELD(data), 0, DEFAULT_DATA, 0, 0 } }
	}, driver_context, NULL, NULL },
	{ {
		"validate",
		"validate [--max-LIMIT N]... [DATA]",
		"check the status table and report every problem",
		"Checks the status table DATA (default " DEFAULT_DATA ") and\n"
		    "reports every problem; writes nothing.\n",
		NULL, validate_options,
		{ { "DATA", FIELD(data), 0, DEFAULT_DATA, 0, 0 } }
	}, driver_validate, NULL, NULL },
	{ {
		"registry-diff",
		"registry-diff [--max-LIMIT N]... CSV [DATA]",
		"compare the status table with the IANA registry's CSV",
		"Compares the status table DATA (default " DEFAULT_DATA ")\n"
		    "with CSV, the CSV export of the IANA HTTP Status Code\n"
		    "Registry, and reports each difference as a warning: a code "
		    "the\nregistry has and the table lacks, a name or a state "
		    "that\ndiffers, a code it does not list that is not "
		    "unofficial.\n",
		"Exit status: 0 they agree, 1 they differ, 2 any error.\n",
		registry_options,
		{ { "CSV", FIELD(registry), 1, NULL, 0, 0 },
		  { "DATA", FIELD(data), 0, DEFAULT_DATA, 0, 0 } }
	}, driver_registry_diff, NULL, NULL },
};

#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

static int
check_render(const struct driver_options *opt, struct diag *d)
{
	if (opt->depfile == NULL || (opt->output != NULL &&
	    strcmp(opt->output, "-") != 0))
		return 0;
	diag_error(d, NULL, "option '--depfile' needs '-o FILE' (the "
	    "depfile's target, which standard output cannot be)");
	return -1;
}

/*
 * The rules of --check, --diff and --depfile: splice's, which generate
 * shares.
 */
static int
check_splice(const struct driver_options *opt, struct diag *d)
{
	if (opt->diff && !opt->check)
		diag_error(d, NULL, "option '--diff' needs '--check'");
	else if (opt->check && opt->depfile != NULL)
		diag_error(d, NULL, "option '--depfile' cannot be used with "
		    "'--check', which writes nothing");
	else
		return 0;
	return -1;
}

static int
check_generate(const struct driver_options *opt, struct diag *d)
{
	if (check_splice(opt, d) != 0)
		return -1;
	if (strcmp(opt->outdir, "-") == 0)
		diag_error(d, NULL, "option '-o' needs a folder: '-' (standard "
		    "output) cannot hold a set of files; use 'render -o -' for "
		    "one template, or '-o ./-' for a folder named '-'");
	else if (opt->depfile_targets.n > 0 && opt->depfile == NULL)
		diag_error(d, NULL, "option '--depfile-target' needs "
		    "'--depfile'");
	else
		return 0;
	return -1;
}

/* Without -t, the installed templates' splice folder. */
static int
find_splice_templates(struct driver_options *opt, struct diag *d)
{
	opt->templates_why = "given with -t";
	if (opt->templates != NULL)
		return 0;
#ifdef INSTALLED_SPLICE
	(void)d;
	opt->templates = INSTALLED_SPLICE;
	opt->templates_why = "the default, the installed templates of "
	    "splice; use -t to choose";
	return 0;
#else
	diag_error(d, NULL, "no templates folder: this statusgen was built "
	    "without installed templates (use -t DIR)");
	return -1;
#endif
}

/*
 * Without -t, the installed templates, never a ./templates of the user's
 * tree (an HTTP server's HTML, say). Returns 0 with the folder and why it
 * was chosen, or -1 after reporting that there is no default. A statusgen
 * run from its build folder before `make install` has none yet: the why
 * then says what to run.
 */
static int
find_templates(struct driver_options *opt, struct diag *d)
{
	opt->templates_why = "given with -t";
	if (opt->templates != NULL)
		return 0;
#ifdef INSTALLED_TEMPLATES
	struct stat st;

	(void)d;
	opt->templates = INSTALLED_TEMPLATES;
	if (stat(INSTALLED_TEMPLATES, &st) == -1 && errno == ENOENT)
		opt->templates_why = "the default, the installed templates, "
		    "which are not there: run 'make install' first, or name "
		    "a folder with -t, as in -t templates in statusgen's "
		    "source tree";
	else
		opt->templates_why = "the default, the installed templates; "
		    "use -t to choose";
	return 0;
#else
	diag_error(d, NULL, "no templates folder: this statusgen was built "
	    "without installed templates (use -t DIR)");
	return -1;
#endif
}

/*
 * After a run without DATA failed: when the default data file is missing,
 * points at the installed copy of the status table.
 */
static void
note_installed_data(const struct cli *c, struct diag *d)
{
#ifdef INSTALLED_DATA
	struct stat st;

	if (c->fell_back && stat(DEFAULT_DATA, &st) == -1 &&
	    errno == ENOENT && stat(INSTALLED_DATA, &st) == 0)
		diag_note(d, NULL, "the installed status table is %s; pass "
		    "it, or a copy, as DATA", INSTALLED_DATA);
#else
	(void)c;
	(void)d;
#endif
}

/* ------------------------------------------------------------------ */
/* Running a command                                                  */
/* ------------------------------------------------------------------ */

/*
 * The variable that stands for today's date, for the check of the data's
 * dates (a temporary registration that has ended), so that a test does
 * not depend on the day it runs. Not SOURCE_DATE_EPOCH, which says when
 * the sources changed: no output holds a date.
 */
#define TODAY_VARIABLE	"STATUSGEN_TODAY"

/*
 * Sets opt->today to $STATUSGEN_TODAY, or when it is unset or empty to
 * today's date in UTC (in buf, of 11 bytes). Returns 0, or -1 after
 * reporting a value that is not a date YYYY-MM-DD.
 */
static int
find_today(struct driver_options *opt, char *buf, struct diag *d)
{
	const char *env = getenv(TODAY_VARIABLE);
	time_t now = time(NULL);
	struct buf show;
	struct tm tm;
	int y, m, days;

	if (env != NULL && env[0] != '\0') {
		opt->today = env;
		if (text_date(env, strlen(env), &y, &m, &days) == 1)
			return 0;
		buf_init(&show);
		text_show(env, strlen(env), TEXT_SHOW_MAX, &show);
		diag_error(d, NULL, "%s must be a date, YYYY-MM-DD, got \"%s\"",
		    TODAY_VARIABLE, buf_cstr(&show));
		buf_free(&show);
		return -1;
	}
	if (now != (time_t)-1 && gmtime_r(&now, &tm) != NULL &&
	    strftime(buf, 11, "%Y-%m-%d", &tm) == 10)
		opt->today = buf;
	return 0;
}

/*
 * Writes b to standard output, flushed so that a full disk or a closed
 * pipe is an error now and not a silent loss at exit, and frees it.
 * Returns 0, or -1 after reporting.
 */
static int
print_buf(struct buf *b, struct diag *d)
{
	int rc = 0;

	if ((b->len > 0 && fwrite(b->data, 1, b->len, stdout) != b->len) ||
	    fflush(stdout) == EOF || ferror(stdout)) {
		diag_error(d, NULL, "cannot write standard output: %s",
		    strerror(errno != 0 ? errno : EIO));
		rc = -1;
	}
	buf_free(b);
	return rc;
}

/*
 * Runs a parsed command. After a run, a count of the errors ends a long
 * list of messages with its size. Returns the exit status.
 */
static int
run(const struct command *cmd, struct driver_options *opt,
    const struct cli *c, struct diag *d)
{
	struct buf print;
	char today[11];
	int rc = -1;

	buf_init(&print);
	if (find_today(opt, today, d) == 0 &&
	    (cmd->prepare == NULL || cmd->prepare(opt, d) == 0)) {
		rc = cmd->run(opt, &print, d);
		if (rc < 0)
			note_installed_data(c, d);
	}
	/* Printed even after an error: the diffs of --check. */
	if (print_buf(&print, d) != 0)
		rc = -1;
	if (d->errors > 0)
		fprintf(stderr, "statusgen: %u error%s\n", d->errors,
		    d->errors == 1 ? "" : "s");
	if (rc < 0 || d->errors > 0)
		return EXIT_ERROR;
	return rc == 1 ? EXIT_STALE : EXIT_OK;
}

/* Parses a command's argv (argv[0] is its name) and runs it. */
static int
run_command(const struct command *cmd, int argc, char **argv,
    struct diag *d)
{
	struct driver_options opt;
	struct buf help;
	struct cli c;
	int status = EXIT_ERROR, r;

	driver_options_init(&opt);
	cli_init(&c, &cmd->cli, &opt, &opt.limits, d);
	if ((r = cli_parse(&c, argc, argv)) == 1) {
		buf_init(&help);
		cli_help(&help, &cmd->cli);
		status = print_buf(&help, d) == 0 ? EXIT_OK : EXIT_ERROR;
	} else if (r < 0 || (cmd->check != NULL && cmd->check(&opt, d) != 0))
		cli_usage_hint(&cmd->cli);
	else
		status = run(cmd, &opt, &c, d);
	cli_free(&c);
	driver_options_free(&opt);
	return status;
}

/* statusgen --help, --version, and the option list for tests/buildstep. */
static int
program_option(const char *arg, struct diag *d)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	if (strcmp(arg, "--version") == 0) {
		buf_puts(&b, "statusgen " STATUSGEN_VERSION "\n");
	} else if (strcmp(arg, "--dump-options") == 0) {
		/* Not in --help: see cli_dump(). */
		for (i = 0; i < NCOMMANDS; i++)
			cli_dump(&b, &commands[i].cli);
	} else {
		buf_puts(&b, "usage: statusgen COMMAND [OPTION]... [ARG]...\n"
		    "       statusgen --help | --version\n\nCommands:\n");
		for (i = 0; i < NCOMMANDS; i++)
			buf_printf(&b, "  %-14s %s\n", commands[i].cli.name,
			    commands[i].cli.summary);
		buf_puts(&b, "\nRun 'statusgen COMMAND --help' for the options "
		    "of a command. Every error\nis reported on standard error "
		    "and exits with status 2; 'generate --check'\nexits 1 when "
		    "an output is out of date, 'splice --check' when a file "
		    "is,\n'registry-diff' when the table differs from the "
		    "registry. See\nstatusgen(1).\n");
	}
	return print_buf(&b, d) == 0 ? EXIT_OK : EXIT_ERROR;
}

int
main(int argc, char **argv)
{
	struct diag d;
	const char *arg;
	size_t i;

	diag_init(&d, stderr);
	/* A file size limit makes a write fail (EFBIG), reported like a full
	 * disk, instead of killing the run with its temporary files. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		diag_error(&d, NULL, "missing COMMAND");
		cli_usage_hint(NULL);
		return EXIT_ERROR;
	}
	arg = argv[1];
	if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0 ||
	    strcmp(arg, "--version") == 0 ||
	    strcmp(arg, "--dump-options") == 0)
		return program_option(arg, &d);
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(arg, commands[i].cli.name) == 0)
			return run_command(&commands[i], argc - 1, argv + 1,
			    &d);
	if (arg[0] == '-')
		diag_error(&d, NULL, "unknown option '%s'", arg);
	else
		diag_error(&d, NULL, "unknown command '%s'", arg);
	cli_usage_hint(NULL);
	return EXIT_ERROR;
}
