/* Marked regions in a project's own files: the marker styles, finding regions, putting a file back together. */
#include "splice.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define MARKER		"statusgen:"
#define KEYWORD_BEGIN	"begin"
#define KEYWORD_END	"end"

/* The styles: one row each; --markers, --help and the docs list them. */
static const struct splice_style styles[] = {
	{ "md", ".md .markdown", { "<!--", NULL }, { "-->", NULL },
	  TEXT_ESCAPE_MD },
	{ "html", ".html .htm", { "<!--", NULL }, { "-->", NULL },
	  TEXT_ESCAPE_HTML },
	{ "c", ".c .h .cc .cpp .cxx .hh .hpp", { "/*", "//" }, { "*/", "" },
	  TEXT_ESCAPE_C },
	{ "roff", ".1 .2 .3 .4 .5 .6 .7 .8 .9 .man .mdoc .roff",
	  { ".\\\"", NULL }, { "", NULL }, TEXT_ESCAPE_NONE },
};

#define NSTYLES	(sizeof(styles) / sizeof(styles[0]))

const struct splice_style *
splice_style_by_name(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < NSTYLES; i++)
		if (strlen(styles[i].name) == len &&
		    memcmp(styles[i].name, name, len) == 0)
			return &styles[i];
	return NULL;
}

const char *
splice_style_suggest(const char *name, size_t len)
{
	const char *hint = NULL;
	size_t i, best = 3;

	for (i = 0; i < NSTYLES; i++)
		if (text_nearer(name, len, styles[i].name, &best))
			hint = styles[i].name;
	return hint;
}

/* Whether the word w[0..n) is one of the space-separated words of list. */
static int
in_list(const char *list, const char *w, size_t n)
{
	size_t k;

	while (*list != '\0') {
		k = strcspn(list, " ");
		if (k == n && memcmp(list, w, n) == 0)
			return 1;
		list += k;
		list += strspn(list, " ");
	}
	return 0;
}

const struct splice_style *
splice_style_for_path(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t i;

	base = base != NULL ? base + 1 : path;
	if ((dot = strrchr(base, '.')) == NULL || dot == base)
		return NULL;
	for (i = 0; i < NSTYLES; i++)
		if (in_list(styles[i].extensions, dot, strlen(dot)))
			return &styles[i];
	return NULL;
}

void
splice_style_names(struct buf *b)
{
	size_t i;

	for (i = 0; i < NSTYLES; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : i + 1 < NSTYLES ? ", " :
		    " or ", styles[i].name);
}

void
splice_style_help(struct buf *b)
{
	size_t i;

	for (i = 0; i < NSTYLES; i++)
		buf_printf(b, "%s: %s\n", styles[i].name,
		    styles[i].extensions);
}

/* ------------------------------------------------------------------ */
/* Finding the regions                                                */
/* ------------------------------------------------------------------ */

/* A marker line, taken apart. */
struct marker {
	int		 begin;		/* 1 begin, 0 end */
	unsigned	 col;		/* of "statusgen:" */
	const char	*words;		/* after the keyword */
	size_t		 nwords;	/* its length */
};

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/*
 * Reads the line s[0..n) (without its newline) in style st. Returns 1
 * with the marker in m, 0 when it is no marker, or -1 after reporting a
 * marker comment that is not right.
 */
static int
read_marker(const struct splice_style *st, const char *s, size_t n,
    struct srcpos *at, struct marker *m, struct diag *d)
{
	size_t i = 0, k, j, olen = 0, clen;
	const char *kw;

	if (n > 0 && s[n - 1] == '\r')
		n--;
	while (i < n && is_blank(s[i]))
		i++;
	for (j = 0; j < 2 && st->open[j] != NULL; j++) {
		olen = strlen(st->open[j]);
		if (n - i >= olen && memcmp(s + i, st->open[j], olen) == 0)
			break;
	}
	if (j == 2 || st->open[j] == NULL)
		return 0;
	i += olen;
	while (i < n && is_blank(s[i]))
		i++;
	if (n - i < strlen(MARKER) || memcmp(s + i, MARKER, strlen(MARKER)))
		return 0;
	at->col = (unsigned)i + 1;
	m->col = at->col;
	i += strlen(MARKER);
	while (n > i && is_blank(s[n - 1]))
		n--;
	clen = strlen(st->close[j]);
	if (clen > 0) {
		if (n - i < clen || memcmp(s + n - clen, st->close[j], clen)) {
			diag_error(d, at, "a marker must end its line with "
			    "'%s'", st->close[j]);
			return -1;
		}
		n -= clen;
	}
	kw = s + i;
	k = 0;
	while (i + k < n && !is_blank(kw[k]))
		k++;
	m->begin = k == strlen(KEYWORD_BEGIN) &&
	    memcmp(kw, KEYWORD_BEGIN, k) == 0;
	if (!m->begin && (k != strlen(KEYWORD_END) ||
	    memcmp(kw, KEYWORD_END, k) != 0)) {
		diag_error(d, at, "unknown marker '" MARKER "%.*s' (use "
		    MARKER KEYWORD_BEGIN " or " MARKER KEYWORD_END ")",
		    (int)(k < 40 ? k : 40), kw);
		return -1;
	}
	i += k;
	while (n > i && is_blank(s[n - 1]))
		n--;
	while (i < n && is_blank(s[i]))
		i++;
	m->words = s + i;
	m->nwords = n - i;
	return 1;
}

/* Whether s[0..n) is a template's name: letters, digits, '_' and '-',
 * not starting with '_' (a partial) or '-'. */
static int
is_template_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || s[0] == '_' || s[0] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		    s[i] == '-'))
			return 0;
	return 1;
}

/*
 * Splits a begin marker's words into the region r: its template and its
 * NAME=VALUE words, each checked. Returns 0, or -1 after reporting.
 */
static int
read_spec(const struct marker *m, struct srcpos *at, struct splice_region *r,
    struct diag *d)
{
	const char *s = m->words, *end = m->words + m->nwords, *eq;
	struct buf spec, show;
	size_t k;
	int rc = 0;

	buf_init(&spec);
	buf_init(&show);
	while (s < end) {
		for (k = 0; s + k < end && !is_blank(s[k]); k++)
			;
		buf_clear(&show);
		text_show(s, k, TEXT_SHOW_MAX, &show);
		eq = memchr(s, '=', k);
		if (r->template == NULL) {
			if (!is_template_name(s, k)) {
				diag_error(d, at, "'%s' is not a template's "
				    "name (letters, digits, '_' and '-', not "
				    "starting with '_' or '-')",
				    buf_cstr(&show));
				rc = -1;
			}
			r->template = xstrndup(s, k);
		} else if (eq == NULL || eq == s || memchr(s, '.',
		    (size_t)(eq - s)) != NULL || memchr(s, '{',
		    (size_t)(eq - s)) != NULL || memchr(s, '}',
		    (size_t)(eq - s)) != NULL) {
			diag_error(d, at, "'%s' is not NAME=VALUE with a NAME "
			    "of no '.' or brace", buf_cstr(&show));
			rc = -1;
		} else {
			r->args = xgrow(r->args, &r->argcap, r->nargs + 1,
			    sizeof(*r->args));
			r->args[r->nargs++] = xstrndup(s, k);
		}
		buf_printf(&spec, "%s%.*s", spec.len > 0 ? " " : "", (int)k, s);
		s += k;
		while (s < end && is_blank(*s))
			s++;
	}
	if (r->template == NULL) {
		diag_error(d, at, "a begin marker needs a template's name: "
		    MARKER KEYWORD_BEGIN " TEMPLATE [NAME=VALUE]...");
		rc = -1;
	}
	r->spec = buf_detach(&spec, NULL);
	buf_free(&show);
	return rc;
}

static int
by_spec(const void *pa, const void *pb)
{
	const struct splice_region *const *a = pa, *const *b = pb;
	int c = strcmp((*a)->spec, (*b)->spec);

	return c != 0 ? c : (*a)->line < (*b)->line ? -1 : 1;
}

/* Reports each region whose name an earlier one has. Sorted: n log n. */
static int
check_unique(const char *path, const struct splice_file *f, struct diag *d)
{
	const struct splice_region **sorted;
	struct srcpos at = { path, 0, 0 }, first = { path, 0, 0 };
	size_t i;
	int rc = 0;

	if (f->n < 2)
		return 0;
	sorted = xcalloc(f->n, sizeof(*sorted));
	for (i = 0; i < f->n; i++)
		sorted[i] = &f->regions[i];
	qsort(sorted, f->n, sizeof(*sorted), by_spec);
	for (i = 1; i < f->n; i++) {
		if (strcmp(sorted[i - 1]->spec, sorted[i]->spec) != 0)
			continue;
		at.line = sorted[i]->line;
		at.col = sorted[i]->col;
		diag_error(d, &at, "a second region named '%s' (template and "
		    "values): one of them is left over", sorted[i]->spec);
		first.line = sorted[i - 1]->line;
		first.col = sorted[i - 1]->col;
		diag_note(d, &first, "the first one");
		rc = -1;
	}
	free(sorted);
	return rc;
}

int
splice_parse(const char *path, const char *text, size_t len,
    const struct splice_style *st, struct splice_file *f, struct diag *d)
{
	struct srcpos at = { path, 0, 0 }, open_at = { path, 0, 0 };
	struct splice_region *open = NULL;
	const char *nl;
	struct marker m;
	size_t pos = 0, n;
	unsigned line = 0;
	int rc = 0, r;

	memset(f, 0, sizeof(*f));
	while (pos < len) {
		nl = memchr(text + pos, '\n', len - pos);
		n = nl != NULL ? (size_t)(nl - (text + pos)) : len - pos;
		at.line = ++line;
		r = read_marker(st, text + pos, n, &at, &m, d);
		if (r < 0)
			rc = -1;
		else if (r > 0 && m.begin && open != NULL) {
			diag_error(d, &at, "a region begins inside another: "
			    "regions do not nest");
			diag_note(d, &open_at, "the region open here");
			rc = -1;
		} else if (r > 0 && m.begin) {
			f->regions = xgrow(f->regions, &f->cap, f->n + 1,
			    sizeof(*f->regions));
			open = &f->regions[f->n++];
			memset(open, 0, sizeof(*open));
			open->line = line;
			open->col = m.col;
			open->start = nl != NULL ? pos + n + 1 : len;
			open->crlf = n > 0 && text[pos + n - 1] == '\r';
			open_at = at;
			if (read_spec(&m, &at, open, d) != 0)
				rc = -1;
		} else if (r > 0 && m.nwords > 0) {
			diag_error(d, &at, "an end marker takes no words");
			rc = -1;
		} else if (r > 0 && open == NULL) {
			diag_error(d, &at, "an end marker outside any region");
			rc = -1;
		} else if (r > 0) {
			open->end = pos;
			open = NULL;
		}
		pos += n + (nl != NULL);
	}
	at.line = at.col = 0;
	if (open != NULL) {
		diag_error(d, &open_at, "this region has no end marker "
		    "(" MARKER KEYWORD_END ")");
		rc = -1;
	} else if (f->n == 0 && rc == 0) {
		diag_error(d, &at, "no region (" MARKER KEYWORD_BEGIN " ... "
		    MARKER KEYWORD_END ") in this file, in %s style", st->name);
		rc = -1;
	}
	if (check_unique(path, f, d) != 0)
		rc = -1;
	return rc;
}

void
splice_file_free(struct splice_file *f)
{
	size_t i, j;

	for (i = 0; i < f->n; i++) {
		for (j = 0; j < f->regions[i].nargs; j++)
			free(f->regions[i].args[j]);
		free(f->regions[i].args);
		free(f->regions[i].spec);
		free(f->regions[i].template);
	}
	free(f->regions);
	memset(f, 0, sizeof(*f));
}

/* ------------------------------------------------------------------ */
/* Putting a file back together                                       */
/* ------------------------------------------------------------------ */

void
splice_assemble(const char *text, size_t len, const struct splice_file *f,
    const struct buf *renders, struct buf *out)
{
	const struct splice_region *r;
	size_t i, j, pos = 0;

	for (i = 0; i < f->n; i++) {
		r = &f->regions[i];
		buf_append(out, text + pos, r->start - pos);
		for (j = 0; j < renders[i].len; j++) {
			if (renders[i].data[j] == '\n' && r->crlf &&
			    (j == 0 || renders[i].data[j - 1] != '\r'))
				buf_putc(out, '\r');
			buf_putc(out, renders[i].data[j]);
		}
		if (renders[i].len > 0 &&
		    renders[i].data[renders[i].len - 1] != '\n')
			buf_puts(out, r->crlf ? "\r\n" : "\n");
		pos = r->end;
	}
	buf_append(out, text + pos, len - pos);
}
