/* Unit tests for output files (outfile), dependency files (depfile), diffs (udiff) and reads within a size limit (buf). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "buf.h"
#include "depfile.h"
#include "diag.h"
#include "outfile.h"
#include "tap.h"
#include "udiff.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                            */
/* ------------------------------------------------------------------ */

static char workdir[] = "/tmp/statusgen-outfile.XXXXXX";

/* Diagnostics captured in memory. */
struct msgs {
	struct diag	 d;
	char		*text;
	size_t		 len;
	FILE		*fp;
};

static void
msgs_open(struct msgs *m)
{
	m->text = NULL;
	m->len = 0;
	if ((m->fp = open_memstream(&m->text, &m->len)) == NULL) {
		perror("open_memstream");
		exit(1);
	}
	diag_init(&m->d, m->fp);
}

static const char *
msgs_text(struct msgs *m)
{
	fflush(m->fp);
	return m->text != NULL ? m->text : "";
}

/* Shows what was reported, as TAP comments, so a failure explains itself. */
static void
show_msgs(struct msgs *m)
{
	const char *p = msgs_text(m), *nl;

	for (; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL) {
			printf("# %s\n", p);
			break;
		}
		printf("# %.*s\n", (int)(nl - p), p);
	}
}

static void
msgs_close(struct msgs *m)
{
	fclose(m->fp);
	free(m->text);
}

static char *
path_of(const char *name)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%s/%s", workdir, name);
	return buf_detach(&b, NULL);
}

static void
put_file(const char *name, const char *text)
{
	char *p = path_of(name);
	FILE *fp = fopen(p, "wb");

	if (fp == NULL || fputs(text, fp) == EOF || fclose(fp) == EOF) {
		perror(p);
		exit(1);
	}
	free(p);
}

/* Returns 1 when the file holds exactly text. */
static int
holds(const char *name, const char *text)
{
	char *p = path_of(name);
	struct buf b;
	int same;

	buf_init(&b);
	same = buf_read_file(&b, p) == 0 && b.len == strlen(text) &&
	    memcmp(buf_cstr(&b), text, b.len) == 0;
	buf_free(&b);
	free(p);
	return same;
}

/* Sets a file's mtime to a second long ago, so a rewrite would show. */
static void
age(const char *name)
{
	char *p = path_of(name);
	struct timeval tv[2] = { { 1000000000, 0 }, { 1000000000, 0 } };

	if (utimes(p, tv) == -1) {
		perror(p);
		exit(1);
	}
	free(p);
}

static long
mtime_of(const char *name)
{
	char *p = path_of(name);
	struct stat st;
	long t = -1;

	if (stat(p, &st) == 0)
		t = (long)st.st_mtime;
	free(p);
	return t;
}

static int
mode_of(const char *name)
{
	char *p = path_of(name);
	struct stat st;
	int mode = -1;

	if (stat(p, &st) == 0)
		mode = (int)(st.st_mode & 07777);
	free(p);
	return mode;
}

/* Counts the files of a folder (under workdir) whose name has ".tmp". */
static int
temps_in(const char *dir)
{
	char *p = path_of(dir);
	struct dirent *e;
	DIR *dp;
	int n = 0;

	if ((dp = opendir(p)) != NULL) {
		while ((e = readdir(dp)) != NULL)
			n += strstr(e->d_name, ".tmp") != NULL;
		closedir(dp);
	}
	free(p);
	return n;
}

static void
make_dir(const char *name)
{
	char *p = path_of(name);

	if (mkdir(p, 0777) == -1 && errno != EEXIST) {
		perror(p);
		exit(1);
	}
	free(p);
}

/* ------------------------------------------------------------------ */
/* outfile                                                            */
/* ------------------------------------------------------------------ */

static void
test_write(void)
{
	struct msgs m;
	char *p = path_of("a.txt");
	int rc;

	msgs_open(&m);
	rc = outfile_write(p, "one\n", 4, &m.d);
	TAP_CHECK(rc == 1 && holds("a.txt", "one\n"), "a new file is written");
	TAP_CHECK(mode_of("a.txt") != -1 &&
	    (mode_of("a.txt") & 0600) == 0600,
	    "a new file is readable and writable by its owner, not 0600 only "
	    "by accident of mkstemp: %o", (unsigned)mode_of("a.txt"));
	age("a.txt");
	rc = outfile_write(p, "one\n", 4, &m.d);
	TAP_CHECK(rc == 0 && mtime_of("a.txt") == 1000000000,
	    "the same content leaves the file and its mtime alone");
	chmod(p, 0640);
	rc = outfile_write(p, "two\n", 4, &m.d);
	TAP_CHECK(rc == 1 && holds("a.txt", "two\n") &&
	    mtime_of("a.txt") != 1000000000, "new content replaces the file");
	TAP_CHECK(mode_of("a.txt") == 0640,
	    "a replaced file keeps its permissions");
	rc = outfile_write(p, "", 0, &m.d);
	TAP_CHECK(rc == 1 && holds("a.txt", ""), "empty content is written");
	TAP_CHECK(temps_in(".") == 0, "no temporary file is left");
	TAP_CHECK(m.d.errors == 0, "no errors");
	show_msgs(&m);
	msgs_close(&m);
	free(p);
}

static void
test_compare(void)
{
	struct buf old;
	char *p = path_of("c.txt"), *dir = path_of("cdir");

	buf_init(&old);
	put_file("c.txt", "abc\n");
	make_dir("cdir");
	TAP_CHECK(outfile_compare(p, "abc\n", 4, NULL) == OUTFILE_SAME,
	    "compare: same");
	TAP_CHECK(outfile_compare(p, "abd\n", 4, &old) == OUTFILE_CHANGED &&
	    old.len == 4 && memcmp(old.data, "abc\n", 4) == 0,
	    "compare: changed, with the old content");
	TAP_CHECK(outfile_compare(p, "ab", 2, NULL) == OUTFILE_CHANGED,
	    "compare: changed size");
	free(p);
	p = path_of("nosuch.txt");
	TAP_CHECK(outfile_compare(p, "x", 1, NULL) == OUTFILE_MISSING,
	    "compare: missing");
	TAP_CHECK(outfile_compare(dir, "x", 1, NULL) == -1 && errno == EISDIR,
	    "compare: a folder is an error");
	buf_free(&old);
	free(p);
	free(dir);
}

/* A set fails in its third file: the first two stay as they were. */
static void
test_set_all_or_nothing(void)
{
	struct outfile_set set;
	struct msgs m;
	char *a = path_of("s/a"), *b = path_of("s/b"), *c = path_of("s/c");
	int ok;

	make_dir("s");
	put_file("s/a", "old a\n");
	put_file("s/b", "old b\n");
	make_dir("s/c");	/* a folder where a file should go */
	age("s/a");
	msgs_open(&m);
	outfile_set_init(&set);
	ok = outfile_set_add(&set, a, "new a\n", 6, &m.d) == 1 &&
	    outfile_set_add(&set, b, "old b\n", 6, &m.d) == 0;
	TAP_CHECK(ok, "a changed file is staged, an unchanged one is not");
	TAP_CHECK(temps_in("s") == 1, "staging writes a temporary file");
	TAP_CHECK(outfile_set_add(&set, c, "c\n", 2, &m.d) == -1,
	    "a folder in the way fails staging");
	TAP_CHECK(strstr(msgs_text(&m), "s/c: error: cannot write: it is a "
	    "folder\n") != NULL, "the error names the file");
	show_msgs(&m);
	outfile_set_free(&set);
	TAP_CHECK(holds("s/a", "old a\n") && mtime_of("s/a") == 1000000000,
	    "after a failed set, the earlier file is untouched");
	TAP_CHECK(temps_in("s") == 0, "after a failed set, no temporary file");

	/* The same set without the folder commits. */
	outfile_set_init(&set);
	ok = outfile_set_add(&set, a, "new a\n", 6, &m.d) == 1 &&
	    outfile_set_add(&set, b, "new b\n", 6, &m.d) == 1;
	TAP_CHECK(ok && holds("s/a", "old a\n"),
	    "nothing is replaced before the commit");
	TAP_CHECK(outfile_set_commit(&set, &m.d) == 0 &&
	    holds("s/a", "new a\n") && holds("s/b", "new b\n"),
	    "the commit replaces every staged file");
	outfile_set_free(&set);
	TAP_CHECK(temps_in("s") == 0, "after a commit, no temporary file");
	msgs_close(&m);
	free(a);
	free(b);
	free(c);
}

static void
test_errors(void)
{
	struct msgs m;
	char *p = path_of("nodir/x.txt");

	msgs_open(&m);
	TAP_CHECK(outfile_write(p, "x", 1, &m.d) == -1 && m.d.errors == 1,
	    "a missing folder is an error");
	TAP_CHECK(strstr(msgs_text(&m), "No such file or directory") != NULL,
	    "with the reason");
	show_msgs(&m);
	free(p);
	msgs_close(&m);

	msgs_open(&m);
	TAP_CHECK(outfile_write("/dev/null", "x", 1, &m.d) == -1 &&
	    strstr(msgs_text(&m), "not a regular file") != NULL,
	    "a device is not replaced");
	show_msgs(&m);
	msgs_close(&m);

	/* A full disk, a read-only folder and a file size limit are tested
	 * from the command line, by tests/buildstep: /dev/full can't stand
	 * for a full disk here, since the temp file sits next to the output. */
}

/* ------------------------------------------------------------------ */
/* depfile                                                            */
/* ------------------------------------------------------------------ */

static int
depfile_is(struct depfile *df, const char *want, const char *what)
{
	struct msgs m;
	struct buf b;
	int ok;

	msgs_open(&m);
	buf_init(&b);
	ok = depfile_format(df, &b, &m.d) == 0 && strcmp(buf_cstr(&b),
	    want) == 0;
	TAP_CHECK(ok, "depfile: %s", what);
	if (!ok)
		printf("# got:\n%s# want:\n%s", buf_cstr(&b), want);
	show_msgs(&m);
	buf_free(&b);
	msgs_close(&m);
	return ok;
}

static void
test_depfile(void)
{
	struct depfile df;
	struct msgs m;
	struct buf b;

	depfile_init(&df);
	depfile_add_target(&df, "out/a.h");
	depfile_add_target(&df, "out/a.c");
	depfile_add_target(&df, "out/a.h");
	depfile_add_input(&df, "data.yaml");
	depfile_add_input(&df, "t/a.h.mustache");
	depfile_add_input(&df, "t/_p.mustache");
	depfile_add_input(&df, "data.yaml");
	depfile_is(&df, "out/a.h out/a.c: data.yaml \\\n"
	    "  t/a.h.mustache \\\n"
	    "  t/_p.mustache\n"
	    "\ndata.yaml:\n"
	    "\nt/a.h.mustache:\n"
	    "\nt/_p.mustache:\n",
	    "targets, inputs and empty rules, in order, once each");
	depfile_free(&df);

	depfile_init(&df);
	depfile_add_target(&df, "my out/x$y.h");
	depfile_add_input(&df, "a b#c:d\te");
	depfile_add_input(&df, "back\\ slash\\\\#x\\y");
	depfile_is(&df, "my\\ out/x$$y.h: a\\ b\\#c\\:d\\\te \\\n"
	    "  back\\\\\\ slash\\\\\\\\\\#x\\y\n"
	    "\na\\ b\\#c\\:d\\\te:\n"
	    "\nback\\\\\\ slash\\\\\\\\\\#x\\y:\n",
	    "spaces, tabs, '#', ':' and '$' are escaped for make; "
	    "backslashes only before them");
	depfile_free(&df);

	depfile_init(&df);
	depfile_add_target(&df, "out");
	depfile_is(&df, "out:\n", "no inputs");
	depfile_add_input(&df, "new\nline");
	msgs_open(&m);
	buf_init(&b);
	TAP_CHECK(depfile_format(&df, &b, &m.d) == -1 &&
	    strstr(msgs_text(&m), "cannot list 'new...' in a depfile") !=
	    NULL, "depfile: a name with a newline is an error");
	show_msgs(&m);
	buf_free(&b);
	msgs_close(&m);
	depfile_free(&df);

	depfile_init(&df);
	msgs_open(&m);
	buf_init(&b);
	TAP_CHECK(depfile_format(&df, &b, &m.d) == -1 && m.d.errors == 1,
	    "depfile: no target is an error");
	buf_free(&b);
	msgs_close(&m);
	depfile_free(&df);
}

/* ------------------------------------------------------------------ */
/* udiff                                                              */
/* ------------------------------------------------------------------ */

static int
udiff_is(const char *a, const char *b, const char *want, const char *what)
{
	struct buf out;
	int ok;

	buf_init(&out);
	udiff_append(&out, "a/f", a, strlen(a), "b/f", b, strlen(b));
	ok = strcmp(buf_cstr(&out), want) == 0;
	TAP_CHECK(ok, "udiff: %s", what);
	if (!ok)
		printf("# got:\n%s# want:\n%s", buf_cstr(&out), want);
	buf_free(&out);
	return ok;
}

/*
 * Applies a unified diff of one file to a, strictly: every context and
 * removed line must match. Returns the result (free it), or NULL when the
 * diff does not apply.
 */
static char *
apply(const char *a, const char *diff)
{
	struct buf out;
	const char *p = diff, *ap = a, *nl;
	unsigned long ostart, ocount, nstart, ncount, line = 1;
	size_t n;

	buf_init(&out);
	if (*diff == '\0')
		return xstrdup(a);
	/* Skip the two header lines. */
	if ((p = strchr(p, '\n')) == NULL || (p = strchr(p + 1, '\n')) == NULL)
		goto fail;
	p++;
	while (*p != '\0') {
		ocount = ncount = 1;
		if (sscanf(p, "@@ -%lu,%lu +%lu,%lu @@", &ostart, &ocount,
		    &nstart, &ncount) != 4 &&
		    sscanf(p, "@@ -%lu +%lu,%lu @@", &ostart, &nstart,
		    &ncount) != 3 &&
		    sscanf(p, "@@ -%lu,%lu +%lu @@", &ostart, &ocount,
		    &nstart) != 3 &&
		    sscanf(p, "@@ -%lu +%lu @@", &ostart, &nstart) != 2)
			goto fail;
		if (ocount == 0)
			ostart++;
		/* Copy the lines before the hunk. */
		while (line < ostart) {
			if ((nl = strchr(ap, '\n')) == NULL)
				goto fail;
			buf_append(&out, ap, (size_t)(nl + 1 - ap));
			ap = nl + 1;
			line++;
		}
		p = strchr(p, '\n') + 1;
		while (*p == ' ' || *p == '-' || *p == '+') {
			char c = *p++;

			nl = strchr(p, '\n');
			n = (size_t)(nl - p) + 1;
			/* "\ No newline" drops the newline just copied. */
			if (strncmp(nl + 1, "\\ ", 2) == 0) {
				n--;
				nl = strchr(nl + 1, '\n');
			}
			if (c != '+') {
				if (strncmp(ap, p, n) != 0)
					goto fail;
				ap += n;
				line++;
			}
			if (c != '-')
				buf_append(&out, p, n);
			p = nl + 1;
		}
	}
	buf_puts(&out, ap);
	return buf_detach(&out, NULL);
fail:
	buf_free(&out);
	return NULL;
}

static unsigned long rng = 12345;

static unsigned
rnd(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(rng >> 33) % n;
}

/* Lines from a small alphabet, so that random texts share many. */
static void
random_text(struct buf *b)
{
	unsigned i, n = rnd(30);

	buf_clear(b);
	for (i = 0; i < n; i++)
		buf_printf(b, "%c\n", 'a' + rnd(5));
	if (b->len > 0 && rnd(4) == 0)
		b->len--, b->data[b->len] = '\0';	/* no final newline */
}

static void
test_udiff(void)
{
	struct buf a, b, d;
	char *r;
	int i, bad = 0;

	udiff_is("x\n", "x\n", "", "equal texts give nothing");
	udiff_is("1\n2\n3\n4\n5\n6\n7\n8\n9\n",
	    "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
	    "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n"
	    " 6\n 7\n 8\n", "one changed line with three lines of context");
	udiff_is("", "a\nb\n", "--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n",
	    "a new file");
	udiff_is("a\n", "", "--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-a\n",
	    "an emptied file");
	udiff_is("a\nb", "a\nb\n",
	    "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n"
	    "\\ No newline at end of file\n+b\n",
	    "a missing final newline is marked");
	udiff_is("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n",
	    "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\nsixteen\n",
	    "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n"
	    "@@ -13,4 +13,4 @@\n 13\n 14\n 15\n-16\n+sixteen\n",
	    "changes far apart make two hunks");
	udiff_is("1\n2\n3\n4\n5\n6\n7\n8\n", "one\n2\n3\n4\n5\n6\n7\neight\n",
	    "--- a/f\n+++ b/f\n@@ -1,8 +1,8 @@\n-1\n+one\n 2\n 3\n 4\n 5\n"
	    " 6\n 7\n-8\n+eight\n",
	    "changes six lines apart share a hunk");

	buf_init(&a);
	buf_init(&b);
	buf_init(&d);
	for (i = 0; i < 2000; i++) {
		random_text(&a);
		random_text(&b);
		buf_clear(&d);
		udiff_append(&d, "a/f", buf_cstr(&a), a.len, "b/f",
		    buf_cstr(&b), b.len);
		r = apply(buf_cstr(&a), buf_cstr(&d));
		if (r == NULL || strcmp(r, buf_cstr(&b)) != 0) {
			if (bad++ == 0)
				printf("# a:\n%s\n# b:\n%s\n# diff:\n%s",
				    buf_cstr(&a), buf_cstr(&b), buf_cstr(&d));
		}
		free(r);
	}
	TAP_CHECK(bad == 0, "udiff: 2000 random diffs apply and give the new "
	    "text (%d did not)", bad);

	/* Past UDIFF_MAX_CELLS: one block out, one in, still correct. */
	buf_clear(&a);
	buf_clear(&b);
	buf_puts(&a, "first\n");
	buf_puts(&b, "first\n");
	for (i = 0; i < 2100; i++) {
		buf_printf(&a, "a%d\n", i);
		buf_printf(&b, "b%d\n", i);
	}
	buf_puts(&a, "last\n");
	buf_puts(&b, "last\n");
	buf_clear(&d);
	udiff_append(&d, "a/f", buf_cstr(&a), a.len, "b/f", buf_cstr(&b),
	    b.len);
	r = apply(buf_cstr(&a), buf_cstr(&d));
	TAP_CHECK(r != NULL && strcmp(r, buf_cstr(&b)) == 0 &&
	    strstr(buf_cstr(&d), "@@ -1,2102 +1,2102 @@\n first\n-a0\n") !=
	    NULL, "udiff: a change too large for the LCS is one block");
	free(r);
	buf_free(&a);
	buf_free(&b);
	buf_free(&d);
}

/* Reading a file within a size limit (buf_read_file_max), as templates are. */
static void
test_read_max(void)
{
	char *p;
	struct buf b;

	put_file("limit", "0123456789");
	p = path_of("limit");
	buf_init(&b);
	TAP_CHECK(buf_read_file_max(&b, p, 10) == 0 && b.len == 10,
	    "a file of exactly the limit is read");
	errno = 0;
	TAP_CHECK(buf_read_file_max(&b, p, 9) == -1 && errno == EFBIG &&
	    b.len == 0, "one byte over the limit fails with EFBIG, empty");
	errno = 0;
	TAP_CHECK(buf_read_file_max(&b, "/dev/zero", 100000) == -1 &&
	    errno == EFBIG && b.len == 0 && b.cap < 1024 * 1024,
	    "an endless device stops soon after the limit");
	TAP_CHECK(buf_read_file_max(&b, "/dev/null", 1) == 0 && b.len == 0,
	    "an empty device reads as empty");
	buf_clear(&b);
	buf_put_size(&b, 64 * 1024 * 1024);
	buf_puts(&b, ", ");
	buf_put_size(&b, 2048);
	buf_puts(&b, ", ");
	buf_put_size(&b, 1000);
	TAP_CHECK(strcmp(buf_cstr(&b), "64 MiB, 2 KiB, 1000 bytes") == 0,
	    "sizes are written in the largest unit that divides them");
	buf_free(&b);
	free(p);
}

int
main(void)
{
	char cmd[64];

	if (mkdtemp(workdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	umask(022);
	test_write();
	test_compare();
	test_set_all_or_nothing();
	test_errors();
	test_depfile();
	test_udiff();
	test_read_max();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", workdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", workdir);
	return tap_done();
}
