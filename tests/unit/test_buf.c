/* Unit tests for growable buffers (buf): building strings and reading files within a limit. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "harness.h"
#include "tap.h"

static void
test_building(void)
{
	struct buf b = { NULL, 0, 0 };
	char *p;
	size_t len, i;

	TAP_CHECK(strcmp(buf_cstr(&b), "") == 0,
	    "the zero value is an empty buffer");
	buf_puts(&b, "ab");
	buf_putc(&b, 'c');
	buf_append(&b, "d\0e", 3);
	TAP_CHECK(b.len == 6 && memcmp(b.data, "abcd\0e", 7) == 0,
	    "appends keep NUL bytes and a terminating NUL");
	buf_printf(&b, "[%d|%s]", 42, "x");
	TAP_CHECK(b.len == 12 && memcmp(b.data + 6, "[42|x]", 7) == 0,
	    "printf appends");
	buf_clear(&b);
	TAP_CHECK(b.len == 0 && b.cap > 0 && strcmp(buf_cstr(&b), "") == 0,
	    "clear empties but keeps the memory");

	/* Longer than the first guess of buf_printf: formatted twice. */
	buf_puts(&b, "<");
	buf_printf(&b, "%0300d", 7);
	TAP_CHECK(b.len == 301 && b.data[0] == '<' && b.data[300] == '7' &&
	    b.data[1] == '0' && b.data[301] == '\0',
	    "a long printf is written whole");
	for (i = 0; i < 100000; i++)
		buf_putc(&b, 'z');
	TAP_CHECK(b.len == 100301 && b.data[b.len] == '\0' &&
	    b.data[b.len - 1] == 'z', "many putc grow the buffer");

	p = buf_detach(&b, &len);
	TAP_CHECK(len == 100301 && p[0] == '<' && b.data == NULL &&
	    b.len == 0, "detach hands the text over and empties the buffer");
	free(p);
	p = buf_detach(&b, NULL);
	TAP_CHECK(p != NULL && *p == '\0',
	    "detaching an empty buffer gives \"\"");
	free(p);
	buf_reserve(&b, 1000);
	TAP_CHECK(b.cap >= 1001 && b.len == 0, "reserve makes room, and room "
	    "for the NUL");
	buf_free(&b);
	TAP_CHECK(b.data == NULL && b.cap == 0, "free leaves an empty buffer");
}

static void
test_sizes(void)
{
	struct buf b;

	buf_init(&b);
	buf_put_size(&b, 64 * 1024 * 1024);
	buf_puts(&b, ", ");
	buf_put_size(&b, 2048);
	buf_puts(&b, ", ");
	buf_put_size(&b, 1000);
	buf_puts(&b, ", ");
	buf_put_size(&b, 1536);
	buf_puts(&b, ", ");
	buf_put_size(&b, 0);
	CHECK_TEXT(buf_cstr(&b), "64 MiB, 2 KiB, 1000 bytes, 1536 bytes, "
	    "0 bytes", "sizes are written in the largest unit that divides "
	    "them");
	buf_free(&b);
}

/* Reading a file within a size limit, as templates and data are read. */
static void
test_read(void)
{
	struct buf b;

	harness_put("limit", "0123456789");
	harness_mkdir("dir");
	buf_init(&b);
	buf_puts(&b, "old");
	TAP_CHECK(buf_read_file(&b, "limit") == 0 && b.len == 10 &&
	    strcmp(buf_cstr(&b), "0123456789") == 0,
	    "a file replaces what the buffer held");
	TAP_CHECK(buf_read_file_max(&b, "limit", 10) == 0 && b.len == 10,
	    "a file of exactly the limit is read");
	errno = 0;
	TAP_CHECK(buf_read_file_max(&b, "limit", 9) == -1 && errno == EFBIG &&
	    b.len == 0, "one byte over the limit fails with EFBIG, empty");
	errno = 0;
	TAP_CHECK(buf_read_file_max(&b, "/dev/zero", 100000) == -1 &&
	    errno == EFBIG && b.len == 0 && b.cap < 1024 * 1024,
	    "an endless device stops soon after the limit");
	TAP_CHECK(buf_read_file_max(&b, "/dev/null", 1) == 0 && b.len == 0,
	    "an empty device reads as empty");
	errno = 0;
	TAP_CHECK(buf_read_file(&b, "dir") == -1 && errno == EISDIR &&
	    b.len == 0, "a folder fails with EISDIR");
	errno = 0;
	TAP_CHECK(buf_read_file(&b, "nosuch") == -1 && errno == ENOENT,
	    "a missing file fails with ENOENT");
	buf_free(&b);
}

/* A request that cannot be met: it ends the process as xmalloc does. */
static void
reserve_too_much(void)
{
	struct buf b;

	buf_init(&b);
	buf_putc(&b, 'x');
	buf_reserve(&b, SIZE_MAX);
}

int
main(void)
{
	struct scratch s;

	test_building();
	test_sizes();
	scratch_enter(&s, "buf");
	test_read();
	scratch_leave(&s);
	check_out_of_memory(reserve_too_much, "reserving more than memory "
	    "can hold");
	return tap_done();
}
