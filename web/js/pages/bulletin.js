// 通报: the progress bulletin for a period, laid out as a document to print; HTML and Markdown downloads.

import { api, saveBlob } from '../api.js';
import { h, put } from '../dom.js';
import { today } from '../labels.js';
import { pageHead, failure, loading, toast, busy } from '../ui.js';
import { needPlan } from '../data.js';

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

function share(n, total) {
	return total ? `${Math.round((n / total) * 1000) / 10}%` : '—';
}

function change(now, before) {
	const d = now - before;
	return d === 0 ? '持平' : d > 0 ? `增加 ${d} 项` : `减少 ${-d} 项`;
}

function taskTable(list, withReason) {
	const head = ['序号', '任务', '牵头单位'];
	if (withReason)
		head.push('进度情况', '单位说明的原因');
	return h('table', { class: list.length > 15 ? 'big-table' : null },
		h('thead', null, h('tr', null, head.map((x) => h('th', { scope: 'col' }, x)))),
		h('tbody', null, list.map((t) => h('tr', null,
			h('td', null, String(t.no)), h('td', null, t.text), h('td', null, t.lead_unit || ''),
			withReason ? h('td', null, t.reason || '', t.runs > 1 ? `（连续 ${t.runs} 期）` : '') : null,
			withReason ? h('td', null, t.cause || '单位未说明原因', t.cause_repeated ? '（与上期原因相同）' : '') : null))));
}

export default async function render(ctx) {
	ctx.setTitle('通报');
	if (!needPlan(ctx))
		return;
	const plan = ctx.plan;
	const t = today();
	const period = ctx.query.period || (plan.year && Number(t.slice(0, 4)) > plan.year ? `${plan.year}-12` : t.slice(0, 7));
	const periodIn = h('input', { type: 'month', id: 'bl-period', value: period, required: true });
	const form = h('form', { class: 'actions' }, h('label', { for: 'bl-period' }, '通报期'), periodIn, h('button', { type: 'submit' }, '查看'));
	form.addEventListener('submit', (ev) => { ev.preventDefault(); ctx.go(`#/bulletin?period=${periodIn.value}`); });
	const print = h('button', { type: 'button', class: 'primary', on: { click: () => window.print() } }, '打印');
	const dl = (format, ext) => {
		const b = h('button', { type: 'button' }, `下载 ${ext}`);
		b.addEventListener('click', busy(b, async () => {
			try {
				const r = await api('/bulletin', { query: { plan: plan.id, period, format }, blob: true, filename: `通报-${period}.${format}` });
				saveBlob(r.blob, r.filename);
			} catch (e) {
				toast(e.missing ? '该功能的接口尚未提供（GET /api/v1/bulletin?format=…）' : e.message, 'error');
			}
		}));
		return b;
	};
	ctx.root.append(h('div', { class: 'no-print' }, pageHead('通报', '按期生成进展通报，核对后打印或下载', [form, print, dl('html', 'HTML'), dl('md', 'Markdown')])));
	const box = h('div', null, loading());
	ctx.root.append(box);
	let b;
	try {
		b = await api('/bulletin', { query: { plan: plan.id, period } });
	} catch (e) {
		put(box, failure(e, '进展通报', 'GET /api/v1/bulletin?period=…'));
		return;
	}
	if (!ctx.alive())
		return;
	const tt = b.totals || {};
	const pv = b.previous || {};
	const part = (i, title, ...content) => [h('h3', null, `${CN[i]}、${title}`), content];
	const rows = [['超进度', 'ahead'], ['达进度', 'on'], ['欠进度', 'behind'], ['已完成', 'done'], ['其它', 'other']];
	const doc = h('article', { class: 'document', id: 'bulletin-document', 'aria-label': b.title || '进展通报' },
		h('h2', { class: 'doc-title' }, b.title || '进展通报'),
		h('p', { class: 'doc-no' }, [b.issue_no, b.issuer, b.as_of ? `截至${b.as_of}` : null].filter(Boolean).join('　')),
		part(0, '总体情况',
			h('p', null, `纳入统计的任务共 ${tt.total || 0} 项。`),
			h('table', null, h('thead', null, h('tr', null, ['类别', '任务数', '占比', b.has_previous ? '较上期' : null].filter(Boolean).map((x) => h('th', { scope: 'col' }, x)))),
				h('tbody', null, rows.map(([n, k]) => h('tr', null, h('td', null, n), h('td', null, String(tt[k] || 0)),
					h('td', null, share(tt[k] || 0, tt.total)), b.has_previous ? h('td', null, change(tt[k] || 0, pv[k] || 0)) : null))))),
		part(1, '已完成任务', (b.completed || []).length ? taskTable(b.completed, false) : h('p', null, '本期无新完成的任务。')),
		part(2, '欠进度任务', (b.lagging || []).length ? taskTable(b.lagging, true) : h('p', null, '本期无欠进度任务。')),
		part(3, '逾期未完成任务', (b.overdue || []).length ? taskTable(b.overdue, true) : h('p', null, '本期无逾期未完成任务。')),
		part(4, '逾期未报单位', (b.missing || []).length
			? h('table', null, h('thead', null, h('tr', null, ['单位', '逾期期数', '报告期'].map((x) => h('th', { scope: 'col' }, x)))),
				h('tbody', null, b.missing.map((m) => h('tr', null, h('td', null, m.unit), h('td', null, String(m.count)), h('td', null, m.periods || '')))))
			: h('p', null, '本期无逾期未报单位。')),
		part(5, '本期督办事项', (b.notices || []).length
			? h('table', null, h('thead', null, h('tr', null, ['编号', '类别', '单位', '事项', '发出日期', '办理情况'].map((x) => h('th', { scope: 'col' }, x)))),
				h('tbody', null, b.notices.map((n) => h('tr', null, h('td', null, n.form_no || ''), h('td', null, n.grade || ''), h('td', null, n.unit || ''),
					h('td', null, n.task_no > 0 ? `第 ${n.task_no} 项：${n.task || ''}` : n.task || ''), h('td', null, n.issued_on || ''), h('td', null, n.state || '')))))
			: h('p', null, '本期未发出督查单或提级督办。')),
		part(6, '单位排名', (b.ranking || []).length
			? [b.ranking_basis ? h('p', null, `排名依据：${b.ranking_basis}。`) : null,
				h('table', { class: b.ranking.length > 15 ? 'big-table' : null }, h('thead', null, h('tr', null, ['名次', '单位', '得分'].map((x) => h('th', { scope: 'col' }, x)))),
					h('tbody', null, b.ranking.map((r) => h('tr', null, h('td', null, String(r.rank)), h('td', null, r.unit), h('td', null, String(r.score))))))]
			: h('p', null, '本期不排名。')),
		part(7, '与上期对比', b.has_previous
			? [h('p', null, `上期（${b.previous_period || ''}）欠进度 ${pv.behind || 0} 项，本期 ${tt.behind || 0} 项；上期已完成 ${pv.done || 0} 项，本期 ${tt.done || 0} 项。`),
				h('p', null, `转为红色的任务：${(b.turned_red || []).map((x) => `第 ${x.no} 项`).join('、') || '无'}。`),
				h('p', null, `转为绿色的任务：${(b.turned_green || []).map((x) => `第 ${x.no} 项`).join('、') || '无'}。`)]
			: h('p', null, '本期为首期通报，无上期可比。')),
		b.requirements ? part(8, '下步工作要求', String(b.requirements).split('\n').filter(Boolean).map((p) => h('p', null, p))) : null,
		h('p', { class: 'sign' }, b.issuer || '', h('br'), b.as_of || ''));
	put(box, doc);
}
