/* A program built against the header statusgen generates with a prefix. */
#include <stdio.h>

#include "app_status.h"

int
main(void)
{
	/* An enumerator and functions with the prefix; not 404's enumerator,
	 * whose name follows the reason that tests/buildstep edits. */
	if (app_status_is_known(APP_STATUS_OK))
		printf("404 %s\n", app_status_reason(404));
	return 0;
}
