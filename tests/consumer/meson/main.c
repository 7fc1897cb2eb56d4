/* A program built against the header statusgen generates. */
#include <stdio.h>

#include "http_status.h"

int
main(void)
{
	printf("404 %s\n", http_status_reason(404));
	return 0;
}
