/* Every code of the table, which -Wswitch-enum holds whole. */
#include "http_status.h"

const char *known(enum http_status s);

const char *
known(enum http_status s)
{
	switch (s) {
	// statusgen:begin c_switch
	// statusgen:end
		return "known";
	}
	return "unknown";
}
