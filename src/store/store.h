/* The store interface: everything duban keeps, behind one API for every backend. */
#ifndef DUBAN_STORE_STORE_H
#define DUBAN_STORE_STORE_H

/*
 * PLACEHOLDER: the store module's owner completes this contract.
 */

#include "util/err.h"

struct store;

int store_open(const char *url, struct store **out, struct err *e);
void store_close(struct store *st);

#endif
