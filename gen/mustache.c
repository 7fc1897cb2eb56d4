/* The Mustache engine: a compiler from template text to node trees, and a renderer. */
#include "mustache.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "limits.h"
#include "xalloc.h"

/* ---------------------------------------------------------------- */
/* Compiled form                                                    */
/* ---------------------------------------------------------------- */

enum node_type {
	NODE_TEXT,
	NODE_VAR,		/* {{name}}: escaped unless filtered */
	NODE_RAW,		/* {{{name}}} and {{&name}} */
	NODE_SECTION,
	NODE_INVERTED,
	NODE_PARTIAL,
	NODE_PARENT,		/* {{<name}}: kids are its argument blocks */
	NODE_BLOCK		/* {{$name}}: kids are its default content */
};

enum special_name {
	NAME_PLAIN,
	NAME_INDEX,		/* -index */
	NAME_FIRST,		/* -first */
	NAME_LAST		/* -last */
};

struct segment {
	const char	*ptr;
	size_t		 len;
	size_t		 id;	/* numbers the env's segments, for hints */
};

/* A name as written in a tag: ".", or dot-separated segments. */
struct path {
	const char	*text;		/* the whole name, for messages */
	size_t		 len;
	struct segment	*segs;
	size_t		 nsegs;		/* 0 for "." */
	enum special_name special;
};

typedef void (*filter_fn)(const char *s, size_t len, struct buf *out);

struct filter {
	const char	*name;
	filter_fn	 fn;
};

struct node {
	enum node_type	 type;
	struct srcpos	 pos;
	const char	*text;		/* NODE_TEXT: the text */
	size_t		 len;
	struct path	 path;		/* tags: the name */
	int		 dynamic;	/* partial or parent named by data */
	const struct filter **filters;
	size_t		 nfilters;
	struct node	*kids;
	size_t		 nkids;
	/*
	 * Indentation: for a standalone partial or parent, the whitespace
	 * that preceded the tag; for a block, what its override content is
	 * indented by where it is expanded.
	 */
	const char	*indent;
	size_t		 indent_len;
	int		 bol_in;	/* output starts a line on entry */
	int		 bol_after;	/* and after the tag or pair */
};

struct mustache_template {
	const char	*name;
	struct node	*nodes;
	size_t		 nnodes;
};

struct partial_entry {
	char				*name;
	size_t				 len;
	const struct mustache_template	*tmpl;	/* NULL: not found */
	int				 failed;
};

struct mustache_env {
	struct mustache_options	 opt;
	struct diag		*d;
	struct arena		 arena;
	struct partial_entry	*partials;
	size_t			 npartials;
	size_t			 cap;
	size_t			 nsegments;	/* compiled so far */
};

/* ---------------------------------------------------------------- */
/* Filters                                                          */
/* ---------------------------------------------------------------- */

static void
filter_html(const char *s, size_t len, struct buf *out)
{
	text_escape(TEXT_ESCAPE_HTML, s, len, out);
}

static void
filter_c(const char *s, size_t len, struct buf *out)
{
	text_escape(TEXT_ESCAPE_C, s, len, out);
}

static void
filter_md(const char *s, size_t len, struct buf *out)
{
	text_escape(TEXT_ESCAPE_MD, s, len, out);
}

static void
filter_json(const char *s, size_t len, struct buf *out)
{
	text_escape(TEXT_ESCAPE_JSON, s, len, out);
}

static void
filter_none(const char *s, size_t len, struct buf *out)
{
	buf_append(out, s, len);
}

static const struct filter filters[] = {
	{ "upper", text_upper },
	{ "lower", text_lower },
	{ "c_ident", text_c_ident },
	{ "html", filter_html },
	{ "c", filter_c },
	{ "md", filter_md },
	{ "json", filter_json },
	{ "none", filter_none },
};

static const struct filter *
filter_find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(filters) / sizeof(filters[0]); i++)
		if (strlen(filters[i].name) == len &&
		    memcmp(filters[i].name, name, len) == 0)
			return &filters[i];
	return NULL;
}

/* ---------------------------------------------------------------- */
/* Tokens                                                           */
/* ---------------------------------------------------------------- */

enum token_type {
	TOK_TEXT,
	TOK_VAR,
	TOK_RAW,
	TOK_SECTION,
	TOK_INVERTED,
	TOK_CLOSE,
	TOK_COMMENT,
	TOK_PARTIAL,
	TOK_PARENT,
	TOK_BLOCK,
	TOK_DELIM
};

/*
 * A token is a span of the source. Text tokens never cross a line end: each
 * ends at (and includes) a newline or at a tag, so that the standalone
 * rules can look at one line at a time.
 */
struct token {
	enum token_type	 type;
	size_t		 start, end;	/* TEXT: what remains after stripping */
	size_t		 name, name_len; /* tags: trimmed content after the sigil */
	unsigned	 line, col;
	int		 newline;	/* TEXT: ends with a line end */
	size_t		 match;		/* open <-> close tag index */
	int		 in_parent;	/* directly inside a parent: ignored */
	int		 is_arg;	/* TOK_BLOCK directly inside a parent */
	int		 standalone;
	int		 removed;
	size_t		 indent, indent_len;
	int		 bol_in, bol_after;
};

struct compiler {
	struct mustache_env	*env;
	const char		*name;
	const char		*src;
	size_t			 len;
	struct token		*toks;
	size_t			 ntoks, cap;
	unsigned		 line, col;	/* of offset at */
	size_t			 at;
	int			 errors;
};

static struct srcpos
tok_pos(const struct compiler *c, const struct token *t)
{
	struct srcpos pos;

	pos.file = c->name;
	pos.line = t->line;
	pos.col = t->col;
	return pos;
}

/* Moves the line/column counter forward to offset to. */
static void
advance(struct compiler *c, size_t to)
{
	for (; c->at < to; c->at++) {
		if (c->src[c->at] == '\n') {
			c->line++;
			c->col = 1;
		} else
			c->col++;
	}
}

static struct token *
push_token(struct compiler *c, enum token_type type, size_t start, size_t end)
{
	struct token *t;

	c->toks = xgrow(c->toks, &c->cap, c->ntoks + 1, sizeof(*c->toks));
	t = &c->toks[c->ntoks++];
	memset(t, 0, sizeof(*t));
	advance(c, start);
	t->type = type;
	t->start = start;
	t->end = end;
	t->line = c->line;
	t->col = c->col;
	t->match = (size_t)-1;
	return t;
}

static void
push_text(struct compiler *c, size_t start, size_t end)
{
	const char *nl;
	struct token *t;

	while (start < end) {
		nl = memchr(c->src + start, '\n', end - start);
		if (nl == NULL) {
			push_token(c, TOK_TEXT, start, end);
			return;
		}
		t = push_token(c, TOK_TEXT, start, (size_t)(nl - c->src) + 1);
		t->newline = 1;
		start = t->end;
	}
}

static const char *
find(const char *hay, size_t haylen, const char *needle, size_t nlen)
{
	size_t i;

	if (nlen == 0 || nlen > haylen)
		return NULL;
	for (i = 0; i + nlen <= haylen; i++) {
		const char *p = memchr(hay + i, needle[0], haylen - nlen + 1 - i);

		if (p == NULL)
			return NULL;
		i = (size_t)(p - hay);
		if (memcmp(p, needle, nlen) == 0)
			return p;
	}
	return NULL;
}

static int
is_space(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static void
trim(const char *s, size_t *start, size_t *end)
{
	while (*start < *end && is_space(s[*start]))
		(*start)++;
	while (*end > *start && is_space(s[*end - 1]))
		(*end)--;
}

static void
compile_error(struct compiler *c, const struct token *t, const char *fmt,
    const char *arg, size_t arglen)
{
	struct srcpos pos = tok_pos(c, t);

	diag_error(c->env->d, &pos, fmt, (int)arglen, arg);
	c->errors++;
}

/*
 * Parses "<% %>" (a set-delimiter tag without its '=') into new delimiters.
 * Returns 0, or -1 (changing nothing) when it is not two delimiters without
 * whitespace or '='.
 */
static int
parse_delimiters(const char *s, size_t len, char *open, size_t *olen,
    char *close, size_t *clen, size_t maxlen)
{
	size_t i = 0, a, b, oa, ob;

	while (i < len && is_space(s[i]))
		i++;
	a = i;
	while (i < len && !is_space(s[i]) && s[i] != '=')
		i++;
	b = i;
	while (i < len && is_space(s[i]))
		i++;
	if (b == a || b - a > maxlen)
		return -1;
	oa = a;
	ob = b;
	a = i;
	while (i < len && !is_space(s[i]) && s[i] != '=')
		i++;
	b = i;
	while (i < len && is_space(s[i]))
		i++;
	if (b == a || b - a > maxlen || i != len)
		return -1;
	memcpy(open, s + oa, ob - oa);
	*olen = ob - oa;
	memcpy(close, s + a, b - a);
	*clen = b - a;
	return 0;
}

#define MAX_DELIM	64

static void
tokenize(struct compiler *c)
{
	char open[MAX_DELIM] = "{{", close[MAX_DELIM] = "}}";
	size_t olen = 2, clen = 2, pos = 0;
	const char *src = c->src;

	while (pos < c->len) {
		const char *p = find(src + pos, c->len - pos, open, olen);
		const char *e;
		size_t tag, body, body_end, tag_end;
		enum token_type type;
		struct token *t;

		if (p == NULL) {
			push_text(c, pos, c->len);
			break;
		}
		tag = (size_t)(p - src);
		push_text(c, pos, tag);
		body = tag + olen;
		if (body < c->len && src[body] == '{') {
			char triple[MAX_DELIM + 1];

			triple[0] = '}';
			memcpy(triple + 1, close, clen);
			e = find(src + body, c->len - body, triple, clen + 1);
			type = TOK_RAW;
			body++;
			body_end = e ? (size_t)(e - src) : 0;
			tag_end = e ? body_end + clen + 1 : 0;
		} else {
			e = find(src + body, c->len - body, close, clen);
			body_end = e ? (size_t)(e - src) : 0;
			tag_end = e ? body_end + clen : 0;
			type = TOK_VAR;
			if (e != NULL && body < body_end) {
				switch (src[body]) {
				case '!': type = TOK_COMMENT; break;
				case '#': type = TOK_SECTION; break;
				case '^': type = TOK_INVERTED; break;
				case '/': type = TOK_CLOSE; break;
				case '>': type = TOK_PARTIAL; break;
				case '<': type = TOK_PARENT; break;
				case '$': type = TOK_BLOCK; break;
				case '=': type = TOK_DELIM; break;
				case '&': type = TOK_RAW; break;
				default: break;
				}
				if (type != TOK_VAR)
					body++;
			}
		}
		t = push_token(c, type, tag, tag_end);
		if (e == NULL) {
			compile_error(c, t, "unterminated tag: no '%.*s' after it",
			    close, clen);
			/* Nothing after an unterminated tag can be trusted. */
			c->ntoks--;
			return;
		}
		if (type == TOK_DELIM) {
			if (body_end == body || src[body_end - 1] != '=' ||
			    parse_delimiters(src + body, body_end - body - 1,
			    open, &olen, close, &clen, MAX_DELIM) != 0) {
				char want[2 * MAX_DELIM + 16];
				int n = snprintf(want, sizeof(want),
				    "%.*s=OPEN CLOSE=%.*s", (int)olen, open,
				    (int)clen, close);

				compile_error(c, t, "bad set-delimiter tag: "
				    "expected '%.*s', two delimiters without "
				    "spaces or '='", want, (size_t)n);
			}
		}
		t->name = body;
		t->name_len = body_end - body;
		if (type != TOK_COMMENT) {
			size_t s = body, z = body_end;

			trim(src, &s, &z);
			t->name = s;
			t->name_len = z - s;
		}
		pos = tag_end;
	}
}

/* ---------------------------------------------------------------- */
/* Structure and whitespace                                         */
/* ---------------------------------------------------------------- */

static int
is_opening(enum token_type type)
{
	return type == TOK_SECTION || type == TOK_INVERTED ||
	    type == TOK_PARENT || type == TOK_BLOCK;
}

static const char *
tag_sigil(enum token_type type)
{
	switch (type) {
	case TOK_SECTION:	return "#";
	case TOK_INVERTED:	return "^";
	case TOK_PARENT:	return "<";
	case TOK_BLOCK:		return "$";
	default:		return "";
	}
}

/*
 * Pairs opening and closing tags, and marks what lies directly inside a
 * parent tag (ignored, except argument blocks).
 */
static void
match_tags(struct compiler *c)
{
	size_t *stack = NULL, depth = 0, cap = 0, i;
	struct srcpos pos;

	for (i = 0; i < c->ntoks; i++) {
		struct token *t = &c->toks[i];
		struct token *top = depth ? &c->toks[stack[depth - 1]] : NULL;

		if (top != NULL && top->type == TOK_PARENT)
			t->in_parent = 1;
		if (t->type == TOK_BLOCK && top != NULL &&
		    top->type == TOK_PARENT) {
			t->is_arg = 1;
			t->in_parent = 0;
		}
		if (t->type == TOK_CLOSE) {
			if (top == NULL) {
				compile_error(c, t, "closing tag '%.*s' has no "
				    "opening tag", c->src + t->name,
				    t->name_len);
				continue;
			}
			if (top->name_len != t->name_len || memcmp(c->src +
			    top->name, c->src + t->name, t->name_len) != 0) {
				compile_error(c, t, "closing tag '%.*s' does "
				    "not match the open section",
				    c->src + t->name, t->name_len);
				pos = tok_pos(c, top);
				diag_note(c->env->d, &pos, "'%s%.*s' opened "
				    "here", tag_sigil(top->type),
				    (int)top->name_len, c->src + top->name);
				/* Do not cascade: treat it as the close. */
			}
			t->match = stack[depth - 1];
			top->match = i;
			t->in_parent = top->in_parent;
			depth--;
			continue;
		}
		if (is_opening(t->type)) {
			if (t->name_len == 0)
				compile_error(c, t, "empty %.*s tag",
				    tag_sigil(t->type), 1);
			stack = xgrow(stack, &cap, depth + 1, sizeof(*stack));
			stack[depth++] = i;
		}
	}
	while (depth > 0) {
		struct token *t = &c->toks[stack[--depth]];

		compile_error(c, t, "section '%.*s' is never closed",
		    c->src + t->name, t->name_len);
	}
	free(stack);
}

static int
is_blank_text(const struct compiler *c, const struct token *t)
{
	size_t i;

	if (t->type != TOK_TEXT)
		return 0;
	for (i = t->start; i < t->end; i++)
		if (c->src[i] != ' ' && c->src[i] != '\t' &&
		    c->src[i] != '\n' &&
		    !(c->src[i] == '\r' && i + 1 < t->end &&
		    c->src[i + 1] == '\n'))
			return 0;
	return 1;
}

/* Index of the first token of the line holding token i. */
static size_t
line_start(const struct compiler *c, size_t i)
{
	while (i > 0 && !(c->toks[i - 1].type == TOK_TEXT &&
	    c->toks[i - 1].newline))
		i--;
	return i;
}

/* Only blank text lies between the line start and token i. */
static int
clear_left(const struct compiler *c, size_t i)
{
	size_t j;

	for (j = line_start(c, i); j < i; j++)
		if (!is_blank_text(c, &c->toks[j]))
			return 0;
	return 1;
}

/* Only blank text lies between token i and the end of its line. */
static int
clear_right(const struct compiler *c, size_t i)
{
	size_t j;

	for (j = i + 1; j < c->ntoks; j++) {
		if (!is_blank_text(c, &c->toks[j]))
			return 0;
		if (c->toks[j].newline)
			break;
	}
	return 1;
}

static void
strip_left(struct compiler *c, size_t i, struct token *owner)
{
	size_t j = line_start(c, i);

	if (owner != NULL && j < i) {
		owner->indent = c->toks[j].start;
		owner->indent_len = c->toks[i - 1].end - c->toks[j].start;
	}
	for (; j < i; j++)
		c->toks[j].removed = 1;
}

static void
strip_right(struct compiler *c, size_t i)
{
	size_t j;

	for (j = i + 1; j < c->ntoks; j++) {
		c->toks[j].removed = 1;
		if (c->toks[j].newline)
			break;
	}
}

static int
is_structural(enum token_type type)
{
	return type != TOK_TEXT && type != TOK_VAR && type != TOK_RAW;
}

/*
 * Applies the standalone rules. A structural tag alone on its line (only
 * blanks around it) takes the whole line with it; the blanks before a
 * partial become its indentation. Parent and argument tags follow the
 * inheritance spec: a parent pair is standalone when its opening tag clears
 * on the left and its closing tag on the right (what lies between is
 * ignored); an argument block's opening tag takes the line end after it,
 * and its closing tag the blanks before it.
 */
static void
apply_standalone(struct compiler *c)
{
	size_t i;

	for (i = 0; i < c->ntoks; i++) {
		struct token *t = &c->toks[i];

		if (!is_structural(t->type) || t->in_parent)
			continue;
		if (t->type == TOK_PARENT) {
			if (t->match != (size_t)-1 && clear_left(c, i) &&
			    clear_right(c, t->match)) {
				t->standalone = 1;
				strip_left(c, i, t);
				strip_right(c, t->match);
			}
			continue;
		}
		if (t->is_arg) {
			if (clear_right(c, i)) {
				t->standalone = 1;
				strip_right(c, i);
			}
			continue;
		}
		if (t->type == TOK_CLOSE && c->toks[t->match].is_arg) {
			if (clear_left(c, i))
				strip_left(c, i, NULL);
			continue;
		}
		if (t->type == TOK_CLOSE && c->toks[t->match].type ==
		    TOK_PARENT)
			continue;
		if (clear_left(c, i) && clear_right(c, i)) {
			t->standalone = 1;
			strip_left(c, i, t);
			strip_right(c, i);
		}
	}
}

/* Leading spaces and tabs of text token t. */
static size_t
leading_blanks(const struct compiler *c, const struct token *t)
{
	size_t n = 0;

	while (t->start + n < t->end && (c->src[t->start + n] == ' ' ||
	    c->src[t->start + n] == '\t'))
		n++;
	return n;
}

/* The first token after i that was not stripped away. */
static size_t
next_kept(const struct compiler *c, size_t i)
{
	for (i++; i < c->ntoks && c->toks[i].removed; i++)
		continue;
	return i;
}

/*
 * An argument block's content loses its intrinsic indentation (that of its
 * first line) from every line, so that where it is expanded it can take the
 * indentation of that place instead.
 */
static void
dedent_arguments(struct compiler *c)
{
	size_t i, j, first, width, n;

	for (i = 0; i < c->ntoks; i++) {
		struct token *t = &c->toks[i];

		if (!t->is_arg || !t->standalone || t->match == (size_t)-1)
			continue;
		first = next_kept(c, i);
		if (first >= t->match || c->toks[first].type != TOK_TEXT)
			continue;
		width = leading_blanks(c, &c->toks[first]);
		if (width == 0)
			continue;
		for (j = first; j < t->match; j++) {
			struct token *u = &c->toks[j];

			if (u->type != TOK_TEXT || u->removed || u->col != 1)
				continue;
			n = leading_blanks(c, u);
			u->start += n < width ? n : width;
		}
	}
}

/*
 * Where a block is expanded, override content is indented by the block's
 * own indentation: that of its default content's first line when the
 * opening tag stands alone, else the blanks before the tag.
 */
static void
block_indentation(struct compiler *c)
{
	size_t i, first;

	for (i = 0; i < c->ntoks; i++) {
		struct token *t = &c->toks[i];

		if (t->type != TOK_BLOCK || t->is_arg || t->in_parent ||
		    t->match == (size_t)-1)
			continue;
		if (t->standalone) {
			t->bol_in = 1;
			first = next_kept(c, i);
			if (first < t->match && c->toks[first].type ==
			    TOK_TEXT) {
				t->indent = c->toks[first].start;
				t->indent_len = leading_blanks(c,
				    &c->toks[first]);
			} else if (first < t->match)
				t->indent_len = 0;
			/* else: empty default, keep the tag's own blanks */
		} else if (clear_left(c, i)) {
			size_t j = line_start(c, i);

			if (j < i) {
				t->indent = c->toks[j].start;
				t->indent_len = c->toks[i - 1].end -
				    c->toks[j].start;
			}
		}
		t->bol_after = c->toks[t->match].standalone;
	}
}

/* ---------------------------------------------------------------- */
/* Building the tree                                                */
/* ---------------------------------------------------------------- */

static int
parse_path(struct compiler *c, const struct token *t, const char *s,
    size_t len, struct path *path)
{
	struct arena *a = &c->env->arena;
	size_t i, n = 1, start;

	path->text = s;
	path->len = len;
	path->segs = NULL;
	path->nsegs = 0;
	path->special = NAME_PLAIN;
	if (len == 1 && s[0] == '.')
		return 0;
	if (len == 6 && memcmp(s, "-index", 6) == 0)
		path->special = NAME_INDEX;
	else if (len == 6 && memcmp(s, "-first", 6) == 0)
		path->special = NAME_FIRST;
	else if (len == 5 && memcmp(s, "-last", 5) == 0)
		path->special = NAME_LAST;
	for (i = 0; i < len; i++)
		if (s[i] == '.')
			n++;
	path->segs = arena_alloc(a, n * sizeof(*path->segs));
	for (i = 0, start = 0; i <= len; i++) {
		if (i < len && s[i] != '.')
			continue;
		if (i == start) {
			compile_error(c, t, "bad name '%.*s': empty part "
			    "between dots", s, len);
			return -1;
		}
		path->segs[path->nsegs].ptr = s + start;
		path->segs[path->nsegs].len = i - start;
		path->segs[path->nsegs].id = c->env->nsegments++;
		path->nsegs++;
		start = i + 1;
	}
	return 0;
}

/* Parses "name | f | g" of an interpolation tag. */
static void
parse_interpolation(struct compiler *c, const struct token *t, struct node *n)
{
	const char *s = c->src;
	size_t start = t->name, end = t->name + t->name_len, bar, a, z;
	const char *p = memchr(s + start, '|', end - start);
	size_t count = 0;

	bar = p ? (size_t)(p - s) : end;
	a = start;
	z = bar;
	trim(s, &a, &z);
	if (a == z) {
		compile_error(c, t, "empty tag%.*s", "", 0);
		return;
	}
	parse_path(c, t, s + a, z - a, &n->path);
	if (p == NULL)
		return;
	for (a = bar; a < end; a++)
		if (s[a] == '|')
			count++;
	n->filters = arena_alloc(&c->env->arena, count * sizeof(*n->filters));
	while (bar < end) {
		a = bar + 1;
		p = memchr(s + a, '|', end - a);
		bar = p ? (size_t)(p - s) : end;
		z = bar;
		trim(s, &a, &z);
		if ((n->filters[n->nfilters] = filter_find(s + a, z - a)) ==
		    NULL) {
			struct srcpos pos = tok_pos(c, t);

			/* Point at the filter's own column when on one line. */
			if (memchr(s + t->start, '\n', a - t->start) == NULL)
				pos.col += (unsigned)(a - t->start);
			diag_error(c->env->d, &pos, "unknown filter '%.*s' "
			    "(filters: upper, lower, c_ident, html, c, md, "
			    "json, none)", (int)(z - a), s + a);
			c->errors++;
			continue;
		}
		n->nfilters++;
	}
}

static size_t count_nodes(const struct compiler *c, size_t from, size_t to);
static void build_nodes(struct compiler *c, size_t from, size_t to,
    struct node *out);

static size_t
skip_to(const struct compiler *c, size_t i)
{
	const struct token *t = &c->toks[i];

	if (is_opening(t->type) && t->match != (size_t)-1)
		return t->match + 1;
	return i + 1;
}

static int
makes_node(const struct compiler *c, const struct token *t)
{
	if (t->removed || t->in_parent)
		return 0;
	switch (t->type) {
	case TOK_TEXT:
		return t->end > t->start;
	case TOK_CLOSE:
	case TOK_COMMENT:
	case TOK_DELIM:
		return 0;
	default:
		(void)c;
		return 1;
	}
}

static size_t
count_nodes(const struct compiler *c, size_t from, size_t to)
{
	size_t i, n = 0;

	for (i = from; i < to; i = skip_to(c, i))
		n += makes_node(c, &c->toks[i]);
	return n;
}

/* Builds a parent's argument list: the blocks directly inside it. */
static void
build_arguments(struct compiler *c, const struct token *t, struct node *n)
{
	size_t i, k = 0, idx = (size_t)(t - c->toks);

	for (i = idx + 1; i < t->match; i = skip_to(c, i))
		if (c->toks[i].is_arg)
			k++;
	n->kids = arena_alloc(&c->env->arena, k * sizeof(*n->kids));
	for (i = idx + 1; i < t->match; i = skip_to(c, i))
		if (c->toks[i].is_arg)
			build_nodes(c, i, skip_to(c, i), &n->kids[n->nkids++]);
}

static void
build_nodes(struct compiler *c, size_t from, size_t to, struct node *out)
{
	size_t i;

	for (i = from; i < to; i = skip_to(c, i)) {
		const struct token *t = &c->toks[i];
		struct node *n;

		if (!makes_node(c, t))
			continue;
		n = out++;
		memset(n, 0, sizeof(*n));
		n->pos = tok_pos(c, t);
		switch (t->type) {
		case TOK_TEXT:
			n->type = NODE_TEXT;
			n->text = c->src + t->start;
			n->len = t->end - t->start;
			break;
		case TOK_VAR:
		case TOK_RAW:
			n->type = t->type == TOK_VAR ? NODE_VAR : NODE_RAW;
			parse_interpolation(c, t, n);
			break;
		case TOK_PARTIAL:
		case TOK_PARENT: {
			const char *s = c->src + t->name;
			size_t len = t->name_len;

			n->type = t->type == TOK_PARTIAL ? NODE_PARTIAL :
			    NODE_PARENT;
			if (len > 0 && s[0] == '*') {
				size_t a = t->name + 1, z = t->name + len;

				trim(c->src, &a, &z);
				n->dynamic = 1;
				s = c->src + a;
				len = z - a;
			}
			if (len == 0)
				compile_error(c, t, "empty partial name%.*s",
				    "", 0);
			else if (n->dynamic)
				parse_path(c, t, s, len, &n->path);
			else {
				n->path.text = s;
				n->path.len = len;
			}
			n->indent = c->src + t->indent;
			n->indent_len = t->indent_len;
			n->bol_in = n->bol_after = t->standalone;
			if (t->type == TOK_PARENT && t->match != (size_t)-1)
				build_arguments(c, t, n);
			break;
		}
		case TOK_SECTION:
		case TOK_INVERTED:
		case TOK_BLOCK:
			n->type = t->type == TOK_SECTION ? NODE_SECTION :
			    t->type == TOK_INVERTED ? NODE_INVERTED :
			    NODE_BLOCK;
			if (t->type == TOK_BLOCK) {
				n->path.text = c->src + t->name;
				n->path.len = t->name_len;
				n->indent = c->src + t->indent;
				n->indent_len = t->indent_len;
				n->bol_in = t->bol_in;
				n->bol_after = t->bol_after;
			} else if (t->name_len > 0)
				parse_path(c, t, c->src + t->name,
				    t->name_len, &n->path);
			if (t->match == (size_t)-1)
				break;
			n->nkids = count_nodes(c, i + 1, t->match);
			n->kids = arena_alloc(&c->env->arena,
			    n->nkids * sizeof(*n->kids));
			build_nodes(c, i + 1, t->match, n->kids);
			break;
		default:
			break;
		}
	}
}

const struct mustache_template *
mustache_compile(struct mustache_env *env, const char *name, const char *src,
    size_t len)
{
	struct compiler c;
	struct mustache_template *t;

	memset(&c, 0, sizeof(c));
	c.env = env;
	c.name = arena_strdup(&env->arena, name);
	c.src = arena_strndup(&env->arena, src, len);
	c.len = len;
	c.line = 1;
	c.col = 1;
	tokenize(&c);
	match_tags(&c);
	if (c.errors == 0) {
		apply_standalone(&c);
		dedent_arguments(&c);
		block_indentation(&c);
	}
	t = arena_alloc(&env->arena, sizeof(*t));
	t->name = c.name;
	if (c.errors == 0) {
		t->nnodes = count_nodes(&c, 0, c.ntoks);
		t->nodes = arena_alloc(&env->arena,
		    t->nnodes * sizeof(*t->nodes));
		build_nodes(&c, 0, c.ntoks, t->nodes);
	}
	free(c.toks);
	return c.errors ? NULL : t;
}

/* ---------------------------------------------------------------- */
/* Environment                                                      */
/* ---------------------------------------------------------------- */

void
mustache_options_default(struct mustache_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->max_depth = limits_default(LIMITS_TEMPLATE_DEPTH);
	opt->max_output = limits_default(LIMITS_OUTPUT);
}

struct mustache_env *
mustache_env_new(const struct mustache_options *opt, struct diag *d)
{
	struct mustache_env *env = xcalloc(1, sizeof(*env));

	env->opt = *opt;
	if (env->opt.max_depth == 0)
		env->opt.max_depth = limits_default(LIMITS_TEMPLATE_DEPTH);
	if (env->opt.max_output == 0)
		env->opt.max_output = limits_default(LIMITS_OUTPUT);
	env->d = d;
	arena_init(&env->arena);
	return env;
}

void
mustache_env_free(struct mustache_env *env)
{
	size_t i;

	if (env == NULL)
		return;
	for (i = 0; i < env->npartials; i++)
		free(env->partials[i].name);
	free(env->partials);
	arena_free(&env->arena);
	free(env);
}

/*
 * Finds a partial by name, loading and compiling it on first use. Sets
 * *tmpl (NULL when there is no such partial). Returns -1 when it exists
 * but could not be read or compiled (reported).
 */
static int
load_partial(struct mustache_env *env, const char *name, size_t len,
    const struct mustache_template **tmpl)
{
	struct partial_entry *e;
	struct buf src, path;
	size_t i;
	int found;

	*tmpl = NULL;
	for (i = 0; i < env->npartials; i++) {
		e = &env->partials[i];
		if (e->len == len && memcmp(e->name, name, len) == 0) {
			*tmpl = e->tmpl;
			return e->failed ? -1 : 0;
		}
	}
	buf_init(&src);
	buf_init(&path);
	found = env->opt.partial == NULL ? 0 : env->opt.partial(
	    env->opt.partial_ctx, name, len, &src, &path, env->d);
	env->partials = xgrow(env->partials, &env->cap, env->npartials + 1,
	    sizeof(*env->partials));
	e = &env->partials[env->npartials++];
	e->name = xstrndup(name, len);
	e->len = len;
	e->tmpl = NULL;
	e->failed = found < 0;
	if (found > 0) {
		e->tmpl = mustache_compile(env, path.len ? buf_cstr(&path) :
		    e->name, buf_cstr(&src), src.len);
		e->failed = e->tmpl == NULL;
	}
	buf_free(&src);
	buf_free(&path);
	*tmpl = e->tmpl;
	return e->failed ? -1 : 0;
}

/* ---------------------------------------------------------------- */
/* Rendering                                                        */
/* ---------------------------------------------------------------- */

struct frame {
	const struct value	*v;
	size_t			 index, count;
	int			 iterating;
};

struct render {
	struct mustache_env	*env;
	enum text_escape	 esc;
	struct buf		*out;
	size_t			 out_start;
	struct frame		*frames;
	size_t			 nframes, frames_cap;
	const struct node	**parents;	/* argument lists, outermost first */
	size_t			 nparents, parents_cap;
	struct buf		 indent;	/* of the current template */
	int			 at_bol;
	size_t			 depth;
	struct buf		 scratch[2];
	size_t			*hints;		/* by segment id: pair index + 1 */
	size_t			 nhints;
	int			 failed;
};

static void
render_error(struct render *r, const struct srcpos *pos, const char *fmt,
    const char *arg, size_t len)
{
	if (!r->failed)
		diag_error(r->env->d, pos, fmt, (int)len, arg);
	r->failed = 1;
}

static void
check_output(struct render *r, const struct srcpos *pos)
{
	if (r->out->len - r->out_start > r->env->opt.max_output && !r->failed) {
		diag_error(r->env->d, pos, "output is larger than the limit of "
		    "%zu bytes", r->env->opt.max_output);
		limits_note(r->env->d, pos, LIMITS_OUTPUT);
		r->failed = 1;
	}
}

static void
emit_indent(struct render *r)
{
	if (r->at_bol && r->indent.len > 0)
		buf_append(r->out, r->indent.data, r->indent.len);
	r->at_bol = 0;
}

/* Template text: every line it starts gets the current indentation. */
static void
emit_text(struct render *r, const char *s, size_t len)
{
	const char *nl;
	size_t n;

	if (r->indent.len == 0) {
		buf_append(r->out, s, len);
		r->at_bol = len > 0 && s[len - 1] == '\n';
		return;
	}
	while (len > 0) {
		nl = memchr(s, '\n', len);
		n = nl ? (size_t)(nl - s) + 1 : len;
		emit_indent(r);
		buf_append(r->out, s, n);
		r->at_bol = nl != NULL;
		s += n;
		len -= n;
	}
}

static void
push_frame(struct render *r, const struct value *v, size_t index,
    size_t count, int iterating)
{
	struct frame *f;

	r->frames = xgrow(r->frames, &r->frames_cap, r->nframes + 1,
	    sizeof(*r->frames));
	f = &r->frames[r->nframes++];
	f->v = v;
	f->index = index;
	f->count = count;
	f->iterating = iterating;
}

/*
 * The value under seg in map. A section over a list of records looks the
 * same names up in mappings of one shape again and again: the hint, the
 * pair where this segment was found last, is right nearly every time, and
 * saves comparing the name with every key before it.
 */
static const struct value *
map_get(struct render *r, const struct value *map, const struct segment *seg)
{
	const struct value_pair *pair;
	size_t old = r->nhints, i;

	if (map->kind != VALUE_MAP)
		return NULL;
	if (seg->id >= r->nhints) {
		r->hints = xgrow(r->hints, &r->nhints, seg->id + 1,
		    sizeof(*r->hints));
		memset(r->hints + old, 0, (r->nhints - old) * sizeof(*r->hints));
	}
	i = r->hints[seg->id];
	if (i > 0 && i <= value_len(map)) {
		pair = value_pair(map, i - 1);
		if (value_strlen(&pair->key) == seg->len &&
		    memcmp(value_str(&pair->key), seg->ptr, seg->len) == 0)
			return &pair->val;
	}
	pair = value_map_find(map, seg->ptr, seg->len);
	if (pair == NULL)
		return NULL;
	r->hints[seg->id] = (size_t)(pair - value_pair(map, 0)) + 1;
	return &pair->val;
}

/*
 * Resolves a name against the context stack. tmp holds the synthesized
 * value of an iteration variable. Returns NULL when the name is undefined.
 */
static const struct value *
lookup(struct render *r, const struct path *p, struct value *tmp)
{
	const struct value *v = NULL;
	size_t i;

	if (p->special != NAME_PLAIN) {
		for (i = r->nframes; i-- > 0;) {
			const struct frame *f = &r->frames[i];

			if (!f->iterating)
				continue;
			if (p->special == NAME_INDEX)
				*tmp = value_make_int((long long)f->index + 1,
				    NULL);
			else
				*tmp = value_make_bool(p->special == NAME_FIRST ?
				    f->index == 0 : f->index + 1 == f->count,
				    NULL);
			return tmp;
		}
		return NULL;
	}
	if (p->nsegs == 0)
		return r->nframes ? r->frames[r->nframes - 1].v : NULL;
	for (i = r->nframes; i-- > 0;) {
		v = map_get(r, r->frames[i].v, &p->segs[0]);
		if (v != NULL)
			break;
	}
	for (i = 1; v != NULL && i < p->nsegs; i++)
		v = map_get(r, v, &p->segs[i]);
	return v;
}

static int render_nodes(struct render *r, const struct node *nodes,
    size_t n);

static void
render_interpolation(struct render *r, const struct node *n)
{
	struct value tmp;
	const struct value *v = lookup(r, &n->path, &tmp);
	struct buf *a = &r->scratch[0], *b = &r->scratch[1], *t;
	size_t i;

	if (v == NULL) {
		if (r->env->opt.strict)
			render_error(r, &n->pos, "'%.*s' is not defined",
			    n->path.text, n->path.len);
		return;
	}
	/* A string goes straight from the tree to the output. */
	if (v->kind == VALUE_STRING && n->nfilters == 0) {
		if (value_strlen(v) == 0)
			return;
		emit_indent(r);
		if (n->type == NODE_VAR)
			text_escape(r->esc, value_str(v), value_strlen(v),
			    r->out);
		else
			buf_append(r->out, value_str(v), value_strlen(v));
		check_output(r, &n->pos);
		return;
	}
	buf_clear(a);
	if (value_format(v, a) != 0) {
		if (r->env->opt.strict)
			render_error(r, &n->pos, "'%.*s' is a list or mapping, "
			    "not text", n->path.text, n->path.len);
		return;
	}
	for (i = 0; i < n->nfilters; i++) {
		buf_clear(b);
		n->filters[i]->fn(buf_cstr(a), a->len, b);
		t = a;
		a = b;
		b = t;
	}
	if (a->len == 0)
		return;
	emit_indent(r);
	if (n->type == NODE_VAR && n->nfilters == 0)
		text_escape(r->esc, a->data, a->len, r->out);
	else
		buf_append(r->out, a->data, a->len);
	check_output(r, &n->pos);
}

static int
enter(struct render *r, const struct node *n)
{
	if (++r->depth > r->env->opt.max_depth) {
		char msg[32];
		int len = snprintf(msg, sizeof(msg), "%zu",
		    r->env->opt.max_depth);

		if (!r->failed) {
			render_error(r, &n->pos, "templates nest deeper than "
			    "%.*s levels (a partial that includes itself?)",
			    msg, (size_t)len);
			limits_note(r->env->d, &n->pos, LIMITS_TEMPLATE_DEPTH);
		}
		return -1;
	}
	return 0;
}

static void
render_section(struct render *r, const struct node *n)
{
	struct value tmp;
	const struct value *v = lookup(r, &n->path, &tmp);
	size_t i;

	if (n->type == NODE_INVERTED) {
		if (!value_truthy(v))
			render_nodes(r, n->kids, n->nkids);
		return;
	}
	if (!value_truthy(v) || enter(r, n) != 0)
		return;
	if (v->kind == VALUE_SEQ) {
		for (i = 0; i < value_len(v) && !r->failed; i++) {
			push_frame(r, value_item(v, i), i, value_len(v), 1);
			render_nodes(r, n->kids, n->nkids);
			r->nframes--;
		}
	} else {
		push_frame(r, v, 0, 1, 0);
		render_nodes(r, n->kids, n->nkids);
		r->nframes--;
	}
	r->depth--;
}

/*
 * Renders kids (a partial's body or a block's override) as a template of
 * its own: with extra indentation when the tag stood alone, none of the
 * caller's otherwise.
 */
static void
render_indented(struct render *r, const struct node *n,
    const struct node *kids, size_t nkids, int keep_indent)
{
	size_t saved = r->indent.len;
	char *copy = NULL;

	if (!keep_indent) {
		copy = xstrndup(buf_cstr(&r->indent), saved);
		buf_clear(&r->indent);
	}
	buf_append(&r->indent, n->indent, n->indent_len);
	r->at_bol = n->bol_in;
	render_nodes(r, kids, nkids);
	if (copy != NULL) {
		buf_clear(&r->indent);
		buf_append(&r->indent, copy, saved);
		free(copy);
	} else
		r->indent.len = saved;
	if (r->indent.data != NULL)
		r->indent.data[r->indent.len] = '\0';
	r->at_bol = n->bol_after;
}

static void
render_partial(struct render *r, const struct node *n)
{
	const struct mustache_template *t;
	const char *name = n->path.text;
	size_t len = n->path.len;
	struct value tmp;
	struct buf dyn;

	buf_init(&dyn);
	if (n->dynamic) {
		const struct value *v = lookup(r, &n->path, &tmp);

		if (v == NULL || value_format(v, &dyn) != 0 || dyn.len == 0) {
			if (r->env->opt.strict)
				render_error(r, &n->pos, "'%.*s' is not "
				    "defined", n->path.text, n->path.len);
			buf_free(&dyn);
			return;
		}
		name = dyn.data;
		len = dyn.len;
	}
	if (load_partial(r->env, name, len, &t) != 0) {
		/* The partial's own errors are reported: say where it is used. */
		if (!r->failed)
			diag_note(r->env->d, &n->pos, "in the partial '%.*s' "
			    "included here", (int)len, name);
		r->failed = 1;
	} else if (t == NULL) {
		if (r->env->opt.strict)
			render_error(r, &n->pos, "partial '%.*s' not found",
			    name, len);
	} else if (enter(r, n) == 0) {
		if (n->type == NODE_PARENT) {
			r->parents = xgrow(r->parents, &r->parents_cap,
			    r->nparents + 1, sizeof(*r->parents));
			r->parents[r->nparents++] = n;
		}
		render_indented(r, n, t->nodes, t->nnodes, n->bol_in);
		if (n->type == NODE_PARENT)
			r->nparents--;
		r->depth--;
	}
	buf_free(&dyn);
}

/* The outermost parent's argument for block n wins. */
static const struct node *
find_argument(const struct render *r, const struct node *n)
{
	size_t i, j;

	for (i = 0; i < r->nparents; i++) {
		const struct node *p = r->parents[i];

		for (j = 0; j < p->nkids; j++)
			if (p->kids[j].path.len == n->path.len &&
			    memcmp(p->kids[j].path.text, n->path.text,
			    n->path.len) == 0)
				return &p->kids[j];
	}
	return NULL;
}

static void
render_block(struct render *r, const struct node *n)
{
	const struct node *arg = find_argument(r, n);

	if (enter(r, n) != 0)
		return;
	if (arg == NULL)
		render_nodes(r, n->kids, n->nkids);
	else
		render_indented(r, n, arg->kids, arg->nkids, 1);
	r->depth--;
}

static int
render_nodes(struct render *r, const struct node *nodes, size_t n)
{
	size_t i;

	for (i = 0; i < n && !r->failed; i++) {
		const struct node *node = &nodes[i];

		switch (node->type) {
		case NODE_TEXT:
			emit_text(r, node->text, node->len);
			check_output(r, &node->pos);
			break;
		case NODE_VAR:
		case NODE_RAW:
			render_interpolation(r, node);
			break;
		case NODE_SECTION:
		case NODE_INVERTED:
			render_section(r, node);
			break;
		case NODE_PARTIAL:
		case NODE_PARENT:
			render_partial(r, node);
			break;
		case NODE_BLOCK:
			render_block(r, node);
			break;
		}
	}
	return r->failed ? -1 : 0;
}

int
mustache_render(struct mustache_env *env, const struct mustache_template *t,
    const struct value *root, enum text_escape esc, struct buf *out)
{
	struct render r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.env = env;
	r.esc = esc;
	r.out = out;
	r.out_start = out->len;
	r.at_bol = 1;
	if (root != NULL)
		push_frame(&r, root, 0, 1, 0);
	rc = render_nodes(&r, t->nodes, t->nnodes);
	free(r.frames);
	free(r.parents);
	free(r.hints);
	buf_free(&r.indent);
	buf_free(&r.scratch[0]);
	buf_free(&r.scratch[1]);
	return rc;
}
