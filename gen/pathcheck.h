/* The paths of one run: what kind of file each names, why one cannot be made, and whether two name the same file. */
#ifndef STATUSGEN_PATHCHECK_H
#define STATUSGEN_PATHCHECK_H

#include <stddef.h>
#include <sys/types.h>

#include "buf.h"
#include "diag.h"

/*
 * What a file of the given st_mode is, for a message: "a folder", "a
 * FIFO", "a character device", "a block device", "a socket", "a symbolic
 * link", "a regular file" or "a special file". A static string.
 */
const char *pathcheck_kind(mode_t mode);

/*
 * Appends to b the reason why path cannot be created or opened, given the
 * errno err of the failure: for ENOENT and ENOTDIR, the first folder on
 * the way that does not exist ("the folder 'a' does not exist"), is not a
 * folder ("'a/b' is a regular file, not a folder") or is a symbolic link
 * to nothing ("'a' is a symbolic link to 'x', which does not exist"), or
 * path itself being such a link; otherwise, and when it finds none of
 * these, strerror(err).
 */
void	pathcheck_explain(struct buf *b, const char *path, int err);

/*
 * The real path of the folder holding path (its parent; "." for a bare
 * name), in memory the caller frees; NULL with errno set when it cannot
 * be resolved (the folder does not exist).
 */
char	*pathcheck_folder(const char *path);

struct pathcheck_entry;

/*
 * The files a run reads and writes, to be checked for two paths that name
 * the same file before anything is read: "out/x.h", "./out/x.h" and a
 * link to it are one file. Files that exist compare by device and inode;
 * files that do not, by the real path of their folder and their name. A
 * character device (/dev/null, a terminal) is a stream, not a file, and
 * may appear any number of times; two inputs may also be the same file.
 *
 * The caller owns the struct: pathcheck_init(), pathcheck_add() for each
 * path, pathcheck_report(), pathcheck_free().
 */
struct pathcheck {
	struct pathcheck_entry	*entries;
	size_t			 n;
	size_t			 cap;
};

void	pathcheck_init(struct pathcheck *pc);
void	pathcheck_free(struct pathcheck *pc);

/*
 * Adds path (not copied: the caller keeps it until pathcheck_free()) in
 * the given role ("the data file", "the output", "the depfile", ...), an
 * output when written is 1 (a file the run writes) or an input when 0.
 */
void	pathcheck_add(struct pathcheck *pc, const char *path,
	    const char *role, int written);

/*
 * Reports each file that an output shares with another path as
 * "statusgen: error: ROLE 'PATH' and ROLE 'PATH' are the same file", in
 * the order added. Returns the number of such errors, 0 when none.
 */
size_t	pathcheck_report(const struct pathcheck *pc, struct diag *d);

#endif
