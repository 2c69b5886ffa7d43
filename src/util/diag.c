/* Warning lists. */
#include "util/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

void diags_add(struct diags *d, int line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(d->v, d->n + 1, d->alloc);
	d->v[d->n].line = line;
	d->v[d->n].msg = strbuf_detach(&sb, NULL);
	d->n++;
}

void diags_release(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	d->v = NULL;
	d->n = d->alloc = 0;
}
