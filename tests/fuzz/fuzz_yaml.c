/* libFuzzer harness: the YAML loader and the status model on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "yload.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yload_limits lim;
	struct arena arena;
	struct diag d;
	struct value *root, *model;

	/* Small limits keep each run fast; the limits themselves are tested. */
	yload_limits_default(&lim);
	lim.max_depth = 64;
	diag_init(&d, NULL);
	arena_init(&arena);
	if (yload_string("fuzz.yaml", (const char *)data, size, &lim, &arena,
	    &d, &root) == 0)
		(void)model_build(root, "fuzz.yaml", NULL, &arena, &d, &model);
	arena_free(&arena);
	return 0;
}
