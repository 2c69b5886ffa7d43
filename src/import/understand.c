/* PLACEHOLDER: replaced by the targets and time-node extractor. */
#include "import/understand.h"

void understand_task(struct arena *a, struct task *t, int year)
{
	(void)a;
	(void)year;
	t->targets = NULL;
	t->ntargets = 0;
	t->milestones = NULL;
	t->nmilestones = 0;
}
