/* For the fuzz harnesses: diagnostics captured, and every one of them held to one line. */
#ifndef STATUSGEN_FUZZ_ONELINE_H
#define STATUSGEN_FUZZ_ONELINE_H

#include <stdio.h>
#include <stdlib.h>

#include "diag.h"

/* Messages of one run, in memory. */
struct oneline {
	FILE	*fp;
	char	*text;
	size_t	 len;
};

/* Points d at a fresh capture; traps if there is no memory for it. */
static inline void
oneline_open(struct oneline *o, struct diag *d)
{
	o->text = NULL;
	o->len = 0;
	if ((o->fp = open_memstream(&o->text, &o->len)) == NULL)
		__builtin_trap();
	diag_init(d, o->fp);
}

/*
 * Ends the capture and traps unless each message is one line of bytes a
 * terminal shows as they are: no control byte but the newline that ends
 * it. That is the promise of diag.c and text_show().
 */
static inline void
oneline_check(struct oneline *o)
{
	size_t i;

	fclose(o->fp);
	for (i = 0; i < o->len; i++) {
		unsigned char c = (unsigned char)o->text[i];

		if ((c < 0x20 && c != '\n') || c == 0x7f)
			__builtin_trap();
	}
	if (o->len > 0 && o->text[o->len - 1] != '\n')
		__builtin_trap();
	free(o->text);
}

#endif
