/* libFuzzer harness: the YAML loader and the status model on arbitrary bytes. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "oneline.h"
#include "yload.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yload_limits lim;
	struct arena arena;
	struct diag d;
	struct oneline o;
	struct value *root, *model;
	const struct yorigins *origins;

	/* Small limits keep each run fast; the limits themselves are tested. */
	yload_limits_default(&lim);
	lim.max_depth = 64;
	oneline_open(&o, &d);
	arena_init(&arena);
	if (yload_string_origins("fuzz.yaml", (const char *)data, size, &lim,
	    &arena, &d, &root, &origins) == 0)
		(void)model_build(root, origins, "fuzz.yaml", NULL, NULL,
		    &arena, &d, &model);
	arena_free(&arena);
	oneline_check(&o);
	return 0;
}
