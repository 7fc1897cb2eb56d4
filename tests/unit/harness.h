/*
 * What the unit tests share, beside tap.h: text shown as TAP comments so
 * that a failing check explains itself, diagnostics captured in memory,
 * YAML loaded from a string, a scratch folder to work in, and code that
 * exits run in a child process.
 *
 * A test file defines _POSIX_C_SOURCE as 200809L before its first
 * #include (open_memstream, mkdtemp), then includes this header. The
 * helpers exit with a "Bail out!" line when the test itself cannot go on
 * (no memory stream, no temporary folder, YAML that should load and does
 * not); tests/run counts that as a failure.
 *
 *	struct capture c;
 *
 *	capture_open(&c);
 *	depfile_format(&df, &out, &c.d);
 *	CHECK_TEXT(capture_text(&c), "statusgen: error: ...\n", "what");
 *	capture_close(&c);
 */
#ifndef STATUSGEN_HARNESS_H
#define STATUSGEN_HARNESS_H

#if !defined(_POSIX_C_SOURCE) || _POSIX_C_SOURCE < 200809L
#error "define _POSIX_C_SOURCE as 200809L before the first #include"
#endif

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "tap.h"
#include "value.h"
#include "yload.h"

/* ------------------------------------------------------------------ */
/* Showing text                                                       */
/* ------------------------------------------------------------------ */

/* Stops the test program: it cannot go on, which is itself a failure. */
static inline void
#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 1, 2)))
#endif
harness_bail(const char *fmt, ...)
{
	va_list ap;

	fputs("Bail out! ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(1);
}

/*
 * Prints text as TAP comment lines: "# LINE", or under a line "# LABEL:"
 * as "#   LINE" when label is not NULL. NULL text prints as nothing.
 */
static inline void
harness_show(const char *label, const char *text)
{
	const char *lead = label != NULL ? "#   " : "# ";
	int bol = 1;

	if (label != NULL)
		printf("# %s:\n", label);
	for (; text != NULL && *text != '\0'; text++) {
		if (bol)
			fputs(lead, stdout);
		putchar(*text);
		bol = *text == '\n';
	}
	if (!bol)
		putchar('\n');
}

/* Shows the text of the file at path, as harness_show() does. */
static inline void
harness_show_file(const char *label, const char *path)
{
	struct buf b;

	buf_init(&b);
	if (buf_read_file(&b, path) != 0)
		printf("# %s: %s\n", path, strerror(errno));
	else
		harness_show(label, buf_cstr(&b));
	buf_free(&b);
}

/* Shows want and got when a check failed; returns ok. */
static inline int
harness_explain(int ok, const char *got, const char *want)
{
	if (!ok) {
		harness_show("want", want);
		harness_show("got", got);
	}
	return ok;
}

/*
 * One check that the string got is exactly want, named by the printf
 * arguments that follow; on failure both are shown. Returns whether it
 * passed. got and want are evaluated more than once.
 */
#define CHECK_TEXT(got, want, ...)					\
	harness_explain(TAP_CHECK(strcmp((got), (want)) == 0, __VA_ARGS__), \
	    (got), (want))

/* ------------------------------------------------------------------ */
/* Captured diagnostics                                               */
/* ------------------------------------------------------------------ */

/* A diagnostics sink whose messages are kept in memory. */
struct capture {
	struct diag	 d;
	FILE		*fp;
	char		*text;
	size_t		 len;
};

static inline void
capture_open(struct capture *c)
{
	c->text = NULL;
	c->len = 0;
	if ((c->fp = open_memstream(&c->text, &c->len)) == NULL)
		harness_bail("open_memstream: %s", strerror(errno));
	diag_init(&c->d, c->fp);
}

/* What was reported so far ("" for nothing); valid until the next report. */
static inline const char *
capture_text(struct capture *c)
{
	fflush(c->fp);
	return c->text != NULL ? c->text : "";
}

/* Shows what was reported, as TAP comments. */
static inline void
capture_show(struct capture *c)
{
	harness_show(NULL, capture_text(c));
}

/*
 * Ends the capture and hands its text to the caller (free() it; never
 * NULL), with its length in *len when len is not NULL.
 */
static inline char *
capture_detach(struct capture *c, size_t *len)
{
	char *text;

	fclose(c->fp);
	text = c->text != NULL ? c->text : calloc(1, 1);
	if (text == NULL)
		harness_bail("out of memory");
	if (len != NULL)
		*len = c->len;
	return text;
}

static inline void
capture_close(struct capture *c)
{
	free(capture_detach(c, NULL));
}

/* ------------------------------------------------------------------ */
/* YAML                                                               */
/* ------------------------------------------------------------------ */

/*
 * Loads the YAML text src, named name, into arena with the default
 * limits. It must load: a test's own data is not under test, so a
 * failure shows the messages and bails out.
 */
static inline struct value *
harness_yaml(struct arena *arena, const char *name, const char *src)
{
	struct capture c;
	struct value *root;

	capture_open(&c);
	if (yload_string(name, src, strlen(src), NULL, arena, &c.d,
	    &root) != 0) {
		capture_show(&c);
		harness_bail("%s does not load", name);
	}
	capture_close(&c);
	return root;
}

/* ------------------------------------------------------------------ */
/* A scratch folder                                                   */
/* ------------------------------------------------------------------ */

/*
 * A temporary folder that is the current directory between
 * scratch_enter() and scratch_leave(), so that a test names its files
 * with short relative paths.
 */
struct scratch {
	struct buf	dir;	/* the folder's absolute path */
	struct buf	home;	/* the directory to go back to */
};

/* Creates $TMPDIR/statusgen-NAME.XXXXXX and goes into it. */
static inline void
scratch_enter(struct scratch *s, const char *name)
{
	const char *tmp = getenv("TMPDIR");

	buf_init(&s->dir);
	buf_init(&s->home);
	buf_reserve(&s->home, 4096);
	if (getcwd(s->home.data, s->home.cap) == NULL)
		harness_bail("getcwd: %s", strerror(errno));
	s->home.len = strlen(s->home.data);
	/* Quoted with '' in scratch_leave()'s command. */
	if (tmp == NULL || *tmp != '/' || strchr(tmp, '\'') != NULL)
		tmp = "/tmp";
	buf_printf(&s->dir, "%s/statusgen-%s.XXXXXX", tmp, name);
	if (mkdtemp(s->dir.data) == NULL || chdir(s->dir.data) != 0)
		harness_bail("%s: %s", s->dir.data, strerror(errno));
}

/*
 * Goes back where scratch_enter() started and removes the folder and all
 * it holds, whatever permissions a test left on it.
 */
static inline void
scratch_leave(struct scratch *s)
{
	struct buf cmd;

	if (chdir(s->home.data) != 0)
		harness_bail("%s: %s", s->home.data, strerror(errno));
	buf_init(&cmd);
	buf_printf(&cmd, "chmod -R u+rwx '%s' && rm -rf '%s'", s->dir.data,
	    s->dir.data);
	if (system(cmd.data) != 0)
		printf("# cannot remove %s\n", s->dir.data);
	buf_free(&cmd);
	buf_free(&s->dir);
	buf_free(&s->home);
}

/* Makes the file at path hold exactly text; bails out when it cannot. */
static inline void
harness_put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fputs(text, fp) == EOF || fclose(fp) == EOF)
		harness_bail("%s: %s", path, strerror(errno));
}

/* Makes the folder path, which may exist already. */
static inline void
harness_mkdir(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		harness_bail("%s: %s", path, strerror(errno));
}

/* Does the file at path hold exactly text? */
static inline int
harness_holds(const char *path, const char *text)
{
	struct buf b;
	int same;

	buf_init(&b);
	same = buf_read_file(&b, path) == 0 && b.len == strlen(text) &&
	    memcmp(buf_cstr(&b), text, b.len) == 0;
	buf_free(&b);
	return same;
}

/* ------------------------------------------------------------------ */
/* Code that exits                                                    */
/* ------------------------------------------------------------------ */

/*
 * Runs fn in a child process, for code that ends the process (as the
 * out-of-memory paths do). Returns the child's exit status, or 128 plus
 * the signal that killed it, with what it wrote to stderr in err.
 */
static inline int
harness_child(void (*fn)(void), struct buf *err)
{
	char chunk[512];
	ssize_t n;
	pid_t pid;
	int fds[2], st;

	buf_clear(err);
	fflush(stdout);
	if (pipe(fds) != 0 || (pid = fork()) == -1)
		harness_bail("pipe or fork: %s", strerror(errno));
	if (pid == 0) {
		close(fds[0]);
		if (dup2(fds[1], STDERR_FILENO) == -1)
			_exit(125);
		fn();
		_exit(0);
	}
	close(fds[1]);
	while ((n = read(fds[0], chunk, sizeof(chunk))) > 0 ||
	    (n == -1 && errno == EINTR))
		if (n > 0)
			buf_append(err, chunk, (size_t)n);
	close(fds[0]);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			harness_bail("waitpid: %s", strerror(errno));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/*
 * Checks that fn ends the process as the allocation wrappers do when
 * memory runs out: "statusgen: out of memory" and exit status 2.
 */
static inline void
check_out_of_memory(void (*fn)(void), const char *what)
{
	struct buf err;

	buf_init(&err);
	TAP_CHECK(harness_child(fn, &err) == 2, "%s exits with status 2",
	    what);
	CHECK_TEXT(buf_cstr(&err), "statusgen: out of memory\n",
	    "%s says it is out of memory", what);
	buf_free(&err);
}

#endif
