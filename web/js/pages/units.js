// 单位: every directory unit with its load (lead, co), status counts and score; names the directory does not know.

import { api } from '../api.js';
import { h, field, select, put } from '../dom.js';
import { KIND, label, today } from '../labels.js';
import { defaultAsOf } from '../state.js';
import { pageHead, section, notice, failure, loading, table, badge } from '../ui.js';
import { loadStatus, needPlan } from '../data.js';

export default async function render(ctx) {
	if (ctx.user.role === 'liaison') {
		location.replace(ctx.user.unit_id ? `#/units/${ctx.user.unit_id}` : '#/my');
		return;
	}
	ctx.setTitle('单位');
	if (!needPlan(ctx))
		return;
	const plan = ctx.plan;
	const asOf = defaultAsOf(plan, today());
	ctx.root.append(pageHead('单位', '单位名录中的责任单位，及其在本清单中承担的任务'));
	const box = h('div', null, loading());
	ctx.root.append(box);
	const [dir, asg, status, assess, unverified] = await Promise.all([
		api('/directory'),
		api('/assignments', { query: { plan: plan.id } }),
		loadStatus(plan.id, asOf).catch((e) => e),
		api('/assessment', { query: { plan: plan.id, year: plan.year || asOf.slice(0, 4), as_of: asOf } }).catch((e) => e),
		api('/unverified', { query: { plan: plan.id } }).catch((e) => e),
	]);
	if (!ctx.alive())
		return;
	const load = new Map();
	for (const a of asg.assignments || []) {
		if (a.state === 'retired' || !a.unit_id)
			continue;
		const c = load.get(a.unit_id) || { lead: 0, co: 0 };
		c[a.role === 'lead' ? 'lead' : 'co'] += 1;
		load.set(a.unit_id, c);
	}
	const stUnits = status instanceof Error ? null : new Map((status.units || []).map((u) => [u.unit_id, u]));
	const scores = assess instanceof Error ? null : new Map((assess.units || []).map((u) => [u.unit_id, u]));
	const units = (dir.units || []).slice().sort((a, b) =>
		((load.get(b.id) || {}).lead || 0) - ((load.get(a.id) || {}).lead || 0) || a.name.localeCompare(b.name, 'zh-CN'));

	const kindSel = select([['', '全部类别'], ...Object.entries(KIND)], '', { id: 'kind-filter' });
	const nameIn = h('input', { type: 'search', id: 'name-filter', placeholder: '单位名称或别名' });
	const count = h('p', { role: 'status', class: 'result-count' });
	const tableBox = h('div');
	const draw = () => {
		const k = kindSel.value, n = nameIn.value.trim();
		const rows = units.filter((u) => (!k || u.kind === k) &&
			(!n || u.name.includes(n) || (u.aliases || []).some((x) => x.includes(n))));
		count.textContent = `共 ${rows.length} 个单位`;
		const cols = [{ label: '单位' }, { label: '类别', cls: 'col-opt' }, { label: '牵头', cls: 'num' }, { label: '配合', cls: 'num' }];
		if (stUnits)
			cols.push({ label: '红', cls: 'num' }, { label: '黄', cls: 'num' });
		if (scores)
			cols.push({ label: '考核得分', cls: 'num' }, { label: '排名', cls: 'num col-opt' });
		put(tableBox, table('单位列表', cols, rows.map((u) => {
			const c = load.get(u.id) || { lead: 0, co: 0 };
			const row = [
				[h('a', { href: `#/units/${u.id}` }, u.name), u.active === false ? [' ', badge('已停用')] : null],
				label(KIND, u.kind),
				String(c.lead), String(c.co),
			];
			if (stUnits) {
				const st = stUnits.get(u.id);
				row.push(st ? String((st.rag || {}).red || 0) : '—', st ? String((st.rag || {}).amber || 0) : '—');
			}
			if (scores) {
				const sc = scores.get(u.id);
				row.push(sc ? String(sc.total) : '—', sc && sc.rank ? String(sc.rank) : '—');
			}
			return row;
		})));
	};
	kindSel.addEventListener('change', draw);
	nameIn.addEventListener('input', draw);
	const notes = [];
	if (status instanceof Error)
		notes.push(failure(status, '各单位的红黄绿统计', 'GET /api/v1/status'));
	if (assess instanceof Error)
		notes.push(failure(assess, '各单位的考核得分', 'GET /api/v1/assessment?year=…'));
	put(box,
		section('单位名录',
			h('div', { class: 'filters no-print' }, field('类别', kindSel), h('div', { class: 'q' }, field('查找单位', nameIn))),
			notes, count, tableBox),
		unverifiedCard(unverified),
		groupsCard(dir));
	draw();
}

function unverifiedCard(r) {
	if (r instanceof Error)
		return section('名录中未找到的单位名称', failure(r, '未核实单位', 'GET /api/v1/unverified'));
	const names = r.names || [];
	if (!names.length)
		return section('名录中未找到的单位名称', notice('ok', '清单中的责任单位都已在单位名录中找到。'));
	return section('名录中未找到的单位名称',
		notice('warn', `有 ${names.length} 个单位名称在单位名录中找不到，相关任务无法交办到具体单位。请在单位名录中补充该单位或别名后重新导入名录。`),
		table('未核实单位', [{ label: '名称（原文）' }, { label: '出现在' }],
			names.map((n) => [n.name, (n.tasks || []).map((t, i) => [i ? '、' : '', h('a', { href: `#/tasks/${t.task_no}` }, `第 ${t.task_no} 项`)])])));
}

function groupsCard(dir) {
	const groups = dir.groups || [];
	if (!groups.length)
		return null;
	const names = new Map((dir.units || []).map((u) => [u.id, u.name]));
	return section('单位分组',
		table('单位分组', [{ label: '分组' }, { label: '成员单位' }],
			groups.map((g) => [g.name, (g.members || []).map((id) => names.get(id) || `#${id}`).join('、') || '（无成员）'])));
}
