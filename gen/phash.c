/* The perfect hash of the reverse lookup: the search for key bytes and a multiplier. */
#include "phash.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define KEY_REACH	8	/* how far from either end a hashed byte may be */
#define HASH_TRIES	3072	/* multipliers tried, the same for every size */
#define HASH_MORE_BITS	4	/* table sizes tried beyond the smallest */
#define HASH_MAX_BITS	16	/* the largest table: 2^16 slots */
/* A key byte more costs every lookup a load and a few operations, and is
 * worth it only when a slot would otherwise hold more than this many
 * phrases (which the lookup tells apart by their lengths, mostly). */
#define CROWD_ENOUGH	3

/* ---------------------------------------------------------------- */
/* Keys                                                             */
/* ---------------------------------------------------------------- */

size_t
phash_key_offset(const struct phash_key *k, size_t len)
{
	switch (k->from) {
	case PHASH_FROM_START:
		return k->index;
	case PHASH_FROM_END:
		return len - k->index;
	default:
		return (len - k->index) / 2;
	}
}

/* The key as the generated code computes it: only its low 32 bits count,
 * as the code masks the product to 32 bits. */
static uint32_t
key_of(const char *s, size_t len, const struct phash_key *pos, size_t npos)
{
	uint32_t key = (uint32_t)len;
	size_t i;

	for (i = 0; i < npos; i++)
		key |= (uint32_t)((unsigned char)s[phash_key_offset(&pos[i], len)] |
		    0x20) << (8 * (i + 1));
	return key;
}

static uint32_t
slot_of(uint32_t key, uint32_t multiplier, unsigned bits)
{
	return (uint32_t)(key * multiplier) >> (32 - bits);
}

uint32_t
phash_key(const struct phash *h, const char *s, size_t len)
{
	return key_of(s, len, h->keys, h->nkeys);
}

size_t
phash_slot(const struct phash *h, uint32_t key)
{
	return (size_t)(uint32_t)(key * h->multiplier) >> h->shift;
}

/* ---------------------------------------------------------------- */
/* Counting equal keys                                              */
/* ---------------------------------------------------------------- */

/*
 * How many times the commonest of a set of keys occurs, by an open-address
 * table sized for n keys: linear in the number of keys, where sorting them
 * for every combination of key bytes was not. An entry belongs to the
 * current count when its stamp is the epoch, so no count clears the table.
 */
struct tally {
	uint32_t	*key, *count, *stamp;
	size_t		 mask;
	uint32_t	 epoch;
};

static void
tally_init(struct tally *t, size_t n)
{
	size_t size = 16;

	while (size < 2 * n)
		size *= 2;
	t->key = xcalloc(size, sizeof(*t->key));
	t->count = xcalloc(size, sizeof(*t->count));
	t->stamp = xcalloc(size, sizeof(*t->stamp));
	t->mask = size - 1;
	t->epoch = 0;
}

static void
tally_free(struct tally *t)
{
	free(t->key);
	free(t->count);
	free(t->stamp);
}

/* A mix of the bits of k (MurmurHash3's finaliser), so that keys that
 * differ in a few bits do not crowd one run of the table. */
static uint32_t
mix(uint32_t k)
{
	k ^= k >> 16;
	k *= 0x85ebca6bu;
	k ^= k >> 13;
	k *= 0xc2b2ae35u;
	k ^= k >> 16;
	return k;
}

/* The count of the commonest of keys[0..n), or limit as soon as one key
 * reaches limit: a caller that keeps only a smaller count needs no more. */
static size_t
tally_most(struct tally *t, const uint32_t *keys, size_t n, size_t limit)
{
	size_t i, j, most = 0;

	if (++t->epoch == 0) {	/* wrapped: every old stamp is stale */
		memset(t->stamp, 0, (t->mask + 1) * sizeof(*t->stamp));
		t->epoch = 1;
	}
	for (i = 0; i < n; i++) {
		for (j = mix(keys[i]) & t->mask; t->stamp[j] == t->epoch &&
		    t->key[j] != keys[i]; j = (j + 1) & t->mask)
			;
		if (t->stamp[j] != t->epoch) {
			t->stamp[j] = t->epoch;
			t->key[j] = keys[i];
			t->count[j] = 0;
		}
		if (++t->count[j] > most && (most = t->count[j]) >= limit)
			return limit;
	}
	return most;
}

/* ---------------------------------------------------------------- */
/* The search                                                       */
/* ---------------------------------------------------------------- */

/* The candidate positions, in the order they are tried: both ends inward
 * up to KEY_REACH (but not past the shortest phrase), then the middle. */
static size_t
candidates(const struct phash *h, struct phash_key *cand)
{
	size_t reach = h->min_length < KEY_REACH ? h->min_length : KEY_REACH;
	size_t i, n = 0;

	for (i = 0; i < reach; i++) {
		cand[n].from = PHASH_FROM_START;
		cand[n++].index = i;
		cand[n].from = PHASH_FROM_END;
		cand[n++].index = i + 1;
	}
	for (i = 0; i < 2 && h->min_length > 0; i++) {
		cand[n].from = PHASH_FROM_MIDDLE;
		cand[n++].index = i;
	}
	return n;
}

/* Steps idx[0..k) to the next combination of k of n in order; returns 0
 * after the last. */
static int
next_combination(size_t *idx, size_t k, size_t n)
{
	size_t i;

	for (i = k; i > 0 && idx[i - 1] == n - k + i - 1; i--)
		;
	if (i == 0)
		return 0;
	idx[i - 1]++;
	for (; i < k; i++)
		idx[i] = idx[i - 1] + 1;
	return 1;
}

/*
 * Chooses up to PHASH_MAX_KEYS byte positions, among those that every
 * phrase has: the fewest positions whose commonest key is shared by at
 * most CROWD_ENOUGH phrases, and among combinations of that many the
 * first in candidate order that gives distinct keys, else the one whose
 * commonest key is shared by the fewest phrases. The generated code
 * compares each phrase of a slot. Each candidate's byte of every phrase
 * is read once, into col, so that a combination's keys are a few ors.
 */
static void
choose_keys(struct phash *h, const struct phash_phrase *p, size_t n)
{
	struct phash_key cand[2 * KEY_REACH + 2];
	size_t ncand = candidates(h, cand), idx[PHASH_MAX_KEYS], k, i, c;
	uint32_t *keys = xcalloc(n + 1, sizeof(*keys));
	unsigned char *col = xcalloc(ncand * n + 1, sizeof(*col));
	size_t most, best = (size_t)-1;
	struct tally t;

	for (c = 0; c < ncand; c++)
		for (i = 0; i < n; i++)
			col[c * n + i] = (unsigned char)(p[i].bytes[
			    phash_key_offset(&cand[c], p[i].len)] | 0x20);
	tally_init(&t, n);
	h->nkeys = 0;
	for (k = 1; k <= PHASH_MAX_KEYS && k <= ncand && best > CROWD_ENOUGH;
	    k++) {
		for (i = 0; i < k; i++)
			idx[i] = i;
		do {
			for (i = 0; i < n; i++) {
				keys[i] = (uint32_t)p[i].len;
				for (c = 0; c < k; c++)
					keys[i] |= (uint32_t)col[idx[c] * n +
					    i] << (8 * (c + 1));
			}
			if ((most = tally_most(&t, keys, n, best)) < best) {
				best = most;
				for (c = 0; c < k; c++)
					h->keys[c] = cand[idx[c]];
				h->nkeys = k;
			}
		} while (best > 1 && next_combination(idx, k, ncand));
	}
	tally_free(&t);
	free(col);
	free(keys);
}

/* The next multiplier to try: odd, by xorshift32 from a fixed seed, so
 * that the output is the same on every run. */
static uint32_t
multiplier_at(uint32_t *rng)
{
	*rng ^= *rng << 13;
	*rng ^= *rng >> 17;
	*rng ^= *rng << 5;
	return *rng | 1;
}

/* Whether m sends the distinct keys ukeys[0..nk) to distinct slots of a
 * table of 2^(32 - shift) slots. A slot is taken when its stamp is epoch,
 * so that a try clears no table; the first collision ends the try. */
static int
perfect(const uint32_t *ukeys, size_t nk, uint32_t m, unsigned shift,
    uint16_t *stamp, uint16_t epoch)
{
	const uint32_t *end = ukeys + nk, *end4 = ukeys + (nk & ~(size_t)3);
	uint32_t s;

	/* Four keys a pass: most tries end at a collision within a few
	 * dozen keys, so the loop's own test would be a good part of it. */
#define PHASH_TAKE(k)							\
	s = (uint32_t)((k) * m) >> shift;				\
	if (stamp[s] == epoch)						\
		return 0;						\
	stamp[s] = epoch
	for (; ukeys < end4; ukeys += 4) {
		PHASH_TAKE(ukeys[0]);
		PHASH_TAKE(ukeys[1]);
		PHASH_TAKE(ukeys[2]);
		PHASH_TAKE(ukeys[3]);
	}
	for (; ukeys < end; ukeys++) {
		PHASH_TAKE(ukeys[0]);
	}
#undef PHASH_TAKE
	return 1;
}

/* One try of multiplier m at 2^bits slots, for a table where none is
 * perfect: the count of the fullest slot. count must be all zero, and
 * is left so. */
static size_t
crowding(const uint32_t *ukeys, size_t nk, uint32_t m, unsigned bits,
    uint32_t *count)
{
	size_t i, most = 0;

	for (i = 0; i < nk; i++)
		if (++count[slot_of(ukeys[i], m, bits)] > most)
			most = count[slot_of(ukeys[i], m, bits)];
	for (i = 0; i < nk; i++)
		count[slot_of(ukeys[i], m, bits)] = 0;
	return most;
}

/*
 * Finds a multiplier that sends the distinct keys ukeys[0..nk) to distinct
 * slots of the smallest table (2^bits slots) it can, among the same
 * HASH_TRIES odd multipliers for every size: the first of them that does.
 * A multiplier perfect at 2^b slots is perfect at 2^(b + 1) too (a slot
 * is the product's top bits), so the search goes down from the largest
 * size, each size starting at the multiplier that the size above took
 * (none before it can be perfect at fewer slots), and stops at the first
 * size where none is: a full scan of the multipliers only there. When
 * no size works, keeps the multiplier that crowds a slot of the largest
 * table least.
 */
static void
choose_hash(struct phash *h, const uint32_t *ukeys, size_t nk)
{
	unsigned bits = 1, top, b;
	uint32_t rng = 0x2545f491u, *mult, *keys, *count;
	uint16_t *stamp, epoch = 0;
	size_t t, from = 0, most, best = (size_t)-1;
	int found = 0;

	while (bits < HASH_MAX_BITS && ((size_t)1 << bits) < nk)
		bits++;
	top = bits + HASH_MORE_BITS > HASH_MAX_BITS ? HASH_MAX_BITS :
	    bits + HASH_MORE_BITS;
	mult = xcalloc(HASH_TRIES, sizeof(*mult));
	for (t = 0; t < HASH_TRIES; t++)
		mult[t] = multiplier_at(&rng);
	/* Shuffled from the same seed: sorted keys lie close together, and a
	 * multiplier spreads close keys apart, so that in order a try would
	 * meet its collision only late. Whether m is perfect does not depend
	 * on the order. */
	keys = xcalloc(nk + 1, sizeof(*keys));
	memcpy(keys, ukeys, nk * sizeof(*keys));
	for (t = nk; t > 1; t--) {
		size_t j = multiplier_at(&rng) % t;
		uint32_t k = keys[t - 1];

		keys[t - 1] = keys[j];
		keys[j] = k;
	}
	stamp = xcalloc((size_t)1 << top, sizeof(*stamp));
	h->multiplier = mult[0];
	for (b = top; b >= bits; b--) {
		for (t = from; t < HASH_TRIES; t++) {
			if (++epoch == 0) {	/* wrapped: clear old stamps */
				memset(stamp, 0, ((size_t)1 << top) *
				    sizeof(*stamp));
				epoch = 1;
			}
			if (perfect(keys, nk, mult[t], 32 - b, stamp, epoch))
				break;
		}
		if (t == HASH_TRIES)
			break;
		found = 1;
		h->multiplier = mult[t];
		from = t;
		h->nslots = (size_t)1 << b;
		h->shift = 32 - b;
	}
	if (!found) {
		count = xcalloc((size_t)1 << top, sizeof(*count));
		for (t = 0; t < HASH_TRIES && best > 1; t++)
			if ((most = crowding(ukeys, nk, mult[t], top,
			    count)) < best) {
				best = most;
				h->multiplier = mult[t];
			}
		free(count);
		h->nslots = (size_t)1 << top;
		h->shift = 32 - top;
	}
	free(keys);
	free(stamp);
	free(mult);
}

static int
by_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorts the phrases into their slots (a counting sort, which keeps the
 * input order within a slot) and finds the fullest. */
static void
fill_slots(struct phash *h, const struct phash_phrase *p, size_t n)
{
	size_t *slot = xcalloc(n + 1, sizeof(*slot)), *next, i;

	h->first = xcalloc(h->nslots + 1, sizeof(*h->first));
	h->order = xcalloc(n + 1, sizeof(*h->order));
	next = xcalloc(h->nslots + 1, sizeof(*next));
	for (i = 0; i < n; i++) {
		slot[i] = phash_slot(h, phash_key(h, p[i].bytes, p[i].len));
		h->first[slot[i] + 1]++;
	}
	h->most = 0;
	for (i = 0; i < h->nslots; i++) {
		if (h->first[i + 1] > h->most)
			h->most = h->first[i + 1];
		h->first[i + 1] += h->first[i];
		next[i] = h->first[i];
	}
	for (i = 0; i < n; i++)
		h->order[next[slot[i]]++] = i;
	free(next);
	free(slot);
}

void
phash_build(struct phash *h, const struct phash_phrase *p, size_t n)
{
	uint32_t *keys = xcalloc(n + 1, sizeof(*keys));
	size_t i, nk;

	memset(h, 0, sizeof(*h));
	for (i = 0; i < n; i++) {
		if (i == 0 || p[i].len < h->min_length)
			h->min_length = p[i].len;
		if (p[i].len > h->max_length)
			h->max_length = p[i].len;
	}
	choose_keys(h, p, n);
	for (i = 0; i < n; i++)
		keys[i] = phash_key(h, p[i].bytes, p[i].len);
	qsort(keys, n, sizeof(*keys), by_u32);
	for (i = 0, nk = 0; i < n; i++)
		if (nk == 0 || keys[i] != keys[nk - 1])
			keys[nk++] = keys[i];
	choose_hash(h, keys, nk);
	free(keys);
	fill_slots(h, p, n);
}

void
phash_free(struct phash *h)
{
	free(h->first);
	free(h->order);
	h->first = h->order = NULL;
}
