/* Output files: written atomically, all or nothing, and only when their content changes. */
#define _POSIX_C_SOURCE 200809L
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

#include "pathcheck.h"
#include "xalloc.h"

/*
 * One staged file: tmp is NULL when there is nothing to rename. A stream
 * (a device, a FIFO) is written directly at commit, from its own copy of
 * the data (direct not NULL).
 */
struct outfile_entry {
	char	*path;
	char	*tmp;
	char	*direct;
	size_t	 len;
};

/* ------------------------------------------------------------------ */
/* Comparing                                                          */
/* ------------------------------------------------------------------ */

int
outfile_compare(const char *path, const void *data, size_t len,
    struct buf *old)
{
	struct stat st;
	struct buf b;
	int state;

	if (stat(path, &st) == -1)
		return errno == ENOENT ? OUTFILE_MISSING : -1;
	if (!S_ISREG(st.st_mode)) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
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
}

/*
 * Creates the temporary file of path, "PATH.tmpXXXXXX", and adds it to s,
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
	buf_printf(&tmp, "%s.tmpXXXXXX", path);
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

int
outfile_set_commit(struct outfile_set *s, struct diag *d)
{
	struct outfile_entry *e;
	sigset_t old;
	size_t i;

	for (i = 0; i < s->nfiles; i++) {
		e = &s->files[i];
		if (e->direct != NULL && write_direct(e) != 0) {
			write_error(d, e->path, errno);
			return -1;	/* outfile_set_free() removes the rest */
		}
	}
	for (i = 0; i < s->nfiles; i++) {
		e = &s->files[i];
		if (e->tmp == NULL)
			continue;
		if (rename(e->tmp, e->path) == -1) {
			write_error(d, e->path, errno);
			return -1;
		}
		guard(&old);
		free(e->tmp);
		e->tmp = NULL;
		unguard(&old);
	}
	return 0;
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
