/* The generate and validate commands: data -> model -> every template -> output files. */
#ifndef STATUSGEN_GENERATE_H
#define STATUSGEN_GENERATE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "yload.h"

/* Zero is the default of every field but the three paths. */
struct generate_options {
	const char	*data;		/* the status table */
	const char	*templates;	/* folder of NAME.mustache files */
	const char	*outdir;	/* where NAME goes */
	int		 verbose;	/* name each output and what became of it */
	int		 quiet;		/* with check: no "out of date" lines */
	int		 check;		/* write nothing; compare with OUTDIR */
	struct buf	*diff;		/* with check: NULL, or gets a diff of
					   each output that would change */
	const char	*depfile;	/* NULL, or the dependency file to write */
	const char *const *depfile_targets; /* its targets instead of the */
	size_t		 ndepfile_targets;  /* outputs, when there are any */
	struct yload_limits yaml;	/* limits of the data file (0: default) */
	size_t		 max_template_depth; /* mustache_options.max_depth */
	size_t		 max_template_bytes; /* of one template or partial */
	size_t		 max_render_steps; /* mustache_options.max_steps */
	size_t		 max_output;	/* bytes of one output (0: default) */
};

/*
 * Loads and checks the status table, then renders every TEMPLATES/NAME.mustache
 * whose name does not start with '_' to OUTDIR/NAME, in strict mode, with the
 * escaper that NAME's extension picks; files starting with '_' are partials.
 * Everything is rendered in memory first: nothing is written unless every
 * template rendered. The outputs, and the depfile when asked for, are then
 * replaced together (outfile_set): each only when its content changed, all
 * or none. OUTDIR is created when missing (its parent must exist). The
 * depfile lists the outputs (or depfile_targets) as its targets, and the
 * data, the templates and every partial loaded as inputs, in the order
 * they were read (see depfile_format()). With verbose, a line on d's stream
 * names each file written or unchanged.
 *
 * With check, nothing is written: each output that differs from the file
 * in OUTDIR (or has none) is reported as "statusgen: PATH is out of date"
 * on d's stream (unless quiet; verbose also names the current ones), and,
 * when diff is not NULL, a unified diff from "a/PATH" to "b/PATH" (from
 * "/dev/null" for a missing file) is appended to diff.
 *
 * Returns 0 (with check: everything is current), 1 (with check: something
 * is out of date), or -1 after reporting every error to d.
 */
int	generate_run(const struct generate_options *opt, struct diag *d);

/*
 * Loads and checks the status table only, within lim (NULL: the defaults).
 * Returns 0, or -1 after reporting.
 */
int	generate_validate(const char *data, const struct yload_limits *lim,
	    struct diag *d);

#endif
