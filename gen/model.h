/* The status model: validates the loaded status table and builds the context templates render. */
#ifndef STATUSGEN_MODEL_H
#define STATUSGEN_MODEL_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "value.h"
#include "yorigin.h"

/*
 * The data format is one table of fields per kind of entry (gen/model.c):
 * the checks, the allowed keys and their did-you-mean, the context's
 * defaults, the C layout's predicates and doc/data-format.md's tables of keys all
 * come from it. A field of the format is one row there.
 */
enum model_kind {
	MODEL_INT,	/* an integer from min to max */
	MODEL_TEXT,	/* a string; "" in the context when absent */
	MODEL_CHOICE,	/* a one-line string, one of choices; the context
			   also gets a boolean per choice, named by it */
	MODEL_TEXTS,	/* a list of strings; [] in the context when absent */
	MODEL_FLAG,	/* true or false; dflt in the context when absent */
	MODEL_IDENT,	/* a one-line upper-case C identifier; when absent,
			   the one derived from the field named from */
	MODEL_DATE,	/* a calendar date, YYYY-MM-DD; "" when absent */
	MODEL_ENTRIES	/* a list of mappings, at least min of them */
};

enum model_presence {
	MODEL_REQUIRED,
	MODEL_OPTIONAL,
	MODEL_WHEN,	/* present if and only if when_key is when_value */
	MODEL_UNLESS	/* optional, but refused when when_key is
			   when_value */
};

/* One value of a MODEL_CHOICE field, and what it means (one sentence). */
struct model_choice {
	const char	*name;
	const char	*help;
};

struct model_field {
	const char		*key;
	enum model_kind		 kind;
	enum model_presence	 presence;
	int			 one_line;	/* MODEL_TEXT, MODEL_TEXTS */
	int			 phrase;	/* a phrase of the reverse lookup:
						   all differ, ignoring case */
	int			 dflt;		/* MODEL_FLAG */
	long long		 min, max;	/* MODEL_INT, MODEL_ENTRIES */
	const struct model_choice *choices; /* MODEL_CHOICE, ended by a
						   NULL name */
	const char		*from;		/* MODEL_IDENT, MODEL_TEXT: when
						   absent, made from this field */
	const char		*when_key;	/* MODEL_WHEN, MODEL_UNLESS */
	const char		*when_value;
	const char		*when_missing;	/* the error when it is missing */
	const char		*help;		/* one sentence or more, Markdown */
};

/* The kinds of entry: the whole table, a class, a status. */
enum model_entry { MODEL_TABLE, MODEL_CLASS, MODEL_STATUS };

/*
 * The fields of an entry, in the order in which they are checked (and in
 * which doc/data-format.md lists them). Sets *n to their number; the table is
 * static.
 */
const struct model_field *model_fields(enum model_entry entry, size_t *n);

/*
 * How model_build() builds the context, beyond the data (NULL: all 0).
 *
 * registry_reasons: once the table is valid, each status whose
 * registry_name differs from its reason takes that name as its reason,
 * and its old reason becomes an alias in the place of the registry name
 * among the aliases; a reserved status keeps its reason. Identifiers
 * derived from a reason are the data's reason's, so no name moves.
 *
 * today: a date YYYY-MM-DD (the caller's, so that tests can set it); a
 * temporary status whose expires is before it draws a warning at that
 * value, which changes neither the result nor the context. NULL: no
 * check.
 */
struct model_options {
	int		 registry_reasons;
	const char	*today;
};

/*
 * Checks the document loaded from a status table (data/http_status.yaml)
 * and builds the root context that the templates render. Every violation is
 * reported to d, located at the offending value, and all of them in one
 * run: missing or mistyped keys, an integer out of its range, duplicate
 * codes and classes (with a note at the first), a code whose class is not
 * defined, an empty or multi-line text, a reason or alias that two codes
 * share (ignoring case), two statuses with the same C identifier, and
 * unknown keys (with a did-you-mean; keys starting with "x-" are the
 * user's own).
 *
 * The context is the one doc/templates.md lists under "What templates see", but
 * for phrase_lengths and lookup, which clayout_build() adds:
 * generator, source, version, count, min_code and max_code (the range of a code),
 * classes in class order and statuses in code order. A status has each
 * field of the table (an absent one as its kind says above), a boolean per
 * choice of a choice field (per registry), its class and class_name; a
 * class its fields, ident, count and statuses; each also the user's own
 * x- keys, passed through.
 *
 * source_path locates the messages; source_name (NULL: source_path) is
 * the context's "source", the name the outputs print for the data; opt
 * is above.
 *
 * The context is in arena: it copies doc's 16-byte nodes and shares their
 * texts and children, so doc's arena must outlive it. Returns 0 and sets
 * *model, or -1 (with *model NULL) after reporting.
 *
 * origins, from yload_file_origins() (NULL: none), lets a message quote a
 * number as it was written and place an error about an aliased value at
 * the alias, with a note at its anchor.
 */
int	model_build(const struct value *doc, const struct yorigins *origins,
	    const char *source_path, const char *source_name,
	    const struct model_options *opt, struct arena *arena,
	    struct diag *d, struct value **model);

#endif
