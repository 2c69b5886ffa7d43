// 考核: the annual assessment — the ranking with each unit's three parts and its breakdown lines.

import { api } from '../api.js';
import { h, put } from '../dom.js';
import { PART, label, today, fmtDate } from '../labels.js';
import { defaultAsOf } from '../state.js';
import { pageHead, section, failure, loading, table, notice } from '../ui.js';
import { needPlan } from '../data.js';
import { chart, COLORS } from '../charts.js';

export default async function render(ctx) {
	ctx.setTitle('考核');
	if (!needPlan(ctx))
		return;
	const plan = ctx.plan;
	const asOf = ctx.query.as_of || defaultAsOf(plan, today());
	const year = Number(ctx.query.year) || plan.year || Number(asOf.slice(0, 4));
	const yearIn = h('input', { type: 'number', id: 'as-year', min: '1900', max: '2999', value: String(year) });
	const dateIn = h('input', { type: 'date', id: 'as-date', value: asOf });
	const form = h('form', { class: 'actions' }, h('label', { for: 'as-year' }, '年度'), yearIn,
		h('label', { for: 'as-date' }, '截至'), dateIn, h('button', { type: 'submit' }, '查看'),
		h('button', { type: 'button', on: { click: () => window.print() } }, '打印'));
	form.addEventListener('submit', (ev) => { ev.preventDefault(); ctx.go(`#/assessment?year=${yearIn.value}&as_of=${dateIn.value}`); });
	ctx.root.append(pageHead('考核', `${year} 年度目标责任考核：职责履行、行政效能、任务完成情况`, form));
	const box = h('div', null, loading());
	ctx.root.append(box);
	let r;
	try {
		r = await api('/assessment', { query: { plan: plan.id, year, as_of: asOf } });
	} catch (e) {
		put(box, failure(e, '年度考核', 'GET /api/v1/assessment?year=…'));
		return;
	}
	if (!ctx.alive())
		return;
	const units = (r.units || []).slice().sort((a, b) => (a.rank || 1e9) - (b.rank || 1e9));
	if (!units.length) {
		put(box, notice('info', '没有可考核的单位。'));
		return;
	}
	const el = h('div', { class: 'chart tall', role: 'img', 'aria-label': '各单位考核得分（分三部分）条形图' });
	const top = units.filter((u) => u.rank).slice(0, 20);
	const rows = units.map((u) => {
		const p = u.parts || {};
		return h('tr', null,
			h('td', { class: 'num' }, u.rank ? String(u.rank) : '—'),
			h('td', null, h('a', { href: `#/units/${u.unit_id}` }, u.unit_name),
				(u.lines || []).length ? h('details', { class: 'data-table' }, h('summary', null, '得分明细'),
					h('ul', { class: 'reasons' }, u.lines.map((l) => h('li', null,
						`${label(PART, l.part)} ${l.points > 0 ? '+' : ''}${l.points}：${l.text}`,
						l.appeal ? `（申诉：${l.appeal}）` : '')))) : null),
			...Object.keys(PART).map((k) => h('td', { class: 'num col-opt' }, p[k] !== undefined ? String(p[k]) : '—')),
			h('td', { class: 'num' }, h('strong', null, String(u.total))));
	});
	put(box,
		section(`得分前 20 名（截至 ${fmtDate(r.as_of || asOf)}）`, el),
		section('排名与明细',
			r.basis ? h('p', { class: 'muted small' }, r.basis) : null,
			table('考核排名', [{ label: '排名', cls: 'num' }, { label: '单位' }, ...Object.values(PART).map((p) => ({ label: p, cls: 'num col-opt' })),
				{ label: '总分', cls: 'num' }], rows)));
	await chart(el, {
		legend: { bottom: 0 },
		grid: { left: 130, right: 24, top: 8, bottom: 40 },
		xAxis: { type: 'value' },
		yAxis: { type: 'category', inverse: true, data: top.map((u) => u.unit_name) },
		tooltip: { trigger: 'axis' },
		series: Object.keys(PART).map((k, i) => ({
			type: 'bar', stack: 'total', name: PART[k], data: top.map((u) => (u.parts || {})[k] || 0),
			itemStyle: { color: [COLORS.brand, COLORS.blue, COLORS.green][i] },
		})),
	}, ctx);
}
