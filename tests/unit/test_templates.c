/*
 * Unit tests for the shipped templates' documentation: every name that
 * a template of templates/ reads from the context, found with the engine's
 * own tokenizer, is documented, in backticks, in README.md or doc/NAME.md;
 * a name read under lookup (lookup.x, or a name inside a section over
 * part of lookup) in doc/template-context.md, which documents lookup.
 * Run from the repository's root (tests/run does).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "harness.h"
#include "mlex.h"
#include "tap.h"

/* The most sections a shipped template nests. */
#define MAX_NEST	64

/* Appends the file at path to out; 0, or -1 when it cannot be read. */
static int
append_file(const char *path, struct buf *out)
{
	struct buf b;
	int rc;

	buf_init(&b);
	if ((rc = buf_read_file(&b, path)) == 0)
		buf_append(out, b.data, b.len);
	buf_free(&b);
	return rc;
}

/* Is `name[0..len)` (in backticks) in docs? */
static int
documented(const struct buf *docs, const char *name, size_t len)
{
	struct buf q;
	int found;

	buf_init(&q);
	buf_putc(&q, '`');
	buf_append(&q, name, len);
	buf_putc(&q, '`');
	found = strstr(buf_cstr(docs), buf_cstr(&q)) != NULL;
	buf_free(&q);
	return found;
}

/* A tag's name: its text before any filter, trimmed. */
static void
tag_name(const char *src, const struct mlex_token *t, const char **name,
    size_t *len)
{
	const char *s = src + t->name, *bar = memchr(s, '|', t->name_len);
	size_t n = bar != NULL ? (size_t)(bar - s) : t->name_len;

	while (n > 0 && mlex_is_space((unsigned char)s[n - 1]))
		n--;
	*name = s;
	*len = n;
}

/* Is the component at start of a name a member of lookup's (by a dotted
 * path through it), rather than a name looked up from a section? */
static int
under_lookup_path(const char *name, size_t start)
{
	return start > 0 || (strncmp(name, "lookup.", 7) == 0);
}

/*
 * Checks each component of name[0..len) (split at '.'); under_lookup:
 * the name is read inside a section over part of lookup. Only the first
 * undocumented name of a template is shown.
 */
static void
check_name(const char *file, const char *name, size_t len, int under_lookup,
    const struct buf *docs, const struct buf *lookup_docs, int *bad)
{
	size_t start = 0, end;
	int in_lookup = under_lookup;

	if (len == 1 && name[0] == '.')
		in_lookup = 0;
	while (start < len) {
		for (end = start; end < len && name[end] != '.'; end++)
			continue;
		if (start == 0 && end - start == 6 &&
		    memcmp(name, "lookup", 6) == 0)
			in_lookup = 1;
		else if (!documented(in_lookup ? lookup_docs : docs,
		    name + start, end - start) &&
		    /* Inside lookup, a name may reach the root's. */
		    !(in_lookup && !under_lookup_path(name, start) &&
		    documented(docs, name, end)) && !(*bad)) {
			printf("# %s: '%.*s' of '%.*s' is not documented%s\n",
			    file, (int)(end - start), name + start, (int)len,
			    name, in_lookup ? " in doc/template-context.md" :
			    "");
			*bad = 1;
		}
		start = end + 1;
	}
}

/* Checks every name template path reads. */
static void
check_template(const char *path, const struct buf *docs,
    const struct buf *lookup_docs)
{
	struct buf src;
	struct capture c;
	struct mlex lx;
	int nest[MAX_NEST], depth = 0, bad = 0, under;
	const char *name;
	size_t i, len;

	buf_init(&src);
	capture_open(&c);
	memset(&lx, 0, sizeof(lx));
	if (append_file(path, &src) != 0 ||
	    mlex_scan(&lx, path, src.data, src.len, MAX_NEST, &c.d) != 0) {
		TAP_CHECK(0, "%s: tokenizes", path);
		goto out;
	}
	for (i = 0; i < lx.ntoks; i++) {
		const struct mlex_token *t = &lx.toks[i];

		under = depth > 0 && nest[depth - 1];
		switch (t->type) {
		case MLEX_VAR:
		case MLEX_RAW:
		case MLEX_SECTION:
		case MLEX_INVERTED:
			tag_name(src.data, t, &name, &len);
			check_name(path, name, len, under, docs, lookup_docs,
			    &bad);
			if (t->type == MLEX_VAR || t->type == MLEX_RAW)
				break;
			if (depth == MAX_NEST)
				harness_bail("%s: sections too deep", path);
			nest[depth++] = under || (len >= 6 &&
			    memcmp(name, "lookup", 6) == 0 &&
			    (len == 6 || name[6] == '.'));
			break;
		case MLEX_CLOSE:
			if (depth > 0)
				depth--;
			break;
		default:
			break;
		}
	}
	TAP_CHECK(!bad, "%s: every name it reads is documented", path);
out:
	mlex_free(&lx);
	capture_close(&c);
	buf_free(&src);
}

int
main(void)
{
	struct buf docs, lookup_docs, path;
	struct dirent *e;
	DIR *dp;
	size_t n = 0, len;

	buf_init(&docs);
	buf_init(&lookup_docs);
	buf_init(&path);
	if (append_file("README.md", &docs) != 0 ||
	    append_file("doc/template-context.md", &lookup_docs) != 0)
		harness_bail("README.md or doc/template-context.md cannot be "
		    "read (run from the repository's root)");
	buf_append(&docs, lookup_docs.data, lookup_docs.len);
	/* The reference parts of README.md may live in doc/ too. */
	if ((dp = opendir("doc")) == NULL)
		harness_bail("doc/: cannot be read");
	while ((e = readdir(dp)) != NULL) {
		len = strlen(e->d_name);
		if (len > 3 && strcmp(e->d_name + len - 3, ".md") == 0) {
			buf_clear(&path);
			buf_printf(&path, "doc/%s", e->d_name);
			(void)append_file(buf_cstr(&path), &docs);
		}
	}
	closedir(dp);
	if ((dp = opendir("templates")) == NULL)
		harness_bail("templates/: cannot be read");
	while ((e = readdir(dp)) != NULL) {
		len = strlen(e->d_name);
		if (len <= 9 || strcmp(e->d_name + len - 9, ".mustache") != 0)
			continue;
		buf_clear(&path);
		buf_printf(&path, "templates/%s", e->d_name);
		check_template(buf_cstr(&path), &docs, &lookup_docs);
		n++;
	}
	closedir(dp);
	TAP_CHECK(n >= 4, "the shipped templates are there (%zu)", n);
	buf_free(&path);
	buf_free(&docs);
	buf_free(&lookup_docs);
	return tap_done();
}
