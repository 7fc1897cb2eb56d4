/* Command lines by tables: argv parsed into a caller's struct, --help and the option list, from one option table per command. */
#ifndef STATUSGEN_CLI_H
#define STATUSGEN_CLI_H

/*
 * A command is a struct cli_command: its usage, its help paragraphs, its
 * options (a table of struct cli_option) and its operands. From the table
 * come the parsing of "-o VAL", "-oVAL", "--name VAL" and "--name=VAL",
 * the usage errors, the option lines of --help and the list that
 * tests/buildstep compares with the man page (cli_dump()). A row may
 * also stand for the --max-* options of the limits table (limits.h).
 *
 * Adding an option: one row in its command's table, with a setter (one
 * of cli_set_flag() and cli_set_string(), or the caller's own).
 */

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "limits.h"

struct cli;
struct cli_option;

/*
 * Stores an option's value (NULL for a flag) in c's target. Returns 0, or
 * -1 after reporting a bad value to c->d.
 */
typedef int (*cli_set_fn)(struct cli *c, const struct cli_option *o,
    const char *val);

struct cli_option {
	char		 shortname;	/* 'o' for -o, or 0 */
	const char	*longname;	/* "depfile" for --depfile, or NULL */
	const char	*arg;		/* the value's name; NULL: a flag */
	cli_set_fn	 set;		/* NULL for CLI_HELP */
	size_t		 field;		/* what set stores to: an offset in
					   the target, or for a limit its
					   enum limits_id */
	unsigned	 flags;		/* CLI_NONEMPTY, CLI_LIMIT, ... */
	const char	*fallback;	/* the value when not given (set
					   before parsing, shown in help) */
	unsigned	 limits;	/* not 0: the row stands for the
					   --max-* options of these scopes */
	const char	*help;		/* lines split by '\n' */
	void		(*more)(struct buf *b); /* NULL, or appends lines
					   that follow help (a list that a
					   table of the caller's holds) */
};

/* A row with no name and no limits ends a table. */
#define CLI_NONEMPTY	1	/* an empty value is a missing one */
#define CLI_LIMIT	2	/* a --max-* option, made from a limits row */
#define CLI_HELP	4	/* --help: cli_parse() returns 1 */
#define CLI_SETTINGS	8	/* the -D row that also sets statusgen's own
				   settings (settings.h): their help follows
				   its own, and cli_dump() lists them */

/* An operand: where it goes, and its value when not given. */
struct cli_operand {
	const char	*name;		/* "TEMPLATE"; NULL ends the list */
	size_t		 field;		/* an offset in the target */
	int		 required;
	const char	*fallback;	/* NULL: none */
	int		 repeated;	/* the last operand only ("FILE..."):
					   takes every argument left, as a
					   char ** at field and their size_t
					   count at count (one is required) */
	size_t		 count;
};

#define CLI_MAX_OPERANDS	2

struct cli_command {
	const char		*name;
	const char		*usage;		/* synopsis after "statusgen " */
	const char		*summary;	/* for statusgen --help */
	const char		*about;		/* COMMAND --help, first */
	const char		*epilog;	/* ... and last; NULL: none */
	const struct cli_option	*options;
	struct cli_operand	 operands[CLI_MAX_OPERANDS + 1];
};

/*
 * One parse. The caller sets cmd, target (the struct that fields are
 * offsets in), limits (where --max-* values go) and d, calls cli_init()
 * first and cli_free() last.
 */
struct cli {
	const struct cli_command *cmd;
	void			*target;
	struct limits		*limits;
	struct diag		*d;
	struct buf		 typed;		/* the option as given: "-M" */
	int			 help;		/* --help was given */
	int			 fell_back;	/* an operand took its fallback */
};

void	cli_init(struct cli *c, const struct cli_command *cmd, void *target,
	    struct limits *limits, struct diag *d);
void	cli_free(struct cli *c);

/* Where o stores its value in c's target. */
void	*cli_field(struct cli *c, const struct cli_option *o);

/* Setters: an int set to 1; a const char * set to the value. */
int	cli_set_flag(struct cli *c, const struct cli_option *o,
	    const char *val);
int	cli_set_string(struct cli *c, const struct cli_option *o,
	    const char *val);

/*
 * Parses argv (argv[0] is the command's name): the options, up to the
 * first operand or "--", then the operands. Returns 0 when parsed, 1 when
 * --help (the CLI_HELP row) was given, or -1 after
 * reporting a usage error ("unknown option '-x'", "option '-o' needs an
 * argument", "missing TEMPLATE argument", an option after an operand...);
 * the caller adds cli_usage_hint().
 */
int	cli_parse(struct cli *c, int argc, char **argv);

/* Prints "usage: statusgen USAGE" (COMMAND... for NULL) on stderr. */
void	cli_usage_hint(const struct cli_command *cmd);

/*
 * Appends the command's --help: usage, about, a line or more per option
 * (help from column 18, each default in parentheses), the meaning of a
 * SIZE when a limit takes one, and the epilog.
 */
void	cli_help(struct buf *b, const struct cli_command *cmd);

/*
 * Appends a line "COMMAND\tKIND\tNAME\tARG\tDEFAULT" for each name of
 * each option of cmd, in table order: KIND is "option", "limit" (a
 * --max-* option) or "help"; ARG and DEFAULT are empty for none. After a
 * CLI_SETTINGS row come the settings' lines (settings_dump()).
 */
void	cli_dump(struct buf *b, const struct cli_command *cmd);

#endif
