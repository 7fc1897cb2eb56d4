/* The registry's CSV export: its rows read with located errors, and their differences from the status table. */
#define _POSIX_C_SOURCE 200809L
#include "registry.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "limits.h"
#include "xalloc.h"

#define MIN_VALUE	100
#define MAX_VALUE	999
#define NFIELDS		3

static const char header[NFIELDS][12] = {
	"Value", "Description", "Reference"
};

/*
 * The states: how the CSV marks each (at the end of a Description, in
 * parentheses), how messages name it, and the table's registry values
 * that agree with it. A plain registration also agrees with
 * "deprecated", since an RFC may deprecate a code (as RFC 9110 does 305)
 * without the registry marking it.
 */
static const struct {
	const char	*mark;		/* NULL: none */
	const char	*what;		/* "the registry lists 510 as ..." */
	const char	*table[2];	/* NULL: no more */
} states[] = {
	[REGISTRY_ASSIGNED] = { NULL, "registered",
	    { "standard", "deprecated" } },
	[REGISTRY_TEMPORARY] = { "TEMPORARY", "a temporary registration",
	    { "temporary", NULL } },
	[REGISTRY_DEPRECATED] = { "DEPRECATED", "deprecated",
	    { "deprecated", NULL } },
	[REGISTRY_OBSOLETED] = { "OBSOLETED", "obsoleted",
	    { "obsolete", NULL } },
	[REGISTRY_UNUSED] = { NULL, "(Unused), that is reserved",
	    { "reserved", NULL } },
	[REGISTRY_UNASSIGNED] = { NULL, "Unassigned", { "unofficial", NULL } },
};

#define NSTATES		(sizeof(states) / sizeof(states[0]))
#define UNUSED_NAME	"(Unused)"
#define UNASSIGNED_NAME	"Unassigned"

void
registry_init(struct registry *reg)
{
	memset(reg, 0, sizeof(*reg));
}

void
registry_free(struct registry *reg)
{
	size_t i;

	for (i = 0; i < reg->n; i++)
		free(reg->rows[i].name);
	free(reg->rows);
	free(reg->path);
	registry_init(reg);
}

/* ------------------------------------------------------------------ */
/* Reading the CSV                                                    */
/* ------------------------------------------------------------------ */

/* A reader of the CSV text: where it is, and where it reports. */
struct lexer {
	const char	*p, *end;
	struct srcpos	 at;		/* of p */
	struct diag	*d;
};

/* What reading a field found after it. */
enum field_end {
	FIELD_COMMA,		/* another field follows */
	FIELD_EOL,		/* the record ended */
	FIELD_BAD,		/* an error, reported: skip the record */
	FIELD_FATAL		/* an error, reported: stop reading */
};

static void
advance(struct lexer *l)
{
	if (*l->p == '\n') {
		l->at.line++;
		l->at.col = 1;
	} else {
		l->at.col++;
	}
	l->p++;
}

/* At a line end (LF or CRLF), eats it and returns 1; else returns 0. */
static int
eat_eol(struct lexer *l)
{
	if (l->p < l->end && *l->p == '\r' && l->p + 1 < l->end &&
	    l->p[1] == '\n')
		advance(l);
	if (l->p < l->end && *l->p == '\n') {
		advance(l);
		return 1;
	}
	return 0;
}

/* After a field: a comma, a line end, or the end of the text. */
static enum field_end
field_end(struct lexer *l)
{
	if (l->p == l->end || eat_eol(l))
		return FIELD_EOL;
	if (*l->p == ',') {
		advance(l);
		return FIELD_COMMA;
	}
	return FIELD_BAD;
}

/* A quoted field, from its opening quote: "" stands for one quote. */
static enum field_end
quoted_field(struct lexer *l, struct buf *out)
{
	struct srcpos open = l->at;

	advance(l);
	for (;;) {
		if (l->p == l->end) {
			diag_error(l->d, &open, "the quoted field that starts "
			    "here is never closed");
			return FIELD_FATAL;
		}
		if (*l->p == '"' && (l->p + 1 == l->end || l->p[1] != '"'))
			break;
		if (*l->p == '\0') {
			diag_error(l->d, &l->at, "a NUL byte in the CSV");
			return FIELD_FATAL;
		}
		if (*l->p == '"')
			advance(l);
		buf_putc(out, *l->p);
		advance(l);
	}
	advance(l);
	return field_end(l);
}

/* Reads one field into out (emptied first), its start in *at. */
static enum field_end
read_field(struct lexer *l, struct buf *out, struct srcpos *at)
{
	enum field_end e;

	buf_clear(out);
	*at = l->at;
	if (l->p < l->end && *l->p == '"') {
		if ((e = quoted_field(l, out)) == FIELD_BAD)
			diag_error(l->d, &l->at, "expected ',' or the end of "
			    "the line after a closing quote");
		return e;
	}
	for (; l->p < l->end; advance(l)) {
		if (*l->p == ',' || *l->p == '\n' || (*l->p == '\r' &&
		    l->p + 1 < l->end && l->p[1] == '\n'))
			break;
		if (*l->p == '\0') {
			diag_error(l->d, &l->at, "a NUL byte in the CSV");
			return FIELD_FATAL;
		}
		if (*l->p == '"' || *l->p == '\r') {
			diag_error(l->d, &l->at, "%s inside a field that is "
			    "not quoted", *l->p == '"' ? "a quote" :
			    "a carriage return");
			return FIELD_BAD;
		}
		buf_putc(out, *l->p);
	}
	return field_end(l);
}

/* Skips the rest of a bad record, up to its line end. */
static void
skip_record(struct lexer *l)
{
	while (l->p < l->end && *l->p != '\n')
		advance(l);
	eat_eol(l);
}

/*
 * Reads one record into f[0..NFIELDS), their starts in at. Returns 1 when
 * read, 0 for a bad record (reported and skipped), -1 to stop.
 */
static int
read_record(struct lexer *l, struct buf *f, struct srcpos *at)
{
	struct srcpos start = l->at, extra;
	struct buf spare;
	enum field_end e = FIELD_COMMA;
	size_t n = 0;

	buf_init(&spare);
	while (e == FIELD_COMMA) {
		e = read_field(l, n < NFIELDS ? &f[n] : &spare,
		    n < NFIELDS ? &at[n] : &extra);
		n++;
	}
	buf_free(&spare);
	if (e == FIELD_FATAL)
		return -1;
	if (e == FIELD_BAD) {
		skip_record(l);
		return 0;
	}
	if (n != NFIELDS) {
		diag_error(l->d, &start, "a row has %zu field%s, not %d "
		    "(Value,Description,Reference)", n, n == 1 ? "" : "s",
		    NFIELDS);
		return 0;
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* The fields of a row                                                */
/* ------------------------------------------------------------------ */

/* A code: three digits, from MIN_VALUE to MAX_VALUE. */
static int
parse_code(const char *s, size_t n, unsigned *code)
{
	size_t i;

	if (n != 3)
		return -1;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return -1;
	*code = (unsigned)((s[0] - '0') * 100 + (s[1] - '0') * 10 +
	    (s[2] - '0'));
	return *code >= MIN_VALUE ? 0 : -1;
}

/* A Value: a code, or a range LO-HI of them with LO below HI. */
static int
parse_value(const char *s, unsigned *lo, unsigned *hi)
{
	const char *dash = strchr(s, '-');

	if (dash == NULL) {
		if (parse_code(s, strlen(s), lo) != 0)
			return -1;
		*hi = *lo;
		return 0;
	}
	if (parse_code(s, (size_t)(dash - s), lo) != 0 ||
	    parse_code(dash + 1, strlen(dash + 1), hi) != 0 || *lo >= *hi)
		return -1;
	return 0;
}

/* Whether s contains word, ignoring case. */
static int
has_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, word, n) == 0)
			return 1;
	return 0;
}

/* The date after the last "expires " in mark, into out; "" when none. */
static void
find_expires(const char *mark, char *out)
{
	const char *p, *at = NULL;
	size_t i;

	out[0] = '\0';
	for (p = mark; (p = strstr(p, "expires ")) != NULL; p++)
		at = p + strlen("expires ");
	if (at == NULL)
		return;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? at[i] != '-' :
		    !isdigit((unsigned char)at[i]))
			return;
	memcpy(out, at, 10);
	out[10] = '\0';
}

/*
 * The state and the name of a row from its Description (its mark cut
 * off the name) and its Reference.
 */
static void
parse_state(struct registry_row *row, const char *desc, const char *ref)
{
	const char *open = strrchr(desc, '(');
	size_t n = strlen(desc), k;

	row->state = REGISTRY_ASSIGNED;
	if (strcasecmp(desc, UNUSED_NAME) == 0)
		row->state = REGISTRY_UNUSED;
	else if (strcasecmp(desc, UNASSIGNED_NAME) == 0)
		row->state = REGISTRY_UNASSIGNED;
	for (k = 0; row->state == REGISTRY_ASSIGNED && open != NULL &&
	    desc[n - 1] == ')' && k < NSTATES; k++) {
		if (states[k].mark == NULL || strncasecmp(open + 1,
		    states[k].mark, strlen(states[k].mark)) != 0)
			continue;
		row->state = (enum registry_state)k;
		if (k == REGISTRY_TEMPORARY)
			find_expires(open, row->expires);
		for (n = (size_t)(open - desc); n > 0 && desc[n - 1] == ' ';
		    n--)
			continue;
	}
	if (row->state == REGISTRY_ASSIGNED && has_word(ref, "obsoleted"))
		row->state = REGISTRY_OBSOLETED;
	else if (row->state == REGISTRY_ASSIGNED &&
	    has_word(ref, "deprecated"))
		row->state = REGISTRY_DEPRECATED;
	row->name = xstrndup(desc, n);
}

/* Checks one record and adds it to reg. Returns 0, or -1 after
 * reporting. */
static int
add_row(struct registry *reg, const struct buf *f, const struct srcpos *at,
    struct diag *d)
{
	struct registry_row row;

	memset(&row, 0, sizeof(row));
	row.value_at = at[0];
	row.name_at = at[1];
	if (parse_value(buf_cstr(&f[0]), &row.lo, &row.hi) != 0) {
		diag_error(d, &at[0], "'%s' is not a code from %d to %d, nor "
		    "a range LO-HI of them", buf_cstr(&f[0]), MIN_VALUE,
		    MAX_VALUE);
		return -1;
	}
	if (f[1].len == 0) {
		diag_error(d, &at[1], "the Description of %s is empty",
		    buf_cstr(&f[0]));
		return -1;
	}
	parse_state(&row, buf_cstr(&f[1]), buf_cstr(&f[2]));
	if (row.lo != row.hi && row.state != REGISTRY_UNASSIGNED) {
		diag_error(d, &at[1], "a range of codes must be '"
		    UNASSIGNED_NAME "', not '%s'", buf_cstr(&f[1]));
		free(row.name);
		return -1;
	}
	reg->rows = xgrow(reg->rows, &reg->cap, reg->n + 1,
	    sizeof(*reg->rows));
	reg->rows[reg->n++] = row;
	return 0;
}

/* Whether the header's fields are the registry's. */
static int
check_header(const struct buf *f, const struct srcpos *at, struct diag *d)
{
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		if (strcmp(buf_cstr(&f[i]), header[i]) != 0)
			break;
	if (i == NFIELDS)
		return 0;
	diag_error(d, &at[0], "not the registry's CSV: the header is not "
	    "'Value,Description,Reference'");
	return -1;
}

static int
by_code(const void *a, const void *b)
{
	const struct registry_row *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return x->value_at.line < y->value_at.line ? -1 :
	    x->value_at.line > y->value_at.line;
}

/* Sorts the rows by code and reports those that overlap. */
static int
check_overlaps(struct registry *reg, struct diag *d)
{
	const struct registry_row *widest = NULL, *r;
	int rc = 0;
	size_t i;

	if (reg->n > 1)		/* rows is NULL when there are none */
		qsort(reg->rows, reg->n, sizeof(*reg->rows), by_code);
	for (i = 0; i < reg->n; i++) {
		r = &reg->rows[i];
		if (widest != NULL && r->lo <= widest->hi) {
			diag_error(d, &r->value_at, "code %u is also in "
			    "another row", r->lo);
			diag_note(d, &widest->value_at, "the other row");
			rc = -1;
		}
		if (widest == NULL || r->hi > widest->hi)
			widest = r;
	}
	return rc;
}

int
registry_parse(struct registry *reg, const char *path, const char *src,
    size_t len, struct diag *d)
{
	struct buf f[NFIELDS];
	struct srcpos at[NFIELDS];
	struct lexer l;
	int rc = 0, r, fatal = 0, first = 1;
	size_t i;

	free(reg->path);
	reg->path = xstrdup(path);
	l.p = src;
	l.end = src + len;
	l.at.file = reg->path;
	l.at.line = 1;
	l.at.col = 1;
	l.d = d;
	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
		l.p += 3;
	for (i = 0; i < NFIELDS; i++)
		buf_init(&f[i]);
	while (!fatal && l.p < l.end) {
		if (eat_eol(&l))
			continue;	/* an empty line */
		if ((r = read_record(&l, f, at)) < 0)
			fatal = 1;
		else if (r == 0)
			rc = -1;
		else if (first)
			fatal = check_header(f, at, d) != 0;
		else if (add_row(reg, f, at, d) != 0)
			rc = -1;
		first = 0;
	}
	if (!fatal && first) {
		diag_error(d, &l.at, "not the registry's CSV: there is no "
		    "header 'Value,Description,Reference'");
		fatal = 1;
	}
	for (i = 0; i < NFIELDS; i++)
		buf_free(&f[i]);
	if (check_overlaps(reg, d) != 0)
		rc = -1;
	return fatal ? -1 : rc;
}

int
registry_load(struct registry *reg, const char *path, size_t max,
    struct diag *d)
{
	struct srcpos pos = { path, 0, 0 };
	struct buf src, size;
	int rc;

	if (max == 0)
		max = limits_default(LIMITS_CSV);
	buf_init(&src);
	if (buf_read_file_max(&src, path, max) != 0) {
		if (errno != EFBIG) {
			diag_error(d, &pos, "cannot read: %s",
			    strerror(errno));
			return -1;
		}
		buf_init(&size);
		buf_put_size(&size, max);
		diag_error(d, &pos, "file is larger than the %s limit",
		    buf_cstr(&size));
		limits_note(d, &pos, LIMITS_CSV);
		buf_free(&size);
		return -1;
	}
	rc = registry_parse(reg, path, src.data != NULL ? src.data : "",
	    src.len, d);
	buf_free(&src);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Comparing with the table                                           */
/* ------------------------------------------------------------------ */

/* One comparison: both sides, and the count of differences. */
struct differ {
	const struct registry	*reg;
	const struct value	**statuses;	/* the table's, by code */
	size_t			 nstatuses;
	const char		*data;		/* the table's file */
	struct diag		*d;
	unsigned		 count;
};

static long long
code_of(const struct value *status)
{
	const struct value *v = value_map_getz(status, "code");

	return v != NULL && v->kind == VALUE_INT ? v->u.integer : -1;
}

static const char *
text_of(const struct value *status, const char *key)
{
	const struct value *v = value_map_getz(status, key);

	return v != NULL && v->kind == VALUE_STRING ? value_str(v) : "";
}

/* Where key of status is in the table's file. */
static struct srcpos
table_pos(const struct differ *x, const struct value *status,
    const char *key)
{
	const struct value *v = value_map_getz(status, key);

	return value_pos(v != NULL ? v : status, x->data);
}

/* The table's status of code, or NULL. */
static const struct value *
find_status(const struct differ *x, unsigned code)
{
	size_t lo = 0, hi = x->nstatuses, mid;
	long long c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = code_of(x->statuses[mid]);
		if (c == code)
			return x->statuses[mid];
		if (c < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The registry's row of code, or NULL. */
static const struct registry_row *
find_row(const struct registry *reg, long long code)
{
	size_t lo = 0, hi = reg->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (code < reg->rows[mid].lo)
			hi = mid;
		else if (code > reg->rows[mid].hi)
			lo = mid + 1;
		else
			return &reg->rows[mid];
	}
	return NULL;
}

/* Whether name is the status's reason or one of its aliases. */
static int
is_phrase(const struct value *status, const char *name)
{
	const struct value *aliases = value_map_getz(status, "aliases");
	size_t i;

	if (strcmp(text_of(status, "reason"), name) == 0)
		return 1;
	for (i = 0; aliases != NULL && i < value_len(aliases); i++)
		if (value_item(aliases, i)->kind == VALUE_STRING &&
		    strcmp(value_str(value_item(aliases, i)), name) == 0)
			return 1;
	return 0;
}

/* The registry's name of a row against the table's. */
static void
diff_name(struct differ *x, const struct registry_row *row,
    const struct value *status)
{
	const char *ours = text_of(status, "registry_name");
	struct srcpos there;

	if (row->state == REGISTRY_UNUSED || strcmp(ours, row->name) == 0)
		return;
	x->count++;
	if (is_phrase(status, row->name)) {
		diag_warning(x->d, &row->name_at, "the registry's name of %u "
		    "is \"%s\", which the table has as a phrase but not as "
		    "its registry_name", row->lo, row->name);
		there = table_pos(x, status, "registry_name");
		diag_note(x->d, &there, "the table's registry name of %u is "
		    "\"%s\"", row->lo, ours);
		return;
	}
	diag_warning(x->d, &row->name_at, "the registry's name of %u is "
	    "\"%s\", which is neither the reason nor an alias of %u in the "
	    "table", row->lo, row->name, row->lo);
	there = table_pos(x, status, "reason");
	diag_note(x->d, &there, "the table's reason of %u is \"%s\"",
	    row->lo, text_of(status, "reason"));
}

/* Whether the table's registry value agrees with state. */
static int
state_agrees(enum registry_state state, const char *registry)
{
	size_t i;

	for (i = 0; i < 2 && states[state].table[i] != NULL; i++)
		if (strcmp(states[state].table[i], registry) == 0)
			return 1;
	return 0;
}

/* The registry's state of a row against the table's. */
static void
diff_state(struct differ *x, const struct registry_row *row,
    const struct value *status)
{
	const char *registry = text_of(status, "registry");
	const char *expires = text_of(status, "expires");
	struct srcpos there;

	if (!state_agrees(row->state, registry)) {
		x->count++;
		diag_warning(x->d, &row->name_at, "the registry lists %u as "
		    "%s, but the table's registry state of %u is \"%s\"",
		    row->lo, states[row->state].what, row->lo, registry);
		there = table_pos(x, status, "registry");
		diag_note(x->d, &there, "the table's state of %u", row->lo);
	} else if (row->state == REGISTRY_TEMPORARY &&
	    row->expires[0] != '\0' && strcmp(row->expires, expires) != 0) {
		x->count++;
		diag_warning(x->d, &row->name_at, "the registry's temporary "
		    "registration of %u expires %s, but the table's expires "
		    "is %s", row->lo, row->expires, expires);
		there = table_pos(x, status, "expires");
		diag_note(x->d, &there, "the table's expires date of %u",
		    row->lo);
	}
}

/* A row of the registry: its codes in the table, named and in state. */
static void
diff_row(struct differ *x, const struct registry_row *row)
{
	const struct value *status;

	if (row->state == REGISTRY_UNASSIGNED)
		return;
	if ((status = find_status(x, row->lo)) == NULL) {
		x->count++;
		diag_warning(x->d, &row->value_at, "the registry has %u "
		    "\"%s\", which the table lacks", row->lo, row->name);
		return;
	}
	/* An unofficial status has no registry name to compare. */
	if (strcmp(text_of(status, "registry"), "unofficial") != 0)
		diff_name(x, row, status);
	diff_state(x, row, status);
}

/* A status of the table that the registry may not list. */
static void
diff_status(struct differ *x, const struct value *status)
{
	long long code = code_of(status);
	const struct registry_row *row = find_row(x->reg, code);
	const char *registry = text_of(status, "registry");
	struct srcpos here;

	if ((row != NULL && row->state != REGISTRY_UNASSIGNED) ||
	    strcmp(registry, "unofficial") == 0)
		return;
	x->count++;
	here = table_pos(x, status, "code");
	diag_warning(x->d, &here, "the registry does not list %lld, which "
	    "the table has as \"%s\", not \"unofficial\"", code, registry);
	if (row != NULL)
		diag_note(x->d, &row->value_at, "the registry's row of %lld "
		    "says " UNASSIGNED_NAME, code);
}

static int
by_status_code(const void *a, const void *b)
{
	long long x = code_of(*(const struct value *const *)a);
	long long y = code_of(*(const struct value *const *)b);

	return x < y ? -1 : x > y;
}

unsigned
registry_diff(const struct registry *reg, const struct value *model,
    const char *data_path, struct diag *d)
{
	const struct value *list = value_map_getz(model, "statuses");
	struct differ x;
	size_t i;

	memset(&x, 0, sizeof(x));
	x.reg = reg;
	x.data = data_path;
	x.d = d;
	x.nstatuses = list != NULL ? value_len(list) : 0;
	x.statuses = xcalloc(x.nstatuses + 1, sizeof(*x.statuses));
	for (i = 0; i < x.nstatuses; i++)
		x.statuses[i] = value_item(list, i);
	qsort(x.statuses, x.nstatuses, sizeof(*x.statuses), by_status_code);
	for (i = 0; i < reg->n; i++)
		diff_row(&x, &reg->rows[i]);
	for (i = 0; i < x.nstatuses; i++)
		diff_status(&x, x.statuses[i]);
	free(x.statuses);
	return x.count;
}
