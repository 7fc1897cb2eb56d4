/* The IANA HTTP Status Code Registry's CSV export: read within a limit, and compared with the status table. */
#ifndef STATUSGEN_REGISTRY_H
#define STATUSGEN_REGISTRY_H

/*
 * The registry publishes its table as CSV (RFC 4180), at
 * https://www.iana.org/assignments/http-status-codes/http-status-codes-1.csv:
 *
 *	Value,Description,Reference
 *	104,"Upload Resumption Supported (TEMPORARY - registered
 *	    2024-11-13, ..., expires 2026-11-13)",[draft-...]
 *	105-199,Unassigned,
 *	306,(Unused),"[RFC9110, Section 15.4.7]"
 *	510,Not Extended (OBSOLETED),[RFC2774][status-change-...]
 *
 * A row is one code or a range of them; its Description is the code's
 * name, "(Unused)" (reserved) or "Unassigned", and a name may end in a
 * mark of its state: "(TEMPORARY ... expires YYYY-MM-DD)", "(OBSOLETED)"
 * or "(DEPRECATED)". A Reference that says "obsoleted" or "deprecated"
 * marks the state too.
 *
 *	struct registry reg;
 *
 *	registry_init(&reg);
 *	if (registry_load(&reg, "registry.csv", max, d) == 0)
 *		differ = registry_diff(&reg, model, "data.yaml", d);
 *	registry_free(&reg);
 */

#include <stddef.h>

#include "diag.h"
#include "value.h"

/* What the registry says of a code. */
enum registry_state {
	REGISTRY_ASSIGNED,	/* registered, with no mark */
	REGISTRY_TEMPORARY,	/* "(TEMPORARY ...)" */
	REGISTRY_DEPRECATED,	/* "(DEPRECATED)" */
	REGISTRY_OBSOLETED,	/* "(OBSOLETED)" */
	REGISTRY_UNUSED,	/* "(Unused)": reserved */
	REGISTRY_UNASSIGNED	/* "Unassigned" */
};

/* One row of the CSV. */
struct registry_row {
	unsigned		 lo, hi;	/* its codes; lo == hi for one */
	enum registry_state	 state;
	char			*name;		/* the Description without its
						   mark: the code's name */
	char			 expires[11];	/* temporary: "YYYY-MM-DD", or
						   "" when the mark has none */
	struct srcpos		 value_at;	/* where Value starts */
	struct srcpos		 name_at;	/* where Description starts */
};

/* The rows of one CSV file, by code. */
struct registry {
	char			*path;		/* the file, for positions */
	struct registry_row	*rows;
	size_t			 n, cap;
};

void	registry_init(struct registry *reg);
/* Frees the rows and the path; reg is empty and reusable after. */
void	registry_free(struct registry *reg);

/*
 * Reads the CSV text src[0..len) of the file path (copied) into reg, its
 * rows sorted by code. Every problem is an error located in the CSV:
 * a header that is not "Value,Description,Reference", a row without
 * three fields, an unterminated quote, text after a closing quote, a
 * NUL byte, a Value that is not a code from 100 to 999 or a range of
 * them, a range that is not "Unassigned", an empty Description, and rows
 * whose codes overlap (with a note at the first). Rows after a bad one
 * are still read, except after an unterminated quote, a bad header or a
 * NUL. Returns 0, or -1 after reporting; reg then holds the good rows.
 */
int	registry_parse(struct registry *reg, const char *path,
	    const char *src, size_t len, struct diag *d);

/*
 * Reads the file at path, of at most max bytes (0: the default of
 * LIMITS_CSV), and parses it as registry_parse() does. A file that
 * cannot be read, or is larger, is reported as "PATH: error: ...".
 * Returns 0, or -1 after reporting.
 */
int	registry_load(struct registry *reg, const char *path, size_t max,
	    struct diag *d);

/*
 * Compares reg with the status table's context model (model_build()'s,
 * from the file data_path) and reports each difference to d as a warning
 * located in the CSV, or in the data for a code the registry does not
 * list, with a note at the other side: a code the registry has and the
 * table lacks; a registry name that is not the status's registry_name
 * (saying whether it is at least its reason or an alias); a state that
 * differs (a plain registration is "standard", or "deprecated" where an
 * RFC deprecated the code without the registry marking it; TEMPORARY is
 * "temporary" with the same expires date; DEPRECATED "deprecated";
 * OBSOLETED "obsolete"; "(Unused)" "reserved"); and a status the
 * registry does not list, or lists as Unassigned, that is not
 * "unofficial". Returns the number of differences: 0 when they agree.
 */
unsigned registry_diff(const struct registry *reg, const struct value *model,
	    const char *data_path, struct diag *d);

#endif
