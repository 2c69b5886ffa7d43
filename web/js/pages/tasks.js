// 任务: the plan's tasks with filters (section, unit, RAG, flag, text search) and paging.

import { api } from '../api.js';
import { h, field, select, highlight, put } from '../dom.js';
import { RAG, FLAG, fmtDate, label, today } from '../labels.js';
import { defaultAsOf, isReader } from '../state.js';
import { pageHead, notice, failure, loading, ragBadge, flagBadges, table, pager, apiMissing } from '../ui.js';
import { allTasks, loadStatus, needPlan } from '../data.js';

const PAGE = 50;

function hrefWith(query, changes) {
	const q = { ...query, ...changes };
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(q))
		if (v !== undefined && v !== null && v !== '')
			p.set(k, v);
	const s = p.toString();
	return `#/tasks${s ? `?${s}` : ''}`;
}

export default async function render(ctx) {
	ctx.setTitle('任务');
	if (!needPlan(ctx))
		return;
	const plan = ctx.plan;
	const q = ctx.query;
	const asOf = q.as_of || defaultAsOf(plan, today());
	const page = Math.max(1, Number(q.page) || 1);
	const sub = ctx.user.role === 'liaison'
		? `${ctx.user.unit_name || '本单位'}承担的任务（牵头或配合）`
		: `${plan.title || ''}（${plan.doc_no || ''}）`;
	ctx.root.append(pageHead('任务', sub));

	const [detail, dir] = await Promise.all([
		api(`/plans/${plan.id}`),
		isReader() ? api('/directory').catch(() => null) : Promise.resolve(null),
	]);
	if (!ctx.alive())
		return;

	/* The filter form: submitting it rewrites the address (so back/forward and links work). */
	const sectionSel = select([['', '全部分类'], ...(detail.sections || []).map((s) => [s.section, s.section || '未分类'])],
		q.section, { name: 'section', id: 'f-section' });
	const units = dir ? dir.units.filter((u) => u.active !== false).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) : [];
	const unitSel = dir ? select([['', '全部单位'], ...units.map((u) => [u.id, u.name])], q.unit, { name: 'unit', id: 'f-unit' }) : null;
	const ragSel = select([['', '全部'], ['red', '红'], ['amber', '黄'], ['green', '绿'], ['none', '未评']], q.rag,
		{ name: 'rag', id: 'f-rag' });
	const flagSel = select([['', '全部'], ...Object.entries(FLAG)], q.flag, { name: 'flag', id: 'f-flag' });
	const search = h('input', { type: 'search', name: 'q', id: 'f-q', value: q.q || '', maxlength: '100',
		placeholder: '如：硒、督查、创建', autocomplete: 'off' });
	const form = h('form', { class: 'card filters no-print', role: 'search', 'aria-label': '筛选任务' },
		field('分类', sectionSel),
		unitSel ? field('责任单位', unitSel) : null,
		field('红黄绿', ragSel),
		field('预警', flagSel),
		h('div', { class: 'q' }, field('搜索任务内容', search, '一个字或一个词都可以')),
		h('div', { class: 'actions' },
			h('button', { type: 'submit', class: 'primary' }, '查询'),
			h('a', { class: 'button', href: '#/tasks' }, '清除条件')));
	form.addEventListener('submit', (ev) => {
		ev.preventDefault();
		ctx.go(hrefWith({}, {
			section: sectionSel.value, unit: unitSel ? unitSel.value : '', rag: ragSel.value,
			flag: flagSel.value, q: search.value.trim(), as_of: q.as_of,
		}));
	});
	const results = h('div', { id: 'task-results' }, loading());
	ctx.root.append(form, results);

	let tasks, status = null, statusErr = null, unitNos = null;
	try {
		[tasks, status, unitNos] = await Promise.all([
			allTasks(plan.id, { section: q.section, q: q.q }),
			loadStatus(plan.id, asOf).catch((e) => { statusErr = e; return null; }),
			q.unit && unitSel
				? api('/assignments', { query: { plan: plan.id, unit_id: q.unit } })
					.then((r) => new Set(r.assignments.map((a) => a.task_no)))
				: Promise.resolve(null),
		]);
	} catch (e) {
		put(results, failure(e, '任务列表', 'GET /api/v1/tasks'));
		return;
	}
	if (!ctx.alive())
		return;
	const st = new Map(((status && status.tasks) || []).map((s) => [s.no, s]));
	const parts = [];
	if (!status) {
		ragSel.disabled = true;
		flagSel.disabled = true;
		if (q.rag || q.flag)
			parts.push(apiMissing('按红黄绿和预警筛选', 'GET /api/v1/status?plan=…&as_of=…'));
		else if (statusErr && !statusErr.missing)
			parts.push(notice('warn', `任务状态暂时无法显示：${statusErr.message}`));
		else
			parts.push(h('p', { class: 'muted small', 'data-state': 'api-missing' },
				'红黄绿状态和预警：该功能的接口尚未提供（GET /api/v1/status），暂不显示，也不能据此筛选。'));
	}
	let rows = tasks;
	if (unitNos)
		rows = rows.filter((t) => unitNos.has(t.no));
	if (status && q.rag)
		rows = rows.filter((t) => ((st.get(t.no) || {}).rag || 'none') === q.rag);
	if (status && q.flag)
		rows = rows.filter((t) => ((st.get(t.no) || {}).flags || []).includes(q.flag));
	if (!status && (q.rag || q.flag))
		rows = [];

	const filters = [];
	if (q.section) filters.push(`分类“${q.section}”`);
	if (q.unit && unitSel) filters.push(`单位“${(units.find((u) => String(u.id) === q.unit) || {}).name || q.unit}”`);
	if (q.rag) filters.push(`${label(RAG, q.rag === 'none' ? '' : q.rag)}色`);
	if (q.flag) filters.push(label(FLAG, q.flag));
	if (q.q) filters.push(`含“${q.q}”`);
	const summary = h('p', { class: 'result-count', id: 'result-count', role: 'status' },
		`共 ${rows.length} 项任务`, filters.length ? `（${filters.join('，')}）` : '',
		status ? `；状态截至 ${fmtDate(status.as_of || asOf)}` : '');
	parts.push(summary);
	if (!rows.length) {
		parts.push(notice('info', q.q ? `没有找到含“${q.q}”的任务。` : '没有符合条件的任务。'));
		put(results, ...parts);
		return;
	}
	const slice = rows.slice((page - 1) * PAGE, page * PAGE);
	const cols = [
		{ label: '序号', cls: 'num' }, { label: '分类', cls: 'col-opt nowrap' }, { label: '重点任务', cls: 'col-text' },
		{ label: '牵头单位', cls: 'nowrap' }, { label: '责任单位', cls: 'num col-opt' }, { label: '完成时限', cls: 'col-opt nowrap' },
	];
	if (status)
		cols.push({ label: '状态' });
	const body = slice.map((t) => {
		const s = st.get(t.no);
		const row = [
			String(t.no),
			t.section || '—',
			h('a', { href: `#/tasks/${t.no}`, class: 'clamp task-link', 'data-no': t.no }, highlight(t.text, q.q)),
			t.lead || '—',
			String((t.units || []).length),
			t.due ? t.due : '—',
		];
		if (status)
			row.push(s ? [ragBadge(s.rag), flagBadges(s.flags)] : h('span', { class: 'muted' }, '—'));
		return row;
	});
	parts.push(table('任务列表', cols, body, { class: 'tasks' }),
		pager(rows.length, page, PAGE, (p) => hrefWith(q, { page: p })));
	put(results, ...parts.filter(Boolean));
}
