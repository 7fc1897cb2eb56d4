/* Unit tests for unified diffs (udiff): minimal hunks that patch applies. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "harness.h"
#include "tap.h"
#include "udiff.h"
#include "xalloc.h"

static void
udiff_is(const char *a, const char *b, const char *want, const char *what)
{
	struct buf out;

	buf_init(&out);
	udiff_append(&out, "a/f", a, strlen(a), "b/f", b, strlen(b));
	CHECK_TEXT(buf_cstr(&out), want, "%s", what);
	buf_free(&out);
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
test_hunks(void)
{
	struct buf out;

	udiff_is("x\n", "x\n", "", "equal texts give nothing");
	udiff_is("", "", "", "two empty texts give nothing");
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
	udiff_is("1\n2\n3\n4\n5\n6\n7\n8\n9\n",
	    "one\n2\n3\n4\n5\n6\n7\n8\nnine\n",
	    "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n"
	    "@@ -6,4 +6,4 @@\n 6\n 7\n 8\n-9\n+nine\n",
	    "changes seven lines apart make two hunks");
	udiff_is("a\nb\nc", "a\nB\nc",
	    "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
	    "\\ No newline at end of file\n",
	    "an unchanged last line without a newline is marked once");

	buf_init(&out);
	udiff_append(&out, "/dev/null", "", 0, "b/out/x.txt", "x\n", 2);
	CHECK_TEXT(buf_cstr(&out), "--- /dev/null\n+++ b/out/x.txt\n"
	    "@@ -0,0 +1 @@\n+x\n", "the headers are the names given");
	buf_clear(&out);
	buf_puts(&out, "before\n");
	udiff_append(&out, "a", "x\n", 2, "b", "y\n", 2);
	CHECK_TEXT(buf_cstr(&out), "before\n--- a\n+++ b\n@@ -1 +1 @@\n"
	    "-x\n+y\n", "the diff is appended");
	buf_free(&out);
}

/* Random pairs of texts: each diff must turn the one into the other. */
static void
test_random(void)
{
	struct buf a, b, d;
	char *r;
	int i, bad = 0;

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
		if ((r == NULL || strcmp(r, buf_cstr(&b)) != 0) &&
		    bad++ == 0) {
			harness_show("a", buf_cstr(&a));
			harness_show("b", buf_cstr(&b));
			harness_show("diff", buf_cstr(&d));
		}
		free(r);
	}
	TAP_CHECK(bad == 0, "2000 random diffs apply and give the new "
	    "text (%d did not)", bad);
	buf_free(&a);
	buf_free(&b);
	buf_free(&d);
}

/* Past UDIFF_MAX_CELLS: one block out, one in, still correct. */
static void
test_large(void)
{
	struct buf a, b, d;
	char *r;
	int i;

	buf_init(&a);
	buf_init(&b);
	buf_init(&d);
	buf_puts(&a, "first\n");
	buf_puts(&b, "first\n");
	for (i = 0; i < 2100; i++) {
		buf_printf(&a, "a%d\n", i);
		buf_printf(&b, "b%d\n", i);
	}
	buf_puts(&a, "last\n");
	buf_puts(&b, "last\n");
	udiff_append(&d, "a/f", buf_cstr(&a), a.len, "b/f", buf_cstr(&b),
	    b.len);
	r = apply(buf_cstr(&a), buf_cstr(&d));
	TAP_CHECK(r != NULL && strcmp(r, buf_cstr(&b)) == 0 &&
	    strstr(buf_cstr(&d), "@@ -1,2102 +1,2102 @@\n first\n-a0\n") !=
	    NULL, "a change too large for the LCS is one block");
	free(r);
	buf_free(&a);
	buf_free(&b);
	buf_free(&d);
}

/* Header names that patch -p1 and git apply must read back whole. */
static void
test_headers(void)
{
	struct buf out;

	buf_init(&out);
	udiff_append(&out, "a/out dir/x.h", "x\n", 2, "b/out dir/x.h", "y\n", 2);
	CHECK_TEXT(buf_cstr(&out), "--- a/out dir/x.h\t\n+++ b/out dir/x.h\t\n"
	    "@@ -1 +1 @@\n-x\n+y\n", "a name with a space ends in a tab");
	buf_clear(&out);
	udiff_append(&out, "a/q\"\\\t\n\001", "x\n", 2, "b/o", "y\n", 2);
	CHECK_TEXT(buf_cstr(&out), "--- \"a/q\\\"\\\\\\t\\n\\001\"\n+++ b/o\n"
	    "@@ -1 +1 @@\n-x\n+y\n", "a quote, a backslash or a control byte: "
	    "quoted as git quotes names");
	buf_free(&out);
}

int
main(void)
{
	test_headers();
	test_hunks();
	test_random();
	test_large();
	return tap_done();
}
