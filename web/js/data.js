// Loads shared by several pages: the plan's tasks, statuses, the directory; "no plan yet" state.

import { api } from './api.js';
import { h } from './dom.js';
import { notice } from './ui.js';

/* Every task of the plan the caller may see (a liaison: its unit's), by number. */
export async function allTasks(planId, filter = {}) {
	const r = await api('/tasks', { query: { plan: planId, limit: 1000, ...filter } });
	return r.tasks || [];
}

export function byNo(tasks) {
	return new Map(tasks.map((t) => [t.no, t]));
}

/*
 * GET /status (see README.md): {tasks: [{no, rag, schedule, lifecycle, flags, ...}], units: [...]}.
 * Throws ApiError (missing = true while the server has no such route).
 */
export function loadStatus(planId, asOf, extra = {}) {
	return api('/status', { query: { plan: planId, as_of: asOf, ...extra } });
}

/* Counts of tasks[] by a key function. */
export function countBy(items, key) {
	const m = {};
	for (const it of items) {
		const ks = [].concat(key(it));
		for (const k of ks)
			m[k ?? ''] = (m[k ?? ''] || 0) + 1;
	}
	return m;
}

/* The page cannot go on without a plan: say so (and where to import one). */
export function needPlan(ctx) {
	if (ctx.plan)
		return true;
	ctx.root.append(notice('info', '还没有导入任务清单。',
		ctx.user.role === 'admin' ? h('a', { href: '#/import' }, '去导入任务清单') : '请联系督查室导入。'));
	return false;
}

/* Month ends from `from` (YYYY-MM) through the month of `asOf` (YYYY-MM-DD), at most `max`, the last being asOf. */
export function monthEnds(from, asOf, max = 12) {
	const out = [];
	let [y, m] = from.split('-').map(Number);
	const [ay, am] = asOf.split('-').map(Number);
	while (y < ay || (y === ay && m < am)) {
		const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
		out.push(`${y}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`);
		m += 1;
		if (m > 12) { m = 1; y += 1; }
	}
	out.push(asOf);
	return out.slice(-max);
}
