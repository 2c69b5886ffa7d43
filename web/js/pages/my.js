// 我的任务 (liaison): the unit's assignments with their status and latest report, the reports returned to fix, sign-for.

import { api } from '../api.js';
import { h, put, field, select, highlight } from '../dom.js';
import { REVIEW, UNIT_ROLE, LIFECYCLE, fmtDate, fmtPercent, fmtPeriod, label, today } from '../labels.js';
import { defaultAsOf } from '../state.js';
import { pageHead, section, notice, failure, loading, ragBadge, flagBadges, badge, toast, busy, table, meta } from '../ui.js';
import { allTasks, byNo, loadStatus, needPlan } from '../data.js';

export default async function render(ctx) {
	ctx.setTitle('我的任务');
	if (ctx.user.role !== 'liaison') {
		ctx.root.append(pageHead('我的任务'),
			notice('info', '此页面供单位联络员填报进展使用。督查室请在', h('a', { href: '#/review' }, '审核'), '页面处理各单位报送的报告。'));
		return;
	}
	if (!needPlan(ctx))
		return;
	const plan = ctx.plan;
	const asOf = defaultAsOf(plan, today());
	ctx.root.append(pageHead('我的任务', `${ctx.user.unit_name || '本单位'} · ${plan.title || ''}`));
	const returnedBox = h('div', null, loading());
	const listBox = h('div', null, loading());
	ctx.root.append(returnedBox, listBox);

	const [asg, tasks, reports, returned, status] = await Promise.all([
		api('/assignments', { query: { plan: plan.id } }),
		allTasks(plan.id),
		api('/reports', { query: { plan: plan.id, latest: 'true' } }).catch((e) => e),
		api('/reports', { query: { plan: plan.id, review: 'returned', latest: 'true' } }).catch((e) => e),
		loadStatus(plan.id, asOf, { unit_id: ctx.user.unit_id }).catch((e) => e),
	]);
	if (!ctx.alive())
		return;
	const tmap = byNo(tasks);

	/* Returned reports first: they are what the unit must act on. */
	if (returned instanceof Error) {
		put(returnedBox, section('退回待修改的报告', failure(returned, '退回的报告', 'GET /api/v1/reports?review=returned&latest=true')));
	} else {
		const list = returned.reports || [];
		put(returnedBox, section(`退回待修改的报告（${list.length}）`, list.length
			? h('ul', { class: 'items', id: 'returned-list' }, list.map((r) => h('li', { class: 'item' },
				h('h3', null, `第 ${r.task_no} 项 · ${fmtPeriod(r.period)} 第 ${r.version} 版`),
				meta(`退回人：${r.reviewer || '督查室'}`, `退回日期：${fmtDate(r.reviewed_on)}`),
				notice('warn', `退回原因：${r.review_reason || '（未说明）'}`),
				h('a', { class: 'button primary', href: `#/report/${r.assignment_id}?from=${r.id}` }, '修改后重新报送'))))
			: h('p', { class: 'muted' }, '没有被退回的报告。')));
	}

	const latest = new Map();
	if (!(reports instanceof Error))
		for (const r of reports.reports || [])
			latest.set(r.assignment_id, r);
	const stBy = new Map();
	if (!(status instanceof Error))
		for (const t of status.tasks || [])
			for (const a of t.assignments || [])
				stBy.set(a.assignment_id, a);
	const mine = (asg.assignments || []).filter((a) => a.state !== 'retired')
		.sort((a, b) => (a.role === b.role ? a.task_no - b.task_no : a.role === 'lead' ? -1 : 1));
	const nLead = mine.filter((a) => a.role === 'lead').length;
	const roleSel = select([['', `全部（${mine.length}）`], ['lead', `牵头（${nLead}）`], ['co', `配合（${mine.length - nLead}）`]], '', { id: 'my-role' });
	const find = h('input', { type: 'search', id: 'my-find', placeholder: '序号或任务内容中的字词', autocomplete: 'off' });
	const count = h('p', { class: 'result-count', role: 'status' });
	const tableBox = h('div', { id: 'my-tasks' });
	const draw = () => {
		const word = find.value.trim();
		const rows = mine.filter((a) => (!roleSel.value || a.role === roleSel.value) &&
			(!word || String(a.task_no) === word || ((tmap.get(a.task_no) || {}).text || '').includes(word)));
		count.textContent = `共 ${rows.length} 项`;
		const cols = [{ label: '序号', cls: 'num' }, { label: '重点任务', cls: 'col-text' }, { label: '角色' },
			{ label: '完成时限', cls: 'nowrap col-opt' }];
		if (stBy.size)
			cols.push({ label: '状态' });
		cols.push({ label: '最新报告', cls: 'col-opt' }, { label: '操作' });
		put(tableBox, table('本单位的任务', cols, rows.map((a) => {
			const t = tmap.get(a.task_no);
			const r = latest.get(a.id);
			const st = stBy.get(a.id);
			const acts = [h('a', { class: 'button primary small', href: `#/report/${a.id}` }, '填报')];
			if (st && st.lifecycle === 'pending_sign')
				acts.push(' ', signButton(ctx, a));
			const row = h('tr', { 'data-assignment': a.id },
				h('td', { class: 'num' }, String(a.task_no)),
				h('td', { class: 'col-text' }, h('a', { href: `#/tasks/${a.task_no}`, class: 'clamp' }, highlight(t ? t.text : `第 ${a.task_no} 项`, word))),
				h('td', null, h('span', { class: `badge ${a.role}` }, label(UNIT_ROLE, a.role))),
				h('td', { class: 'nowrap col-opt' }, t && t.due ? t.due : '—'));
			if (stBy.size)
				row.append(h('td', null, st ? [ragBadge(st.rag), flagBadges(st.flags), h('span', { class: 'small muted' }, label(LIFECYCLE, st.lifecycle))] : '—'));
			row.append(
				h('td', { class: 'col-opt' }, r ? [`${fmtPeriod(r.period)} 第 ${r.version} 版 ${fmtPercent(r.percent)} `,
					badge(label(REVIEW, r.review), r.review === 'returned' ? 'bad' : r.review === 'accepted' ? 'ok' : 'warn')]
					: h('span', { class: 'muted' }, reports instanceof Error ? '—' : '尚未报送')),
				h('td', { class: 'nowrap' }, acts));
			return row;
		})));
	};
	roleSel.addEventListener('change', draw);
	find.addEventListener('input', draw);
	put(listBox, section(`本单位的任务（牵头 ${nLead} 项，配合 ${mine.length - nLead} 项）`,
		reports instanceof Error ? failure(reports, '进展报告', 'GET /api/v1/reports?latest=true') : null,
		status instanceof Error && !status.missing ? notice('warn', `任务状态暂时无法显示：${status.message}`) : null,
		mine.length ? [h('div', { class: 'filters no-print' }, field('角色', roleSel), h('div', { class: 'q' }, field('查找', find))), count, tableBox]
			: notice('info', '本清单中没有交办给本单位的任务。')));
	draw();
}

function signButton(ctx, a) {
	const b = h('button', { type: 'button', class: 'small' }, '签收');
	b.addEventListener('click', busy(b, async () => {
		try {
			await api(`/assignments/${a.id}/sign`, { method: 'POST', json: { on: today() } });
			toast(`已签收第 ${a.task_no} 项任务`);
			ctx.go(location.hash);
		} catch (e) {
			toast(e.missing ? '该功能的接口尚未提供（POST /api/v1/assignments/{id}/sign）' : e.message, 'error');
		}
	}));
	return b;
}
