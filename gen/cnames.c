/* The C names: every identifier the generated C defines, made in one place and checked unique. */
#include "cnames.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "model.h"
#include "text.h"
#include "xalloc.h"

/*
 * The templates print every name from here (through clayout), so that
 * the check below sees exactly the names the outputs define: a name the
 * data makes twice, or one that a header macro already has, would
 * otherwise become a C compile error far from its cause.
 */

static const struct cnames_macro macros[] = {
	{ "guard", "H", "the include guard" },
	{ "count", "COUNT", "the number of statuses" },
	{ "version", "VERSION", "the table's version" },
	{ "list", "LIST", "the X-macro over the statuses" },
	{ "list_full", "LIST_FULL", "the X-macro with every field" },
	{ "list_aliases", "LIST_ALIASES", "the X-macro over the aliases" },
	{ "implementation", "IMPLEMENTATION",
	  "the macro that asks for the implementation" },
	{ "static", "STATIC", "the macro that asks for static functions" },
	{ "def", "DEF", "the linkage of the functions" },
	{ "implemented", "IMPLEMENTED",
	  "the guard of the implementation" },
	{ "packed", "PACKED", "a macro of the implementation" },
	{ "ones", "ONES", "a macro of the implementation" },
	{ "null", "NULL", "a macro of the implementation" },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

const struct cnames_macro *
cnames_macros(size_t *n)
{
	*n = NELEM(macros);
	return macros;
}

/* ---------------------------------------------------------------- */
/* The prefix                                                       */
/* ---------------------------------------------------------------- */

/*
 * Names the prefix cannot be, one row per reason: the generated code
 * declares "enum PREFIX", "PREFIX_..." and PREFIX.h. Keywords with a
 * leading '_' (_Bool, _Atomic...) are refused by the prefix's own rule.
 */
static const char *const c_keywords[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do",
	"double", "else", "enum", "extern", "float", "for", "goto", "if",
	"int", "long", "register", "return", "short", "signed", "sizeof",
	"static", "struct", "switch", "typedef", "union", "unsigned", "void",
	"volatile", "while",
	"inline", "restrict",				/* C99 */
	"alignas", "alignof", "bool", "constexpr", "false", "nullptr",
	"static_assert", "thread_local", "true", "typeof", "typeof_unqual",
							/* C23 */
	NULL
};
static const char *const cxx_keywords[] = {
	"asm", "catch", "class", "const_cast", "delete", "dynamic_cast",
	"explicit", "export", "friend", "mutable", "namespace", "new",
	"operator", "private", "protected", "public", "reinterpret_cast",
	"static_cast", "template", "this", "throw", "try", "typeid",
	"typename", "using", "virtual", "wchar_t",	/* C++98 */
	"char16_t", "char32_t", "decltype", "noexcept",	/* C++11 */
	"char8_t", "concept", "consteval", "constinit", "co_await",
	"co_return", "co_yield", "requires",		/* C++20 */
	NULL
};
static const char *const cxx_alternatives[] = {
	"and", "and_eq", "bitand", "bitor", "compl", "not", "not_eq", "or",
	"or_eq", "xor", "xor_eq", NULL
};
/* What <stddef.h> and <string.h> define that no rule below covers, and
 * C++'s namespace std, which "enum std" would clash with. */
static const char *const header_names[] = {
	"NULL", "offsetof", "size_t", "ptrdiff_t", "max_align_t",
	"nullptr_t", "unreachable", "locale_t", "stpcpy", "stpncpy", "std",
	NULL
};
/* The standard headers of C (C89 to C23) and POSIX without a folder. */
static const char *const std_headers[] = {
	"assert", "complex", "ctype", "errno", "fenv", "float", "inttypes",
	"iso646", "limits", "locale", "math", "setjmp", "signal", "stdalign",
	"stdarg", "stdatomic", "stdbit", "stdbool", "stdckdint", "stddef",
	"stdint", "stdio", "stdlib", "stdnoreturn", "string", "tgmath",
	"threads", "time", "uchar", "wchar", "wctype",
	"aio", "cpio", "dirent", "dlfcn", "fcntl", "fmtmsg", "fnmatch", "ftw",
	"glob", "grp", "iconv", "langinfo", "libgen", "libintl", "monetary",
	"mqueue", "ndbm", "netdb", "nl_types", "poll", "pthread", "pwd",
	"regex", "sched", "search", "semaphore", "spawn", "strings", "stropts",
	"syslog", "tar", "termios", "trace", "ulimit", "unistd", "utime",
	"utmpx", "wordexp",
	NULL
};

/* Each reason is a format for the prefix, which it may leave out. */
static const struct {
	const char *const	*names;
	const char		*why;
} refused[] = {
	{ c_keywords, "it is a keyword of C (C89 to C23)" },
	{ cxx_keywords, "it is a keyword of C++ (C++98 to C++23)" },
	{ cxx_alternatives, "it is an alternative token of C++, an operator "
	    "such as && in another spelling" },
	{ header_names, "<stddef.h> or <string.h> (which the generated code "
	    "includes) or C++ already defines %s" },
	{ std_headers, "the generated header would be %s.h, which shadows "
	    "the standard header of that name for every file that finds the "
	    "generated code with -I" },
};

static int
in_list(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

int
cnames_check_prefix(const char *prefix, const struct srcpos *at,
    struct diag *d)
{
	size_t i, len = strlen(prefix);
	const char *why = NULL;
	struct buf q;

	for (i = 0; why == NULL && i < NELEM(refused); i++)
		if (in_list(refused[i].names, prefix))
			why = refused[i].why;
	if (why != NULL)
		;
	else if (strstr(prefix, "__") != NULL || prefix[len - 1] == '_')
		why = "the names it gives would hold \"__\" (PREFIX__reason), "
		    "which C++ reserves anywhere in a name and C at the start";
	else if (len > 2 && strcmp(prefix + len - 2, "_t") == 0)
		why = "POSIX reserves the names that end in _t for its types";
	else if ((strncmp(prefix, "str", 3) == 0 ||
	    strncmp(prefix, "mem", 3) == 0 || strncmp(prefix, "wcs", 3) == 0) &&
	    prefix[3] >= 'a' && prefix[3] <= 'z')
		why = "C reserves the names that start with str, mem or wcs "
		    "and a lower-case letter for <string.h>, which the "
		    "generated code includes";
	if (why == NULL)
		return 0;
	buf_init(&q);
	buf_printf(&q, why, prefix);
	diag_error(d, at, "the prefix cannot be '%s': %s", prefix,
	    buf_cstr(&q));
	buf_free(&q);
	return -1;
}

/* ---------------------------------------------------------------- */
/* The names                                                        */
/* ---------------------------------------------------------------- */

/* One name that the outputs would define, and what makes it. */
struct entry {
	char			*name;
	const struct value	*at;		/* the data value, or NULL */
	char			*what;		/* "status 404", for messages */
	unsigned char		*keep;		/* optional names: cleared on a
						   clash; NULL: required */
	size_t			 order;
};

struct names {
	struct entry	*e;
	size_t		 n, cap;
	struct buf	 t;		/* the name being made */
	struct buf	 w;		/* what makes it */
	unsigned char	*alias_keep;	/* one flag per alias */
};

/* Adds the name ns->t, made by ns->w (it copies both). */
static void
add(struct names *ns, const struct value *at, unsigned char *keep)
{
	struct entry *e;

	ns->e = xgrow(ns->e, &ns->cap, ns->n + 1, sizeof(*ns->e));
	e = &ns->e[ns->n];
	e->name = xstrdup(buf_cstr(&ns->t));
	e->what = xstrdup(buf_cstr(&ns->w));
	e->at = at;
	e->keep = keep;
	e->order = ns->n++;
}

/* Sets ns->w to noun and number ("status 404"), or to noun alone when
 * quote is NULL and number negative, or to noun 'quote'. */
static void
what(struct names *ns, const char *noun, const char *quote, long long number)
{
	buf_clear(&ns->w);
	buf_puts(&ns->w, noun);
	if (quote != NULL)
		buf_printf(&ns->w, " '%s'", quote);
	else if (number >= 0)
		buf_printf(&ns->w, " %lld", number);
}

void
cnames_spell(const struct cnames *n, struct buf *out, enum cnames_kind kind,
    const char *s, size_t len)
{
	static const char *const infix[] = {
		[CNAMES_ENUMERATOR] = "",
		[CNAMES_CLASS] = "CLASS_",
		[CNAMES_FLAG] = "FLAG_",
		[CNAMES_PREDICATE] = "is_",
		[CNAMES_MACRO] = "",
	};

	buf_puts(out, kind == CNAMES_PREDICATE ? n->lower : n->upper);
	buf_puts(out, infix[kind]);
	if (kind == CNAMES_PREDICATE)
		text_lower(s, len, out);
	else
		text_upper(s, len, out);
}

/* Sets ns->t to the name of kind that s[0..len) gives. */
static void
spell(const struct cnames *n, struct buf *t, enum cnames_kind kind,
    const char *s, size_t len)
{
	buf_clear(t);
	cnames_spell(n, t, kind, s, len);
}

static const struct value *
get(const struct value *map, const char *key)
{
	return value_map_getz(map, key);
}

/* The predicates, in the order of the header: is_known, then the flags,
 * then the choices (the registries). */
static void
collect_predicates(struct cnames *n)
{
	size_t nf, i, k, cap = 0;
	const struct model_field *f = model_fields(MODEL_STATUS, &nf);
	struct cnames_predicate *p = NULL;

	p = xgrow(p, &cap, 1, sizeof(*p));
	p[n->npredicates++] = (struct cnames_predicate){ "known", "", NULL };
	for (i = 0; i < nf; i++)
		if (f[i].kind == MODEL_FLAG) {
			p = xgrow(p, &cap, n->npredicates + 1, sizeof(*p));
			p[n->npredicates++] = (struct cnames_predicate){
			    f[i].key, f[i].help, NULL };
		}
	for (i = 0; i < nf; i++)
		for (k = 0; f[i].kind == MODEL_CHOICE &&
		    f[i].choices[k].name != NULL; k++) {
			p = xgrow(p, &cap, n->npredicates + 1, sizeof(*p));
			p[n->npredicates++] = (struct cnames_predicate){
			    f[i].choices[k].name, f[i].choices[k].help,
			    f[i].key };
		}
	n->predicates = p;
}

/* The names that the generator makes without the data: the header's
 * macros, the predicates' functions and the flags' macros. */
static void
add_fixed(struct names *ns, const struct cnames *n)
{
	size_t i;

	for (i = 0; i < NELEM(macros); i++) {
		spell(n, &ns->t, CNAMES_MACRO, macros[i].name,
		    strlen(macros[i].name));
		what(ns, macros[i].what, NULL, -1);
		add(ns, NULL, NULL);
	}
	for (i = 0; i < n->npredicates; i++) {
		const char *p = n->predicates[i].name;

		spell(n, &ns->t, CNAMES_PREDICATE, p, strlen(p));
		what(ns, "the predicate of", p, -1);
		add(ns, NULL, NULL);
		if (i == 0)
			continue;	/* every status is known: no flag */
		spell(n, &ns->t, CNAMES_FLAG, p, strlen(p));
		what(ns, "the flag macro of", p, -1);
		add(ns, NULL, NULL);
	}
}

/* Each class's enumerator, predicate and deprecated name. */
static void
add_classes(struct names *ns, struct cnames *n, const struct value *classes)
{
	struct buf old;
	size_t i;

	buf_init(&old);
	n->old_class = xcalloc(value_len(classes) + 1, 1);
	for (i = 0; i < value_len(classes); i++) {
		const struct value *k = value_item(classes, i);
		const struct value *id = get(k, "ident");
		long long number = get(k, "class")->u.integer;

		what(ns, "class", NULL, number);
		spell(n, &ns->t, CNAMES_CLASS, value_str(id), value_strlen(id));
		add(ns, id, NULL);
		spell(n, &ns->t, CNAMES_PREDICATE, value_str(id),
		    value_strlen(id));
		add(ns, id, NULL);
		cnames_class_old_ident(k, &old);
		if (old.len == 0)
			continue;
		n->old_class[i] = 1;
		spell(n, &ns->t, CNAMES_CLASS, old.data, old.len);
		add(ns, NULL, &n->old_class[i]);
	}
	buf_free(&old);
}

/*
 * Each status's enumerator, and one for each of its other phrases that
 * gives a C identifier: its aliases, and its reason when the ident is
 * not the reason's (pinned, or the data's reason under -D
 * reasons=registry), so that which phrase is the reason moves no name.
 */
static void
add_statuses(struct names *ns, struct cnames *n, const struct value *statuses)
{
	size_t i, j, most = 0;
	struct buf id;

	for (i = 0; i < value_len(statuses); i++)
		most += 1 + value_len(get(value_item(statuses, i), "aliases"));
	/* Allocated once, so that the entries' flags stay put. */
	n->aliases = xcalloc(most + 1, sizeof(*n->aliases));
	ns->alias_keep = xcalloc(most + 1, 1);
	buf_init(&id);
	for (i = 0; i < value_len(statuses); i++) {
		const struct value *st = value_item(statuses, i);
		const struct value *ident = get(st, "ident");
		const struct value *aliases = get(st, "aliases");
		long long code = get(st, "code")->u.integer;

		what(ns, "status", NULL, code);
		spell(n, &ns->t, CNAMES_ENUMERATOR, value_str(ident),
		    value_strlen(ident));
		add(ns, ident, NULL);
		for (j = 0; j <= value_len(aliases); j++) {
			const struct value *a = j == 0 ? get(st, "reason") :
			    value_item(aliases, j - 1);

			buf_clear(&id);
			text_c_ident(value_str(a), value_strlen(a), &id);
			if (id.len == 0 || id.data[0] == '_' ||
			    strcmp(buf_cstr(&id), value_str(ident)) == 0)
				continue;	/* no identifier of its own */
			n->aliases[n->naliases].status = st;
			n->aliases[n->naliases].alias = a;
			n->aliases[n->naliases].ident = xstrdup(buf_cstr(&id));
			ns->alias_keep[n->naliases] = 1;
			spell(n, &ns->t, CNAMES_ENUMERATOR, id.data, id.len);
			add(ns, NULL, &ns->alias_keep[n->naliases++]);
		}
	}
	buf_free(&id);
}

/* ---------------------------------------------------------------- */
/* The check                                                        */
/* ---------------------------------------------------------------- */

static int
by_name(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	if (r != 0)
		return r;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* A name that a required name before it has already. */
struct clash {
	const struct entry	*e, *first;
};

static int
by_value_then_order(const void *a, const void *b)
{
	const struct clash *x = a, *y = b;

	if (x->e->at != y->e->at)
		return (uintptr_t)x->e->at < (uintptr_t)y->e->at ? -1 : 1;
	return x->e->order < y->e->order ? -1 : x->e->order > y->e->order;
}

static int
by_order(const void *a, const void *b)
{
	const struct clash *x = a, *y = b;

	return x->e->order < y->e->order ? -1 : x->e->order > y->e->order;
}

static void
report(struct diag *d, const char *path, const struct clash *c)
{
	struct srcpos at, first_at;

	if (c->e->at == NULL)
		abort();	/* two names of the generator's own */
	at = value_pos(c->e->at, path);
	if (c->first->at == NULL) {
		diag_error(d, &at, "%s would define %s, which is already the "
		    "name of %s; give it an 'ident' of another name",
		    c->e->what, c->e->name, c->first->what);
		return;
	}
	first_at = value_pos(c->first->at, path);
	diag_error(d, &at, "%s would define %s, which %s defines already; "
	    "give one of the two an 'ident' of another name", c->e->what,
	    c->e->name, c->first->what);
	diag_note(d, &first_at, "%s gets the name from here", c->first->what);
}

/*
 * Sorts the names and walks each run of equal ones: every required name
 * after the run's first required one clashes; an optional name in a run
 * of two or more is dropped. A data value that makes two clashing names
 * (a class's enumerator and predicate) is reported once, and the reports
 * come in the order the names were made.
 */
static void
check(struct names *ns, const char *path, struct diag *d)
{
	struct clash *c = NULL;
	size_t i, j, start, nc = 0, cap = 0, k;

	if (ns->n > 0)
		qsort(ns->e, ns->n, sizeof(*ns->e), by_name);
	for (start = 0; start < ns->n; start = i) {
		const struct entry *first = NULL;

		for (i = start; i < ns->n &&
		    strcmp(ns->e[i].name, ns->e[start].name) == 0; i++)
			;
		for (j = start; j < i; j++) {
			struct entry *e = &ns->e[j];

			if (e->keep != NULL) {
				if (i - start > 1)
					*e->keep = 0;
			} else if (first == NULL)
				first = e;
			else {
				c = xgrow(c, &cap, nc + 1, sizeof(*c));
				c[nc].e = e;
				c[nc++].first = first;
			}
		}
	}
	if (nc > 0)
		qsort(c, nc, sizeof(*c), by_value_then_order);
	for (i = 0, k = 0; i < nc; i++)
		if (i == 0 || c[i].e->at != c[k - 1].e->at)
			c[k++] = c[i];
	if (k > 0)
		qsort(c, k, sizeof(*c), by_order);
	for (i = 0; i < k; i++)
		report(d, path, &c[i]);
	free(c);
}

int
cnames_build(struct cnames *n, const struct value *model, const char *path,
    const char *prefix, struct diag *d)
{
	unsigned errors = d->errors;
	struct names ns;
	size_t i, k;

	memset(n, 0, sizeof(*n));
	memset(&ns, 0, sizeof(ns));
	buf_init(&ns.t);
	buf_init(&ns.w);
	text_upper(prefix, strlen(prefix), &ns.t);
	buf_putc(&ns.t, '_');
	n->upper = buf_detach(&ns.t, NULL);
	buf_printf(&ns.t, "%s_", prefix);
	n->lower = buf_detach(&ns.t, NULL);
	collect_predicates(n);
	add_fixed(&ns, n);
	add_classes(&ns, n, get(model, "classes"));
	add_statuses(&ns, n, get(model, "statuses"));
	check(&ns, path, d);
	for (i = 0, k = 0; i < n->naliases; i++)
		if (ns.alias_keep[i])
			n->aliases[k++] = n->aliases[i];
		else
			free((char *)n->aliases[i].ident);
	n->naliases = k;
	for (i = 0; i < ns.n; i++) {
		free(ns.e[i].name);
		free(ns.e[i].what);
	}
	free(ns.e);
	free(ns.alias_keep);
	buf_free(&ns.t);
	buf_free(&ns.w);
	return d->errors != errors ? -1 : 0;
}

void
cnames_free(struct cnames *n)
{
	size_t i;

	free(n->upper);
	free(n->lower);
	for (i = 0; i < n->naliases; i++)
		free((char *)n->aliases[i].ident);
	free(n->aliases);
	free(n->predicates);
	free(n->old_class);
	memset(n, 0, sizeof(*n));
}

void
cnames_class_old_ident(const struct value *klass, struct buf *out)
{
	const struct value *name = get(klass, "title");
	const struct value *ident = get(klass, "ident");

	buf_clear(out);
	text_c_ident(value_str(name), value_strlen(name), out);
	if (strcmp(buf_cstr(out), value_str(ident)) == 0)
		buf_clear(out);
}
