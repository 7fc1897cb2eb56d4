/* The names a template context defines. */
#include "mnames.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

struct mnames {
	const struct value_text	**keys;		/* sorted, distinct */
	size_t			  n;
};

/* A set of node payloads already walked, by address. */
struct seen {
	const void	**slots;
	size_t		  n, cap;		/* cap a power of two */
};

static size_t
slot_of(const void *p, size_t cap)
{
	return ((size_t)(uintptr_t)p >> 4) * 2654435761u & (cap - 1);
}

/* Puts p, which is not there, in a free slot (room is ensured). */
static void
place(struct seen *s, const void *p)
{
	size_t i;

	for (i = slot_of(p, s->cap); s->slots[i] != NULL; i = (i + 1) &
	    (s->cap - 1))
		continue;
	s->slots[i] = p;
}

/* Adds p; returns 0 if it was there already. */
static int
seen_add(struct seen *s, const void *p)
{
	const void **old = s->slots;
	size_t oldcap = s->cap, i;

	if ((s->n + 1) * 2 > s->cap) {
		s->cap = oldcap ? oldcap * 2 : 64;
		s->slots = xcalloc(s->cap, sizeof(*s->slots));
		for (i = 0; i < oldcap; i++)
			if (old[i] != NULL)
				place(s, old[i]);
		free(old);
	}
	for (i = slot_of(p, s->cap); s->slots[i] != NULL; i = (i + 1) &
	    (s->cap - 1))
		if (s->slots[i] == p)
			return 0;
	s->slots[i] = p;
	s->n++;
	return 1;
}

static int
by_text(const void *a, const void *b)
{
	const struct value_text *x = *(const struct value_text *const *)a;
	const struct value_text *y = *(const struct value_text *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->bytes, y->bytes, n);

	if (r != 0)
		return r;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* FNV-1a over a key's bytes. */
static size_t
hash_text(const struct value_text *t)
{
	size_t h = (size_t)2166136261u, i;

	for (i = 0; i < t->len; i++) {
		h ^= (unsigned char)t->bytes[i];
		h *= 16777619u;
	}
	return h;
}

/*
 * The distinct texts of the keys met so far, by their bytes: a model's
 * keys are copied per mapping, so that the same few dozen names come as
 * thousands of texts. Open addressing, at most half full.
 */
struct texts {
	const struct value_text	**slots;
	size_t			  n, cap;	/* cap a power of two */
	/* Texts met lately, by address: a builder shares one text between
	 * the mappings of a list (value_builder_put), so most keys are
	 * found here without reading their bytes. */
	const struct value_text	 *recent[256];
};

static void
texts_put(struct texts *t, const struct value_text *k, size_t h)
{
	size_t i;

	for (i = h & (t->cap - 1); t->slots[i] != NULL; i = (i + 1) &
	    (t->cap - 1))
		continue;
	t->slots[i] = k;
}

static void
texts_add(struct texts *t, const struct value_text *k)
{
	const struct value_text **old = t->slots, *o;
	size_t oldcap = t->cap, h, i;
	size_t r = (size_t)((uintptr_t)k >> 3) * 2654435761u >> 24 & 255;

	if (t->recent[r] == k)
		return;
	t->recent[r] = k;
	h = hash_text(k);
	for (i = oldcap ? h & (oldcap - 1) : 0; oldcap && (o = old[i]) !=
	    NULL; i = (i + 1) & (oldcap - 1))
		if (o == k || (o->len == k->len && memcmp(o->bytes, k->bytes,
		    k->len) == 0))
			return;
	if ((t->n + 1) * 2 > t->cap) {
		t->cap = oldcap ? oldcap * 2 : 64;
		t->slots = xcalloc(t->cap, sizeof(*t->slots));
		for (i = 0; i < oldcap; i++)
			if (old[i] != NULL)
				texts_put(t, old[i], hash_text(old[i]));
		free(old);
	}
	texts_put(t, k, h);
	t->n++;
}

struct mnames *
mnames_collect(const struct value *root)
{
	struct mnames *set = xcalloc(1, sizeof(*set));
	const struct value **stack = NULL, *v;
	size_t nstack = 0, cap = 0, i;
	struct seen seen = { NULL, 0, 0 };
	struct texts texts;

	memset(&texts, 0, sizeof(texts));
	if (root != NULL) {
		stack = xgrow(stack, &cap, 1, sizeof(*stack));
		stack[nstack++] = root;
	}
	/* An explicit stack: the tree may be as deep as the loader allows.
	 * Only lists and mappings are stacked, as only they hold keys. */
	while (nstack > 0) {
		v = stack[--nstack];
		if (value_len(v) == 0 || !seen_add(&seen, v->kind == VALUE_MAP ?
		    (const void *)v->u.map : (const void *)v->u.seq))
			continue;
		stack = xgrow(stack, &cap, nstack + value_len(v),
		    sizeof(*stack));
		for (i = 0; i < value_len(v); i++) {
			const struct value *kid;

			if (v->kind == VALUE_SEQ) {
				kid = value_item(v, i);
			} else {
				texts_add(&texts, value_pair(v, i)->key.u.text);
				kid = &value_pair(v, i)->val;
			}
			if (value_len(kid) > 0)
				stack[nstack++] = kid;
		}
	}
	free(stack);
	free(seen.slots);
	set->keys = xcalloc(texts.n + 1, sizeof(*set->keys));
	for (i = 0; i < texts.cap; i++)
		if (texts.slots[i] != NULL)
			set->keys[set->n++] = texts.slots[i];
	free(texts.slots);
	if (set->n > 0)
		qsort(set->keys, set->n, sizeof(*set->keys), by_text);
	return set;
}

void
mnames_free(struct mnames *set)
{
	if (set == NULL)
		return;
	free(set->keys);
	free(set);
}

int
mnames_has(const struct mnames *set, const char *s, size_t len)
{
	size_t lo = 0, hi = set->n, mid, n;
	int r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		n = set->keys[mid]->len < len ? set->keys[mid]->len : len;
		r = memcmp(set->keys[mid]->bytes, s, n);
		if (r == 0)
			r = set->keys[mid]->len < len ? -1 :
			    set->keys[mid]->len > len;
		if (r == 0)
			return 1;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Whether key begins with s[0..len). */
static int
starts_with(const struct value_text *key, const char *s, size_t len)
{
	return key->len >= len && memcmp(key->bytes, s, len) == 0;
}

const char *
mnames_near(const struct mnames *set, const char *s, size_t len)
{
	const char *hint = NULL;
	size_t i, dist, best = 3;

	for (i = 0; i < set->n; i++) {
		dist = text_edit_distance(s, len, set->keys[i]->bytes,
		    set->keys[i]->len);
		/* Of two as near, one that the name begins is likelier:
		 * 'statuse' is a 'statuses' cut short. */
		if (dist < set->keys[i]->len && (dist < best ||
		    (dist == best && hint != NULL &&
		    starts_with(set->keys[i], s, len) &&
		    strncmp(hint, s, len) != 0))) {
			best = dist;
			hint = set->keys[i]->bytes;
		}
	}
	return hint;
}
