// 总览: the plan at a glance — counts, status by RAG and schedule, by section, the trend, the unit ranking.

import { api } from '../api.js';
import { h, clear, put } from '../dom.js';
import { RAG, RAG_ORDER, SCHEDULE, SCHEDULE_ORDER, FLAG, fmtDate, label, today } from '../labels.js';
import { defaultAsOf, isReader } from '../state.js';
import { pageHead, section, failure, loading, table } from '../ui.js';
import { countBy, loadStatus, monthEnds, needPlan } from '../data.js';
import { chart, COLORS } from '../charts.js';

const RAG_COLOR = { red: COLORS.red, amber: COLORS.amber, green: COLORS.green, '': COLORS.none };

function tile(n, text, cls, href) {
	const body = [h('span', { class: 'n' }, String(n)), h('span', { class: 't' }, text)];
	return href ? h('a', { class: `tile ${cls}`, href }, body) : h('div', { class: `tile ${cls}` }, body);
}

function dataTable(caption, columns, rows) {
	return h('details', { class: 'data-table' }, h('summary', null, '查看数据表'), table(caption, columns, rows));
}

export default async function render(ctx) {
	ctx.setTitle('总览');
	if (!needPlan(ctx))
		return;
	const plan = ctx.plan;
	const asOf = ctx.query.as_of || defaultAsOf(plan, today());
	const dateInput = h('input', { type: 'date', id: 'as-of', value: asOf, required: true });
	const form = h('form', { class: 'actions', role: 'search', 'aria-label': '截至日期' },
		h('label', { for: 'as-of' }, '截至'), dateInput, h('button', { type: 'submit' }, '查看'));
	form.addEventListener('submit', (ev) => {
		ev.preventDefault();
		ctx.go(`#/?as_of=${encodeURIComponent(dateInput.value)}`);
	});
	ctx.root.append(pageHead('总览', `${plan.title || ''}（${plan.doc_no || ''}）`, form));

	const overview = h('div');
	const statusBox = h('div', null, loading('正在计算任务状态…'));
	const lower = h('div', { class: 'grid-2' });
	ctx.root.append(overview, statusBox, lower);

	const detail = await api(`/plans/${plan.id}`);
	if (!ctx.alive())
		return;
	const sections = detail.sections || [];
	overview.append(section('清单概况',
		h('div', { class: 'tiles' },
			tile(detail.ntasks, '重点任务', 'plain', '#/tasks'),
			sections.map((s) => tile(s.ntasks, s.section || '未分类', 'plain',
				`#/tasks?section=${encodeURIComponent(s.section)}`)),
			tile(detail.nunits, '责任单位（按原文）', 'plain', isReader() ? '#/units' : null),
			tile(detail.ntargets, '量化目标', 'plain'),
			tile(detail.nmilestones, '时间节点', 'plain')),
		h('p', { class: 'muted small' }, `${detail.issuer || ''} ${fmtDate(detail.issued)} 印发；导入于 ${fmtDate(detail.imported_at)}。`)));

	/* Status: totals, by section, trend. */
	let status = null;
	try {
		status = await loadStatus(plan.id, asOf);
	} catch (e) {
		clear(statusBox).append(section('进展状态', failure(e, '红黄绿、进度状态和趋势', 'GET /api/v1/status?plan=…&as_of=…')));
	}
	if (!ctx.alive())
		return;
	if (status)
		await renderStatus(ctx, statusBox, status, sections, plan, asOf);

	/* Units: ranking (assessment) and load (units as written). */
	if (isReader()) {
		const rankBox = section('单位排名', loading());
		const loadBox = section('单位任务量（牵头、配合）', loading());
		lower.append(rankBox, loadBox);
		await Promise.all([renderRanking(ctx, rankBox, plan, asOf), renderLoad(ctx, loadBox, plan)]);
	}
}

async function renderStatus(ctx, box, status, sections, plan, asOf) {
	const tasks = status.tasks || [];
	const rag = countBy(tasks, (t) => t.rag || '');
	const sched = countBy(tasks, (t) => t.schedule || '');
	const flags = countBy(tasks.filter((t) => t.flags && t.flags.length), (t) => t.flags);
	const ragTiles = RAG_ORDER.map((r) => tile(rag[r] || 0, `${label(RAG, r)}${r ? '色' : ''}任务`,
		r || 'neutral', `#/tasks?rag=${r || 'none'}`));
	const schedTiles = SCHEDULE_ORDER.map((s) => tile(sched[s] || 0, label(SCHEDULE, s), s === 'behind' && sched[s] ? 'amber' : 'neutral'));
	const flagTiles = Object.keys(FLAG).map((f) => tile(flags[f] || 0, FLAG[f], flags[f] ? 'red' : 'neutral',
		`#/tasks?flag=${f}`));
	const pie = h('div', { class: 'chart', role: 'img', 'aria-label': '红黄绿任务数饼图' });
	const bySection = h('div', { class: 'chart', role: 'img', 'aria-label': '各分类红黄绿任务数' });
	const secNames = sections.map((s) => s.section);
	for (const t of tasks)
		if (t.section !== undefined && !secNames.includes(t.section))
			secNames.push(t.section);
	const secCounts = secNames.map((s) => countBy(tasks.filter((t) => t.section === s), (t) => t.rag || ''));
	clear(box).append(
		section(`进展状态（截至 ${fmtDate(status.as_of || asOf)}）`,
			h('h3', null, '红黄绿'), h('div', { class: 'tiles', id: 'rag-tiles' }, ragTiles),
			h('h3', null, '序时进度'), h('div', { class: 'tiles' }, schedTiles),
			h('h3', null, '预警'), h('div', { class: 'tiles' }, flagTiles)),
		h('div', { class: 'grid-2' },
			section('红黄绿分布', pie,
				dataTable('红黄绿任务数', [{ label: '颜色' }, { label: '任务数', cls: 'num' }],
					RAG_ORDER.map((r) => [label(RAG, r), String(rag[r] || 0)]))),
			section('按分类', bySection,
				dataTable('各分类红黄绿任务数', [{ label: '分类' }, ...RAG_ORDER.map((r) => ({ label: label(RAG, r), cls: 'num' }))],
					secNames.map((s, i) => [s || '未分类', ...RAG_ORDER.map((r) => String(secCounts[i][r] || 0))])))));
	const trendBox = section('趋势（各月末红黄绿任务数）', loading());
	box.append(trendBox);

	await chart(pie, {
		legend: { bottom: 0 },
		series: [{
			type: 'pie', radius: ['38%', '68%'], center: ['50%', '45%'],
			label: { formatter: '{b}\n{c}' },
			data: RAG_ORDER.map((r) => ({ name: label(RAG, r), value: rag[r] || 0, itemStyle: { color: RAG_COLOR[r] } })),
		}],
		tooltip: { trigger: 'item' },
	}, ctx);
	await chart(bySection, {
		legend: { bottom: 0 },
		grid: { left: 48, right: 16, top: 16, bottom: 48 },
		xAxis: { type: 'category', data: secNames.map((s) => s || '未分类') },
		yAxis: { type: 'value', minInterval: 1 },
		tooltip: { trigger: 'axis' },
		series: RAG_ORDER.map((r) => ({
			name: label(RAG, r), type: 'bar', stack: 'rag', itemStyle: { color: RAG_COLOR[r] },
			data: secCounts.map((c) => c[r] || 0),
		})),
	}, ctx);
	await renderTrend(ctx, trendBox, plan, asOf);
}

async function renderTrend(ctx, box, plan, asOf) {
	const start = plan.issued ? plan.issued.slice(0, 7) : `${plan.year || asOf.slice(0, 4)}-01`;
	const days = monthEnds(start, asOf);
	let points;
	try {
		points = await Promise.all(days.map(async (d) => {
			const s = await loadStatus(plan.id, d);
			return countBy(s.tasks || [], (t) => t.rag || '');
		}));
	} catch (e) {
		clear(box).append(h('h2', null, '趋势'), failure(e, '趋势', 'GET /api/v1/status?as_of=…'));
		return;
	}
	if (!ctx.alive())
		return;
	const el = h('div', { class: 'chart', role: 'img', 'aria-label': '各月末红黄绿任务数折线图' });
	const periods = days.map((d) => d.slice(0, 7));
	clear(box).append(h('h2', null, '趋势（各月末红黄绿任务数）'), el,
		dataTable('各月末红黄绿任务数', [{ label: '截至' }, ...RAG_ORDER.map((r) => ({ label: label(RAG, r), cls: 'num' }))],
			days.map((d, i) => [d, ...RAG_ORDER.map((r) => String(points[i][r] || 0))])));
	await chart(el, {
		legend: { bottom: 0 },
		grid: { left: 48, right: 16, top: 16, bottom: 48 },
		xAxis: { type: 'category', data: periods },
		yAxis: { type: 'value', minInterval: 1 },
		tooltip: { trigger: 'axis' },
		series: RAG_ORDER.filter((r) => r).map((r) => ({
			name: label(RAG, r), type: 'line', itemStyle: { color: RAG_COLOR[r] }, lineStyle: { color: RAG_COLOR[r] },
			data: points.map((p) => p[r] || 0),
		})),
	}, ctx);
}

async function renderRanking(ctx, box, plan, asOf) {
	const year = plan.year || Number(asOf.slice(0, 4));
	let r;
	try {
		r = await api('/assessment', { query: { plan: plan.id, year, as_of: asOf } });
	} catch (e) {
		put(box, h('h2', null, '单位排名'), failure(e, '考核得分与排名', 'GET /api/v1/assessment?year=…'));
		return;
	}
	if (!ctx.alive())
		return;
	const units = (r.units || []).filter((u) => u.rank > 0).sort((a, b) => a.rank - b.rank);
	const top = units.slice(0, 15);
	const el = h('div', { class: 'chart tall', role: 'img', 'aria-label': '考核得分前 15 名单位条形图' });
	put(box, h('h2', null, `单位排名（${year} 年考核，前 15 名）`), el,
		dataTable('单位考核排名', [{ label: '排名', cls: 'num' }, { label: '单位' }, { label: '总分', cls: 'num' }],
			units.map((u) => [String(u.rank), h('a', { href: `#/units/${u.unit_id}` }, u.unit_name), String(u.total)])),
		h('p', null, h('a', { href: '#/assessment' }, '查看考核明细')));
	await chart(el, {
		grid: { left: 130, right: 40, top: 8, bottom: 24 },
		xAxis: { type: 'value' },
		yAxis: { type: 'category', inverse: true, data: top.map((u) => u.unit_name) },
		tooltip: { trigger: 'axis' },
		series: [{ type: 'bar', name: '总分', data: top.map((u) => u.total), itemStyle: { color: COLORS.brand },
			label: { show: true, position: 'right' } }],
	}, ctx);
}

async function renderLoad(ctx, box, plan) {
	let r;
	try {
		r = await api('/units', { query: { plan: plan.id } });
	} catch (e) {
		put(box, h('h2', null, '单位任务量'), failure(e, '单位任务量', 'GET /api/v1/units'));
		return;
	}
	if (!ctx.alive())
		return;
	const units = (r.units || []).slice().sort((a, b) => (b.nlead + b.nco) - (a.nlead + a.nco));
	const top = units.slice(0, 15);
	const el = h('div', { class: 'chart tall', role: 'img', 'aria-label': '承担任务最多的 15 个单位条形图' });
	put(box, h('h2', null, '单位任务量（按原文写法，前 15 名）'), el,
		dataTable('各单位牵头、配合任务数', [{ label: '单位（原文）' }, { label: '牵头', cls: 'num' }, { label: '配合', cls: 'num' }],
			units.map((u) => [u.name, String(u.nlead), String(u.nco)])));
	await chart(el, {
		legend: { bottom: 0 },
		grid: { left: 150, right: 24, top: 8, bottom: 40 },
		xAxis: { type: 'value', minInterval: 1 },
		yAxis: { type: 'category', inverse: true, data: top.map((u) => u.name) },
		tooltip: { trigger: 'axis' },
		series: [
			{ type: 'bar', name: '牵头', stack: 'n', data: top.map((u) => u.nlead), itemStyle: { color: COLORS.brand } },
			{ type: 'bar', name: '配合', stack: 'n', data: top.map((u) => u.nco), itemStyle: { color: COLORS.blue } },
		],
	}, ctx);
}
