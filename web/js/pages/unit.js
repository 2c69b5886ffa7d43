// 单位详情: one unit — its tasks (lead, co), their status, and its assessment score with the breakdown.

import { api } from '../api.js';
import { h } from '../dom.js';
import { KIND, RAG, RAG_ORDER, FLAG, PART, UNIT_ROLE, label, today, fmtDate } from '../labels.js';
import { defaultAsOf } from '../state.js';
import { pageHead, section, notice, failure, facts, table, ragBadge, flagBadges } from '../ui.js';
import { allTasks, byNo, loadStatus, needPlan } from '../data.js';

export default async function render(ctx) {
	const id = Number(ctx.params.id);
	ctx.setTitle('单位');
	if (!needPlan(ctx))
		return;
	const plan = ctx.plan;
	const asOf = ctx.query.as_of || defaultAsOf(plan, today());
	let u;
	try {
		u = await api(`/directory/units/${id}`, { query: { plan: plan.id } });
	} catch (e) {
		if (e.status === 404 && !e.missing) {
			ctx.setTitle('没有找到单位');
			ctx.root.append(pageHead('没有找到单位'), notice('warn', '单位名录中没有这个单位，或当前账号无权查看。'));
			return;
		}
		throw e;
	}
	if (!ctx.alive())
		return;
	ctx.setTitle(u.name);
	const year = plan.year || Number(asOf.slice(0, 4));
	const [tasks, status, assess] = await Promise.all([
		allTasks(plan.id),
		loadStatus(plan.id, asOf, { unit_id: id }).catch((e) => e),
		api('/assessment', { query: { plan: plan.id, year, as_of: asOf, unit_id: id } }).catch((e) => e),
	]);
	if (!ctx.alive())
		return;
	const tmap = byNo(tasks);
	const asg = (u.assignments || []).filter((a) => a.state !== 'retired');
	const nLead = asg.filter((a) => a.role === 'lead').length;
	ctx.root.append(
		ctx.user.role !== 'liaison' ? h('nav', { class: 'breadcrumb no-print', 'aria-label': '位置' }, h('a', { href: '#/units' }, '单位'), ' › ', u.name) : null,
		pageHead(u.name, `${label(KIND, u.kind)} · 本清单承担 ${asg.length} 项任务（牵头 ${nLead} 项，配合 ${asg.length - nLead} 项）`));

	/* Status per task of this unit (its own assignment's colour). */
	const stByAsg = new Map();
	let unitSummary = null;
	if (!(status instanceof Error)) {
		for (const t of status.tasks || [])
			for (const a of t.assignments || [])
				if (a.unit_id === id)
					stByAsg.set(a.assignment_id, a);
		unitSummary = (status.units || []).find((x) => x.unit_id === id) || null;
	}
	const info = section('单位信息', facts([
		['名称', u.name],
		['类别', label(KIND, u.kind)],
		['简称及别名', (u.aliases || []).join('、') || null],
		['状态', u.active === false ? '已停用' : '启用'],
	]),
	unitSummary ? h('div', null, h('h3', null, `进展（截至 ${fmtDate(status.as_of || asOf)}）`),
		h('p', null, RAG_ORDER.map((r) => `${label(RAG, r)} ${(unitSummary.rag || {})[r || 'none'] || 0}`).join('，'),
			'；', Object.keys(FLAG).map((f) => `${FLAG[f]} ${(unitSummary.flags || {})[f] || 0}`).join('，'))) : null,
	status instanceof Error ? failure(status, '本单位任务的红黄绿状态', 'GET /api/v1/status?unit_id=…') : null);
	ctx.root.append(h('div', { class: 'grid-2' }, info, scoreCard(assess, id, year)));

	const rows = asg.slice().sort((a, b) => a.task_no - b.task_no || a.position - b.position).map((a) => {
		const t = tmap.get(a.task_no);
		const s = stByAsg.get(a.id);
		return [
			String(a.task_no),
			t ? h('a', { href: `#/tasks/${a.task_no}`, class: 'clamp' }, t.text) : `第 ${a.task_no} 项`,
			h('span', { class: `badge ${a.role}` }, label(UNIT_ROLE, a.role)),
			a.group_name ? `经“${a.group_name}”` : '—',
			t && t.due ? t.due : '—',
			s ? [ragBadge(s.rag), flagBadges(s.flags)] : '—',
			ctx.user.role === 'liaison' && ctx.user.unit_id === id ? h('a', { class: 'button small', href: `#/report/${a.id}` }, '填报') : '',
		];
	});
	ctx.root.append(section('承担的任务', rows.length
		? table(`${u.name}承担的任务`, [{ label: '序号', cls: 'num' }, { label: '重点任务', cls: 'col-text' }, { label: '角色' },
			{ label: '来源', cls: 'col-opt' }, { label: '完成时限', cls: 'col-opt nowrap' }, { label: '状态' }, { label: '' }], rows)
		: notice('info', '本清单中没有交办给这个单位的任务。')));
}

function scoreCard(assess, id, year) {
	if (assess instanceof Error)
		return section('考核得分', failure(assess, '考核得分与明细', 'GET /api/v1/assessment?year=…'));
	const u = (assess.units || []).find((x) => x.unit_id === id);
	if (!u)
		return section('考核得分', notice('info', `${year} 年考核中没有这个单位的得分。`));
	const parts = u.parts || {};
	return section(`考核得分（${year} 年）`,
		facts([
			['总分', h('strong', null, String(u.total))],
			['排名', u.rank ? `第 ${u.rank} 名` : '未排名'],
			...Object.keys(PART).map((p) => [PART[p], parts[p] !== undefined ? String(parts[p]) : '—']),
		]),
		(u.lines || []).length ? h('details', { class: 'data-table' }, h('summary', null, `得分明细（${u.lines.length} 条）`),
			table('得分明细', [{ label: '部分' }, { label: '分值', cls: 'num' }, { label: '事项' }],
				u.lines.map((l) => [label(PART, l.part), l.points > 0 ? `+${l.points}` : String(l.points), l.text]))) : null);
}
