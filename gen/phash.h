/* The perfect hash of the reverse lookup: which bytes of a phrase to hash, and how to spread them. */
#ifndef STATUSGEN_PHASH_H
#define STATUSGEN_PHASH_H

#include <stddef.h>
#include <stdint.h>

/* The most phrase bytes a key packs. */
#define PHASH_MAX_KEYS	3

/* Where a hashed byte of a phrase of length len lies. */
enum phash_from {
	PHASH_FROM_START,	/* s[index] */
	PHASH_FROM_END,		/* s[len - index] */
	PHASH_FROM_MIDDLE	/* s[(len - index) / 2] */
};

struct phash_key {
	enum phash_from	from;
	size_t		index;
};

/* A phrase as the lookup compares it (the caller's bytes, not copied). */
struct phash_phrase {
	const char	*bytes;
	size_t		 len;
};

/*
 * The hash of a set of phrases. The key of a phrase s of length len is
 * len (modulo 2^32), or-ed with each byte keys[i] of s, with bit 0x20 set
 * (so that both cases of a letter give the same key), shifted left by
 * 8 * (i + 1); its slot is (uint32_t)(key * multiplier) >> shift, one of
 * nslots = 2^(32 - shift). Phrase order[j] is in slot h for first[h] <= j
 * < first[h + 1]; within a slot the phrases keep their input order, and
 * no slot holds more than most of them.
 */
struct phash {
	struct phash_key keys[PHASH_MAX_KEYS];
	size_t		 nkeys;
	uint32_t	 multiplier;
	unsigned	 shift;
	size_t		 nslots;
	size_t		 most;
	size_t		 min_length, max_length;	/* 0, 0 for no phrase */
	size_t		*first;		/* nslots + 1 entries */
	size_t		*order;		/* one entry per phrase */
};

/*
 * Finds a hash of p[0..n) (each of length 1 or more) into h: the fewest
 * key bytes that leave no key shared by more than a few phrases (a key
 * byte more costs every lookup more than comparing the lengths of a few),
 * of those the first combination that gives every phrase its own key,
 * else the one whose commonest key is shared by the fewest; then, from a
 * fixed seed, a multiplier that sends the distinct keys to distinct slots
 * of the smallest table it can (at most 2^16 slots), else the one that
 * crowds a slot of the largest table least.
 * The result depends on p only, never on the run. It never fails (it exits
 * on out-of-memory); the caller releases h with phash_free().
 */
void	phash_build(struct phash *h, const struct phash_phrase *p, size_t n);
void	phash_free(struct phash *h);

/* Where key k's byte lies in a phrase of length len (at least
 * h->min_length): an index below len. */
size_t		phash_key_offset(const struct phash_key *k, size_t len);

/* The key and the slot of s[0..len), as the generated lookup computes
 * them; len must be at least h->min_length. */
uint32_t	phash_key(const struct phash *h, const char *s, size_t len);
size_t		phash_slot(const struct phash *h, uint32_t key);

#endif
