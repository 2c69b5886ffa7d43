// 填报进展: a liaison's report for one assignment — percent, actual value per target, text fields, attachments; its versions.

import { api } from '../api.js';
import { h, field, uid } from '../dom.js';
import { LIKELIHOOD, REVIEW, UNIT_ROLE, fmtDate, fmtPercent, fmtPeriod, fmtNumber, label, targetGoal, today } from '../labels.js';
import { pageHead, section, notice, apiMissing, facts, badge, toast, meta } from '../ui.js';
import { needPlan } from '../data.js';

const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;

/* The period a report is most likely for: this month, or December of a past plan year. */
function defaultPeriod(plan) {
	const t = today();
	if (plan.year && Number(t.slice(0, 4)) > plan.year)
		return `${plan.year}-12`;
	return t.slice(0, 7);
}

export default async function render(ctx) {
	const id = Number(ctx.params.id);
	ctx.setTitle('填报进展');
	if (!needPlan(ctx))
		return;
	const plan = ctx.plan;
	/* The assignment: from the (scoped) list, so another unit's id is simply not found. */
	const all = await api('/assignments', { query: { plan: plan.id } });
	const a = (all.assignments || []).find((x) => x.id === id);
	if (!ctx.alive())
		return;
	if (!a) {
		ctx.root.append(pageHead('没有找到任务'), notice('warn', '没有这项交办任务，或它不属于本单位。'));
		return;
	}
	const t = await api(`/tasks/${a.task_no}`, { query: { plan: plan.id } });
	let history = null, historyErr = null, draft = null;
	try {
		[history, draft] = await Promise.all([
			api(`/assignments/${id}/reports`),
			api(`/assignments/${id}/report-draft`).catch(() => null),
		]);
	} catch (e) {
		historyErr = e;
	}
	if (!ctx.alive())
		return;
	const versions = history ? history.reports || [] : [];
	/* A returned report to redo: the one asked for, else the one the draft says was returned. */
	const fromId = ctx.query.from || (draft && draft.returned ? String(draft.from_report) : null);
	const from = fromId ? versions.find((r) => String(r.id) === fromId) : null;
	const canWrite = ctx.user.role === 'liaison' && ctx.user.unit_id === a.unit_id;

	ctx.root.append(
		h('nav', { class: 'breadcrumb no-print', 'aria-label': '位置' }, h('a', { href: '#/my' }, '我的任务'), ' › ', `第 ${a.task_no} 项`),
		pageHead(`填报进展：第 ${a.task_no} 项`, `${a.unit_name}（${label(UNIT_ROLE, a.role)}）· 完成时限 ${fmtDate(t.due)}`),
		h('p', { class: 'task-text' }, t.text));
	if (historyErr && historyErr.missing)
		ctx.root.append(apiMissing('进展填报', 'GET/POST /api/v1/assignments/{id}/reports'));
	else if (historyErr)
		ctx.root.append(notice('error', historyErr.message));
	if (from)
		ctx.root.append(notice('warn', `正在修改被退回的 ${fmtPeriod(from.period)} 第 ${from.version} 版报告。退回原因：${from.review_reason || '（未说明）'}`));

	/* The form. */
	const errors = h('div', { id: 'form-errors', tabindex: '-1' });
	const period = h('input', { id: 'r-period', name: 'period', required: true,
		value: from ? from.period : (draft && draft.period) || defaultPeriod(plan),
		pattern: '\\d{4}-(0[1-9]|1[0-2]|Q[1-4])', inputmode: 'numeric', autocomplete: 'off' });
	const percent = h('input', { id: 'r-percent', name: 'percent', type: 'number', min: '0', max: '100', step: '0.1', required: true,
		value: from ? String(from.percent) : '' });
	const targetInputs = (t.targets || []).map((g, i) => {
		const prev = from && (from.values || []).find((v) => v.seq === i + 1);
		const input = h('input', { id: `r-target-${i + 1}`, type: 'number', step: 'any', 'data-seq': i + 1,
			value: prev ? String(prev.actual) : '' });
		return field(`${g.metric || `目标 ${i + 1}`}：实际完成（${g.unit || '数值'}）`, input, `目标：${targetGoal(g)}`);
	});
	const text = (name, labelText, required, hint, value) => {
		const el = h('textarea', { id: `r-${name}`, name, required, maxlength: '4000', rows: '4' });
		el.value = value || '';
		return field(labelText + (required ? '（必填）' : ''), el, hint);
	};
	const likelihoodName = uid('likelihood');
	const likelihood = h('fieldset', null, h('legend', null, '完成可能性（自评）'),
		h('div', { class: 'choices' }, Object.entries(LIKELIHOOD).map(([k, v]) => {
			const rid = uid('lk');
			return h('label', { for: rid }, h('input', { type: 'radio', id: rid, name: likelihoodName, value: k,
				checked: from ? from.likelihood === k : k === 'likely' }), v);
		})));
	const files = h('input', { id: 'r-files', type: 'file', multiple: true,
		accept: '.pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.txt' });
	const keep = from && (from.attachments || []).length
		? h('fieldset', { class: 'wide' }, h('legend', null, '保留退回报告的附件'),
			h('div', { class: 'choices' }, from.attachments.map((f) => {
				const cid = uid('keep');
				return h('label', { for: cid }, h('input', { type: 'checkbox', id: cid, checked: true, 'data-sha256': f.sha256, 'data-name': f.name }), f.name);
			})))
		: null;
	const submit = h('button', { type: 'submit', class: 'primary', disabled: !canWrite || Boolean(historyErr) }, from ? '重新报送' : '报送');
	const form = h('form', { class: 'card', id: 'report-form', novalidate: true, 'aria-labelledby': 'report-form-title' },
		h('h2', { id: 'report-form-title' }, from ? '修改并重新报送' : '本期进展'),
		errors,
		h('div', { class: 'form-grid' },
			field('报告期（必填）', period, '月报如 2022-06，季报如 2022-Q2'),
			field('总体完成进度 %（必填）', percent, '0 到 100，按实际完成的工作量估计'),
			h('div'),
			targetInputs.length ? h('fieldset', { class: 'wide' }, h('legend', null, '量化目标的实际完成值'),
				h('div', { class: 'form-grid' }, targetInputs)) : null,
			h('div', { class: 'wide' }, text('progress', '完成情况', true, '本期做了什么、取得了什么结果（写事实和数字）', from && from.progress)),
			h('div', { class: 'wide' }, text('problems', '存在问题', false, '影响进度的原因；进度滞后时请务必说明', from && from.problems)),
			h('div', { class: 'wide' }, text('next_steps', '下步打算', false, '', from && from.next_steps)),
			h('div', { class: 'wide' }, likelihood),
			keep,
			h('div', { class: 'wide' }, field('附件', files, '可选多个文件，每个不超过服务器限制'))),
		h('div', { class: 'actions' }, submit, h('a', { class: 'button', href: '#/my' }, '取消')));
	if (!canWrite)
		form.prepend(notice('info', '只有本单位的联络员可以填报。'));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		errors.replaceChildren();
		const problems = [];
		const bad = (el, msg) => { el.setAttribute('aria-invalid', 'true'); problems.push([el, msg]); };
		for (const el of form.querySelectorAll('[aria-invalid]'))
			el.removeAttribute('aria-invalid');
		if (!PERIOD_RE.test(period.value.trim()))
			bad(period, '报告期应写成 2022-06（月）或 2022-Q2（季度）');
		const p = Number(percent.value);
		if (percent.value === '' || !Number.isFinite(p) || p < 0 || p > 100)
			bad(percent, '总体完成进度应为 0 到 100 之间的数');
		const progress = form.querySelector('#r-progress');
		if (!progress.value.trim())
			bad(progress, '请填写完成情况');
		const values = [];
		for (const wrap of targetInputs) {
			const input = wrap.querySelector('input');
			if (input.value === '')
				continue;
			const v = Number(input.value);
			if (!Number.isFinite(v))
				bad(input, '实际完成值应为数字');
			else
				values.push({ seq: Number(input.dataset.seq), actual: v });
		}
		if (problems.length) {
			errors.append(notice('error', h('strong', null, `有 ${problems.length} 处需要修改：`),
				h('ul', null, problems.map(([el, msg]) => h('li', null, h('a', { href: `#${el.id}`,
					on: { click: (e) => { e.preventDefault(); el.focus(); } } }, msg))))));
			errors.focus();
			return;
		}
		submit.disabled = true;
		try {
			/* Attachments kept from the returned report go by SHA-256; new files travel with
			 * the report itself (multipart: the JSON in "json", each file in "file"). */
			const attachments = [...form.querySelectorAll('input[data-sha256]:checked')]
				.map((c) => ({ sha256: c.dataset.sha256, name: c.dataset.name }));
			const chosen = form.querySelector(`input[name="${likelihoodName}"]:checked`);
			const report = {
				period: period.value.trim(), percent: p, values,
				progress: progress.value.trim(),
				problems: form.querySelector('#r-problems').value.trim(),
				next_steps: form.querySelector('#r-next_steps').value.trim(),
				likelihood: chosen ? chosen.value : 'likely',
				attachments,
			};
			if (files.files.length) {
				const fd = new FormData();
				fd.append('json', new Blob([JSON.stringify(report)], { type: 'application/json' }));
				for (const f of files.files)
					fd.append('file', f, f.name);
				await api(`/assignments/${id}/reports`, { method: 'POST', body: fd });
			} else {
				await api(`/assignments/${id}/reports`, { method: 'POST', json: report });
			}
			toast('已报送，等待督查室审核');
			ctx.go('#/my');
		} catch (e) {
			errors.append(e.missing ? apiMissing('进展填报', 'POST /api/v1/assignments/{id}/reports') : notice('error', e.message));
			errors.focus();
		} finally {
			submit.disabled = !canWrite;
		}
	});
	ctx.root.append(form);

	if (versions.length)
		ctx.root.append(section('历次报告', h('ul', { class: 'items', id: 'report-versions' }, versions.map((r) => h('li', { class: 'item' },
			h('h3', null, `${fmtPeriod(r.period)} 第 ${r.version} 版 · ${fmtPercent(r.percent)} `,
				badge(label(REVIEW, r.review), r.review === 'returned' ? 'bad' : r.review === 'accepted' ? 'ok' : 'warn')),
			meta(`报送：${fmtDate(r.submitted_on)}`, r.author ? `报送人：${r.author}` : null),
			r.review === 'returned' ? notice('warn', `退回原因：${r.review_reason || '（未说明）'}`) : null,
			facts([
				['完成情况', r.progress],
				['存在问题', r.problems || null],
				['下步打算', r.next_steps || null],
				['完成可能性', r.likelihood ? label(LIKELIHOOD, r.likelihood) : null],
				['实际完成值', (r.values || []).length ? r.values.map((v) => {
					const g = (t.targets || [])[v.seq - 1];
					return `${g ? g.metric : `目标 ${v.seq}`}：${fmtNumber(v.actual)}${g && g.unit ? ` ${g.unit}` : ''}`;
				}).join('；') : null],
				['附件', (r.attachments || []).length ? r.attachments.map((f, i) => [i ? '、' : '',
					h('a', { href: `/api/v1/attachments/${encodeURIComponent(f.sha256)}`, download: f.name }, f.name)]) : null],
			]))))));
}
