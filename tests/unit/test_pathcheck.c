/* Unit tests for the paths of a run (pathcheck): kinds, reasons, and two names of one file. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "harness.h"
#include "pathcheck.h"
#include "tap.h"

/* What pathcheck_explain() says about path for err. */
static const char *
explain(struct buf *b, const char *path, int err)
{
	buf_clear(b);
	pathcheck_explain(b, path, err);
	return buf_cstr(b);
}

static void
test_explain(void)
{
	struct buf b;
	struct stat st;

	buf_init(&b);
	harness_mkdir("dir");
	harness_put("file", "x\n");
	TAP_CHECK(stat("/dev/null", &st) == 0 &&
	    strcmp(pathcheck_kind(st.st_mode), "a character device") == 0 &&
	    stat("dir", &st) == 0 &&
	    strcmp(pathcheck_kind(st.st_mode), "a folder") == 0,
	    "kinds are named");
	CHECK_TEXT(explain(&b, "none/a/b", ENOENT),
	    "the folder 'none' does not exist", "the first missing folder");
	CHECK_TEXT(explain(&b, "dir//none/b", ENOENT),
	    "the folder 'dir//none' does not exist", "further down the way");
	CHECK_TEXT(explain(&b, "file/b", ENOTDIR),
	    "'file' is a regular file, not a folder", "a file on the way");
	if (symlink("gone", "dangling") == 0) {
		CHECK_TEXT(explain(&b, "dangling", EEXIST), "'dangling' is a "
		    "symbolic link to 'gone', which does not exist",
		    "a dangling link at the path");
		CHECK_TEXT(explain(&b, "dangling/x", ENOENT), "'dangling' is "
		    "a symbolic link to 'gone', which does not exist",
		    "a dangling link on the way");
	} else {
		TAP_CHECK(1, "a dangling link # SKIP symlink failed");
		TAP_CHECK(1, "a dangling link on the way # SKIP");
	}
	CHECK_TEXT(explain(&b, "dir/x", EACCES), strerror(EACCES),
	    "other errors are strerror's");
	CHECK_TEXT(explain(&b, "dir/x", ENOENT), strerror(ENOENT),
	    "and so is a missing file in a folder that exists");
	buf_free(&b);
}

/* Runs pathcheck over the paths given; returns the clashes. */
static size_t
clashes(struct capture *c, const char *a, int wa, const char *b, int wb)
{
	struct pathcheck pc;
	size_t n;

	pathcheck_init(&pc);
	pathcheck_add(&pc, a, "the first", wa);
	pathcheck_add(&pc, b, "the second", wb);
	n = pathcheck_report(&pc, &c->d);
	pathcheck_free(&pc);
	return n;
}

static void
test_same(void)
{
	struct capture c;

	harness_mkdir("out");
	harness_put("data.yaml", "x: 1\n");
	capture_open(&c);
	TAP_CHECK(clashes(&c, "out/x.h", 1, "out/./x.h", 1) == 1,
	    "two spellings of a missing file clash");
	CHECK_TEXT(capture_text(&c), "statusgen: error: the first 'out/x.h' "
	    "and the second 'out/./x.h' are the same file\n", "named so");
	capture_close(&c);
	capture_open(&c);
	TAP_CHECK(clashes(&c, "new/a/x.h", 1, "new/a/./x.h", 1) == 1,
	    "also under a folder that does not exist yet");
	TAP_CHECK(clashes(&c, "data.yaml", 1, "out/../data.yaml", 0) == 1,
	    "an output that is an input clashes");
	TAP_CHECK(clashes(&c, "data.yaml", 0, "./data.yaml", 0) == 0,
	    "two inputs may be one file");
	TAP_CHECK(clashes(&c, "/dev/null", 1, "/dev/null", 1) == 0,
	    "a character device may be named twice");
	TAP_CHECK(clashes(&c, "out/x.h", 1, "out/y.h", 1) == 0,
	    "two files do not clash");
	capture_close(&c);
}

/* Paths that do not exist yet, through ".." and symbolic links. */
static void
test_not_yet(void)
{
	struct capture c;
	int linked;

	capture_open(&c);
	TAP_CHECK(clashes(&c, "new/http_status.c", 1,
	    "new/../new/http_status.c", 1) == 1,
	    "'..' under a folder that does not exist yet");
	TAP_CHECK(clashes(&c, "new/http_status.c", 1,
	    "new/sub/../http_status.c", 1) == 1,
	    "'..' after a part that does not exist");
	TAP_CHECK(clashes(&c, "new/http_status.c", 1,
	    "out/../new//http_status.c", 1) == 1,
	    "'..' after a folder that exists, into one that does not");
	TAP_CHECK(clashes(&c, "new/a.c", 1, "new/../a.c", 1) == 0,
	    "'..' that leaves the folder names another file");
	TAP_CHECK(clashes(&c, "/nonexistent/x", 1,
	    "/nonexistent/../nonexistent/x", 1) == 1,
	    "an absolute path that does not exist");
	TAP_CHECK(clashes(&c, "data.yaml", 0, "new/../data.yaml", 1) == 1,
	    "a path through a missing folder to an input that exists");
	linked = symlink("new", "lnk") == 0 && symlink("new/deep", "lnk2") == 0
	    && symlink("lnk/../new", "lnk3") == 0 && symlink("loop", "loop") == 0;
	if (linked) {
		TAP_CHECK(clashes(&c, "new/http_status.h", 1,
		    "lnk/http_status.h", 1) == 1,
		    "a dangling link to a folder not yet made");
		TAP_CHECK(clashes(&c, "new/deep/x", 1, "lnk2/x", 1) == 1 &&
		    clashes(&c, "new/deep/x", 1, "lnk/deep/x", 1) == 1,
		    "links to parts further down");
		TAP_CHECK(clashes(&c, "new/x", 1, "lnk3/x", 1) == 1,
		    "a link whose target holds '..' and a link");
		TAP_CHECK(clashes(&c, "new", 1, "lnk/deep/..", 1) == 1,
		    "'..' after a link goes up from the link's target");
		TAP_CHECK(clashes(&c, "loop/x", 1, "loop/y", 1) == 0,
		    "a loop of links ends");
	} else
		TAP_CHECK(1, "links # SKIP symlink failed");
	capture_close(&c);
}

int
main(void)
{
	struct scratch s;

	scratch_enter(&s, "pathcheck");
	test_explain();
	test_same();
	test_not_yet();
	scratch_leave(&s);
	return tap_done();
}
