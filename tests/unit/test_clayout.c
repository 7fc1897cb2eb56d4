/*
 * Unit tests for the C layout: what it adds to the model's context, that
 * its predicates come from the field table, that its offsets agree with
 * its sizes, and that it refuses a context model_build() did not make.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "clayout.h"
#include "diag.h"
#include "model.h"
#include "tap.h"
#include "value.h"
#include "yload.h"

static const char table[] =
	"x-project: demo\n"
	"classes:\n"
	"  - {class: 2, name: Successful, summary: OK}\n"
	"  - {class: 4, name: Client Errors, summary: Client}\n"
	"statuses:\n"
	"  - {code: 200, reason: OK, description: d200, reference: r200,\n"
	"     registry: standard, aliases: [Okay, All Right],\n"
	"     cacheable: true}\n"
	"  - {code: 404, reason: Not Found, description: d404,\n"
	"     reference: r404, registry: deprecated}\n"
	"  - {code: 208, reason: Already Reported, description: d,\n"
	"     reference: r, registry: standard, redirect: true}\n";

static long long
int_at(const struct value *map, const char *key)
{
	const struct value *v = value_map_getz(map, key);

	return v != NULL && v->kind == VALUE_INT ? v->u.integer : -1;
}

/* Do the help lines of pred join, with a space, into want, each line at
 * most 68 bytes (or one word)? */
static int
help_is(const struct value *pred, const char *want)
{
	const struct value *lines = value_map_getz(pred, "help");
	struct buf joined;
	size_t i;
	int ok = lines != NULL && lines->kind == VALUE_SEQ;

	buf_init(&joined);
	for (i = 0; ok && i < value_len(lines); i++) {
		const struct value *l = value_item(lines, i);

		ok = value_strlen(l) <= 68 || memchr(value_str(l), ' ',
		    value_strlen(l)) == NULL;
		if (i > 0)
			buf_putc(&joined, ' ');
		buf_append(&joined, value_str(l), value_strlen(l));
	}
	ok = ok && strcmp(buf_cstr(&joined), want) == 0;
	buf_free(&joined);
	return ok;
}

/* The names of the predicates, as the field table gives them. */
static void
test_predicates(const struct value *lookup)
{
	const struct value *preds = value_map_getz(lookup, "predicates");
	size_t n, i, k, at = 1;
	const struct model_field *f = model_fields(MODEL_STATUS, &n);
	int ok = value_len(preds) > 0 && strcmp(value_str(value_map_getz(
	    value_item(preds, 0), "name")), "known") == 0;

	for (i = 0; i < n; i++)
		if (f[i].kind == MODEL_FLAG)
			ok &= at < value_len(preds) && strcmp(value_str(
			    value_map_getz(value_item(preds, at++), "name")),
			    f[i].key) == 0;
	for (i = 0; i < n; i++)
		for (k = 0; f[i].kind == MODEL_CHOICE &&
		    f[i].choices[k].name != NULL; k++)
			ok &= at < value_len(preds) && strcmp(value_str(
			    value_map_getz(value_item(preds, at++), "name")),
			    f[i].choices[k].name) == 0;
	TAP_CHECK(ok && at == value_len(preds), "predicates: known, each "
	    "flag, each choice, in the field table's order");
}

/* Each predicate's help is its field's or choice's, wrapped. */
static void
test_predicate_help(const struct value *lookup)
{
	const struct value *preds = value_map_getz(lookup, "predicates");
	size_t n, i, k, at = 1;
	const struct model_field *f = model_fields(MODEL_STATUS, &n);
	int ok = value_len(preds) > 0 && help_is(value_item(preds, 0), "");

	for (i = 0; i < n; i++)
		if (f[i].kind == MODEL_FLAG)
			ok &= help_is(value_item(preds, at++), f[i].help);
	for (i = 0; i < n; i++)
		for (k = 0; f[i].kind == MODEL_CHOICE &&
		    f[i].choices[k].name != NULL; k++)
			ok &= help_is(value_item(preds, at++),
			    f[i].choices[k].help);
	TAP_CHECK(ok, "predicates: each help is the field table's, in "
	    "lines of at most 68 bytes");
}

/* Each code's reason_at is the sum of the sizes before it. */
static void
test_offsets(const struct value *lookup)
{
	const struct value *sizes = value_map_getz(lookup, "statuses");
	const struct value *rows = value_map_getz(lookup, "rows");
	long long at = 1, size;
	size_t i, j, s = 0;
	int ok = 1;

	for (i = 0; i < value_len(rows); i++) {
		const struct value *e = value_map_getz(value_item(rows, i),
		    "entries");

		for (j = 0; j < value_len(e); j++) {
			const struct value *entry = value_item(e, j);

			if (int_at(entry, "reason_at") == 0)
				continue;
			size = int_at(value_item(sizes, s++), "reason_size");
			ok &= int_at(entry, "reason_at") == at;
			at += size;
		}
	}
	TAP_CHECK(ok && s == value_len(sizes) &&
	    int_at(lookup, "reason_bytes") == at, "reason offsets follow the "
	    "sizes, and reason_bytes is their end");
	TAP_CHECK(int_at(value_item(sizes, 0), "name_size") ==
	    (long long)(strlen(value_str(value_map_getz(lookup,
	    "name_prefix"))) + strlen("OK") + 1), "a name is the prefix and "
	    "the ident");
}

static void
test_layout(void)
{
	struct arena arena;
	struct value *doc, *model, *ctx;
	const struct value *lookup, *lengths, *reverse;
	struct diag d;
	size_t i;

	arena_init(&arena);
	diag_init(&d, stdout);
	if (!TAP_CHECK(yload_string("t.yaml", table, strlen(table), NULL,
	    &arena, &d, &doc) == 0 && model_build(doc, NULL, "t.yaml", NULL,
	    NULL, &arena, &d, &model) == 0 &&
	    clayout_build(model, NULL, &arena, &d, &ctx) == 0,
	    "a valid table lays out")) {
		arena_free(&arena);
		return;
	}
	for (i = 0; i < value_len(model); i++) {
		const struct value_pair *p = value_pair(model, i);
		const struct value *v = value_map_getz(ctx, value_str(&p->key));

		if (v == NULL || v->kind != p->val.kind)
			break;
	}
	TAP_CHECK(i == value_len(model) && value_len(ctx) ==
	    value_len(model) + 4, "the context is the model's, plus four");
	TAP_CHECK(value_map_getz(ctx, "prefix") != NULL &&
	    strcmp(value_str(value_map_getz(ctx, "prefix")),
	    "http_status") == 0 && strcmp(value_str(value_map_getz(ctx,
	    "PREFIX")), "HTTP_STATUS") == 0, "without a prefix, prefix is "
	    "http_status and PREFIX HTTP_STATUS");
	lookup = value_map_getz(ctx, "lookup");
	lengths = value_map_getz(ctx, "phrase_lengths");
	reverse = value_map_getz(lookup, "reverse");
	TAP_CHECK(int_at(lookup, "first") == 200 &&
	    int_at(lookup, "last") == 404 && int_at(lookup, "span") == 205,
	    "the span of the codes");
	TAP_CHECK(int_at(lookup, "class_span") == int_at(model, "max_code") /
	    100 + 1, "class_span comes from max_code");
	TAP_CHECK(value_len(value_map_getz(reverse, "phrases")) == 5 &&
	    int_at(reverse, "most_per_slot") == 1, "every reason and alias "
	    "is hashed, one a slot");
	TAP_CHECK(value_len(lengths) == 4 &&
	    int_at(value_item(lengths, 0), "length") == 2 &&
	    int_at(value_item(lengths, 3), "length") == 16,
	    "phrase_lengths: 2 (OK), 4 (Okay), 9 (All Right, Not Found), 16");
	test_predicates(lookup);
	test_predicate_help(lookup);
	test_offsets(lookup);
	arena_free(&arena);
}

static void
test_refused(void)
{
	struct arena arena;
	struct value *doc, *ctx = NULL;
	char *msgs = NULL;
	size_t len = 0;
	struct diag d;
	FILE *fp = open_memstream(&msgs, &len);
	int rc;

	arena_init(&arena);
	diag_init(&d, fp);
	(void)yload_string("t.yaml", "a: 1\n", 5, NULL, &arena, &d, &doc);
	rc = clayout_build(doc, NULL, &arena, &d, &ctx);
	fclose(fp);
	TAP_CHECK(rc == -1 && ctx == NULL && d.errors == 1 &&
	    strstr(msgs, "cannot lay out") != NULL, "a context that is not "
	    "a model's is refused");
	free(msgs);
	arena_free(&arena);
}

/* Lays out the test table with prefix; returns the context or NULL, and
 * the messages in *msgs (the caller frees). */
static struct value *
layout_with(struct arena *arena, const char *prefix, char **msgs)
{
	struct clayout_options lo;
	struct value *doc, *model, *ctx = NULL;
	size_t len = 0;
	struct diag d;
	FILE *fp = open_memstream(msgs, &len);

	memset(&lo, 0, sizeof(lo));
	lo.prefix = prefix;
	lo.prefix_at.file = "-D prefix=...";
	diag_init(&d, fp);
	if (yload_string("t.yaml", table, strlen(table), NULL, arena, &d,
	    &doc) == 0 &&
	    model_build(doc, NULL, "t.yaml", NULL, NULL, arena, &d, &model) == 0)
		(void)clayout_build(model, &lo, arena, &d, &ctx);
	fclose(fp);
	return ctx;
}

static void
test_prefix(void)
{
	static const char *const bad[] = {
		"", "9lives", "_http", "app-status", "app status", "app.status",
		"caf\xc3\xa9", "a/b",
		"a1234567890123456789012345678901234567890123456789012345678901234"
	};
	struct arena arena;
	struct value *ctx;
	const struct value *lookup;
	char *msgs = NULL;
	size_t i;
	int ok = 1;

	arena_init(&arena);
	ctx = layout_with(&arena, "app_status", &msgs);
	lookup = value_map_getz(ctx, "lookup");
	TAP_CHECK(ctx != NULL && strcmp(value_str(value_map_getz(ctx,
	    "prefix")), "app_status") == 0 && strcmp(value_str(
	    value_map_getz(ctx, "PREFIX")), "APP_STATUS") == 0 &&
	    strcmp(value_str(value_map_getz(lookup, "name_prefix")),
	    "APP_STATUS_") == 0, "prefix app_status: PREFIX APP_STATUS, "
	    "names APP_STATUS_...");
	free(msgs);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		msgs = NULL;
		ctx = layout_with(&arena, bad[i], &msgs);
		if (ctx != NULL || strncmp(msgs, "-D prefix=...: error: the "
		    "prefix must be a C identifier", 47) != 0 ||
		    strchr(msgs, '\n') != msgs + strlen(msgs) - 1) {
			printf("# prefix \"%s\": %s\n", bad[i], msgs);
			ok = 0;
		}
		free(msgs);
	}
	TAP_CHECK(ok, "a prefix that is not a C identifier of at most 64 "
	    "characters (or starts with '_') is one error at the option");
	arena_free(&arena);
}

int
main(void)
{
	test_layout();
	test_refused();
	test_prefix();
	return tap_done();
}
