/* A program built against the header statusgen generates with a prefix. */
#include <stdio.h>

#include "app_status.h"

int
main(void)
{
	printf("%d %s\n", APP_STATUS_NOT_FOUND, app_status_reason(404));
	return 0;
}
