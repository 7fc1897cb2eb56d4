/* Text transformations: the escapers and the case and identifier filters. */
#ifndef STATUSGEN_TEXT_H
#define STATUSGEN_TEXT_H

#include <stddef.h>

#include "buf.h"

/* The escapers a template's {{name}} tags pass values through. */
enum text_escape {
	TEXT_ESCAPE_NONE,
	TEXT_ESCAPE_HTML,
	TEXT_ESCAPE_C,
	TEXT_ESCAPE_MD,
	TEXT_ESCAPE_JSON
};

/*
 * Looks up an escaper by its name ("none", "html", "c", "md", "json").
 * Returns 0 and sets *out, or -1 for an unknown name.
 */
int	text_escape_by_name(const char *name, size_t len, enum text_escape *out);
/*
 * The escaper's name, as text_escape_by_name() accepts it: a static string,
 * or NULL for a value that is not an enum text_escape.
 */
const char *text_escape_name(enum text_escape esc);

/*
 * The default escaper for an output file, chosen by the extension of its
 * name (a template name without ".mustache"): .h and .c -> c, .md -> md,
 * .json -> json, .html and .htm -> html, anything else -> none. Only the
 * last extension of the last path component counts ("a.tar.c" -> c,
 * "x.d/README" -> none), a leading dot starts no extension (".md" -> none),
 * and the match is case-sensitive (".H" -> none). name must not be NULL.
 */
enum text_escape text_escape_for_output(const char *name);

/*
 * Appends s[0..len) to out, escaped (out is appended to, not cleared):
 *  - html: & < > " become &amp; &lt; &gt; &quot; (the Mustache spec's set).
 *  - c: safe both inside a C string literal and inside a block comment, in
 *    every C and C++ standard, and pure printable ASCII:
 *    \ and " and ' are backslash-escaped; \n \t \r \a \b \f \v are used
 *    for those control bytes; other control bytes, DEL and all bytes >= 0x80
 *    become three-digit octal escapes (which cannot swallow a following
 *    digit); a '?' right after a '?' becomes "\?" (a run of them reads
 *    ?\?\?, so no trigraph); a '/' next to a '*' becomes \057 (so no
 *    comment can open or close). The output never holds "??", a slash
 *    star or star slash pair, a raw newline or a byte outside 0x20..0x7e.
 *    As the text around the value is unknown, a '/' at either end and a
 *    '?' at the start are escaped too: two escaped values side by side keep
 *    those guarantees. The template must still not put '/' right before a
 *    value starting with '*' or right after one ending with '*', nor '?'
 *    right after a value ending with '?'. Not for a // comment: a value
 *    ending in a backslash would splice the next line into it.
 *  - md: safe inside a GitHub Markdown table cell and inside an ATX
 *    heading (## ... on one line): | \ ` * _ [ ] < > ~ & ! $ (GitHub
 *    math) and # are backslash-escaped, a newline becomes <br>, CR is
 *    dropped; everything else, other control bytes included, passes
 *    through so docs stay readable. '#' is escaped wherever it is, so that
 *    a value ending in " #" cannot become a heading's closing sequence
 *    (and lose its '#') nor, at the start of a line, open a heading. '+',
 *    '-' and "1." are left alone: cells and headings are inline text, so
 *    they cannot start a list there (they could at the start of a line
 *    elsewhere).
 *  - json: the content of a JSON string: " and \ escaped, control bytes as
 *    \n \t \r \b \f or \u00xx (lowercase hex, as JSON.stringify writes
 *    them), DEL as \u007f; U+2028 and U+2029 become \u2028 and \u2029 so
 *    the output is also a valid JavaScript string. Other well-formed UTF-8
 *    passes through; each byte that starts no well-formed character (a
 *    stray continuation byte, a truncated or overlong sequence, a
 *    surrogate, a code point past U+10FFFF) becomes \ufffd, so that the
 *    output is valid JSON whatever the input (a DATA path is not checked).
 *    '/' is not escaped.
 *  - none: unchanged.
 * An esc outside the enum is a caller bug and aborts.
 */
void	text_escape(enum text_escape esc, const char *s, size_t len,
	    struct buf *out);

/* ASCII case mapping; other bytes pass through unchanged. */
void	text_upper(const char *s, size_t len, struct buf *out);
void	text_lower(const char *s, size_t len, struct buf *out);

/*
 * Appends the upper snake case C identifier derived from s: apostrophes
 * vanish ("I'm a teapot" -> IM_A_TEAPOT), every other run of characters
 * that are not ASCII letters or digits becomes one '_' ("Non-Authoritative
 * Information" -> NON_AUTHORITATIVE_INFORMATION), leading and trailing '_'
 * are dropped, and a leading digit gets a '_' in front ("3xx" -> _3XX).
 * Appends nothing when s holds no letter or digit. Apostrophes are ASCII
 * ' and U+2019 (UTF-8 E2 80 99); any other byte >= 0x80 is a separator
 * ("Caf\xc3\xa9" -> CAF). Meant to follow a prefix (HTTP_STATUS_{{...}}):
 * alone, a name starting with '_' is reserved at file scope.
 */
void	text_c_ident(const char *s, size_t len, struct buf *out);

/*
 * Appends s[0..len) for the inside of a C block comment, readable: every
 * printable ASCII byte stays itself ("data/x.yaml" stays so), but for
 * three pairs. "*" "/" would close the comment and becomes "*\/"; "/" "*"
 * would open one inside it (gcc -Wcomment) and becomes "/\*"; "?" "?"
 * could start a trigraph and becomes "?\?". Newline, tab and CR become
 * \n \t \r, other control bytes, DEL and bytes >= 0x80 three-digit
 * octal escapes, so the comment stays on its line and pure ASCII (a
 * backslash is no escape in a comment: these are only shown). The
 * template must not put a '*' right before a value starting with '/', a
 * '/' right after a value ending in '*', nor a newline right after one
 * ending in a backslash. The c_comment filter.
 */
void	text_c_comment(const char *s, size_t len, struct buf *out);

/*
 * Appends s[0..len) as a message may quote it, on one line: a newline as
 * \n, a tab as \t, a carriage return as \r, other control bytes (NUL,
 * ESC, DEL...) as \xNN, so that a quoted value can neither forge a line nor reach the terminal. A
 * text over max bytes is cut there, on a UTF-8 character boundary, and
 * ends in "..." (max 0: never cut).
 */
void	text_show(const char *s, size_t len, size_t max, struct buf *out);

/* How many bytes of a value or key a message quotes. */
#define TEXT_SHOW_MAX	40

/*
 * Replaces b's content with s[0..len) shown by text_show() and cut at
 * TEXT_SHOW_MAX bytes, for a message to quote with %s. Returns
 * buf_cstr(b), valid until b next changes.
 */
const char *text_quote(struct buf *b, const char *s, size_t len);

/* The Levenshtein distance of a and b, for did-you-mean hints. */
size_t	text_edit_distance(const char *a, size_t alen, const char *b,
	    size_t blen);

/* Whether s[0..len) is an upper-case C identifier: A-Z, 0-9 and _, not
 * empty and not starting with a digit. */
int	text_is_upper_ident(const char *s, size_t len);

/*
 * The did-you-mean rule of the data's keys and choices and of the -D
 * settings' values: returns 1 when name (lower case) is a nearer miss of
 * s[0..len) than *best (fewer edits than *best and than name's length,
 * the case of s aside), which it then becomes; else 0. Start *best at 3.
 */
int	text_nearer(const char *s, size_t len, const char *name,
	    size_t *best);

/*
 * Whether s (len bytes, no NUL needed) is a calendar date YYYY-MM-DD: 1 if
 * it is; 0 if it is not of that form; -1 if it is of that form but names
 * no day, with *year, *month and *days (the days of that month in that
 * year, 0 for a month that is not 1 to 12) set.
 */
int	text_date(const char *s, size_t len, int *year, int *month,
	    int *days);

#endif
