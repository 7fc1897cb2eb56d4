/* Command lines by tables: parsing, --help and the option list of a command, from its option table. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "settings.h"

/* --help: an option's help starts at HELP_COLUMN; lines end by HELP_WIDTH. */
#define HELP_COLUMN	18
#define HELP_WIDTH	70

void
cli_init(struct cli *c, const struct cli_command *cmd, void *target,
    struct limits *limits, struct diag *d)
{
	memset(c, 0, sizeof(*c));
	c->cmd = cmd;
	c->target = target;
	c->limits = limits;
	c->d = d;
	buf_init(&c->typed);
}

void
cli_free(struct cli *c)
{
	buf_free(&c->typed);
}

void *
cli_field(struct cli *c, const struct cli_option *o)
{
	return (char *)c->target + o->field;
}

int
cli_set_flag(struct cli *c, const struct cli_option *o, const char *val)
{
	(void)val;
	*(int *)cli_field(c, o) = 1;
	return 0;
}

int
cli_set_string(struct cli *c, const struct cli_option *o, const char *val)
{
	*(const char **)cli_field(c, o) = val;
	return 0;
}

static int
set_limit(struct cli *c, const struct cli_option *o, const char *val)
{
	return limits_set(c->limits, (enum limits_id)o->field, val, c->d);
}

/* ------------------------------------------------------------------ */
/* The rows of a table                                                */
/* ------------------------------------------------------------------ */

/*
 * Walks a table's rows in order, a limits row standing for each limit of
 * its scopes (a row made in the walk, valid until the next step).
 */
struct row_walk {
	const struct cli_option	*table;
	size_t			 i;
	int			 id;	/* the next limit to consider */
	struct cli_option	 limit;
};

static void
walk_init(struct row_walk *w, const struct cli_option *table)
{
	memset(w, 0, sizeof(*w));
	w->table = table;
}

static const struct cli_option *
next_row(struct row_walk *w)
{
	const struct cli_option *o;
	const struct limits_row *l;

	while ((o = &w->table[w->i])->shortname != 0 || o->longname != NULL ||
	    o->limits != 0) {
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
			w->limit.flags = CLI_LIMIT;
			w->limit.help = l->help;
			return &w->limit;
		}
		w->i++;
		w->id = 0;
	}
	return NULL;
}

/* Appends the value an option has when not given; nothing for none. */
static void
put_fallback(struct buf *b, const struct cli_option *o)
{
	if (o->flags & CLI_LIMIT)
		limits_put_value(b, (enum limits_id)o->field,
		    limits_default((enum limits_id)o->field));
	else if (o->fallback != NULL)
		buf_puts(b, o->fallback);
}

/* ------------------------------------------------------------------ */
/* Help and the option list                                           */
/* ------------------------------------------------------------------ */

void
cli_usage_hint(const struct cli_command *cmd)
{
	if (cmd != NULL)
		fprintf(stderr, "usage: statusgen %s\n", cmd->usage);
	else
		fputs("usage: statusgen COMMAND [OPTION]... [ARG]...\n",
		    stderr);
}

/*
 * Appends an option's --help lines: "-M, --depfile FILE", its help from
 * HELP_COLUMN (on the next line when the names leave no two spaces), and
 * its default, on the last line when it fits within HELP_WIDTH.
 */
static void
put_option_help(struct buf *b, const struct cli_option *o)
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
	if (col + 2 > HELP_COLUMN) {
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
	if ((o->flags & CLI_SETTINGS) || o->more != NULL) {
		buf_init(&dflt);
		if (o->flags & CLI_SETTINGS)
			settings_help(&dflt);
		else
			o->more(&dflt);
		for (line = buf_cstr(&dflt); (nl = strchr(line, '\n')) != NULL;
		    line = nl + 1) {
			buf_printf(b, "\n%*s%.*s", HELP_COLUMN, "",
			    (int)(nl - line), line);
			col = HELP_COLUMN + (size_t)(nl - line);
		}
		buf_free(&dflt);
	}
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

void
cli_help(struct buf *b, const struct cli_command *cmd)
{
	const struct cli_option *o;
	struct row_walk w;
	int sizes = 0;

	buf_printf(b, "usage: statusgen %s\n\n%s\n", cmd->usage, cmd->about);
	walk_init(&w, cmd->options);
	while ((o = next_row(&w)) != NULL) {
		put_option_help(b, o);
		if ((o->flags & CLI_LIMIT) && limits_row((enum limits_id)
		    o->field)->unit == LIMITS_BYTES)
			sizes = 1;
	}
	if (sizes)
		buf_printf(b, "\n%s", limits_size_help());
	if (cmd->epilog != NULL)
		buf_printf(b, "\n%s", cmd->epilog);
}

/* Appends one line of cli_dump() for the name "-c" or "--long". */
static void
dump_name(struct buf *b, const struct cli_command *cmd,
    const struct cli_option *o, const char *dash, const char *name,
    const struct buf *dflt)
{
	const char *kind = o->flags & CLI_LIMIT ? "limit" :
	    o->flags & CLI_HELP ? "help" : "option";

	buf_printf(b, "%s\t%s\t%s%s\t%s\t%s\n", cmd->name, kind, dash, name,
	    o->arg != NULL ? o->arg : "", buf_cstr(dflt));
}

void
cli_dump(struct buf *b, const struct cli_command *cmd)
{
	const struct cli_option *o;
	struct row_walk w;
	struct buf dflt;
	char shortname[2] = { 0, 0 };

	buf_init(&dflt);
	walk_init(&w, cmd->options);
	while ((o = next_row(&w)) != NULL) {
		buf_clear(&dflt);
		put_fallback(&dflt, o);
		shortname[0] = o->shortname;
		if (o->shortname != 0)
			dump_name(b, cmd, o, "-", shortname, &dflt);
		if (o->longname != NULL)
			dump_name(b, cmd, o, "--", o->longname, &dflt);
		if (o->flags & CLI_SETTINGS)
			settings_dump(b, cmd->name);
	}
	buf_free(&dflt);
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
match(const struct cli_option *o, int argc, char **argv, int *i,
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
parse_option(struct cli *c, int argc, char **argv, int *i)
{
	const char *arg = argv[*i], *val;
	const struct cli_option *o;
	struct row_walk w;
	int r;

	walk_init(&w, c->cmd->options);
	while ((o = next_row(&w)) != NULL) {
		if ((r = match(o, argc, argv, i, &val)) == 0)
			continue;
		buf_clear(&c->typed);
		if (arg[1] == '-')
			buf_printf(&c->typed, "--%s", o->longname);
		else
			buf_printf(&c->typed, "-%c", o->shortname);
		if (r < 0 || (val != NULL && *val == '\0' &&
		    (o->flags & CLI_NONEMPTY))) {
			diag_error(c->d, NULL, "option '%s' needs an argument",
			    buf_cstr(&c->typed));
			return -1;
		}
		if (o->flags & CLI_HELP) {
			c->help = 1;
			return 0;
		}
		return o->set(c, o, val);
	}
	diag_error(c->d, NULL, "unknown option '%s'", arg);
	return -1;
}

/* Stores the n operands args[0..n). Returns 0, or -1 after reporting. */
static int
parse_operands(struct cli *c, int n, char **args, int dashdash)
{
	const struct cli_operand *ops = c->cmd->operands;
	int j, min = 0, max = 0;

	for (; ops[max].name != NULL; max++)
		min += ops[max].required;
	/*
	 * Options come first. One after an operand would otherwise be read
	 * as the next operand, and fail later with a puzzling "cannot read".
	 */
	for (j = 1; !dashdash && max > 0 && j < n; j++) {
		if (args[j][0] == '-' && args[j][1] != '\0') {
			diag_error(c->d, NULL, "option '%s' must come before "
			    "%s", args[j], ops[0].name);
			return -1;
		}
	}
	if (n < min) {
		diag_error(c->d, NULL, "missing %s argument", ops[n].name);
		return -1;
	}
	if (max > 0 && ops[max - 1].repeated) {
		for (j = 0; j < max - 1; j++)
			*(const char **)((char *)c->target + ops[j].field) =
			    args[j];
		*(char ***)((char *)c->target + ops[j].field) = args + j;
		*(size_t *)((char *)c->target + ops[j].count) =
		    (size_t)(n - j);
		return 0;
	}
	if (n > max) {
		diag_error(c->d, NULL, "unexpected argument '%s'", args[max]);
		return -1;
	}
	for (j = 0; j < max; j++)
		*(const char **)((char *)c->target + ops[j].field) = j < n ?
		    args[j] : ops[j].fallback;
	c->fell_back = n < max && ops[n].fallback != NULL;
	return 0;
}

int
cli_parse(struct cli *c, int argc, char **argv)
{
	const struct cli_option *o;
	struct row_walk w;
	int i, dashdash = 0;

	walk_init(&w, c->cmd->options);
	while ((o = next_row(&w)) != NULL)
		if (o->fallback != NULL)
			*(const char **)cli_field(c, o) = o->fallback;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			dashdash = 1;
			i++;
			break;
		}
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			break;		/* "-" alone is an operand */
		if (parse_option(c, argc, argv, &i) != 0)
			return -1;
		if (c->help)
			return 1;
	}
	return parse_operands(c, argc - i, argv + i, dashdash);
}
