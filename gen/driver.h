/* The commands' driver: inputs loaded, templates rendered in memory, outputs checked or written together. */
#ifndef STATUSGEN_DRIVER_H
#define STATUSGEN_DRIVER_H

/*
 * Every command (render, generate, context, validate) is a driver_fn over one
 * struct driver_options, which the command line fills in. They share one
 * run: the data loaded within the limits, one Mustache environment (its
 * partial search, strictness and limits), and one path from rendered text
 * to files (outputs staged in memory, then with check compared and with
 * diff shown, or else written with the depfile, all or none).
 *
 * Adding a command: a driver_fn here, built from the run's steps in
 * driver.c, and a row of the command table in main.c.
 */

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "limits.h"
#include "text.h"

/* Strings given more than once (--partials, --depfile-target), in order. */
struct driver_list {
	const char	**items;	/* the caller's strings */
	size_t		  n;
	size_t		  cap;
};

/* Appends s (not copied) to l. */
void	driver_list_add(struct driver_list *l, const char *s);

/*
 * What a command runs with. Paths are the caller's, and must outlive the
 * run; driver_options_init() gives no paths and the default limits.
 */
struct driver_options {
	/* Inputs. */
	const char	*data;		/* the YAML file; NULL: none (render:
					   an empty context) */
	const char	*source_name;	/* generate, context: the data's name
					   in the outputs; NULL:
					   srcname_default() */
	const char	*template;	/* render: the template file */
	const char	*registry;	/* registry-diff: the registry's CSV */
	const char	*templates;	/* generate, splice: the folder of
					   templates */
	char		**files;	/* splice: the files, nfiles of them */
	size_t		 nfiles;
	const char	*markers;	/* splice: a marker style's name (see
					   splice.h); NULL: by each name */
	const char	*templates_why;	/* generate: why that folder, for the
					   note after a templates error */
	struct driver_list partials;	/* render: folders searched for a
					   partial before the template's own */
	int		 escape_given;	/* render: escape overrides the */
	enum text_escape escape;	/* default that the name picks */
	int		 strict;	/* render: undefined names are errors
					   (generate always is strict) */
	struct driver_list defines;	/* -D NAME=VALUE, in order: string
					   values at the context's root, or
					   settings (settings.h) */
	const char	*today;		/* YYYY-MM-DD, for the data's dates
					   (model_options); NULL: none */
	struct limits	 limits;

	/* Outputs. */
	const char	*output;	/* render: the file; NULL: print it */
	const char	*outdir;	/* generate: the folder of outputs */
	const char	*depfile;	/* NULL, or the dependency file */
	struct driver_list depfile_targets; /* its targets instead of the
					   outputs, when there are any */
	int		 check;		/* write nothing; compare instead */
	int		 diff;		/* with check: print a diff of each */
	int		 verbose;	/* name each file and its fate */
	int		 quiet;		/* with check: no "out of date" lines */
};

void	driver_options_init(struct driver_options *opt);
/* Frees the lists; the strings stay the caller's. */
void	driver_options_free(struct driver_options *opt);

/*
 * A command. Reports every problem to d, and appends to print what the
 * command prints on standard output, which the caller writes (even after
 * an error, so that the diffs of --check come out). Returns 0 when done
 * (with check: every output is current), 1 with check when an output is
 * out of date or missing, or -1 after reporting an error; nothing is
 * written then.
 */
typedef int (*driver_fn)(const struct driver_options *opt,
    struct buf *print, struct diag *d);

/*
 * render: renders opt->template with opt->data (a YAML file of any shape)
 * as its context. Partials are looked for in opt->partials, then in the
 * template's folder. The escaper is opt->escape when escape_given, else
 * the one that the template's name without ".mustache" picks
 * (text_escape_for_output()). The text goes to opt->output, written as
 * generate writes its outputs (with opt->depfile naming it as the target),
 * or, without an output, to print.
 */
int	driver_render(const struct driver_options *opt, struct buf *print,
	    struct diag *d);

/*
 * generate: loads and checks the status table opt->data (whose context
 * "source" is opt->source_name, else srcname_default()), then renders
 * every opt->templates/NAME.mustache whose name does not start with '_'
 * to opt->outdir/NAME, in strict mode, with the escaper that NAME picks;
 * files starting with '_' are partials, looked for in opt->templates.
 * After an error in the folder or a template, a note names the folder and
 * opt->templates_why (when not NULL): "templates folder 'DIR' (WHY)".
 * Nothing is written unless every template rendered. Then, with check,
 * each output that differs from its file (or has none) is reported as
 * "statusgen: PATH is out of date" on d's stream (unless quiet; verbose
 * also names the current ones) and, with diff, a unified diff from
 * "a/PATH" (or "/dev/null") to "b/PATH" goes to print. Otherwise outdir
 * is created when missing (its parent must exist; another run creating it
 * meanwhile is no error), and the outputs and the depfile are replaced
 * together, each only when its content changed (outfile_set), under an
 * exclusive outfile_lock() of outdir held from the first comparison to
 * the last rename (check holds a shared one); verbose names each file
 * written or unchanged.
 *
 * Before anything is read, an output or the depfile that names the same
 * file as another path of the run (the data, a template, another output)
 * is an error; and before anything is written, one that names a file the
 * run read (a partial). render does the same for its paths.
 *
 * The depfile lists the outputs (or depfile_targets) as its targets, and
 * the data, the templates and every partial loaded as inputs, in the
 * order read (see depfile_format()).
 */
int	driver_generate(const struct driver_options *opt, struct buf *print,
	    struct diag *d);

/*
 * context: loads and checks the status table opt->data, as generate does
 * (opt->source_name too), and appends to print the whole context that the
 * templates see, as pretty JSON (value_json()). A context larger than the
 * output limit is an error, and prints nothing.
 */
int	driver_context(const struct driver_options *opt, struct buf *print,
	    struct diag *d);

/*
 * splice: loads and checks the status table opt->data as generate does,
 * then in each of opt->files finds the regions (splice_parse(), in the
 * style opt->markers names or else the one its name picks) and renders
 * each with opt->templates/TEMPLATE.mustache, in strict mode (names
 * too), with the style's escaper. A region's context is the status
 * table's, with only the statuses its class= and codes= values choose
 * (in statuses, classes and count) and its other NAME=VALUE words as
 * strings at the root. Nothing is written unless every region of every
 * file rendered; then each file, its regions replaced and every other
 * byte kept, is checked (with diff shown) or written with the depfile
 * (the files its targets) exactly as generate's outputs are, with no
 * folder lock. A file that is the data, a template, a partial or
 * another file of the run is an error.
 */
int	driver_splice(const struct driver_options *opt, struct buf *print,
	    struct diag *d);

/* validate: loads and checks the status table opt->data, writes nothing. */
int	driver_validate(const struct driver_options *opt, struct buf *print,
	    struct diag *d);

/*
 * registry-diff: loads and checks the status table opt->data and the
 * registry's CSV export opt->registry (within LIMITS_CSV), and reports
 * each difference between them as a warning (registry_diff()), then
 * their count. Returns 0 when they agree, 1 when they differ, -1 after
 * reporting an error in either file; writes nothing.
 */
int	driver_registry_diff(const struct driver_options *opt,
	    struct buf *print, struct diag *d);

#endif
