/* PLACEHOLDER store so the tree builds; replaced by the SQLite backend. */
#include "store/store.h"

#include <stddef.h>

int store_open(const char *url, struct store **out, struct err *e)
{
	*out = NULL;
	return err_set(e, ERR_STORE, "%s: store not implemented", url);
}

void store_close(struct store *st)
{
	(void)st;
}
