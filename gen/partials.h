/* Template files: reading a template or partial within a size limit, and finding {{> name}} as NAME.mustache in a list of folders. */
#ifndef STATUSGEN_PARTIALS_H
#define STATUSGEN_PARTIALS_H

#include <stddef.h>

#include "buf.h"
#include "depfile.h"
#include "diag.h"

/* How a template file was named, which decides what it may be. */
enum partials_how {
	/* Named by the user (render TEMPLATE): read as named, whatever it
	 * is, as cat reads it; a FIFO is waited for. */
	PARTIALS_NAMED,
	/* Found in a folder (generate's templates, partials): only a regular
	 * file is read, and a FIFO is refused without waiting for it. */
	PARTIALS_FOUND
};

/*
 * Reads the template file at path into src, refusing one of more than
 * max bytes (0: limits_default(LIMITS_TEMPLATE), see limits.h); a pipe
 * or a device is read no further than that. Returns 0, or -1 after
 * reporting "PATH: error: cannot read: REASON" (with PARTIALS_FOUND,
 * "cannot read: it is a FIFO; a template found in a folder must be a
 * regular file" and the like), or, for a file over the limit, "PATH:
 * error: file is larger than the N limit" and a note naming
 * --max-template.
 */
int	partials_read(const char *path, size_t max, enum partials_how how,
	    struct buf *src, struct diag *d);

/*
 * The folders to search, in order, and where to record the files read.
 * The caller owns the strings and the depfile.
 */
struct partials_path {
	const char *const *dirs;
	size_t		  ndirs;
	struct depfile	 *deps;		/* NULL, or gets each file read */
	size_t		  max_bytes;	/* of one partial; 0: the default */
};

/*
 * A mustache_partial_fn over a struct partials_path (ctx): reads the first
 * DIR/NAME.mustache that exists, as PARTIALS_FOUND (a regular file). Names are used literally as relative
 * paths, so "{{> sub/item}}" reads DIR/sub/item.mustache (templates are
 * trusted build inputs; the engine refuses absolute names, and names
 * from the data that climb out with ".."). Returns 1 with the text in src
 * and the file's path in path, which is also added to the inputs of deps
 * when there is one; 0 when no folder has it (or the name is empty, holds
 * a NUL, or is longer than the system allows), with the folders searched
 * in path, quoted for a message ("'a', 'b'"); -1 after
 * reporting, as partials_read does, a file that exists but cannot be read
 * or is over the limit.
 */
int	partials_find(void *ctx, const char *name, size_t len,
	    struct buf *src, struct buf *path, struct diag *d);

/*
 * A mustache_partial_fn over a mapping of names to template texts (ctx: a
 * const struct value *, or NULL for none), for partials held in memory as
 * the Mustache spec's tests hold them. Returns 1 with the text in src and
 * "NAME.mustache" in path, so that messages read as they would for a
 * folder of partials; 0 when there is no such key or its value is not a
 * string. It never fails and reports nothing.
 */
int	partials_from_map(void *ctx, const char *name, size_t len,
	    struct buf *src, struct buf *path, struct diag *d);

#endif
