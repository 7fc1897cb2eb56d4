#include "http_status.h"

int
is_error(enum http_status s)
{
	switch (s) {
	/* statusgen:begin c_switch class=4 */
	case HTTP_STATUS_NOT_FOUND:	/* 404 */
	case HTTP_STATUS_TEAPOT:	/* 418 */
	/* statusgen:end */
		return 1;
	default:
		return 0;
	}
}
