/* Unit tests for output files (outfile): compared, staged, replaced all or nothing. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "buf.h"
#include "harness.h"
#include "outfile.h"
#include "tap.h"

/*
 * The library's calls to rename() land here, so that a test can make the
 * Nth of them fail as a real one can (a file made immutable in between,
 * a full inode table); 0 fails none. The rest go to renameat().
 */
static int fail_rename_at;
static int renames;

int
rename(const char *from, const char *to)
{
	if (fail_rename_at != 0 && ++renames == fail_rename_at) {
		errno = EIO;
		return -1;
	}
	return renameat(AT_FDCWD, from, AT_FDCWD, to);
}

/* A time long ago, that a rewrite would change. */
#define LONG_AGO	1000000000L

/* Sets a file's mtime to LONG_AGO. */
static void
age(const char *path)
{
	struct timeval tv[2] = { { LONG_AGO, 0 }, { LONG_AGO, 0 } };

	if (utimes(path, tv) == -1)
		harness_bail("%s: %s", path, strerror(errno));
}

static long
mtime_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_mtime : -1;
}

static int
mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

/* Counts the files of a folder whose name has ".tmp". */
static int
temps_in(const char *dir)
{
	struct dirent *e;
	DIR *dp;
	int n = 0;

	if ((dp = opendir(dir)) != NULL) {
		while ((e = readdir(dp)) != NULL)
			n += strstr(e->d_name, ".tmp") != NULL;
		closedir(dp);
	}
	return n;
}

static void
test_write(void)
{
	struct capture c;
	int rc;

	capture_open(&c);
	rc = outfile_write("a.txt", "one\n", 4, &c.d);
	TAP_CHECK(rc == 1 && harness_holds("a.txt", "one\n"),
	    "a new file is written");
	TAP_CHECK(mode_of("a.txt") != -1 && (mode_of("a.txt") & 0600) == 0600,
	    "a new file is readable and writable by its owner, not 0600 only "
	    "by accident of mkstemp: %o", (unsigned)mode_of("a.txt"));
	TAP_CHECK(mode_of("a.txt") == 0644,
	    "a new file gets 0666 minus the umask: %o",
	    (unsigned)mode_of("a.txt"));
	age("a.txt");
	rc = outfile_write("a.txt", "one\n", 4, &c.d);
	TAP_CHECK(rc == 0 && mtime_of("a.txt") == LONG_AGO,
	    "the same content leaves the file and its mtime alone");
	chmod("a.txt", 0640);
	rc = outfile_write("a.txt", "two\n", 4, &c.d);
	TAP_CHECK(rc == 1 && harness_holds("a.txt", "two\n") &&
	    mtime_of("a.txt") != LONG_AGO, "new content replaces the file");
	TAP_CHECK(mode_of("a.txt") == 0640,
	    "a replaced file keeps its permissions");
	rc = outfile_write("a.txt", "", 0, &c.d);
	TAP_CHECK(rc == 1 && harness_holds("a.txt", ""),
	    "empty content is written");
	TAP_CHECK(temps_in(".") == 0, "no temporary file is left");
	CHECK_TEXT(capture_text(&c), "", "nothing is reported");
	TAP_CHECK(c.d.errors == 0, "no errors");
	capture_close(&c);
}

static void
test_symlink(void)
{
	struct capture c;
	struct stat st;

	harness_put("target.txt", "target\n");
	if (symlink("target.txt", "link.txt") != 0) {
		TAP_CHECK(1, "a link is replaced # SKIP symlink: %s",
		    strerror(errno));
		return;
	}
	capture_open(&c);
	TAP_CHECK(outfile_write("link.txt", "new\n", 4, &c.d) == 1 &&
	    lstat("link.txt", &st) == 0 && S_ISREG(st.st_mode) &&
	    harness_holds("link.txt", "new\n") &&
	    harness_holds("target.txt", "target\n"),
	    "a symbolic link is replaced by the file, not written through");
	capture_close(&c);
}

static void
test_compare(void)
{
	struct buf old;

	buf_init(&old);
	harness_put("c.txt", "abc\n");
	harness_mkdir("cdir");
	TAP_CHECK(outfile_compare("c.txt", "abc\n", 4, NULL) == OUTFILE_SAME,
	    "compare: same");
	TAP_CHECK(outfile_compare("c.txt", "abc\n", 4, &old) == OUTFILE_SAME &&
	    old.len == 0, "compare: same, and old is left alone");
	TAP_CHECK(outfile_compare("c.txt", "abd\n", 4, &old) ==
	    OUTFILE_CHANGED && old.len == 4 &&
	    memcmp(old.data, "abc\n", 4) == 0,
	    "compare: changed, with the old content");
	TAP_CHECK(outfile_compare("c.txt", "ab", 2, NULL) == OUTFILE_CHANGED,
	    "compare: changed size");
	TAP_CHECK(outfile_compare("nosuch.txt", "x", 1, NULL) ==
	    OUTFILE_MISSING, "compare: missing");
	errno = 0;
	TAP_CHECK(outfile_compare("cdir", "x", 1, NULL) == -1 &&
	    errno == EISDIR, "compare: a folder is an error (EISDIR)");
	errno = 0;
	TAP_CHECK(outfile_compare("/dev/null", "", 0, NULL) ==
	    OUTFILE_STREAM && outfile_compare("/dev/zero", "x", 1, NULL) ==
	    OUTFILE_STREAM, "compare: a device is a stream, not read");
	TAP_CHECK(harness_holds("c.txt", "abc\n"), "compare writes nothing");
	buf_free(&old);
}

/* A set fails in its third file: the first two stay as they were. */
static void
test_set_all_or_nothing(void)
{
	struct outfile_set set;
	struct capture c;
	int ok;

	harness_mkdir("s");
	harness_put("s/a", "old a\n");
	harness_put("s/b", "old b\n");
	harness_mkdir("s/c");	/* a folder where a file should go */
	age("s/a");
	capture_open(&c);
	outfile_set_init(&set);
	ok = outfile_set_add(&set, "s/a", "new a\n", 6, &c.d) == 1 &&
	    outfile_set_add(&set, "s/b", "old b\n", 6, &c.d) == 0;
	TAP_CHECK(ok, "a changed file is staged, an unchanged one is not");
	TAP_CHECK(temps_in("s") == 1, "staging writes a temporary file");
	TAP_CHECK(outfile_set_add(&set, "s/c", "c\n", 2, &c.d) == -1,
	    "a folder in the way fails staging");
	CHECK_TEXT(capture_text(&c), "s/c: error: cannot write: it is a "
	    "folder\n", "the error names the file");
	outfile_set_free(&set);
	TAP_CHECK(harness_holds("s/a", "old a\n") &&
	    mtime_of("s/a") == LONG_AGO,
	    "after a failed set, the earlier file is untouched");
	TAP_CHECK(temps_in("s") == 0, "after a failed set, no temporary file");

	/* The same set without the folder commits. */
	outfile_set_init(&set);
	ok = outfile_set_add(&set, "s/a", "new a\n", 6, &c.d) == 1 &&
	    outfile_set_add(&set, "s/b", "new b\n", 6, &c.d) == 1;
	TAP_CHECK(ok && harness_holds("s/a", "old a\n"),
	    "nothing is replaced before the commit");
	TAP_CHECK(outfile_set_commit(&set, &c.d) == 0 &&
	    harness_holds("s/a", "new a\n") && harness_holds("s/b", "new b\n"),
	    "the commit replaces every staged file");
	outfile_set_free(&set);
	TAP_CHECK(temps_in("s") == 0, "after a commit, no temporary file");
	TAP_CHECK(c.d.errors == 1, "one error in all");
	capture_close(&c);
}

static ino_t
ino_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* A rename that fails midway: the renames before it are undone. */
static void
test_rollback(void)
{
	static const char *const names[] = { "r/a", "r/b", "r/c", "r/d" };
	struct outfile_set set;
	struct capture c;
	ino_t ino_a, ino_d;
	int k, i, ok, whole;

	harness_mkdir("r");
	for (k = 1; k <= 4; k++) {
		harness_put("r/a", "old a\n");
		harness_put("r/b", "old b\n");
		unlink("r/c");		/* new in this set */
		harness_put("r/d", "old d\n");
		ino_a = ino_of("r/a");
		ino_d = ino_of("r/d");
		capture_open(&c);
		outfile_set_init(&set);
		ok = 1;
		for (i = 0; i < 4; i++)
			ok &= outfile_set_add(&set, names[i], "new\n", 4,
			    &c.d) == 1;
		renames = 0;
		fail_rename_at = k;
		ok &= outfile_set_commit(&set, &c.d) == -1;
		fail_rename_at = 0;
		outfile_set_free(&set);
		whole = harness_holds("r/a", "old a\n") &&
		    harness_holds("r/b", "old b\n") &&
		    access("r/c", F_OK) == -1 &&
		    harness_holds("r/d", "old d\n");
		TAP_CHECK(ok && whole && temps_in("r") == 0,
		    "rename %d of 4 fails: the commit fails and every file is "
		    "as it was, with no temporary file", k);
		TAP_CHECK(ino_of("r/a") == ino_a && ino_of("r/d") == ino_d,
		    "rename %d of 4 fails: the files put back are the same "
		    "files (hard links kept, not copies)", k);
		TAP_CHECK(c.d.errors == 1 && strstr(capture_text(&c),
		    names[k - 1]) != NULL, "rename %d of 4 fails: one error, "
		    "naming %s", k, names[k - 1]);
		capture_close(&c);
	}
}

static void
test_errors(void)
{
	struct capture c;

	capture_open(&c);
	TAP_CHECK(outfile_write("nodir/x.txt", "x", 1, &c.d) == -1 &&
	    c.d.errors == 1, "a missing folder is an error");
	CHECK_TEXT(capture_text(&c), "nodir/x.txt: error: cannot write: "
	    "the folder 'nodir' does not exist\n",
	    "with the file and the missing folder");
	capture_close(&c);

	capture_open(&c);
	harness_put("plain", "a file\n");
	TAP_CHECK(outfile_write("plain/x.txt", "x", 1, &c.d) == -1,
	    "a file on the way is an error");
	CHECK_TEXT(capture_text(&c), "plain/x.txt: error: cannot write: "
	    "'plain' is a regular file, not a folder\n", "naming it");
	capture_close(&c);

	capture_open(&c);
	TAP_CHECK(outfile_write("/dev/null", "x", 1, &c.d) == 1 &&
	    temps_in("/dev") == 0, "a device is written directly, with no "
	    "temporary file");
	TAP_CHECK(outfile_write("/dev/full", "x", 1, &c.d) == -1,
	    "a device that fails is an error");
	CHECK_TEXT(capture_text(&c), "/dev/full: error: cannot write: No "
	    "space left on device\n", "with its reason");
	capture_close(&c);

	/* A full disk, a read-only folder and a file size limit are tested
	 * from the command line, by tests/buildstep: /dev/full can't stand
	 * for a full disk here, since the temp file sits next to the output. */
}

int
main(void)
{
	struct scratch s;

	umask(022);
	scratch_enter(&s, "outfile");
	test_write();
	test_symlink();
	test_compare();
	test_set_all_or_nothing();
	test_rollback();
	test_errors();
	scratch_leave(&s);
	return tap_done();
}
