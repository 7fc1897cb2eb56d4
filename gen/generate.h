/* The generate and validate commands: data -> model -> every template -> output files. */
#ifndef STATUSGEN_GENERATE_H
#define STATUSGEN_GENERATE_H

#include "diag.h"

struct generate_options {
	const char	*data;		/* the status table */
	const char	*templates;	/* folder of NAME.mustache files */
	const char	*outdir;	/* where NAME goes */
	int		 verbose;	/* name each output written or unchanged */
};

/*
 * Loads and checks the status table, then renders every TEMPLATES/NAME.mustache
 * whose name does not start with '_' to OUTDIR/NAME, in strict mode, with the
 * escaper that NAME's extension picks; files starting with '_' are partials.
 * Everything is rendered in memory first: nothing is written unless every
 * template rendered. Each output is then written atomically, and only when
 * its content changed. OUTDIR is created when missing (its parent must
 * exist). Returns 0, or -1 after reporting every error to d.
 */
int	generate_run(const struct generate_options *opt, struct diag *d);

/* Loads and checks the status table only. Returns 0, or -1 after reporting. */
int	generate_validate(const char *data, struct diag *d);

#endif
