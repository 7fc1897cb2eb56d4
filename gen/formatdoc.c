/* The tables of keys of doc/data-format.md, written from the model's tables of fields. */
#include "formatdoc.h"

static void
put_type(const struct model_field *f, struct buf *out)
{
	size_t k;

	switch (f->kind) {
	case MODEL_INT:
		buf_printf(out, "integer, %lld to %lld", f->min, f->max);
		break;
	case MODEL_TEXT:
		buf_puts(out, f->one_line ? "string, one line" : "string");
		break;
	case MODEL_CHOICE:
		for (k = 0; f->choices[k].name != NULL; k++)
			buf_printf(out, "%s`%s`", k == 0 ? "" :
			    f->choices[k + 1].name == NULL ? " or " : ", ",
			    f->choices[k].name);
		break;
	case MODEL_TEXTS:
		buf_puts(out, f->one_line ? "list of strings, one line each" :
		    "list of strings");
		break;
	case MODEL_FLAG:
		buf_puts(out, "boolean");
		break;
	case MODEL_IDENT:
		buf_puts(out, "string");
		break;
	case MODEL_DATE:
		buf_puts(out, "date, `YYYY-MM-DD`");
		break;
	case MODEL_ENTRIES:
		buf_puts(out, "list of mappings");
		break;
	}
}

void
formatdoc_row(const struct model_field *f, struct buf *out)
{
	size_t k;

	buf_printf(out, "| `%s` | ", f->key);
	put_type(f, out);
	buf_puts(out, " | ");
	if (f->presence == MODEL_REQUIRED)
		buf_puts(out, "yes");
	else if (f->presence == MODEL_WHEN)
		buf_printf(out, "if and only if `%s` is `%s`", f->when_key,
		    f->when_value);
	else if (f->presence == MODEL_UNLESS)
		buf_printf(out, "no; not if `%s` is `%s`", f->when_key,
		    f->when_value);
	else if (f->kind == MODEL_FLAG)
		buf_printf(out, "no (%s)", f->dflt ? "true" : "false");
	else
		buf_puts(out, "no");
	buf_printf(out, " | %s", f->help);
	for (k = 0; f->kind == MODEL_CHOICE && f->choices[k].name != NULL; k++)
		buf_printf(out, " `%s`: %s", f->choices[k].name,
		    f->choices[k].help);
	buf_puts(out, " |");
}
