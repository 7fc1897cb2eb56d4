/* Dependency files: the make-format list of the files a run read and wrote. */
#ifndef STATUSGEN_DEPFILE_H
#define STATUSGEN_DEPFILE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

/*
 * The targets (the files a run makes) and the inputs (every file it read),
 * each in the order first added, without duplicates. The caller owns the
 * struct: depfile_init() it, depfile_free() it. Paths are copied.
 */
struct depfile {
	char	**targets;
	size_t	  ntargets;
	size_t	  tcap;
	char	**inputs;
	size_t	  ninputs;
	size_t	  icap;
};

void	depfile_init(struct depfile *df);
void	depfile_free(struct depfile *df);

/* Adds a target or an input; a path already there is ignored. */
void	depfile_add_target(struct depfile *df, const char *path);
void	depfile_add_input(struct depfile *df, const char *path);

/*
 * Appends the dependency file to out, as gcc -MD -MP writes it: one rule
 * "TARGET...: INPUT...", then an empty rule "INPUT:" for each input, so
 * that make and ninja shrug when an input is deleted. Both read it back
 * (tests/buildstep tries each rule with both): a space, '#' and ':' get a
 * backslash (and the backslashes before them are doubled), '$' becomes
 * "$$", and '%' gets a backslash where the name is a target, which make
 * would take for a pattern.
 *
 * Returns 0, or -1 after reporting an error to d, with out then holding a
 * partial file that the caller must discard: for a name that make or
 * ninja cannot read back however it is written (a control byte, a '\' at
 * the end, a wildcard, '=', '(', ')', ';', '|' and, for ninja, & ' " `
 * ^ < >), "statusgen: error: cannot list 'NAME' in a depfile: a \"C\":
 * WHY"
 * (NAME shown as text_quote() shows it); for a depfile with no target,
 * "statusgen: error: a depfile needs at least one target".
 */
int	depfile_format(const struct depfile *df, struct buf *out,
	    struct diag *d);

#endif
