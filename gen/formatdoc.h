/* The tables of keys of doc/data-format.md, written from the model's tables of fields. */
#ifndef STATUSGEN_FORMATDOC_H
#define STATUSGEN_FORMATDOC_H

#include "buf.h"
#include "model.h"

/*
 * Appends f's row of doc/data-format.md's table of keys to out, without a newline:
 * "| `key` | type | required | help |", the type and the requirement in
 * words ("integer, 100 to 599"; "no (false)"), and for a choice field the
 * meaning of each choice after its help. It cannot fail.
 */
void	formatdoc_row(const struct model_field *f, struct buf *out);

#endif
