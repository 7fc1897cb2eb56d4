/* The C names: every identifier the generated C defines, made in one place and checked unique. */
#ifndef STATUSGEN_CNAMES_H
#define STATUSGEN_CNAMES_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "value.h"

/*
 * A macro of the header that the data does not name: key is its key in
 * the template context (lookup.macro.KEY), name its name after
 * CNAMES_PREFIX, what a few words for messages ("the include guard").
 */
struct cnames_macro {
	const char	*key;
	const char	*name;
	const char	*what;
};

/* A predicate of the generated code: is_NAME, what it means (help, from
 * the field table) and the field whose choice it is (NULL for a flag and
 * for "known"). */
struct cnames_predicate {
	const char	*name;
	const char	*help;
	const char	*field;
};

/* An alias that gives an enumerator: PREFIX_ + ident = code. */
struct cnames_alias {
	const struct value	*status;
	const struct value	*alias;		/* the phrase, as written */
	const char		*ident;
};

/*
 * The names of one model's generated C. predicates: is_known, then each
 * flag of the status fields, then each choice of a choice field. aliases:
 * the other phrases of a status (its reason when its ident is not the
 * reason's, then its aliases) that give a valid C identifier used by no
 * other name, in code order and then as written. old_class[i]: whether
 * class i of the model's classes keeps its deprecated name (the
 * identifier of its title, when that differs from its ident and no other
 * name has it).
 */
struct cnames {
	char			*upper;		/* what macros and enumerators
						   start with: HTTP_STATUS_ */
	char			*lower;		/* and functions: http_status_ */
	struct cnames_predicate	*predicates;
	size_t			 npredicates;
	struct cnames_alias	*aliases;
	size_t			 naliases;
	unsigned char		*old_class;
};

/* The kinds of name the data makes, each spelled by cnames_spell(). */
enum cnames_kind {
	CNAMES_ENUMERATOR,	/* HTTP_STATUS_NOT_FOUND, of a status or alias */
	CNAMES_CLASS,		/* HTTP_STATUS_CLASS_CLIENT_ERROR */
	CNAMES_FLAG,		/* HTTP_STATUS_FLAG_REDIRECT */
	CNAMES_PREDICATE,	/* http_status_is_client_error */
	CNAMES_MACRO		/* HTTP_STATUS_COUNT, of a cnames_macro */
};

/* Appends to out the name of kind that s[0..len) gives (an identifier, a
 * predicate's or a macro's name), with n's prefix. */
void	cnames_spell(const struct cnames *n, struct buf *out,
	    enum cnames_kind kind, const char *s, size_t len);

/* The header's own macros, in the order of the header; sets *n. */
const struct cnames_macro *cnames_macros(size_t *n);

/*
 * Collects every name that the C outputs would define for model (the
 * context model_build() made; path names its file in messages), each
 * starting with prefix (a C identifier, http_status) or its upper case, and
 * checks that each is defined once: a status's enumerator, a class's
 * enumerator and predicate, the flags' macros and the header's own
 * macros (cnames_macros()). Each clash is an error located at the data
 * value that makes the later name (a status's ident, or its reason when
 * the ident is derived from it; a class's ident or name), with a note at
 * the other when it comes from the data too. Alias enumerators and the
 * deprecated class names are dropped, not reported, when they clash.
 * Returns 0 and fills n, or -1 after reporting (n still filled); the
 * caller releases n with cnames_free() either way. n points into model.
 */
int	cnames_build(struct cnames *n, const struct value *model,
	    const char *path, const char *prefix, struct diag *d);
void	cnames_free(struct cnames *n);

/*
 * Checks a prefix that is already a C identifier (clayout checks that)
 * for code that would not compile or would break its includer: a keyword
 * of C or C++, an alternative token, a name that <stddef.h> or
 * <string.h> defines, one that makes reserved names ("__", "_t", str...)
 * and a standard header's name (PREFIX.h). Returns 0, or -1 after
 * reporting why at at (the -D option that gave it).
 */
int	cnames_check_prefix(const char *prefix, const struct srcpos *at,
	    struct diag *d);

/* The identifier derived from a class's title (0.1.0 named the classes
 * by their headings), or "" when that is its ident (out's contents). */
void	cnames_class_old_ident(const struct value *klass, struct buf *out);

#endif
