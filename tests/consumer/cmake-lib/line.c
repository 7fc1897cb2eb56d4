/* A second program sharing the library: the status line of 404. */
#include <stdio.h>

#include "http_status.h"

int
main(void)
{
	printf("%s\n", http_status_line(404));
	return 0;
}
