// 任务详情: one task — text, status, targets with the latest actual value, milestones, assignments and reports, the action history.

import { api } from '../api.js';
import { h } from '../dom.js';
import {
	LIFECYCLE, SCHEDULE, REVIEW, STEP, GROUND, REPLY, UNIT_ROLE,
	fmtDate, fmtPercent, fmtPeriod, fmtNumber, label, targetGoal, today,
} from '../labels.js';
import { defaultAsOf } from '../state.js';
import { pageHead, section, notice, failure, facts, table, ragBadge, flagBadges, badge, toast, busy, meta } from '../ui.js';
import { loadStatus, needPlan } from '../data.js';

export default async function render(ctx) {
	const no = Number(ctx.params.no);
	ctx.setTitle(`第 ${no} 项任务`);
	if (!needPlan(ctx))
		return;
	const plan = ctx.plan;
	const asOf = ctx.query.as_of || defaultAsOf(plan, today());
	let t;
	try {
		t = await api(`/tasks/${no}`, { query: { plan: plan.id } });
	} catch (e) {
		if (e.status === 404 && !e.missing) {
			ctx.setTitle('没有找到任务');
			ctx.root.append(pageHead('没有找到任务'),
				notice('warn', `清单中没有第 ${Number.isFinite(no) ? no : ctx.params.no} 项任务，或这项任务不在本单位的范围内。`),
				h('p', null, h('a', { href: '#/tasks' }, '返回任务列表')));
			return;
		}
		throw e;
	}
	if (!ctx.alive())
		return;
	const isAdmin = ctx.user.role === 'admin';
	const print = h('button', { type: 'button', on: { click: () => window.print() } }, '打印');
	const actions = [print];
	if (isAdmin)
		actions.push(h('a', { class: 'button primary', href: `#/supervise?task=${no}` }, '督办此任务'));
	ctx.root.append(
		h('nav', { class: 'breadcrumb no-print', 'aria-label': '位置' }, h('a', { href: '#/tasks' }, '任务'), ' › ', `第 ${no} 项`),
		pageHead(`第 ${no} 项任务`, `${t.section || '未分类'} · 完成时限 ${fmtDate(t.due)}`, actions),
		h('p', { class: 'task-text', id: 'task-text' }, t.text));

	const unitsWritten = (t.units || []).map((u) => h('span', { class: `badge ${u.role}` }, `${u.name}（${label(UNIT_ROLE, u.role)}）`));
	const statusBox = h('div');
	ctx.root.append(h('div', { class: 'grid-2' },
		section('基本信息', facts([
			['分类', t.section || '未分类'],
			['牵头单位', t.lead || '—'],
			['责任单位', unitsWritten.length ? unitsWritten : '—'],
			['完成时限', fmtDate(t.due)],
			['分管领导', t.leader || null],
			['原文位置', `清单第 ${t.line} 行`],
		])),
		statusBox));

	/* Status, reports and actions come from APIs that may not exist yet: each part says so on its own. */
	const [status, reports, history] = await Promise.all([
		loadStatus(plan.id, asOf, { task: no }).catch((e) => e),
		api('/reports', { query: { plan: plan.id, task: no, latest: 'true' } }).catch((e) => e),
		api('/actions', { query: { plan: plan.id, task: no } }).catch((e) => e),
	]);
	if (!ctx.alive())
		return;
	const ts = status instanceof Error ? null : (status.tasks || []).find((x) => x.no === no) || null;
	const reportList = reports instanceof Error ? null : reports.reports || [];
	statusBox.append(statusCard(status, ts, asOf));

	ctx.root.append(targetsCard(t, reportList, reports));
	if ((t.milestones || []).length)
		ctx.root.append(section('时间节点', table('时间节点', [{ label: '日期', cls: 'nowrap' }, { label: '内容' }],
			t.milestones.map((m) => [fmtDate(m.due), m.text]))));
	ctx.root.append(assignmentsCard(ctx, t, ts, reportList, reports));
	ctx.root.append(historyCard(history));
}

function statusCard(status, ts, asOf) {
	if (status instanceof Error)
		return section('进展状态', failure(status, '任务状态（红黄绿、序时进度）', 'GET /api/v1/status?task=…'));
	if (!ts)
		return section('进展状态', notice('info', '这项任务还没有状态（可能尚未交办）。'));
	const lead = (ts.assignments || []).find((a) => a.role === 'lead');
	const reasons = [];
	for (const a of ts.assignments || [])
		for (const r of Object.values(a.reasons || {}))
			if (typeof r === 'string' && r)
				reasons.push(`${a.unit_name}：${r}`);
	return section(`进展状态（截至 ${fmtDate(status.as_of || asOf)}）`,
		facts([
			['红黄绿', [ragBadge(ts.rag), ts.rag_worst && ts.rag_worst !== ts.rag ? h('span', { class: 'muted small' }, `（最差单位：${label({ red: '红', amber: '黄', green: '绿' }, ts.rag_worst)}）`) : null]],
			['序时进度', ts.schedule ? label(SCHEDULE, ts.schedule) : null],
			['办理阶段', ts.lifecycle ? label(LIFECYCLE, ts.lifecycle) : null],
			['应达进度', lead && lead.expected !== undefined ? fmtPercent(lead.expected) : null],
			['已报进度', lead && lead.reported !== undefined && lead.reported !== null ? fmtPercent(lead.reported) : null],
			['预警', (ts.flags || []).length ? flagBadges(ts.flags) : '无'],
		]),
		ts.summary ? h('p', { class: 'small' }, ts.summary) : null,
		reasons.length ? h('ul', { class: 'reasons' }, reasons.slice(0, 8).map((r) => h('li', null, r))) : null);
}

/* The latest report of the lead unit (else of anyone) that gives a value for target `seq`. */
function latestActual(seq, reports) {
	const withValue = (reports || []).filter((r) => r.review !== 'returned' && (r.values || []).some((v) => v.seq === seq));
	withValue.sort((a, b) => (a.role === 'lead' ? -1 : 0) - (b.role === 'lead' ? -1 : 0) || String(b.period).localeCompare(String(a.period)));
	const r = withValue[0];
	return r ? { value: r.values.find((v) => v.seq === seq).actual, report: r } : null;
}

function targetsCard(t, reportList, reportsErr) {
	const targets = t.targets || [];
	if (!targets.length)
		return section('量化目标', h('p', { class: 'muted' }, '这项任务没有可量化的目标。'));
	const rows = targets.map((g, i) => {
		const seq = i + 1;
		const got = reportList ? latestActual(seq, reportList) : null;
		let progress = '—';
		if (got && typeof got.value === 'number' && g.value > 0 && g.cmp !== 'le') {
			const pct = Math.round((got.value / g.value) * 1000) / 10;
			progress = [h('meter', { min: '0', max: '100', value: String(Math.min(pct, 100)), 'aria-label': `完成 ${pct}%` }), ` ${pct}%`];
		}
		return [
			g.metric || '—',
			targetGoal(g),
			got ? [`${fmtNumber(got.value)}${g.unit === '%' ? '' : ' '}${g.unit || ''}`,
				h('span', { class: 'muted small' }, `（${got.report.unit_name || ''} ${fmtPeriod(got.report.period)}）`)] : '—',
			progress,
			h('span', { class: 'small' }, g.text || ''),
		];
	});
	return section('量化目标',
		table('量化目标', [{ label: '指标' }, { label: '目标', cls: 'nowrap' }, { label: '最新实际' }, { label: '完成比例', cls: 'nowrap' }, { label: '原文', cls: 'col-opt' }], rows),
		reportsErr instanceof Error ? failure(reportsErr, '最新实际值', 'GET /api/v1/reports?task=…&latest=true') : null);
}

function assignmentsCard(ctx, t, ts, reportList, reportsErr) {
	const byAssignment = new Map();
	for (const r of reportList || [])
		byAssignment.set(r.assignment_id, r);
	const stBy = new Map(((ts && ts.assignments) || []).map((a) => [a.assignment_id, a]));
	const mine = (a) => ctx.user.role === 'liaison' && a.unit_id === ctx.user.unit_id;
	const rows = (t.assignments || []).filter((a) => a.state !== 'retired').map((a) => {
		const r = byAssignment.get(a.id);
		const s = stBy.get(a.id);
		const cell = [];
		if (ctx.user.role !== 'liaison' && a.unit_id)
			cell.push(h('a', { href: `#/units/${a.unit_id}` }, a.unit_name));
		else
			cell.push(a.unit_name);
		if (!a.verified)
			cell.push(' ', badge('名录中未找到', 'warn'));
		const acts = [];
		if (mine(a))
			acts.push(h('a', { class: 'button small', href: `#/report/${a.id}` }, '填报进展'));
		if (ctx.user.role === 'admin' && s && s.lifecycle === 'done')
			acts.push(verifyButton(ctx, a));
		return [
			cell,
			h('span', { class: `badge ${a.role}` }, label(UNIT_ROLE, a.role)),
			a.group_name ? `经“${a.group_name}”` : (a.written !== a.unit_name ? `原文“${a.written}”` : '—'),
			s ? [ragBadge(s.rag), flagBadges(s.flags)] : '—',
			r ? [`${fmtPeriod(r.period)} 第 ${r.version} 版，${fmtPercent(r.percent)}`, ' ',
				badge(label(REVIEW, r.review), r.review === 'returned' ? 'bad' : r.review === 'accepted' ? 'ok' : 'warn')] : '—',
			acts.length ? acts : '',
		];
	});
	const latest = (reportList || []).filter((r) => r.progress);
	return section('责任分工与最新报告',
		table('责任分工', [{ label: '单位' }, { label: '角色' }, { label: '来源', cls: 'col-opt' }, { label: '状态' }, { label: '最新报告' }, { label: '' }], rows),
		reportsErr instanceof Error ? failure(reportsErr, '各单位的进展报告', 'GET /api/v1/reports?task=…&latest=true') : null,
		latest.length ? h('div', null, h('h3', null, '各单位最新报告'), h('ul', { class: 'items' }, latest.map(reportItem))) : null);
}

function reportItem(r) {
	return h('li', { class: 'item' },
		h('h3', null, `${r.unit_name || ''} · ${fmtPeriod(r.period)} 第 ${r.version} 版 · ${fmtPercent(r.percent)}`),
		meta(`报送：${fmtDate(r.submitted_on)}`, `审核：${label(REVIEW, r.review)}`,
			r.review_reason ? `退回原因：${r.review_reason}` : null),
		facts([['完成情况', r.progress], ['存在问题', r.problems || null], ['下步打算', r.next_steps || null]]));
}

function verifyButton(ctx, a) {
	const b = h('button', { type: 'button', class: 'small' }, '销号');
	b.addEventListener('click', busy(b, async () => {
		if (!window.confirm(`确认对“${a.unit_name}”的这项任务销号？销号后该单位的督办事项一并办结。`))
			return;
		try {
			await api(`/assignments/${a.id}/verify`, { method: 'POST', json: { on: today() } });
			toast('已销号');
			ctx.go(location.hash);
		} catch (e) {
			toast(e.missing ? '该功能的接口尚未提供（POST /api/v1/assignments/{id}/verify）' : e.message, 'error');
		}
	}));
	return b;
}

function historyCard(history) {
	if (history instanceof Error)
		return section('督办记录', failure(history, '督办记录', 'GET /api/v1/actions?task=…'));
	const acts = (history.actions || []).slice().sort((a, b) => String(a.issued_on).localeCompare(String(b.issued_on)));
	if (!acts.length)
		return section('督办记录', h('p', { class: 'muted' }, '这项任务还没有督办记录。'));
	return section('督办记录', h('ol', { class: 'timeline' }, acts.map((a) => h('li', null,
		h('div', { class: 'when' }, fmtDate(a.issued_on), a.form_no ? ` · ${a.form_no}` : ''),
		h('div', null, h('strong', null, label(STEP, a.step)), ` · ${a.unit_name || ''}`,
			a.ground ? ` · 事由：${label(GROUND, a.ground)}` : '',
			a.deadline ? ` · 回复时限 ${fmtDate(a.deadline)}` : '',
			a.reply_state ? [' ', badge(label(REPLY, a.reply_state), a.reply_state === 'overdue' ? 'bad' : '')] : null,
			a.closed_on ? [' ', badge('已办结', 'ok')] : null),
		a.reason ? h('div', { class: 'small' }, a.reason) : null,
		a.reply ? h('div', { class: 'small' }, `单位回复：${a.reply}`) : null,
		a.form_no ? h('a', { class: 'small no-print', href: `#/notice/${a.id}` }, '查看、打印督办通知单') : null))));
}

