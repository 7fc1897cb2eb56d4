/* Output files: written atomically, all or nothing, and only when their content changes. */
#define _XOPEN_SOURCE 700	/* S_ISVTX */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/fs.h>
#include <sys/ioctl.h>
#endif

#include "pathcheck.h"
#include "xalloc.h"

/*
 * One staged file: tmp is NULL when there is nothing to rename. A stream
 * (a device, a FIFO) is written directly at commit, from its own copy of
 * the data (direct not NULL). During the commit, keep names a second link
 * to the file that the rename replaces (or a copy of it), which puts it
 * back when a later step fails; renamed says the rename was done.
 */
struct outfile_entry {
	char	*path;
	char	*tmp;
	char	*keep;
	char	*direct;
	size_t	 len;
	int	 renamed;
};

/* ------------------------------------------------------------------ */
/* Comparing                                                          */
/* ------------------------------------------------------------------ */

/*
 * Whether path names a stream rather than a file in a folder: anything
 * but a regular file, or a name in /dev or /proc (/dev/stdout when the
 * standard output is a file), where a temporary file and a rename would
 * replace the name instead of writing to what it opens.
 */
static int
is_stream(const char *path, const struct stat *st)
{
	char *dir;
	int r;

	if (!S_ISREG(st->st_mode))
		return 1;
	if ((dir = pathcheck_folder(path)) == NULL)
		return 0;
	r = strcmp(dir, "/dev") == 0 || strncmp(dir, "/proc/", 6) == 0;
	free(dir);
	return r;
}

int
outfile_compare(const char *path, const void *data, size_t len,
    struct buf *old)
{
	struct stat st;
	struct buf b;
	int state;

	if (stat(path, &st) == -1)
		return errno == ENOENT ? OUTFILE_MISSING : -1;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	if (is_stream(path, &st))
		return OUTFILE_STREAM;
	/* Compare sizes first: most changed files differ there. */
	if (old == NULL && (uintmax_t)st.st_size != (uintmax_t)len)
		return OUTFILE_CHANGED;
	buf_init(&b);
	if (buf_read_file(&b, path) == -1) {
		buf_free(&b);
		return -1;
	}
	state = b.len == len && (len == 0 || memcmp(b.data, data, len) == 0) ?
	    OUTFILE_SAME : OUTFILE_CHANGED;
	if (old != NULL && state == OUTFILE_CHANGED) {
		buf_free(old);
		*old = b;
	} else
		buf_free(&b);
	return state;
}

/* ------------------------------------------------------------------ */
/* Signals: no temporary file outlives the process                    */
/* ------------------------------------------------------------------ */

/*
 * Every signal whose default action ends the process and that a handler
 * can catch. SIGXFSZ is not here: main() ignores it, so that a file size
 * limit fails a write (EFBIG) instead.
 */
static const int fatal_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE,
	SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGXCPU,
	SIGVTALRM, SIGPROF, SIGSYS,
#ifdef SIGPOLL
	SIGPOLL,
#endif
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
};

#define NFATAL	(sizeof(fatal_signals) / sizeof(fatal_signals[0]))

/*
 * The sets that hold temporary files, for the handler, and the actions
 * it replaced. A signal handler can reach nothing but static storage:
 * this is the one state of the program outside the structs passed down.
 * Changed only with the signals blocked (guard()), so the handler never
 * sees a list half changed.
 */
static struct outfile_set *live_sets;
static struct sigaction saved_actions[NFATAL];
static int installed[NFATAL];

/* Unlinks every temporary file, then dies of sig as it would have. */
static void
on_fatal(int sig)
{
	const struct outfile_set *s;
	struct sigaction dfl;
	sigset_t set;
	size_t i;

	for (s = live_sets; s != NULL; s = s->next)
		for (i = 0; i < s->nfiles; i++)
			if (s->files[i].tmp != NULL)
				unlink(s->files[i].tmp);
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	/* Blocked in here: delivered, with the default action, once
	 * unblocked. */
	raise(sig);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* Blocks the fatal signals, saving the mask in old. */
static void
guard(sigset_t *old)
{
	sigset_t block;
	size_t i;

	sigemptyset(&block);
	for (i = 0; i < NFATAL; i++)
		sigaddset(&block, fatal_signals[i]);
	sigprocmask(SIG_BLOCK, &block, old);
}

static void
unguard(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/*
 * Under guard(): puts s on the list of live sets, installing the handler
 * for each fatal signal left at its default action (one that is ignored,
 * or that a sanitizer handles, stays so) when s is the first.
 */
static void
set_live(struct outfile_set *s)
{
	struct sigaction sa;
	size_t i;

	if (s->live)
		return;
	if (live_sets == NULL) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_fatal;
		/* One handler at a time: it runs with them all blocked. */
		sigemptyset(&sa.sa_mask);
		for (i = 0; i < NFATAL; i++)
			sigaddset(&sa.sa_mask, fatal_signals[i]);
		for (i = 0; i < NFATAL; i++) {
			installed[i] = sigaction(fatal_signals[i], NULL,
			    &saved_actions[i]) == 0 &&
			    saved_actions[i].sa_handler == SIG_DFL &&
			    sigaction(fatal_signals[i], &sa, NULL) == 0;
		}
	}
	s->next = live_sets;
	live_sets = s;
	s->live = 1;
}

/* Under guard(): takes s off the list; the last one restores the actions. */
static void
set_dead(struct outfile_set *s)
{
	struct outfile_set **p;
	size_t i;

	if (!s->live)
		return;
	for (p = &live_sets; *p != s; p = &(*p)->next)
		continue;
	*p = s->next;
	s->live = 0;
	for (i = 0; live_sets == NULL && i < NFATAL; i++)
		if (installed[i])
			sigaction(fatal_signals[i], &saved_actions[i], NULL);
}

/* ------------------------------------------------------------------ */
/* Staging and committing                                             */
/* ------------------------------------------------------------------ */

/* The mode open(2) would give a new file: 0666 minus the umask. */
static mode_t
new_file_mode(void)
{
	mode_t mask;

	/* POSIX has no way to read the umask without setting it. */
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

/* Writes all of data to fd; returns 0, or -1 with errno set. */
static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Writes a stream's data through its name, as cc -o /dev/null does: an
 * existing device or FIFO, appended to (so that /dev/stdout on a file
 * opened with >> keeps what it holds). Returns 0, or -1 with errno set.
 */
static int
write_direct(const struct outfile_entry *e)
{
	int fd, saved;

	if ((fd = open(e->path, O_WRONLY | O_APPEND)) == -1)
		return -1;
	if (write_all(fd, e->direct, e->len) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

/* Reports that path cannot be written, for the reason err. */
static void
write_error(struct diag *d, const char *path, int err)
{
	struct srcpos at = { NULL, 0, 0 };
	struct buf why;

	at.file = path;
	buf_init(&why);
	pathcheck_explain(&why, path, err);
	diag_error(d, &at, "cannot write: %s", buf_cstr(&why));
	buf_free(&why);
}

/*
 * Adds an entry to s, taking tmp and direct. Under guard(): the handler
 * reads the array that this may move.
 */
static void
add_entry(struct outfile_set *s, const char *path, char *tmp, char *direct,
    size_t len)
{
	struct outfile_entry *e;

	s->files = xgrow(s->files, &s->cap, s->nfiles + 1, sizeof(*s->files));
	e = &s->files[s->nfiles++];
	e->path = xstrdup(path);
	e->tmp = tmp;
	e->direct = direct;
	e->len = len;
	e->keep = NULL;
	e->renamed = 0;
}

#define TEMP_SUFFIX	".tmpXXXXXX"

/*
 * Sets tmp to the template of a temporary name beside path for mkstemp():
 * "PATH.tmpXXXXXX", its file name cut short when it would pass the
 * folder's longest name, so that any name that fits has a temporary one.
 */
static void
temp_name(struct buf *tmp, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash != NULL ? slash + 1 : path;
	size_t room = strlen(TEMP_SUFFIX), blen = strlen(base);
	long max;
	char *dir;

	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	errno = 0;
	if ((max = pathconf(dir, _PC_NAME_MAX)) <= 0)
		max = 255;	/* no limit known: the common one */
	free(dir);
	buf_clear(tmp);
	buf_append(tmp, path, (size_t)(base - path));
	if (blen + room > (size_t)max)
		blen = (size_t)max > room ? (size_t)max - room : 1;
	buf_append(tmp, base, blen);
	buf_puts(tmp, TEMP_SUFFIX);
}

/*
 * Creates the temporary file of path (temp_name()) and adds it to s,
 * with the signals blocked from its creation to its place in the list.
 * Returns its descriptor, or -1 with errno set.
 */
static int
create_temp(struct outfile_set *s, const char *path)
{
	struct buf tmp;
	sigset_t old;
	int fd, saved;

	buf_init(&tmp);
	temp_name(&tmp, path);
	guard(&old);
	if ((fd = mkstemp(tmp.data)) != -1) {
		add_entry(s, path, buf_detach(&tmp, NULL), NULL, 0);
		set_live(s);
	}
	saved = errno;
	unguard(&old);
	buf_free(&tmp);
	errno = saved;
	return fd;
}

/* Removes the temporary file of entry i and forgets it. */
static void
drop_temp(struct outfile_set *s, size_t i)
{
	sigset_t old;
	char *tmp;

	guard(&old);
	tmp = s->files[i].tmp;
	s->files[i].tmp = NULL;
	unguard(&old);
	if (tmp != NULL)
		unlink(tmp);
	free(tmp);
}

/* Fills the new temporary file fd; returns 0, or -1 with errno set. */
static int
fill_temp(int fd, mode_t mode, const void *data, size_t len)
{
	int saved;

	/* mkstemp() creates the file 0600, too strict for a build output. */
	if (fchmod(fd, mode) == -1 || write_all(fd, data, len) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	/* A full disk may only show up here, on some file systems. */
	return close(fd);
}

void
outfile_set_init(struct outfile_set *s)
{
	s->files = NULL;
	s->nfiles = 0;
	s->cap = 0;
	s->next = NULL;
	s->live = 0;
}

int
outfile_set_add(struct outfile_set *s, const char *path, const void *data,
    size_t len, struct diag *d)
{
	struct srcpos at = { path, 0, 0 };	/* messages name the file */
	struct stat st;
	sigset_t old;
	mode_t mode;
	char *copy;
	int fd;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			diag_error(d, &at, "cannot write: it is a folder");
			return -1;
		}
		if (is_stream(path, &st)) {
			copy = xmalloc(len + 1);
			if (len > 0)
				memcpy(copy, data, len);
			guard(&old);
			add_entry(s, path, NULL, copy, len);
			unguard(&old);
			return 1;
		}
		if (outfile_compare(path, data, len, NULL) == OUTFILE_SAME)
			return 0;
		mode = st.st_mode & 07777;
	} else
		mode = new_file_mode();

	if ((fd = create_temp(s, path)) == -1) {
		write_error(d, path, errno);
		return -1;
	}
	if (fill_temp(fd, mode, data, len) == -1) {
		write_error(d, path, errno != 0 ? errno : EIO);
		drop_temp(s, s->nfiles - 1);
		return -1;
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* Committing: every rename, or none                                  */
/* ------------------------------------------------------------------ */

/*
 * Whether the rename of a temporary file over path (which lstat() gave
 * st) can fail although the temporary file sits in the same folder: the
 * folder is sticky and the file is another user's, or the file or its
 * folder is immutable or append-only. Returns 0, or -1 with *why set to
 * a static reason.
 */
static int
replaceable(const char *path, const struct stat *st, const char **why)
{
	struct stat dst;
	char *dir;
	int bad = 0;
#ifdef FS_IOC_GETFLAGS
	int fd, flags;
#endif

	dir = pathcheck_folder(path);
	if (dir != NULL && stat(dir, &dst) == 0 && (dst.st_mode & S_ISVTX) &&
	    geteuid() != 0 && st->st_uid != geteuid() &&
	    dst.st_uid != geteuid()) {
		*why = "the folder is sticky (mode +t) and the file belongs to "
		    "another user, so only its owner may replace it";
		bad = 1;
	}
#ifdef FS_IOC_GETFLAGS
	/* Only regular files and folders can be opened to ask, without
	 * waiting or following a link. */
	if (!bad && S_ISREG(st->st_mode) && (fd = open(path, O_RDONLY |
	    O_NONBLOCK | O_NOFOLLOW | O_NOCTTY)) != -1) {
		if (ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0 &&
		    (flags & (FS_IMMUTABLE_FL | FS_APPEND_FL))) {
			*why = flags & FS_IMMUTABLE_FL ? "the file is immutable "
			    "(chattr +i)" : "the file is append-only (chattr +a)";
			bad = 1;
		}
		close(fd);
	}
	if (!bad && dir != NULL && (fd = open(dir, O_RDONLY |
	    O_DIRECTORY)) != -1) {
		if (ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0 &&
		    (flags & (FS_IMMUTABLE_FL | FS_APPEND_FL))) {
			*why = "its folder is immutable or append-only (chattr "
			    "+i or +a)";
			bad = 1;
		}
		close(fd);
	}
#endif
	free(dir);
	return bad ? -1 : 0;
}

/*
 * A copy of the regular file path as a new temporary file beside it, for
 * a file system without hard links. Returns its name (the caller frees),
 * or NULL with errno set.
 */
static char *
copy_aside(const char *path, const struct stat *st)
{
	struct buf name, content;
	int fd, saved;

	buf_init(&name);
	buf_init(&content);
	temp_name(&name, path);
	if (!S_ISREG(st->st_mode)) {
		errno = EINVAL;
		fd = -1;
	} else if (buf_read_file(&content, path) == -1 ||
	    (fd = mkstemp(name.data)) == -1) {
		fd = -1;
	} else if (fill_temp(fd, st->st_mode & 07777, content.data,
	    content.len) == -1) {
		saved = errno;
		unlink(name.data);
		errno = saved;
		fd = -1;
	}
	buf_free(&content);
	if (fd == -1) {
		buf_free(&name);
		return NULL;
	}
	return buf_detach(&name, NULL);
}

/*
 * Keeps the file at path, which a rename is about to replace, under a
 * second name beside it: a hard link (the file itself, its owner, mode
 * and inode), or a copy where the file system has no hard links.
 * Returns the name (the caller frees), or NULL with errno set.
 */
static char *
keep_aside(const char *path, const struct stat *st)
{
	struct buf name;
	int fd, tries;

	buf_init(&name);
	for (tries = 0; tries < 100; tries++) {
		/* mkstemp() finds a free name; link() cannot replace it. */
		temp_name(&name, path);
		if ((fd = mkstemp(name.data)) == -1)
			break;
		close(fd);
		unlink(name.data);
		if (linkat(AT_FDCWD, path, AT_FDCWD, name.data, 0) == 0)
			return buf_detach(&name, NULL);
		if (errno != EEXIST)
			break;
	}
	buf_free(&name);
	if (errno == EEXIST || errno == EPERM || errno == EMLINK ||
	    errno == EOPNOTSUPP || errno == ENOSYS)
		return copy_aside(path, st);
	return NULL;
}

/*
 * Puts back what the renames of s changed: each replaced file from its
 * kept name, each new one removed. What cannot be put back is reported.
 */
static void
roll_back(struct outfile_set *s, struct diag *d)
{
	struct srcpos at = { NULL, 0, 0 };
	struct outfile_entry *e;
	size_t i;

	for (i = s->nfiles; i-- > 0;) {
		e = &s->files[i];
		if (!e->renamed)
			continue;
		if (e->keep != NULL ? rename(e->keep, e->path) : unlink(e->path)) {
			write_error(d, e->path, errno);
			if (e->keep != NULL) {
				/* Its only name now: left for the user. */
				at.file = e->path;
				diag_note(d, &at, "the previous file is kept as "
				    "'%s'", e->keep);
			}
		}
		free(e->keep);
		e->keep = NULL;
		e->renamed = 0;
	}
}

/* Removes the kept names of s: its commit is done, or undone. */
static void
drop_kept(struct outfile_set *s)
{
	size_t i;

	for (i = 0; i < s->nfiles; i++) {
		if (s->files[i].keep != NULL)
			unlink(s->files[i].keep);
		free(s->files[i].keep);
		s->files[i].keep = NULL;
	}
}

int
outfile_set_commit(struct outfile_set *s, struct diag *d)
{
	struct srcpos at = { NULL, 0, 0 };
	struct outfile_entry *e;
	struct stat st;
	const char *why;
	sigset_t old;
	size_t i;
	int rc = 0;

	/* Every target that a rename could not replace, before anything is
	 * written. */
	for (i = 0; i < s->nfiles; i++) {
		e = &s->files[i];
		if (e->tmp != NULL && lstat(e->path, &st) == 0 &&
		    replaceable(e->path, &st, &why) != 0) {
			at.file = e->path;
			diag_error(d, &at, "cannot write: %s", why);
			rc = -1;
		}
	}
	if (rc != 0)
		return -1;
	/* Streams next and unguarded: a FIFO may wait for its reader, and
	 * the run must stay interruptible while it does. */
	for (i = 0; i < s->nfiles; i++) {
		e = &s->files[i];
		if (e->direct != NULL && write_direct(e) != 0) {
			write_error(d, e->path, errno);
			return -1;	/* outfile_set_free() removes the rest */
		}
	}
	/* No signal that can be caught lands between two renames: it is
	 * delivered once the set is whole, or whole again. */
	guard(&old);
	for (i = 0; rc == 0 && i < s->nfiles; i++) {
		e = &s->files[i];
		if (e->tmp == NULL || lstat(e->path, &st) != 0)
			continue;
		if ((e->keep = keep_aside(e->path, &st)) == NULL) {
			write_error(d, e->path, errno);
			rc = -1;
		}
	}
	for (i = 0; rc == 0 && i < s->nfiles; i++) {
		e = &s->files[i];
		if (e->tmp == NULL)
			continue;
		if (rename(e->tmp, e->path) == -1) {
			write_error(d, e->path, errno);
			roll_back(s, d);
			rc = -1;
			break;
		}
		e->renamed = 1;
		free(e->tmp);
		e->tmp = NULL;
	}
	drop_kept(s);
	unguard(&old);
	return rc;
}

void
outfile_set_free(struct outfile_set *s)
{
	sigset_t old;
	size_t i;

	for (i = 0; i < s->nfiles; i++) {
		drop_temp(s, i);
		free(s->files[i].direct);
		free(s->files[i].path);
	}
	guard(&old);
	set_dead(s);
	unguard(&old);
	free(s->files);
	outfile_set_init(s);
}

int
outfile_write(const char *path, const void *data, size_t len,
    struct diag *d)
{
	struct outfile_set s;
	int rc;

	outfile_set_init(&s);
	rc = outfile_set_add(&s, path, data, len, d);
	if (rc > 0 && outfile_set_commit(&s, d) != 0)
		rc = -1;
	outfile_set_free(&s);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Locking a folder of outputs                                        */
/* ------------------------------------------------------------------ */

int
outfile_lock(const char *dir, int shared, struct diag *d)
{
	struct srcpos at = { NULL, 0, 0 };
	int fd, r;

	at.file = dir;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) == -1) {
		diag_error(d, &at, "cannot lock the output folder: %s",
		    strerror(errno));
		return -1;
	}
	while ((r = flock(fd, shared ? LOCK_SH : LOCK_EX)) == -1 &&
	    errno == EINTR)
		continue;
	/* A file system without locks (some network ones) only loses the
	 * guarantee between runs; the run itself goes on. */
	if (r == -1 && errno != ENOLCK && errno != EOPNOTSUPP &&
	    errno != ENOSYS) {
		diag_error(d, &at, "cannot lock the output folder: %s",
		    strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

void
outfile_unlock(int fd)
{
	if (fd >= 0)
		close(fd);	/* which releases the lock */
}
