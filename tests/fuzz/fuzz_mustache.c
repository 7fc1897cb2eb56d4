/* libFuzzer harness: the Mustache compiler and renderer on arbitrary templates. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "oneline.h"
#include "yload.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A context with every kind of value, so that sections and names resolve. */
static const char context[] =
    "s: \"<a & 'b' */ ?\?=|\"\n"
    "n: 42\n"
    "f: 1.5\n"
    "t: true\n"
    "z: null\n"
    "e: []\n"
    "l: [a, {s: x, l: [1, 2]}, [3]]\n"
    "m: {s: inner, m: {s: deeper}, p: self}\n"
    "p: self\n"
    "d: deep\n"
    "bad: ../x\n"
    "num: [0, -0.0, 1e21, 1e-7, 9007199254740993, .nan, \"\"]\n"
    "nest: {a: {a: {a: {a: {a: {a: {a: {a: [[[[[[[[1]]]]]]]]}}}}}}}}\n";

/* "long": a string of 4 KiB, so that long values meet every escaper,
 * filter and the output limit. */
#define LONG_REPEAT	256

/*
 * Partials: "self" is the input itself (so recursion must hit the depth
 * limit or the step budget), "x" a fixed template with blocks to
 * exercise inheritance, "deep" sections and partials nested past the
 * depth limit, and "wide" one line of many tags.
 */
struct partials {
	const uint8_t	*data;
	size_t		 size;
};

static int
find(void *ctx, const char *name, size_t len, struct buf *src,
    struct buf *path, struct diag *d)
{
	const struct partials *p = ctx;
	size_t i;

	(void)d;
	if (len == 4 && memcmp(name, "self", 4) == 0)
		buf_append(src, p->data, p->size);
	else if (len == 1 && name[0] == 'x')
		buf_puts(src, "<{{$b}}default {{s}}{{/b}}>\n  {{#l}}{{$c}}"
		    "{{.}}{{/c}}{{/l}}\n");
	else if (len == 4 && memcmp(name, "deep", 4) == 0) {
		for (i = 0; i < 100; i++)
			buf_puts(src, i % 3 ? "{{#nest}}{{^e}}" : "  {{>x}}\n");
	} else if (len == 4 && memcmp(name, "wide", 4) == 0) {
		for (i = 0; i < 2000; i++)
			buf_puts(src, "{{!c}}{{long}}");
	} else
		return 0;
	buf_append(path, name, len);
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct partials parts = { data, size };
	struct mustache_options opt;
	struct mustache_env *env;
	const struct mustache_template *t;
	struct arena arena;
	struct diag d;
	struct oneline o;
	struct value *root = NULL;
	struct buf out, ctx;
	enum text_escape esc;
	size_t i;

	if (size == 0)
		return 0;
	/* The first byte picks the escaper and strict mode. */
	esc = (enum text_escape)(data[0] % 5);
	oneline_open(&o, &d);
	arena_init(&arena);
	buf_init(&ctx);
	buf_append(&ctx, context, sizeof(context) - 1);
	buf_puts(&ctx, "long: \"");
	for (i = 0; i < LONG_REPEAT; i++)
		buf_puts(&ctx, "<&'\\\"*/?\\n{{x}}\\t|\\u00e9 ");
	buf_puts(&ctx, "\"\n");
	if (yload_string("context.yaml", ctx.data, ctx.len, NULL, &arena, &d,
	    &root) != 0)
		__builtin_trap();
	buf_free(&ctx);
	mustache_options_default(&opt);
	opt.strict = data[0] & 0x80;
	opt.max_depth = 32;
	opt.max_output = 1 << 20;
	/* Partials including each other must end in time, output or not. */
	opt.max_steps = 200000;
	opt.partial = find;
	opt.partial_ctx = &parts;
	env = mustache_env_new(&opt, &d);
	buf_init(&out);
	t = mustache_compile(env, "fuzz.mustache", (const char *)data + 1,
	    size - 1);
	if (t != NULL)
		(void)mustache_render(env, t, root, esc, &out);
	buf_free(&out);
	mustache_env_free(env);
	arena_free(&arena);
	oneline_check(&o);
	return 0;
}
