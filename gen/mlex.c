/* Mustache tokenizer: tokens, paired tags, standalone lines and where source lines start. */
#include "mlex.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "limits.h"
#include "text.h"
#include "xalloc.h"

/* How much of a tag name a message quotes. */
#define SHOW_MAX	60

#define NO_MATCH	((size_t)-1)

/* The delimiters in force. */
struct delims {
	char	open[MLEX_MAX_DELIM], close[MLEX_MAX_DELIM];
	size_t	olen, clen;
};

/* ------------------------------------------------------------- tokens */

struct srcpos
mlex_pos(const struct mlex *lx, const struct mlex_token *t)
{
	struct srcpos pos;

	pos.file = lx->name;
	pos.line = t->line;
	pos.col = t->col;
	return pos;
}

void
mlex_error(struct mlex *lx, const struct mlex_token *t, const char *fmt, ...)
{
	struct srcpos pos = mlex_pos(lx, t);
	va_list ap;

	va_start(ap, fmt);
	diag_verror(lx->d, &pos, fmt, ap);
	va_end(ap);
	lx->errors++;
}

const char *
mlex_show(const char *name, size_t len, struct buf *out)
{
	text_show(name, len, SHOW_MAX, out);
	return buf_cstr(out);
}

int
mlex_is_space(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* Moves the line/column counter forward to offset to. */
static void
advance(struct mlex *lx, size_t to)
{
	const char *nl;

	while (lx->at < to) {
		nl = memchr(lx->src + lx->at, '\n', to - lx->at);
		if (nl == NULL) {
			lx->col += (unsigned)(to - lx->at);
			lx->at = to;
			return;
		}
		lx->line++;
		lx->col = 1;
		lx->at = (size_t)(nl - lx->src) + 1;
	}
}

static struct mlex_token *
push_token(struct mlex *lx, enum mlex_type type, size_t start, size_t end)
{
	struct mlex_token *t;

	lx->toks = xgrow(lx->toks, &lx->cap, lx->ntoks + 1, sizeof(*lx->toks));
	t = &lx->toks[lx->ntoks];
	memset(t, 0, sizeof(*t));
	advance(lx, start);
	t->type = type;
	t->start = start;
	t->end = end;
	t->line = lx->line;
	t->col = lx->col;
	t->match = NO_MATCH;
	/* A token starts a line when the one before it ends one. */
	if (lx->ntoks == 0 || lx->toks[lx->ntoks - 1].newline)
		t->line_first = lx->ntoks;
	else
		t->line_first = lx->toks[lx->ntoks - 1].line_first;
	lx->ntoks++;
	return t;
}

static void
push_text(struct mlex *lx, size_t start, size_t end)
{
	const char *nl;
	struct mlex_token *t;

	while (start < end) {
		nl = memchr(lx->src + start, '\n', end - start);
		if (nl == NULL) {
			push_token(lx, MLEX_TEXT, start, end);
			return;
		}
		t = push_token(lx, MLEX_TEXT, start, (size_t)(nl - lx->src) + 1);
		t->newline = 1;
		start = t->end;
	}
}

/* The first needle[0..nlen) in hay[0..haylen), or NULL. */
static const char *
find(const char *hay, size_t haylen, const char *needle, size_t nlen)
{
	const char *p = hay, *end = hay + haylen;

	if (nlen == 0 || nlen > haylen)
		return NULL;
	while ((size_t)(end - p) >= nlen &&
	    (p = memchr(p, needle[0], (size_t)(end - p) - nlen + 1)) != NULL) {
		if (memcmp(p, needle, nlen) == 0)
			return p;
		p++;
	}
	return NULL;
}

static void
trim(const char *s, size_t *start, size_t *end)
{
	while (*start < *end && mlex_is_space(s[*start]))
		(*start)++;
	while (*end > *start && mlex_is_space(s[*end - 1]))
		(*end)--;
}

/* The span of the next word of s[*i..len): no blanks, no '='. */
static void
word(const char *s, size_t len, size_t *i, size_t *a, size_t *b)
{
	while (*i < len && mlex_is_space(s[*i]))
		(*i)++;
	*a = *i;
	while (*i < len && !mlex_is_space(s[*i]) && s[*i] != '=')
		(*i)++;
	*b = *i;
	while (*i < len && mlex_is_space(s[*i]))
		(*i)++;
}

/*
 * Sets new delimiters from the body of a set-delimiter tag, "=<% %>=".
 * Returns 0; -1, changing nothing and reporting it, when it is not two
 * delimiters without blanks or '=', or when one is longer than the limit.
 */
static int
set_delimiters(struct mlex *lx, const struct mlex_token *t, size_t body,
    size_t body_end, struct delims *dl)
{
	const char *s = lx->src + body;
	size_t len, i = 0, oa, ob, ca, cb;
	struct buf b;

	/* Blanks may pad the tag inside its delimiters: "{{= <% %> =}}". */
	while (body_end > body && mlex_is_space(lx->src[body_end - 1]))
		body_end--;
	if (body_end == body || lx->src[body_end - 1] != '=')
		goto bad;
	len = body_end - body - 1;
	word(s, len, &i, &oa, &ob);
	word(s, len, &i, &ca, &cb);
	if (ob == oa || cb == ca || i != len)
		goto bad;
	if (ob - oa > MLEX_MAX_DELIM || cb - ca > MLEX_MAX_DELIM) {
		buf_init(&b);
		if (ob - oa > MLEX_MAX_DELIM)
			mlex_show(s + oa, ob - oa, &b);
		else
			mlex_show(s + ca, cb - ca, &b);
		mlex_error(lx, t, "delimiter '%s' is longer than the limit "
		    "of %d bytes", buf_cstr(&b), MLEX_MAX_DELIM);
		buf_free(&b);
		return -1;
	}
	memcpy(dl->open, s + oa, ob - oa);
	dl->olen = ob - oa;
	memcpy(dl->close, s + ca, cb - ca);
	dl->clen = cb - ca;
	return 0;
bad:
	mlex_error(lx, t, "bad set-delimiter tag: expected '%.*s=OPEN "
	    "CLOSE=%.*s', two delimiters without spaces or '='",
	    (int)dl->olen, dl->open, (int)dl->clen, dl->close);
	return -1;
}

static enum mlex_type
sigil_type(char ch)
{
	switch (ch) {
	case '!': return MLEX_COMMENT;
	case '#': return MLEX_SECTION;
	case '^': return MLEX_INVERTED;
	case '/': return MLEX_CLOSE;
	case '>': return MLEX_PARTIAL;
	case '<': return MLEX_PARENT;
	case '$': return MLEX_BLOCK;
	case '=': return MLEX_DELIM;
	case '&': return MLEX_RAW;
	default: return MLEX_VAR;
	}
}

/*
 * The end of a set-delimiter tag's content from offset from: the closing
 * delimiter after a '=' and blanks. Returns where that closing delimiter
 * starts, or NULL.
 */
static const char *
find_delim_end(const struct mlex *lx, size_t from, const struct delims *dl)
{
	const char *p = lx->src + from, *end = lx->src + lx->len, *q;

	while ((p = memchr(p, '=', (size_t)(end - p))) != NULL) {
		for (q = ++p; q < end && mlex_is_space(*q); q++)
			continue;
		if ((size_t)(end - q) >= dl->clen &&
		    memcmp(q, dl->close, dl->clen) == 0)
			return q;
	}
	return NULL;
}

/*
 * A tag whose content holds the opening delimiter was not closed before
 * the next tag began ("{{code} ... {{a}}"): reports it at its own place,
 * quoting it up to its line's end, and returns 1; else returns 0.
 */
static int
unclosed(struct mlex *lx, const struct mlex_token *t, size_t tag,
    size_t body, size_t body_end, const struct delims *dl, const char *close,
    size_t clen)
{
	const char *src = lx->src, *next, *nl;
	size_t shown_end;
	unsigned line = t->line;
	struct buf b;

	next = find(src + body, body_end - body, dl->open, dl->olen);
	if (next == NULL)
		return 0;
	nl = memchr(src + tag, '\n', (size_t)(next - (src + tag)));
	shown_end = nl != NULL ? (size_t)(nl - src) : (size_t)(next - src);
	for (nl = src + tag; (nl = memchr(nl, '\n', (size_t)(next - nl))) !=
	    NULL; nl++)
		line++;
	buf_init(&b);
	mlex_show(src + tag, shown_end - tag, &b);
	mlex_error(lx, t, "tag '%s' is not closed: no '%.*s' before the next "
	    "'%.*s' (line %u)", buf_cstr(&b), (int)clen, close,
	    (int)dl->olen, dl->open, line);
	buf_free(&b);
	return 1;
}

/*
 * Scans the tag whose opening delimiter starts at tag. Returns the offset
 * after it, or 0 after reporting a tag without its closing delimiter.
 */
static size_t
scan_tag(struct mlex *lx, size_t tag, struct delims *dl)
{
	const char *src = lx->src, *e;
	size_t body = tag + dl->olen, body_end, tag_end;
	char close[MLEX_MAX_DELIM + 1];
	size_t clen = dl->clen;
	enum mlex_type type = MLEX_VAR;
	struct mlex_token *t;

	memcpy(close, dl->close, dl->clen);
	if (body < lx->len && src[body] == '=' &&
	    (e = find_delim_end(lx, body + 1, dl)) != NULL) {
		/* The new delimiters may hold the closing one: "{{={{ }}=}}". */
		body_end = (size_t)(e - src);
		tag_end = body_end + dl->clen;
		t = push_token(lx, MLEX_DELIM, tag, tag_end);
		(void)set_delimiters(lx, t, body + 1, body_end, dl);
		t->name = body + 1;
		t->name_len = body_end - body - 1;
		return tag_end;
	}
	if (body < lx->len && src[body] == '{') {
		/* {{{name}}}: what ends it is '}' and the closing delimiter. */
		close[0] = '}';
		memcpy(close + 1, dl->close, dl->clen);
		clen++;
		type = MLEX_RAW;
		body++;
	}
	e = find(src + body, lx->len - body, close, clen);
	body_end = e ? (size_t)(e - src) : body;
	tag_end = e ? body_end + clen : 0;
	if (type == MLEX_VAR && e != NULL && body < body_end &&
	    (type = sigil_type(src[body])) != MLEX_VAR)
		body++;
	t = push_token(lx, type, tag, tag_end);
	if (e == NULL) {
		mlex_error(lx, t, "unterminated tag: no '%.*s' after it",
		    (int)clen, close);
		/* Nothing after an unterminated tag can be trusted. */
		lx->ntoks--;
		lx->stopped = 1;
		return 0;
	}
	if (type != MLEX_COMMENT && unclosed(lx, t, tag, body, body_end, dl,
	    close, clen)) {
		lx->ntoks--;
		lx->stopped = 1;
		return 0;
	}
	if (type == MLEX_DELIM)
		(void)set_delimiters(lx, t, body, body_end, dl);
	t->name = body;
	t->name_len = body_end - body;
	if (type != MLEX_COMMENT) {
		size_t s = body, z = body_end;

		trim(src, &s, &z);
		t->name = s;
		t->name_len = z - s;
	}
	return tag_end;
}

static void
tokenize(struct mlex *lx)
{
	struct delims dl = { "{{", "}}", 2, 2 };
	size_t pos = 0, tag;
	const char *p;

	while (pos < lx->len) {
		p = find(lx->src + pos, lx->len - pos, dl.open, dl.olen);
		if (p == NULL) {
			push_text(lx, pos, lx->len);
			return;
		}
		tag = (size_t)(p - lx->src);
		push_text(lx, pos, tag);
		if ((pos = scan_tag(lx, tag, &dl)) == 0)
			return;
	}
}

/* ------------------------------------------------------- paired tags */

static int
is_opening(enum mlex_type type)
{
	return type == MLEX_SECTION || type == MLEX_INVERTED ||
	    type == MLEX_PARENT || type == MLEX_BLOCK;
}

static const char *
tag_sigil(enum mlex_type type)
{
	switch (type) {
	case MLEX_SECTION:	return "#";
	case MLEX_INVERTED:	return "^";
	case MLEX_PARENT:	return "<";
	case MLEX_BLOCK:	return "$";
	default:		return "";
	}
}

/* Pairs closing tag t with the opening tag top (reported when they differ). */
static void
close_tag(struct mlex *lx, struct mlex_token *t, struct mlex_token *top)
{
	struct buf a, b;
	struct srcpos pos;

	if (top->name_len != t->name_len || memcmp(lx->src + top->name,
	    lx->src + t->name, t->name_len) != 0) {
		buf_init(&a);
		buf_init(&b);
		mlex_error(lx, t, "closing tag '%s' does not match the open "
		    "section", mlex_show(lx->src + t->name, t->name_len, &a));
		pos = mlex_pos(lx, top);
		diag_note(lx->d, &pos, "'%s%s' opened here",
		    tag_sigil(top->type), mlex_show(lx->src + top->name,
		    top->name_len, &b));
		buf_free(&a);
		buf_free(&b);
		/* Do not cascade: treat it as the close. */
	}
	t->match = (size_t)(top - lx->toks);
	top->match = (size_t)(t - lx->toks);
	t->in_parent = top->in_parent;
}

static void
too_deep(struct mlex *lx, const struct mlex_token *t, size_t max_depth)
{
	struct srcpos pos = mlex_pos(lx, t);

	mlex_error(lx, t, "sections nest deeper than %zu levels", max_depth);
	limits_note(lx->d, &pos, LIMITS_TEMPLATE_DEPTH);
}

/*
 * Pairs opening and closing tags, and marks what lies directly inside a
 * parent tag (ignored, except argument blocks). Returns -1 when it had to
 * stop early (nesting over max_depth).
 */
static int
match_tags(struct mlex *lx, size_t max_depth)
{
	size_t *stack = NULL, depth = 0, cap = 0, i;
	struct buf b;

	for (i = 0; i < lx->ntoks; i++) {
		struct mlex_token *t = &lx->toks[i];
		struct mlex_token *top = depth ? &lx->toks[stack[depth - 1]] :
		    NULL;

		if (top != NULL && top->type == MLEX_PARENT)
			t->in_parent = t->type != MLEX_BLOCK;
		t->is_arg = top != NULL && top->type == MLEX_PARENT &&
		    t->type == MLEX_BLOCK;
		if (t->type == MLEX_CLOSE && top == NULL) {
			buf_init(&b);
			mlex_error(lx, t, "closing tag '%s' has no opening tag",
			    mlex_show(lx->src + t->name, t->name_len, &b));
			buf_free(&b);
		} else if (t->type == MLEX_CLOSE) {
			close_tag(lx, t, top);
			depth--;
		} else if (is_opening(t->type)) {
			if (t->name_len == 0)
				mlex_error(lx, t, "empty %s tag",
				    tag_sigil(t->type));
			if (depth == max_depth) {
				too_deep(lx, t, max_depth);
				free(stack);
				return -1;
			}
			stack = xgrow(stack, &cap, depth + 1, sizeof(*stack));
			stack[depth++] = i;
		}
	}
	/* After a tag never closed, a section still open may well have been
	 * closed in what that tag swallowed: that tag is the error. */
	while (depth > 0 && !lx->stopped) {
		struct mlex_token *t = &lx->toks[stack[--depth]];

		buf_init(&b);
		mlex_error(lx, t, "section '%s' is never closed",
		    mlex_show(lx->src + t->name, t->name_len, &b));
		buf_free(&b);
	}
	free(stack);
	return 0;
}

/* ---------------------------------------------------- standalone lines */

static int
is_blank_text(const struct mlex *lx, const struct mlex_token *t)
{
	size_t i;

	if (t->type != MLEX_TEXT)
		return 0;
	for (i = t->start; i < t->end; i++)
		if (lx->src[i] != ' ' && lx->src[i] != '\t' &&
		    lx->src[i] != '\n' &&
		    !(lx->src[i] == '\r' && i + 1 < t->end &&
		    lx->src[i + 1] == '\n'))
			return 0;
	return 1;
}

/*
 * For each token: is there only blank text between the start of its line
 * and it (clear_left), and between it and the end of its line
 * (clear_right)? One pass each way, so that the standalone rules cost no
 * more than the tokens.
 */
static void
find_clear(struct mlex *lx)
{
	size_t i;
	int clear = 1;

	for (i = 0; i < lx->ntoks; i++) {
		struct mlex_token *t = &lx->toks[i];

		t->clear_left = clear;
		clear = t->newline || (clear && is_blank_text(lx, t));
	}
	clear = 1;
	for (i = lx->ntoks; i-- > 0;) {
		struct mlex_token *t = &lx->toks[i];

		t->clear_right = clear;
		if (t->newline)
			clear = is_blank_text(lx, t);
		else
			clear = clear && is_blank_text(lx, t);
	}
}

/* Removes the blanks before token i on its line; they indent owner. */
static void
strip_left(struct mlex *lx, size_t i, struct mlex_token *owner)
{
	size_t j = lx->toks[i].line_first;

	if (owner != NULL && j < i) {
		owner->indent = lx->toks[j].start;
		owner->indent_len = lx->toks[i - 1].end - lx->toks[j].start;
	}
	lx->toks[i].stripped = 1;
	for (; j < i; j++)
		lx->toks[j].removed = 1;
}

static void
strip_right(struct mlex *lx, size_t i)
{
	size_t j;

	for (j = i + 1; j < lx->ntoks; j++) {
		lx->toks[j].removed = 1;
		if (lx->toks[j].newline)
			break;
	}
}

static int
is_structural(enum mlex_type type)
{
	return type != MLEX_TEXT && type != MLEX_VAR && type != MLEX_RAW;
}

/*
 * Applies the standalone rules. A structural tag alone on its line (only
 * blanks around it) takes the whole line with it; the blanks before a
 * partial become its indentation. Parent and argument tags follow the
 * inheritance spec: a parent pair is standalone when its opening tag
 * clears on the left and its closing tag on the right (what lies between
 * is ignored); an argument block's opening tag takes the line end after
 * it, and its closing tag the blanks before it.
 */
static void
apply_standalone(struct mlex *lx)
{
	size_t i;

	for (i = 0; i < lx->ntoks; i++) {
		struct mlex_token *t = &lx->toks[i];

		if (!is_structural(t->type) || t->in_parent)
			continue;
		if (t->type == MLEX_PARENT) {
			if (t->clear_left && lx->toks[t->match].clear_right) {
				t->standalone = 1;
				strip_left(lx, i, t);
				strip_right(lx, t->match);
			}
		} else if (t->is_arg) {
			if (t->clear_right) {
				t->standalone = 1;
				strip_right(lx, i);
			}
		} else if (t->type == MLEX_CLOSE &&
		    lx->toks[t->match].is_arg) {
			if (t->clear_left)
				strip_left(lx, i, NULL);
		} else if (t->type == MLEX_CLOSE &&
		    lx->toks[t->match].type == MLEX_PARENT) {
			continue;
		} else if (t->clear_left && t->clear_right) {
			t->standalone = 1;
			strip_left(lx, i, t);
			strip_right(lx, i);
		}
	}
}

/* ---------------------------------------------------------- indentation */

/* Leading spaces and tabs of text token t. */
static size_t
leading_blanks(const struct mlex *lx, const struct mlex_token *t)
{
	size_t n = 0;

	while (t->start + n < t->end && (lx->src[t->start + n] == ' ' ||
	    lx->src[t->start + n] == '\t'))
		n++;
	return n;
}

/* The first token after i that was not stripped away. */
static size_t
next_kept(const struct mlex *lx, size_t i)
{
	for (i++; i < lx->ntoks && lx->toks[i].removed; i++)
		continue;
	return i;
}

/* Removes up to width leading blanks from text token t. */
static void
dedent(const struct mlex *lx, struct mlex_token *t, size_t width)
{
	size_t n = leading_blanks(lx, t);

	t->start += n < width ? n : width;
}

struct arg_level {
	size_t	close;		/* index of the closing tag */
	size_t	width;		/* its intrinsic indentation */
	int	pending;	/* width not known yet */
};

/*
 * A standalone argument block's content loses its intrinsic indentation
 * (that of its first line) from every line, so that where it is expanded
 * it can take the indentation of that place instead. Arguments nest (a
 * parent inside an argument): removing w1 blanks and then w2 is removing
 * w1 + w2, so one pass with the sum of the open levels does it.
 */
static void
dedent_arguments(struct mlex *lx)
{
	struct arg_level *stack = NULL, *top;
	size_t depth = 0, cap = 0, total = 0, i;

	for (i = 0; i < lx->ntoks; i++) {
		struct mlex_token *t = &lx->toks[i];

		while (depth > 0 && stack[depth - 1].close == i)
			total -= stack[--depth].width;
		if (t->is_arg && t->standalone) {
			stack = xgrow(stack, &cap, depth + 1, sizeof(*stack));
			top = &stack[depth++];
			top->close = t->match;
			top->width = 0;
			top->pending = 1;
			continue;
		}
		if (t->removed)
			continue;
		if (t->type == MLEX_TEXT && t->col == 1)
			dedent(lx, t, total);
		if (depth > 0 && stack[depth - 1].pending) {
			top = &stack[depth - 1];
			top->pending = 0;
			if (t->type == MLEX_TEXT) {
				top->width = leading_blanks(lx, t);
				dedent(lx, t, top->width);
				total += top->width;
			}
		}
	}
	free(stack);
}

/*
 * Where a block is expanded, override content is indented by the block's
 * own indentation: that of its default content's first line when the
 * opening tag stands alone, else the blanks before the tag.
 */
static void
block_indentation(struct mlex *lx)
{
	size_t i, first, j;

	for (i = 0; i < lx->ntoks; i++) {
		struct mlex_token *t = &lx->toks[i];

		if (t->type != MLEX_BLOCK || t->is_arg || t->in_parent)
			continue;
		if (t->standalone) {
			first = next_kept(lx, i);
			if (first < t->match && lx->toks[first].type ==
			    MLEX_TEXT) {
				t->indent = lx->toks[first].start;
				t->indent_len = leading_blanks(lx,
				    &lx->toks[first]);
			} else if (first < t->match)
				t->indent_len = 0;
			/* else: empty default, keep the tag's own blanks */
		} else if (t->clear_left) {
			j = t->line_first;
			if (j < i) {
				t->indent = lx->toks[j].start;
				t->indent_len = lx->toks[i - 1].end -
				    lx->toks[j].start;
			}
		}
	}
}

/* An empty line: nothing before its line end. */
static int
is_empty_line(const struct mlex *lx, const struct mlex_token *t)
{
	size_t n = t->end - t->start;

	return t->newline && (n == 1 || (n == 2 && lx->src[t->start] ==
	    '\r'));
}

/*
 * Marks where the indentation of a partial goes: before the first token
 * of each source line, as if the partial's text were indented before it
 * is rendered (the spec's rule). Lines that standalone tags removed, and
 * the blanks of a standalone tag, take none (they became its own
 * indentation); nor does an empty line, so that indenting a partial
 * leaves no trailing blanks; nor what a parent ignores. A comment or a
 * set-delimiter tag that starts a line takes the mark itself (the
 * compiler makes it an empty node), so that a line of such tags is
 * indented like any other line that is not empty in the source, even
 * when nothing follows it. A closing tag that starts a line marks the
 * end of its section's content.
 */
static void
mark_line_starts(struct mlex *lx)
{
	size_t i;
	int pending = 1;

	for (i = 0; i < lx->ntoks; i++) {
		struct mlex_token *t = &lx->toks[i], *open;

		if (t->removed || t->stripped || t->standalone ||
		    t->in_parent || t->is_arg)
			pending = 0;
		else if (!pending || (t->type == MLEX_TEXT &&
		    t->start == t->end))
			;
		else if (t->type == MLEX_TEXT && is_empty_line(lx, t))
			pending = 0;
		else if (t->type == MLEX_CLOSE) {
			open = &lx->toks[t->match];
			open->indent_end = open->type != MLEX_PARENT;
			pending = 0;
		} else {
			t->indent_first = 1;
			pending = 0;
		}
		if (t->newline)
			pending = 1;
	}
}

/* ---------------------------------------------------------------- scan */

int
mlex_scan(struct mlex *lx, const char *name, const char *src, size_t len,
    size_t max_depth, struct diag *d)
{
	memset(lx, 0, sizeof(*lx));
	lx->d = d;
	lx->name = name;
	lx->src = src;
	lx->len = len;
	lx->line = 1;
	lx->col = 1;
	tokenize(lx);
	if (match_tags(lx, max_depth) != 0 || lx->errors > 0)
		return lx->errors;
	find_clear(lx);
	apply_standalone(lx);
	dedent_arguments(lx);
	block_indentation(lx);
	mark_line_starts(lx);
	return 0;
}

void
mlex_free(struct mlex *lx)
{
	free(lx->toks);
	lx->toks = NULL;
	lx->ntoks = lx->cap = 0;
}
