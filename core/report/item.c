/* item.c — the one item contract (item.h). */
#include "item.h"

#include "util.h"

vs_item_fault item_fault(const vs_item_parts *p)
{
	bool qa = p->question || p->answer;
	if (p->text + qa + p->cells != 1)
		return VS_ITEM_KINDS;
	if (qa && !p->question)
		return VS_ITEM_NO_QUESTION;
	if (qa && !p->answer)
		return VS_ITEM_NO_ANSWER;
	if (p->key && !p->key[0])
		return VS_ITEM_EMPTY_KEY;
	return VS_ITEM_OK;
}

void item_complete(vs_item *it, const char *maker_key, const char *a, const char *b)
{
	if (!it->key)
		it->key = xstrdup(maker_key);
	if (it->about.n == 0) {
		strv_push(&it->about, a);
		strv_push(&it->about, b);
	}
}
