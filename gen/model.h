/* The status model: validates the loaded status table and derives what templates need. */
#ifndef STATUSGEN_MODEL_H
#define STATUSGEN_MODEL_H

#include "arena.h"
#include "diag.h"
#include "value.h"

/*
 * Checks the document loaded from a status table (data/http_status.yaml)
 * and builds the root context that the templates render. Every violation is
 * reported to d, located at the offending value, and all of them in one
 * run: missing or mistyped keys, codes outside 100..599, duplicate codes
 * (with a note at the first), a code whose class is not defined, an empty
 * or multi-line reason or alias, a reason or alias that two codes share
 * (ignoring case), two statuses with the same C identifier, and unknown
 * keys (with a did-you-mean).
 *
 * The context it builds, all in arena (it copies doc's 16-byte nodes, and
 * shares their texts and children):
 *   generator     "statusgen"
 *   source        source_path as given
 *   count         number of statuses
 *   classes       the classes in class order, each:
 *     class, name, summary   from the data
 *     ident                  C identifier of name (CLIENT_ERRORS)
 *     count                  number of statuses in the class
 *     statuses               those statuses (the entries below)
 *   statuses      every status in code order, each:
 *     code, reason, description, reference, registry   from the data
 *     origin        from the data, or "" when absent
 *     aliases       list of strings (empty when absent)
 *     cacheable, redirect, empty_body, retryable   booleans (false when
 *                   absent)
 *     standard, deprecated, obsolete, unofficial   booleans: registry ==
 *     ident         from the data, else derived from the reason
 *                   ("I'm a teapot" -> IM_A_TEAPOT)
 *     class         code / 100
 *     class_name    the name of that class
 *     x-...         the user's own keys, passed through
 *   x-...         the user's own top-level keys, passed through
 *   phrase_lengths  for reverse lookup: the distinct lengths of all reasons
 *                 and aliases, ascending, each:
 *     length        the byte length
 *     phrases       the phrases of that length, sorted by their upper-case
 *                   form, each: phrase (as written), upper (ASCII upper
 *                   case), code, ident
 *   lookup        derived data for the generated lookups' tables:
 *     first, last, span   the lowest and highest code, last - first + 1
 *     offset_type   the smallest unsigned C type for every offset below
 *     reason_bytes, description_bytes, reference_bytes, name_bytes
 *                   the size of each string table: an empty string at
 *                   offset 0, then each status's string and NUL in code
 *                   order
 *     rows          the codes first..last, CODES_PER_ROW to a row:
 *                   {code (of the row's first), entries}, each entry
 *                   {code, known, reason_at, description_at, reference_at,
 *                   name_at}, the offsets 0 for a code that is no status
 *     predicates    one bitset per predicate (known, cacheable, redirect,
 *                   empty_body, retryable, standard, deprecated, obsolete,
 *                   unofficial): {name, rows}, each row {code, entries},
 *                   each entry {byte} ("0x05"); bit (code - first) % 8 of
 *                   byte (code - first) / 8
 *     classes       classes 0..5: {class, known, name_at, name_size, and
 *                   name when known}, offsets into a string table of the
 *                   class names laid out as above
 *     class_bytes, class_span   that table's size; 6
 *     reverse       a perfect hash of every reason and alias:
 *       min_length, max_length, length_type   of the phrases
 *       keys        the hashed bytes: {from_start, from_end, middle,
 *                   index, shift}: s[index], s[len - index] or
 *                   s[(len - index) / 2], with bit 0x20 set, shifted left
 *                   by shift and or-ed into the low byte of len
 *       multiplier, shift   slot = (uint32)(key * multiplier) >> shift
 *       slots, slot_type, most_per_slot
 *       slot_rows   slots + 1 entries {first}, 16 to a row {slot,
 *                   entries}: slot h holds phrases first[h]..first[h+1]-1
 *       phrases     in slot order: {phrase, upper, length, size, at (the
 *                   offset of upper in a string table laid out as above),
 *                   ident, code}
 *       phrase_bytes  that string table's size
 *
 * Returns 0 and sets *model, or -1 (with *model NULL) after reporting.
 */
int	model_build(const struct value *doc, const char *source_path,
	    struct arena *arena, struct diag *d, struct value **model);

#endif
