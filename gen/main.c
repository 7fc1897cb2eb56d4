/* The statusgen command line: a table of commands and their option parsing. */
#define _POSIX_C_SOURCE 200809L

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "buf.h"
#include "depfile.h"
#include "diag.h"
#include "generate.h"
#include "mustache.h"
#include "outfile.h"
#include "partials.h"
#include "text.h"
#include "value.h"
#include "xalloc.h"
#include "yload.h"

#define STATUSGEN_VERSION	"0.1.0"

/* Exit statuses: every error, of whatever kind, exits 2. */
#define EXIT_OK		0
#define EXIT_STALE	1	/* generate --check: an output is out of date */
#define EXIT_ERROR	2

struct command;

/* Runs a command on its own argv (argv[0] is the command name). */
typedef int (*command_fn)(const struct command *cmd, int argc, char **argv,
    struct diag *d);

/*
 * One command. Adding a command takes a function and one row in the
 * commands[] table below; help and usage hints are built from the row.
 */
struct command {
	const char	*name;
	command_fn	 run;
	const char	*usage;		/* synopsis after "statusgen " */
	const char	*summary;	/* one line, for statusgen --help */
	const char	*options;	/* option lines, for COMMAND --help */
};

static int	cmd_render(const struct command *, int, char **,
		    struct diag *);
static int	cmd_generate(const struct command *, int, char **,
		    struct diag *);
static int	cmd_validate(const struct command *, int, char **,
		    struct diag *);

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
	"                  else " INSTALLED_TEMPLATES
#else
#define TEMPLATES_HELP		"./" DEFAULT_TEMPLATES
#endif

/*
 * The --max-* options (see limit_option()): the data's limits for every
 * command, the templates' for the two that render.
 */
#define YAML_LIMITS_HELP \
	"  --max-input SIZE\n" \
	"                  the largest DATA file (default 64M)\n" \
	"  --max-yaml-depth N\n" \
	"                  the deepest nesting of YAML collections\n" \
	"                  (default 512)\n" \
	"  --max-alias-nodes N\n" \
	"                  the most nodes YAML aliases may stand for, in all\n" \
	"                  (default 10000000)\n"
#define TEMPLATE_LIMITS_HELP \
	"  --max-template SIZE\n" \
	"                  the largest template or partial (default 64M)\n" \
	"  --max-template-depth N\n" \
	"                  the deepest nesting of sections and partials\n" \
	"                  while rendering (default 256)\n" \
	"  --max-render-steps N\n" \
	"                  the most work one template may take to render:\n" \
	"                  nodes rendered and names looked up (default\n" \
	"                  100000000)\n" \
	"  --max-output SIZE\n" \
	"                  the largest output of one template (default 64M)\n"
#define SIZE_HELP \
	"A SIZE is a number of bytes, or of KiB, MiB or GiB with a suffix\n" \
	"K, M or G.\n"

static const char generate_help[] =
	"Checks the status table DATA (default " DEFAULT_DATA ") and\n"
	"renders every DIR/NAME.mustache not starting with '_' to\n"
	"OUTDIR/NAME, in strict mode, with the escaper NAME's extension\n"
	"picks; DIR/_NAME.mustache files are partials ({{> _NAME}}).\n"
	"Nothing is written unless every template renders; then the\n"
	"outputs are replaced together, and an output whose content is\n"
	"unchanged is not rewritten.\n"
	"\n"
	"  -t DIR          the templates (default " TEMPLATES_HELP ")\n"
	"  -o OUTDIR       where outputs go (default " DEFAULT_OUTDIR ")\n"
	"  -M, --depfile FILE\n"
	"                  also write a make dependency file: the outputs,\n"
	"                  and every file read (data, templates, partials)\n"
	"  --depfile-target NAME\n"
	"                  a target of the depfile, instead of the outputs;\n"
	"                  repeatable (for a stamp file)\n"
	"  --check         write nothing; name each output that would\n"
	"                  change, and exit 1 if there is one\n"
	"  --diff          with --check: print a unified diff of each\n"
	"  -q, --quiet     with --check: print nothing, only exit 0 or 1\n"
	"  -v, --verbose   name each output, written or unchanged\n"
	YAML_LIMITS_HELP
	TEMPLATE_LIMITS_HELP
	"  -h, --help      show this help\n"
	"\n"
	SIZE_HELP
	"\n"
	"Exit status: 0 done (with --check: all current), 1 with --check:\n"
	"an output is out of date, 2 any error.\n";

static const char validate_help[] =
	"Checks the status table DATA (default " DEFAULT_DATA ") and\n"
	"reports every problem; writes nothing.\n"
	"\n"
	YAML_LIMITS_HELP
	"  -h, --help      show this help\n"
	"\n"
	SIZE_HELP;

static const char render_help[] =
	"Renders the Mustache template file TEMPLATE with the YAML file\n"
	"DATA as its context (empty without DATA) to standard output.\n"
	"\n"
	"  --escape MODE   escaper of {{name}} tags: html, c, md, json,\n"
	"                  none; default by the template's extension\n"
	"                  without .mustache: .h .c -> c, .md -> md,\n"
	"                  .json -> json, .html .htm -> html, else none\n"
	"  --strict        an undefined name in an interpolation tag,\n"
	"                  or a missing partial, is an error\n"
	"  --partials DIR  look for partial NAME as DIR/NAME.mustache,\n"
	"                  then in the template's folder; repeatable\n"
	"  -o FILE         write to FILE, only if its content changes\n"
	"  -M, --depfile DEPFILE\n"
	"                  with -o: also write a make dependency file\n"
	"                  naming FILE and every file read\n"
	"  -v, --verbose   say whether FILE was written or unchanged\n"
	YAML_LIMITS_HELP
	TEMPLATE_LIMITS_HELP
	"  -h, --help      show this help\n"
	"\n"
	SIZE_HELP;

static const struct command commands[] = {
	{
		"render", cmd_render,
		"render [--escape MODE] [--strict] [--partials DIR]... [-v] "
		    "[-o FILE [-M DEPFILE]] [--max-LIMIT N]... TEMPLATE [DATA]",
		"render a Mustache template with a YAML file as its context",
		render_help
	},
	{
		"generate", cmd_generate,
		"generate [-q | -v] [--check [--diff]] [-M FILE] [-t DIR] "
		    "[-o OUTDIR] [--max-LIMIT N]... [DATA]",
		"check the status table and render every template to OUTDIR",
		generate_help
	},
	{
		"validate", cmd_validate,
		"validate [--max-LIMIT N]... [DATA]",
		"check the status table and report every problem",
		validate_help
	},
};

#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

/* ------------------------------------------------------------------ */
/* Output and usage messages                                          */
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

static int
print_stdout(const struct buf *b, struct diag *d)
{
	return write_stdout(buf_cstr(b), b->len, d) == 0 ? EXIT_OK : EXIT_ERROR;
}

/*
 * Ends a run that did its work: the exit status, and after errors a count
 * of them, so that a long list of messages ends with its size.
 */
static int
finish(struct diag *d, int failed)
{
	if (d->errors > 0)
		fprintf(stderr, "statusgen: %u error%s\n", d->errors,
		    d->errors == 1 ? "" : "s");
	return failed || d->errors > 0 ? EXIT_ERROR : EXIT_OK;
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

static int
main_help(struct diag *d)
{
	struct buf b;
	size_t i;
	int status;

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
	status = print_stdout(&b, d);
	buf_free(&b);
	return status;
}

static int
command_help(const struct command *cmd, struct diag *d)
{
	struct buf b;
	int status;

	buf_init(&b);
	buf_printf(&b, "usage: statusgen %s\n\n%s", cmd->usage, cmd->options);
	status = print_stdout(&b, d);
	buf_free(&b);
	return status;
}

/* ------------------------------------------------------------------ */
/* Option parsing                                                     */
/* ------------------------------------------------------------------ */

/*
 * Matches argv[*i] against an option that takes a value: "--name VALUE" or
 * "--name=VALUE" for a long option, "-o VALUE" or "-oVALUE" for a short
 * one. Returns 1 with the value in *val (and *i past it), 0 when argv[*i]
 * is some other option, or -1 when the value is missing.
 */
static int
option_value(int argc, char **argv, int *i, const char *name,
    const char **val)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);
	int is_long = name[1] == '-';

	if (strncmp(arg, name, n) != 0)
		return 0;
	if (arg[n] == '\0') {
		if (*i + 1 >= argc)
			return -1;
		*val = argv[++*i];
		return 1;
	}
	if (!is_long) {
		*val = arg + n;
		return 1;
	}
	if (arg[n] == '=') {
		*val = arg + n + 1;
		return 1;
	}
	return 0;	/* "--escapes" is not "--escape" */
}

/* Reports a missing option value; returns the exit status. */
static int
missing_value(const struct command *cmd, const char *name, struct diag *d)
{
	diag_error(d, NULL, "option '%s' needs an argument", name);
	return usage_hint(cmd);
}

/* Matches "-M FILE", "-MFILE", "--depfile FILE" or "--depfile=FILE". */
static int
depfile_option(int argc, char **argv, int *i, const char **val)
{
	int r;

	if ((r = option_value(argc, argv, i, "--depfile", val)) != 0)
		return r;
	return option_value(argc, argv, i, "-M", val);
}

/* The resource limits a command line may raise; 0 means the default. */
struct limits {
	struct yload_limits	yaml;
	size_t			template_depth;
	size_t			render_steps;
	size_t			template_bytes;
	size_t			output;
};

static const struct {
	const char	*name;
	int		 size;		/* bytes, with an optional K, M, G */
	int		 templates;	/* only for commands that render */
	size_t		 field;		/* offset in struct limits */
} limit_options[] = {
	{ "--max-input", 1, 0, offsetof(struct limits, yaml.max_bytes) },
	{ "--max-yaml-depth", 0, 0, offsetof(struct limits, yaml.max_depth) },
	{ "--max-alias-nodes", 0, 0,
	    offsetof(struct limits, yaml.max_alias_nodes) },
	{ "--max-template", 1, 1, offsetof(struct limits, template_bytes) },
	{ "--max-template-depth", 0, 1,
	    offsetof(struct limits, template_depth) },
	{ "--max-render-steps", 0, 1,
	    offsetof(struct limits, render_steps) },
	{ "--max-output", 1, 1, offsetof(struct limits, output) },
};

#define NLIMITS	(sizeof(limit_options) / sizeof(limit_options[0]))

/*
 * Reads a limit: digits, and for a size an optional K, M or G (1024,
 * 1024^2, 1024^3). Returns 0 with the value in *v, -1 for anything else
 * (signs, spaces, other suffixes, 0) and -2 for a value past SIZE_MAX.
 */
static int
parse_limit(const char *s, int size, size_t *v)
{
	unsigned long long n;
	size_t mult = 1;
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (size && *end != '\0' && end[1] == '\0') {
		switch (*end) {
		case 'K':
			mult = 1024;
			break;
		case 'M':
			mult = (size_t)1024 * 1024;
			break;
		case 'G':
			mult = (size_t)1024 * 1024 * 1024;
			break;
		default:
			return -1;
		}
		end++;
	}
	if (*end != '\0' || n == 0)
		return -1;
	if (errno == ERANGE || n > SIZE_MAX / mult)
		return -2;
	*v = (size_t)n * mult;
	return 0;
}

/*
 * Matches argv[*i] against the --max-* options (the templates' limits only
 * when templates is set), "--max-output N" or "--max-output=N". Returns 1
 * after setting the limit in lim, 0 when argv[*i] is none of them, or -1
 * after reporting a missing or bad value (the caller adds the usage hint).
 */
static int
limit_option(int argc, char **argv, int *i, int templates,
    struct limits *lim, struct diag *d)
{
	const char *val;
	size_t k;
	int r;

	for (k = 0; k < NLIMITS; k++) {
		if (limit_options[k].templates && !templates)
			continue;
		r = option_value(argc, argv, i, limit_options[k].name, &val);
		if (r == 0)
			continue;
		if (r < 0) {
			diag_error(d, NULL, "option '%s' needs an argument",
			    limit_options[k].name);
			return -1;
		}
		r = parse_limit(val, limit_options[k].size,
		    (size_t *)((char *)lim + limit_options[k].field));
		if (r == -2)
			diag_error(d, NULL, "option '%s': '%s' is too large",
			    limit_options[k].name, val);
		else if (r < 0 && limit_options[k].size)
			diag_error(d, NULL, "option '%s' needs a number of "
			    "bytes above 0, with an optional K, M or G; not "
			    "'%s'", limit_options[k].name, val);
		else if (r < 0)
			diag_error(d, NULL, "option '%s' needs a whole number "
			    "above 0, not '%s'", limit_options[k].name, val);
		return r < 0 ? -1 : 1;
	}
	return 0;
}

/*
 * Stages one file of a run's outputs; with verbose, says what became of
 * it. Returns 0, or -1 after reporting.
 */
static int
stage_file(struct outfile_set *set, const char *path, const struct buf *text,
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

/* ------------------------------------------------------------------ */
/* render                                                             */
/* ------------------------------------------------------------------ */

struct render_args {
	enum text_escape	 esc;
	int			 esc_given;
	int			 strict;
	int			 verbose;
	const char		*out;		/* NULL: standard output */
	const char		*depfile;	/* NULL: none */
	const char		*template;
	const char		*data;		/* NULL: empty context */
	const char		**dirs;		/* partial folders, in order */
	size_t			 ndirs;
	char			*tmpl_dir;	/* the template's folder */
	struct limits		 limits;
};

/*
 * The default escaper of a template: chosen by the name it produces, its
 * base name without ".mustache" ("tpl/x.h.mustache" -> "x.h" -> c).
 */
static enum text_escape
default_escape(const char *template)
{
	const char *base = strrchr(template, '/');
	const char *suffix = ".mustache";
	size_t n, sn = strlen(suffix);
	enum text_escape esc;
	char *name;

	base = base != NULL ? base + 1 : template;
	n = strlen(base);
	if (n > sn && strcmp(base + n - sn, suffix) == 0)
		n -= sn;
	name = xstrndup(base, n);
	esc = text_escape_for_output(name);
	free(name);
	return esc;
}

/*
 * Parses render's arguments into ra. Returns -1 to go on rendering, or the
 * exit status after --help or a usage error.
 */
static int
render_parse(const struct command *cmd, int argc, char **argv,
    struct diag *d, struct render_args *ra)
{
	const char *arg, *val, *slash;
	int i, r, npos, dashdash = 0;

	for (i = 1; i < argc; i++) {
		arg = argv[i];
		if (strcmp(arg, "--") == 0) {
			dashdash = 1;
			i++;
			break;
		}
		if (arg[0] != '-' || arg[1] == '\0')
			break;		/* "-" alone is an operand */
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)
			return command_help(cmd, d);
		if (strcmp(arg, "--strict") == 0) {
			ra->strict = 1;
		} else if (strcmp(arg, "-v") == 0 ||
		    strcmp(arg, "--verbose") == 0) {
			ra->verbose = 1;
		} else if ((r = depfile_option(argc, argv, &i, &val)) != 0) {
			if (r < 0 || *val == '\0')
				return missing_value(cmd, arg[1] == '-' ?
				    "--depfile" : "-M", d);
			ra->depfile = val;
		} else if ((r = limit_option(argc, argv, &i, 1, &ra->limits,
		    d)) != 0) {
			if (r < 0)
				return usage_hint(cmd);
		} else if ((r = option_value(argc, argv, &i, "--escape",
		    &val)) != 0) {
			if (r < 0)
				return missing_value(cmd, "--escape", d);
			if (text_escape_by_name(val, strlen(val), &ra->esc)) {
				diag_error(d, NULL, "unknown escape mode '%s' "
				    "(use html, c, md, json or none)", val);
				return usage_hint(cmd);
			}
			ra->esc_given = 1;
		} else if ((r = option_value(argc, argv, &i, "--partials",
		    &val)) != 0) {
			if (r < 0)
				return missing_value(cmd, "--partials", d);
			ra->dirs[ra->ndirs++] = val;
		} else if ((r = option_value(argc, argv, &i, "-o",
		    &val)) != 0) {
			if (r < 0)
				return missing_value(cmd, "-o", d);
			if (*val == '\0') {
				diag_error(d, NULL, "option '-o' needs a "
				    "file name");
				return usage_hint(cmd);
			}
			ra->out = val;
		} else {
			diag_error(d, NULL, "unknown option '%s'", arg);
			return usage_hint(cmd);
		}
	}

	npos = argc - i;
	/*
	 * Options come first. An option after TEMPLATE would otherwise be
	 * read as DATA, and fail later with a puzzling "cannot read".
	 */
	for (r = i + 1; !dashdash && r < argc; r++) {
		if (argv[r][0] == '-' && argv[r][1] != '\0') {
			diag_error(d, NULL, "option '%s' must come before "
			    "TEMPLATE", argv[r]);
			return usage_hint(cmd);
		}
	}
	if (npos < 1) {
		diag_error(d, NULL, "missing TEMPLATE argument");
		return usage_hint(cmd);
	}
	if (npos > 2) {
		diag_error(d, NULL, "unexpected argument '%s'", argv[i + 2]);
		return usage_hint(cmd);
	}
	if (ra->depfile != NULL && ra->out == NULL) {
		diag_error(d, NULL, "option '--depfile' needs '-o FILE' (the "
		    "depfile's target)");
		return usage_hint(cmd);
	}
	ra->template = argv[i];
	ra->data = npos == 2 ? argv[i + 1] : NULL;
	if (!ra->esc_given)
		ra->esc = default_escape(ra->template);

	/* The template's folder is searched last; "" is the current one. */
	slash = strrchr(ra->template, '/');
	ra->tmpl_dir = xstrndup(ra->template,
	    slash != NULL ? (size_t)(slash - ra->template) + 1 : 0);
	ra->dirs[ra->ndirs++] = ra->tmpl_dir;
	return -1;
}

/*
 * Loads, compiles and renders into out, adding each file read to deps.
 * Returns 0 or -1 (reported).
 */
static int
render_to_buf(struct render_args *ra, struct depfile *deps, struct diag *d,
    struct buf *out)
{
	struct mustache_options mo;
	struct partials_path search;
	struct mustache_env *env;
	const struct mustache_template *t = NULL;
	struct arena arena;
	struct value *root = NULL;
	struct buf src;
	int failed = 0;

	mustache_options_default(&mo);
	mo.strict = ra->strict;
	if (ra->limits.template_depth > 0)
		mo.max_depth = ra->limits.template_depth;
	if (ra->limits.output > 0)
		mo.max_output = ra->limits.output;
	mo.max_steps = ra->limits.render_steps;
	/* Each --partials folder in order, then the template's own. */
	search.dirs = ra->dirs;
	search.ndirs = ra->ndirs;
	search.deps = deps;
	search.max_bytes = ra->limits.template_bytes;
	mo.partial = partials_find;
	mo.partial_ctx = &search;
	env = mustache_env_new(&mo, d);
	arena_init(&arena);
	buf_init(&src);

	/* Report problems in both inputs before giving up. */
	if (partials_read(ra->template, ra->limits.template_bytes, &src,
	    d) == -1) {
		failed = 1;
	} else {
		depfile_add_input(deps, ra->template);
		if ((t = mustache_compile(env, ra->template, buf_cstr(&src),
		    src.len)) == NULL)
			failed = 1;
	}
	if (ra->data != NULL) {
		if (yload_file(ra->data, &ra->limits.yaml, &arena, d,
		    &root) == -1)
			failed = 1;
		else
			depfile_add_input(deps, ra->data);
	}
	if (!failed && mustache_render(env, t, root, ra->esc, out) == -1)
		failed = 1;

	buf_free(&src);
	arena_free(&arena);
	mustache_env_free(env);
	return failed ? -1 : 0;
}

/*
 * Writes render's -o FILE and, when asked for, its depfile: both or
 * neither. Returns 0, or -1 after reporting.
 */
static int
render_write(const struct render_args *ra, const struct buf *out,
    struct depfile *deps, struct diag *d)
{
	struct outfile_set set;
	struct buf dtext;
	int rc = 0;

	buf_init(&dtext);
	outfile_set_init(&set);
	if (ra->depfile != NULL) {
		depfile_add_target(deps, ra->out);
		rc = depfile_format(deps, &dtext, d);
	}
	if (rc == 0)
		rc = stage_file(&set, ra->out, out, ra->verbose, d);
	if (rc == 0 && ra->depfile != NULL)
		rc = stage_file(&set, ra->depfile, &dtext, ra->verbose, d);
	if (rc == 0)
		rc = outfile_set_commit(&set, d);
	outfile_set_free(&set);
	buf_free(&dtext);
	return rc;
}

static int
cmd_render(const struct command *cmd, int argc, char **argv,
    struct diag *d)
{
	struct render_args ra;
	struct depfile deps;
	struct buf out;
	int status;

	memset(&ra, 0, sizeof(ra));
	/* Room for every argument as --partials plus the template's folder. */
	ra.dirs = xcalloc((size_t)argc + 1, sizeof(*ra.dirs));
	if ((status = render_parse(cmd, argc, argv, d, &ra)) >= 0)
		goto done;

	buf_init(&out);
	depfile_init(&deps);
	status = EXIT_ERROR;
	/* Nothing is written unless the whole render succeeded. */
	if (render_to_buf(&ra, &deps, d, &out) == 0) {
		if (ra.out != NULL) {
			if (render_write(&ra, &out, &deps, d) == 0)
				status = EXIT_OK;
		} else if (write_stdout(buf_cstr(&out), out.len, d) == 0)
			status = EXIT_OK;
	}
	depfile_free(&deps);
	buf_free(&out);
	status = finish(d, status != EXIT_OK);
done:
	free(ra.tmpl_dir);
	free(ra.dirs);
	return status;
}

/* ------------------------------------------------------------------ */
/* generate and validate                                              */
/* ------------------------------------------------------------------ */

/* What table_parse() fills in besides the generate_options. */
struct table_args {
	struct generate_options	 opt;
	int			 templates_given;
	int			 data_given;
	const char		**targets;	/* --depfile-target, in order */
	size_t			 ntargets;
	struct buf		 diff;		/* with --diff */
	struct limits		 limits;
};

/*
 * Parses the options of generate (validate takes none but --help) and the
 * optional DATA operand into ta. Returns -1 to go on, or the exit status
 * after --help or a usage error.
 */
static int
table_parse(const struct command *cmd, int argc, char **argv,
    struct diag *d, struct table_args *ta)
{
	struct generate_options *opt = &ta->opt;
	int generate = cmd->run == cmd_generate, i, r, diff = 0;
	const char *arg, *val;

	for (i = 1; i < argc; i++) {
		arg = argv[i];
		if (strcmp(arg, "--") == 0) {
			i++;
			break;
		}
		if (arg[0] != '-' || arg[1] == '\0')
			break;
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)
			return command_help(cmd, d);
		if ((r = limit_option(argc, argv, &i, generate, &ta->limits,
		    d)) != 0) {
			if (r < 0)
				return usage_hint(cmd);
			continue;
		}
		if (!generate) {
			diag_error(d, NULL, "unknown option '%s'", arg);
			return usage_hint(cmd);
		}
		/* Of -q and -v, the last one given counts. */
		if (strcmp(arg, "-v") == 0 || strcmp(arg, "--verbose") == 0) {
			opt->verbose = 1;
			opt->quiet = 0;
		} else if (strcmp(arg, "-q") == 0 ||
		    strcmp(arg, "--quiet") == 0) {
			opt->quiet = 1;
			opt->verbose = 0;
		} else if (strcmp(arg, "--check") == 0)
			opt->check = 1;
		else if (strcmp(arg, "--diff") == 0)
			diff = 1;
		else if ((r = option_value(argc, argv, &i, "-t", &val)) != 0) {
			if (r < 0 || *val == '\0')
				return missing_value(cmd, "-t", d);
			opt->templates = val;
			ta->templates_given = 1;
		} else if ((r = option_value(argc, argv, &i, "-o",
		    &val)) != 0) {
			if (r < 0 || *val == '\0')
				return missing_value(cmd, "-o", d);
			opt->outdir = val;
		} else if ((r = option_value(argc, argv, &i,
		    "--depfile-target", &val)) != 0) {
			if (r < 0 || *val == '\0')
				return missing_value(cmd, "--depfile-target",
				    d);
			ta->targets[ta->ntargets++] = val;
		} else if ((r = depfile_option(argc, argv, &i, &val)) != 0) {
			if (r < 0 || *val == '\0')
				return missing_value(cmd, arg[1] == '-' ?
				    "--depfile" : "-M", d);
			opt->depfile = val;
		} else {
			diag_error(d, NULL, "unknown option '%s'", arg);
			return usage_hint(cmd);
		}
	}
	if (argc - i > 1) {
		diag_error(d, NULL, "unexpected argument '%s'", argv[i + 1]);
		return usage_hint(cmd);
	}
	if (argc - i == 1) {
		opt->data = argv[i];
		ta->data_given = 1;
	}
	if (diff && !opt->check) {
		diag_error(d, NULL, "option '--diff' needs '--check'");
		return usage_hint(cmd);
	}
	if (opt->check && opt->depfile != NULL) {
		diag_error(d, NULL, "option '--depfile' cannot be used with "
		    "'--check', which writes nothing");
		return usage_hint(cmd);
	}
	if (ta->ntargets > 0 && opt->depfile == NULL) {
		diag_error(d, NULL, "option '--depfile-target' needs "
		    "'--depfile'");
		return usage_hint(cmd);
	}
	opt->diff = diff ? &ta->diff : NULL;
	opt->depfile_targets = ta->targets;
	opt->ndepfile_targets = ta->ntargets;
	opt->yaml = ta->limits.yaml;
	opt->max_template_depth = ta->limits.template_depth;
	opt->max_template_bytes = ta->limits.template_bytes;
	opt->max_output = ta->limits.output;
	opt->max_render_steps = ta->limits.render_steps;
	return -1;
}

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
find_templates(struct table_args *ta, struct diag *d)
{
	if (ta->templates_given || is_dir(DEFAULT_TEMPLATES))
		return 0;
#ifdef INSTALLED_TEMPLATES
	if (is_dir(INSTALLED_TEMPLATES)) {
		ta->opt.templates = INSTALLED_TEMPLATES;
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
note_installed_data(const struct table_args *ta, struct diag *d)
{
#ifdef INSTALLED_DATA
	struct stat st;

	if (!ta->data_given && stat(DEFAULT_DATA, &st) == -1 &&
	    errno == ENOENT && stat(INSTALLED_DATA, &st) == 0)
		diag_note(d, NULL, "the installed status table is %s; pass "
		    "it, or a copy, as DATA", INSTALLED_DATA);
#else
	(void)ta;
	(void)d;
#endif
}

static void
table_args_init(struct table_args *ta, int argc)
{
	memset(ta, 0, sizeof(*ta));
	ta->opt.data = DEFAULT_DATA;
	ta->opt.templates = DEFAULT_TEMPLATES;
	ta->opt.outdir = DEFAULT_OUTDIR;
	ta->targets = xcalloc((size_t)argc, sizeof(*ta->targets));
	buf_init(&ta->diff);
}

static void
table_args_free(struct table_args *ta)
{
	free(ta->targets);
	buf_free(&ta->diff);
}

static int
cmd_generate(const struct command *cmd, int argc, char **argv,
    struct diag *d)
{
	struct table_args ta;
	int status, rc = -1;

	table_args_init(&ta, argc);
	if ((status = table_parse(cmd, argc, argv, d, &ta)) >= 0)
		goto done;
	if (find_templates(&ta, d) == 0) {
		rc = generate_run(&ta.opt, d);
		if (rc < 0)
			note_installed_data(&ta, d);
	}
	/* The diffs come out even when another output failed to compare. */
	if (ta.diff.len > 0 && write_stdout(ta.diff.data, ta.diff.len, d) != 0)
		rc = -1;
	status = finish(d, rc < 0);
	if (status == EXIT_OK && rc == 1)
		status = EXIT_STALE;
done:
	table_args_free(&ta);
	return status;
}

static int
cmd_validate(const struct command *cmd, int argc, char **argv,
    struct diag *d)
{
	struct table_args ta;
	int status;

	table_args_init(&ta, argc);
	if ((status = table_parse(cmd, argc, argv, d, &ta)) < 0) {
		status = generate_validate(ta.opt.data, &ta.opt.yaml, d);
		if (status != 0)
			note_installed_data(&ta, d);
		status = finish(d, status != 0);
	}
	table_args_free(&ta);
	return status;
}

/* ------------------------------------------------------------------ */
/* main                                                               */
/* ------------------------------------------------------------------ */

int
main(int argc, char **argv)
{
	struct diag d;
	struct buf b;
	const char *arg;
	size_t i;
	int status;

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
	if (strcmp(arg, "--version") == 0) {
		buf_init(&b);
		buf_puts(&b, "statusgen " STATUSGEN_VERSION "\n");
		status = print_stdout(&b, &d);
		buf_free(&b);
		return status;
	}
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(arg, commands[i].name) == 0)
			return commands[i].run(&commands[i], argc - 1,
			    argv + 1, &d);
	if (arg[0] == '-')
		diag_error(&d, NULL, "unknown option '%s'", arg);
	else
		diag_error(&d, NULL, "unknown command '%s'", arg);
	return usage_hint(NULL);
}
