/* Diagnostics. */
#include "diag.h"


void
diag_init(struct diag *d, FILE *stream)
{
	d->stream = stream;
	d->errors = 0;
	d->warnings = 0;
}

static void
report(struct diag *d, const struct srcpos *pos, const char *level,
    const char *fmt, va_list ap)
{
	if (d->stream == NULL)
		return;
	if (pos == NULL || pos->file == NULL)
		fputs("statusgen: ", d->stream);
	else if (pos->line == 0)
		fprintf(d->stream, "%s: ", pos->file);
	else
		fprintf(d->stream, "%s:%u:%u: ", pos->file, pos->line, pos->col);
	fprintf(d->stream, "%s: ", level);
	vfprintf(d->stream, fmt, ap);
	fputc('\n', d->stream);
}

void
diag_verror(struct diag *d, const struct srcpos *pos, const char *fmt,
    va_list ap)
{
	d->errors++;
	report(d, pos, "error", fmt, ap);
}

void
diag_vnote(struct diag *d, const struct srcpos *pos, const char *fmt,
    va_list ap)
{
	report(d, pos, "note", fmt, ap);
}

void
diag_error(struct diag *d, const struct srcpos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_verror(d, pos, fmt, ap);
	va_end(ap);
}

void
diag_warning(struct diag *d, const struct srcpos *pos, const char *fmt, ...)
{
	va_list ap;

	d->warnings++;
	va_start(ap, fmt);
	report(d, pos, "warning", fmt, ap);
	va_end(ap);
}

void
diag_note(struct diag *d, const struct srcpos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vnote(d, pos, fmt, ap);
	va_end(ap);
}
