/* Unified diffs of two texts, for statusgen generate --check --diff. */
#ifndef STATUSGEN_UDIFF_H
#define STATUSGEN_UDIFF_H

#include <stddef.h>

#include "buf.h"

/*
 * Appends to out a unified diff that turns a[0..alen) into b[0..blen),
 * with three lines of context, under the headers "--- OLDNAME" and
 * "+++ NEWNAME" (use "/dev/null" for a file that does not exist): what
 * `diff -u` prints, less the timestamps, so `patch` and `git apply` take it.
 * A name with a space is followed by a tab, as diff -u follows it by one
 * before the timestamp; a name with a control byte, '"' or '\\' is quoted
 * as git quotes it. Both read such names back.
 * A last line without a newline is followed by "\ No newline at end of
 * file". Appends nothing when the texts are equal.
 *
 * The diff is minimal (a longest common subsequence of lines) after the
 * common first and last lines are set aside, unless what remains is more
 * than UDIFF_MAX_CELLS lines-by-lines: then that middle part is shown as
 * one block removed and one added, which is correct but not minimal.
 */
void	udiff_append(struct buf *out, const char *oldname, const char *a,
	    size_t alen, const char *newname, const char *b, size_t blen);

#define UDIFF_MAX_CELLS	((size_t)4 * 1024 * 1024)

#endif
