/*
 * Unit tests for the C names: how each kind is spelled, which aliases give
 * enumerators, and that a name made twice is one located error per data
 * value, while a clashing alias or deprecated class name is only dropped.
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include "cnames.h"
#include "model.h"
#include "text.h"

static const char table[] =
	"classes:\n"
	"  - {class: 2, name: Successful, summary: OK, ident: SUCCESS}\n"
	"  - {class: 4, name: Client Errors, summary: C, ident: CLIENT_ERROR}\n"
	"statuses:\n"
	"  - {code: 200, reason: OK, description: d, reference: r,\n"
	"     registry: standard, aliases: [Okay, 2xx, Class Successful]}\n"
	"  - {code: 201, reason: Created, description: d, reference: r,\n"
	"     registry: standard, aliases: [Made, made!, Count]}\n"
	"  - {code: 404, reason: Not Found, description: d, reference: r,\n"
	"     registry: standard, aliases: [Not-Found, Gone Away]}\n";

/* Builds the model of src and its names; returns cnames_build()'s. */
static int
names_of(struct arena *arena, const char *src, struct capture *c,
    struct cnames *n)
{
	struct value *doc = harness_yaml(arena, "t.yaml", src), *model;

	if (model_build(doc, NULL, "t.yaml", NULL, NULL, arena, &c->d,
	    &model) != 0)
		harness_bail("the table of the test does not validate");
	return cnames_build(n, model, "t.yaml", "http_status", &c->d);
}

/* The names of each kind, spelled with prefix, space-separated, in b. */
static void
spell_all(const char *prefix, struct buf *b)
{
	struct cnames n;

	memset(&n, 0, sizeof(n));
	buf_clear(b);
	text_upper(prefix, strlen(prefix), b);
	buf_putc(b, '_');
	n.upper = buf_detach(b, NULL);
	buf_printf(b, "%s_", prefix);
	n.lower = buf_detach(b, NULL);
	cnames_spell(&n, b, CNAMES_ENUMERATOR, "NOT_FOUND", 9);
	buf_putc(b, ' ');
	cnames_spell(&n, b, CNAMES_CLASS, "SUCCESS", 7);
	buf_putc(b, ' ');
	cnames_spell(&n, b, CNAMES_FLAG, "redirect", 8);
	buf_putc(b, ' ');
	cnames_spell(&n, b, CNAMES_PREDICATE, "CLIENT_ERROR", 12);
	buf_putc(b, ' ');
	cnames_spell(&n, b, CNAMES_MACRO, "COUNT", 5);
	free(n.upper);
	free(n.lower);
}

static void
test_spell(void)
{
	struct buf b;

	buf_init(&b);
	spell_all("http_status", &b);
	CHECK_TEXT(buf_cstr(&b), "HTTP_STATUS_NOT_FOUND "
	    "HTTP_STATUS_CLASS_SUCCESS HTTP_STATUS_FLAG_REDIRECT "
	    "http_status_is_client_error HTTP_STATUS_COUNT",
	    "each kind of name is spelled with its prefix and case");
	spell_all("app_status", &b);
	CHECK_TEXT(buf_cstr(&b), "APP_STATUS_NOT_FOUND "
	    "APP_STATUS_CLASS_SUCCESS APP_STATUS_FLAG_REDIRECT "
	    "app_status_is_client_error APP_STATUS_COUNT",
	    "with another prefix, every name starts with it");
	buf_free(&b);
}

static void
test_aliases(void)
{
	struct arena arena;
	struct capture c;
	struct cnames n;
	struct buf got;
	size_t i;
	int rc;

	arena_init(&arena);
	capture_open(&c);
	rc = names_of(&arena, table, &c, &n);
	TAP_CHECK(rc == 0 && c.d.errors == 0, "a table whose names all "
	    "differ passes");
	buf_init(&got);
	for (i = 0; i < n.naliases; i++)
		buf_printf(&got, "%s%s", i > 0 ? " " : "", n.aliases[i].ident);
	/* 2xx has no identifier, Class Successful is the class's old name,
	 * Made and made! clash, Count is a macro, Not-Found is the reason's. */
	CHECK_TEXT(buf_cstr(&got), "OKAY GONE_AWAY", "only the aliases that "
	    "give a free identifier give enumerators");
	TAP_CHECK(n.old_class[0] == 0 && n.old_class[1] == 1,
	    "a class keeps its old name unless an alias has it");
	buf_free(&got);
	cnames_free(&n);
	capture_close(&c);
	arena_free(&arena);
}

/*
 * A status whose ident is pinned to another name than its reason's: the
 * reason gives an enumerator too, as an alias would, so that which
 * phrase is the reason moves no name. A class's old name comes from its
 * title, 0.1.0's heading.
 */
static void
test_pinned(void)
{
	static const char pinned[] =
	    "classes:\n"
	    "  - {class: 4, name: Client Error, title: Client Errors,\n"
	    "     summary: C, ident: CLIENT_ERROR}\n"
	    "statuses:\n"
	    "  - {code: 404, reason: Not Found, description: d, reference: r,\n"
	    "     registry: standard, ident: MISSING, aliases: [Gone Away]}\n"
	    "  - {code: 413, reason: Content Too Large, description: d,\n"
	    "     reference: r, registry: standard, ident: PAYLOAD_TOO_LARGE,\n"
	    "     aliases: [Payload Too Large]}\n";
	struct arena arena;
	struct capture c;
	struct cnames n;
	struct buf got;
	size_t i;
	int rc;

	arena_init(&arena);
	capture_open(&c);
	rc = names_of(&arena, pinned, &c, &n);
	buf_init(&got);
	for (i = 0; i < n.naliases; i++)
		buf_printf(&got, "%s%s", i > 0 ? " " : "", n.aliases[i].ident);
	TAP_CHECK(rc == 0, "a table with pinned idents passes");
	CHECK_TEXT(buf_cstr(&got), "NOT_FOUND GONE_AWAY CONTENT_TOO_LARGE",
	    "a reason that is not its ident's gives an enumerator; a phrase "
	    "that gives the ident itself does not");
	TAP_CHECK(n.old_class[0] == 1, "the old class name comes from the "
	    "title (CLIENT_ERRORS), not from the name");
	buf_free(&got);
	cnames_free(&n);
	capture_close(&c);
	arena_free(&arena);
}

static void
test_clash(void)
{
	static const char src[] =
	    "classes:\n"
	    "  - {class: 2, name: A, summary: s, ident: SAME}\n"
	    "  - {class: 3, name: B, summary: s, ident: SAME}\n"
	    "statuses:\n"
	    "  - {code: 200, reason: List, description: d, reference: r,\n"
	    "     registry: standard}\n";
	struct arena arena;
	struct capture c;
	struct cnames n;
	int rc;

	arena_init(&arena);
	capture_open(&c);
	rc = names_of(&arena, src, &c, &n);
	TAP_CHECK(rc == -1 && c.d.errors == 2, "two clashes, two errors");
	CHECK_TEXT(capture_text(&c),
	    "t.yaml:3:44: error: class 3 would define "
	    "HTTP_STATUS_CLASS_SAME, which class 2 defines already; give one "
	    "of the two an 'ident' of another name\n"
	    "t.yaml:2:44: note: class 2 gets the name from here\n"
	    "t.yaml:5:25: error: status 200 would define HTTP_STATUS_LIST, "
	    "which is already the name of the X-macro over the statuses; give "
	    "it an 'ident' of another name\n",
	    "a class's enumerator and predicate clash once; a status with a "
	    "macro's name");
	cnames_free(&n);
	capture_close(&c);
	arena_free(&arena);
}

/* Each class of prefix that makes code that does not compile, or breaks
 * its includer, is refused at the option; its near misses are not. */
static void
test_check_prefix(void)
{
	static const struct {
		const char	*prefix;
		const char	*why;	/* NULL: accepted */
	} cases[] = {
		{ "int", "keyword of C" }, { "restrict", "keyword of C" },
		{ "bool", "keyword of C" }, { "typeof_unqual", "keyword of C" },
		{ "class", "keyword of C++" }, { "new", "keyword of C++" },
		{ "co_await", "keyword of C++" }, { "wchar_t", "keyword of C++" },
		{ "bitand", "alternative token" }, { "xor_eq", "alternative token" },
		{ "NULL", "defines NULL" }, { "offsetof", "defines offsetof" },
		{ "size_t", "defines size_t" }, { "std", "defines std" },
		{ "a_", "\"__\"" }, { "a__b", "\"__\"" },
		{ "my_t", "_t" }, { "strx", "str, mem or wcs" },
		{ "memo", "str, mem or wcs" }, { "stddef", "stddef.h" },
		{ "unistd", "unistd.h" },
		{ "ints", NULL }, { "classy", NULL }, { "t", NULL },
		{ "my_t2", NULL }, { "str", NULL }, { "strX", NULL },
		{ "stddef2", NULL }, { "NULLABLE", NULL }, { "a_b", NULL },
	};
	struct srcpos at = { "-D prefix=X", 0, 0 };
	struct capture c;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		capture_open(&c);
		rc = cnames_check_prefix(cases[i].prefix, &at, &c.d);
		if (cases[i].why == NULL)
			TAP_CHECK(rc == 0 && c.d.errors == 0, "prefix %s is "
			    "accepted", cases[i].prefix);
		else
			TAP_CHECK(rc == -1 && c.d.errors == 1 &&
			    strstr(capture_text(&c), cases[i].why) != NULL &&
			    strncmp(capture_text(&c), "-D prefix=X: error: the "
			    "prefix cannot be", 36) == 0, "prefix %s is refused "
			    "at the option, saying why (%s)", cases[i].prefix,
			    cases[i].why);
		capture_close(&c);
	}
}

int
main(void)
{
	test_check_prefix();
	test_spell();
	test_aliases();
	test_pinned();
	test_clash();
	return tap_done();
}
