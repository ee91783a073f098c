/*
** item.h — the one item contract, whoever makes the item: a rule's table (engine.c
** read_item) or a plugin's versus_item (plugins_api.c emit_item).  An item is exactly one of
** text, question + answer, or cells; its key, when it gives one, is not empty; without a
** key it takes its maker's, and without `about` it is about the pair, in order.
**
** Each maker says what is wrong in its own words (its diagnostics are part of its
** interface, tests and users read them), so the contract answers with the fault, not with
** a message.
*/
#ifndef VERSUS_ITEM_H
#define VERSUS_ITEM_H

#include <stdbool.h>

#include "report.h"

typedef enum vs_item_fault {
	VS_ITEM_OK,
	VS_ITEM_KINDS,       /* none, or more than one, of text, question/answer and cells */
	VS_ITEM_NO_QUESTION, /* an answer without its question */
	VS_ITEM_NO_ANSWER,   /* a question without its answer */
	VS_ITEM_EMPTY_KEY    /* a key given as "" */
} vs_item_fault;

/* Which parts an item has, as its maker read them. */
typedef struct vs_item_parts {
	bool text, question, answer, cells;
	const char *key;     /* NULL: none given (the maker's key applies) */
} vs_item_parts;

/* The first thing wrong with the parts, in this order: the kinds, the question and answer
** pair, the key. */
vs_item_fault item_fault(const vs_item_parts *p);

/* What the contract fills in on an item that passed: the maker's key when it has none, and
** the pair (a, then b) when it is about nothing named. */
void item_complete(vs_item *it, const char *maker_key, const char *a, const char *b);

#endif
