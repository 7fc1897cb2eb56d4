/* A program built against the header statusgen generates with a prefix:
 * prints the status line of 404, or of the code given as its argument. */
#include <stdio.h>
#include <stdlib.h>

#include "app_status.h"

int
main(int argc, char **argv)
{
	int code = argc > 1 ? atoi(argv[1]) : 404;

	/* An enumerator and functions with the prefix; not 404's enumerator,
	 * whose name follows the reason that tests/buildstep edits. */
	if (app_status_is_known(APP_STATUS_OK))
		printf("%d %s\n", code, app_status_reason(code));
	return 0;
}
