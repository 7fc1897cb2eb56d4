/* Unit tests for text.c: the escapers, case mapping and C identifiers. */
#define _POSIX_C_SOURCE 200809L
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "harness.h"
#include "tap.h"
#include "xalloc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
/* A string literal and its length, which may count embedded NULs. */
#define S(s)		s, sizeof(s) - 1

struct bytes {
	const char	*s;
	size_t		 len;
};

/* Strings chosen to break a careless escaper, each in every target. */
static const struct bytes adversarial[] = {
	{ S("") },
	{ S("*/") },
	{ S("/*") },
	{ S("**//**") },
	{ S("a*/b") },
	{ S("a/*b") },
	{ S("*") },
	{ S("/") },
	{ S("//") },
	{ S("?\?=") },
	{ S("?\?\?") },
	{ S("a?\?\?=b") },
	{ S("?\?/") },
	{ S("?") },
	{ S("\\") },
	{ S("\\\\n") },
	{ S("\"") },
	{ S("'") },
	{ S("\n") },
	{ S("\r\n") },
	{ S("\x01") },
	{ S("\x1b[0m") },
	{ S("\x7f") },
	{ S("\xff") },
	{ S("Caf\xc3\xa9") },
	{ S("I\xe2\x80\x99m") },
	{ S("\xe2\x80\xa8\xe2\x80\xa9") },
	{ S("a\0b") },
	{ S("\0" "1") },
	{ S("\a\b\f\t\v") },
	{ S("<&>|`_[]~!$#") },
	{ S("%s%n") },
	{ S("\\u00e9") },
	{ S("end\\") }
};

/* The symbols the exhaustive searches build their strings from. */
static const struct bytes html_alpha[] = {
	{ S("&") }, { S("<") }, { S(">") }, { S("\"") }, { S("a") }, { S(";") }
};
static const struct bytes c_alpha[] = {
	{ S("*") }, { S("/") }, { S("?") }, { S("=") }, { S("\\") },
	{ S("\"") }, { S("'") }, { S("\n") }, { S("\0") }, { S("7") },
	{ S("\xe9") }
};
static const struct bytes md_alpha[] = {
	{ S("|") }, { S("\\") }, { S("<") }, { S("b") }, { S("r") }, { S(">") },
	{ S("\n") }, { S("\r") }, { S("a") }, { S("#") }, { S(" ") }
};
/*
 * Values are whole strings, so no piece ends inside a UTF-8 sequence: no
 * symbol starts with a continuation byte, and \xe2 \x80 alone test the
 * near misses of U+2028.
 */
static const struct bytes json_alpha[] = {
	{ S("\"") }, { S("\\") }, { S("\n") }, { S("\x01") }, { S("\x7f") },
	{ S("\xe2\x80\xa8") }, { S("\xe2\x80\xa9") }, { S("\xe2") },
	{ S("\x80") }, { S("a") }
};

/* ------------------------------------------------------------- helpers */

/* A printable, TAP-safe rendering of s[0..len) for test names. */
static const char *
show(const char *s, size_t len, struct buf *b)
{
	size_t i;
	unsigned char c;

	buf_clear(b);
	buf_putc(b, '"');
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		/* '#' could read as a TAP directive. */
		if (c == '\\' || c == '"')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f || c == '#')
			buf_printf(b, "\\x%02x", c);
		else
			buf_putc(b, c);
	}
	buf_putc(b, '"');
	return buf_cstr(b);
}

/* Whether b holds exactly s[0..len); an empty buf has no data to compare. */
static int
same(const struct buf *b, const char *s, size_t len)
{
	return b->len == len && memcmp(buf_cstr(b), s, len) == 0;
}

static void
check_escape(enum text_escape esc, const char *in, size_t inlen,
    const char *want, size_t wantlen)
{
	struct buf out, s1, s2, s3;

	buf_init(&out);
	buf_init(&s1);
	buf_init(&s2);
	buf_init(&s3);
	text_escape(esc, in, inlen, &out);
	TAP_CHECK(same(&out, want, wantlen),
	    "%s %s -> %s (got %s)", text_escape_name(esc),
	    show(in, inlen, &s1), show(want, wantlen, &s2),
	    show(buf_cstr(&out), out.len, &s3));
	buf_free(&out);
	buf_free(&s1);
	buf_free(&s2);
	buf_free(&s3);
}

/* ------------------------------------------------------------ decoders */

/*
 * Each decoder checks that an escaper's output is safe for its target and
 * reads it back. Returns NULL and the original bytes in dec, or why not.
 */
typedef const char *(*decode_fn)(const char *, size_t, struct buf *);

static int
odigit(int c)
{
	return c >= '0' && c <= '7';
}

static const char *
decode_c(const char *s, size_t len, struct buf *dec)
{
	static const char named[] = "\\\\\"\"''?\?a\ab\bf\fn\nr\rt\tv\v";
	const char *q;
	size_t i;

	buf_clear(dec);
	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
			return "byte outside printable ASCII";
		if (i + 1 < len && s[i] == '*' && s[i + 1] == '/')
			return "closes a comment";
		if (i + 1 < len && s[i] == '/' && s[i + 1] == '*')
			return "opens a comment";
		if (i + 1 < len && s[i] == '?' && s[i + 1] == '?')
			return "holds ?\?";
	}
	for (i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\'')
			return "raw quote";
		if (s[i] != '\\') {
			buf_putc(dec, s[i]);
			continue;
		}
		if (++i == len)
			return "backslash at the end";
		if (i + 2 < len && odigit(s[i]) && odigit(s[i + 1]) &&
		    odigit(s[i + 2])) {
			buf_putc(dec, (s[i] - '0') * 64 + (s[i + 1] - '0') * 8 +
			    (s[i + 2] - '0'));
			i += 2;
			continue;
		}
		for (q = named; *q != '\0'; q += 2)
			if (*q == s[i])
				break;
		if (*q == '\0')
			return "unknown or short escape";
		buf_putc(dec, q[1]);
	}
	return NULL;
}

static const char *
decode_md(const char *s, size_t len, struct buf *dec)
{
	static const char special[] = "|\\`*_[]<>~&!$#";
	size_t i;

	buf_clear(dec);
	for (i = 0; i < len; i++) {
		if (s[i] == '\n' || s[i] == '\r')
			return "raw line break";
		if (s[i] == '#')
			return "a raw '#', which could open or close a heading";
		if (s[i] == '\\') {
			if (i + 1 == len || strchr(special, s[i + 1]) == NULL ||
			    s[i + 1] == '\0')
				return "backslash before an ordinary byte";
			buf_putc(dec, s[++i]);
		} else if (len - i >= 4 && memcmp(s + i, "<br>", 4) == 0) {
			buf_putc(dec, '\n');
			i += 3;
		} else if (s[i] != '\0' && strchr(special, s[i]) != NULL)
			return "raw markup byte";
		else
			buf_putc(dec, s[i]);
	}
	return NULL;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;	/* uppercase hex is out of contract too */
}

/*
 * The length of the well-formed UTF-8 character at s[0..n), or 0: written
 * from the table of well-formed byte sequences in the Unicode Standard
 * (Table 3-7), apart from text.c's decoder, to check it.
 */
static size_t
utf8_seq(const char *s, size_t n)
{
	static const struct {
		unsigned char lead_lo, lead_hi, second_lo, second_hi;
		size_t len;
	} rows[] = {
		{ 0x00, 0x7f, 0, 0, 1 }, { 0xc2, 0xdf, 0x80, 0xbf, 2 },
		{ 0xe0, 0xe0, 0xa0, 0xbf, 3 }, { 0xe1, 0xec, 0x80, 0xbf, 3 },
		{ 0xed, 0xed, 0x80, 0x9f, 3 }, { 0xee, 0xef, 0x80, 0xbf, 3 },
		{ 0xf0, 0xf0, 0x90, 0xbf, 4 }, { 0xf1, 0xf3, 0x80, 0xbf, 4 },
		{ 0xf4, 0xf4, 0x80, 0x8f, 4 }
	};
	const unsigned char *p = (const unsigned char *)s;
	size_t r, k;

	for (r = 0; r < NELEM(rows); r++) {
		if (p[0] < rows[r].lead_lo || p[0] > rows[r].lead_hi)
			continue;
		if (n < rows[r].len)
			return 0;
		if (rows[r].len > 1 && (p[1] < rows[r].second_lo ||
		    p[1] > rows[r].second_hi))
			return 0;
		for (k = 2; k < rows[r].len; k++)
			if (p[k] < 0x80 || p[k] > 0xbf)
				return 0;
		return rows[r].len;
	}
	return 0;
}

/* Appends s[0..n) as json must decode: each byte that starts no
 * well-formed character as U+FFFD. */
static void
json_want(const char *s, size_t n, struct buf *want)
{
	size_t i, k;

	for (i = 0; i < n; i += k) {
		if ((k = utf8_seq(s + i, n - i)) == 0) {
			buf_append(want, "\xef\xbf\xbd", 3);
			k = 1;
		} else {
			buf_append(want, s + i, k);
		}
	}
}

static const char *
decode_json(const char *s, size_t len, struct buf *dec)
{
	static const char named[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
	const char *q;
	size_t i, k;
	unsigned char c;
	int u, h;

	buf_clear(dec);
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return "raw control byte";
		if (c == '"')
			return "raw quote";
		if (c == 0xe2 && len - i >= 3 && s[i + 1] == '\x80' &&
		    (s[i + 2] == '\xa8' || s[i + 2] == '\xa9'))
			return "raw U+2028 or U+2029";
		if (c >= 0x80) {
			if ((k = utf8_seq(s + i, len - i)) == 0)
				return "ill-formed UTF-8";
			buf_append(dec, s + i, k);
			i += k - 1;
			continue;
		}
		if (c != '\\') {
			buf_putc(dec, c);
			continue;
		}
		if (++i == len)
			return "backslash at the end";
		if (s[i] == 'u') {
			if (len - i < 5)
				return "short \\u escape";
			for (u = 0, k = 1; k <= 4; k++) {
				if ((h = hexval((unsigned char)s[i + k])) < 0)
					return "bad hex digit";
				u = u * 16 + h;
			}
			i += 4;
			if (u < 0x80)
				buf_putc(dec, u);
			else if (u == 0xfffd)
				buf_append(dec, "\xef\xbf\xbd", 3);
			else if (u == 0x2028 || u == 0x2029)
				buf_append(dec, u == 0x2028 ? "\xe2\x80\xa8" :
				    "\xe2\x80\xa9", 3);
			else
				return "unexpected \\u escape";
			continue;
		}
		for (q = named; *q != '\0'; q += 2)
			if (*q == s[i])
				break;
		if (*q == '\0')
			return "unknown escape";
		buf_putc(dec, q[1]);
	}
	return NULL;
}

static const char *
decode_html(const char *s, size_t len, struct buf *dec)
{
	static const struct {
		const char	*ent;
		char		 c;
	} ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }
	};
	size_t i, k, n;

	buf_clear(dec);
	for (i = 0; i < len; i++) {
		if (s[i] == '<' || s[i] == '>' || s[i] == '"')
			return "raw markup byte";
		if (s[i] != '&') {
			buf_putc(dec, s[i]);
			continue;
		}
		for (k = 0; k < NELEM(ents); k++) {
			n = strlen(ents[k].ent);
			if (len - i >= n && memcmp(s + i, ents[k].ent, n) == 0)
				break;
		}
		if (k == NELEM(ents))
			return "raw &";
		buf_putc(dec, ents[k].c);
		i += n - 1;
	}
	return NULL;
}

static decode_fn
decoder(enum text_escape esc)
{
	switch (esc) {
	case TEXT_ESCAPE_C:
		return decode_c;
	case TEXT_ESCAPE_MD:
		return decode_md;
	case TEXT_ESCAPE_JSON:
		return decode_json;
	case TEXT_ESCAPE_HTML:
		return decode_html;
	case TEXT_ESCAPE_NONE:
		break;
	}
	return NULL;
}

/*
 * Escapes the n strings of in (as one concatenation of separately escaped
 * pieces), decodes the result and compares it with what the escaper
 * promises to keep. Returns NULL, or why not with the output in out.
 */
static const char *
round_trip(enum text_escape esc, const struct bytes *in, size_t n,
    struct buf *out)
{
	struct buf want, dec;
	const char *why;
	size_t i, k;

	buf_init(&want);
	buf_init(&dec);
	buf_clear(out);
	for (i = 0; i < n; i++) {
		text_escape(esc, in[i].s, in[i].len, out);
		if (esc == TEXT_ESCAPE_JSON) {
			json_want(in[i].s, in[i].len, &want);
			continue;
		}
		for (k = 0; k < in[i].len; k++)
			/* md drops CR: that is the one byte it loses. */
			if (esc != TEXT_ESCAPE_MD || in[i].s[k] != '\r')
				buf_putc(&want, in[i].s[k]);
	}
	why = decoder(esc)(out->data, out->len, &dec);
	if (why == NULL && !same(&dec, buf_cstr(&want), want.len))
		why = "does not decode to the input";
	buf_free(&want);
	buf_free(&dec);
	return why;
}

/* ------------------------------------------------- exhaustive searches */

/*
 * Every string of up to maxlen symbols from alpha (a symbol is one or more
 * bytes): each one alone and, for those up to pairlen symbols, every
 * ordered pair escaped side by side.
 */
static void
check_exhaustive(enum text_escape esc, const struct bytes *alpha,
    size_t alen, size_t maxlen, size_t pairlen)
{
	struct buf all, out, sh1, sh2;
	struct bytes piece[2];
	size_t *off = NULL;	/* string i is all[off[i]..off[i + 1]) */
	size_t cap = 0, count = 0, npair = 0, pairs = 0, i, j, n, len, x, v;
	const char *why = NULL, *pwhy = NULL;

	buf_init(&all);
	buf_init(&out);
	buf_init(&sh1);
	buf_init(&sh2);
	for (len = 0, x = 1; len <= maxlen; len++, x *= alen) {
		for (n = 0; n < x; n++) {
			off = xgrow(off, &cap, count + 2, sizeof(*off));
			off[count++] = all.len;
			for (v = n, i = 0; i < len; i++, v /= alen)
				buf_append(&all, alpha[v % alen].s,
				    alpha[v % alen].len);
			if (len <= pairlen)
				npair++;
		}
	}
	off[count] = all.len;

	for (i = 0; i < count && why == NULL; i++) {
		piece[0].s = buf_cstr(&all) + off[i];
		piece[0].len = off[i + 1] - off[i];
		if ((why = round_trip(esc, piece, 1, &out)) != NULL)
			show(piece[0].s, piece[0].len, &sh1);
	}
	TAP_CHECK(why == NULL, "%s: all %zu strings of up to %zu symbols "
	    "round-trip safely%s%s%s%s", text_escape_name(esc), count, maxlen,
	    why ? ": " : "", why ? why : "", why ? " for " : "",
	    why ? buf_cstr(&sh1) : "");

	/* The strings are ordered by length, so the short ones come first. */
	for (i = 0; i < npair && pwhy == NULL; i++) {
		for (j = 0; j < npair && pwhy == NULL; j++) {
			piece[0].s = buf_cstr(&all) + off[i];
			piece[0].len = off[i + 1] - off[i];
			piece[1].s = buf_cstr(&all) + off[j];
			piece[1].len = off[j + 1] - off[j];
			pairs++;
			if ((pwhy = round_trip(esc, piece, 2, &out)) != NULL) {
				show(piece[0].s, piece[0].len, &sh1);
				show(piece[1].s, piece[1].len, &sh2);
			}
		}
	}
	TAP_CHECK(pwhy == NULL, "%s: all %zu pairs of strings of up to %zu "
	    "symbols stay safe side by side%s%s%s%s%s%s", text_escape_name(esc),
	    pairs, pairlen, pwhy ? ": " : "", pwhy ? pwhy : "",
	    pwhy ? " for " : "", pwhy ? buf_cstr(&sh1) : "",
	    pwhy ? " + " : "", pwhy ? buf_cstr(&sh2) : "");
	free(off);
	buf_free(&all);
	buf_free(&out);
	buf_free(&sh1);
	buf_free(&sh2);
}

/* The adversarial strings alone and every ordered pair of them. */
static void
check_adversarial(enum text_escape esc)
{
	struct buf out, sh1, sh2;
	struct bytes piece[2];
	const char *why;
	size_t i, j;
	int bad = 0;

	buf_init(&out);
	buf_init(&sh1);
	buf_init(&sh2);
	for (i = 0; i < NELEM(adversarial); i++) {
		why = round_trip(esc, &adversarial[i], 1, &out);
		TAP_CHECK(why == NULL, "%s: %s -> %s is safe and round-trips%s%s",
		    text_escape_name(esc),
		    show(adversarial[i].s, adversarial[i].len, &sh1),
		    show(buf_cstr(&out), out.len, &sh2), why ? ": " : "",
		    why ? why : "");
	}
	for (i = 0; i < NELEM(adversarial) && !bad; i++) {
		for (j = 0; j < NELEM(adversarial) && !bad; j++) {
			piece[0] = adversarial[i];
			piece[1] = adversarial[j];
			if ((why = round_trip(esc, piece, 2, &out)) != NULL) {
				bad = 1;
				TAP_CHECK(0, "%s: %s side by side: %s",
				    text_escape_name(esc),
				    show(buf_cstr(&out), out.len, &sh1), why);
			}
		}
	}
	if (!bad)
		TAP_CHECK(1, "%s: every pair of adversarial strings is safe "
		    "side by side", text_escape_name(esc));
	buf_free(&out);
	buf_free(&sh1);
	buf_free(&sh2);
}

/* ------------------------------------------------ compiling the output */

/* Runs cmd through the shell; true when it exits with status 0. */
static int
run(const char *cmd)
{
	int st = system(cmd);

	return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Declares literal NAME holding s escaped, with the bytes it must hold. */
static void
emit_literal(struct buf *src, const char *name, const struct bytes *in,
    size_t n)
{
	size_t i, k, total = 0;

	/* In comments both padded and tight against the delimiters. */
	buf_puts(src, "/* ");
	for (i = 0; i < n; i++)
		text_escape(TEXT_ESCAPE_C, in[i].s, in[i].len, src);
	buf_puts(src, " */\n/*");
	for (i = 0; i < n; i++)
		text_escape(TEXT_ESCAPE_C, in[i].s, in[i].len, src);
	buf_printf(src, "*/\nstatic const char %s[] = \"", name);
	for (i = 0; i < n; i++)
		text_escape(TEXT_ESCAPE_C, in[i].s, in[i].len, src);
	buf_printf(src, "\";\nstatic const unsigned char %s_want[] = { ", name);
	for (i = 0; i < n; i++) {
		for (k = 0; k < in[i].len; k++)
			buf_printf(src, "%u, ", (unsigned char)in[i].s[k]);
		total += in[i].len;
	}
	/* The trailing 0 keeps an empty string's array non-empty. */
	buf_printf(src, "0 };\n#define %s_LEN %zuu\n\n", name, total);
}

static void
emit_check(struct buf *src, const char *name)
{
	buf_printf(src, "\tif (sizeof(%s) - 1 != %s_LEN ||\n"
	    "\t    memcmp(%s, %s_want, %s_LEN) != 0) {\n"
	    "\t\tprintf(\"%s differs\\n\");\n\t\tbad = 1;\n\t}\n",
	    name, name, name, name, name, name);
}

/*
 * A C file holding every adversarial string, and each one next to the
 * following one, escaped in comments and in literals; the program it
 * builds checks that every literal holds exactly the original bytes.
 */
static void
make_program(struct buf *src)
{
	struct bytes pair[2];
	char name[32];
	size_t i, n = NELEM(adversarial);

	buf_puts(src, "/* Written by test_text: escaped strings. */\n"
	    "#include <stdio.h>\n#include <string.h>\n\n");
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "s%zu", i);
		emit_literal(src, name, &adversarial[i], 1);
		pair[0] = adversarial[i];
		pair[1] = adversarial[(i + 1) % n];
		snprintf(name, sizeof(name), "p%zu", i);
		emit_literal(src, name, pair, 2);
	}
	buf_puts(src, "int\nmain(void)\n{\n\tint bad = 0;\n\n");
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "s%zu", i);
		emit_check(src, name);
		snprintf(name, sizeof(name), "p%zu", i);
		emit_check(src, name);
	}
	buf_puts(src, "\treturn bad;\n}\n");
}

/*
 * Compiles and runs t.c, in the current directory, with one compiler and
 * standard.
 */
static void
compile_one(const char *cc, const char *lang, const char *std)
{
	struct buf cmd;

	buf_init(&cmd);
	buf_printf(&cmd, "%s -x %s -std=%s -pedantic -Wall -Wextra -Werror "
	    "-o prog t.c >err 2>&1", cc, lang, std);
	if (run(buf_cstr(&cmd))) {
		if (!TAP_CHECK(run("./prog >err 2>&1"), "%s -std=%s: escaped "
		    "literals hold the original bytes", cc, std))
			harness_show_file(NULL, "err");
		goto done;
	}

	/* Failed: tell an unsupported -std from a real error. */
	harness_put("triv.c", "int main(void) { return 0; }\n");
	buf_clear(&cmd);
	buf_printf(&cmd, "%s -x %s -std=%s -o triv triv.c >/dev/null 2>&1",
	    cc, lang, std);
	if (!run(buf_cstr(&cmd))) {
		TAP_CHECK(1, "%s -std=%s # SKIP not supported", cc, std);
		goto done;
	}
	TAP_CHECK(0, "%s -std=%s -pedantic -Wall -Wextra -Werror compiles "
	    "the escaped strings", cc, std);
	harness_show_file(NULL, "err");
done:
	buf_free(&cmd);
}

static const char *
tool(const char *env, const char *dflt, struct buf *cmd)
{
	const char *cc = getenv(env);

	if (cc == NULL || *cc == '\0')
		cc = dflt;
	buf_clear(cmd);
	buf_printf(cmd, "command -v %s >/dev/null 2>&1", cc);
	return run(buf_cstr(cmd)) ? cc : NULL;
}

static void
check_compiles(void)
{
	static const char *const cstds[] = {
		"c89", "c99", "c11", "c17", "c2x"
	};
	static const char *const cxxstds[] = {
		"c++98", "c++11", "c++17", "c++20"
	};
	struct scratch dir;
	struct buf src, cmd;
	const char *cc, *cxx;
	size_t i;

	buf_init(&src);
	buf_init(&cmd);
	cc = tool("CC", "cc", &cmd);
	cxx = tool("CXX", "c++", &cmd);
	if (cc == NULL)
		TAP_CHECK(1, "compile the escaped strings # SKIP no cc found");
	if (cxx == NULL)
		TAP_CHECK(1, "compile the escaped strings as C++ # SKIP no c++ "
		    "found");
	if (cc != NULL || cxx != NULL) {
		scratch_enter(&dir, "text");
		make_program(&src);
		harness_put("t.c", buf_cstr(&src));
		for (i = 0; cc != NULL && i < NELEM(cstds); i++)
			compile_one(cc, "c", cstds[i]);
		for (i = 0; cxx != NULL && i < NELEM(cxxstds); i++)
			compile_one(cxx, "c++", cxxstds[i]);
		scratch_leave(&dir);
	}
	buf_free(&src);
	buf_free(&cmd);
}

/* --------------------------------------------------------------- tests */

static void
test_html(void)
{
	check_escape(TEXT_ESCAPE_HTML, S("& \" < >"),
	    S("&amp; &quot; &lt; &gt;"));
	check_escape(TEXT_ESCAPE_HTML, S("It's 'plain' text."),
	    S("It's 'plain' text."));
	check_escape(TEXT_ESCAPE_HTML, S("&amp;"), S("&amp;amp;"));
	check_escape(TEXT_ESCAPE_HTML, S("a\0<"), S("a\0&lt;"));
	check_escape(TEXT_ESCAPE_HTML, S("Caf\xc3\xa9"), S("Caf\xc3\xa9"));
	check_escape(TEXT_ESCAPE_HTML, S(""), S(""));
	check_adversarial(TEXT_ESCAPE_HTML);
	check_exhaustive(TEXT_ESCAPE_HTML, html_alpha, NELEM(html_alpha), 4, 2);
}

static void
test_c(void)
{
	check_escape(TEXT_ESCAPE_C, S("Not Found"), S("Not Found"));
	check_escape(TEXT_ESCAPE_C, S("\\"), S("\\\\"));
	check_escape(TEXT_ESCAPE_C, S("\""), S("\\\""));
	check_escape(TEXT_ESCAPE_C, S("I'm a teapot"), S("I\\'m a teapot"));
	check_escape(TEXT_ESCAPE_C, S("\n"), S("\\n"));
	check_escape(TEXT_ESCAPE_C, S("\r\n"), S("\\r\\n"));
	check_escape(TEXT_ESCAPE_C, S("\a\b\f\t\v"), S("\\a\\b\\f\\t\\v"));
	check_escape(TEXT_ESCAPE_C, S("\x01"), S("\\001"));
	check_escape(TEXT_ESCAPE_C, S("\x1b[0m"), S("\\033[0m"));
	check_escape(TEXT_ESCAPE_C, S("\x7f"), S("\\177"));
	check_escape(TEXT_ESCAPE_C, S("Caf\xc3\xa9"), S("Caf\\303\\251"));
	check_escape(TEXT_ESCAPE_C, S("a\0" "1"), S("a\\0001"));
	check_escape(TEXT_ESCAPE_C, S("*/"), S("*\\057"));
	check_escape(TEXT_ESCAPE_C, S("/*"), S("\\057*"));
	check_escape(TEXT_ESCAPE_C, S("a*/b"), S("a*\\057b"));
	check_escape(TEXT_ESCAPE_C, S("a/*b"), S("a\\057*b"));
	check_escape(TEXT_ESCAPE_C, S("**//**"), S("**\\057\\057**"));
	check_escape(TEXT_ESCAPE_C, S("and/or"), S("and/or"));
	check_escape(TEXT_ESCAPE_C, S("a//b"), S("a//b"));
	check_escape(TEXT_ESCAPE_C, S("/a/"), S("\\057a\\057"));
	check_escape(TEXT_ESCAPE_C, S("why?"), S("why?"));
	check_escape(TEXT_ESCAPE_C, S("a?b?c"), S("a?b?c"));
	check_escape(TEXT_ESCAPE_C, S("?"), S("\\?"));
	check_escape(TEXT_ESCAPE_C, S("?\?="), S("\\?\\?="));
	check_escape(TEXT_ESCAPE_C, S("a?\?="), S("a?\\?="));
	check_escape(TEXT_ESCAPE_C, S("a?\?\?="), S("a?\\?\\?="));
	check_escape(TEXT_ESCAPE_C, S("a?\?\?\?"), S("a?\\?\\?\\?"));
	check_escape(TEXT_ESCAPE_C, S("a?\?/"), S("a?\\?\\057"));
	check_escape(TEXT_ESCAPE_C, S(""), S(""));
	check_adversarial(TEXT_ESCAPE_C);
	check_exhaustive(TEXT_ESCAPE_C, c_alpha, NELEM(c_alpha), 4, 2);
	check_compiles();
}

static void
test_md(void)
{
	check_escape(TEXT_ESCAPE_MD, S("a|b"), S("a\\|b"));
	check_escape(TEXT_ESCAPE_MD, S("| \\ ` * _ [ ] < > ~ & ! $"),
	    S("\\| \\\\ \\` \\* \\_ \\[ \\] \\< \\> \\~ \\& \\! \\$"));
	check_escape(TEXT_ESCAPE_MD, S("line 1\nline 2"), S("line 1<br>line 2"));
	check_escape(TEXT_ESCAPE_MD, S("a\r\nb\rc"), S("a<br>bc"));
	check_escape(TEXT_ESCAPE_MD,
	    S("Hello, world. (a-b/c?) = 'x' \"y\"; z: 42"),
	    S("Hello, world. (a-b/c?) = 'x' \"y\"; z: 42"));
	check_escape(TEXT_ESCAPE_MD, S("# 1. - +"), S("\\# 1. - +"));
	/* URLs that GitHub links keep their bytes: no escape inside them. */
	check_escape(TEXT_ESCAPE_MD, S("see https://a.org/x.xhtml#s-1_b."),
	    S("see <https://a.org/x.xhtml#s-1_b>."));
	check_escape(TEXT_ESCAPE_MD, S("(HTTP://a.org/f_(x)) a_"),
	    S("(<HTTP://a.org/f_(x)>) a\\_"));
	check_escape(TEXT_ESCAPE_MD, S("ftp://a.org/a|b*_ &amp;"),
	    S("<ftp://a.org/a\\|b>\\*\\_ \\&amp;"));
	check_escape(TEXT_ESCAPE_MD, S("_www.a.org/x_y>"),
	    S("\\_[www.a.org/x\\_y](<http://www.a.org/x_y>)\\>"));
	/* What GitHub would not link stays no link: the extension skips
	 * "\_" in a host, so "www.a\_b.c\_d" would be one. */
	check_escape(TEXT_ESCAPE_MD, S("xhttps://a.org www.a_b.org_c"),
	    S("xhttps\\://a.org www\\.a\\_b.org\\_c"));
	check_escape(TEXT_ESCAPE_MD, S("https:// a_"), S("https\\:// a\\_"));
	/* A heading's closing sequence is a run of '#' after a space. */
	check_escape(TEXT_ESCAPE_MD, S("Client Errors #"),
	    S("Client Errors \\#"));
	check_escape(TEXT_ESCAPE_MD, S("C# ##  "), S("C\\# \\#\\#  "));
	check_escape(TEXT_ESCAPE_MD, S("`x` <y> a|b \\\n#"),
	    S("\\`x\\` \\<y\\> a\\|b \\\\<br>\\#"));
	check_escape(TEXT_ESCAPE_MD, S("Caf\xc3\xa9"), S("Caf\xc3\xa9"));
	check_escape(TEXT_ESCAPE_MD, S("<br>"), S("\\<br\\>"));
	check_escape(TEXT_ESCAPE_MD, S(""), S(""));
	check_adversarial(TEXT_ESCAPE_MD);
	check_exhaustive(TEXT_ESCAPE_MD, md_alpha, NELEM(md_alpha), 4, 2);
}

static void
test_json(void)
{
	check_escape(TEXT_ESCAPE_JSON, S("Not Found"), S("Not Found"));
	check_escape(TEXT_ESCAPE_JSON, S("\"\\"), S("\\\"\\\\"));
	check_escape(TEXT_ESCAPE_JSON, S("\n\t\r\b\f"), S("\\n\\t\\r\\b\\f"));
	check_escape(TEXT_ESCAPE_JSON, S("\x01\x0b\x1f\x7f"),
	    S("\\u0001\\u000b\\u001f\\u007f"));
	check_escape(TEXT_ESCAPE_JSON, S("a\0b"), S("a\\u0000b"));
	check_escape(TEXT_ESCAPE_JSON, S("a/b </script>"), S("a/b </script>"));
	check_escape(TEXT_ESCAPE_JSON, S("Caf\xc3\xa9"), S("Caf\xc3\xa9"));
	check_escape(TEXT_ESCAPE_JSON, S("\xe2\x80\xa8" "a" "\xe2\x80\xa9"),
	    S("\\u2028a\\u2029"));
	check_escape(TEXT_ESCAPE_JSON, S("I\xe2\x80\x99m"), S("I\xe2\x80\x99m"));
	/* Each byte that starts no well-formed UTF-8 character is U+FFFD. */
	check_escape(TEXT_ESCAPE_JSON, S("\xe2\x80"), S("\\ufffd\\ufffd"));
	check_escape(TEXT_ESCAPE_JSON, S("a\xff" "b\x80"),
	    S("a\\ufffdb\\ufffd"));
	check_escape(TEXT_ESCAPE_JSON, S("\xc0\xaf\xed\xa0\x80"),
	    S("\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd"));
	check_escape(TEXT_ESCAPE_JSON, S("\xf4\x90\x80\x80\xf0\x9f\x98\x80"),
	    S("\\ufffd\\ufffd\\ufffd\\ufffd\xf0\x9f\x98\x80"));
	check_escape(TEXT_ESCAPE_JSON, S("\xef\xbf\xbd\xf4\x8f\xbf\xbf"),
	    S("\xef\xbf\xbd\xf4\x8f\xbf\xbf"));
	check_escape(TEXT_ESCAPE_JSON, S(""), S(""));
	check_adversarial(TEXT_ESCAPE_JSON);
	check_exhaustive(TEXT_ESCAPE_JSON, json_alpha, NELEM(json_alpha), 4, 2);
}

static void
test_none_and_append(void)
{
	struct buf out;

	check_escape(TEXT_ESCAPE_NONE, S("a\0<&*/?\?\n"), S("a\0<&*/?\?\n"));
	buf_init(&out);
	buf_puts(&out, "x:");
	text_escape(TEXT_ESCAPE_HTML, S("<"), &out);
	text_escape(TEXT_ESCAPE_C, S("/"), &out);
	TAP_CHECK(strcmp(buf_cstr(&out), "x:&lt;\\057") == 0,
	    "escapers append to what the buffer holds");
	buf_free(&out);
}

static void
test_names(void)
{
	static const char *const names[] = {
		"none", "html", "c", "md", "json"
	};
	static const struct {
		const char		*name;
		enum text_escape	 want;
	} outputs[] = {
		{ "http_status.h",	TEXT_ESCAPE_C },
		{ "http_status.c",	TEXT_ESCAPE_C },
		{ "out/http_status.h",	TEXT_ESCAPE_C },
		{ "a.tar.c",		TEXT_ESCAPE_C },
		{ "x.md",		TEXT_ESCAPE_MD },
		{ "a.json",		TEXT_ESCAPE_JSON },
		{ "a.html",		TEXT_ESCAPE_HTML },
		{ "a.htm",		TEXT_ESCAPE_HTML },
		{ "README",		TEXT_ESCAPE_NONE },
		{ "x.d/README",		TEXT_ESCAPE_NONE },
		{ "a.c/b.md",		TEXT_ESCAPE_MD },
		{ ".md",		TEXT_ESCAPE_NONE },
		{ "dir/.h",		TEXT_ESCAPE_NONE },
		{ "a.H",		TEXT_ESCAPE_NONE },
		{ "a.hh",		TEXT_ESCAPE_NONE },
		{ "a.",			TEXT_ESCAPE_NONE },
		{ "a.txt",		TEXT_ESCAPE_NONE },
		{ "",			TEXT_ESCAPE_NONE }
	};
	enum text_escape esc;
	const char *back;
	size_t i;

	for (i = 0; i < NELEM(names); i++) {
		esc = TEXT_ESCAPE_NONE;
		back = NULL;
		if (text_escape_by_name(names[i], strlen(names[i]), &esc) == 0)
			back = text_escape_name(esc);
		TAP_CHECK(back != NULL && strcmp(back, names[i]) == 0,
		    "escaper \"%s\" found and named back", names[i]);
	}
	esc = TEXT_ESCAPE_HTML;
	TAP_CHECK(text_escape_by_name("jsonx", 4, &esc) == 0 &&
	    esc == TEXT_ESCAPE_JSON, "by_name reads only len bytes");
	esc = TEXT_ESCAPE_HTML;
	TAP_CHECK(text_escape_by_name("JSON", 4, &esc) == -1 &&
	    text_escape_by_name("htm", 3, &esc) == -1 &&
	    text_escape_by_name("", 0, &esc) == -1 &&
	    text_escape_by_name("c ", 2, &esc) == -1 &&
	    esc == TEXT_ESCAPE_HTML,
	    "unknown escaper names fail and leave *out alone");
	TAP_CHECK(text_escape_name((enum text_escape)99) == NULL,
	    "a value outside the enum has no name");
	for (i = 0; i < NELEM(outputs); i++) {
		esc = text_escape_for_output(outputs[i].name);
		TAP_CHECK(esc == outputs[i].want, "output \"%s\" -> %s (got %s)",
		    outputs[i].name, text_escape_name(outputs[i].want),
		    text_escape_name(esc));
	}
}

static void
test_case(void)
{
	struct buf out;

	buf_init(&out);
	text_upper(S("Hello, W\xc3\xa9rld 42\0z"), &out);
	TAP_CHECK(same(&out, S("HELLO, W\xc3\xa9RLD 42\0Z")),
	    "upper maps ASCII only");
	buf_clear(&out);
	text_lower(S("Hello, W\xc3\x89RLD 42"), &out);
	TAP_CHECK(strcmp(buf_cstr(&out), "hello, w\xc3\x89rld 42") == 0,
	    "lower maps ASCII only");
	buf_clear(&out);
	buf_puts(&out, "x");
	text_upper(S("ab"), &out);
	text_lower(S("CD"), &out);
	TAP_CHECK(strcmp(buf_cstr(&out), "xABcd") == 0,
	    "case mapping appends");
	buf_free(&out);
}

static void
test_c_ident(void)
{
	static const struct {
		const char	*in;
		size_t		 len;
		const char	*want;
	} cases[] = {
		{ S("I'm a teapot"),			"IM_A_TEAPOT" },
		{ S("I\xe2\x80\x99m a teapot"),		"IM_A_TEAPOT" },
		{ S("Non-Authoritative Information"),
		    "NON_AUTHORITATIVE_INFORMATION" },
		{ S("Request-URI Too Long"),		"REQUEST_URI_TOO_LONG" },
		{ S("IM Used"),				"IM_USED" },
		{ S("Multi-Status"),			"MULTI_STATUS" },
		{ S("  leading and trailing  "),	"LEADING_AND_TRAILING" },
		{ S("3xx"),				"_3XX" },
		{ S(" 3xx"),				"_3XX" },
		{ S("Status 404"),			"STATUS_404" },
		{ S(""),				"" },
		{ S("!!!"),				"" },
		{ S("'"),				"" },
		{ S("Caf\xc3\xa9"),			"CAF" },
		{ S("Caf\xc3\xa9 au lait"),		"CAF_AU_LAIT" },
		{ S("rock 'n' roll"),			"ROCK_N_ROLL" },
		{ S("a__b--c"),				"A_B_C" },
		{ S("a\0b"),				"A_B" },
		{ S("end\xe2\x80"),			"END" },
		{ S("\xe2\x80\x99x"),			"X" }
	};
	struct buf out, sh;
	size_t i;

	buf_init(&out);
	buf_init(&sh);
	for (i = 0; i < NELEM(cases); i++) {
		buf_clear(&out);
		text_c_ident(cases[i].in, cases[i].len, &out);
		TAP_CHECK(strcmp(buf_cstr(&out), cases[i].want) == 0,
		    "c_ident %s -> %s (got %s)",
		    show(cases[i].in, cases[i].len, &sh), cases[i].want,
		    buf_cstr(&out));
	}
	buf_clear(&out);
	buf_puts(&out, "HTTP_");
	text_c_ident(S("3xx"), &out);
	text_c_ident(S("!!!"), &out);
	TAP_CHECK(strcmp(buf_cstr(&out), "HTTP__3XX") == 0,
	    "c_ident appends, and nothing for no letter or digit");
	buf_free(&out);
	buf_free(&sh);
}

static void
test_c_comment(void)
{
	static const struct {
		const char	*in;
		size_t		 len;
		const char	*want;
	} cases[] = {
		{ S("data/http_status.yaml"),	"data/http_status.yaml" },
		{ S("/abs/path/x.yaml"),	"/abs/path/x.yaml" },
		{ S("a*/b"),			"a*\\/b" },
		{ S("a/*b"),			"a/\\*b" },
		{ S("*/*/"),			"*\\/\\*\\/" },
		{ S("?\?/"),			"?\\?/" },
		{ S("?\?\?"),			"?\\?\\?" },
		{ S("a\nb\tc\rd"),		"a\\nb\\tc\\rd" },
		{ S("\001\177"),		"\\001\\177" },
		{ S("Caf\xc3\xa9"),		"Caf\\303\\251" },
		{ S("a\0b"),			"a\\000b" },
		{ S("back\\slash \"q\" 'q'"),	"back\\slash \"q\" 'q'" },
		{ S(""),			"" }
	};
	struct buf out, sh;
	size_t i, j;
	int bad;

	buf_init(&out);
	buf_init(&sh);
	for (i = 0; i < NELEM(cases); i++) {
		buf_clear(&out);
		text_c_comment(cases[i].in, cases[i].len, &out);
		TAP_CHECK(strcmp(buf_cstr(&out), cases[i].want) == 0,
		    "c_comment %s -> %s (got %s)",
		    show(cases[i].in, cases[i].len, &sh), cases[i].want,
		    buf_cstr(&out));
	}
	/* Every string of four bytes from the risky ones: no pair left. */
	bad = 0;
	for (i = 0; i < 4 * 4 * 4 * 4; i++) {
		char in[4];

		for (j = 0; j < 4; j++)
			in[j] = "*/?a"[(i >> (2 * j)) & 3];
		buf_clear(&out);
		text_c_comment(in, 4, &out);
		if (strstr(buf_cstr(&out), "*/") != NULL ||
		    strstr(buf_cstr(&out), "/*") != NULL ||
		    strstr(buf_cstr(&out), "?\?") != NULL)
			bad = 1;
	}
	TAP_CHECK(!bad, "c_comment never leaves */, /* or ?? inside a value");
	buf_free(&out);
	buf_free(&sh);
}

/* text_show(s, len, max) as a string. */
static const char *
shown(struct buf *b, const char *s, size_t len, size_t max)
{
	buf_clear(b);
	text_show(s, len, max, b);
	return buf_cstr(b);
}

static void
test_show(void)
{
	struct buf b;
	char huge[5000];

	buf_init(&b);
	CHECK_TEXT(shown(&b, "a\nb\tc\rd\033e\x7f\0f", 12, 0),
	    "a\\nb\\tc\\rd\\x1be\\x7f\\x00f",
	    "newline, tab, CR, ESC, DEL and NUL are shown escaped");
	CHECK_TEXT(shown(&b, "abcdef", 6, 3), "abc...", "cut at max bytes");
	CHECK_TEXT(shown(&b, "ab\xc3\xa9z", 5, 3), "ab...",
	    "a two-byte character is not cut in half");
	CHECK_TEXT(shown(&b, "a\xe2\x82\xacz", 5, 3), "a...",
	    "nor a three-byte one (cut after its first byte)");
	CHECK_TEXT(shown(&b, "a\xe2\x82\xacz", 5, 4), "a\xe2\x82\xac...",
	    "a cut right after a character keeps it");
	CHECK_TEXT(shown(&b, "\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 8, 6),
	    "\xf0\x9f\x98\x80...", "four-byte characters");
	CHECK_TEXT(shown(&b, "abc", 3, 3), "abc", "exactly max is not cut");
	memset(huge, 'k', sizeof(huge));
	CHECK_TEXT(text_quote(&b, huge, sizeof(huge)),
	    "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...",
	    "text_quote cuts a huge key at TEXT_SHOW_MAX");
	buf_puts(&b, "junk");
	CHECK_TEXT(text_quote(&b, "x\ny", 3), "x\\ny",
	    "text_quote replaces what the buffer held");
	buf_free(&b);
}

int
main(void)
{
	test_show();
	test_html();
	test_c();
	test_md();
	test_json();
	test_none_and_append();
	test_names();
	test_case();
	test_c_ident();
	test_c_comment();
	return tap_done();
}
