/* The Mustache spec runner: the official suite via the engine or statusgen. */
#define _POSIX_C_SOURCE 200809L

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "text.h"
#include "value.h"
#include "yload.h"

/*
 * Usage:
 *	spec_runner [SPEC_DIR]
 *	spec_runner --cli STATUSGEN [SPEC_DIR]
 *
 * Loads each spec file with the project's own YAML loader and runs its
 * tests, either through the C API (mustache_compile + mustache_render) or,
 * with --cli, through "STATUSGEN render --escape html --partials PDIR
 * TEMPLATE DATA" in a scratch directory. SPEC_DIR defaults to
 * $MUSTACHE_SPEC_DIR. Prints one TAP line per test, "#" comment lines with
 * the details of each failure and the pass counts, then the plan.
 *
 * Exit status: 0 when every test passed (or the suite is missing and so
 * skipped), 1 when any failed, 2 on a usage error.
 */

/* Lambdas (~lambdas.yml) are out of scope: the engine has none. */
static const char *const spec_files[] = {
	"comments.yml",
	"delimiters.yml",
	"interpolation.yml",
	"inverted.yml",
	"partials.yml",
	"sections.yml",
	"~dynamic-names.yml",
	"~inheritance.yml",
};

struct runner {
	const char	*statusgen;	/* NULL: run through the C API */
	const char	*spec_dir;
	unsigned	 passed;
	unsigned	 total;
};

/* One test of a spec file; the values live in the file's arena. */
struct spec_test {
	const char		*file;
	const char		*name;
	const struct value	*data;		/* NULL when absent */
	const struct value	*tmpl;		/* a string */
	const struct value	*expected;	/* a string */
	const struct value	*partials;	/* NULL or a mapping */
};

/* What running one test produced. */
struct outcome {
	int		 ran;	/* compiled and rendered, or exited 0 */
	struct buf	 actual;
	struct buf	 notes;	/* diagnostics and other details */
};

/* --------------------------------------------------------------- output */

/* Prints s quoted, with the bytes a terminal hides made visible, and a
 * newline. */
static void
quoted(const char *s, size_t len)
{
	size_t i;

	putchar('"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '\n':
			fputs("\\n", stdout);
			break;
		case '\r':
			fputs("\\r", stdout);
			break;
		case '\t':
			fputs("\\t", stdout);
			break;
		case '\\':
		case '"':
			printf("\\%c", c);
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				printf("\\x%02x", c);
			else
				putchar(c);
		}
	}
	fputs("\"\n", stdout);
}

/* Prints the comment line "#   LABEL: "S"". */
static void
show(const char *label, const char *s, size_t len)
{
	printf("#   %s: ", label);
	quoted(s, len);
}

/* Prints each line of text as a "#" comment, indented under a label. */
static void
show_lines(const char *label, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl;

	if (len == 0)
		return;
	printf("#   %s:\n", label);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		printf("#     %.*s\n", (int)(nl - p), p);
		p = nl + 1;
	}
}

/* ----------------------------------------------------------------- JSON */

/* Appends s[0..len) as a JSON string. */
static void
json_string(const char *s, size_t len, struct buf *out)
{
	buf_putc(out, '"');
	text_escape(TEXT_ESCAPE_JSON, s, len, out);
	buf_putc(out, '"');
}

/*
 * Appends v as JSON, which is also YAML, so that statusgen reads back the
 * same tree. Floats keep a '.' so they stay floats; NaN and the infinities
 * have no JSON form and become null (the spec has none). NULL is null.
 */
static void
json_value(const struct value *v, struct buf *out)
{
	size_t i, start;

	if (v == NULL) {
		buf_puts(out, "null");
		return;
	}
	switch (value_kind(v)) {
	case VALUE_NULL:
		buf_puts(out, "null");
		break;
	case VALUE_BOOL:
		buf_puts(out, v->u.boolean ? "true" : "false");
		break;
	case VALUE_INT:
		buf_printf(out, "%lld", v->u.integer);
		break;
	case VALUE_FLOAT:
		if (isnan(v->u.real) || isinf(v->u.real)) {
			buf_puts(out, "null");
			break;
		}
		start = out->len;
		value_format_double(v->u.real, out);
		if (strspn(out->data + start, "-0123456789") ==
		    out->len - start)
			buf_puts(out, ".0");
		break;
	case VALUE_STRING:
		json_string(value_str(v), value_strlen(v), out);
		break;
	case VALUE_SEQ:
		buf_putc(out, '[');
		for (i = 0; i < value_len(v); i++) {
			if (i > 0)
				buf_puts(out, ", ");
			json_value(value_item(v, i), out);
		}
		buf_putc(out, ']');
		break;
	case VALUE_MAP:
		buf_putc(out, '{');
		for (i = 0; i < value_len(v); i++) {
			const struct value_pair *p = value_pair(v, i);

			if (i > 0)
				buf_puts(out, ", ");
			json_string(value_str(&p->key), value_strlen(&p->key),
			    out);
			buf_puts(out, ": ");
			json_value(&p->val, out);
		}
		buf_putc(out, '}');
		break;
	}
}

/* ---------------------------------------------------------------- C API */

/* The partial callback: looks name up in the test's partials mapping. */
static int
find_partial(void *ctx, const char *name, size_t len, struct buf *src,
    struct buf *path, struct diag *d)
{
	const struct spec_test *t = ctx;
	const struct value *v = value_map_get(t->partials, name, len);
	struct srcpos pos;

	if (v == NULL)
		return 0;
	if (v->kind != VALUE_STRING) {
		pos = value_pos(v, t->file);
		diag_error(d, &pos, "partial \"%.*s\" is %s, not a string",
		    (int)len, name, value_kind_name(value_kind(v)));
		return -1;
	}
	buf_clear(src);
	buf_append(src, value_str(v), value_strlen(v));
	buf_clear(path);
	buf_printf(path, "%s: %s: partial %.*s", t->file, t->name, (int)len,
	    name);
	return 1;
}

/*
 * Compiles and renders the test in an environment of its own, with the
 * diagnostics collected into o->notes.
 */
static void
run_api(const struct spec_test *t, struct outcome *o)
{
	struct mustache_options opt;
	struct mustache_env *env;
	const struct mustache_template *tmpl;
	struct diag d;
	struct buf name;
	const char *failed = NULL;
	char *msgs = NULL;
	size_t msglen = 0;
	FILE *fp;

	if ((fp = open_memstream(&msgs, &msglen)) == NULL)
		fp = stderr;
	diag_init(&d, fp);
	mustache_options_default(&opt);
	opt.strict = 0;
	opt.partial = find_partial;
	opt.partial_ctx = (void *)t;
	env = mustache_env_new(&opt, &d);

	buf_init(&name);
	buf_printf(&name, "%s: %s", t->file, t->name);
	tmpl = mustache_compile(env, buf_cstr(&name), value_str(t->tmpl),
	    value_strlen(t->tmpl));
	if (tmpl == NULL)
		failed = "mustache_compile returned NULL";
	else if (mustache_render(env, tmpl, t->data, TEXT_ESCAPE_HTML,
	    &o->actual) == -1)
		failed = "mustache_render returned -1";
	else
		o->ran = 1;
	mustache_env_free(env);
	buf_free(&name);

	if (fp != stderr) {
		fclose(fp);
		buf_append(&o->notes, msgs, msglen);
		free(msgs);
	}
	if (failed != NULL)
		buf_printf(&o->notes, "%s\n", failed);
}

/* ------------------------------------------------------------------ CLI */

/* Writes len bytes to a new file at path. Returns 0, or -1 with errno. */
static int
write_file(const char *path, const char *data, size_t len)
{
	FILE *fp;
	int saved;

	if ((fp = fopen(path, "wb")) == NULL)
		return -1;
	if (len > 0 && fwrite(data, 1, len, fp) != len) {
		saved = errno;
		fclose(fp);
		errno = saved;
		return -1;
	}
	return fclose(fp) == 0 ? 0 : -1;
}

/* Removes path and, when it is a directory, everything below it. */
static void
remove_tree(const char *path)
{
	struct stat st;
	struct dirent *e;
	struct buf sub;
	DIR *dir;

	if (lstat(path, &st) == -1)
		return;
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) == -1)
			fprintf(stderr, "spec_runner: %s: %s\n", path,
			    strerror(errno));
		return;
	}
	if ((dir = opendir(path)) != NULL) {
		buf_init(&sub);
		while ((e = readdir(dir)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			buf_clear(&sub);
			buf_printf(&sub, "%s/%s", path, e->d_name);
			remove_tree(buf_cstr(&sub));
		}
		buf_free(&sub);
		closedir(dir);
	}
	if (rmdir(path) == -1)
		fprintf(stderr, "spec_runner: %s: %s\n", path, strerror(errno));
}

/* A partial's name must be usable as a file name in the partials folder. */
static int
safe_file_name(const char *s, size_t len)
{
	if (len == 0 || memchr(s, '/', len) != NULL ||
	    memchr(s, '\0', len) != NULL)
		return 0;
	return !(len == 1 && s[0] == '.') &&
	    !(len == 2 && s[0] == '.' && s[1] == '.');
}

/*
 * Lays the test out in dir: template.mustache, partials/NAME.mustache and
 * data.json. Returns 0, or -1 after saying why in o->notes.
 */
static int
write_inputs(const struct spec_test *t, const char *dir, struct outcome *o)
{
	struct buf path, json;
	size_t i;
	int rc = -1;

	buf_init(&path);
	buf_init(&json);
	buf_printf(&path, "%s/template.mustache", dir);
	if (write_file(buf_cstr(&path), value_str(t->tmpl),
	    value_strlen(t->tmpl)) == -1)
		goto fail;
	buf_clear(&path);
	buf_printf(&path, "%s/partials", dir);
	if (mkdir(buf_cstr(&path), 0700) == -1)
		goto fail;
	for (i = 0; t->partials != NULL && i < value_len(t->partials); i++) {
		const struct value_pair *p = value_pair(t->partials, i);
		const struct value *k = &p->key;

		if (!safe_file_name(value_str(k), value_strlen(k)) ||
		    p->val.kind != VALUE_STRING) {
			buf_printf(&o->notes, "cannot store partial \"%s\""
			    " as a file\n", value_str(k));
			goto out;
		}
		buf_clear(&path);
		buf_printf(&path, "%s/partials/%s.mustache", dir, value_str(k));
		if (write_file(buf_cstr(&path), value_str(&p->val),
		    value_strlen(&p->val)) == -1)
			goto fail;
	}
	json_value(t->data, &json);
	buf_putc(&json, '\n');
	buf_clear(&path);
	buf_printf(&path, "%s/data.json", dir);
	if (write_file(buf_cstr(&path), json.data, json.len) == -1)
		goto fail;
	rc = 0;
	goto out;
fail:
	buf_printf(&o->notes, "%s: %s\n", buf_cstr(&path), strerror(errno));
out:
	buf_free(&path);
	buf_free(&json);
	return rc;
}

/* Reads fd to its end, appending to out. Returns 0, or -1 with errno. */
static int
read_all(int fd, struct buf *out)
{
	char chunk[4096];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n > 0)
			buf_append(out, chunk, (size_t)n);
		else if (n == 0)
			return 0;
		else if (errno != EINTR)
			return -1;
	}
}

/*
 * Runs "STATUSGEN render --escape html --partials DIR/partials
 * DIR/template.mustache DIR/data.json" without a shell, its stdout into
 * o->actual and its stderr into DIR/stderr, which then joins o->notes.
 */
static void
exec_render(const char *statusgen, const char *dir, struct outcome *o)
{
	struct buf pdir, tpath, dpath, epath, err;
	char *argv[9];
	int out[2], status, fd;
	pid_t pid;

	buf_init(&pdir);
	buf_init(&tpath);
	buf_init(&dpath);
	buf_init(&epath);
	buf_init(&err);
	buf_printf(&pdir, "%s/partials", dir);
	buf_printf(&tpath, "%s/template.mustache", dir);
	buf_printf(&dpath, "%s/data.json", dir);
	buf_printf(&epath, "%s/stderr", dir);
	argv[0] = (char *)statusgen;
	argv[1] = "render";
	argv[2] = "--escape";
	argv[3] = "html";
	argv[4] = "--partials";
	argv[5] = pdir.data;
	argv[6] = tpath.data;
	argv[7] = dpath.data;
	argv[8] = NULL;

	if (pipe(out) == -1) {
		buf_printf(&o->notes, "pipe: %s\n", strerror(errno));
		goto done;
	}
	fflush(NULL);
	if ((pid = fork()) == -1) {
		buf_printf(&o->notes, "fork: %s\n", strerror(errno));
		close(out[0]);
		close(out[1]);
		goto done;
	}
	if (pid == 0) {
		/* The child: only async-signal-safe calls from here on. */
		if (dup2(out[1], STDOUT_FILENO) == -1)
			_exit(126);
		close(out[0]);
		close(out[1]);
		if ((fd = open("/dev/null", O_RDONLY)) != -1) {
			dup2(fd, STDIN_FILENO);
			close(fd);
		}
		if ((fd = open(epath.data, O_WRONLY | O_CREAT | O_TRUNC,
		    0600)) != -1) {
			dup2(fd, STDERR_FILENO);
			close(fd);
		}
		execv(statusgen, argv);
		if (write(STDERR_FILENO, "spec_runner: cannot run ", 24) < 0 ||
		    write(STDERR_FILENO, statusgen, strlen(statusgen)) < 0 ||
		    write(STDERR_FILENO, "\n", 1) < 0)
			_exit(127);
		_exit(127);
	}

	close(out[1]);
	if (read_all(out[0], &o->actual) == -1)
		buf_printf(&o->notes, "reading output: %s\n", strerror(errno));
	close(out[0]);
	while (waitpid(pid, &status, 0) == -1) {
		if (errno != EINTR) {
			buf_printf(&o->notes, "waitpid: %s\n", strerror(errno));
			goto done;
		}
	}
	if (buf_read_file(&err, epath.data) == 0)
		buf_append(&o->notes, err.data, err.len);
	if (o->notes.len > 0 && o->notes.data[o->notes.len - 1] != '\n')
		buf_putc(&o->notes, '\n');
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		o->ran = 1;
	else if (WIFEXITED(status))
		buf_printf(&o->notes, "exit status %d\n", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		buf_printf(&o->notes, "killed by signal %d\n",
		    WTERMSIG(status));
done:
	buf_free(&pdir);
	buf_free(&tpath);
	buf_free(&dpath);
	buf_free(&epath);
	buf_free(&err);
}

/* Runs the test through statusgen render in a scratch directory. */
static void
run_cli(const char *statusgen, const struct spec_test *t, struct outcome *o)
{
	const char *tmp = getenv("TMPDIR");
	struct buf dir;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	buf_init(&dir);
	buf_printf(&dir, "%s/spec_runner.XXXXXX", tmp);
	if (mkdtemp(dir.data) == NULL) {
		buf_printf(&o->notes, "mkdtemp %s: %s\n", buf_cstr(&dir),
		    strerror(errno));
		buf_free(&dir);
		return;
	}
	if (write_inputs(t, dir.data, o) == 0)
		exec_render(statusgen, dir.data, o);
	remove_tree(dir.data);
	buf_free(&dir);
}

/* --------------------------------------------------------------- driver */

/*
 * Fills in t from the mapping v. Returns 0, or -1 after saying what is
 * wrong in notes (t->name is set either way).
 */
static int
parse_test(const char *file, size_t index, const struct value *v,
    struct arena *a, struct spec_test *t, struct buf *notes)
{
	const struct value *name;

	memset(t, 0, sizeof(*t));
	t->file = file;
	name = value_map_getz(v, "name");
	if (name != NULL && name->kind == VALUE_STRING) {
		t->name = value_str(name);
	} else {
		struct buf tmp;

		buf_init(&tmp);
		buf_printf(&tmp, "test %zu", index + 1);
		t->name = arena_strdup(a, buf_cstr(&tmp));
		buf_free(&tmp);
	}
	if (v == NULL || v->kind != VALUE_MAP) {
		buf_puts(notes, "the test is not a mapping\n");
		return -1;
	}
	t->data = value_map_getz(v, "data");
	t->tmpl = value_map_getz(v, "template");
	t->expected = value_map_getz(v, "expected");
	t->partials = value_map_getz(v, "partials");
	if (t->tmpl == NULL || t->tmpl->kind != VALUE_STRING) {
		buf_puts(notes, "no template string\n");
		return -1;
	}
	if (t->expected == NULL || t->expected->kind != VALUE_STRING) {
		buf_puts(notes, "no expected string\n");
		return -1;
	}
	if (t->partials != NULL && t->partials->kind == VALUE_NULL)
		t->partials = NULL;
	if (t->partials != NULL && t->partials->kind != VALUE_MAP) {
		buf_puts(notes, "partials is not a mapping\n");
		return -1;
	}
	return 0;
}

/* Prints the details of a failed test as comment lines. */
static void
report_failure(const struct spec_test *t, const struct outcome *o)
{
	struct buf json;
	size_t i;

	if (t->tmpl != NULL && t->expected != NULL) {
		show("template", value_str(t->tmpl), value_strlen(t->tmpl));
		for (i = 0; t->partials != NULL &&
		    i < value_len(t->partials); i++) {
			const struct value_pair *p;

			p = value_pair(t->partials, i);
			if (p->val.kind != VALUE_STRING)
				continue;
			printf("#   partial %s: ", value_str(&p->key));
			quoted(value_str(&p->val), value_strlen(&p->val));
		}
		buf_init(&json);
		json_value(t->data, &json);
		printf("#   data: %s\n", buf_cstr(&json));
		buf_free(&json);
		show("expected", value_str(t->expected),
		    value_strlen(t->expected));
		show("actual", buf_cstr(&o->actual), o->actual.len);
	}
	show_lines("diagnostics", buf_cstr(&o->notes), o->notes.len);
}

/* Runs one test and prints its line; returns 1 when it passed. */
static int
run_test(struct runner *r, const char *file, size_t index,
    const struct value *v, struct arena *a)
{
	struct spec_test t;
	struct outcome o;
	int pass = 0;

	o.ran = 0;
	buf_init(&o.actual);
	buf_init(&o.notes);
	if (parse_test(file, index, v, a, &t, &o.notes) == 0) {
		if (r->statusgen == NULL)
			run_api(&t, &o);
		else
			run_cli(r->statusgen, &t, &o);
		pass = o.ran && o.actual.len == value_strlen(t.expected) &&
		    memcmp(buf_cstr(&o.actual), value_str(t.expected),
		    o.actual.len) == 0;
	} else {
		t.tmpl = t.expected = NULL;
	}
	printf("%s - %s: %s\n", pass ? "ok" : "not ok", file, t.name);
	if (!pass)
		report_failure(&t, &o);
	fflush(stdout);
	buf_free(&o.actual);
	buf_free(&o.notes);
	return pass;
}

/*
 * Loads one spec file and runs its tests, adding to the runner's counts.
 * A file that cannot be loaded counts as one failed test.
 */
static void
run_file(struct runner *r, const char *file)
{
	struct arena arena;
	struct diag d;
	struct buf path;
	struct value *root = NULL;
	const struct value *tests;
	unsigned passed = 0, total = 0;
	size_t i;

	arena_init(&arena);
	diag_init(&d, stderr);
	buf_init(&path);
	buf_printf(&path, "%s/%s", r->spec_dir, file);
	fflush(stdout);
	if (yload_file(buf_cstr(&path), NULL, &arena, &d, &root) == -1) {
		tests = NULL;
	} else if ((tests = value_map_getz(root, "tests")) == NULL ||
	    tests->kind != VALUE_SEQ) {
		fprintf(stderr, "%s: error: no list of tests\n",
		    buf_cstr(&path));
		tests = NULL;
	}
	if (tests == NULL) {
		printf("not ok - %s: cannot load\n", file);
		total = 1;
	} else {
		for (i = 0; i < value_len(tests); i++) {
			if (run_test(r, file, i, value_item(tests, i), &arena))
				passed++;
			total++;
		}
	}
	printf("# %s: %u/%u\n", file, passed, total);
	fflush(stdout);
	r->passed += passed;
	r->total += total;
	buf_free(&path);
	arena_free(&arena);
}

static int
usage(void)
{
	fputs("usage: spec_runner [SPEC_DIR]\n"
	    "       spec_runner --cli STATUSGEN [SPEC_DIR]\n", stderr);
	return 2;
}

int
main(int argc, char *argv[])
{
	struct runner r;
	struct stat st;
	size_t i;
	int arg = 1;

	memset(&r, 0, sizeof(r));
	if (argc > 1 && strcmp(argv[1], "--cli") == 0) {
		if (argc < 3)
			return usage();
		r.statusgen = argv[2];
		arg = 3;
	}
	if (argc - arg > 1)
		return usage();
	r.spec_dir = arg < argc ? argv[arg] : getenv("MUSTACHE_SPEC_DIR");
	if (r.spec_dir == NULL || *r.spec_dir == '\0')
		return usage();
	if (r.spec_dir[0] == '-')
		return usage();

	if (stat(r.spec_dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		printf("# SKIP mustache spec suite: %s not found (clone "
		    "https://github.com/mustache/spec there, or set "
		    "MUSTACHE_SPEC_DIR; .ci/run clones it)\n", r.spec_dir);
		return 0;
	}
	for (i = 0; i < sizeof(spec_files) / sizeof(spec_files[0]); i++)
		run_file(&r, spec_files[i]);
	printf("# spec (%s): %u/%u\n",
	    r.statusgen == NULL ? "C API" : "statusgen render",
	    r.passed, r.total);
	printf("1..%u\n", r.total);
	return r.passed == r.total ? 0 : 1;
}
