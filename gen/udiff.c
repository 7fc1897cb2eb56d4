/* Unified diffs: a line LCS, then hunks with three lines of context. */
#include "udiff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define CONTEXT	3

/* One line: its bytes, the newline included when there is one. */
struct line {
	const char	*p;
	size_t		 len;
	uint32_t	 hash;
};

/* One step of the edit script. */
enum op { OP_SAME, OP_DEL, OP_ADD };

struct edit {
	enum op	 op;
	size_t	 a;	/* line index in a (OP_SAME, OP_DEL) */
	size_t	 b;	/* line index in b (OP_SAME, OP_ADD) */
};

/* The two texts split into lines, and the edit script from a to b. */
struct diff {
	struct line	*a;
	struct line	*b;
	struct edit	*e;
	size_t		 n;
	size_t		 cap;
};

/* Splits text into lines; returns their count. */
static size_t
split(const char *text, size_t len, struct line **lines)
{
	size_t n = 0, cap = 0, i, start = 0;
	uint32_t h;

	*lines = NULL;
	while (start < len) {
		h = 2166136261u;	/* FNV-1a */
		for (i = start; i < len; i++) {
			h = (h ^ (unsigned char)text[i]) * 16777619u;
			if (text[i] == '\n') {
				i++;
				break;
			}
		}
		*lines = xgrow(*lines, &cap, n + 1, sizeof(**lines));
		(*lines)[n].p = text + start;
		(*lines)[n].len = i - start;
		(*lines)[n].hash = h;
		n++;
		start = i;
	}
	return n;
}

static int
same(const struct line *x, const struct line *y)
{
	return x->hash == y->hash && x->len == y->len &&
	    memcmp(x->p, y->p, x->len) == 0;
}

static void
push(struct diff *df, enum op op, size_t a, size_t b)
{
	df->e = xgrow(df->e, &df->cap, df->n + 1, sizeof(*df->e));
	df->e[df->n].op = op;
	df->e[df->n].a = a;
	df->e[df->n].b = b;
	df->n++;
}

/*
 * Appends to df's script the edits from a[a0..a1) to b[b0..b1): a longest
 * common subsequence by dynamic programming, deletions before additions.
 */
static void
middle(struct diff *df, size_t a0, size_t a1, size_t b0, size_t b1)
{
	const struct line *a = df->a, *b = df->b;
	size_t na = a1 - a0, nb = b1 - b0, i, j, w = nb + 1;
	uint32_t *len;

	if (na == 0 || nb == 0 || na > UDIFF_MAX_CELLS / nb) {
		for (i = a0; i < a1; i++)
			push(df, OP_DEL, i, b0);
		for (j = b0; j < b1; j++)
			push(df, OP_ADD, a1, j);
		return;
	}
	/* len[i * w + j]: the LCS of a[a0 + i..a1) and b[b0 + j..b1). */
	len = xcalloc((na + 1) * w, sizeof(*len));
	for (i = na; i-- > 0;)
		for (j = nb; j-- > 0;)
			len[i * w + j] = same(&a[a0 + i], &b[b0 + j]) ?
			    len[(i + 1) * w + j + 1] + 1 :
			    len[(i + 1) * w + j] >= len[i * w + j + 1] ?
			    len[(i + 1) * w + j] : len[i * w + j + 1];
	i = j = 0;
	while (i < na || j < nb) {
		if (i < na && j < nb && same(&a[a0 + i], &b[b0 + j])) {
			push(df, OP_SAME, a0 + i, b0 + j);
			i++;
			j++;
		} else if (j == nb || (i < na &&
		    len[(i + 1) * w + j] >= len[i * w + j + 1])) {
			push(df, OP_DEL, a0 + i, b0 + j);
			i++;
		} else {
			push(df, OP_ADD, a0 + i, b0 + j);
			j++;
		}
	}
	free(len);
}

/* "-START,COUNT" as diff -u writes it: START is 0-based + 1, or the line
 * before an empty range; ",1" is left out. */
static void
put_range(struct buf *out, char sign, size_t start, size_t count)
{
	if (count == 0)
		buf_printf(out, "%c%zu,0", sign, start);
	else if (count == 1)
		buf_printf(out, "%c%zu", sign, start + 1);
	else
		buf_printf(out, "%c%zu,%zu", sign, start + 1, count);
}

static void
put_line(struct buf *out, char sign, const struct line *l)
{
	buf_putc(out, sign);
	buf_append(out, l->p, l->len);
	if (l->len == 0 || l->p[l->len - 1] != '\n')
		buf_puts(out, "\n\\ No newline at end of file\n");
}

/* Prints the hunk made of edits [from, to). */
static void
hunk(struct buf *out, const struct diff *df, size_t from, size_t to)
{
	const struct edit *e = df->e;
	size_t i, na = 0, nb = 0, a0 = e[from].a, b0 = e[from].b;

	for (i = from; i < to; i++) {
		na += e[i].op != OP_ADD;
		nb += e[i].op != OP_DEL;
	}
	buf_puts(out, "@@ ");
	put_range(out, '-', a0, na);
	buf_putc(out, ' ');
	put_range(out, '+', b0, nb);
	buf_puts(out, " @@\n");
	for (i = from; i < to; i++) {
		if (e[i].op == OP_SAME)
			put_line(out, ' ', &df->a[e[i].a]);
		else if (e[i].op == OP_DEL)
			put_line(out, '-', &df->a[e[i].a]);
		else
			put_line(out, '+', &df->b[e[i].b]);
	}
}

/*
 * A header line, "--- NAME": a name with a space ends in a tab, as diff
 * -u ends it before the timestamp; one with a control byte, '"' or '\\'
 * is quoted as git quotes it ("a/x\ty"). GNU patch and git apply read
 * both back.
 */
static void
put_header(struct buf *out, const char *mark, const char *name)
{
	const unsigned char *p;
	int quote = 0;

	for (p = (const unsigned char *)name; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\')
			quote = 1;
	buf_printf(out, "%s ", mark);
	if (!quote) {
		buf_puts(out, name);
		buf_puts(out, strchr(name, ' ') != NULL ? "\t\n" : "\n");
		return;
	}
	buf_putc(out, '"');
	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(out, "\\%c", *p);
		else if (*p == '\n')
			buf_puts(out, "\\n");
		else if (*p == '\t')
			buf_puts(out, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(out, "\\%03o", *p);
		else
			buf_putc(out, *p);
	}
	buf_puts(out, "\"\n");
}

void
udiff_append(struct buf *out, const char *oldname, const char *atext,
    size_t alen, const char *newname, const char *btext, size_t blen)
{
	struct diff df;
	size_t na, nb, n, pre = 0, suf = 0, i, from, to, end;

	if (alen == blen && (alen == 0 || memcmp(atext, btext, alen) == 0))
		return;
	memset(&df, 0, sizeof(df));
	na = split(atext, alen, &df.a);
	nb = split(btext, blen, &df.b);
	while (pre < na && pre < nb && same(&df.a[pre], &df.b[pre]))
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	    same(&df.a[na - 1 - suf], &df.b[nb - 1 - suf]))
		suf++;
	for (i = 0; i < pre; i++)
		push(&df, OP_SAME, i, i);
	middle(&df, pre, na - suf, pre, nb - suf);
	for (i = suf; i > 0; i--)
		push(&df, OP_SAME, na - i, nb - i);

	put_header(out, "---", oldname);
	put_header(out, "+++", newname);
	n = df.n;
	i = 0;
	while (i < n) {
		while (i < n && df.e[i].op == OP_SAME)
			i++;
		if (i == n)
			break;
		/* A hunk: CONTEXT lines before, then changes until a run of
		 * more than 2 * CONTEXT unchanged lines (or the end). */
		from = i > CONTEXT ? i - CONTEXT : 0;
		end = i;
		for (to = i; to < n; to++) {
			if (df.e[to].op != OP_SAME)
				end = to + 1;
			else if (to - end >= 2 * CONTEXT)
				break;
		}
		to = end + CONTEXT < n ? end + CONTEXT : n;
		hunk(out, &df, from, to);
		i = to;
	}
	free(df.e);
	free(df.a);
	free(df.b);
}
