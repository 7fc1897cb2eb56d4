/* Unit tests for template files (partials): reading within a limit, and {{> name}} found in a list of folders. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "buf.h"
#include "depfile.h"
#include "harness.h"
#include "partials.h"
#include "tap.h"

static void
test_read(void)
{
	struct capture c;
	struct buf src;

	harness_put("t.mustache", "{{x}}\n");
	buf_init(&src);
	capture_open(&c);
	TAP_CHECK(partials_read("t.mustache", 6, PARTIALS_NAMED, &src,
	    &c.d) == 0 && strcmp(buf_cstr(&src), "{{x}}\n") == 0,
	    "a template of exactly the limit is read");
	TAP_CHECK(partials_read("t.mustache", 0, PARTIALS_NAMED, &src,
	    &c.d) == 0 && src.len == 6, "a limit of 0 is the default");
	CHECK_TEXT(capture_text(&c), "", "and nothing is reported");
	TAP_CHECK(partials_read("t.mustache", 5, PARTIALS_NAMED, &src,
	    &c.d) == -1 && src.len == 0, "one byte over the limit fails, leaving src empty");
	CHECK_TEXT(capture_text(&c), "t.mustache: error: file is larger than "
	    "the 5 bytes limit\nt.mustache: note: --max-template raises this "
	    "limit\n", "the limit is named, with the option that raises it");
	capture_close(&c);

	capture_open(&c);
	TAP_CHECK(partials_read("none.mustache", 0, PARTIALS_NAMED, &src,
	    &c.d) == -1 && c.d.errors == 1, "a missing template fails");
	CHECK_TEXT(capture_text(&c), "none.mustache: error: cannot read: No "
	    "such file or directory\n", "with the reason");
	capture_close(&c);
	buf_free(&src);
}

/*
 * A FIFO found in a folder is refused at once, without waiting for a
 * writer (the test would hang in open() otherwise); a device named by
 * the user is read within the limit.
 */
static void
test_read_special(void)
{
	struct capture c;
	struct buf src;

	buf_init(&src);
	capture_open(&c);
	if (mkfifo("fifo.mustache", 0600) != 0) {
		TAP_CHECK(1, "a found FIFO is refused # SKIP mkfifo failed");
	} else {
		TAP_CHECK(partials_read("fifo.mustache", 0, PARTIALS_FOUND,
		    &src, &c.d) == -1, "a FIFO found in a folder is refused "
		    "without blocking");
		CHECK_TEXT(capture_text(&c), "fifo.mustache: error: cannot "
		    "read: it is a FIFO; a template found in a folder must be "
		    "a regular file\n", "and the message says what it is");
	}
	capture_close(&c);
	capture_open(&c);
	TAP_CHECK(partials_read("/dev/zero", 4096, PARTIALS_NAMED, &src,
	    &c.d) == -1 && src.len == 0, "a named device is read no further "
	    "than the limit");
	CHECK_TEXT(capture_text(&c), "/dev/zero: error: file is larger than "
	    "the 4 KiB limit\n/dev/zero: note: --max-template raises this "
	    "limit\n", "which is named, with its option");
	capture_close(&c);
	capture_open(&c);
	TAP_CHECK(partials_read("/dev/null", 0, PARTIALS_FOUND, &src,
	    &c.d) == -1, "a character device found in a folder is refused");
	CHECK_TEXT(capture_text(&c), "/dev/null: error: cannot read: it is a "
	    "character device; a template found in a folder must be a "
	    "regular file\n", "by its kind");
	capture_close(&c);
	buf_free(&src);
}

/* Looks name[0..len) up in pp; returns what partials_find did. */
static int
find(struct partials_path *pp, const char *name, size_t len,
    struct buf *src, struct buf *path, struct capture *c)
{
	buf_clear(src);
	return partials_find(pp, name, len, src, path, &c->d);
}

static void
test_find(void)
{
	static const char *const dirs[] = { "first", "second/", "plain" };
	struct partials_path pp = { dirs, 3, NULL, 0 };
	struct depfile deps;
	struct capture c;
	struct buf src, path;

	harness_mkdir("first");
	harness_mkdir("first/sub");
	harness_mkdir("second");
	harness_put("plain", "a file where a folder is expected\n");
	harness_put("first/both.mustache", "from first");
	harness_put("second/both.mustache", "from second");
	harness_put("second/only.mustache", "only second");
	harness_put("first/sub/item.mustache", "item");
	harness_put("second/big.mustache", "0123456789");
	harness_put("second/unlisted.mustache", "unlisted");
	harness_mkdir("first/dir.mustache");
	depfile_init(&deps);
	pp.deps = &deps;
	buf_init(&src);
	buf_init(&path);
	capture_open(&c);

	TAP_CHECK(find(&pp, "both", 4, &src, &path, &c) == 1 &&
	    strcmp(buf_cstr(&src), "from first") == 0 &&
	    strcmp(buf_cstr(&path), "first/both.mustache") == 0,
	    "the first folder that has the partial wins");
	TAP_CHECK(find(&pp, "onlyx", 4, &src, &path, &c) == 1 &&
	    strcmp(buf_cstr(&src), "only second") == 0 &&
	    strcmp(buf_cstr(&path), "second/only.mustache") == 0,
	    "later folders are searched; a trailing '/' is not doubled; only "
	    "len bytes of the name count");
	TAP_CHECK(find(&pp, "sub/item", 8, &src, &path, &c) == 1 &&
	    strcmp(buf_cstr(&path), "first/sub/item.mustache") == 0,
	    "a name with a '/' reads from a subfolder");
	TAP_CHECK(find(&pp, "nowhere", 7, &src, &path, &c) == 0 &&
	    strcmp(buf_cstr(&path), "'first', 'second/', 'plain'") == 0,
	    "a partial no folder has is not found, and path names the "
	    "folders searched");
	TAP_CHECK(find(&pp, "", 0, &src, &path, &c) == 0 &&
	    find(&pp, "bo\0th", 5, &src, &path, &c) == 0,
	    "an empty name, or one with a NUL, is not found");
	CHECK_TEXT(capture_text(&c), "", "not found is no error");
	TAP_CHECK(deps.ninputs == 3 &&
	    strcmp(deps.inputs[0], "first/both.mustache") == 0 &&
	    strcmp(deps.inputs[1], "second/only.mustache") == 0 &&
	    strcmp(deps.inputs[2], "first/sub/item.mustache") == 0,
	    "each file read is an input of the depfile");

	TAP_CHECK(find(&pp, "dir", 3, &src, &path, &c) == -1,
	    "a folder named like a partial is an error");
	CHECK_TEXT(capture_text(&c), "first/dir.mustache: error: cannot read: "
	    "Is a directory\n", "which names it");
	capture_close(&c);

	capture_open(&c);
	pp.max_bytes = 9;
	TAP_CHECK(find(&pp, "big", 3, &src, &path, &c) == -1,
	    "a partial over the limit is an error");
	CHECK_TEXT(capture_text(&c), "second/big.mustache: error: file is "
	    "larger than the 9 bytes limit\nsecond/big.mustache: note: "
	    "--max-template raises this limit\n", "which names the limit");
	pp.max_bytes = 10;
	TAP_CHECK(find(&pp, "big", 3, &src, &path, &c) == 1 && src.len == 10,
	    "a partial of exactly the limit is read");
	pp.deps = NULL;
	TAP_CHECK(find(&pp, "unlisted", 8, &src, &path, &c) == 1 &&
	    deps.ninputs == 4, "without a depfile nothing is recorded (%zu)",
	    deps.ninputs);
	capture_close(&c);

	depfile_free(&deps);
	buf_free(&src);
	buf_free(&path);
}

/* Partials held in a mapping, as the spec's tests hold them. */
static void
test_from_map(void)
{
	struct arena arena;
	struct buf src, path;
	struct value *map;

	arena_init(&arena);
	buf_init(&src);
	buf_init(&path);
	map = harness_yaml(&arena, "p.yaml", "row: \"{{x}}\"\nn: 3\n");
	TAP_CHECK(partials_from_map(map, "row", 3, &src, &path, NULL) == 1 &&
	    strcmp(buf_cstr(&src), "{{x}}") == 0 &&
	    strcmp(buf_cstr(&path), "row.mustache") == 0,
	    "a string of the mapping is the partial, named NAME.mustache");
	buf_clear(&src);
	buf_clear(&path);
	TAP_CHECK(partials_from_map(map, "rowx", 3, &src, &path, NULL) == 1,
	    "the name is its first len bytes");
	TAP_CHECK(partials_from_map(map, "n", 1, &src, &path, NULL) == 0,
	    "a value that is not a string is no partial");
	TAP_CHECK(partials_from_map(map, "none", 4, &src, &path, NULL) == 0 &&
	    partials_from_map(NULL, "row", 3, &src, &path, NULL) == 0,
	    "a missing key, or no mapping, is no partial");
	buf_free(&src);
	buf_free(&path);
	arena_free(&arena);
}

int
main(void)
{
	struct scratch s;

	scratch_enter(&s, "partials");
	test_read();
	test_read_special();
	test_find();
	test_from_map();
	scratch_leave(&s);
	return tap_done();
}
