#include "http_status.h"

int
is_error(enum http_status s)
{
	switch (s) {
	/* statusgen:begin c_switch class=4 */
	/* statusgen:end */
		return 1;
	default:
		return 0;
	}
}
