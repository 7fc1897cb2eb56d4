/* The statusgen command line: argv to driver options, through one option table per command. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "diag.h"
#include "driver.h"
#include "limits.h"
#include "text.h"

#define STATUSGEN_VERSION	"0.1.0"

/* Exit statuses: every error, of whatever kind, exits 2. */
#define EXIT_OK		0
#define EXIT_STALE	1	/* generate --check: an output is out of date */
#define EXIT_ERROR	2

#define DEFAULT_DATA		"data/http_status.yaml"
#define DEFAULT_TEMPLATES	"templates"
#define DEFAULT_OUTDIR		"out"

/*
 * Where `make install` puts the shipped templates and status table: the
 * Makefile passes -DSTATUSGEN_DATADIR="$(DATADIR)". Without it, there is
 * no installed fallback.
 */
#ifdef STATUSGEN_DATADIR
#define INSTALLED_TEMPLATES	STATUSGEN_DATADIR "/statusgen/templates"
#define INSTALLED_DATA		STATUSGEN_DATADIR "/statusgen/" DEFAULT_DATA
#define TEMPLATES_HELP		"./" DEFAULT_TEMPLATES " when it exists,\n" \
	"else " INSTALLED_TEMPLATES
#else
#define TEMPLATES_HELP		"./" DEFAULT_TEMPLATES
#endif

/* --help: an option's help starts at HELP_COLUMN; lines end by HELP_WIDTH. */
#define HELP_COLUMN	18
#define HELP_WIDTH	70

/* ------------------------------------------------------------------ */
/* The option tables                                                  */
/* ------------------------------------------------------------------ */

struct option;
struct parse;

/*
 * Stores an option's value (NULL for a flag) in p's driver options.
 * Returns 0, or -1 after reporting a bad value.
 */
typedef int (*option_fn)(struct parse *p, const struct option *o,
    const char *val);

/*
 * One option of a command: parsing ("-o VAL", "-oVAL", "--name VAL",
 * "--name=VAL"), its --help lines, usage errors and the list that
 * tests/buildstep checks the man page against all come from these rows.
 */
struct option {
	char		 shortname;	/* 'o' for -o, or 0 */
	const char	*longname;	/* "depfile" for --depfile, or NULL */
	const char	*arg;		/* the value's name; NULL: a flag */
	option_fn	 set;
	size_t		 field;		/* what set stores to: an offset in
					   struct driver_options, or for a
					   limit its enum limits_id */
	unsigned	 flags;
	const char	*fallback;	/* the value when not given, shown */
	unsigned	 limits;	/* not 0: the row stands for the
					   --max-* options of these scopes */
	const char	*help;		/* lines split by '\n' */
};

#define OPT_NONEMPTY	1	/* an empty value is a missing one */
#define OPT_LIMIT	2	/* a --max-* option (see next_row()) */

#define FIELD(f)	offsetof(struct driver_options, f)

/* The parse of one command line. */
struct parse {
	const struct command	*cmd;
	struct driver_options	*opt;
	struct diag		*d;
	struct buf		 typed;		/* the option as given: "-M" */
	int			 help;		/* --help was given */
	int			 fell_back;	/* DATA was not given */
};

static void *
field(struct parse *p, const struct option *o)
{
	return (char *)p->opt + o->field;
}

static int
set_flag(struct parse *p, const struct option *o, const char *val)
{
	(void)val;
	*(int *)field(p, o) = 1;
	return 0;
}

static int
set_path(struct parse *p, const struct option *o, const char *val)
{
	*(const char **)field(p, o) = val;
	return 0;
}

static int
add_path(struct parse *p, const struct option *o, const char *val)
{
	driver_list_add(field(p, o), val);
	return 0;
}

static int
set_file(struct parse *p, const struct option *o, const char *val)
{
	if (*val != '\0')
		return set_path(p, o, val);
	diag_error(p->d, NULL, "option '%s' needs a file name",
	    buf_cstr(&p->typed));
	return -1;
}

static int
set_escape(struct parse *p, const struct option *o, const char *val)
{
	(void)o;
	if (text_escape_by_name(val, strlen(val), &p->opt->escape) == 0) {
		p->opt->escape_given = 1;
		return 0;
	}
	diag_error(p->d, NULL, "unknown escape mode '%s' (use html, c, md, json "
	    "or none)", val);
	return -1;
}

/* Of -q and -v, the last one given counts. */
static int
set_verbose(struct parse *p, const struct option *o, const char *val)
{
	(void)o;
	(void)val;
	p->opt->verbose = 1;
	p->opt->quiet = 0;
	return 0;
}

static int
set_quiet(struct parse *p, const struct option *o, const char *val)
{
	(void)o;
	(void)val;
	p->opt->quiet = 1;
	p->opt->verbose = 0;
	return 0;
}

static int
set_limit(struct parse *p, const struct option *o, const char *val)
{
	return limits_set(&p->opt->limits, (enum limits_id)o->field, val,
	    p->d);
}

static int
show_help(struct parse *p, const struct option *o, const char *val)
{
	(void)o;
	(void)val;
	p->help = 1;
	return 0;
}

/*
 * The rows more than one command has: what they are and how they parse is
 * written once; the help says what each does for that command.
 */
#define OPT_DEPFILE(argname, text) { .shortname = 'M', \
	.longname = "depfile", .arg = argname, .set = set_path, \
	.field = FIELD(depfile), .flags = OPT_NONEMPTY, .help = text }
#define OPT_VERBOSE(text) { .shortname = 'v', .longname = "verbose", \
	.set = set_verbose, .help = text }
#define OPT_LIMITS(scope) { .limits = scope }
#define OPT_HELP { .shortname = 'h', .longname = "help", \
	.set = show_help, .help = "show this help" }
#define OPT_END { .set = NULL }

static const struct option render_options[] = {
	{ .longname = "escape", .arg = "MODE", .set = set_escape,
	  .help = "escaper of {{name}} tags: html, c, md, json,\n"
	  "none; default by the template's extension\n"
	  "without .mustache: .h .c -> c, .md -> md,\n"
	  ".json -> json, .html .htm -> html, else none" },
	{ .longname = "strict", .set = set_flag, .field = FIELD(strict),
	  .help = "an undefined name in an interpolation tag,\n"
	  "or a missing partial, is an error" },
	{ .longname = "partials", .arg = "DIR", .set = add_path,
	  .field = FIELD(partials),
	  .help = "look for partial NAME as DIR/NAME.mustache,\n"
	  "then in the template's folder; repeatable" },
	{ .shortname = 'o', .arg = "FILE", .set = set_file,
	  .field = FIELD(output),
	  .help = "write to FILE, only if its content changes" },
	OPT_DEPFILE("DEPFILE", "with -o: also write a make dependency file\n"
	    "naming FILE and every file read"),
	OPT_VERBOSE("say whether FILE was written or unchanged"),
	OPT_LIMITS(LIMITS_DATA | LIMITS_TEMPLATES),
	OPT_HELP,
	OPT_END
};

static const struct option generate_options[] = {
	{ .shortname = 't', .arg = "DIR", .set = set_path,
	  .field = FIELD(templates), .flags = OPT_NONEMPTY,
	  .help = "the templates (default " TEMPLATES_HELP ")" },
	{ .shortname = 'o', .arg = "OUTDIR", .set = set_path,
	  .field = FIELD(outdir), .flags = OPT_NONEMPTY,
	  .fallback = DEFAULT_OUTDIR, .help = "where outputs go" },
	OPT_DEPFILE("FILE", "also write a make dependency file: the outputs,\n"
	    "and every file read (data, templates, partials)"),
	{ .longname = "depfile-target", .arg = "NAME", .set = add_path,
	  .field = FIELD(depfile_targets), .flags = OPT_NONEMPTY,
	  .help = "a target of the depfile, instead of the outputs;\n"
	  "repeatable (for a stamp file)" },
	{ .longname = "check", .set = set_flag, .field = FIELD(check),
	  .help = "write nothing; name each output that would\n"
	  "change, and exit 1 if there is one" },
	{ .longname = "diff", .set = set_flag, .field = FIELD(diff),
	  .help = "with --check: print a unified diff of each" },
	{ .shortname = 'q', .longname = "quiet", .set = set_quiet,
	  .help = "with --check: print nothing, only exit 0 or 1" },
	OPT_VERBOSE("name each output, written or unchanged"),
	OPT_LIMITS(LIMITS_DATA | LIMITS_TEMPLATES),
	OPT_HELP,
	OPT_END
};

static const struct option validate_options[] = {
	OPT_LIMITS(LIMITS_DATA),
	OPT_HELP,
	OPT_END
};

/*
 * Walks a table's rows in order, a limits row standing for each limit of
 * its scopes (a row made in the walk, valid until the next step).
 */
struct row_walk {
	const struct option	*table;
	size_t			 i;
	int			 id;	/* the next limit to consider */
	struct option		 limit;
};

static const struct option *
next_row(struct row_walk *w)
{
	const struct option *o;
	const struct limits_row *l;

	while ((o = &w->table[w->i])->set != NULL || o->limits != 0) {
		if (o->limits == 0) {
			w->i++;
			return o;
		}
		for (; w->id < LIMITS_COUNT; w->id++) {
			l = limits_row((enum limits_id)w->id);
			if ((l->scope & o->limits) == 0)
				continue;
			memset(&w->limit, 0, sizeof(w->limit));
			w->limit.longname = l->option + 2;	/* "--" */
			w->limit.arg = l->unit == LIMITS_BYTES ? "SIZE" : "N";
			w->limit.set = set_limit;
			w->limit.field = (size_t)w->id++;
			w->limit.flags = OPT_LIMIT;
			w->limit.help = l->help;
			return &w->limit;
		}
		w->i++;
		w->id = 0;
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* The command table                                                  */
/* ------------------------------------------------------------------ */

/* An operand: where it goes, and the value it has when not given. */
struct operand {
	const char	*name;		/* "TEMPLATE"; NULL ends the list */
	size_t		 field;		/* an offset in struct driver_options */
	int		 required;
	const char	*fallback;
};

/*
 * A command. Adding one takes a driver_fn (see driver.h), an option table
 * and a row here; help and usage hints are built from the row.
 */
struct command {
	const char		*name;
	driver_fn		 run;
	const char		*usage;		/* synopsis after "statusgen " */
	const char		*summary;	/* for statusgen --help */
	const char		*about;		/* COMMAND --help, first */
	const char		*epilog;	/* ... and last; NULL: none */
	const struct option	*options;
	struct operand		 operands[3];
	/* Usage rules across options: 0, or -1 after reporting. */
	int			(*check)(struct parse *p);
	/* Defaults found on the file system: 0, or -1 after reporting. */
	int			(*prepare)(struct driver_options *opt,
				    struct diag *d);
};

static int	check_render(struct parse *);
static int	check_generate(struct parse *);
static int	find_templates(struct driver_options *, struct diag *);

static const struct command commands[] = {
	{
		"render", driver_render,
		"render [--escape MODE] [--strict] [--partials DIR]... [-v] "
		    "[-o FILE [-M DEPFILE]] [--max-LIMIT N]... TEMPLATE [DATA]",
		"render a Mustache template with a YAML file as its context",
		"Renders the Mustache template file TEMPLATE with the YAML "
		    "file\nDATA as its context (empty without DATA) to standard "
		    "output.\n",
		NULL, render_options,
		{ { "TEMPLATE", FIELD(template), 1, NULL },
		  { "DATA", FIELD(data), 0, NULL } },
		check_render, NULL
	},
	{
		"generate", driver_generate,
		"generate [-q | -v] [--check [--diff]] [-M FILE] [-t DIR] "
		    "[-o OUTDIR] [--max-LIMIT N]... [DATA]",
		"check the status table and render every template to OUTDIR",
		"Checks the status table DATA (default " DEFAULT_DATA ") and\n"
		    "renders every DIR/NAME.mustache not starting with '_' to\n"
		    "OUTDIR/NAME, in strict mode, with the escaper NAME's "
		    "extension\npicks; DIR/_NAME.mustache files are partials "
		    "({{> _NAME}}).\nNothing is written unless every template "
		    "renders; then the\noutputs are replaced together, and an "
		    "output whose content is\nunchanged is not rewritten.\n",
		"Exit status: 0 done (with --check: all current), 1 with "
		    "--check:\nan output is out of date, 2 any error.\n",
		generate_options,
		{ { "DATA", FIELD(data), 0, DEFAULT_DATA } },
		check_generate, find_templates
	},
	{
		"validate", driver_validate,
		"validate [--max-LIMIT N]... [DATA]",
		"check the status table and report every problem",
		"Checks the status table DATA (default " DEFAULT_DATA ") and\n"
		    "reports every problem; writes nothing.\n",
		NULL, validate_options,
		{ { "DATA", FIELD(data), 0, DEFAULT_DATA } },
		NULL, NULL
	},
};

#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

/* ------------------------------------------------------------------ */
/* Output, help and usage messages                                    */
/* ------------------------------------------------------------------ */

/*
 * Writes p[0..len) to standard output and flushes it, so that a full disk
 * or a closed pipe is an error now and not a silent loss at exit.
 */
static int
write_stdout(const char *p, size_t len, struct diag *d)
{
	if ((len > 0 && fwrite(p, 1, len, stdout) != len) ||
	    fflush(stdout) == EOF || ferror(stdout)) {
		diag_error(d, NULL, "cannot write standard output: %s",
		    strerror(errno != 0 ? errno : EIO));
		return -1;
	}
	return 0;
}

/* Prints b and frees it; returns the exit status. */
static int
print_buf(struct buf *b, struct diag *d)
{
	int status = write_stdout(buf_cstr(b), b->len, d) == 0 ? EXIT_OK :
	    EXIT_ERROR;

	buf_free(b);
	return status;
}

/* The hint that follows a usage error (which the caller has reported). */
static int
usage_hint(const struct command *cmd)
{
	if (cmd != NULL)
		fprintf(stderr, "usage: statusgen %s\n", cmd->usage);
	else
		fputs("usage: statusgen COMMAND [OPTION]... [ARG]...\n",
		    stderr);
	return EXIT_ERROR;
}

/* The value an option has when not given, or "" for none. */
static void
put_fallback(struct buf *b, const struct option *o)
{
	if (o->flags & OPT_LIMIT)
		limits_put_value(b, (enum limits_id)o->field,
		    limits_default((enum limits_id)o->field));
	else if (o->fallback != NULL)
		buf_puts(b, o->fallback);
}

/*
 * Appends an option's --help lines: "-M, --depfile FILE", its help from
 * HELP_COLUMN (on the next line when the names reach it), and its
 * default, on the last line when it fits within HELP_WIDTH.
 */
static void
put_option_help(struct buf *b, const struct option *o)
{
	const char *line = o->help, *nl;
	size_t start = b->len, col;
	struct buf dflt;

	buf_puts(b, "  ");
	if (o->shortname != 0)
		buf_printf(b, "-%c%s", o->shortname,
		    o->longname != NULL ? ", " : "");
	if (o->longname != NULL)
		buf_printf(b, "--%s", o->longname);
	if (o->arg != NULL)
		buf_printf(b, " %s", o->arg);
	col = b->len - start;
	if (col + 2 > HELP_COLUMN) {	/* no room for two spaces */
		buf_putc(b, '\n');
		col = 0;
	}
	buf_printf(b, "%*s", (int)(HELP_COLUMN - col), "");
	while ((nl = strchr(line, '\n')) != NULL) {
		buf_printf(b, "%.*s\n%*s", (int)(nl - line), line, HELP_COLUMN,
		    "");
		line = nl + 1;
	}
	buf_puts(b, line);
	col = HELP_COLUMN + strlen(line);
	buf_init(&dflt);
	put_fallback(&dflt, o);
	if (dflt.len > 0 && col + strlen(" (default )") + dflt.len >
	    HELP_WIDTH)
		buf_printf(b, "\n%*s(default %s)", HELP_COLUMN, "",
		    buf_cstr(&dflt));
	else if (dflt.len > 0)
		buf_printf(b, " (default %s)", buf_cstr(&dflt));
	buf_putc(b, '\n');
	buf_free(&dflt);
}

static int
command_help(const struct command *cmd, struct diag *d)
{
	struct row_walk w = { cmd->options, 0, 0, { 0 } };
	const struct option *o;
	struct buf b;
	int sizes = 0;

	buf_init(&b);
	buf_printf(&b, "usage: statusgen %s\n\n%s\n", cmd->usage, cmd->about);
	while ((o = next_row(&w)) != NULL) {
		put_option_help(&b, o);
		if ((o->flags & OPT_LIMIT) && limits_row((enum limits_id)
		    o->field)->unit == LIMITS_BYTES)
			sizes = 1;
	}
	if (sizes)
		buf_printf(&b, "\n%s", limits_size_help());
	if (cmd->epilog != NULL)
		buf_printf(&b, "\n%s", cmd->epilog);
	return print_buf(&b, d);
}

static int
main_help(struct diag *d)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_puts(&b, "usage: statusgen COMMAND [OPTION]... [ARG]...\n"
	    "       statusgen --help | --version\n"
	    "\n"
	    "Commands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		buf_printf(&b, "  %-10s %s\n", commands[i].name,
		    commands[i].summary);
	buf_puts(&b, "\nRun 'statusgen COMMAND --help' for the options of a "
	    "command. Every error\nis reported on standard error and exits "
	    "with status 2; 'generate --check'\nexits 1 when an output is out "
	    "of date. See statusgen(1).\n");
	return print_buf(&b, d);
}

/*
 * Not in --help: every option of every command as a line "COMMAND NAME
 * ARG DEFAULT" (tab-separated, empty fields for none), the list that
 * tests/buildstep compares with the man page and the README.
 */
static int
dump_options(struct diag *d)
{
	struct row_walk w;
	const struct option *o;
	struct buf b, dflt;
	size_t i;

	buf_init(&b);
	buf_init(&dflt);
	for (i = 0; i < NCOMMANDS; i++) {
		memset(&w, 0, sizeof(w));
		w.table = commands[i].options;
		while ((o = next_row(&w)) != NULL) {
			buf_clear(&dflt);
			put_fallback(&dflt, o);
			if (o->shortname != 0)
				buf_printf(&b, "%s\t-%c\t%s\t%s\n",
				    commands[i].name, o->shortname,
				    o->arg != NULL ? o->arg : "",
				    buf_cstr(&dflt));
			if (o->longname != NULL)
				buf_printf(&b, "%s\t--%s\t%s\t%s\n",
				    commands[i].name, o->longname,
				    o->arg != NULL ? o->arg : "",
				    buf_cstr(&dflt));
		}
	}
	buf_free(&dflt);
	return print_buf(&b, d);
}

/* ------------------------------------------------------------------ */
/* Parsing                                                            */
/* ------------------------------------------------------------------ */

/*
 * Matches argv[*i] against o. Returns 1 with the value in *val (NULL for
 * a flag) and *i past it, 0 when argv[*i] is not o, or -1 when its value
 * is missing. "--escapes" is not "--escape", nor "-vq" -v.
 */
static int
match(const struct option *o, int argc, char **argv, int *i,
    const char **val)
{
	const char *arg = argv[*i];
	size_t n;

	*val = NULL;
	if (o->shortname != 0 && arg[1] == o->shortname)
		*val = arg[2] != '\0' ? arg + 2 : NULL;	/* "-oVALUE" */
	else if (o->longname != NULL && arg[1] == '-' &&
	    strncmp(arg + 2, o->longname, n = strlen(o->longname)) == 0 &&
	    (arg[2 + n] == '\0' || arg[2 + n] == '='))
		*val = arg[2 + n] == '=' ? arg + 3 + n : NULL;
	else
		return 0;
	if (*val != NULL)
		return o->arg != NULL;	/* a flag takes no value */
	if (o->arg == NULL)
		return 1;
	if (*i + 1 >= argc)
		return -1;
	*val = argv[++*i];
	return 1;
}

/* Parses the option argv[*i]. Returns 0, or -1 after reporting. */
static int
parse_option(struct parse *p, int argc, char **argv, int *i)
{
	struct row_walk w = { p->cmd->options, 0, 0, { 0 } };
	const char *arg = argv[*i], *val;
	const struct option *o;
	int r;

	while ((o = next_row(&w)) != NULL) {
		if ((r = match(o, argc, argv, i, &val)) == 0)
			continue;
		buf_clear(&p->typed);
		if (arg[1] == '-')
			buf_printf(&p->typed, "--%s", o->longname);
		else
			buf_printf(&p->typed, "-%c", o->shortname);
		if (r < 0 || (val != NULL && *val == '\0' &&
		    (o->flags & OPT_NONEMPTY))) {
			diag_error(p->d, NULL, "option '%s' needs an argument",
			    buf_cstr(&p->typed));
			return -1;
		}
		return o->set(p, o, val);
	}
	diag_error(p->d, NULL, "unknown option '%s'", arg);
	return -1;
}

/* Stores the n operands args[0..n). Returns 0, or -1 after reporting. */
static int
parse_operands(struct parse *p, int n, char **args, int dashdash)
{
	const struct operand *ops = p->cmd->operands;
	int j, min = 0, max = 0;

	for (; ops[max].name != NULL; max++)
		min += ops[max].required;
	/*
	 * Options come first. One after an operand would otherwise be read
	 * as the next operand, and fail later with a puzzling "cannot read".
	 */
	for (j = 1; !dashdash && max > 0 && j < n; j++) {
		if (args[j][0] == '-' && args[j][1] != '\0') {
			diag_error(p->d, NULL, "option '%s' must come before "
			    "%s", args[j], ops[0].name);
			return -1;
		}
	}
	if (n < min) {
		diag_error(p->d, NULL, "missing %s argument", ops[n].name);
		return -1;
	}
	if (n > max) {
		diag_error(p->d, NULL, "unexpected argument '%s'", args[max]);
		return -1;
	}
	for (j = 0; j < max; j++)
		*(const char **)((char *)p->opt + ops[j].field) = j < n ?
		    args[j] : ops[j].fallback;
	p->fell_back = n < max && ops[n].fallback != NULL;
	return 0;
}

/*
 * Parses a command's argv (argv[0] is its name) into p->opt. Returns -1 to
 * go on, or the exit status after --help or a usage error.
 */
static int
parse(struct parse *p, int argc, char **argv)
{
	struct row_walk w = { p->cmd->options, 0, 0, { 0 } };
	const struct option *o;
	int i, dashdash = 0;

	while ((o = next_row(&w)) != NULL)
		if (o->fallback != NULL)
			*(const char **)field(p, o) = o->fallback;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			dashdash = 1;
			i++;
			break;
		}
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			break;		/* "-" alone is an operand */
		if (parse_option(p, argc, argv, &i) != 0)
			return usage_hint(p->cmd);
		if (p->help)
			return command_help(p->cmd, p->d);
	}
	if (parse_operands(p, argc - i, argv + i, dashdash) != 0 ||
	    (p->cmd->check != NULL && p->cmd->check(p) != 0))
		return usage_hint(p->cmd);
	return -1;
}

static int
check_render(struct parse *p)
{
	if (p->opt->depfile == NULL || p->opt->output != NULL)
		return 0;
	diag_error(p->d, NULL, "option '--depfile' needs '-o FILE' (the "
	    "depfile's target)");
	return -1;
}

static int
check_generate(struct parse *p)
{
	const struct driver_options *opt = p->opt;

	if (opt->diff && !opt->check)
		diag_error(p->d, NULL, "option '--diff' needs '--check'");
	else if (opt->check && opt->depfile != NULL)
		diag_error(p->d, NULL, "option '--depfile' cannot be used with "
		    "'--check', which writes nothing");
	else if (opt->depfile_targets.n > 0 && opt->depfile == NULL)
		diag_error(p->d, NULL, "option '--depfile-target' needs "
		    "'--depfile'");
	else
		return 0;
	return -1;
}

/* ------------------------------------------------------------------ */
/* Running a command                                                  */
/* ------------------------------------------------------------------ */

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * Without -t: ./templates when it exists, else the installed templates.
 * Returns 0, or -1 after reporting that there are none.
 */
static int
find_templates(struct driver_options *opt, struct diag *d)
{
	if (opt->templates != NULL)
		return 0;
	opt->templates = DEFAULT_TEMPLATES;
	if (is_dir(DEFAULT_TEMPLATES))
		return 0;
#ifdef INSTALLED_TEMPLATES
	if (is_dir(INSTALLED_TEMPLATES)) {
		opt->templates = INSTALLED_TEMPLATES;
		return 0;
	}
	diag_error(d, NULL, "no templates: there is no folder ./"
	    DEFAULT_TEMPLATES " nor " INSTALLED_TEMPLATES " (use -t DIR)");
#else
	diag_error(d, NULL, "no templates: there is no folder ./"
	    DEFAULT_TEMPLATES " (use -t DIR)");
#endif
	return -1;
}

/*
 * After a run without DATA failed: when the default data file is missing,
 * points at the installed copy of the status table.
 */
static void
note_installed_data(const struct parse *p, struct diag *d)
{
#ifdef INSTALLED_DATA
	struct stat st;

	if (p->fell_back && stat(DEFAULT_DATA, &st) == -1 &&
	    errno == ENOENT && stat(INSTALLED_DATA, &st) == 0)
		diag_note(d, NULL, "the installed status table is %s; pass "
		    "it, or a copy, as DATA", INSTALLED_DATA);
#else
	(void)p;
	(void)d;
#endif
}

/*
 * Parses a command's argv and runs it. After a run, a count of the errors
 * ends a long list of messages with its size. Returns the exit status.
 */
static int
run_command(const struct command *cmd, int argc, char **argv,
    struct diag *d)
{
	struct driver_options opt;
	struct parse p;
	struct buf print;
	int status, rc = -1;

	driver_options_init(&opt);
	memset(&p, 0, sizeof(p));
	p.cmd = cmd;
	p.opt = &opt;
	p.d = d;
	buf_init(&p.typed);
	buf_init(&print);
	if ((status = parse(&p, argc, argv)) < 0) {
		if (cmd->prepare == NULL || cmd->prepare(&opt, d) == 0) {
			rc = cmd->run(&opt, &print, d);
			if (rc < 0)
				note_installed_data(&p, d);
		}
		/* Printed even after an error: the diffs of --check. */
		if (print.len > 0 && write_stdout(print.data, print.len,
		    d) != 0)
			rc = -1;
		if (d->errors > 0)
			fprintf(stderr, "statusgen: %u error%s\n", d->errors,
			    d->errors == 1 ? "" : "s");
		status = rc < 0 || d->errors > 0 ? EXIT_ERROR :
		    rc == 1 ? EXIT_STALE : EXIT_OK;
	}
	buf_free(&print);
	buf_free(&p.typed);
	driver_options_free(&opt);
	return status;
}

int
main(int argc, char **argv)
{
	struct diag d;
	struct buf b;
	const char *arg;
	size_t i;

	diag_init(&d, stderr);
	/* A file size limit makes a write fail (EFBIG), reported like a full
	 * disk, instead of killing the run with its temporary files. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		diag_error(&d, NULL, "missing COMMAND");
		return usage_hint(NULL);
	}
	arg = argv[1];
	if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
		return main_help(&d);
	if (strcmp(arg, "--dump-options") == 0)
		return dump_options(&d);
	if (strcmp(arg, "--version") == 0) {
		buf_init(&b);
		buf_puts(&b, "statusgen " STATUSGEN_VERSION "\n");
		return print_buf(&b, &d);
	}
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(arg, commands[i].name) == 0)
			return run_command(&commands[i], argc - 1, argv + 1,
			    &d);
	if (arg[0] == '-')
		diag_error(&d, NULL, "unknown option '%s'", arg);
	else
		diag_error(&d, NULL, "unknown command '%s'", arg);
	return usage_hint(NULL);
}
