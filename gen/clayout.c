/* The C layout: string tables, offsets, bitsets and the perfect hash that the C templates print. */
#include "clayout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cnames.h"
#include "model.h"
#include "phash.h"
#include "text.h"
#include "xalloc.h"

/*
 * What the templates need to lay the lookups out as tables: offsets into
 * the string tables, the predicates' bitsets and the reverse lookup's
 * perfect hash, all computed here so that no template holds a number of
 * its own. clayout.h describes the result; templates/{{prefix}}.c.mustache
 * says why tables.
 */

/* The longest prefix: with it and the longest ident, a name still fits
 * a C89 string literal (see the string limit in model.c). */
#define MAX_PREFIX	64

#define CODES_PER_ROW	10	/* entries per line of a per-code table */
#define BYTES_PER_ROW	8	/* bytes per line of a bitset: 64 codes */
#define SLOTS_PER_ROW	16	/* entries per line of the slot table */

/* The string tables: one per text of a status, a member per status in
 * code order. The names' table holds the enumerators' prefix + ident. */
static const struct text_table {
	const char	*table;		/* reason: reason_at, reason_bytes... */
	const char	*key;		/* the status's text */
	int		 prefixed;	/* behind the enumerators' prefix */
	int		 optional;	/* some statuses have none */
} text_tables[] = {
	{ "reason", "reason", 0, 0 },
	{ "description", "description", 0, 0 },
	{ "reference", "reference", 0, 0 },
	{ "name", "ident", 1, 0 },
	{ "origin", "origin", 0, 1 },
};

#define NTABLES	(sizeof(text_tables) / sizeof(text_tables[0]))

/* A reason or alias, with the status it names. */
struct phrase {
	const struct value	*node;
	const char		*upper;
	size_t			 len;
	const struct value	*status;
	size_t			 order;		/* in collection, for ties */
	size_t			 within;	/* 0, or 1 + the index of the
						 * phrase whose text ends
						 * with this one's */
};

/* What the layout reads from the context, and the largest offset yet. */
struct layout {
	struct arena		*arena;
	const struct value	*statuses;	/* in code order */
	size_t			 n;
	const struct value	*classes;
	long long		 max_class;
	unsigned long		 first, last, span;
	unsigned long		 min_code, max_code;	/* any code's range */
	const struct value	**by_code;	/* span entries, NULL: none */
	struct phrase		*phrases;	/* by length, then upper */
	size_t			 nphrases;
	unsigned long		 max_offset;
	unsigned long		*text_at;	/* n * NTABLES offsets, 0:
						 * none (text_offsets()) */
	int			 old_class_idents;	/* any old_ident */
	struct cnames		 names;
};

/* ---------------------------------------------------------------- */
/* Small helpers                                                    */
/* ---------------------------------------------------------------- */

static struct value
str(struct arena *a, const char *s)
{
	return value_make_string(a, s, strlen(s), NULL);
}

static struct value
int_value(unsigned long n)
{
	return value_make_int((long long)n, NULL);
}

static struct value
seq(struct arena *a, const struct value *items, size_t n)
{
	return value_make_seq(a, items, n, NULL);
}

static const struct value *
get(const struct value *map, const char *key)
{
	return value_map_getz(map, key);
}

static long long
code_of(const struct value *status)
{
	return get(status, "code")->u.integer;
}

/* The smallest unsigned C type that holds max, by C89's guarantees. */
static const char *
c_type_for(unsigned long max)
{
	if (max <= 255)
		return "unsigned char";
	if (max <= 65535)
		return "unsigned short";
	return "unsigned long";
}

/* Notes an offset, for offset_type. */
static void
offset_seen(struct layout *l, unsigned long at)
{
	if (at > l->max_offset)
		l->max_offset = at;
}

/*
 * Cuts items[0..n) into rows of per_row, each {label: label0 + its number
 * times step, entries: its items}, so that a template can print a table a
 * line at a time with the code or slot of the line's first entry.
 */
static struct value
rows_of(struct arena *a, const struct value *items, size_t n, size_t per_row,
    const char *label, unsigned long label0, unsigned long step)
{
	struct value *rows = xcalloc(n / per_row + 2, sizeof(*rows)), v;
	struct value_builder r;
	size_t i, nrows = 0;

	value_builder_init(&r, a);
	for (i = 0; i < n; i += per_row) {
		value_builder_put(&r, label, int_value(label0 + nrows * step));
		value_builder_put(&r, "entries", seq(a, items + i,
		    n - i < per_row ? n - i : per_row));
		rows[nrows++] = value_builder_finish(&r, NULL);
	}
	v = seq(a, rows, nrows);
	free(rows);
	return v;
}

/* ---------------------------------------------------------------- */
/* The phrases                                                      */
/* ---------------------------------------------------------------- */

static int
by_phrase(const void *a, const void *b)
{
	const struct phrase *x = a, *y = b;
	int r;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if ((r = memcmp(x->upper, y->upper, x->len)) != 0)
		return r;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Every phrase of every status (the fields the model marks as phrases),
 * sorted by length and then by upper-case form. */
static void
collect_phrases(struct layout *l)
{
	size_t nf, i, f, j, cap = 0, items;
	const struct model_field *fields = model_fields(MODEL_STATUS, &nf);
	struct buf up;

	buf_init(&up);
	for (i = 0; i < l->n; i++)
		for (f = 0; f < nf; f++) {
			const struct value *st = value_item(l->statuses, i);
			const struct value *v = get(st, fields[f].key);
			int list = v != NULL && v->kind == VALUE_SEQ;

			if (!fields[f].phrase || v == NULL)
				continue;
			items = list ? value_len(v) : 1;
			for (j = 0; j < items; j++) {
				struct phrase *p;

				l->phrases = xgrow(l->phrases, &cap,
				    l->nphrases + 1, sizeof(*l->phrases));
				p = &l->phrases[l->nphrases];
				p->node = list ? value_item(v, j) : v;
				p->len = value_strlen(p->node);
				buf_clear(&up);
				text_upper(value_str(p->node), p->len, &up);
				p->upper = arena_strndup(l->arena, up.data,
				    up.len);
				p->status = st;
				p->within = 0;
				p->order = l->nphrases++;
			}
		}
	buf_free(&up);
	if (l->nphrases > 0)
		qsort(l->phrases, l->nphrases, sizeof(*l->phrases), by_phrase);
}

/* The phrases grouped by length: {length, phrases}. */
static struct value
build_phrase_lengths(struct layout *l)
{
	struct value *groups = NULL, *items = NULL, v;
	size_t ngroups = 0, gcap = 0, icap = 0, i, start, nitems;
	const struct phrase *p = l->phrases;
	struct value_builder g, e;

	value_builder_init(&g, l->arena);
	value_builder_init(&e, l->arena);
	for (start = 0; start < l->nphrases; start = i) {
		for (i = start, nitems = 0; i < l->nphrases &&
		    p[i].len == p[start].len; i++) {
			value_builder_put(&e, "phrase", *p[i].node);
			value_builder_put(&e, "upper", value_make_string(
			    l->arena, p[i].upper, p[i].len, NULL));
			value_builder_put(&e, "code", *get(p[i].status,
			    "code"));
			value_builder_put(&e, "ident", *get(p[i].status,
			    "ident"));
			items = xgrow(items, &icap, nitems + 1,
			    sizeof(*items));
			items[nitems++] = value_builder_finish(&e, NULL);
		}
		value_builder_put(&g, "length", int_value(p[start].len));
		value_builder_put(&g, "phrases", seq(l->arena, items, nitems));
		groups = xgrow(groups, &gcap, ngroups + 1, sizeof(*groups));
		groups[ngroups++] = value_builder_finish(&g, NULL);
	}
	free(items);
	v = seq(l->arena, groups, ngroups);
	free(groups);
	return v;
}

/* ---------------------------------------------------------------- */
/* The reverse lookup                                               */
/* ---------------------------------------------------------------- */

/* Whether some phrase of p[0..n) has a '_' at key k's byte: only there
 * must a lookup that treats separators alike fold the byte it hashes. */
static int
key_at_sep(const struct phash_key *k, const struct phrase *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i].upper[phash_key_offset(k, p[i].len)] == '_')
			return 1;
	return 0;
}

static struct value
build_keys(struct arena *a, const struct phash *h, const struct phrase *p,
    size_t n, int separators)
{
	struct value items[PHASH_MAX_KEYS];
	struct value_builder k;
	size_t i;

	value_builder_init(&k, a);
	for (i = 0; i < h->nkeys; i++) {
		enum phash_from from = h->keys[i].from;

		value_builder_put(&k, "separator", value_make_bool(separators &&
		    key_at_sep(&h->keys[i], p, n), NULL));
		value_builder_put(&k, "from_start", value_make_bool(
		    from == PHASH_FROM_START, NULL));
		value_builder_put(&k, "from_end", value_make_bool(
		    from == PHASH_FROM_END, NULL));
		value_builder_put(&k, "middle", value_make_bool(
		    from == PHASH_FROM_MIDDLE, NULL));
		value_builder_put(&k, "index", int_value(h->keys[i].index));
		value_builder_put(&k, "shift", int_value(8 * (i + 1)));
		items[i] = value_builder_finish(&k, NULL);
	}
	return seq(a, items, h->nkeys);
}

/*
 * The phrases in slot order, each at its offset in one string table, and
 * into *texts the table's strings: one per phrase that has its own, in
 * slot order; a phrase within another's text points into it. Sets *bytes
 * to the table's size.
 */
static struct value
build_slotted(struct layout *l, const struct phash *h,
    const struct phrase *phrases, size_t n, struct value *texts,
    unsigned long *bytes)
{
	struct value *items = xcalloc(n + 1, sizeof(*items)), v;
	struct value *strings = xcalloc(n + 1, sizeof(*strings));
	unsigned long *at_of = xcalloc(n + 1, sizeof(*at_of));
	unsigned long at = 1;	/* after the empty string at offset 0 */
	struct value_builder e;
	size_t i, nstrings = 0;

	value_builder_init(&e, l->arena);
	for (i = 0; i < n; i++) {
		const struct phrase *p = &phrases[h->order[i]];

		if (p->within != 0)
			continue;
		at_of[h->order[i]] = at;
		value_builder_put(&e, "upper", value_make_string(l->arena,
		    p->upper, p->len, NULL));
		value_builder_put(&e, "size", int_value(p->len + 1));
		strings[nstrings++] = value_builder_finish(&e, NULL);
		at += p->len + 1;
	}
	*bytes = at;
	for (i = 0; i < n; i++) {
		const struct phrase *p = &phrases[h->order[i]];
		unsigned long from = at_of[h->order[i]];

		if (p->within != 0)
			from = at_of[p->within - 1] +
			    phrases[p->within - 1].len - p->len;
		value_builder_put(&e, "phrase", *p->node);
		value_builder_put(&e, "upper", value_make_string(l->arena,
		    p->upper, p->len, NULL));
		value_builder_put(&e, "length", int_value(p->len));
		value_builder_put(&e, "at", int_value(from));
		value_builder_put(&e, "ident", *get(p->status, "ident"));
		value_builder_put(&e, "code", value_make_int(code_of(p->status),
		    NULL));
		offset_seen(l, from);
		items[i] = value_builder_finish(&e, NULL);
	}
	*texts = seq(l->arena, strings, nstrings);
	v = seq(l->arena, items, n);
	free(at_of);
	free(strings);
	free(items);
	return v;
}

/*
 * A perfect hash of phrases[0..n) (clayout.h, reverse), whose lookup in
 * the generated code is named by table ("phrase", "name"); separators
 * says that it treats '-', '_' and ' ' alike.
 */
static struct value
build_hash(struct layout *l, const struct phrase *phrases, size_t n,
    const char *table, int separators)
{
	struct phash_phrase *in = xcalloc(n + 1, sizeof(*in));
	struct value_builder r, e;
	struct value *firsts, texts;
	unsigned long bytes;
	char hex[16];
	struct phash h;
	size_t i;

	for (i = 0; i < n; i++) {
		in[i].bytes = phrases[i].upper;
		in[i].len = phrases[i].len;
	}
	phash_build(&h, in, n);
	free(in);
	value_builder_init(&r, l->arena);
	value_builder_init(&e, l->arena);
	value_builder_put(&r, "table", str(l->arena, table));
	value_builder_put(&r, "separators", value_make_bool(separators,
	    NULL));
	value_builder_put(&r, "min_length", int_value(h.min_length));
	value_builder_put(&r, "max_length", int_value(h.max_length));
	value_builder_put(&r, "length_type", str(l->arena,
	    c_type_for(h.max_length)));
	value_builder_put(&r, "keys", build_keys(l->arena, &h, phrases, n,
	    separators));
	snprintf(hex, sizeof(hex), "0x%08lx", (unsigned long)h.multiplier);
	value_builder_put(&r, "multiplier", str(l->arena, hex));
	value_builder_put(&r, "shift", int_value(h.shift));
	value_builder_put(&r, "slots", int_value(h.nslots));
	value_builder_put(&r, "slot_type", str(l->arena, c_type_for(n)));
	value_builder_put(&r, "most_per_slot", int_value(h.most));
	firsts = xcalloc(h.nslots + 1, sizeof(*firsts));
	for (i = 0; i <= h.nslots; i++) {
		value_builder_put(&e, "first", int_value(h.first[i]));
		firsts[i] = value_builder_finish(&e, NULL);
	}
	value_builder_put(&r, "slot_rows", rows_of(l->arena, firsts,
	    h.nslots + 1, SLOTS_PER_ROW, "slot", 0, SLOTS_PER_ROW));
	free(firsts);
	value_builder_put(&r, "phrases", build_slotted(l, &h, phrases, n,
	    &texts, &bytes));
	value_builder_put(&r, "texts", texts);
	value_builder_put(&r, "phrase_bytes", int_value(bytes));
	phash_free(&h);
	return value_builder_finish(&r, NULL);
}

/* Orders names by length, then bytes: for bsearch(). */
static int
by_name_text(const void *a, const void *b)
{
	const struct phrase *x = *(const struct phrase *const *)a;
	const struct phrase *y = *(const struct phrase *const *)b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->upper, y->upper, x->len);
}

/*
 * The names of http_status_from_name(): each status's ident and each
 * alias enumerator's, as phrases of one hash, each both with the
 * enumerators' prefix and without it, so that the lookup has no branch on
 * the prefix. A bare name's text is the end of its prefixed name's. A bare
 * name that is another name with the prefix is left out: the prefixed
 * form, which reads the prefix as the prefix, owns that string.
 */
static struct value
build_by_name(struct layout *l)
{
	size_t n = 0, i, k = 0, nb, np = strlen(l->names.upper);
	struct phrase *p = xcalloc(2 * (l->n + l->names.naliases) + 1,
	    sizeof(*p));
	const struct phrase **sorted, *want = NULL;
	struct phrase key;
	struct phrase *out;
	struct value v;
	struct buf b;

	for (i = 0; i < l->n; i++) {
		const struct value *st = value_item(l->statuses, i);

		p[n].node = get(st, "ident");
		p[n].status = st;
		n++;
		for (; k < l->names.naliases &&
		    l->names.aliases[k].status == st; k++) {
			v = str(l->arena, l->names.aliases[k].ident);
			p[n].node = value_box(l->arena, &v);
			p[n].status = st;
			n++;
		}
	}
	nb = n;
	buf_init(&b);
	for (i = 0; i < nb; i++) {
		p[i].upper = value_str(p[i].node);
		p[i].len = value_strlen(p[i].node);
		buf_clear(&b);
		cnames_spell(&l->names, &b, CNAMES_ENUMERATOR, p[i].upper,
		    p[i].len);
		v = value_make_string(l->arena, b.data, b.len, NULL);
		p[nb + i].node = value_box(l->arena, &v);
		p[nb + i].status = p[i].status;
		p[nb + i].upper = value_str(p[nb + i].node);
		p[nb + i].len = b.len;
	}
	buf_free(&b);
	sorted = xcalloc(nb + 1, sizeof(*sorted));
	for (i = 0; i < nb; i++)
		sorted[i] = &p[i];
	qsort(sorted, nb, sizeof(*sorted), by_name_text);
	/* The prefixed names first, then the bare ones that stay, each
	 * pointing into its prefixed name's text (name i's is out[i]). */
	out = xcalloc(2 * nb + 1, sizeof(*out));
	for (i = 0; i < nb; i++) {
		out[i] = p[nb + i];
		out[i].order = i;
		out[i].within = 0;
	}
	for (i = 0, k = nb; i < nb; i++) {
		if (p[i].len > np && memcmp(p[i].upper, l->names.upper,
		    np) == 0) {
			key.upper = p[i].upper + np;
			key.len = p[i].len - np;
			want = &key;
			if (bsearch(&want, sorted, nb, sizeof(*sorted),
			    by_name_text) != NULL)
				continue;
		}
		out[k] = p[i];
		out[k].order = k;
		out[k].within = 1 + i;
		k++;
	}
	free(sorted);
	free(p);
	v = build_hash(l, out, k, "ident", 1);
	free(out);
	return v;
}

/* ---------------------------------------------------------------- */
/* Codes to texts, predicates, classes                              */
/* ---------------------------------------------------------------- */

/* Whether a status has a member in table t. */
static int
has_text(const struct text_table *t, const struct value *status)
{
	const struct value *v = get(status, t->key);

	/* The model gives an absent optional text as an empty string. */
	return v != NULL && v->kind == VALUE_STRING &&
	    (!t->optional || value_strlen(v) > 0);
}

/* The size of a status's member of table t: raw bytes and NUL, or 0 when
 * it has none. */
static unsigned long
member_size(const struct layout *l, const struct text_table *t,
    const struct value *status)
{
	if (!has_text(t, status))
		return 0;
	return (unsigned long)((t->prefixed ? strlen(l->names.upper) : 0) +
	    value_strlen(get(status, t->key)) + 1);
}

static void
table_key(char *key, size_t size, const struct text_table *t,
    const char *what)
{
	size_t a = strlen(t->table), w = strlen(what);

	/* Called per status and table: snprintf's parsing of its format
	 * was a good part of laying out the tables. Cut short as snprintf
	 * would be (the keys are far shorter). */
	if (a > size - 1)
		a = size - 1;
	memcpy(key, t->table, a);
	if (a < size - 1)
		key[a++] = '_';
	if (w > size - 1 - a)
		w = size - 1 - a;
	memcpy(key + a, what, w);
	key[a + w] = '\0';
}

/*
 * Sets l->text_at: each status's offset in each string table (in code
 * order, after the empty string at offset 0), 0 where it has no text.
 * Puts each table's size, {table}_bytes, into b.
 */
static void
text_offsets(struct layout *l, struct value_builder *b)
{
	unsigned long at[NTABLES];
	char key[64];
	size_t i, t;

	l->text_at = xcalloc(l->n * NTABLES, sizeof(*l->text_at));
	for (t = 0; t < NTABLES; t++)
		at[t] = 1;
	for (i = 0; i < l->n; i++) {
		const struct value *st = value_item(l->statuses, i);

		for (t = 0; t < NTABLES; t++) {
			if (!has_text(&text_tables[t], st))
				continue;
			l->text_at[i * NTABLES + t] = at[t];
			offset_seen(l, at[t]);
			at[t] += member_size(l, &text_tables[t], st);
		}
	}
	for (t = 0; t < NTABLES; t++) {
		table_key(key, sizeof(key), &text_tables[t], "bytes");
		value_builder_put(b, key, int_value(at[t]));
	}
}

/* {code, row, reason_size, reason_at, ...} per status, in code order. */
static struct value
build_sizes(struct layout *l)
{
	struct value *items = xcalloc(l->n + 1, sizeof(*items)), v;
	struct value_builder e;
	/* Each table's keys, spelt once for every status. */
	char size_key[NTABLES][64], at_key[NTABLES][64], known_key[NTABLES][64];
	size_t i, t;

	for (t = 0; t < NTABLES; t++) {
		table_key(size_key[t], sizeof(size_key[t]), &text_tables[t],
		    "size");
		table_key(at_key[t], sizeof(at_key[t]), &text_tables[t], "at");
		table_key(known_key[t], sizeof(known_key[t]), &text_tables[t],
		    "known");
	}
	value_builder_init(&e, l->arena);
	for (i = 0; i < l->n; i++) {
		const struct value *st = value_item(l->statuses, i);

		value_builder_put(&e, "code", *get(st, "code"));
		value_builder_put(&e, "row", int_value(i + 1));
		for (t = 0; t < NTABLES; t++) {
			value_builder_put(&e, size_key[t], int_value(member_size(
			    l, &text_tables[t], st)));
			value_builder_put(&e, at_key[t], int_value(
			    l->text_at[i * NTABLES + t]));
			if (!text_tables[t].optional)
				continue;
			value_builder_put(&e, known_key[t], value_make_bool(has_text(
			    &text_tables[t], st), NULL));
			if (has_text(&text_tables[t], st))
				value_builder_put(&e, text_tables[t].key,
				    *get(st, text_tables[t].key));
		}
		items[i] = value_builder_finish(&e, NULL);
	}
	v = seq(l->arena, items, l->n);
	free(items);
	return v;
}

/*
 * Puts rows_from_0, a row entry {code, known} for every code from 0 to
 * the last status, and end, the last status plus 1, into b: a table
 * indexed by the code itself needs one bounds check, as a bare array does.
 */
static void
put_rows_from_0(struct layout *l, struct value_builder *b)
{
	struct value *entries = xcalloc(l->last + 1, sizeof(*entries));
	struct value_builder e;
	unsigned long code;

	value_builder_init(&e, l->arena);
	for (code = 0; code <= l->last; code++) {
		value_builder_put(&e, "code", int_value(code));
		value_builder_put(&e, "known", value_make_bool(code >= l->first &&
		    l->by_code[code - l->first] != NULL, NULL));
		entries[code] = value_builder_finish(&e, NULL);
	}
	value_builder_put(b, "rows_from_0", rows_of(l->arena, entries,
	    l->last + 1, CODES_PER_ROW, "code", 0, CODES_PER_ROW));
	value_builder_put(b, "end", int_value(l->last + 1));
	free(entries);
}

/*
 * Puts the per-code rows of offsets into b, each code with its row: 0
 * for a code that is no status, else 1 + its index in statuses; and
 * row_type, the smallest C type that holds a row.
 */
static void
put_offsets(struct layout *l, struct value_builder *b)
{
	struct value *entries = xcalloc(l->span, sizeof(*entries));
	unsigned long code;
	struct value_builder e;
	char at_key[NTABLES][64];	/* spelt once for every code */
	size_t t, row = 0;

	for (t = 0; t < NTABLES; t++)
		table_key(at_key[t], sizeof(at_key[t]), &text_tables[t], "at");
	value_builder_init(&e, l->arena);
	for (code = l->first; code <= l->last; code++) {
		const struct value *st = l->by_code[code - l->first];

		value_builder_put(&e, "code", int_value(code));
		value_builder_put(&e, "known", value_make_bool(st != NULL,
		    NULL));
		row += st != NULL;
		value_builder_put(&e, "row", int_value(st != NULL ? row : 0));
		for (t = 0; t < NTABLES; t++)
			value_builder_put(&e, at_key[t], int_value(st == NULL ?
			    0 : l->text_at[(row - 1) * NTABLES + t]));
		entries[code - l->first] = value_builder_finish(&e, NULL);
	}
	value_builder_put(b, "rows", rows_of(l->arena, entries, l->span,
	    CODES_PER_ROW, "code", l->first, CODES_PER_ROW));
	value_builder_put(b, "row_type", str(l->arena, c_type_for(l->n)));
	free(entries);
	put_rows_from_0(l, b);
}

/* The widest line of a predicate's help in the header's comments. */
#define HELP_WIDTH	68

/* The words of text in lines of at most width bytes (a longer word has a
 * line of its own), so that a doc comment of the header stays narrow. */
static struct value
wrapped(struct arena *a, const char *text, size_t width)
{
	struct value *lines = NULL;
	size_t n = 0, cap = 0, start, end, next;
	struct value v;

	for (start = 0; text[start] != '\0'; start = next) {
		end = start;
		next = start;
		while (text[next] != '\0') {
			size_t w = next;

			while (text[w] != '\0' && text[w] != ' ')
				w++;
			if (end > start && w - start > width)
				break;
			end = w;
			next = text[w] == ' ' ? w + 1 : w;
		}
		lines = xgrow(lines, &cap, n + 1, sizeof(*lines));
		lines[n++] = value_make_string(a, text + start, end - start,
		    NULL);
	}
	v = seq(a, lines, n);
	free(lines);
	return v;
}

/* When is_NAME of p returns 1, as the end of a sentence "1 when ...". */
static struct value
predicate_returns(struct arena *a, const struct cnames_predicate *p,
    struct buf *t)
{
	buf_clear(t);
	if (strcmp(p->name, "known") == 0)
		buf_puts(t, "code is a status of the table");
	else if (p->field == NULL)
		buf_printf(t, "the table sets `%s` on code", p->name);
	else
		buf_printf(t, "the `%s` of code is `%s`", p->field, p->name);
	return str(a, buf_cstr(t));
}

/* A status has predicate name when the boolean of that name is true. */
static int
has_predicate(const struct value *status, const char *name)
{
	const struct value *v;

	/* The first byte first: this runs per code and predicate. */
	if (name[0] == 'k' && strcmp(name, "known") == 0)
		return 1;
	v = get(status, name);
	return v != NULL && v->kind == VALUE_BOOL && v->u.boolean;
}

/* A bitset over first..first+span-1 for each predicate: bit (code - first)
 * % 8 of byte (code - first) / 8. */
static struct value
build_predicates(struct layout *l)
{
	size_t nbytes = (l->span + 7) / 8, np = l->names.npredicates, i, j;
	const struct cnames_predicate *names = l->names.predicates;
	struct value *preds = xcalloc(np, sizeof(*preds));
	struct value *bytes = xcalloc(nbytes + 1, sizeof(*bytes)), v;
	struct value_builder p, e;
	struct buf t;
	char hex[8];

	buf_init(&t);
	value_builder_init(&p, l->arena);
	value_builder_init(&e, l->arena);
	for (i = 0; i < np; i++) {
		for (j = 0; j < nbytes; j++) {
			unsigned byte = 0, bit;

			for (bit = 0; bit < 8 && j * 8 + bit < l->span; bit++)
				if (l->by_code[j * 8 + bit] != NULL &&
				    has_predicate(l->by_code[j * 8 + bit],
				    names[i].name))
					byte |= 1u << bit;
			hex[0] = '0';
			hex[1] = 'x';
			hex[2] = "0123456789abcdef"[byte >> 4];
			hex[3] = "0123456789abcdef"[byte & 15];
			hex[4] = '\0';
			value_builder_put(&e, "byte", str(l->arena, hex));
			bytes[j] = value_builder_finish(&e, NULL);
		}
		value_builder_put(&p, "name", str(l->arena, names[i].name));
		value_builder_put(&p, "help", wrapped(l->arena, names[i].help,
		    HELP_WIDTH));
		value_builder_put(&p, "returns", predicate_returns(l->arena,
		    &names[i], &t));
		value_builder_put(&p, "rows", rows_of(l->arena, bytes, nbytes,
		    BYTES_PER_ROW, "code", l->first, BYTES_PER_ROW * 8));
		preds[i] = value_builder_finish(&p, NULL);
	}
	v = seq(l->arena, preds, np);
	buf_free(&t);
	free(preds);
	free(bytes);
	return v;
}

/*
 * The flags of the full X-macro: a bit per predicate but known, each
 * {name, upper, bit}; and per status in code order {code, ident, reason,
 * class, flags}, flags the or of its bits' macros ("0" for none).
 */
static void
put_flags(struct layout *l, struct value_builder *b)
{
	size_t np = l->names.npredicates, i, j;
	const struct cnames_predicate *names = l->names.predicates;
	struct value *flags = xcalloc(np, sizeof(*flags));
	struct value *rows = xcalloc(l->n + 1, sizeof(*rows));
	struct value_builder e;
	struct buf t;

	buf_init(&t);
	value_builder_init(&e, l->arena);
	for (i = 1; i < np; i++) {
		buf_clear(&t);
		text_upper(names[i].name, strlen(names[i].name), &t);
		value_builder_put(&e, "name", str(l->arena, names[i].name));
		value_builder_put(&e, "upper", str(l->arena, buf_cstr(&t)));
		buf_clear(&t);
		cnames_spell(&l->names, &t, CNAMES_FLAG,
				    names[i].name,
		    strlen(names[i].name));
		value_builder_put(&e, "macro", str(l->arena, buf_cstr(&t)));
		buf_clear(&t);
		buf_printf(&t, "0x%04lxU", 1UL << (i - 1));
		value_builder_put(&e, "bit", str(l->arena, buf_cstr(&t)));
		flags[i - 1] = value_builder_finish(&e, NULL);
	}
	for (j = 0; j < l->n; j++) {
		const struct value *st = value_item(l->statuses, j);

		buf_clear(&t);
		for (i = 1; i < np; i++)
			if (has_predicate(st, names[i].name)) {
				if (t.len > 0)
					buf_puts(&t, " | ");
				cnames_spell(&l->names, &t, CNAMES_FLAG,
				    names[i].name, strlen(names[i].name));
			}
		value_builder_put(&e, "code", *get(st, "code"));
		value_builder_put(&e, "ident", *get(st, "ident"));
		value_builder_put(&e, "reason", *get(st, "reason"));
		value_builder_put(&e, "class", int_value((unsigned long)
		    code_of(st) / 100));
		value_builder_put(&e, "flags", str(l->arena, t.len > 0 ?
		    buf_cstr(&t) : "0"));
		rows[j] = value_builder_finish(&e, NULL);
	}
	value_builder_put(b, "flags", seq(l->arena, flags, np - 1));
	value_builder_put(b, "full_list", seq(l->arena, rows, l->n));
	buf_free(&t);
	free(flags);
	free(rows);
}

/* The class of that number, and its index among the model's classes. */
static const struct value *
find_class(const struct layout *l, long long number, size_t *index)
{
	size_t i;

	for (i = 0; i < value_len(l->classes); i++)
		if (get(value_item(l->classes, i), "class")->u.integer ==
		    number) {
			*index = i;
			return value_item(l->classes, i);
		}
	return NULL;
}

/*
 * The names of known class k, the index-th of the model's: name, summary,
 * ident, enumerator, predicate (ident in lower case), and old_enumerator
 * when it keeps the name of 0.1.0 (cnames.h), which the header keeps as a
 * deprecated macro for one release.
 */
static void
put_class_names(struct layout *l, struct value_builder *e,
    const struct value *k, size_t index, struct buf *t)
{
	const struct value *ident = get(k, "ident");
	struct buf old;

	value_builder_put(e, "name", *get(k, "name"));
	value_builder_put(e, "summary", *get(k, "summary"));
	value_builder_put(e, "ident", *ident);
	buf_clear(t);
	cnames_spell(&l->names, t, CNAMES_CLASS, value_str(ident),
	    value_strlen(ident));
	value_builder_put(e, "enumerator", str(l->arena, buf_cstr(t)));
	buf_clear(t);
	text_lower(value_str(ident), value_strlen(ident), t);
	value_builder_put(e, "predicate", str(l->arena, buf_cstr(t)));
	if (!l->names.old_class[index]) {
		/* There, so that a template can test for it in strict mode. */
		value_builder_put(e, "old_enumerator", value_make_bool(0, NULL));
		return;
	}
	buf_init(&old);
	cnames_class_old_ident(k, &old);
	buf_clear(t);
	cnames_spell(&l->names, t, CNAMES_CLASS, old.data, old.len);
	value_builder_put(e, "old_enumerator", str(l->arena, buf_cstr(t)));
	buf_free(&old);
	l->old_class_idents = 1;
}

/*
 * The class names as one string table, and their summaries as another:
 * an empty string at offset 0, then each class's text in class order.
 * Returns the entries for classes 0..max_class (clayout.h lists their
 * keys) and sets *bytes and *summary_bytes to the tables' sizes.
 */
static struct value
build_class_names(struct layout *l, unsigned long *bytes,
    unsigned long *summary_bytes, struct value *known)
{
	struct value *items = xcalloc((size_t)l->max_class + 1,
	    sizeof(*items)), v;
	struct value *kept = xcalloc((size_t)l->max_class + 1, sizeof(*kept));
	size_t nknown = 0;
	unsigned long at = 1, size, summary_at = 1;
	struct value_builder e;
	long long number;
	struct buf lower;

	buf_init(&lower);
	value_builder_init(&e, l->arena);
	for (number = 0; number <= l->max_class; number++) {
		size_t index = 0;
		const struct value *k = find_class(l, number, &index);
		const struct value *name = k ? get(k, "name") : NULL;

		const struct value *summary = k ? get(k, "summary") : NULL;

		size = name ? (unsigned long)value_strlen(name) + 1 : 0;
		value_builder_put(&e, "class", int_value((unsigned long)number));
		value_builder_put(&e, "known", value_make_bool(k != NULL,
		    NULL));
		value_builder_put(&e, "name_at", int_value(k ? at : 0));
		value_builder_put(&e, "name_size", int_value(size));
		value_builder_put(&e, "summary_at", int_value(k ?
		    summary_at : 0));
		value_builder_put(&e, "summary_size", int_value(summary ?
		    (unsigned long)value_strlen(summary) + 1 : 0));
		if (summary != NULL) {
			offset_seen(l, summary_at);
			summary_at += (unsigned long)value_strlen(summary) + 1;
		}
		if (k != NULL)
			put_class_names(l, &e, k, index, &lower);
		at += size;
		items[number] = value_builder_finish(&e, NULL);
		if (k != NULL)
			kept[nknown++] = items[number];
	}
	buf_free(&lower);
	*bytes = at;
	*summary_bytes = summary_at;
	v = seq(l->arena, items, (size_t)l->max_class + 1);
	*known = seq(l->arena, kept, nknown);
	free(kept);
	free(items);
	return v;
}

/*
 * The status lines "404 Not Found" of every code min_code..max_code, a
 * code that is no status giving "NNN " (HTTP allows an empty reason), as a
 * string table whose members follow each other without a gap: a line's
 * length is the next one's offset minus its own, minus the NUL. Puts
 * lines, line_rows (max_code - min_code + 2 offsets, the last the end),
 * line_len_rows (the length of every code from 0, 0 for one that has no
 * line), line_bytes, line_first, line_span, line_end (max_code + 1) and
 * line_reason into b.
 */
static void
put_lines(struct layout *l, struct value_builder *b)
{
	unsigned long n = l->max_code - l->min_code + 1, i, at = 1;
	struct value *lines = xcalloc(n, sizeof(*lines));
	struct value *ats = xcalloc(n + 1, sizeof(*ats));
	struct value *lens = xcalloc(l->min_code + n, sizeof(*lens));
	unsigned long longest = 0;
	/* A builder per shape, so that each shares its keys (value.h). */
	struct value_builder e, ea, el;
	struct value number;
	struct buf line;

	buf_init(&line);
	value_builder_init(&e, l->arena);
	value_builder_init(&ea, l->arena);
	value_builder_init(&el, l->arena);
	for (i = 0; i < l->min_code; i++) {
		value_builder_put(&el, "len", int_value(0));
		lens[i] = value_builder_finish(&el, NULL);
	}
	for (i = 0; i < n; i++) {
		unsigned long code = l->min_code + i;
		const struct value *st = code >= l->first && code <= l->last ?
		    l->by_code[code - l->first] : NULL;

		buf_clear(&line);
		number = int_value(code);
		(void)value_format(&number, &line);
		buf_putc(&line, ' ');
		if (st != NULL)
			buf_append(&line, value_str(get(st, "reason")),
			    value_strlen(get(st, "reason")));
		value_builder_put(&e, "code", int_value(code));
		value_builder_put(&e, "size", int_value(line.len + 1));
		value_builder_put(&e, "text", value_make_string(l->arena,
		    line.data, line.len, NULL));
		lines[i] = value_builder_finish(&e, NULL);
		value_builder_put(&ea, "at", int_value(at));
		ats[i] = value_builder_finish(&ea, NULL);
		value_builder_put(&el, "len", int_value(line.len));
		lens[l->min_code + i] = value_builder_finish(&el, NULL);
		if (line.len > longest)
			longest = line.len;
		at += line.len + 1;
	}
	value_builder_put(&ea, "at", int_value(at));
	ats[n] = value_builder_finish(&ea, NULL);
	value_builder_put(b, "line_len_rows", rows_of(l->arena, lens,
	    l->min_code + n, CODES_PER_ROW, "code", 0, CODES_PER_ROW));
	value_builder_put(b, "line_len_type", str(l->arena,
	    c_type_for(longest)));
	offset_seen(l, at);
	value_builder_put(b, "lines", seq(l->arena, lines, n));
	value_builder_put(b, "line_rows", rows_of(l->arena, ats, n + 1,
	    CODES_PER_ROW, "code", l->min_code, CODES_PER_ROW));
	value_builder_put(b, "line_bytes", int_value(at));

	value_builder_put(b, "line_first", int_value(l->min_code));
	value_builder_put(b, "line_span", int_value(n));
	value_builder_put(b, "line_end", int_value(l->max_code + 1));
	buf_clear(&line);
	buf_printf(&line, "%lu ", l->max_code);
	value_builder_put(b, "line_reason", int_value(line.len));
	buf_free(&line);
	free(lines);
	free(ats);
	free(lens);
}

/*
 * The aliases of every status in code order as a string table laid out
 * as the others; alias_first gives, for each code of the span and one
 * past it, the index of its first alias, so that code's aliases are
 * alias_first[i]..alias_first[i + 1] - 1. Puts aliases ({code, text,
 * size, at}), alias_rows, alias_bytes and alias_type into b.
 */
static void
put_aliases(struct layout *l, struct value_builder *b)
{
	struct value *items = NULL, *firsts = xcalloc(l->span + 1,
	    sizeof(*firsts)), *by_row = xcalloc(l->n + 2, sizeof(*by_row));
	size_t n = 0, cap = 0, i, j, nrows = 1;
	unsigned long at = 1;
	struct value_builder e;

	value_builder_init(&e, l->arena);
	for (i = 0; i <= l->span; i++) {
		const struct value *st = i < l->span ? l->by_code[i] : NULL;
		const struct value *v = st ? get(st, "aliases") : NULL;
		size_t na = v && v->kind == VALUE_SEQ ? value_len(v) : 0;

		value_builder_put(&e, "first", int_value(n));
		firsts[i] = value_builder_finish(&e, NULL);
		if (st != NULL || i == l->span) {
			value_builder_put(&e, "first", int_value(n));
			by_row[nrows++] = value_builder_finish(&e, NULL);
		}
		for (j = 0; j < na; j++) {
			const struct value *a = value_item(v, j);

			value_builder_put(&e, "code", *get(st, "code"));
			value_builder_put(&e, "text", *a);
			value_builder_put(&e, "size", int_value(
			    value_strlen(a) + 1));
			value_builder_put(&e, "at", int_value(at));
			offset_seen(l, at);
			at += (unsigned long)value_strlen(a) + 1;
			items = xgrow(items, &cap, n + 1, sizeof(*items));
			items[n++] = value_builder_finish(&e, NULL);
		}
	}
	value_builder_put(b, "aliases", seq(l->arena, items, n));
	value_builder_put(b, "alias_rows", rows_of(l->arena, firsts,
	    l->span + 1, CODES_PER_ROW, "code", l->first, CODES_PER_ROW));
	/* Row 0, of a code that is no status, has none: 0..0. */
	value_builder_put(&e, "first", int_value(0));
	by_row[0] = value_builder_finish(&e, NULL);
	value_builder_put(b, "alias_row_rows", rows_of(l->arena, by_row,
	    nrows, CODES_PER_ROW, "row", 0, CODES_PER_ROW));
	value_builder_put(b, "alias_bytes", int_value(at));
	value_builder_put(b, "alias_type", str(l->arena, c_type_for(n)));
	free(items);
	free(firsts);
	free(by_row);
}

/*
 * Puts enumerators, those of enum http_status in code order: each
 * status's {enumerator, code, status} and after it each of its aliases
 * that gives an enumerator (cnames.h), {enumerator, code, alias,
 * alias_of (the status's enumerator)}; and alias_enumerators, the
 * aliases' alone as {code, ident, alias}.
 */
static void
put_enumerators(struct layout *l, struct value_builder *b)
{
	const struct cnames *n = &l->names;
	struct value *items = xcalloc(l->n + n->naliases + 1, sizeof(*items));
	struct value *aliases = xcalloc(n->naliases + 1, sizeof(*aliases));
	struct value_builder e;
	struct buf t, of;
	size_t i, k = 0, count = 0;

	buf_init(&t);
	buf_init(&of);
	value_builder_init(&e, l->arena);
	for (i = 0; i < l->n; i++) {
		const struct value *st = value_item(l->statuses, i);
		const struct value *ident = get(st, "ident");

		buf_clear(&of);
		cnames_spell(&l->names, &of, CNAMES_ENUMERATOR, value_str(ident),
		    value_strlen(ident));
		value_builder_put(&e, "enumerator", str(l->arena,
		    buf_cstr(&of)));
		value_builder_put(&e, "code", *get(st, "code"));
		value_builder_put(&e, "status", *st);
		/* An entry has every key, so that strict names find them in a
		 * table without aliases too. */
		value_builder_put(&e, "alias", value_make_bool(0, NULL));
		value_builder_put(&e, "alias_of", value_make_bool(0, NULL));
		items[count++] = value_builder_finish(&e, NULL);
		for (; k < n->naliases && n->aliases[k].status == st; k++) {
			buf_clear(&t);
			cnames_spell(&l->names, &t, CNAMES_ENUMERATOR,
			    n->aliases[k].ident, strlen(n->aliases[k].ident));
			value_builder_put(&e, "enumerator", str(l->arena,
			    buf_cstr(&t)));
			value_builder_put(&e, "code", *get(st, "code"));
			value_builder_put(&e, "alias", *n->aliases[k].alias);
			value_builder_put(&e, "alias_of", str(l->arena,
			    buf_cstr(&of)));
			items[count++] = value_builder_finish(&e, NULL);
			value_builder_put(&e, "code", *get(st, "code"));
			value_builder_put(&e, "ident", str(l->arena,
			    n->aliases[k].ident));
			value_builder_put(&e, "alias", *n->aliases[k].alias);
			aliases[k] = value_builder_finish(&e, NULL);
		}
	}
	value_builder_put(b, "enumerators", seq(l->arena, items, count));
	value_builder_put(b, "alias_enumerators", seq(l->arena, aliases,
	    n->naliases));
	buf_free(&t);
	buf_free(&of);
	free(items);
	free(aliases);
}

/* The header's own macros by key: {guard: "HTTP_STATUS_H", ...}. */
static struct value
build_macros(struct layout *l)
{
	size_t n, i;
	const struct cnames_macro *m = cnames_macros(&n);
	struct value_builder b;
	struct buf t;

	buf_init(&t);
	value_builder_init(&b, l->arena);
	for (i = 0; i < n; i++) {
		buf_clear(&t);
		cnames_spell(&l->names, &t, CNAMES_MACRO, m[i].name, strlen(m[i].name));
		value_builder_put(&b, m[i].key, str(l->arena, buf_cstr(&t)));
	}
	buf_free(&t);
	return value_builder_finish(&b, NULL);
}

static struct value
build_lookup(struct layout *l)
{
	struct value reverse, classes, known;
	struct value_builder b;
	unsigned long class_bytes, summary_bytes;

	value_builder_init(&b, l->arena);
	value_builder_put(&b, "name_prefix", str(l->arena, l->names.upper));
	value_builder_put(&b, "macro", build_macros(l));
	put_enumerators(l, &b);
	value_builder_put(&b, "first", int_value(l->first));
	value_builder_put(&b, "last", int_value(l->last));
	value_builder_put(&b, "span", int_value(l->span));
	text_offsets(l, &b);
	value_builder_put(&b, "statuses", build_sizes(l));
	put_offsets(l, &b);
	put_lines(l, &b);
	put_aliases(l, &b);
	put_flags(l, &b);
	value_builder_put(&b, "predicates", build_predicates(l));
	reverse = build_hash(l, l->phrases, l->nphrases, "phrase", 0);
	value_builder_put(&b, "by_name", build_by_name(l));
	classes = build_class_names(l, &class_bytes, &summary_bytes, &known);
	offset_seen(l, class_bytes);
	offset_seen(l, summary_bytes);
	value_builder_put(&b, "classes", classes);
	value_builder_put(&b, "known_classes", known);
	value_builder_put(&b, "old_class_idents", value_make_bool(
	    l->old_class_idents, NULL));
	value_builder_put(&b, "class_bytes", int_value(class_bytes));
	value_builder_put(&b, "class_summary_bytes", int_value(summary_bytes));
	value_builder_put(&b, "class_span", int_value((unsigned long)
	    l->max_class + 1));
	value_builder_put(&b, "reverse", reverse);
	/* Last: every offset is known now. */
	value_builder_put(&b, "offset_type", str(l->arena,
	    c_type_for(l->max_offset)));
	return value_builder_finish(&b, NULL);
}

/* ---------------------------------------------------------------- */
/* The whole layout                                                 */
/* ---------------------------------------------------------------- */

/* Reads what the layout needs from model; -1 after reporting when model
 * is not a context that model_build() made. */
static int
read_model(struct layout *l, const struct value *model, struct diag *d)
{
	const struct value *max_code = get(model, "max_code");
	const struct value *min_code = get(model, "min_code");
	size_t i;

	l->statuses = get(model, "statuses");
	l->classes = get(model, "classes");
	if (l->statuses == NULL || l->statuses->kind != VALUE_SEQ ||
	    value_len(l->statuses) == 0 || l->classes == NULL ||
	    l->classes->kind != VALUE_SEQ || max_code == NULL ||
	    max_code->kind != VALUE_INT || min_code == NULL ||
	    min_code->kind != VALUE_INT || min_code->u.integer < 0 ||
	    max_code->u.integer < min_code->u.integer) {
		diag_error(d, NULL, "cannot lay out the C tables: the context "
		    "has no statuses, classes, min_code or max_code");
		return -1;
	}
	l->n = value_len(l->statuses);
	l->max_class = max_code->u.integer / 100;
	l->min_code = (unsigned long)min_code->u.integer;
	l->max_code = (unsigned long)max_code->u.integer;
	l->first = (unsigned long)code_of(value_item(l->statuses, 0));
	l->last = (unsigned long)code_of(value_item(l->statuses, l->n - 1));
	l->span = l->last - l->first + 1;
	l->by_code = xcalloc(l->span, sizeof(*l->by_code));
	for (i = 0; i < l->n; i++) {
		const struct value *st = value_item(l->statuses, i);

		l->by_code[code_of(st) - (long long)l->first] = st;
	}
	return 0;
}

int
clayout_check_prefix(const char *s, const struct srcpos *at, struct diag *d)
{
	size_t len = strlen(s), i;

	for (i = 0; i < len; i++)
		if (!(s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (i > 0 && s[i] >= '0' && s[i] <= '9')))
			break;
	if (len == 0 || i < len || len > MAX_PREFIX || s[0] == '_') {
		diag_error(d, at, "the %s must be a C identifier of at most "
		    "%d characters, not starting with '_' (letters, digits "
		    "and '_', as in %s)", CLAYOUT_PREFIX_KEY, MAX_PREFIX,
		    CLAYOUT_PREFIX_DEFAULT);
		return -1;
	}
	if (cnames_check_prefix(s, at, d) != 0)
		return -1;
	return 0;
}

/* The upper case of s, in arena. */
static const char *
upper_case(const char *s, struct arena *arena)
{
	const char *upper;
	struct buf b;

	buf_init(&b);
	text_upper(s, strlen(s), &b);
	upper = arena_strndup(arena, b.data, b.len);
	buf_free(&b);
	return upper;
}

int
clayout_build(const struct value *model, const struct clayout_options *opt,
    struct arena *arena, struct diag *d, struct value **context)
{
	static const struct clayout_options defaults = {
		CLAYOUT_PREFIX_DEFAULT, { NULL, 0, 0 }
	};
	struct layout l;
	struct value_builder root;
	struct srcpos pos = value_pos(model, NULL);
	const struct value *source;
	struct value node;
	const char *upper;
	size_t i;

	*context = NULL;
	memset(&l, 0, sizeof(l));
	l.arena = arena;
	if (opt == NULL)
		opt = &defaults;
	if (clayout_check_prefix(opt->prefix, &opt->prefix_at, d) != 0 ||
	    read_model(&l, model, d) != 0)
		return -1;
	upper = upper_case(opt->prefix, arena);
	source = get(model, "source");
	if (cnames_build(&l.names, model, source != NULL && source->kind ==
	    VALUE_STRING ? value_str(source) : NULL, opt->prefix, d) != 0) {
		cnames_free(&l.names);
		free(l.by_code);
		return -1;
	}
	collect_phrases(&l);
	value_builder_init(&root, arena);
	for (i = 0; i < value_len(model); i++)
		value_builder_put_pair(&root, value_pair(model, i));
	value_builder_put(&root, CLAYOUT_PREFIX_KEY, str(arena, opt->prefix));
	value_builder_put(&root, "PREFIX", str(arena, upper));
	value_builder_put(&root, "phrase_lengths", build_phrase_lengths(&l));
	value_builder_put(&root, "lookup", build_lookup(&l));
	node = value_builder_finish(&root, &pos);
	*context = value_box(arena, &node);
	cnames_free(&l.names);
	free(l.by_code);
	free(l.phrases);
	free(l.text_at);
	return 0;
}
