/* Rows produced by the readers: only the malloc'd row array needs freeing. */
#include "import/rows.h"

#include <stdlib.h>

#include "util/banned.h"

void rows_release(struct rows *r)
{
	free(r->v);
	r->v = NULL;
	r->n = r->alloc = 0;
}
