/* Unit tests for the data's default name (srcname): relative, normalised, independent of the spelling. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "harness.h"
#include "srcname.h"
#include "tap.h"

/* srcname_default(path) must be want. */
static void
check_name(const char *path, const char *want)
{
	char *got = srcname_default(path);

	CHECK_TEXT(got, want, "srcname_default(\"%s\")", path);
	free(got);
}

int
main(void)
{
	struct scratch s;
	struct buf abs, link;

	scratch_enter(&s, "srcname");
	if (mkdir("data", 0777) != 0 || mkdir("data/sub", 0777) != 0 ||
	    symlink(".", "here") != 0)
		harness_bail("cannot make the folders: %s", strerror(errno));
	buf_init(&abs);
	buf_init(&link);

	check_name("data/x.yaml", "data/x.yaml");
	check_name("./data/x.yaml", "data/x.yaml");
	check_name("data//x.yaml", "data/x.yaml");
	check_name(".//data/./x.yaml", "data/x.yaml");
	check_name("data/sub/../x.yaml", "data/x.yaml");
	check_name("x.yaml", "x.yaml");
	check_name("a/../x.yaml", "x.yaml");
	buf_printf(&abs, "%s/data/x.yaml", s.dir.data);
	check_name(buf_cstr(&abs), "data/x.yaml");
	buf_clear(&abs);
	buf_printf(&abs, "%s//data/sub/../x.yaml", s.dir.data);
	check_name(buf_cstr(&abs), "data/x.yaml");
	/* A link to the current folder reaches it all the same. */
	buf_clear(&link);
	buf_printf(&link, "%s-link", s.dir.data);
	if (symlink(s.dir.data, buf_cstr(&link)) != 0)
		harness_bail("symlink: %s", strerror(errno));
	buf_clear(&abs);
	buf_printf(&abs, "%s/data/x.yaml", buf_cstr(&link));
	check_name(buf_cstr(&abs), "data/x.yaml");
	unlink(buf_cstr(&link));
	/* Within it, a link is a name like any other. */
	check_name("here/data/x.yaml", "here/data/x.yaml");
	/* Outside the current folder: the base name. */
	check_name("../x.yaml", "x.yaml");
	check_name("/elsewhere/b/x.yaml", "x.yaml");
	check_name("../../a/b/x.yaml", "x.yaml");
	check_name("/", "/");

	buf_free(&abs);
	buf_free(&link);
	scratch_leave(&s);
	return tap_done();
}
