/* The YAML loader: libyaml's event stream turned into a located value tree. */
#define _POSIX_C_SOURCE 200809L
#include "yload.h"

#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "buf.h"
#include "limits.h"
#include "text.h"
#include "xalloc.h"
#include "yorigin.h"
#include "yscalar.h"

/* Mappings with at least this many keys get a hash index for duplicates. */
#define INDEX_MIN	8

/*
 * Mapping keys, and many short strings, repeat from one record to the
 * next: their text is kept once (each node keeps its own position). Only
 * short texts, and only so many distinct ones, so that a file of unique
 * strings costs no more than without.
 */
#define INTERN_LEN_MAX	64
#define INTERN_MAX	4096

#define CORE_PREFIX	"tag:yaml.org,2002:"

/* The standard tags and the kind each one demands. */
static const struct {
	const char	*name;	/* after CORE_PREFIX */
	enum value_kind	 kind;
} stdtags[] = {
	{ "str",	VALUE_STRING },
	{ "int",	VALUE_INT },
	{ "float",	VALUE_FLOAT },
	{ "bool",	VALUE_BOOL },
	{ "null",	VALUE_NULL },
	{ "seq",	VALUE_SEQ },
	{ "map",	VALUE_MAP },
};

/* Besides an enum value_kind, what a tag can ask for. */
#define KIND_SCHEMA	(-1)	/* no tag: the core schema decides */
#define KIND_UNKNOWN	(-2)	/* a tag we do not know (reported) */

/* An interned text, with its hash so that a probe reads only the table. */
struct interned {
	const struct value_text	*text;		/* NULL: an empty slot */
	size_t			 hash;
};

struct anchor {
	char		*name;		/* NULL: an empty slot */
	const char	*shared;	/* arena copy, once aliased */
	struct value	 node;		/* a copy: an alias copies it again */
	size_t		 serial;	/* of its collection's frame, or 0 */
	char		*text;		/* a non-string scalar's source, for keys */
	size_t		 textlen;
	size_t		 weight;	/* nodes in the subtree, aliases expanded */
	size_t		 height;	/* collection nesting of the subtree */
	int		 open;		/* a collection still being built */
};

/*
 * An open collection. Frames are kept after they close so that the next
 * collection at the same depth reuses their vectors.
 */
struct frame {
	struct value		  node;		/* children set at its end */
	size_t			  serial;	/* tells collections apart */
	char			 *anchor;	/* its anchor's name, or NULL */
	size_t			  weight;
	size_t			  height;
	struct value		 *items;	/* a sequence's */
	size_t			  nitems, capitems;
	struct value_pair	 *pairs;	/* a mapping's */
	size_t			  npairs, cappairs;
	struct value		  key;		/* waiting for its value */
	int			  havekey;
	int			  keyok;	/* 0: drop the pair */
	int			  merged;	/* two items in one: reported */
	size_t			 *slots;	/* pair index + 1, 0 when empty */
	size_t			  nslots, capslots;
};

struct loader {
	const char	*name;		/* arena copy: the file of every message */
	const char	*src;		/* NULL while a file is streamed */
	size_t		 len;
	struct arena	*arena;
	struct diag	*d;
	size_t		 max_depth;
	size_t		 max_alias_nodes;
	struct frame	*frames;
	size_t		 depth, nframes;
	struct anchor	*anchors;
	size_t		 nanchors, capanchors;
	struct interned	*interned;	/* open addressing, INTERN_MAX * 2 */
	size_t		 ninterned;
	size_t		 alias_nodes;
	int		 ndocs;
	int		 stop;		/* an error after which nothing makes sense */
	size_t		 serial;	/* collections opened so far */
	struct value	 root;
	int		 haveroot;
	struct yorigin_list texts, aliases; /* for yorigin_keep() */
	struct buf	 scratch;
};

static size_t
sat_add(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static size_t
hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

static struct srcpos
at(const struct loader *l, yaml_mark_t m)
{
	struct srcpos pos;

	pos.file = l->name;
	pos.line = (unsigned)m.line + 1;
	pos.col = (unsigned)m.column + 1;
	return pos;
}

/* A tag as the user would have written it: "!!int", not the full URI. */
static const char *
show_tag(struct buf *b, const char *tag)
{
	size_t plen = strlen(CORE_PREFIX);
	struct buf rest;

	if (strncmp(tag, CORE_PREFIX, plen) != 0)
		return text_quote(b, tag, strlen(tag));
	buf_init(&rest);
	text_quote(&rest, tag + plen, strlen(tag + plen));
	buf_clear(b);
	buf_puts(b, "!!");
	buf_puts(b, buf_cstr(&rest));
	buf_free(&rest);
	return buf_cstr(b);
}

/* The text s, shared with equal texts when it is short (see INTERN_MAX). */
static const struct value_text *
intern(struct loader *l, const char *s, size_t n)
{
	struct interned *e;
	size_t mask = INTERN_MAX * 2 - 1, h, i;

	if (n > INTERN_LEN_MAX)
		return value_text(l->arena, s, n);
	if (l->interned == NULL)
		l->interned = xcalloc(INTERN_MAX * 2, sizeof(*l->interned));
	h = hash(s, n);
	for (i = h & mask;; i = (i + 1) & mask) {
		e = &l->interned[i];
		if (e->text == NULL || (e->hash == h && e->text->len == n &&
		    memcmp(e->text->bytes, s, n) == 0))
			break;
	}
	if (e->text == NULL) {
		if (l->ninterned == INTERN_MAX)
			return value_text(l->arena, s, n);
		e->text = value_text(l->arena, s, n);
		e->hash = h;
		l->ninterned++;
	}
	return e->text;
}

static struct value
string_node(struct loader *l, const char *s, size_t n,
    const struct srcpos *pos)
{
	return value_make_text(intern(l, s, n), pos);
}

/*
 * The node for a scalar's text: of kind want (from a tag), or resolved by
 * the core schema when want is KIND_SCHEMA. Text that does not fit its tag
 * is reported, and a string stands in for it.
 */
/* Keeps the text of a number or boolean that reads differently from how
 * value_format() writes it, so that a message can quote the source. */
static struct value
written(struct loader *l, struct value v, const char *s, size_t n)
{
	buf_clear(&l->scratch);
	value_format(&v, &l->scratch);
	if (l->scratch.len != n || memcmp(l->scratch.data, s, n) != 0)
		yorigin_add(&l->texts, &v, arena_strndup(l->arena, s, n), n,
		    NULL);
	return v;
}

static struct value
scalar_node(struct loader *l, int want, const char *tag, const char *s,
    size_t n, const struct srcpos *pos)
{
	struct buf b1, b2;
	long long ll;
	double dbl;
	int b, r;

	if (want == VALUE_STRING)
		return string_node(l, s, n, pos);
	if ((want == KIND_SCHEMA || want == VALUE_NULL) && yscalar_is_null(s, n))
		return value_make(VALUE_NULL, pos);
	if ((want == KIND_SCHEMA || want == VALUE_BOOL) && yscalar_is_bool(s, n, &b))
		return written(l, value_make_bool(b, pos), s, n);
	if (want == KIND_SCHEMA || want == VALUE_INT) {
		if ((r = yscalar_parse_int(s, n, &ll)) > 0)
			return written(l, value_make_int(ll, pos), s, n);
		if (r < 0) {
			diag_error(l->d, pos, "integer out of range");
			return string_node(l, s, n, pos);
		}
	}
	if ((want == KIND_SCHEMA || want == VALUE_FLOAT) &&
	    yscalar_parse_float(s, n, &dbl))
		return written(l, value_make_real(dbl, pos), s, n);
	if (want != KIND_SCHEMA) {
		buf_init(&b1);
		buf_init(&b2);
		diag_error(l->d, pos, "expected %s for %s, got \"%s\"",
		    value_kind_name((enum value_kind)want), show_tag(&b1, tag),
		    text_quote(&b2, s, n));
		buf_free(&b1);
		buf_free(&b2);
	}
	return string_node(l, s, n, pos);
}

/*
 * The kind a tag demands, KIND_SCHEMA for none, or KIND_UNKNOWN. The
 * non-specific "!" asks for a string on a scalar and for nothing on a
 * collection.
 */
static int
tag_kind(struct loader *l, const char *tag, int scalar,
    const struct srcpos *pos)
{
	size_t plen = strlen(CORE_PREFIX), i;
	struct buf b;

	if (tag == NULL)
		return KIND_SCHEMA;
	if (strcmp(tag, "!") == 0)
		return scalar ? VALUE_STRING : KIND_SCHEMA;
	if (strncmp(tag, CORE_PREFIX, plen) == 0)
		for (i = 0; i < sizeof(stdtags) / sizeof(stdtags[0]); i++)
			if (strcmp(tag + plen, stdtags[i].name) == 0)
				return stdtags[i].kind;
	buf_init(&b);
	diag_error(l->d, pos, "unknown tag '%s'", show_tag(&b, tag));
	buf_free(&b);
	return KIND_UNKNOWN;
}

/* ------------------------------------------------------------------ */
/* Anchors: an open-addressing table from name to node */

static struct anchor *
anchor_slot(const struct loader *l, const char *name)
{
	size_t mask = l->capanchors - 1, i;

	i = hash(name, strlen(name)) & mask;
	while (l->anchors[i].name != NULL &&
	    strcmp(l->anchors[i].name, name) != 0)
		i = (i + 1) & mask;
	return &l->anchors[i];
}

static struct anchor *
anchor_find(const struct loader *l, const char *name)
{
	struct anchor *a;

	if (l->capanchors == 0)
		return NULL;
	a = anchor_slot(l, name);
	return a->name != NULL ? a : NULL;
}

/* Defines name, or redefines it: YAML lets a later anchor win. */
static void
anchor_set(struct loader *l, const char *name, const struct value *node,
    size_t serial, const char *text, size_t textlen, int open)
{
	struct anchor *old, *a;
	size_t oldcap = l->capanchors, i;

	if ((l->nanchors + 1) * 2 > l->capanchors) {
		old = l->anchors;
		l->capanchors = oldcap ? oldcap * 2 : 16;
		l->anchors = xcalloc(l->capanchors, sizeof(*l->anchors));
		for (i = 0; i < oldcap; i++)
			if (old[i].name != NULL)
				*anchor_slot(l, old[i].name) = old[i];
		free(old);
	}
	a = anchor_slot(l, name);
	if (a->name == NULL) {
		a->name = xstrdup(name);
		l->nanchors++;
	}
	free(a->text);
	a->node = *node;
	a->serial = serial;
	a->text = text != NULL ? xstrndup(text, textlen) : NULL;
	a->textlen = textlen;
	a->weight = 1;
	a->height = 0;
	a->open = open;
}

/* ------------------------------------------------------------------ */
/* Building collections */

static int
same_key(const struct value *a, const struct value *b)
{
	return a->u.text == b->u.text || (value_strlen(a) == value_strlen(b) &&
	    memcmp(value_str(a), value_str(b), value_strlen(a)) == 0);
}

static const struct value_pair *
frame_find(const struct frame *f, const struct value *key)
{
	size_t i, mask;

	if (f->nslots == 0) {
		for (i = 0; i < f->npairs; i++)
			if (same_key(&f->pairs[i].key, key))
				return &f->pairs[i];
		return NULL;
	}
	mask = f->nslots - 1;
	i = hash(value_str(key), value_strlen(key)) & mask;
	for (; f->slots[i] != 0; i = (i + 1) & mask)
		if (same_key(&f->pairs[f->slots[i] - 1].key, key))
			return &f->pairs[f->slots[i] - 1];
	return NULL;
}

static void
frame_insert(struct frame *f, size_t idx)
{
	const struct value *key = &f->pairs[idx].key;
	size_t mask = f->nslots - 1, i;

	i = hash(value_str(key), value_strlen(key)) & mask;
	while (f->slots[i] != 0)
		i = (i + 1) & mask;
	f->slots[i] = idx + 1;
}

/* Rebuilds the index with room for the pairs to double again. */
static void
frame_reindex(struct frame *f)
{
	size_t n = 32, i;

	while (n < f->npairs * 4)
		n *= 2;
	if (f->capslots < n) {
		free(f->slots);
		f->slots = xcalloc(n, sizeof(*f->slots));
		f->capslots = n;
	} else
		memset(f->slots, 0, n * sizeof(*f->slots));
	f->nslots = n;
	for (i = 0; i < f->npairs; i++)
		frame_insert(f, i);
}

/* Is the next node the key of a mapping? */
static int
want_key(const struct loader *l)
{
	const struct frame *f;

	if (l->depth == 0)
		return 0;
	f = &l->frames[l->depth - 1];
	return f->node.kind == VALUE_MAP && !f->havekey;
}

/* Vets a key: 0 (reported, if not already) when it cannot be one. */
/*
 * A mapping in a list that meets its first key again is two items run
 * together, a "- " forgotten: says so once (f is the mapping's frame, at
 * depth - 1), and its later duplicates are that same mistake.
 */
static int
merged_items(struct loader *l, struct frame *f, const struct value *key,
    const struct srcpos *pos)
{
	const struct frame *up;
	struct srcpos firstpos;
	struct buf b, list;

	if (l->depth < 2 || l->frames[l->depth - 2].node.kind != VALUE_SEQ ||
	    f->npairs == 0 || !same_key(&f->pairs[0].key, key))
		return 0;
	f->merged = 1;
	buf_init(&b);
	buf_init(&list);
	up = l->depth >= 3 ? &l->frames[l->depth - 3] : NULL;
	if (up != NULL && up->node.kind == VALUE_MAP && up->havekey &&
	    up->keyok)
		buf_printf(&list, "items of '%s'", text_quote(&b,
		    value_str(&up->key), value_strlen(&up->key)));
	else
		buf_puts(&list, "list items");
	diag_error(l->d, pos, "duplicate key '%s': two %s merged into one; "
	    "a '- ' is probably missing before line %u", text_quote(&b,
	    value_str(key), value_strlen(key)), buf_cstr(&list), pos->line);
	firstpos = value_pos(&f->pairs[0].key, l->name);
	diag_note(l->d, &firstpos, "the first item starts here");
	buf_free(&b);
	buf_free(&list);
	return 1;
}

static int
check_key(struct loader *l, struct frame *f, const struct value *key,
    const struct srcpos *pos)
{
	const struct value_pair *first;
	struct srcpos firstpos;
	struct buf b;

	if (key->kind == VALUE_SEQ || key->kind == VALUE_MAP) {
		diag_error(l->d, pos, "a mapping key must be a scalar, not %s",
		    value_kind_name(value_kind(key)));
		return 0;
	}
	if (key->kind != VALUE_STRING)
		return 0;	/* a stand-in for a key already reported */
	if ((first = frame_find(f, key)) != NULL) {
		if (f->merged || merged_items(l, f, key, pos))
			return 0;
		buf_init(&b);
		diag_error(l->d, pos, "duplicate key '%s'",
		    text_quote(&b, value_str(key), value_strlen(key)));
		firstpos = value_pos(&first->key, l->name);
		diag_note(l->d, &firstpos, "first defined here");
		buf_free(&b);
		return 0;
	}
	return 1;
}

/*
 * Hands a finished node to the open collection (or makes it the root).
 * pos is where it is used: an alias's own place, not its anchor's.
 */
static void
add(struct loader *l, const struct value *v, const struct srcpos *pos,
    size_t weight, size_t height)
{
	struct frame *f;

	if (l->depth == 0) {
		l->root = *v;
		l->haveroot = 1;
		return;
	}
	f = &l->frames[l->depth - 1];
	f->weight = sat_add(f->weight, weight);
	if (f->height < height + 1)
		f->height = height + 1;
	if (f->node.kind == VALUE_SEQ) {
		f->items = xgrow(f->items, &f->capitems, f->nitems + 1,
		    sizeof(*f->items));
		f->items[f->nitems++] = *v;
		return;
	}
	if (!f->havekey) {
		f->keyok = check_key(l, f, v, pos);
		if (f->keyok)
			f->key = *v;
		f->havekey = 1;
		return;
	}
	f->havekey = 0;
	if (!f->keyok)
		return;
	f->pairs = xgrow(f->pairs, &f->cappairs, f->npairs + 1,
	    sizeof(*f->pairs));
	f->pairs[f->npairs].key = f->key;
	f->pairs[f->npairs].val = *v;
	f->npairs++;
	if (f->npairs * 2 > f->nslots) {
		if (f->nslots > 0 || f->npairs >= INDEX_MIN)
			frame_reindex(f);
	} else
		frame_insert(f, f->npairs - 1);
}

/* Stops the load at pos, where nesting goes past the depth limit. */
static void
too_deep(struct loader *l, const struct srcpos *pos)
{
	diag_error(l->d, pos, "nesting deeper than %zu levels", l->max_depth);
	limits_note(l->d, pos, LIMITS_YAML_DEPTH);
	l->stop = 1;
}

static void
open_collection(struct loader *l, const yaml_event_t *ev,
    enum value_kind kind, const char *anchor, const char *tag)
{
	struct srcpos pos = at(l, ev->start_mark);
	struct frame *f;
	struct buf b;
	size_t old;
	int want;

	want = tag_kind(l, tag, 0, &pos);
	if (want >= 0 && want != (int)kind) {
		buf_init(&b);
		diag_error(l->d, &pos, "expected %s for %s, got %s",
		    value_kind_name((enum value_kind)want), show_tag(&b, tag),
		    value_kind_name(kind));
		buf_free(&b);
	}
	if (l->depth >= l->max_depth) {
		too_deep(l, &pos);
		return;
	}
	if (l->depth == l->nframes) {
		old = l->nframes;
		l->frames = xgrow(l->frames, &l->nframes, l->depth + 1,
		    sizeof(*l->frames));
		memset(l->frames + old, 0,
		    (l->nframes - old) * sizeof(*l->frames));
	}
	f = &l->frames[l->depth++];
	f->node = value_make(kind, &pos);
	f->serial = ++l->serial;
	f->anchor = NULL;
	f->weight = 1;
	f->height = 1;
	f->nitems = 0;
	f->npairs = 0;
	f->havekey = 0;
	f->keyok = 0;
	f->merged = 0;
	f->nslots = 0;
	if (anchor != NULL) {
		f->anchor = xstrdup(anchor);
		anchor_set(l, anchor, &f->node, f->serial, NULL, 0, 1);
	}
}

static void
close_collection(struct loader *l)
{
	struct srcpos pos;
	struct frame *f;
	struct anchor *a;

	if (l->depth == 0)
		return;
	f = &l->frames[--l->depth];
	if (f->node.kind == VALUE_SEQ)
		value_seq_set(l->arena, &f->node, f->items, f->nitems);
	else
		value_map_set(l->arena, &f->node, f->pairs, f->npairs);
	if (f->anchor != NULL) {
		/* Unless an anchor inside took the name over. */
		a = anchor_find(l, f->anchor);
		if (a != NULL && a->serial == f->serial) {
			a->node = f->node;
			a->open = 0;
			a->weight = f->weight;
			a->height = f->height;
		}
		free(f->anchor);
		f->anchor = NULL;
	}
	pos = value_pos(&f->node, l->name);
	add(l, &f->node, &pos, f->weight, f->height);
}

static void
on_scalar(struct loader *l, const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	const char *tag = (const char *)ev->data.scalar.tag;
	const char *anchor = (const char *)ev->data.scalar.anchor;
	size_t n = ev->data.scalar.length;
	struct srcpos pos = at(l, ev->start_mark);
	struct value v;
	int want;

	want = tag_kind(l, tag, 1, &pos);
	if (want == KIND_UNKNOWN)
		v = string_node(l, s, n, &pos);
	else if (want == KIND_SCHEMA &&
	    ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		v = string_node(l, s, n, &pos);
	else if (want_key(l)) {
		/* A key is a string whatever it says; a tag is only checked. */
		if (want != KIND_SCHEMA)
			scalar_node(l, want, tag, s, n, &pos);
		v = string_node(l, s, n, &pos);
	} else
		v = scalar_node(l, want, tag, s, n, &pos);
	if (anchor != NULL)
		anchor_set(l, anchor, &v, 0,
		    v.kind == VALUE_STRING ? NULL : s, n, 0);
	add(l, &v, &pos, 1, 0);
}

static void
on_alias(struct loader *l, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct srcpos pos = at(l, ev->start_mark);
	struct srcpos anchorpos;
	struct anchor *a;
	struct value v;
	struct buf b;

	buf_init(&b);
	a = anchor_find(l, name);
	if (a == NULL || a->open) {
		if (a == NULL)
			diag_error(l->d, &pos, "undefined alias '*%s'",
			    text_quote(&b, name, strlen(name)));
		else {
			diag_error(l->d, &pos,
			    "alias '*%s' refers to a node that contains it",
			    text_quote(&b, name, strlen(name)));
			anchorpos = value_pos(&a->node, l->name);
			diag_note(l->d, &anchorpos, "anchor '&%s' is here",
			    buf_cstr(&b));
		}
		buf_free(&b);
		v = value_make(VALUE_NULL, &pos);
		add(l, &v, &pos, 1, 0);
		return;
	}
	buf_free(&b);
	if (a->height > l->max_depth - l->depth) {
		too_deep(l, &pos);
		return;
	}
	/*
	 * Aliases share nodes, so the tree stays small, but whoever walks it
	 * meets a shared node once per parent. Charging every alias the full
	 * size of the node it names stops an alias bomb after a few events.
	 */
	l->alias_nodes = sat_add(l->alias_nodes, a->weight);
	if (l->alias_nodes > l->max_alias_nodes) {
		diag_error(l->d, &pos, "aliases expand to more than %zu nodes",
		    l->max_alias_nodes);
		limits_note(l->d, &pos, LIMITS_ALIAS_NODES);
		l->stop = 1;
		return;
	}
	v = a->node;
	if (want_key(l) && a->text != NULL)
		v = string_node(l, a->text, a->textlen, &pos);
	/* The copy is where the alias is; the anchor is one lookup away. */
	v.line = pos.line;
	v.col = value_make(VALUE_NULL, &pos).col;
	if (a->shared == NULL)
		a->shared = arena_strdup(l->arena, name);
	yorigin_add(&l->aliases, &v, a->shared, strlen(a->shared),
	    &a->node);
	add(l, &v, &pos, a->weight, a->height);
}

static void
on_event(struct loader *l, const yaml_event_t *ev)
{
	struct srcpos pos;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (l->ndocs++ > 0) {
			pos = at(l, ev->start_mark);
			diag_error(l->d, &pos, "more than one document");
			l->stop = 1;
		}
		break;
	case YAML_SCALAR_EVENT:
		on_scalar(l, ev);
		break;
	case YAML_ALIAS_EVENT:
		on_alias(l, ev);
		break;
	case YAML_SEQUENCE_START_EVENT:
		open_collection(l, ev, VALUE_SEQ,
		    (const char *)ev->data.sequence_start.anchor,
		    (const char *)ev->data.sequence_start.tag);
		break;
	case YAML_MAPPING_START_EVENT:
		open_collection(l, ev, VALUE_MAP,
		    (const char *)ev->data.mapping_start.anchor,
		    (const char *)ev->data.mapping_start.tag);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		close_collection(l);
		break;
	default:
		break;
	}
}

/* ------------------------------------------------------------------ */
/* Syntax errors */

/*
 * offset_pos() for an input in UTF-16 (s starts with its byte order mark,
 * big-endian when be): the units, a surrogate pair one character.
 */
static void
utf16_pos(const unsigned char *s, size_t len, size_t off, int be,
    struct srcpos *pos)
{
	unsigned c, next;
	size_t i;

	for (i = 2; i + 1 < len && i < off; i += 2) {
		c = be ? (unsigned)s[i] << 8 | s[i + 1] :
		    (unsigned)s[i + 1] << 8 | s[i];
		next = i + 3 < len ? (be ? (unsigned)s[i + 2] << 8 | s[i + 3] :
		    (unsigned)s[i + 3] << 8 | s[i + 2]) : 0;
		if (c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029 ||
		    (c == '\r' && next != '\n')) {
			pos->line++;
			pos->col = 1;
			continue;
		}
		if (c != '\r')
			pos->col++;
		/* A pair's low half is no character of its own. */
		if ((c & 0xfc00) == 0xd800 && (next & 0xfc00) == 0xdc00 &&
		    i + 2 < off)
			i += 2;
	}
}

/*
 * The position of byte off of the input, counted as libyaml counts its
 * marks (characters, not bytes; any YAML line break) for its reader
 * errors, which carry only an offset: in UTF-8, or in UTF-16 when the
 * input starts with its byte order mark, as libyaml reads it.
 */
static struct srcpos
offset_pos(const struct loader *l, size_t off)
{
	const unsigned char *s = (const unsigned char *)l->src;
	struct srcpos pos;
	size_t i = 0;

	pos.file = l->name;
	pos.line = 1;
	pos.col = 1;
	if (off > l->len)
		off = l->len;
	if (l->len >= 2 && ((s[0] == 0xff && s[1] == 0xfe) ||
	    (s[0] == 0xfe && s[1] == 0xff))) {
		utf16_pos(s, l->len, off, s[0] == 0xfe, &pos);
		return pos;
	}
	if (off >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < off) {
		if (s[i] == '\n' ||
		    (s[i] == '\r' && (i + 1 == l->len || s[i + 1] != '\n'))) {
			pos.line++;
			pos.col = 1;
			i++;
		} else if (i + 1 < off && s[i] == 0xc2 && s[i + 1] == 0x85) {
			pos.line++;	/* NEL */
			pos.col = 1;
			i += 2;
		} else if (i + 2 < off && s[i] == 0xe2 && s[i + 1] == 0x80 &&
		    (s[i + 2] == 0xa8 || s[i + 2] == 0xa9)) {
			pos.line++;	/* LS, PS */
			pos.col = 1;
			i += 3;
		} else {
			if (s[i] != '\r' && (s[i] & 0xc0) != 0x80)
				pos.col++;
			i++;
		}
	}
	return pos;
}

/*
 * The byte at a libyaml mark, or -1: marks count characters, so walk to
 * the mark's line and then over as many UTF-8 characters.
 */
static int
mark_byte(const struct loader *l, yaml_mark_t m)
{
	size_t i = 0, line = 0, col = 0;

	if (l->len >= 3 && memcmp(l->src, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (; i < l->len && line < m.line; i++)
		if (l->src[i] == '\n')
			line++;
	for (; i < l->len && col < m.column; i++)
		if (((unsigned char)l->src[i] & 0xc0) != 0x80 &&
		    l->src[i] != '\r')
			col++;
	while (i < l->len && ((unsigned char)l->src[i] & 0xc0) == 0x80)
		i++;
	return i < l->len ? (unsigned char)l->src[i] : -1;
}

/*
 * libyaml's problems, as it words them, and what they usually mean in a
 * hand-written file: the message says that first and keeps libyaml's
 * words after it.
 */
static const struct {
	const char	*problem;
	const char	*hint;
} hints[] = {
	{ "mapping values are not allowed in this context",
	  "a ':' where no mapping can start: probably wrong indentation, "
	  "or a value holding ': ' that needs quotes" },
	{ "did not find expected '-' indicator",
	  "a list item without its '- ', or wrong indentation" },
	{ "could not find expected ':'",
	  "a key without its ':': a missing ':', or a line that does not "
	  "continue the one before" },
	{ "did not find expected key",
	  "wrong indentation: this line does not line up with the keys "
	  "above it" },
	{ "block sequence entries are not allowed in this context",
	  "a '- ' where a value should be: wrong indentation of a list" },
	{ "did not find expected node content",
	  "a value is missing, or starts with a character YAML reserves: "
	  "quote it" },
	{ "found character that cannot start any token",
	  "a character that cannot start a value here: quote the value" },
	{ "did not find expected ',' or ']'",
	  "a list in [ ] is not closed, or lacks a ','" },
	{ "did not find expected ',' or '}'",
	  "a mapping in { } is not closed, or lacks a ','" },
	{ "found unknown escape character",
	  "an unknown escape in a double-quoted string: write \\\\ for a "
	  "backslash, or use single quotes" },
	{ "found a tab character that violates indentation",
	  "a tab character; YAML indents with spaces only" },
};

/* Reports libyaml's problem at pos, after its hint when there is one. */
static void
syntax_report(struct loader *l, const struct srcpos *pos,
    const char *problem, const char *context)
{
	const char *hint = NULL;
	size_t i;

	for (i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		if (strcmp(problem, hints[i].problem) == 0)
			hint = hints[i].hint;
	if (hint != NULL && context != NULL)
		diag_error(l->d, pos, "%s (libyaml: %s, %s)", hint, problem,
		    context);
	else if (hint != NULL)
		diag_error(l->d, pos, "%s (libyaml: %s)", hint, problem);
	else if (context != NULL)
		diag_error(l->d, pos, "%s (%s)", problem, context);
	else
		diag_error(l->d, pos, "%s", problem);
}

static void
syntax_error(struct loader *l, const yaml_parser_t *p)
{
	struct srcpos pos;
	const char *problem = p->problem;
	yaml_mark_t m = p->problem_mark;

	if (p->error == YAML_MEMORY_ERROR) {
		fputs("statusgen: out of memory\n", stderr);
		exit(2);
	}
	if (problem == NULL)
		problem = "invalid YAML";
	if (p->error == YAML_READER_ERROR) {
		pos = offset_pos(l, p->problem_offset);
		if (p->problem_value == -1)
			diag_error(l->d, &pos, "%s", problem);
		else if (strstr(problem, "octet") != NULL)
			diag_error(l->d, &pos, "%s (byte 0x%02X)", problem,
			    (unsigned)p->problem_value);
		else
			diag_error(l->d, &pos, "%s (U+%04X)", problem,
			    (unsigned)p->problem_value);
		return;
	}
	/* A problem with no mark of its own is placed at its context. */
	if (m.index == 0 && m.line == 0 && m.column == 0 && p->context != NULL)
		m = p->context_mark;
	pos = at(l, m);
	/* Two of libyaml's messages have a plainer explanation. */
	if (strcmp(problem, "found character that cannot start any token") ==
	    0 && mark_byte(l, m) == '\t') {
		diag_error(l->d, &pos, "a tab character; YAML indents with "
		    "spaces only");
		return;
	}
	if (p->context != NULL && strcmp(p->context,
	    "while scanning a quoted scalar") == 0 &&
	    strcmp(problem, "found unexpected end of stream") == 0) {
		pos = at(l, p->context_mark);
		diag_error(l->d, &pos, "this quoted string is never closed");
		return;
	}
	syntax_report(l, &pos, problem, p->context);
}

static void
loader_free(struct loader *l)
{
	size_t i;

	for (i = 0; i < l->nframes; i++) {
		free(l->frames[i].anchor);
		free(l->frames[i].items);
		free(l->frames[i].pairs);
		free(l->frames[i].slots);
	}
	free(l->frames);
	for (i = 0; i < l->capanchors; i++) {
		free(l->anchors[i].name);
		free(l->anchors[i].text);
	}
	free(l->anchors);
	free(l->interned);
	free(l->texts.v);
	free(l->aliases.v);
	buf_free(&l->scratch);
}

static void
limits(const struct yload_limits *lim, size_t *depth, size_t *bytes)
{
	*depth = lim != NULL && lim->max_depth ? lim->max_depth :
	    limits_default(LIMITS_YAML_DEPTH);
	*bytes = lim != NULL && lim->max_bytes ? lim->max_bytes :
	    limits_default(LIMITS_INPUT);
}

static void
too_large(struct diag *d, const char *name, size_t max)
{
	struct srcpos pos;
	struct buf b;

	pos.file = name;
	pos.line = 0;
	pos.col = 0;
	buf_init(&b);
	buf_put_size(&b, max);
	diag_error(d, &pos, "file is larger than the %s limit", buf_cstr(&b));
	limits_note(d, &pos, LIMITS_INPUT);
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* The interface */

void
yload_limits_default(struct yload_limits *lim)
{
	lim->max_depth = limits_default(LIMITS_YAML_DEPTH);
	lim->max_bytes = limits_default(LIMITS_INPUT);
	lim->max_alias_nodes = limits_default(LIMITS_ALIAS_NODES);
}

/*
 * A regular file streamed to libyaml a chunk at a time, so that its text
 * is never held whole beside the tree; it is read whole only when a
 * syntax error needs it to place the message.
 */
struct stream {
	FILE		*fp;
	size_t		 total, max;
	int		 err;		/* errno of a failed read, or 0 */
	int		 over;		/* it grew beyond max bytes */
};

static int
read_stream(void *data, unsigned char *buffer, size_t size,
    size_t *size_read)
{
	struct stream *st = data;
	size_t n = fread(buffer, 1, size, st->fp);

	*size_read = 0;
	if (n == 0 && ferror(st->fp)) {
		st->err = errno ? errno : EIO;
		return 0;
	}
	st->total += n;
	if (st->total > st->max) {
		st->over = 1;
		return 0;
	}
	*size_read = n;
	return 1;
}

static void
loader_init(struct loader *l, const char *name,
    const struct yload_limits *lim, struct arena *arena, struct diag *d,
    size_t *max_bytes)
{
	memset(l, 0, sizeof(*l));
	l->name = arena_strdup(arena, name);
	l->arena = arena;
	l->d = d;
	limits(lim, &l->max_depth, max_bytes);
	l->max_alias_nodes = lim != NULL && lim->max_alias_nodes ?
	    lim->max_alias_nodes : limits_default(LIMITS_ALIAS_NODES);
}

/*
 * Runs the parser over its input and builds the tree. st is the stream of
 * a file (NULL for a string), whose whole text is read into text when an
 * error needs it. Returns 0 with *root set, or -1 after reporting. The
 * caller still owns the parser and the loader, and frees both.
 */
static int
load(struct loader *l, yaml_parser_t *parser, struct stream *st,
    struct buf *text, unsigned errors, struct value **root,
    const struct yorigins **origins)
{

	struct srcpos pos = { NULL, 0, 0 };
	yaml_event_t ev;
	int last;

	while (!l->stop) {
		if (!yaml_parser_parse(parser, &ev)) {
			pos.file = l->name;
			if (st != NULL && st->over)
				too_large(l->d, l->name, st->max);
			else if (st != NULL && st->err != 0)
				diag_error(l->d, &pos, "cannot read: %s",
				    strerror(st->err));
			else {
				if (l->src == NULL) {
					if (buf_read_file(text, l->name) != 0)
						buf_clear(text);
					l->src = buf_cstr(text);
					l->len = text->len;
				}
				syntax_error(l, parser);
			}
			break;
		}
		last = ev.type == YAML_STREAM_END_EVENT;
		on_event(l, &ev);
		yaml_event_delete(&ev);
		if (last)
			break;
	}
	if (l->d->errors != errors)
		return -1;
	if (!l->haveroot) {
		pos.line = 1;
		pos.col = 1;
		l->root = value_make(VALUE_NULL, &pos);
	}
	*root = value_box(l->arena, &l->root);
	if (origins != NULL)
		*origins = yorigin_keep(l->arena, &l->texts, &l->aliases);
	return 0;
}

static void
parser_init(yaml_parser_t *parser)
{
	if (!yaml_parser_initialize(parser)) {
		fputs("statusgen: out of memory\n", stderr);
		exit(2);
	}
}

int
yload_string(const char *name, const char *src, size_t len,
    const struct yload_limits *lim, struct arena *arena, struct diag *d,
    struct value **root)
{
	return yload_string_origins(name, src, len, lim, arena, d, root,
	    NULL);
}

int
yload_file(const char *path, const struct yload_limits *lim,
    struct arena *arena, struct diag *d, struct value **root)
{
	return yload_file_origins(path, lim, arena, d, root, NULL);
}

int
yload_string_origins(const char *name, const char *src, size_t len,
    const struct yload_limits *lim, struct arena *arena, struct diag *d,
    struct value **root, const struct yorigins **origins)
{
	struct loader l;
	yaml_parser_t parser;
	unsigned errors = d->errors;
	size_t max_bytes;
	int rc;

	*root = NULL;
	if (origins != NULL)
		*origins = NULL;
	loader_init(&l, name, lim, arena, d, &max_bytes);
	l.src = src != NULL ? src : "";
	l.len = len;
	if (len > max_bytes) {
		too_large(d, l.name, max_bytes);
		return -1;
	}
	parser_init(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)l.src,
	    len);
	rc = load(&l, &parser, NULL, NULL, errors, root, origins);
	yaml_parser_delete(&parser);
	loader_free(&l);
	return rc;
}

int
yload_file_origins(const char *path, const struct yload_limits *lim,
    struct arena *arena, struct diag *d, struct value **root,
    const struct yorigins **origins)
{
	struct srcpos pos;
	struct stat st;
	struct stream in;
	struct loader l;
	yaml_parser_t parser;
	struct buf b;
	unsigned errors = d->errors;
	size_t depth, max_bytes;
	int rc;

	*root = NULL;
	if (origins != NULL)
		*origins = NULL;
	pos.file = path;
	pos.line = 0;
	pos.col = 0;
	limits(lim, &depth, &max_bytes);
	buf_init(&b);
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		/* A pipe or a device: read it within the limit, then load
		 * the text (its size is known only once it is read). */
		if (buf_read_file_max(&b, path, max_bytes) == -1) {
			rc = errno;
			if (rc == EFBIG)
				too_large(d, path, max_bytes);
			else
				diag_error(d, &pos, "cannot read: %s",
				    strerror(rc));
			if (rc == ENOENT && strcmp(path, "-") == 0)
				diag_note(d, &pos, "'-' is a file name here; "
				    "standard input is /dev/stdin");
			buf_free(&b);
			return -1;
		}
		rc = yload_string_origins(path, b.data, b.len, lim, arena, d,
		    root, origins);
		buf_free(&b);
		return rc;
	}
	/* Refuse a huge regular file before reading any of it. */
	if ((uintmax_t)st.st_size > max_bytes) {
		too_large(d, path, max_bytes);
		return -1;
	}
	memset(&in, 0, sizeof(in));
	in.max = max_bytes;
	if ((in.fp = fopen(path, "rb")) == NULL) {
		diag_error(d, &pos, "cannot read: %s", strerror(errno));
		return -1;
	}
	loader_init(&l, path, lim, arena, d, &max_bytes);
	parser_init(&parser);
	yaml_parser_set_input(&parser, read_stream, &in);
	rc = load(&l, &parser, &in, &b, errors, root, origins);
	yaml_parser_delete(&parser);
	loader_free(&l);
	fclose(in.fp);
	buf_free(&b);
	return rc;
}
