/* The C layout: the tables of the generated C lookups, laid out from the model's context. */
#ifndef STATUSGEN_CLAYOUT_H
#define STATUSGEN_CLAYOUT_H

#include "arena.h"
#include "diag.h"
#include "value.h"

/*
 * Builds the context that the C templates render: a new root mapping in
 * arena with model's pairs (the context model_build() made, which it
 * shares, not copies) and four more:
 *
 *   prefix        what names the C code (http_status): functions and
 *                 types start with it, file names too
 *   PREFIX        its upper case (HTTP_STATUS): macros and enumerators
 *   phrase_lengths  the distinct lengths of all reasons and aliases,
 *                 ascending, each:
 *     length        the byte length
 *     phrases       the phrases of that length, sorted by their upper-case
 *                   form, each: phrase (as written), upper (ASCII upper
 *                   case), code, ident
 *   lookup        derived data for the generated lookups' tables:
 *     name_prefix   what the enumerators' names start with: a status's
 *                   name is name_prefix followed by its ident
 *     first, last, span   the lowest and highest code, last - first + 1
 *     offset_type   the smallest unsigned C type for every offset below
 *     statuses      in code order: code, row (1 + its index), and the
 *                   sizes of its members of the string tables, raw bytes
 *                   and NUL: reason_size, description_size,
 *                   reference_size, name_size, origin_size (0 when it has
 *                   none), their offsets reason_at... origin_at (0 for
 *                   none), origin_known and origin when it has one
 *     reason_bytes, description_bytes, reference_bytes, name_bytes,
 *     origin_bytes
 *                   the size of each string table: an empty string at
 *                   offset 0, then each status's string and NUL in code
 *                   order
 *     rows          the codes first..last, a row per line of a table:
 *                   {code (of the row's first), entries}, each entry
 *                   {code, known, row, reason_at, description_at,
 *                   reference_at, name_at, origin_at}, the offsets and row
 *                   0 for a code that is no status (origin_at also for
 *                   one without an origin)
 *     row_type      the smallest unsigned C type that holds a row
 *     lines         the status lines of min_code..max_code in code order:
 *                   {code, size, text}, text "404 Not Found", or "NNN "
 *                   for a code that is no status
 *     line_rows     the lines' offsets in a string table laid out as
 *                   above, one more at the end (the table's size): rows
 *                   {code, entries}, each entry {at}; a line's length is
 *                   the next offset minus its own, minus 1
 *     line_bytes, line_first, line_span   that table's size, min_code,
 *                   the number of lines
 *     line_len_rows, line_len_type   each line's length, and 0 after the
 *                   last, in rows as line_rows ({code, entries}, each entry
 *                   {len}); the smallest unsigned C type that holds them
 *     line_reason   where a known code's reason starts in its line
 *     aliases       every status's aliases, in code order and then as
 *                   written: {code, text, size, at}, at the offset in a
 *                   string table laid out as above
 *     alias_rows    span + 1 entries {first}, rows {code, entries}: the
 *                   aliases of code first + i are first[i]..first[i+1]-1
 *     alias_row_rows  the same by row: n + 2 entries {first}, rows {row,
 *                   entries}, row 0 (no status) first
 *     alias_bytes, alias_type   that table's size; the smallest unsigned
 *                   C type for an alias's index
 *     macro         the header's own macros by their key in
 *                   cnames_macros(): macro.count is "HTTP_STATUS_COUNT"
 *     enumerators   those of enum http_status, in code order: each
 *                   status's {enumerator ("HTTP_STATUS_NOT_FOUND"), code,
 *                   status (its entry of statuses)}, then each of its
 *                   other phrases that gives a C identifier no other
 *                   name has (cnames.h), {enumerator, code, alias (the
 *                   phrase), alias_of (the status's enumerator)}
 *     alias_enumerators  those aliases alone: {code, ident (without the
 *                   prefix), alias}
 *     flags         a bit per predicate but known: {name, upper, macro,
 *                   bit} (macro "HTTP_STATUS_FLAG_REDIRECT", bit "0x0001U"
 *                   and on)
 *     full_list     per status in code order: {code, ident, reason,
 *                   class, flags}, flags the or of the status's
 *                   name_prefix FLAG_ upper macros, or "0"
 *     predicates    one bitset per predicate: known, then each flag of the
 *                   status fields, then each choice of a choice field
 *                   (each registry): {name, help (its meaning from the
 *                   field table, in lines of at most 68 bytes), returns
 *                   ("the table sets `redirect` on code"), rows}, each
 *                   row {code,
 *                   entries}, each entry {byte} ("0x05"); bit
 *                   (code - first) % 8 of byte (code - first) / 8
 *     classes       classes 0..max_code / 100: {class, known, name_at,
 *                   name_size, summary_at, summary_size, and when known
 *                   name, summary, ident, enumerator
 *                   (HTTP_STATUS_CLASS_ and ident), predicate (ident in
 *                   lower case) and old_enumerator (the name of 0.1.0
 *                   when the class keeps it, cnames.h; else false)},
 *                   offsets into string
 *                   tables of the class names and summaries laid out as
 *                   above
 *     known_classes the entries of classes that are known, in order
 *     old_class_idents  true when a class has an old_enumerator
 *     class_bytes, class_summary_bytes, class_span   the tables' sizes;
 *                   the number of classes
 *     reverse       a perfect hash of every reason and alias (phash.h):
 *       min_length, max_length, length_type   of the phrases
 *       keys        the hashed bytes: {from_start, from_end, middle,
 *                   index, shift}: s[index], s[len - index] or
 *                   s[(len - index) / 2], with bit 0x20 set, shifted left
 *                   by shift and or-ed into len
 *       multiplier, shift   slot = (uint32)(key * multiplier) >> shift
 *       slots, slot_type, most_per_slot
 *       slot_rows   slots + 1 entries {first}, a row per line {slot,
 *                   entries}: slot h holds phrases first[h]..first[h+1]-1
 *       phrases     in slot order: {phrase, upper, length, size, at (the
 *                   offset of upper in a string table laid out as above),
 *                   ident, code}
 *       phrase_bytes  that string table's size
 *
 * opt->prefix (opt NULL: CLAYOUT_PREFIX_DEFAULT) names the C code: the
 * context's "prefix" is it and "PREFIX" its upper case, and the
 * enumerators' names start with PREFIX_ (lookup.name_prefix). It must be
 * a C identifier; an error about it is reported at opt->prefix_at (the -D
 * option that gave it).
 *
 * model must come from model_build(). Returns 0 and sets *context, or -1
 * (with *context NULL) after reporting a context that is not one, a bad
 * prefix, or a name that the C outputs would define twice
 * (cnames_build()).
 */
/* The name of the layout's one parameter, which -D sets, and its default. */
#define CLAYOUT_PREFIX_KEY	"prefix"
#define CLAYOUT_PREFIX_DEFAULT	"http_status"

struct clayout_options {
	const char	*prefix;	/* the caller's */
	struct srcpos	 prefix_at;	/* where it was given, for errors */
};

/*
 * Checks a prefix: a C identifier short enough for every name it starts
 * (the message says the rule). Returns 0, or -1 after reporting at at
 * (the -D option that gave it). The check of the prefix setting
 * (settings.h).
 */
int	clayout_check_prefix(const char *s, const struct srcpos *at,
	    struct diag *d);

int	clayout_build(const struct value *model,
	    const struct clayout_options *opt, struct arena *arena,
	    struct diag *d, struct value **context);

#endif
