/* Tests the generated out/http_status.c against the status table, read here with libyaml. */
/* For mmap() and MAP_ANONYMOUS, which glibc hides at -std=c99. */
#define _DEFAULT_SOURCE 1

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#include <unistd.h>
#endif

#include <yaml.h>

#include "http_status.h"
#include "tap.h"

/*
 * The table is read with libyaml's document API, not with statusgen's
 * loader or model: a bug there must not hide itself by being on both sides
 * of a comparison. The path comes from the command line, else from the
 * build (relative to the repository root, where tests/run runs us).
 */
#ifndef STATUS_DATA
#define STATUS_DATA "data/http_status.yaml"
#endif

/* At most this many mismatches are printed per check, then only counted. */
#define MAX_REPORTS	20

struct text {
	char	*s;		/* NUL-terminated copy */
	size_t	 len;		/* authoritative: the data may hold NULs */
};

struct status {
	int		 code;
	struct text	 reason, description, reference, registry, origin;
	struct text	 ident;		/* given in the data, or derived here */
	struct text	*aliases;
	size_t		 naliases;
	int		 cacheable, redirect, empty_body, retryable;
};

struct status_class {
	int		 cls;
	struct text	 name, summary;
	struct text	 ident;		/* given in the data, or derived here */
};

struct table {
	struct status	*st;
	size_t		 nst;
	struct status_class *cl;
	size_t		 ncl;
	struct text	 version;	/* s NULL: the table has none */
	/* The enumerators' names without the prefix: each status's ident,
	 * then the aliases that give enumerators, in enum order. */
	struct text	*names;
	int		*name_codes;
	size_t		 nnames;
};

/* Mismatches found by the check under way; the first MAX_REPORTS are printed. */
static int fails;

/* ------------------------------------------------------------------ */
/* Helpers                                                            */
/* ------------------------------------------------------------------ */

static void *
xmalloc(size_t n)
{
	void *p = malloc(n != 0 ? n : 1);

	if (p == NULL) {
		fputs("out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static struct text
text_new(const char *s, size_t len)
{
	struct text t;

	t.s = xmalloc(len + 1);
	memcpy(t.s, s, len);
	t.s[len] = '\0';
	t.len = len;
	return t;
}

/* Counts one mismatch; returns 1 when it is among the first MAX_REPORTS. */
static int
report(void)
{
	return fails++ < MAX_REPORTS;
}

/* Prints one mismatch as a TAP comment (the first MAX_REPORTS only). */
static void
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
mismatch(const char *fmt, ...)
{
	va_list ap;

	if (!report())
		return;
	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* Starts a check; ends it with TAP_CHECK(end_check(), ...). */
static void
start_check(void)
{
	fails = 0;
}

static int
end_check(void)
{
	if (fails > MAX_REPORTS)
		printf("# ... and %d more\n", fails - MAX_REPORTS);
	return fails == 0;
}

/* Does the C string got hold exactly want (NULL for no string)? */
static int
same_text(const char *got, const struct text *want)
{
	if (got == NULL || want == NULL)
		return got == NULL && want == NULL;
	return strlen(got) == want->len && memcmp(got, want->s, want->len) == 0;
}

static void
expect_text(const char *fn, long arg, const char *got, const struct text *want)
{
	if (!same_text(got, want))
		mismatch("%s(%ld) = %s%s%s, want %s%s%s", fn, arg,
		    got ? "\"" : "", got ? got : "NULL", got ? "\"" : "",
		    want ? "\"" : "", want ? want->s : "NULL", want ? "\"" : "");
}

static void
expect_int(const char *fn, long arg, long got, long want)
{
	if (got != want)
		mismatch("%s(%ld) = %ld, want %ld", fn, arg, got, want);
}

/*
 * The C identifier of a reason phrase, by the rule the table documents:
 * apostrophes (' and U+2019) vanish, every other run of bytes that are not
 * ASCII letters or digits becomes one '_', none at either end, letters in
 * upper case, '_' before a leading digit.
 */
static struct text
derive_ident(const struct text *in)
{
	struct text t;
	size_t i, n = 0;
	int pending = 0;

	t.s = xmalloc(2 * in->len + 2);
	for (i = 0; i < in->len; i++) {
		unsigned char c = (unsigned char)in->s[i];

		if (c == '\'')
			continue;
		if (c == 0xe2 && i + 2 < in->len &&
		    (unsigned char)in->s[i + 1] == 0x80 &&
		    (unsigned char)in->s[i + 2] == 0x99) {
			i += 2;
			continue;
		}
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9')) {
			if (pending && n > 0)
				t.s[n++] = '_';
			pending = 0;
			if (n == 0 && c >= '0' && c <= '9')
				t.s[n++] = '_';
			t.s[n++] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
		} else {
			pending = 1;
		}
	}
	t.s[n] = '\0';
	t.len = n;
	return t;
}

/* ASCII-only case folding, for the lookup oracle and the case variants. */
static int
fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * The reverse lookup, done the slow and obvious way: every phrase of
 * every status, compared ignoring ASCII case. The generated code must
 * agree with it on every input.
 */
static int
oracle(const struct table *tb, const char *s, size_t len)
{
	size_t i, j, k;

	if (s == NULL)
		return 0;
	for (i = 0; i < tb->nst; i++) {
		const struct status *st = &tb->st[i];

		for (j = 0; j <= st->naliases; j++) {
			const struct text *p = j == 0 ? &st->reason :
			    &st->aliases[j - 1];

			if (p->len != len)
				continue;
			for (k = 0; k < len; k++)
				if (fold((unsigned char)s[k]) !=
				    fold((unsigned char)p->s[k]))
					break;
			if (k == len)
				return st->code;
		}
	}
	return 0;
}

/*
 * The name lookup, done the slow and obvious way: s in upper case with
 * '-' and ' ' read as '_', compared with every name, first without the
 * HTTP_STATUS_ prefix when it has one, then whole.
 */
static int
name_oracle(const struct table *tb, const char *s, size_t len)
{
	static const char prefix[] = "HTTP_STATUS_";
	size_t plen = sizeof(prefix) - 1, i, k, from;
	char *norm;
	int code = 0, pass;

	if (s == NULL)
		return 0;
	norm = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		int c = (unsigned char)s[i];

		norm[i] = (char)(c == '-' || c == ' ' ? '_' : c >= 'a' &&
		    c <= 'z' ? c - 'a' + 'A' : c);
	}
	for (pass = 0; pass < 2 && code == 0; pass++) {
		from = pass == 0 ? plen : 0;
		if (pass == 0 && (len <= plen || memcmp(norm, prefix, plen) != 0))
			continue;
		for (k = 0; k < tb->nnames && code == 0; k++)
			if (tb->names[k].len == len - from &&
			    memcmp(tb->names[k].s, norm + from, len - from) == 0)
				code = tb->name_codes[k];
	}
	free(norm);
	return code;
}

/* The lookup under test: from_reason or from_name, with its oracle. */
struct lookup {
	const char	*fn;		/* "http_status_from_reason" */
	int		(*n)(const char *, size_t);
	int		(*z)(const char *);
	int		(*oracle)(const struct table *, const char *, size_t);
	const char	*noun;		/* "phrase" */
};

static const struct lookup by_reason = { "http_status_from_reason",
    http_status_from_reason_n, http_status_from_reason, oracle, "phrase" };
static const struct lookup by_name = { "http_status_from_name",
    http_status_from_name_n, http_status_from_name, name_oracle, "name" };

/* Which lookup the checks of lookups below test. */
static const struct lookup *lk = &by_reason;

/*
 * Prints s[0..len) as a C string literal, so a diagnostic stays one line;
 * of a long one, only the start and the length.
 */
static void
print_quoted(const char *s, size_t len)
{
	size_t i, shown = len > 80 ? 64 : len;

	putchar('"');
	for (i = 0; i < shown; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\%03o", c);
		else
			putchar(c);
	}
	putchar('"');
	if (shown < len)
		printf("... (%lu bytes)", (unsigned long)len);
}

/*
 * Looks s[0..len) up both ways, from a heap copy of exactly len bytes (so
 * that a sanitizer catches a read past the end), and checks the answers
 * against want. from_reason() sees the bytes up to the first NUL.
 */
static void
expect_lookup(const struct table *tb, const char *s, size_t len, int want,
    const char *what)
{
	char *exact = xmalloc(len);
	char *z = xmalloc(len + 1);
	size_t zlen;
	int got;

	memcpy(exact, s, len);
	got = lk->n(exact, len);
	if (got != want && report()) {
		printf("# %s_n(", lk->fn);
		print_quoted(s, len);
		printf(", %lu) [%s] = %d, want %d\n", (unsigned long)len, what,
		    got, want);
	}
	memcpy(z, s, len);
	z[len] = '\0';
	zlen = strlen(z);
	got = lk->z(z);
	want = zlen == len ? want : lk->oracle(tb, z, zlen);
	if (got != want && report()) {
		printf("# %s(", lk->fn);
		print_quoted(z, zlen);
		printf(") [%s] = %d, want %d\n", what, got, want);
	}
	free(exact);
	free(z);
}

/* Case variants: 0 as written, 1 upper, 2 lower, 3 and 4 alternating. */
static void
case_variant(const struct text *p, int variant, char *out)
{
	size_t i, nletter = 0;

	for (i = 0; i < p->len; i++) {
		int c = (unsigned char)p->s[i];
		int lower = fold(c);
		int upper = c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
		int up;

		if (lower == c && upper == c) {
			out[i] = (char)c;
			continue;
		}
		switch (variant) {
		case 1:
			up = 1;
			break;
		case 2:
			up = 0;
			break;
		case 3:
			up = nletter % 2 == 0;
			break;
		case 4:
			up = nletter % 2 == 1;
			break;
		default:
			up = c == upper;
			break;
		}
		out[i] = (char)(up ? upper : lower);
		nletter++;
	}
}

static const char *const variant_names[] = {
	"as written", "upper case", "lower case", "mixed case", "mixed case"
};

/* ------------------------------------------------------------------ */
/* Reading the table with libyaml                                     */
/* ------------------------------------------------------------------ */

static yaml_node_t *
map_get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);

		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    k->data.scalar.length == strlen(key) &&
		    memcmp(k->data.scalar.value, key, strlen(key)) == 0)
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

static int
scalar(yaml_node_t *n, struct text *out)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return -1;
	*out = text_new((const char *)n->data.scalar.value,
	    n->data.scalar.length);
	return 0;
}

static int
scalar_int(yaml_node_t *n, int *out)
{
	struct text t;
	char *end;
	long v;

	if (scalar(n, &t) != 0)
		return -1;
	v = strtol(t.s, &end, 10);
	if (*t.s == '\0' || *end != '\0' || v < INT_MIN || v > INT_MAX) {
		free(t.s);
		return -1;
	}
	free(t.s);
	*out = (int)v;
	return 0;
}

/* An optional flag: absent is false, else it must be true or false. */
static int
scalar_flag(yaml_node_t *n, int *out)
{
	struct text t;

	*out = 0;
	if (n == NULL)
		return 0;
	if (scalar(n, &t) != 0)
		return -1;
	if (strcmp(t.s, "true") == 0)
		*out = 1;
	else if (strcmp(t.s, "false") != 0) {
		free(t.s);
		return -1;
	}
	free(t.s);
	return 0;
}

static int
load_status(yaml_document_t *doc, yaml_node_t *n, struct status *st)
{
	yaml_node_t *al = map_get(doc, n, "aliases");
	yaml_node_item_t *it;
	size_t i;

	memset(st, 0, sizeof(*st));
	if (scalar_int(map_get(doc, n, "code"), &st->code) != 0 ||
	    scalar(map_get(doc, n, "reason"), &st->reason) != 0 ||
	    scalar(map_get(doc, n, "description"), &st->description) != 0 ||
	    scalar(map_get(doc, n, "reference"), &st->reference) != 0 ||
	    scalar(map_get(doc, n, "registry"), &st->registry) != 0 ||
	    scalar_flag(map_get(doc, n, "cacheable"), &st->cacheable) != 0 ||
	    scalar_flag(map_get(doc, n, "redirect"), &st->redirect) != 0 ||
	    scalar_flag(map_get(doc, n, "empty_body"), &st->empty_body) != 0 ||
	    scalar_flag(map_get(doc, n, "retryable"), &st->retryable) != 0)
		return -1;
	if (map_get(doc, n, "origin") == NULL)
		st->origin = text_new("", 0);
	else if (scalar(map_get(doc, n, "origin"), &st->origin) != 0)
		return -1;
	if (map_get(doc, n, "ident") == NULL)
		st->ident = derive_ident(&st->reason);
	else if (scalar(map_get(doc, n, "ident"), &st->ident) != 0)
		return -1;
	if (al == NULL)
		return 0;
	if (al->type != YAML_SEQUENCE_NODE)
		return -1;
	st->naliases = (size_t)(al->data.sequence.items.top -
	    al->data.sequence.items.start);
	st->aliases = xmalloc(st->naliases * sizeof(*st->aliases));
	for (i = 0, it = al->data.sequence.items.start;
	    it < al->data.sequence.items.top; it++, i++)
		if (scalar(yaml_document_get_node(doc, *it),
		    &st->aliases[i]) != 0)
			return -1;
	return 0;
}

static int
by_code(const void *a, const void *b)
{
	int x = ((const struct status *)a)->code;
	int y = ((const struct status *)b)->code;

	return (x > y) - (x < y);
}

/* Loads path into tb; returns 0, or -1 after printing why. */
static int
load_table(const char *path, struct table *tb)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root, *list;
	yaml_node_item_t *it;
	FILE *f;
	int rc = -1;

	memset(tb, 0, sizeof(*tb));
	if ((f = fopen(path, "rb")) == NULL) {
		printf("# %s: cannot open\n", path);
		return -1;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		printf("# %s:%lu: %s\n", path,
		    (unsigned long)parser.problem_mark.line + 1,
		    parser.problem ? parser.problem : "YAML error");
		yaml_parser_delete(&parser);
		fclose(f);
		return -1;
	}
	root = yaml_document_get_root_node(&doc);
	if (map_get(&doc, root, "version") != NULL &&
	    scalar(map_get(&doc, root, "version"), &tb->version) != 0)
		goto out;

	list = map_get(&doc, root, "classes");
	if (list == NULL || list->type != YAML_SEQUENCE_NODE)
		goto out;
	tb->cl = xmalloc((size_t)(list->data.sequence.items.top -
	    list->data.sequence.items.start) * sizeof(*tb->cl));
	for (it = list->data.sequence.items.start;
	    it < list->data.sequence.items.top; it++) {
		yaml_node_t *n = yaml_document_get_node(&doc, *it);
		struct status_class *c = &tb->cl[tb->ncl++];

		memset(c, 0, sizeof(*c));

		if (scalar_int(map_get(&doc, n, "class"), &c->cls) != 0 ||
		    scalar(map_get(&doc, n, "name"), &c->name) != 0 ||
		    scalar(map_get(&doc, n, "summary"), &c->summary) != 0)
			goto out;
		if (map_get(&doc, n, "ident") == NULL)
			c->ident = derive_ident(&c->name);
		else if (scalar(map_get(&doc, n, "ident"), &c->ident) != 0)
			goto out;
	}

	list = map_get(&doc, root, "statuses");
	if (list == NULL || list->type != YAML_SEQUENCE_NODE)
		goto out;
	tb->st = xmalloc((size_t)(list->data.sequence.items.top -
	    list->data.sequence.items.start) * sizeof(*tb->st));
	for (it = list->data.sequence.items.start;
	    it < list->data.sequence.items.top; it++)
		if (load_status(&doc, yaml_document_get_node(&doc, *it),
		    &tb->st[tb->nst++]) != 0)
			goto out;
	qsort(tb->st, tb->nst, sizeof(*tb->st), by_code);
	rc = 0;
out:
	if (rc != 0)
		printf("# %s: not a status table this test understands\n",
		    path);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(f);
	return rc;
}

static void
table_free(struct table *tb)
{
	size_t i, j;

	free(tb->version.s);
	for (i = 0; i < tb->nst; i++) {
		struct status *st = &tb->st[i];

		free(st->reason.s);
		free(st->description.s);
		free(st->reference.s);
		free(st->registry.s);
		free(st->origin.s);
		free(st->ident.s);
		for (j = 0; j < st->naliases; j++)
			free(st->aliases[j].s);
		free(st->aliases);
	}
	for (i = 0; i < tb->ncl; i++) {
		free(tb->cl[i].name.s);
		free(tb->cl[i].summary.s);
		free(tb->cl[i].ident.s);
	}
	for (i = 0; i < tb->nnames; i++)
		free(tb->names[i].s);
	free(tb->names);
	free(tb->name_codes);
	free(tb->st);
	free(tb->cl);
	memset(tb, 0, sizeof(*tb));
}

static const struct status *
find_status(const struct table *tb, long code)
{
	size_t i;

	for (i = 0; i < tb->nst; i++)
		if (tb->st[i].code == code)
			return &tb->st[i];
	return NULL;
}

static const struct status_class *
find_class(const struct table *tb, long cls)
{
	size_t i;

	for (i = 0; i < tb->ncl; i++)
		if (tb->cl[i].cls == cls)
			return &tb->cl[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Checks of one status                                               */
/* ------------------------------------------------------------------ */

/* What http_status_name() must return: HTTP_STATUS_ and the identifier. */
static int
expect_name(const struct status *st)
{
	const char *got = http_status_name(st->code);
	size_t plen = strlen("HTTP_STATUS_");

	if (got != NULL && strncmp(got, "HTTP_STATUS_", plen) == 0 &&
	    strlen(got + plen) == st->ident.len &&
	    memcmp(got + plen, st->ident.s, st->ident.len) == 0)
		return 1;
	mismatch("http_status_name(%d) = %s, want HTTP_STATUS_%s", st->code,
	    got ? got : "NULL", st->ident.s);
	return 0;
}

/*
 * What http_status_line(code) and _line_len() must return: "NNN Reason"
 * for a status, "NNN " for another code in 100..599, NULL and 0 outside.
 */
static void
expect_line(const struct status *st, int code)
{
	const char *got = http_status_line(code);
	size_t got_len = http_status_line_len(code), len;
	char want[32];

	if (code < 100 || code > 599) {
		if (got != NULL || got_len != 0)
			mismatch("http_status_line(%d) = %s, length %lu, want "
			    "NULL, 0", code, got ? got : "(string)",
			    (unsigned long)got_len);
		return;
	}
	sprintf(want, "%d ", code);
	len = strlen(want) + (st ? st->reason.len : 0);
	if (got == NULL || got_len != len || strlen(got) != len ||
	    memcmp(got, want, strlen(want)) != 0 ||
	    (st && memcmp(got + 4, st->reason.s, st->reason.len) != 0))
		mismatch("http_status_line(%d) = \"%s\", length %lu, want "
		    "\"%s%s\", %lu", code, got ? got : "NULL",
		    (unsigned long)got_len, want, st ? st->reason.s : "",
		    (unsigned long)len);
}

/* Is state one of the registry states whose predicate this test checks? */
static int
known_registry(const char *state)
{
	static const char *const states[] = { "standard", "temporary",
	    "deprecated", "obsolete", "reserved", "unofficial" };
	size_t i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(state, states[i]) == 0)
			return 1;
	return 0;
}

/* The class predicates of any int: by the first digit, in 100..599. */
static void
expect_class_predicates(int code)
{
	static const struct {
		int		 cls;
		const char	*fn;
		int		(*is)(int);
	} preds[] = {
		{ 1, "http_status_is_informational", http_status_is_informational },
		{ 2, "http_status_is_success", http_status_is_success },
		{ 3, "http_status_is_redirection", http_status_is_redirection },
		{ 4, "http_status_is_client_error", http_status_is_client_error },
		{ 5, "http_status_is_server_error", http_status_is_server_error }
	};
	size_t k;

	for (k = 0; k < sizeof(preds) / sizeof(preds[0]); k++)
		expect_int(preds[k].fn, code, preds[k].is(code),
		    code >= 100 && code <= 599 && code / 100 == preds[k].cls);
}

/* Each class predicate is named by its class's identifier in lower case. */
static void
check_class_predicate_names(const struct table *tb)
{
	static const char *const names[] = { "informational", "success",
	    "redirection", "client_error", "server_error" };
	const struct status_class *cl;
	size_t k, i;

	start_check();
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		if ((cl = find_class(tb, (long)k + 1)) == NULL ||
		    cl->ident.len != strlen(names[k])) {
			mismatch("class %lu: no class or no ident %s",
			    (unsigned long)k + 1, names[k]);
			continue;
		}
		for (i = 0; i < cl->ident.len; i++)
			if (fold((unsigned char)cl->ident.s[i]) != names[k][i])
				break;
		if (i != cl->ident.len)
			mismatch("class %lu: ident %s, predicate is_%s",
			    (unsigned long)k + 1, cl->ident.s, names[k]);
	}
	TAP_CHECK(end_check(), "the class predicates are named by the "
	    "classes' identifiers");
}

static void
check_status(const struct table *tb, const struct status *st)
{
	const struct status_class *cl = find_class(tb, st->code / 100);
	long c = st->code;
	size_t j;
	int v;

	start_check();
	expect_text("http_status_reason", c, http_status_reason(st->code),
	    &st->reason);
	expect_text("http_status_description", c,
	    http_status_description(st->code), &st->description);
	expect_text("http_status_reference", c,
	    http_status_reference(st->code), &st->reference);
	expect_name(st);
	expect_text("http_status_origin", c, http_status_origin(st->code),
	    st->origin.len > 0 ? &st->origin : NULL);
	for (j = 0; j < st->naliases; j++)
		expect_text("http_status_alias", c * 100 + (long)j,
		    http_status_alias(st->code, (int)j), &st->aliases[j]);
	expect_text("http_status_alias(code, number of aliases)", c,
	    http_status_alias(st->code, (int)st->naliases), NULL);
	expect_text("http_status_alias(code, -1)", c,
	    http_status_alias(st->code, -1), NULL);
	expect_text("http_status_alias(code, INT_MAX)", c,
	    http_status_alias(st->code, INT_MAX), NULL);
	expect_text("http_status_alias(code, INT_MIN)", c,
	    http_status_alias(st->code, INT_MIN), NULL);
	expect_int("http_status_reason_len", c,
	    (long)http_status_reason_len(st->code), (long)st->reason.len);
	expect_line(st, st->code);
	expect_class_predicates(st->code);

	expect_int("http_status_class", c, http_status_class_of(st->code),
	    st->code / 100);
	expect_text("http_status_class_name", c / 100,
	    http_status_class_name(http_status_class_of(st->code)),
	    cl ? &cl->name : NULL);

	expect_int("http_status_is_known", c, http_status_is_known(st->code), 1);
	/* The predicates below are named by hand: a registry state this test
	 * does not know would otherwise go untested without a sound. */
	expect_int("a registry state this test checks", c,
	    known_registry(st->registry.s), 1);
	expect_int("http_status_is_cacheable", c,
	    http_status_is_cacheable(st->code), st->cacheable);
	expect_int("http_status_is_redirect", c,
	    http_status_is_redirect(st->code), st->redirect);
	expect_int("http_status_is_empty_body", c,
	    http_status_is_empty_body(st->code), st->empty_body);
	expect_int("http_status_is_retryable", c,
	    http_status_is_retryable(st->code), st->retryable);
	expect_int("http_status_is_standard", c,
	    http_status_is_standard(st->code),
	    strcmp(st->registry.s, "standard") == 0);
	expect_int("http_status_is_deprecated", c,
	    http_status_is_deprecated(st->code),
	    strcmp(st->registry.s, "deprecated") == 0);
	expect_int("http_status_is_obsolete", c,
	    http_status_is_obsolete(st->code),
	    strcmp(st->registry.s, "obsolete") == 0);
	expect_int("http_status_is_unofficial", c,
	    http_status_is_unofficial(st->code),
	    strcmp(st->registry.s, "unofficial") == 0);
	expect_int("http_status_is_temporary", c,
	    http_status_is_temporary(st->code),
	    strcmp(st->registry.s, "temporary") == 0);
	expect_int("http_status_is_reserved", c,
	    http_status_is_reserved(st->code),
	    strcmp(st->registry.s, "reserved") == 0);

	/* The reason and every alias, in five spellings, find the code. */
	for (j = 0; j <= st->naliases; j++) {
		const struct text *p = j == 0 ? &st->reason :
		    &st->aliases[j - 1];
		char *buf = xmalloc(p->len + 2);

		for (v = 0; v < 5; v++) {
			case_variant(p, v, buf);
			expect_lookup(tb, buf, p->len, st->code,
			    variant_names[v]);
		}
		/* _n looks at its len bytes only, whatever is around them. */
		buf[0] = 'x';
		memcpy(buf + 1, p->s, p->len);
		buf[p->len + 1] = 'x';
		expect_int("http_status_from_reason_n(phrase inside a buffer)",
		    st->code, http_status_from_reason_n(buf + 1, p->len),
		    st->code);
		free(buf);
	}
	TAP_CHECK(end_check(), "%d %s: text, length, line, name, class, flags, registry, "
	    "lookup of the reason and %lu alias(es) in any case", st->code,
	    st->reason.s, (unsigned long)st->naliases);
}

/* ------------------------------------------------------------------ */
/* Checks across the table                                            */
/* ------------------------------------------------------------------ */

struct row {
	int		 code;
	int		 value;		/* HTTP_STATUS_<IDENT> */
	const char	*ident;
	const char	*reason;
};

#define ROW(code, ident, reason) { code, HTTP_STATUS_##ident, #ident, reason },
static const struct row rows[] = {
	HTTP_STATUS_LIST(ROW)
};
#undef ROW

#define NROWS	(sizeof(rows) / sizeof(rows[0]))

static void
check_list(const struct table *tb)
{
	size_t i;

	start_check();
	expect_int("HTTP_STATUS_COUNT", 0, HTTP_STATUS_COUNT, (long)tb->nst);
	expect_int("HTTP_STATUS_LIST entries", 0, (long)NROWS, (long)tb->nst);
	expect_int("entries of http_status_codes", 0,
	    (long)(sizeof(http_status_codes) / sizeof(http_status_codes[0])),
	    (long)tb->nst);
	for (i = 0; i < tb->nst && i < HTTP_STATUS_COUNT; i++)
		expect_int("http_status_codes[i]", (long)i,
		    http_status_codes[i], tb->st[i].code);
	for (i = 0; i < NROWS && i < tb->nst; i++) {
		const struct status *st = &tb->st[i];
		const struct row *r = &rows[i];

		if (r->code != st->code || r->value != st->code)
			mismatch("HTTP_STATUS_LIST entry %lu: code %d, "
			    "HTTP_STATUS_%s = %d, want %d", (unsigned long)i,
			    r->code, r->ident, r->value, st->code);
		if (strlen(r->ident) != st->ident.len ||
		    strcmp(r->ident, st->ident.s) != 0)
			mismatch("HTTP_STATUS_LIST entry %d: ident %s, want %s",
			    r->code, r->ident, st->ident.s);
		if (!same_text(r->reason, &st->reason))
			mismatch("HTTP_STATUS_LIST entry %d: reason \"%s\", "
			    "want \"%s\"", r->code, r->reason, st->reason.s);
	}
	TAP_CHECK(end_check(), "HTTP_STATUS_COUNT, http_status_codes and "
	    "HTTP_STATUS_LIST: every status in code order, enumerator = code, "
	    "ident, reason");
}

/*
 * The names of enum http_status and the header's macros that an alias's
 * identifier must not take (those without the HTTP_STATUS_ prefix): the
 * statuses' identifiers, the classes' (and their names' of 0.1.0, when
 * they differ), the flags and the header's own macros.
 */
static int
name_taken(const struct table *tb, const char *ident)
{
	static const char *const macros[] = { "H", "COUNT", "LIST",
	    "LIST_FULL", "LIST_ALIASES", "IMPLEMENTATION", "STATIC", "DEF",
	    "FLAG_CACHEABLE", "FLAG_REDIRECT", "FLAG_EMPTY_BODY",
	    "FLAG_RETRYABLE", "FLAG_STANDARD", "FLAG_TEMPORARY",
	    "FLAG_DEPRECATED", "FLAG_OBSOLETE", "FLAG_RESERVED",
	    "FLAG_UNOFFICIAL" };
	size_t i;

	for (i = 0; i < sizeof(macros) / sizeof(macros[0]); i++)
		if (strcmp(ident, macros[i]) == 0)
			return 1;
	for (i = 0; i < tb->nst; i++)
		if (strcmp(ident, tb->st[i].ident.s) == 0)
			return 1;
	for (i = 0; i < tb->ncl; i++) {
		struct text old = derive_ident(&tb->cl[i].name);
		int taken = strncmp(ident, "CLASS_", 6) == 0 &&
		    (strcmp(ident + 6, tb->cl[i].ident.s) == 0 ||
		    strcmp(ident + 6, old.s) == 0);

		free(old.s);
		if (taken)
			return 1;
	}
	return 0;
}

struct alias_row {
	int		 code;
	int		 value;		/* HTTP_STATUS_<IDENT> */
	const char	*ident;
	const char	*alias;
};

#define ALIAS_ROW(code, ident, alias) \
	{ code, HTTP_STATUS_##ident, #ident, alias },
static const struct alias_row alias_rows[] = {
	HTTP_STATUS_LIST_ALIASES(ALIAS_ROW)
	{ 0, 0, NULL, NULL }
};
#undef ALIAS_ROW

/* Adds name (which it takes) for code to tb's names. */
static void
add_name(struct table *tb, struct text name, int code)
{
	tb->names = realloc(tb->names, (tb->nnames + 1) * sizeof(*tb->names));
	tb->name_codes = realloc(tb->name_codes, (tb->nnames + 1) *
	    sizeof(*tb->name_codes));
	if (tb->names == NULL || tb->name_codes == NULL) {
		puts("Bail out! out of memory");
		exit(1);
	}
	tb->names[tb->nnames] = name;
	tb->name_codes[tb->nnames++] = code;
}

/* Phrase j of a status: its reason for 0, then its aliases. */
static const struct text *
phrase_of(const struct status *st, size_t j)
{
	return j == 0 ? &st->reason : &st->aliases[j - 1];
}

/*
 * The names of the enumerators, as the header documents them: each
 * status's identifier, then every other phrase of the data (in code order,
 * each status's reason and then its aliases as written) whose identifier
 * is valid and taken by no other name or phrase.
 */
static void
collect_names(struct table *tb)
{
	size_t i, j, k, m;

	for (i = 0; i < tb->nst; i++)
		add_name(tb, text_new(tb->st[i].ident.s, tb->st[i].ident.len),
		    tb->st[i].code);
	for (i = 0; i < tb->nst; i++)
		for (j = 0; j <= tb->st[i].naliases; j++) {
			struct text id = derive_ident(phrase_of(&tb->st[i], j));
			int ok = id.len > 0 && id.s[0] != '_' &&
			    !name_taken(tb, id.s);

			for (k = 0; ok && k < tb->nst; k++)
				for (m = 0; ok && m <= tb->st[k].naliases;
				    m++) {
					struct text other;

					if (k == i && m == j)
						continue;
					other = derive_ident(
					    phrase_of(&tb->st[k], m));
					ok = strcmp(other.s, id.s) != 0;
					free(other.s);
				}
			if (ok)
				add_name(tb, id, tb->st[i].code);
			else
				free(id.s);
		}
}

/* The alias enumerators are the names after the statuses', each equal
 * to its code, with the alias it comes from. */
static void
check_alias_enumerators(const struct table *tb)
{
	size_t n = 0, i, j, k;

	start_check();
	for (k = tb->nst; k < tb->nnames; k++, n++) {
		const struct alias_row *r = &alias_rows[n];
		const struct text *alias = NULL;
		const struct status *st = find_status(tb, tb->name_codes[k]);

		for (j = 0; st != NULL && j <= st->naliases; j++) {
			struct text id = derive_ident(phrase_of(st, j));

			if (strcmp(id.s, tb->names[k].s) == 0)
				alias = phrase_of(st, j);
			free(id.s);
		}
		if (r->ident == NULL || strcmp(r->ident, tb->names[k].s) != 0 ||
		    r->code != tb->name_codes[k] ||
		    r->value != tb->name_codes[k] || alias == NULL ||
		    !same_text(r->alias, alias))
			mismatch("alias enumerator %lu: HTTP_STATUS_%s = %d, "
			    "want HTTP_STATUS_%s = %d", (unsigned long)n,
			    r->ident ? r->ident : "(none)", r->value,
			    tb->names[k].s, tb->name_codes[k]);
	}
	for (i = 0; alias_rows[i].ident != NULL; i++)
		;
	expect_int("HTTP_STATUS_LIST_ALIASES entries", 0, (long)i, (long)n);
	TAP_CHECK(end_check(), "%lu alias enumerators: each other phrase "
	    "whose identifier is free, equal to its code", (unsigned long)n);
}

/* s[0..len) with every '_' made sep, in out. */
static void
with_separator(const char *s, size_t len, int sep, char *out)
{
	size_t i;

	for (i = 0; i < len; i++)
		out[i] = s[i] == '_' ? (char)sep : s[i];
}

/*
 * The code that name means without a prefix before it: its own, unless it
 * is another name with the HTTP_STATUS_ prefix, whose code it then is
 * (the lookup reads a prefix as the prefix).
 */
static int
bare_name_code(const struct table *tb, size_t i)
{
	static const char prefix[] = "HTTP_STATUS_";
	const struct text *name = &tb->names[i];
	size_t plen = sizeof(prefix) - 1, k;

	if (name->len > plen && memcmp(name->s, prefix, plen) == 0)
		for (k = 0; k < tb->nnames; k++)
			if (tb->names[k].len == name->len - plen &&
			    memcmp(tb->names[k].s, name->s + plen,
			    name->len - plen) == 0)
				return tb->name_codes[k];
	return tb->name_codes[i];
}

/*
 * Every name with each prefix (none, HTTP_STATUS_ in three spellings),
 * in each case variant and with each separator ('_', '-', ' '): its code
 * (without a prefix, a name that is another with the prefix gives that
 * one's), as the oracle says too.
 */
static void
check_names(const struct table *tb)
{
	static const char *const prefixes[] = { "", "HTTP_STATUS_",
	    "http-status-", "Http Status " };
	static const char seps[] = { '_', '-', ' ' };
	char buf[256], out[256];
	size_t i, p, k, plen;
	int v, want;
	unsigned long n = 0;

	start_check();
	lk = &by_name;
	for (i = 0; i < tb->nnames; i++) {
		const struct text *name = &tb->names[i];

		for (p = 0; p < sizeof(prefixes) / sizeof(prefixes[0]); p++)
			for (k = 0; k < sizeof(seps); k++)
				for (v = 0; v < 5; v++) {
					struct text t;

					plen = strlen(prefixes[p]);
					if (plen + name->len > sizeof(buf))
						continue;
					memcpy(buf, prefixes[p], plen);
					with_separator(name->s, name->len,
					    seps[k], buf + plen);
					t.s = buf;
					t.len = plen + name->len;
					case_variant(&t, v, out);
					want = p == 0 ? bare_name_code(tb, i) :
					    tb->name_codes[i];
					if (name_oracle(tb, out, t.len) != want)
						mismatch("the oracle misses "
						    "%s", name->s);
					expect_lookup(tb, out, t.len, want,
					    "variant");
					n++;
				}
	}
	expect_int("http_status_from_name(NULL)", 0,
	    http_status_from_name(NULL), 0);
	expect_int("http_status_from_name_n(NULL, 5)", 0,
	    http_status_from_name_n(NULL, 5), 0);
	expect_int("http_status_from_name(\"\")", 0,
	    http_status_from_name(""), 0);
	expect_int("http_status_from_name(\"HTTP_STATUS_\")", 0,
	    http_status_from_name("HTTP_STATUS_"), 0);
	expect_int("http_status_from_name(\"HTTP_STATUS__NOT_FOUND\")", 0,
	    http_status_from_name("HTTP_STATUS__NOT_FOUND"), 0);
	expect_int("http_status_from_name(\"CLASS_SUCCESS\")", 0,
	    http_status_from_name("CLASS_SUCCESS"), 0);
	lk = &by_reason;
	TAP_CHECK(end_check(), "http_status_from_name(_n) of every name (%lu), "
	    "with and without the prefix, in 5 cases and 3 separators: %lu "
	    "variants, each its code; NULL, \"\" and the prefix alone 0",
	    (unsigned long)tb->nnames, n);
}

struct full_row {
	int		 code;
	const char	*ident;
	const char	*reason;
	int		 cls;
	unsigned	 flags;
};

#define FULL_ROW(code, ident, reason, cls, flags) \
	{ code, #ident, reason, cls, flags },
static const struct full_row full_rows[] = {
	HTTP_STATUS_LIST_FULL(FULL_ROW)
};
#undef FULL_ROW

/* The flags of HTTP_STATUS_LIST_FULL that st must have. */
static unsigned
want_flags(const struct status *st)
{
	return (st->cacheable ? HTTP_STATUS_FLAG_CACHEABLE : 0U) |
	    (st->redirect ? HTTP_STATUS_FLAG_REDIRECT : 0U) |
	    (st->empty_body ? HTTP_STATUS_FLAG_EMPTY_BODY : 0U) |
	    (st->retryable ? HTTP_STATUS_FLAG_RETRYABLE : 0U) |
	    (strcmp(st->registry.s, "standard") == 0 ?
	    HTTP_STATUS_FLAG_STANDARD : 0U) |
	    (strcmp(st->registry.s, "deprecated") == 0 ?
	    HTTP_STATUS_FLAG_DEPRECATED : 0U) |
	    (strcmp(st->registry.s, "obsolete") == 0 ?
	    HTTP_STATUS_FLAG_OBSOLETE : 0U) |
	    (strcmp(st->registry.s, "temporary") == 0 ?
	    HTTP_STATUS_FLAG_TEMPORARY : 0U) |
	    (strcmp(st->registry.s, "reserved") == 0 ?
	    HTTP_STATUS_FLAG_RESERVED : 0U) |
	    (strcmp(st->registry.s, "unofficial") == 0 ?
	    HTTP_STATUS_FLAG_UNOFFICIAL : 0U);
}

static void
check_full_list(const struct table *tb)
{
	size_t i, n = sizeof(full_rows) / sizeof(full_rows[0]);

	start_check();
	expect_int("HTTP_STATUS_LIST_FULL entries", 0, (long)n, (long)tb->nst);
	for (i = 0; i < n && i < tb->nst; i++) {
		const struct status *st = &tb->st[i];
		const struct full_row *r = &full_rows[i];

		expect_int("HTTP_STATUS_LIST_FULL code", (long)i, r->code,
		    st->code);
		if (strcmp(r->ident, st->ident.s) != 0 ||
		    !same_text(r->reason, &st->reason))
			mismatch("HTTP_STATUS_LIST_FULL entry %d: %s \"%s\"",
			    r->code, r->ident, r->reason);
		expect_int("HTTP_STATUS_LIST_FULL class", st->code, r->cls,
		    st->code / 100);
		expect_int("HTTP_STATUS_LIST_FULL flags", st->code,
		    (long)r->flags, (long)want_flags(st));
	}
	TAP_CHECK(end_check(), "HTTP_STATUS_LIST_FULL: every status in code "
	    "order with ident, reason, class and flags");
}

static void
check_enums(const struct table *tb)
{
	static const struct {
		long		 value;
		const char	*ident;
	} classes[] = {
		{ HTTP_STATUS_CLASS_INFORMATIONAL, "INFORMATIONAL" },
		{ HTTP_STATUS_CLASS_SUCCESS, "SUCCESS" },
		{ HTTP_STATUS_CLASS_REDIRECTION, "REDIRECTION" },
		{ HTTP_STATUS_CLASS_CLIENT_ERROR, "CLIENT_ERROR" },
		{ HTTP_STATUS_CLASS_SERVER_ERROR, "SERVER_ERROR" }
	};
	/* The names of 0.1.0, deprecated macros for one release. */
	static const struct {
		long		 value, now;
	} old[] = {
		{ HTTP_STATUS_CLASS_SUCCESSFUL, HTTP_STATUS_CLASS_SUCCESS },
		{ HTTP_STATUS_CLASS_REDIRECTS, HTTP_STATUS_CLASS_REDIRECTION },
		{ HTTP_STATUS_CLASS_CLIENT_ERRORS, HTTP_STATUS_CLASS_CLIENT_ERROR },
		{ HTTP_STATUS_CLASS_SERVER_ERRORS, HTTP_STATUS_CLASS_SERVER_ERROR }
	};
	size_t i, j;

	start_check();
	expect_int("number of classes", 0, (long)tb->ncl,
	    (long)(sizeof(classes) / sizeof(classes[0])));
	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		for (j = 0; j < tb->ncl; j++)
			if (strcmp(tb->cl[j].ident.s, classes[i].ident) == 0)
				break;
		if (j == tb->ncl)
			mismatch("HTTP_STATUS_CLASS_%s: no such class in the "
			    "data", classes[i].ident);
		else
			expect_int(classes[i].ident, 0, classes[i].value,
			    tb->cl[j].cls);
	}
	for (i = 0; i < sizeof(old) / sizeof(old[0]); i++)
		expect_int("deprecated class name", (long)i, old[i].value,
		    old[i].now);
	/* A few enumerators by name, so that the spelling is pinned too
	 * (in the shipped table; tests/generated/tables tests others). */
#ifndef STATUS_TABLE_OTHER
	expect_int("HTTP_STATUS_CONTINUE", 0, HTTP_STATUS_CONTINUE, 100);
	expect_int("HTTP_STATUS_OK", 0, HTTP_STATUS_OK, 200);
	expect_int("HTTP_STATUS_NON_AUTHORITATIVE_INFORMATION", 0,
	    HTTP_STATUS_NON_AUTHORITATIVE_INFORMATION, 203);
	expect_int("HTTP_STATUS_NOT_FOUND", 0, HTTP_STATUS_NOT_FOUND, 404);
	expect_int("HTTP_STATUS_IM_A_TEAPOT", 0, HTTP_STATUS_IM_A_TEAPOT, 418);
	expect_int("HTTP_STATUS_REQUEST_URI_TOO_LONG", 0,
	    HTTP_STATUS_REQUEST_URI_TOO_LONG, 414);
	expect_int("HTTP_STATUS_NETWORK_CONNECT_TIMEOUT_ERROR", 0,
	    HTTP_STATUS_NETWORK_CONNECT_TIMEOUT_ERROR, 599);
#endif
	TAP_CHECK(end_check(), "enum http_status_class matches the classes; "
	    "enumerator spelling");
}

/* Every int from -1 to 1000 and the extremes. */
static const int extremes[] = {
	INT_MIN, INT_MIN + 1, -1000, -404, -100, INT_MAX - 1, INT_MAX
};

#define NEXTREMES	(sizeof(extremes) / sizeof(extremes[0]))

static int
sweep_value(size_t i)
{
	return i < NEXTREMES ? extremes[i] : (int)(i - NEXTREMES) - 1;
}

#define NSWEEP	(NEXTREMES + 1002)

/* Everything about a code that is not a status: no text, every flag 0. */
static void
check_unknown(int code)
{
	expect_int("http_status_is_known", code, http_status_is_known(code), 0);
	expect_text("http_status_reason", code, http_status_reason(code), NULL);
	expect_text("http_status_description", code,
	    http_status_description(code), NULL);
	expect_text("http_status_reference", code,
	    http_status_reference(code), NULL);
	expect_text("http_status_name", code, http_status_name(code), NULL);
	expect_text("http_status_origin", code, http_status_origin(code), NULL);
	expect_text("http_status_alias(code, 0)", code,
	    http_status_alias(code, 0), NULL);
	expect_int("http_status_reason_len", code,
	    (long)http_status_reason_len(code), 0);
	expect_line(NULL, code);
	expect_int("http_status_is_cacheable", code,
	    http_status_is_cacheable(code), 0);
	expect_int("http_status_is_redirect", code,
	    http_status_is_redirect(code), 0);
	expect_int("http_status_is_empty_body", code,
	    http_status_is_empty_body(code), 0);
	expect_int("http_status_is_retryable", code,
	    http_status_is_retryable(code), 0);
	expect_int("http_status_is_standard", code,
	    http_status_is_standard(code), 0);
	expect_int("http_status_is_deprecated", code,
	    http_status_is_deprecated(code), 0);
	expect_int("http_status_is_obsolete", code,
	    http_status_is_obsolete(code), 0);
	expect_int("http_status_is_unofficial", code,
	    http_status_is_unofficial(code), 0);
	expect_int("http_status_is_temporary", code,
	    http_status_is_temporary(code), 0);
	expect_int("http_status_is_reserved", code,
	    http_status_is_reserved(code), 0);
}

/* http_status_class_of() and http_status_class_name() of any int. */
static void
check_class_of(const struct table *tb, int code)
{
	const struct status_class *cl = find_class(tb, code);

	expect_int("http_status_class", code, http_status_class_of(code),
	    code >= 100 && code <= 599 ? code / 100 : 0);
	expect_text("http_status_class_name", code,
	    http_status_class_name(code), cl ? &cl->name : NULL);
	expect_text("http_status_class_summary", code,
	    http_status_class_summary(code), cl ? &cl->summary : NULL);
}

static void
check_codes(const struct table *tb)
{
	size_t i, nknown = 0;

	start_check();
	for (i = 0; i < NSWEEP; i++) {
		int code = sweep_value(i);

		if (find_status(tb, code) != NULL)
			nknown++;	/* checked with its status */
		else
			check_unknown(code);
	}
	expect_int("known codes in the sweep", 0, (long)nknown, (long)tb->nst);
	TAP_CHECK(end_check(), "unknown codes (-1..1000, INT_MIN, INT_MAX): "
	    "NULL text, length 0, line \"NNN \" in 100..599 else NULL, every "
	    "predicate 0");

	start_check();
	for (i = 0; i < NSWEEP; i++) {
		int code = sweep_value(i);

		expect_int("http_status_class", code, http_status_class_of(code),
		    code >= 100 && code <= 599 ? code / 100 : 0);
		expect_class_predicates(code);
		expect_int("http_status_from_name(http_status_name(code))",
		    code, http_status_from_name(http_status_name(code)),
		    find_status(tb, code) != NULL ? code : 0);
	}
	TAP_CHECK(end_check(), "http_status_class and the class predicates: "
	    "code / 100 for 100..599, else 0, known or not; from_name of "
	    "name: the code, or 0 for an unknown one (NULL)");

	start_check();
	for (i = 0; i < NSWEEP; i++) {
		int cls = sweep_value(i);
		const struct status_class *cl = find_class(tb, cls);

		expect_text("http_status_class_name", cls,
		    http_status_class_name(cls), cl ? &cl->name : NULL);
		expect_text("http_status_class_summary", cls,
		    http_status_class_summary(cls), cl ? &cl->summary : NULL);
	}
	TAP_CHECK(end_check(), "http_status_class_name and _summary: the name "
	    "and summary of each class, NULL for any other int");
}

/*
 * Codes that a table indexed by a truncated or masked code would take for
 * a known one: the same low 8, 10, 12, 16 or 24 bits, the same low 31
 * bits with the sign bit set, the same magnitude with the other sign.
 */
static void
check_aliased_codes(const struct table *tb)
{
	static const int offsets[] = {
		256, -256, 1000, 1024, 4096, 65536, -65536, 1 << 24, -(1 << 24)
	};
	size_t i, k;
	unsigned long n = 0;

	start_check();
	for (i = 0; i < tb->nst; i++) {
		int c = tb->st[i].code;
		int alias[sizeof(offsets) / sizeof(offsets[0]) + 2];
		size_t nalias = 0;

		if (c < 0 || c > 1000)
			continue;	/* the data checks the range */
		for (k = 0; k < sizeof(offsets) / sizeof(offsets[0]); k++)
			alias[nalias++] = c + offsets[k];
		alias[nalias++] = -c;
		alias[nalias++] = c + INT_MIN;
		for (k = 0; k < nalias; k++) {
			if (find_status(tb, alias[k]) != NULL)
				continue;
			n++;
			check_unknown(alias[k]);
			check_class_of(tb, alias[k]);
		}
	}
	TAP_CHECK(end_check(), "%lu codes equal to a known code in their low "
	    "bits or but for the sign: unknown, class by range", n);
}

/* ------------------------------------------------------------------ */
/* Reverse lookup of near misses                                      */
/* ------------------------------------------------------------------ */

/*
 * The variants of at most this many phrases (or names) are tried. The
 * oracle reads every phrase, so a table of thousands
 * (tests/generated/tables) would take many minutes; there the phrases are
 * taken evenly spread, and each variant is still looked up against the
 * whole table. The shipped table has fewer, so every one of its phrases
 * is varied.
 */
#define MAX_VARIED	160

/*
 * Calls fn(tb, phrase) for the reason and each alias of every status,
 * or, when the lookup under test is by name, for every name; when sample
 * is set and there are more than MAX_VARIED, for MAX_VARIED of them
 * evenly spread.
 */
static void
each_phrase(const struct table *tb, int sample,
    void (*fn)(const struct table *, const struct text *))
{
	size_t i, j, total = 0, at = 0, stride;

	if (lk == &by_name)
		total = tb->nnames;
	else
		for (i = 0; i < tb->nst; i++)
			total += tb->st[i].naliases + 1;
	stride = sample && total > MAX_VARIED ?
	    (total + MAX_VARIED - 1) / MAX_VARIED : 1;
	if (lk == &by_name) {
		for (i = 0; i < tb->nnames; i++)
			if (i % stride == 0)
				fn(tb, &tb->names[i]);
		return;
	}
	for (i = 0; i < tb->nst; i++)
		for (j = 0; j <= tb->st[i].naliases; j++)
			if (at++ % stride == 0)
				fn(tb, j == 0 ? &tb->st[i].reason :
				    &tb->st[i].aliases[j - 1]);
}

/* How many variants each check tried, and how many still were a phrase. */
static unsigned long ntried, nmatched;

/* Looks s[0..len) up and checks the answer against the oracle's. */
static void
try_variant(const struct table *tb, const char *s, size_t len,
    const char *what)
{
	int want = lk->oracle(tb, s, len);

	ntried++;
	if (want != 0)
		nmatched++;
	expect_lookup(tb, s, len, want, what);
}

/* Every proper prefix, the empty one included. */
static void
prefixes(const struct table *tb, const struct text *p)
{
	size_t i;

	for (i = 0; i < p->len; i++)
		try_variant(tb, p->s, i, "prefix");
}

/* Every proper suffix, the empty one included. */
static void
suffixes(const struct table *tb, const struct text *p)
{
	size_t i;

	for (i = 1; i <= p->len; i++)
		try_variant(tb, p->s + i, p->len - i, "suffix");
}

/* Every byte replaced with each of the 255 other byte values. */
static void
substitutions(const struct table *tb, const struct text *p)
{
	char *buf = xmalloc(p->len);
	size_t i;
	int c;

	memcpy(buf, p->s, p->len);
	for (i = 0; i < p->len; i++) {
		for (c = 0; c < 256; c++) {
			if (c == (unsigned char)p->s[i])
				continue;
			buf[i] = (char)c;
			try_variant(tb, buf, p->len, "substitution");
		}
		buf[i] = p->s[i];
	}
	free(buf);
}

/* Each of the 256 byte values inserted at every position, ends included. */
static void
insertions(const struct table *tb, const struct text *p)
{
	char *buf = xmalloc(p->len + 1);
	size_t i;
	int c;

	for (i = 0; i <= p->len; i++) {
		memcpy(buf, p->s, i);
		memcpy(buf + i + 1, p->s + i, p->len - i);
		for (c = 0; c < 256; c++) {
			buf[i] = (char)c;
			try_variant(tb, buf, p->len + 1, "insertion");
		}
	}
	free(buf);
}

/* Every byte in turn deleted. */
static void
deletions(const struct table *tb, const struct text *p)
{
	char *buf = xmalloc(p->len);
	size_t i;

	for (i = 0; i < p->len; i++) {
		memcpy(buf, p->s, i);
		memcpy(buf + i, p->s + i + 1, p->len - i - 1);
		try_variant(tb, buf, p->len - 1, "deletion");
	}
	free(buf);
}

/* Every two neighbouring bytes that differ, swapped. */
static void
transpositions(const struct table *tb, const struct text *p)
{
	char *buf = xmalloc(p->len);
	size_t i;

	memcpy(buf, p->s, p->len);
	for (i = 0; i + 1 < p->len; i++) {
		if (p->s[i] == p->s[i + 1])
			continue;
		buf[i] = p->s[i + 1];
		buf[i + 1] = p->s[i];
		try_variant(tb, buf, p->len, "transposition");
		buf[i] = p->s[i];
		buf[i + 1] = p->s[i + 1];
	}
	free(buf);
}

/*
 * A NUL at every position, inserted or in place of a byte: through _n the
 * length counts it, and no phrase holds a NUL, so nothing may match.
 */
static void
embedded_nul(const struct table *tb, const struct text *p)
{
	char *buf = xmalloc(p->len + 1);
	size_t i;

	for (i = 0; i <= p->len; i++) {
		memcpy(buf, p->s, i);
		buf[i] = '\0';
		memcpy(buf + i + 1, p->s + i, p->len - i);
		if (lk->oracle(tb, buf, p->len + 1) != 0)
			mismatch("oracle matched \"%s\" with a NUL at %lu",
			    p->s, (unsigned long)i);
		try_variant(tb, buf, p->len + 1, "NUL inserted");
		if (i == p->len)
			break;
		memcpy(buf, p->s, p->len);
		buf[i] = '\0';
		if (lk->oracle(tb, buf, p->len) != 0)
			mismatch("oracle matched \"%s\" with a NUL for byte %lu",
			    p->s, (unsigned long)i);
		try_variant(tb, buf, p->len, "NUL for a byte");
	}
	free(buf);
}

static void
check_near_misses(const struct table *tb)
{
	static const struct {
		void		 (*fn)(const struct table *,
				    const struct text *);
		const char	*what;
	} families[] = {
		{ prefixes, "every proper prefix of a phrase" },
		{ suffixes, "every proper suffix of a phrase" },
		{ substitutions, "every byte of a phrase replaced with each "
		    "other byte value" },
		{ insertions, "each byte value inserted at every position of "
		    "a phrase" },
		{ deletions, "every byte of a phrase deleted" },
		{ transpositions, "every two neighbouring bytes of a phrase "
		    "swapped" },
		{ embedded_nul, "a NUL inserted or put in place of a byte "
		    "anywhere in a phrase" }
	};
	size_t i;

	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
		start_check();
		ntried = nmatched = 0;
		each_phrase(tb, 1, families[i].fn);
		if (ntried == 0)
			mismatch("no variant tried");
		TAP_CHECK(end_check(), "%s(_n) of %s: %lu variants, %lu of "
		    "them still a %s, all as the oracle says", lk->fn,
		    families[i].what, ntried, nmatched, lk->noun);
	}
}

/* Every string of 0, 1 and 2 bytes: all of the shortest lengths. */
static void
check_short_strings(const struct table *tb)
{
	char buf[2];
	int a, b;

	start_check();
	ntried = nmatched = 0;
	try_variant(tb, "", 0, "empty");
	for (a = 0; a < 256; a++) {
		buf[0] = (char)a;
		try_variant(tb, buf, 1, "one byte");
		for (b = 0; b < 256; b++) {
			buf[1] = (char)b;
			try_variant(tb, buf, 2, "two bytes");
		}
	}
	TAP_CHECK(end_check(), "%s(_n) of every string of up to 2 bytes: %lu "
	    "strings, %lu of them a %s, all as the oracle says", lk->fn,
	    ntried, nmatched, lk->noun);
}

static void
check_edge_lookups(const struct table *tb)
{
	char nul = '\0';
	char *buf;
	const struct status *st;

	start_check();
	expect_int("http_status_from_reason", 0, http_status_from_reason(NULL),
	    0);
	expect_int("http_status_from_reason_n(NULL, 0)", 0,
	    http_status_from_reason_n(NULL, 0), 0);
	expect_int("http_status_from_reason_n(NULL, 9)", 0,
	    http_status_from_reason_n(NULL, 9), 0);
	expect_int("http_status_from_reason(\"\")", 0,
	    http_status_from_reason(""), 0);
	expect_int("http_status_from_reason_n(\"\\0\", 0)", 0,
	    http_status_from_reason_n(&nul, 0), 0);
	expect_int("http_status_from_reason_n(\"\\0\", 1)", 0,
	    http_status_from_reason_n(&nul, 1), 0);
	/* Length 0 at the end of a heap block: reading s[0] is an overflow. */
	buf = xmalloc(16);
	memset(buf, 'x', 16);
	expect_int("http_status_from_reason_n(end of a block, 0)", 0,
	    http_status_from_reason_n(buf + 16, 0), 0);
	free(buf);
	if (tb->nst > 0) {
		st = &tb->st[0];
		/* A valid phrase, but a length of 0: nothing is read. */
		expect_int("http_status_from_reason_n(reason, 0)", st->code,
		    http_status_from_reason_n(st->reason.s, 0), 0);
		/* from_reason stops at the NUL; _n does not. */
		buf = xmalloc(st->reason.len + 6);
		memcpy(buf, st->reason.s, st->reason.len);
		memcpy(buf + st->reason.len, "\0junk", 6);
		expect_int("http_status_from_reason(reason \"\\0junk\")",
		    st->code, http_status_from_reason(buf), st->code);
		expect_int("http_status_from_reason_n(reason \"\\0junk\")",
		    st->code, http_status_from_reason_n(buf,
		    st->reason.len + 5), 0);
		free(buf);
	}
	TAP_CHECK(end_check(), "from_reason(_n): NULL, empty, length 0, NUL "
	    "after a phrase");
}

/* ------------------------------------------------------------------ */
/* Long inputs                                                        */
/* ------------------------------------------------------------------ */

#define MIB	((size_t)1 << 20)

/*
 * Fills buf[0..n) with copies of p laid end to end, the first starting at
 * buf[0], or (at_end) the last ending at buf[n - 1].
 */
static void
fill_repeated(char *buf, size_t n, const struct text *p, int at_end)
{
	size_t i, k, shift = at_end ? (p->len - n % p->len) % p->len : 0;

	/* The first period, rotated by shift, then doubled up to n. */
	for (i = 0; i < p->len && i < n; i++)
		buf[i] = p->s[(i + shift) % p->len];
	for (k = p->len; k < n; k *= 2)
		memcpy(buf + k, buf, k < n - k ? k : n - k);
}

/*
 * Inputs far longer than any phrase, made of a phrase: a phrase then
 * NULs (from_reason sees the phrase; _n must not), a phrase then spaces,
 * spaces then a phrase, and a phrase repeated from either end. Lengths
 * wrap to the phrase's own in 8 and 16 bits, and 1 MiB; each input is a
 * heap block of exactly its length, so that ASan catches a read past it.
 */
static void
long_inputs(const struct table *tb, const struct text *p)
{
	size_t sizes[3], i;
	char *buf;

	if (p->len == 0)
		return;
	sizes[0] = p->len + 256;
	sizes[1] = p->len + 65536;
	sizes[2] = MIB;
	buf = xmalloc(MIB + p->len);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = sizes[i];

		memset(buf, 0, n);
		memcpy(buf, p->s, p->len);
		try_variant(tb, buf, n, "phrase then NULs");
		memset(buf + p->len, ' ', n - p->len);
		try_variant(tb, buf, n, "phrase then spaces");
		memset(buf, ' ', n);
		memcpy(buf + n - p->len, p->s, p->len);
		try_variant(tb, buf, n, "spaces then phrase");
		fill_repeated(buf, n, p, 0);
		try_variant(tb, buf, n, "phrase repeated");
		fill_repeated(buf, n, p, 1);
		try_variant(tb, buf, n, "phrase repeated, ending whole");
	}
	free(buf);
}

static void
check_long_inputs(const struct table *tb)
{
	start_check();
	ntried = nmatched = 0;
	each_phrase(tb, 1, long_inputs);
	TAP_CHECK(end_check(), "from_reason(_n) of %lu inputs of a phrase's "
	    "length + 2^8, + 2^16 and of 1 MiB, made of the phrase: 0, no read "
	    "past the end", ntried);
}

/* Finds the shortest and the longest phrase. */
static const struct text *shortest, *longest;

static void
note_length(const struct table *tb, const struct text *p)
{
	(void)tb;
	if (shortest == NULL || p->len < shortest->len)
		shortest = p;
	if (longest == NULL || p->len > longest->len)
		longest = p;
}

/*
 * Lengths past 4 GiB whose low 32 bits are a phrase's length, with the
 * phrase at both ends: a lookup that keeps the length in 32 bits would
 * find it. The input lies in an anonymous mapping, zero pages except where
 * the phrase is written, and ends right before an inaccessible page.
 */
static void
check_huge_lengths(const struct table *tb)
{
#if defined(MAP_ANONYMOUS) && SIZE_MAX > 0xffffffffu
#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif
	const size_t wrap = (size_t)1 << 32;
	const struct text *pick[2];
	size_t page, map, n, i;
	char *base, *end, *s;
	void *m;

	shortest = longest = NULL;
	each_phrase(tb, 0, note_length);
	if (shortest == NULL)
		return;
	pick[0] = shortest;
	pick[1] = longest;
	page = (size_t)sysconf(_SC_PAGESIZE);
	map = (wrap + longest->len + page - 1) / page * page + page;
	m = mmap(NULL, map, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED) {
		puts("# SKIP inputs of 4 GiB: mmap() failed");
		return;
	}
	base = m;
	end = base + map - page;
	if (mprotect(end, page, PROT_NONE) != 0) {
		puts("# SKIP inputs of 4 GiB: mprotect() failed");
		munmap(m, map);
		return;
	}
	start_check();
	for (i = 0; i < 2; i++) {
		n = wrap + pick[i]->len;
		s = end - n;
		memcpy(s, pick[i]->s, pick[i]->len);
		memcpy(end - pick[i]->len, pick[i]->s, pick[i]->len);
		expect_int("http_status_from_reason_n(phrase + 4 GiB)",
		    (long)pick[i]->len, http_status_from_reason_n(s, n), 0);
		memset(s, 0, pick[i]->len);
		memset(end - pick[i]->len, 0, pick[i]->len);
	}
	munmap(m, map);
	TAP_CHECK(end_check(), "from_reason_n of 4 GiB + the length of the "
	    "shortest and of the longest phrase, the phrase at both ends: 0, "
	    "no read past the end");
#else
	(void)tb;
	puts("# SKIP inputs of 4 GiB: no anonymous mmap(), or size_t has 32 "
	    "bits");
#endif
}

/* ------------------------------------------------------------------ */

int
main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : STATUS_DATA;
	struct table tb;
	size_t i;
	int loaded;

	loaded = load_table(path, &tb) == 0;
	if (!TAP_CHECK(loaded && tb.nst > 0,
	    "%s loads with libyaml: %lu statuses, %lu classes", path,
	    (unsigned long)tb.nst, (unsigned long)tb.ncl)) {
		table_free(&tb);
		return tap_done();
	}
	/* The data's version, not statusgen's; none without one. */
#ifdef HTTP_STATUS_VERSION
	TAP_CHECK(same_text(HTTP_STATUS_VERSION, &tb.version),
	    "HTTP_STATUS_VERSION is the table's version, \"%s\"",
	    HTTP_STATUS_VERSION);
#else
	TAP_CHECK(tb.version.s == NULL, "no HTTP_STATUS_VERSION: the table "
	    "has no version");
#endif
	check_list(&tb);
	check_full_list(&tb);
	check_enums(&tb);
	check_class_predicate_names(&tb);
	collect_names(&tb);
	check_alias_enumerators(&tb);
	check_names(&tb);
	for (i = 0; i < tb.nst; i++)
		check_status(&tb, &tb.st[i]);
	check_codes(&tb);
	check_aliased_codes(&tb);
	check_edge_lookups(&tb);
	check_short_strings(&tb);
	check_near_misses(&tb);
	check_long_inputs(&tb);
	check_huge_lengths(&tb);
	/* The same near misses and short strings for the names. */
	lk = &by_name;
	check_short_strings(&tb);
	check_near_misses(&tb);
	lk = &by_reason;
	table_free(&tb);
	return tap_done();
}
