// 审核: the office's review queue — accept a report or return it with a reason.

import { api } from '../api.js';
import { h, field, put } from '../dom.js';
import { LIKELIHOOD, UNIT_ROLE, fmtDate, fmtPercent, fmtPeriod, fmtNumber, label, targetGoal } from '../labels.js';
import { pageHead, notice, failure, loading, facts, toast } from '../ui.js';
import { byNo, needPlan } from '../data.js';

export default async function render(ctx) {
	ctx.setTitle('审核');
	if (!needPlan(ctx))
		return;
	const plan = ctx.plan;
	ctx.root.append(pageHead('审核', '各单位报送的进展报告，逐份通过或退回'));
	const box = h('div', null, loading());
	ctx.root.append(box);
	let queue;
	try {
		queue = await api('/review-queue', { query: { plan: plan.id } });
	} catch (e) {
		put(box, failure(e, '报告审核', 'GET /api/v1/review-queue'));
		return;
	}
	const reports = queue.reports || [];
	/* Each task whole (its targets name the values reported). */
	const nos = [...new Set(reports.map((r) => r.task_no))];
	const tasks = byNo(await Promise.all(nos.map((no) => api(`/tasks/${no}`, { query: { plan: plan.id } }))));
	if (!ctx.alive())
		return;
	const count = h('p', { class: 'result-count', role: 'status', id: 'queue-count' });
	const list = h('ul', { class: 'items', id: 'review-queue' });
	const update = () => {
		const n = list.children.length;
		count.textContent = n ? `待审核 ${n} 份` : '没有待审核的报告。';
	};
	for (const r of reports)
		list.append(reviewItem(ctx, r, tasks.get(r.task_no), update));
	put(box, count, list);
	update();
}

function reviewItem(ctx, r, task, update) {
	const reasonId = `reason-${r.id}`;
	const reason = h('textarea', { id: reasonId, rows: '3', maxlength: '2000' });
	const msg = h('div', { 'aria-live': 'polite' });
	const accept = h('button', { type: 'button', class: 'primary', 'data-action': 'accept' }, '通过');
	const ret = h('button', { type: 'button', class: 'danger', 'data-action': 'return' }, '退回');
	const li = h('li', { class: 'item', 'data-report': r.id, 'data-task': r.task_no, 'data-assignment': r.assignment_id },
		h('h3', null, h('a', { href: `#/tasks/${r.task_no}` }, `第 ${r.task_no} 项`),
			` · ${r.unit_name || ''}（${label(UNIT_ROLE, r.role)}）· ${fmtPeriod(r.period)} 第 ${r.version} 版`),
		task ? h('p', { class: 'clamp small muted' }, task.text) : null,
		facts([
			['总体进度', fmtPercent(r.percent)],
			['完成情况', r.progress],
			['存在问题', r.problems || null],
			['下步打算', r.next_steps || null],
			['完成可能性', r.likelihood ? label(LIKELIHOOD, r.likelihood) : null],
			['实际完成值', (r.values || []).length ? r.values.map((v) => {
				const g = task && task.targets ? task.targets[v.seq - 1] : null;
				return `${g ? g.metric : `目标 ${v.seq}`}：${fmtNumber(v.actual)}${g && g.unit ? ` ${g.unit}` : ''}${g ? `（目标 ${targetGoal(g)}）` : ''}`;
			}).join('；') : null],
			['附件', (r.attachments || []).length ? r.attachments.map((f, i) => [i ? '、' : '',
				h('a', { href: `/api/v1/attachments/${encodeURIComponent(f.sha256)}`, download: f.name }, f.name)]) : null],
			['报送', `${fmtDate(r.submitted_on)}${r.author ? `，${r.author}` : ''}`],
		]),
		field('退回原因（退回时必填）', reason, '写明需要补充或更正的内容，单位会看到这段话'),
		msg,
		h('div', { class: 'actions' }, accept, ret));
	const decide = async (decision) => {
		msg.replaceChildren();
		reason.removeAttribute('aria-invalid');
		if (decision === 'returned' && !reason.value.trim()) {
			reason.setAttribute('aria-invalid', 'true');
			msg.append(notice('error', '退回时请写明原因。'));
			reason.focus();
			return;
		}
		accept.disabled = ret.disabled = true;
		try {
			/* If-Match: the review state this page showed; another reviewer's decision first is a 409. */
			await api(`/reports/${r.id}/review`, { method: 'POST', json: { decision, reason: reason.value.trim() },
				headers: { 'If-Match': r.etag || '"review-pending"' } });
			toast(decision === 'accepted' ? `已通过：第 ${r.task_no} 项 ${r.unit_name}` : `已退回：第 ${r.task_no} 项 ${r.unit_name}`);
			const next = li.nextElementSibling || li.previousElementSibling;
			li.remove();
			update();
			const target = next ? next.querySelector('a, button') : document.getElementById('page-title');
			if (target)
				target.focus();
		} catch (e) {
			msg.append(e.missing ? notice('error', '该功能的接口尚未提供（POST /api/v1/reports/{id}/review）') : notice('error', e.message));
			accept.disabled = ret.disabled = false;
		}
	};
	accept.addEventListener('click', () => decide('accepted'));
	ret.addEventListener('click', () => decide('returned'));
	return li;
}
