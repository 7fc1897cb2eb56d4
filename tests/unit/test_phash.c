/*
 * Unit tests for the perfect hash: on the shipped phrases and on generated
 * sets, every phrase is found where the generated lookup looks for it and
 * no slot holds more than promised; and both fallbacks (keys that cannot
 * all differ, more keys than the largest table has slots) still give a
 * hash that finds every phrase.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "phash.h"
#include "tap.h"
#include "text.h"
#include "value.h"
#include "xalloc.h"
#include "yload.h"

/* A set of phrases, their bytes kept in one buffer. */
struct set {
	struct phash_phrase	*p;
	size_t			 n, cap;
	struct buf		 bytes;
	size_t			*at;	/* each phrase's offset in bytes */
	size_t			 atcap;
};

static void
set_add(struct set *s, const char *bytes, size_t len)
{
	s->p = xgrow(s->p, &s->cap, s->n + 1, sizeof(*s->p));
	s->at = xgrow(s->at, &s->atcap, s->n + 1, sizeof(*s->at));
	s->at[s->n] = s->bytes.len;
	s->p[s->n++].len = len;
	buf_append(&s->bytes, bytes, len);
}

/* The phrases point into bytes only once it stops growing. */
static void
set_seal(struct set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		s->p[i].bytes = s->bytes.data + s->at[i];
}

static void
set_free(struct set *s)
{
	free(s->p);
	free(s->at);
	buf_free(&s->bytes);
	memset(s, 0, sizeof(*s));
}

/* The slot of s[0..len) as the generated C computes it (the template's
 * code, in unsigned long), independently of phash_key(). */
static size_t
generated_slot(const struct phash *h, const char *s, size_t len)
{
	unsigned long key = (unsigned long)len;
	size_t i, at;

	for (i = 0; i < h->nkeys; i++) {
		const struct phash_key *k = &h->keys[i];

		at = k->from == PHASH_FROM_START ? k->index :
		    k->from == PHASH_FROM_END ? len - k->index :
		    (len - k->index) / 2;
		key |= (unsigned long)((unsigned char)s[at] | 0x20) <<
		    (8 * (i + 1));
	}
	return (size_t)(((key * h->multiplier) & 0xFFFFFFFFUL) >> h->shift);
}

/*
 * Checks h against the set: the slot table is in order and covers every
 * phrase once, each phrase is in the slot the generated code computes, and
 * most is the count of the fullest slot, and at most bound when bound is
 * not 0.
 */
static void
check_hash(const char *what, const struct set *s, const struct phash *h,
    size_t bound)
{
	size_t i, j, slot, fullest = 0, found = 0, seen_ok = 1;
	char *seen = xcalloc(s->n + 1, 1);

	for (i = 0; i < h->nslots; i++) {
		if (h->first[i + 1] < h->first[i])
			break;
		if (h->first[i + 1] - h->first[i] > fullest)
			fullest = h->first[i + 1] - h->first[i];
	}
	TAP_CHECK(i == h->nslots && h->first[0] == 0 &&
	    h->first[h->nslots] == s->n, "%s: the slot table is in order "
	    "and holds %zu phrases", what, s->n);
	for (i = 0; i < s->n; i++) {
		if (h->order[i] >= s->n || seen[h->order[i]])
			seen_ok = 0;
		else
			seen[h->order[i]] = 1;
	}
	TAP_CHECK(seen_ok, "%s: every phrase is in one slot", what);
	for (i = 0; i < s->n && seen_ok; i++) {
		slot = generated_slot(h, s->p[i].bytes, s->p[i].len);
		if (slot != phash_slot(h, phash_key(h, s->p[i].bytes,
		    s->p[i].len)))
			break;
		for (j = h->first[slot]; j < h->first[slot + 1]; j++)
			if (h->order[j] == i)
				break;
		found += j < h->first[slot + 1];
	}
	TAP_CHECK(found == s->n, "%s: the generated lookup finds every "
	    "phrase (%zu of %zu)", what, found, s->n);
	TAP_CHECK(fullest == h->most && (!bound || h->most <= bound),
	    "%s: no slot holds more than %zu phrases (at most %zu wanted)",
	    what, h->most, bound);
	free(seen);
}

/* Seals s, hashes it into h (the caller frees it) and checks the hash. */
static void
hash_checked(const char *what, struct set *s, struct phash *h, size_t bound)
{
	set_seal(s);
	phash_build(h, s->p, s->n);
	check_hash(what, s, h, bound);
}

/* A tiny deterministic generator, so that every run tests the same sets. */
static unsigned long
next(unsigned long *state)
{
	*state = *state * 6364136223846793005UL + 1442695040888963407UL;
	return (*state >> 33) & 0x7fffffffUL;
}

/* ---------------------------------------------------------------- */
/* The cases                                                        */
/* ---------------------------------------------------------------- */

/* Every reason and alias of the shipped table, in upper case. */
static void
test_shipped(void)
{
	struct arena arena;
	struct value *doc;
	const struct value *statuses, *aliases;
	struct set s = { 0 };
	struct phash h;
	struct diag d;
	struct buf up;
	size_t i, j;

	arena_init(&arena);
	diag_init(&d, stderr);
	buf_init(&up);
	if (!TAP_CHECK(yload_file("data/http_status.yaml", NULL, &arena, &d,
	    &doc) == 0, "the shipped table loads (run from the repository's "
	    "root)"))
		return;
	statuses = value_map_getz(doc, "statuses");
	for (i = 0; i < value_len(statuses); i++) {
		const struct value *st = value_item(statuses, i);

		aliases = value_map_getz(st, "aliases");
		for (j = 0; j <= (aliases ? value_len(aliases) : 0); j++) {
			const struct value *v = j == 0 ?
			    value_map_getz(st, "reason") :
			    value_item(aliases, j - 1);

			buf_clear(&up);
			text_upper(value_str(v), value_strlen(v), &up);
			set_add(&s, up.data, up.len);
		}
	}
	/*
	 * Two slots hold two phrases: "Request-URI Too Long" and "Request URI
	 * Too Long", and "Retry With" and "Reply With", whose lengths match
	 * and who differ only in bytes beyond the reach of a key that every
	 * phrase, "OK" included, has. Each pair names one code.
	 */
	hash_checked("shipped phrases", &s, &h, 2);
	phash_free(&h);
	buf_free(&up);
	set_free(&s);
	arena_free(&arena);
}

/* n distinct random phrases of min..max bytes (letters, space, digits). */
static void
random_set(struct set *s, size_t n, size_t min, size_t max,
    unsigned long seed)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ -'0123";
	char word[512];
	size_t i, len, k;

	for (i = 0; i < n; i++) {
		len = min + next(&seed) % (max - min + 1);
		for (k = 0; k < len; k++)
			word[k] = alphabet[next(&seed) % (sizeof(alphabet) - 1)];
		/* The index in the middle keeps the phrases distinct. */
		snprintf(word + len / 2, sizeof(word) - len / 2, "%zu", i);
		set_add(s, word, strlen(word));
	}
}

static void
test_generated(void)
{
	static const struct {
		size_t		n, min, max;
	} cases[] = {
		{ 1, 1, 1 }, { 2, 1, 3 }, { 10, 1, 8 }, { 100, 2, 40 },
		{ 1000, 4, 30 }, { 5000, 10, 60 }, { 50, 256, 300 },
	};
	struct phash h, again;
	char what[64];
	size_t c;

	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct set s = { 0 };

		random_set(&s, cases[c].n, cases[c].min, cases[c].max, c + 1);
		snprintf(what, sizeof(what), "%zu phrases of %zu to %zu bytes",
		    cases[c].n, cases[c].min, cases[c].max);
		hash_checked(what, &s, &h, 0);
		phash_build(&again, s.p, s.n);
		TAP_CHECK(again.multiplier == h.multiplier &&
		    again.shift == h.shift && again.nkeys == h.nkeys &&
		    memcmp(again.order, h.order, s.n * sizeof(*h.order)) == 0,
		    "%s: the same hash on a second run", what);
		phash_free(&again);
		phash_free(&h);
		set_free(&s);
	}
}

/*
 * n phrases that make only nkeys keys: they differ in their first byte
 * (nkeys ways) and otherwise only in bytes that no key position reads (far
 * from both ends and from the middle), so no choice of key bytes tells
 * more apart; the phrases of a key share a slot, and the lookup compares
 * them all.
 */
static void
test_unread(size_t n, size_t nkeys)
{
	struct set s = { 0 };
	struct phash h;
	char word[40], what[64];
	size_t i;

	for (i = 0; i < n; i++) {
		memset(word, 'Q', sizeof(word));
		word[0] = (char)('A' + i % nkeys);
		word[11] = (char)('A' + i / nkeys % 26);
		word[12] = (char)('A' + i / nkeys / 26);
		set_add(&s, word, sizeof(word));
	}
	snprintf(what, sizeof(what), "%zu phrases of %zu keys", n, nkeys);
	hash_checked(what, &s, &h, 0);
	TAP_CHECK(h.most == (n + nkeys - 1) / nkeys, "%s: the phrases of a "
	    "key share a slot (%zu a slot)", what, h.most);
	phash_free(&h);
	set_free(&s);
}

/*
 * More distinct keys than the largest table has slots: no multiplier can
 * be perfect, so the search keeps the one that crowds a slot least.
 */
static void
test_too_many_keys(void)
{
	struct set s = { 0 };
	struct phash h;
	size_t i, n = 70000;
	char word[3];

	/* Bytes that stay distinct with bit 0x20 set: 0x20..0x3f, 0x60..0x7f. */
	for (i = 0; i < n; i++) {
		word[0] = (char)(0x20 + (i % 64 < 32 ? i % 64 : i % 64 + 32));
		word[1] = (char)(0x20 + ((i / 64) % 64 < 32 ? (i / 64) % 64 :
		    (i / 64) % 64 + 32));
		word[2] = (char)(0x60 + i / 4096);
		set_add(&s, word, 3);
	}
	hash_checked("more keys than slots", &s, &h, 0);
	TAP_CHECK(h.nkeys == 3 && h.nslots == 65536 && h.most > 1,
	    "70000 distinct keys: 3 key bytes, 65536 slots, up to %zu a slot",
	    h.most);
	phash_free(&h);
	set_free(&s);
}

/*
 * A key byte more costs every lookup, so it is taken only to bring the
 * commonest key below a few phrases: 20 first letters, each starting three
 * words of length 4 that differ at their last byte, keep one key byte
 * (three a key) though two would give every word its own key; with four
 * words a letter, a second byte is taken.
 */
static void
test_crowd_enough(void)
{
	struct phash h;
	size_t per, i;
	char word[4];

	for (per = 3; per <= 4; per++) {
		struct set s = { 0 };

		for (i = 0; i < 20 * per; i++) {
			word[0] = (char)('A' + i / per);
			word[1] = word[2] = 'Q';
			word[3] = (char)('A' + i % per);
			set_add(&s, word, 4);
		}
		hash_checked(per == 3 ? "three words a first letter" :
		    "four words a first letter", &s, &h, 0);
		TAP_CHECK(h.nkeys == (per == 3 ? 1U : 2U),
		    "%zu words a first letter: %zu key bytes (want %d)", per,
		    h.nkeys, per == 3 ? 1 : 2);
		phash_free(&h);
		set_free(&s);
	}
}

int
main(void)
{
	test_shipped();
	test_generated();
	test_unread(30, 1);
	test_unread(200, 20);
	test_too_many_keys();
	test_crowd_enough();
	return tap_done();
}
