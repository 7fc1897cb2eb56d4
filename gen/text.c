/* Text transformations: the escapers and the case and identifier filters. */
#include "text.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* One list serves both directions, so names and values cannot drift apart. */
static const struct {
	const char		*name;
	enum text_escape	 esc;
} escapes[] = {
	{ "none",	TEXT_ESCAPE_NONE },
	{ "html",	TEXT_ESCAPE_HTML },
	{ "c",		TEXT_ESCAPE_C },
	{ "md",		TEXT_ESCAPE_MD },
	{ "json",	TEXT_ESCAPE_JSON }
};

static const struct {
	const char		*ext;
	enum text_escape	 esc;
} extensions[] = {
	{ "h",		TEXT_ESCAPE_C },
	{ "c",		TEXT_ESCAPE_C },
	{ "md",		TEXT_ESCAPE_MD },
	{ "json",	TEXT_ESCAPE_JSON },
	{ "html",	TEXT_ESCAPE_HTML },
	{ "htm",	TEXT_ESCAPE_HTML }
};

/* ASCII only: <ctype.h> would follow the locale and see bytes >= 0x80. */
static int
is_alpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
to_upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static int
to_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
text_escape_by_name(const char *name, size_t len, enum text_escape *out)
{
	size_t i;

	for (i = 0; i < NELEM(escapes); i++) {
		if (strlen(escapes[i].name) == len &&
		    memcmp(escapes[i].name, name, len) == 0) {
			*out = escapes[i].esc;
			return 0;
		}
	}
	return -1;
}

const char *
text_escape_name(enum text_escape esc)
{
	size_t i;

	for (i = 0; i < NELEM(escapes); i++)
		if (escapes[i].esc == esc)
			return escapes[i].name;
	return NULL;
}

enum text_escape
text_escape_for_output(const char *name)
{
	const char *base, *dot;
	size_t i;

	/* A dot in a directory name is no extension. */
	base = strrchr(name, '/');
	base = base != NULL ? base + 1 : name;
	dot = strrchr(base, '.');
	/* ".md" alone is a hidden file named "md", not an extension. */
	if (dot == NULL || dot == base)
		return TEXT_ESCAPE_NONE;
	for (i = 0; i < NELEM(extensions); i++)
		if (strcmp(extensions[i].ext, dot + 1) == 0)
			return extensions[i].esc;
	return TEXT_ESCAPE_NONE;
}

/* ------------------------------------------------------------ escapers */

static void
escape_html(const unsigned char *p, size_t len, struct buf *out)
{
	size_t i;

	for (i = 0; i < len; i++) {
		switch (p[i]) {
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '<':
			buf_puts(out, "&lt;");
			break;
		case '>':
			buf_puts(out, "&gt;");
			break;
		case '"':
			buf_puts(out, "&quot;");
			break;
		default:
			buf_putc(out, p[i]);
			break;
		}
	}
}

/*
 * Every piece emitted here is a raw printable ASCII byte or an escape that
 * starts with '\' and ends in a digit, a letter, '\', '"', '\'' or '?'.
 * So a "*" + "/" pair can only come from two raw bytes, which the '/' rule
 * forbids, and a '?' can only be followed by a raw '?' when the input had
 * no '?' right before it, which the '?' rule forbids. The bytes just
 * outside the value are unknown, so the value's edges are treated as if
 * they touched a '*' or a '?': two escaped values stay safe side by side.
 */
static void
escape_c(const unsigned char *p, size_t len, struct buf *out)
{
	/* The bytes with a named escape, each followed by its letter. */
	static const char named[] = "\\\\\"\"''\aa\bb\ff\nn\rr\tt\vv";
	const char *e;
	size_t i, run;

	for (i = 0; i < len; i++) {
		/* A run of bytes that stand for themselves, copied at once. */
		for (run = i; run < len && p[run] >= 0x20 && p[run] < 0x7f &&
		    p[run] != '\\' && p[run] != '"' && p[run] != '\'' &&
		    p[run] != '?' && p[run] != '/'; run++)
			;
		if (run > i) {
			buf_append(out, (const char *)p + i, run - i);
			if ((i = run) == len)
				break;
		}
		e = p[i] != 0 ? strchr(named, p[i]) : NULL;
		if (e != NULL && (e - named) % 2 == 0) {
			buf_putc(out, '\\');
			buf_putc(out, e[1]);
			continue;
		}
		switch (p[i]) {
		case '?':
			/* "\?" still ends in '?', so a run alternates. */
			if (i == 0 || p[i - 1] == '?')
				buf_puts(out, "\\?");
			else
				buf_putc(out, '?');
			break;
		case '/':
			if (i == 0 || i + 1 == len ||
			    p[i - 1] == '*' || p[i + 1] == '*')
				buf_puts(out, "\\057");
			else
				buf_putc(out, '/');
			break;
		default:
			/* Three digits, so a following digit is not swallowed. */
			if (p[i] < 0x20 || p[i] >= 0x7f)
				buf_printf(out, "\\%03o", (unsigned)p[i]);
			else
				buf_putc(out, p[i]);
			break;
		}
	}
}

void
text_c_comment(const char *s, size_t len, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] == '\n' || p[i] == '\t' || p[i] == '\r')
			buf_printf(out, "\\%c", p[i] == '\n' ? 'n' :
			    p[i] == '\t' ? 't' : 'r');
		else if (p[i] < 0x20 || p[i] >= 0x7f)
			buf_printf(out, "\\%03o", (unsigned)p[i]);
		else {
			buf_putc(out, p[i]);
			/* The second of each pair goes after a backslash. */
			if (i + 1 < len && ((p[i] == '*' && p[i + 1] == '/') ||
			    (p[i] == '/' && p[i + 1] == '*') ||
			    (p[i] == '?' && p[i + 1] == '?')))
				buf_putc(out, '\\');
		}
	}
}

/* ------------------------------------------------------------------ */
/* md: URLs stay links                                                */
/* ------------------------------------------------------------------ */

/*
 * GitHub and cmark-gfm turn a bare URL in text into a link (the autolink
 * extension), taking its bytes as they are: a backslash that escapes a
 * '_' or a '#' inside it would become part of the link. So the md escaper
 * finds the URLs as the extension does and writes each in a form that
 * keeps it exactly: "<https://...>", CommonMark's own autolink (no escape
 * is read inside it), and a www. one bare, with no escape inside it.
 */

/* Whether c may be in a host name: a letter, a digit or non-ASCII. */
static int
is_host_byte(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || c >= 0x80;
}

/* The bytes that end a URL: white space, controls, '<', and '>' (which
 * "<...>" cannot hold). */
static int
ends_url(unsigned char c)
{
	return c <= 0x20 || c == 0x7f || c == '<' || c == '>';
}

/* Whether p starts with the lower-case ASCII s[0..n), in any case. */
static int
starts_ci(const unsigned char *p, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]) != s[i])
			return 0;
	return 1;
}

/*
 * The length of the host name at p[0..n) (letters, digits, '-', '_',
 * '.'), or 0 when the extension would not take it: '_' in one of its last
 * two parts, or (need_dot) no '.'.
 */
static size_t
host_len(const unsigned char *p, size_t n, int need_dot)
{
	size_t i, dots = 0, under_last = 0, under_prev = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == '_')
			under_last++;
		else if (p[i] == '.') {
			under_prev = under_last;
			under_last = 0;
			dots++;
		} else if (!is_host_byte(p[i]) && p[i] != '-')
			break;
	}
	if (i == 0 || under_prev > 0 || under_last > 0 || (need_dot && dots == 0))
		return 0;
	return i;
}

/*
 * The end of the URL p[0..end): trailing punctuation, an unbalanced ')'
 * and a last "&name;" are not part of it, as for the extension.
 */
static size_t
url_trim(const unsigned char *p, size_t end)
{
	size_t i, open, close, e;

	while (end > 0) {
		if (strchr("?!.,:*_~'\"", p[end - 1]) != NULL) {
			end--;
		} else if (p[end - 1] == ';') {
			for (e = end - 1; e > 0 && is_alpha(p[e - 1]); e--)
				continue;
			end = e > 0 && e < end - 1 && p[e - 1] == '&' ? e - 1 :
			    end - 1;
		} else if (p[end - 1] == ')') {
			for (i = open = close = 0; i < end; i++) {
				open += p[i] == '(';
				close += p[i] == ')';
			}
			if (close <= open)
				break;
			end--;
		} else
			break;
	}
	return end;
}

/*
 * The length of the URL that the extension would link at p[i..n) (i
 * into p[0..n), for the byte before), or 0; *www is set for a www. one.
 */
static size_t
url_at(const unsigned char *p, size_t i, size_t n, int *www)
{
	static const char *const schemes[] = { "http://", "https://",
	    "ftp://" };
	size_t k, len, host, end;

	*www = 0;
	for (k = 0; k < sizeof(schemes) / sizeof(schemes[0]); k++) {
		len = strlen(schemes[k]);
		if (n - i > len && starts_ci(p + i, schemes[k], len))
			break;
	}
	if (k < sizeof(schemes) / sizeof(schemes[0])) {
		/* The scheme is every letter before the ':': "xhttp" is none. */
		if (i > 0 && is_alpha(p[i - 1]))
			return 0;
		host = host_len(p + i + len, n - i - len, 0);
	} else if (n - i > 4 && memcmp(p + i, "www.", 4) == 0 &&
	    (i == 0 || strchr(" \t\n*_~(", p[i - 1]) != NULL)) {
		*www = 1;
		len = 0;
		host = host_len(p + i, n - i, 1);
	} else
		return 0;
	if (host == 0)
		return 0;
	for (end = i + len + host; end < n && !ends_url(p[end]); end++)
		continue;
	end = url_trim(p + i, end - i);
	return end > len ? end : 0;
}

/*
 * At a "www." or "http://" (https, ftp) that url_at() found no URL at:
 * the length up to its '.' or ':', which the caller escapes so that the
 * extension cannot start a link there; else 0.
 */
static size_t
not_url_at(const unsigned char *p, size_t i, size_t n)
{
	static const char *const schemes[] = { "http:", "https:", "ftp:" };
	size_t k, len;

	if (n - i >= 4 && memcmp(p + i, "www.", 4) == 0)
		return 4;
	for (k = 0; k < sizeof(schemes) / sizeof(schemes[0]); k++) {
		len = strlen(schemes[k]);
		if (n - i >= len && starts_ci(p + i, schemes[k], len))
			return len;
	}
	return 0;
}

static void
escape_md_byte(unsigned char c, struct buf *out)
{
	switch (c) {
	case '\n':
		/* A raw newline would end the table row. */
		buf_puts(out, "<br>");
		break;
	case '\r':
		break;
	case '|':
	case '\\':
	case '`':
	case '*':
	case '_':
	case '[':
	case ']':
	case '<':
	case '>':
	case '~':
	case '&':
	case '!':
	case '$':
	case '#':	/* " #" could close an ATX heading */
		buf_putc(out, '\\');
		buf_putc(out, c);
		break;
	default:
		buf_putc(out, c);
		break;
	}
}

/*
 * Writes the URL p[0..len) so that it is one link to exactly itself:
 * "<https://...>", CommonMark's autolink, in which no escape is read; a
 * www. one as "[www...](<http://www...>)", the link the extension would
 * make (there is no autolink form of it), its text escaped as any text
 * and its destination with '\', '<' and '>' escaped. A '|' is "\|"
 * either way: the table reads that, as '|', before any link.
 */
static void
put_url(const unsigned char *p, size_t len, int www, struct buf *out)
{
	size_t i;

	if (www) {
		buf_putc(out, '[');
		for (i = 0; i < len; i++)
			escape_md_byte(p[i], out);
		buf_puts(out, "](<http://");
	} else
		buf_putc(out, '<');
	for (i = 0; i < len; i++) {
		if (p[i] == '|' || (www && strchr("\\<>", p[i]) != NULL))
			buf_putc(out, '\\');
		buf_putc(out, p[i]);
	}
	buf_puts(out, www ? ">)" : ">");
}

static void
escape_md(const unsigned char *p, size_t len, struct buf *out)
{
	size_t i, n;
	int www;

	for (i = 0; i < len; i++) {
		if ((n = url_at(p, i, len, &www)) > 0) {
			put_url(p + i, n, www, out);
			i += n - 1;
		} else if ((n = not_url_at(p, i, len)) > 0) {
			/* What the extension does not link in the data must
			 * not become a link once escaped: its check of a host
			 * skips "\_", so "www.a\_b.c\_d" would. */
			buf_append(out, p + i, n - 1);
			buf_putc(out, '\\');
			buf_putc(out, p[i + n - 1]);
			i += n - 1;
		} else
			escape_md_byte(p[i], out);
	}
}

/*
 * The length of the well-formed UTF-8 sequence at p[0..n) (1 to 4), or 0
 * when it starts with a byte that is not one: a stray continuation byte,
 * a truncated or overlong sequence, a surrogate or a code point past
 * U+10FFFF.
 */
static size_t
utf8_len(const unsigned char *p, size_t n)
{
	unsigned long c;
	size_t len, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (n < len)
		return 0;
	c = p[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return len;
}

/* Does c go into a JSON string as it is? Bytes from 0x80 are checked as
 * UTF-8 first. */
static int
json_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

/* A byte from 0x80 on: a UTF-8 character, or U+FFFD for a byte that
 * starts none. Returns the bytes it took. */
static size_t
escape_json_utf8(const unsigned char *p, size_t len, struct buf *out)
{
	size_t n = utf8_len(p, len);

	if (n == 0)
		buf_puts(out, "\\ufffd");
	else if (n == 3 && p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] == 0xa8 || p[2] == 0xa9))
		/* U+2028 and U+2029 end a line in JavaScript. */
		buf_puts(out, p[2] == 0xa8 ? "\\u2028" : "\\u2029");
	else
		buf_append(out, (const char *)p, n);
	return n == 0 ? 1 : n;
}

static void
escape_json(const unsigned char *p, size_t len, struct buf *out)
{
	size_t i = 0, run;

	while (i < len) {
		/* Most text needs no escape: copy it a run at a time. */
		for (run = i; run < len && json_plain(p[run]); run++)
			continue;
		buf_append(out, (const char *)p + i, run - i);
		if ((i = run) == len)
			break;
		switch (p[i]) {
		case '"':
			buf_puts(out, "\\\"");
			break;
		case '\\':
			buf_puts(out, "\\\\");
			break;
		case '\b':
			buf_puts(out, "\\b");
			break;
		case '\f':
			buf_puts(out, "\\f");
			break;
		case '\n':
			buf_puts(out, "\\n");
			break;
		case '\r':
			buf_puts(out, "\\r");
			break;
		case '\t':
			buf_puts(out, "\\t");
			break;
		default:
			if (p[i] >= 0x80) {
				i += escape_json_utf8(p + i, len - i, out);
				continue;
			}
			/* The other controls and DEL. */
			buf_printf(out, "\\u%04x", (unsigned)p[i]);
			break;
		}
		i++;
	}
}

void
text_escape(enum text_escape esc, const char *s, size_t len,
    struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;

	switch (esc) {
	case TEXT_ESCAPE_NONE:
		buf_append(out, s, len);
		return;
	case TEXT_ESCAPE_HTML:
		escape_html(p, len, out);
		return;
	case TEXT_ESCAPE_C:
		escape_c(p, len, out);
		return;
	case TEXT_ESCAPE_MD:
		escape_md(p, len, out);
		return;
	case TEXT_ESCAPE_JSON:
		escape_json(p, len, out);
		return;
	}
	/* Not an enum text_escape: a caller bug, and unescaped output is worse. */
	abort();
}

/* ------------------------------------------------- case and identifiers */

void
text_upper(const char *s, size_t len, struct buf *out)
{
	size_t i;

	buf_reserve(out, len);
	for (i = 0; i < len; i++)
		buf_putc(out, to_upper((unsigned char)s[i]));
}

void
text_lower(const char *s, size_t len, struct buf *out)
{
	size_t i;

	buf_reserve(out, len);
	for (i = 0; i < len; i++)
		buf_putc(out, to_lower((unsigned char)s[i]));
}

void
text_c_ident(const char *s, size_t len, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, n = 0;	/* bytes appended so far */
	int gap = 0;		/* a separator was seen since the last one */

	for (i = 0; i < len; i++) {
		if (p[i] == '\'')
			continue;
		/* U+2019, the typographic apostrophe. */
		if (p[i] == 0xe2 && len - i >= 3 && p[i + 1] == 0x80 &&
		    p[i + 2] == 0x99) {
			i += 2;
			continue;
		}
		if (!is_alpha(p[i]) && !is_digit(p[i])) {
			gap = 1;
			continue;
		}
		/* Both cases only once something follows: no trailing '_'. */
		if (n == 0 && is_digit(p[i]))
			buf_putc(out, '_');
		else if (n > 0 && gap)
			buf_putc(out, '_');
		buf_putc(out, to_upper(p[i]));
		n++;
		gap = 0;
	}
}

/* ------------------------------------------------------------ messages */

void
text_show(const char *s, size_t len, size_t max, struct buf *out)
{
	size_t i, end = len;

	if (max > 0 && len > max) {
		end = max;
		/* Never cut a UTF-8 sequence in half. */
		while (end > 0 && ((unsigned char)s[end] & 0xc0) == 0x80)
			end--;
	}
	for (i = 0; i < end; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			buf_puts(out, "\\n");
		else if (c == '\t')
			buf_puts(out, "\\t");
		else if (c == '\r')
			buf_puts(out, "\\r");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(out, "\\x%02x", c);
		else
			buf_putc(out, c);
	}
	if (end < len)
		buf_puts(out, "...");
}

const char *
text_quote(struct buf *b, const char *s, size_t len)
{
	buf_clear(b);
	text_show(s, len, TEXT_SHOW_MAX, b);
	return buf_cstr(b);
}

/* ---------------------------------------------------------------- */
/* Names and dates                                                  */
/* ---------------------------------------------------------------- */

size_t
text_edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t *row = xmalloc((blen + 1) * sizeof(*row));
	size_t i, j, diag, up, best;

	for (j = 0; j <= blen; j++)
		row[j] = j;
	for (i = 1; i <= alen; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= blen; j++) {
			up = row[j];
			best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	best = row[blen];
	free(row);
	return best;
}

int
text_date(const char *s, size_t len, int *year, int *month, int *days)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int day, i;

	for (i = 0; i < 10 && (size_t)i < len; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' ||
		    s[i] > '9'))
			return 0;
	if (len != 10)
		return 0;
	*year = atoi(s);
	*month = atoi(s + 5);
	day = atoi(s + 8);
	*days = *month >= 1 && *month <= 12 ? mdays[*month - 1] : 0;
	if (*month == 2 && *year % 4 == 0 && (*year % 100 != 0 ||
	    *year % 400 == 0))
		*days = 29;
	return day >= 1 && day <= *days ? 1 : -1;
}

int
text_nearer(const char *s, size_t len, const char *name, size_t *best)
{
	size_t nlen = strlen(name), dist;
	struct buf low;

	buf_init(&low);
	text_lower(s, len, &low);
	dist = text_edit_distance(low.data != NULL ? low.data : "", len, name,
	    nlen);
	buf_free(&low);
	if (dist >= *best || dist >= nlen)
		return 0;
	*best = dist;
	return 1;
}

int
text_is_upper_ident(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}
