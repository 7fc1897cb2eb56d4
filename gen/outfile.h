/* Output files: written atomically, and only when their content changes. */
#ifndef STATUSGEN_OUTFILE_H
#define STATUSGEN_OUTFILE_H

#include <stddef.h>

#include "diag.h"

/*
 * Makes the file at path hold exactly data[0..len).
 *
 * When it already does, the file is left untouched (mtime included), so
 * that make and other tools that compare timestamps see no change.
 * Otherwise the bytes go to a new file "PATH.tmpXXXXXX" in the same folder,
 * which is then renamed over path: a reader sees the old content or the new,
 * never a mix, and a failure leaves the old file as it was. A replaced file
 * keeps its permission bits; a new one gets 0666 minus the umask. A symbolic
 * link at path is replaced by the new file, not written through.
 *
 * Returns 1 when the file was written, 0 when it was already up to date, or
 * -1 after reporting "statusgen: error: cannot write PATH: REASON" to d; on
 * failure the temporary file is removed. The caller keeps path and data.
 */
int	outfile_write(const char *path, const void *data, size_t len,
	    struct diag *d);

#endif
