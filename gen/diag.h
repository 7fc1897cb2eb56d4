/* Diagnostics: located messages in the one format statusgen uses everywhere. */
#ifndef STATUSGEN_DIAG_H
#define STATUSGEN_DIAG_H

#include <stdarg.h>
#include <stdio.h>

/*
 * A place in an input file. line and col are 1-based; line 0 means the
 * whole file (no position is printed). file points at a string that must
 * outlive every use of the position (usually arena-owned).
 */
struct srcpos {
	const char	*file;
	unsigned	 line;
	unsigned	 col;
};

/*
 * A diagnostics sink. Messages go to stream as they are reported, formatted
 *	FILE:LINE:COL: error: MESSAGE
 *	FILE:LINE:COL: warning: MESSAGE
 *	FILE:LINE:COL: note: MESSAGE
 * and errors and warnings are counted so that callers can grade the exit
 * status (a warning is a finding, such as a difference, not a failure).
 */
struct diag {
	FILE		*stream;
	unsigned	 errors;
	unsigned	 warnings;
};

void	diag_init(struct diag *d, FILE *stream);

/*
 * Reports an error or a warning (each counted) or a note (not counted) at
 * pos. When pos is
 * NULL or pos->file is NULL the message is prefixed "statusgen: ".
 */
void	diag_error(struct diag *d, const struct srcpos *pos, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
void	diag_warning(struct diag *d, const struct srcpos *pos,
	    const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
void	diag_note(struct diag *d, const struct srcpos *pos, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* The same with the arguments in a va_list, for reporters of their own
 * that add a prefix or a count (the caller keeps ownership of ap). */
void	diag_verror(struct diag *d, const struct srcpos *pos, const char *fmt,
	    va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 0)))
#endif
	;
void	diag_vnote(struct diag *d, const struct srcpos *pos, const char *fmt,
	    va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 0)))
#endif
	;

#endif
