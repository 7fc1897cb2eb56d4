/* Diagnostics. */
#include "diag.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "text.h"

void
diag_init(struct diag *d, FILE *stream)
{
	d->stream = stream;
	d->errors = 0;
	d->warnings = 0;
}

/*
 * The message is formatted whole and passed through text_show(), as the
 * file name is: whatever a caller quotes, a control byte in it cannot end
 * the line, forge another message or reach the terminal.
 */
static void
report(struct diag *d, const struct srcpos *pos, const char *level,
    const char *fmt, va_list ap)
{
	struct buf msg, line;
	va_list aq;
	int n;

	if (d->stream == NULL)
		return;
	buf_init(&msg);
	buf_init(&line);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n > 0) {
		buf_reserve(&msg, (size_t)n + 1);
		vsnprintf(msg.data, (size_t)n + 1, fmt, ap);
		msg.len = (size_t)n;
	}
	if (pos == NULL || pos->file == NULL)
		buf_puts(&line, "statusgen");
	else
		text_show(pos->file, strlen(pos->file), 0, &line);
	if (pos != NULL && pos->file != NULL && pos->line != 0)
		buf_printf(&line, ":%u:%u", pos->line, pos->col);
	buf_printf(&line, ": %s: ", level);
	text_show(msg.data, msg.len, 0, &line);
	buf_putc(&line, '\n');
	fwrite(line.data, 1, line.len, d->stream);
	buf_free(&msg);
	buf_free(&line);
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
