/* Output files: written atomically, all or nothing, and only when their content changes. */
#ifndef STATUSGEN_OUTFILE_H
#define STATUSGEN_OUTFILE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

/* How new content compares with the file on disk. */
enum outfile_state {
	OUTFILE_SAME,		/* the file holds exactly the new content */
	OUTFILE_CHANGED,	/* the file holds something else */
	OUTFILE_MISSING,	/* there is no file */
	OUTFILE_STREAM		/* a stream, which is written, never compared */
};

/*
 * Compares data[0..len) with the file at path, writing nothing. Returns an
 * enum outfile_state; with OUTFILE_CHANGED, the file's content is left in
 * old when old is not NULL. A stream (see outfile_set) is not opened, let
 * alone read: OUTFILE_STREAM, whatever it would give. Returns -1 with
 * errno set when path is a folder (EISDIR) or cannot be read.
 */
int	outfile_compare(const char *path, const void *data, size_t len,
	    struct buf *old);

struct outfile_entry;

/*
 * A set of output files that are replaced together. Each file is staged
 * first, its new content written to a temporary file "PATH.tmpXXXXXX" in
 * the same folder; only when every file has been staged are the temporary
 * files renamed into place (outfile_set_commit()). A failure while staging (no permission, a full
 * disk, a folder where a file should be) leaves every existing file as it
 * was and removes the temporary files; a reader of a file sees the old
 * content or the new, never a mix.
 *
 * A file that already holds the new content is not touched at all (its
 * mtime stays), so that make and ninja's restat see no change. A replaced
 * file keeps its permission bits; a new one gets 0666 minus the umask. A
 * symbolic link at PATH is replaced by the new file, not written through.
 * A folder at PATH is an error. A stream (a device, a FIFO, or any name in
 * /dev or /proc, such as /dev/stdout on a file) is opened and appended to
 * directly at commit, before the renames, as cc -o /dev/null does: it
 * cannot be replaced, nor compared, and is always written.
 *
 * No signal that can be caught leaves a temporary file: while a set holds
 * one, every signal whose default action ends the process (SIGINT,
 * SIGTERM, SIGHUP, SIGPIPE, SIGUSR1, ...), unless ignored or handled by
 * someone else, gets a handler that removes the temporary files of every
 * live set and then dies of the signal as it would have. The handler and
 * its list of sets are the module's only static state.
 *
 * A temporary name whose file name would pass the folder's longest name
 * (NAME_MAX) is cut short before ".tmpXXXXXX", so that every output name
 * that fits can be written.
 *
 * The caller owns the struct: outfile_set_init(), any number of
 * outfile_set_add(), then outfile_set_commit() or not, and always
 * outfile_set_free().
 */
struct outfile_set {
	struct outfile_entry	*files;
	size_t			 nfiles;
	size_t			 cap;
	struct outfile_set	*next;		/* the next live set */
	int			 live;		/* on the handler's list */
};

void	outfile_set_init(struct outfile_set *s);

/*
 * Stages data[0..len) (copied to the temporary file at once; the caller
 * keeps path and data) for path. Returns 1 when the file will be written,
 * 0 when it already holds that content, or -1 after reporting
 * "PATH: error: cannot write: REASON" to d (REASON is "it is a folder",
 * the folder on the way that is missing or not one, see
 * pathcheck_explain(), or strerror's). Adding the same path twice is a
 * programming error.
 */
int	outfile_set_add(struct outfile_set *s, const char *path,
	    const void *data, size_t len, struct diag *d);

/*
 * Checks every target for what would refuse its rename (a sticky folder
 * and a file of another user, an immutable or append-only file or
 * folder), writes every staged stream, then renames every staged file
 * into place, in the order added, all or none: each
 * file a rename replaces is kept under a second name (a hard link, or a
 * copy where there are none) until the last rename is done; a rename that
 * fails all the same puts back every file renamed before it. The
 * catchable signals that end the process are held from the first kept
 * name to the last rename (not while streams are written, which may
 * wait), so none lands between two renames. Returns 0, or -1 after
 * reporting "PATH: error: cannot write: REASON" with every file as it was
 * (a stream already written stays written). A file that cannot be put
 * back is reported too, with a note naming the name that holds it.
 */
int	outfile_set_commit(struct outfile_set *s, struct diag *d);

/* Removes every temporary file not renamed and releases the set. */
void	outfile_set_free(struct outfile_set *s);

/*
 * A set of one: makes the file at path hold exactly data[0..len). Returns
 * 1 when the file was written, 0 when it was already up to date, or -1
 * after reporting to d (the file is then left as it was).
 */
int	outfile_write(const char *path, const void *data, size_t len,
	    struct diag *d);

/*
 * Locks the folder dir against other statusgen runs: exclusive (a run
 * that writes its set of outputs there), or shared when shared is not 0
 * (a run that only compares them), waiting for the lock. Held from before
 * the first comparison to after the last rename, the exclusive lock makes
 * every set of outputs in dir one run's whole set, whatever runs at once.
 * It is flock(2) on the folder itself, so that nothing is added to dir; on
 * a file system without locks the run goes on unlocked. Returns a
 * descriptor for outfile_unlock(), or -1 after reporting "DIR: error:
 * cannot lock the output folder: REASON".
 */
int	outfile_lock(const char *dir, int shared, struct diag *d);

/* Releases a lock of outfile_lock(); -1 is ignored. */
void	outfile_unlock(int fd);

#endif
