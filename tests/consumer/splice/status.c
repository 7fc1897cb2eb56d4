/* A server's own switch over the codes of one class, kept by statusgen splice. */
#include <stdio.h>

#include "http_status.h"

static int
is_client_error(enum http_status s)
{
	switch (s) {
	/* statusgen:begin c_switch class=4 */
	/* statusgen:end */
		return 1;
	default:
		return 0;
	}
}

const char *known(enum http_status s);

int
main(void)
{
	printf("%d %d %s %s\n", is_client_error(HTTP_STATUS_NOT_FOUND),
	    is_client_error(HTTP_STATUS_OK), known(HTTP_STATUS_OK),
	    known((enum http_status)299));
	return 0;
}
