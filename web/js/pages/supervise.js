// 督办: suggestions from the status engine, issuing a step (urge … escalate, accountability), open actions, closing (办结).

import { api } from '../api.js';
import { h, field, select, put } from '../dom.js';
import { STEP, STEP_ORDER, GROUND, BASIS, REPLY, MEASURE, UNIT_ROLE, fmtDate, label, today } from '../labels.js';
import { defaultAsOf } from '../state.js';
import { pageHead, section, notice, failure, loading, table, badge, toast, busy } from '../ui.js';
import { needPlan } from '../data.js';

/* Default reply days by step (ladder.h: duban's own proposal; the office sets each one). */
const REPLY_DAYS = { urge: 5, blue: 7, orange: 5, red: 3, escalate: 3 };
const NO_DEADLINE = new Set(['interview', 'accountability']);
/* Suggestions listed at most (the rest: narrow by task). */
const SUGGESTIONS_SHOWN = 200;

function addDays(iso, n) {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

export default async function render(ctx) {
	ctx.setTitle('督办');
	if (!needPlan(ctx))
		return;
	const plan = ctx.plan;
	const admin = ctx.user.role === 'admin';
	const asOf = ctx.query.as_of || defaultAsOf(plan, today());
	const dateInput = h('input', { type: 'date', id: 'sv-as-of', value: asOf });
	const dateForm = h('form', { class: 'actions' }, h('label', { for: 'sv-as-of' }, '截至'), dateInput, h('button', { type: 'submit' }, '查看'));
	dateForm.addEventListener('submit', (ev) => { ev.preventDefault(); ctx.go(`#/supervise?as_of=${dateInput.value}`); });
	ctx.root.append(pageHead('督办', admin ? '按督办建议或自行发起提醒、催办、督查单、提级督办、约谈和问责' : '督办建议与督办事项（只读）', dateForm));

	const formBox = h('div');
	const sugBox = section('督办建议', loading());
	const openBox = section('督办事项', loading());
	ctx.root.append(sugBox);
	if (admin)
		ctx.root.append(formBox);
	ctx.root.append(openBox);
	const form = admin ? actionForm(ctx, plan) : null;
	if (form) {
		formBox.append(form.el);
		if (ctx.query.task)
			await form.prefill({ task_no: Number(ctx.query.task) });
	}

	const [sug, acts] = await Promise.all([
		api('/suggestions', { query: { plan: plan.id, as_of: asOf, task: ctx.query.task } }).catch((e) => e),
		api('/actions', { query: { plan: plan.id } }).catch((e) => e),
	]);
	if (!ctx.alive())
		return;
	renderSuggestions(ctx, sugBox, sug, form, admin);
	renderActions(ctx, openBox, acts, admin);
	if (form && acts instanceof Error && acts.missing)
		form.unavailable();
}

function renderSuggestions(ctx, box, sug, form, admin) {
	if (sug instanceof Error) {
		put(box, h('h2', null, '督办建议'), failure(sug, '督办建议', 'GET /api/v1/suggestions?as_of=…'));
		return;
	}
	const all = sug.suggestions || [];
	if (!all.length) {
		put(box, h('h2', null, '督办建议'), notice('ok', '当前没有需要督办的事项。'));
		return;
	}
	/* A whole plan can have thousands: show the first ones, and say how to narrow them. */
	const list = all.slice(0, SUGGESTIONS_SHOWN);
	const more = all.length > list.length
		? notice('info', `共 ${all.length} 条建议，这里列出前 ${list.length} 条；在任务页点“督办此任务”可只看该任务的建议。`)
		: null;
	const rows = list.map((s) => {
		const acts = [];
		if (admin) {
			const take = h('button', { type: 'button', class: 'small primary' }, '采纳');
			take.addEventListener('click', () => form.prefill(s));
			const drop = h('button', { type: 'button', class: 'small' }, '不采纳');
			drop.addEventListener('click', busy(drop, async () => {
				const reason = window.prompt('不采纳的理由（可不填）：', '');
				if (reason === null)
					return;
				try {
					await api('/suggestions/dismiss', { method: 'POST', json: { assignment_id: s.assignment_id, keys: s.keys, reason } });
					toast('已记录：不采纳此建议');
					ctx.go(location.hash);
				} catch (e) {
					toast(e.missing ? '该功能的接口尚未提供（POST /api/v1/suggestions/dismiss）' : e.message, 'error');
				}
			}));
			acts.push(take, ' ', drop);
		}
		return [
			h('a', { href: `#/tasks/${s.task_no}` }, `第 ${s.task_no} 项`),
			s.unit_name || '',
			h('strong', null, label(STEP, s.step)),
			s.ground ? label(GROUND, s.ground) : '—',
			h('span', { class: 'small' }, s.reason || ''),
			s.basis ? badge(label(BASIS, s.basis), s.basis === 'decision' ? 'warn' : '') : '—',
			acts,
		];
	});
	put(box, h('h2', null, `督办建议（${all.length}）`), more,
		table('督办建议', [{ label: '任务', cls: 'nowrap' }, { label: '单位' }, { label: '建议措施', cls: 'nowrap' }, { label: '事由', cls: 'nowrap' },
			{ label: '依据' }, { label: '发出条件', cls: 'col-opt' }, { label: '' }], rows));
}

function renderActions(ctx, box, acts, admin) {
	if (acts instanceof Error) {
		put(box, h('h2', null, '督办事项'), failure(acts, '督办事项', 'GET /api/v1/actions'));
		return;
	}
	const list = (acts.actions || []).slice().sort((a, b) => String(b.issued_on).localeCompare(String(a.issued_on)));
	if (!list.length) {
		put(box, h('h2', null, '督办事项'), h('p', { class: 'muted' }, '还没有督办事项。'));
		return;
	}
	const rows = list.map((a) => {
		const ops = [];
		if (a.form_no)
			ops.push(h('a', { class: 'button small', href: `#/notice/${a.id}` }, '通知单'));
		if (admin && !a.closed_on) {
			const close = h('button', { type: 'button', class: 'small' }, '办结');
			close.addEventListener('click', busy(close, async () => {
				if (!window.confirm(`确认办结“${a.form_no || label(STEP, a.step)}”？`))
					return;
				try {
					await api(`/actions/${a.id}/close`, { method: 'POST', json: { on: today() } });
					toast('已办结');
					ctx.go(location.hash);
				} catch (e) {
					toast(e.missing ? '该功能的接口尚未提供（POST /api/v1/actions/{id}/close）' : e.message, 'error');
				}
			}));
			ops.push(' ', close);
		}
		return [
			a.form_no || '—',
			h('strong', null, label(STEP, a.step)),
			h('a', { href: `#/tasks/${a.task_no}` }, `第 ${a.task_no} 项`),
			a.unit_name || '',
			a.ground ? label(GROUND, a.ground) : '—',
			fmtDate(a.issued_on),
			a.deadline ? fmtDate(a.deadline) : '—',
			a.closed_on ? badge('已办结', 'ok') : a.reply_state ? badge(label(REPLY, a.reply_state), a.reply_state === 'overdue' ? 'bad' : '') : '—',
			ops,
		];
	});
	put(box, h('h2', null, `督办事项（${list.length}）`),
		table('督办事项', [{ label: '编号', cls: 'nowrap' }, { label: '措施', cls: 'nowrap' }, { label: '任务', cls: 'nowrap' }, { label: '单位' },
			{ label: '事由', cls: 'col-opt' }, { label: '发出', cls: 'nowrap col-opt' }, { label: '回复时限', cls: 'nowrap' }, { label: '状态' }, { label: '' }], rows));
}

/* The form that issues one step; prefill() takes a suggestion or {task_no}. */
function actionForm(ctx, plan) {
	/* The server dates the action (the HTTP layer reads the clock); deadlines count from today. */
	const issued = today();
	const taskNo = h('input', { id: 'act-task', type: 'number', min: '1', required: true, inputmode: 'numeric' });
	const unitSel = h('select', { id: 'act-unit', required: true }, h('option', { value: '' }, '先填写任务序号'));
	const stepSel = select(STEP_ORDER.map((s) => [s, STEP[s]]), 'urge', { id: 'act-step' });
	const groundSel = select([['', '（提醒可不填）'], ...Object.entries(GROUND)], 'behind', { id: 'act-ground' });
	const deadline = h('input', { id: 'act-deadline', type: 'date', value: addDays(issued, REPLY_DAYS.urge) });
	const requirement = h('textarea', { id: 'act-requirement', rows: '3', maxlength: '2000' });
	const reason = h('textarea', { id: 'act-reason', rows: '3', maxlength: '2000' });
	const measureSel = select(Object.entries(MEASURE), 'criticism', { id: 'act-measure' });
	const docNo = h('input', { id: 'act-docno', maxlength: '64' });
	const subject = h('input', { id: 'act-subject', maxlength: '64' });
	const account = h('fieldset', { class: 'wide', hidden: true }, h('legend', null, '问责登记'),
		h('div', { class: 'form-grid' }, field('问责方式', measureSel), field('文号', docNo, '如 安督〔2022〕3号'), field('问责对象', subject, '可不填')));
	const msg = h('div', { 'aria-live': 'polite', tabindex: '-1' });
	const submit = h('button', { type: 'submit', class: 'primary' }, '发出');
	let cause = '';
	const el = h('form', { class: 'card', id: 'action-form', novalidate: true, 'aria-labelledby': 'action-form-title' },
		h('h2', { id: 'action-form-title' }, '发起督办'),
		msg,
		h('div', { class: 'form-grid' },
			field('任务序号', taskNo),
			field('责任单位', unitSel),
			field('督办措施', stepSel),
			field('督办事由', groundSel),
			field('回复时限', deadline, '约谈、问责不设回复时限'),
			h('div'),
			h('div', { class: 'wide' }, field('督办要求', requirement, '写明要做什么、何时前回复；将印在督办通知单上')),
			h('div', { class: 'wide' }, field('理由', reason, '超出常规升级（如直接发橙色、红色督查单）时必须说明理由')),
			account),
		h('div', { class: 'actions' }, submit));

	const loadUnits = async (selected) => {
		put(unitSel, h('option', { value: '' }, '正在加载…'));
		const no = Number(taskNo.value);
		if (!no) {
			put(unitSel, h('option', { value: '' }, '先填写任务序号'));
			return;
		}
		try {
			const t = await api(`/tasks/${no}`, { query: { plan: plan.id } });
			const list = (t.assignments || []).filter((a) => a.state !== 'retired' && a.unit_id);
			put(unitSel, h('option', { value: '' }, '请选择'), list.map((a) =>
				h('option', { value: a.id, selected: a.id === selected }, `${a.unit_name}（${label(UNIT_ROLE, a.role)}）`)));
		} catch (e) {
			put(unitSel, h('option', { value: '' }, e.status === 404 ? '没有这项任务' : '加载失败'));
		}
	};
	taskNo.addEventListener('change', () => loadUnits());
	stepSel.addEventListener('change', () => {
		const s = stepSel.value;
		deadline.disabled = NO_DEADLINE.has(s);
		if (REPLY_DAYS[s])
			deadline.value = addDays(issued, REPLY_DAYS[s]);
		account.hidden = s !== 'accountability';
	});
	el.addEventListener('submit', busy(submit, async () => {
		msg.replaceChildren();
		const problems = [];
		if (!unitSel.value)
			problems.push('请选择责任单位');
		if (stepSel.value !== 'remind' && !groundSel.value)
			problems.push('除提醒外，督办须写明事由');
		if (stepSel.value === 'accountability' && !docNo.value.trim())
			problems.push('问责须填写文号');
		if (problems.length) {
			msg.append(notice('error', problems.join('；')));
			msg.focus();
			return;
		}
		const body = {
			assignment_id: Number(unitSel.value), step: stepSel.value, ground: groundSel.value || null,
			deadline: deadline.disabled ? null : deadline.value || null,
			requirement: requirement.value.trim(), reason: reason.value.trim(), cause,
		};
		if (stepSel.value === 'accountability')
			Object.assign(body, { measure: measureSel.value, doc_no: docNo.value.trim(), subject: subject.value.trim() });
		try {
			const a = await api('/actions', { method: 'POST', json: body });
			toast(`已发出${label(STEP, a.step || body.step)}${a.form_no ? `（${a.form_no}）` : ''}`);
			ctx.go(a && a.form_no ? `#/notice/${a.id}` : location.hash);
		} catch (e) {
			msg.append(e.missing ? notice('error', '该功能的接口尚未提供（POST /api/v1/actions）') : notice('error', e.message));
			msg.focus();
		}
	}));
	return {
		el,
		unavailable() {
			submit.disabled = true;
			msg.append(notice('info', '发起督办需要服务器提供接口 POST /api/v1/actions，当前服务器版本还没有（该功能的接口尚未提供）。'));
		},
		async prefill(s) {
			taskNo.value = s.task_no || '';
			await loadUnits(s.assignment_id);
			if (s.step) {
				stepSel.value = s.step;
				stepSel.dispatchEvent(new Event('change'));
			}
			if (s.ground)
				groundSel.value = s.ground;
			if (s.deadline)
				deadline.value = s.deadline;
			if (s.reason)
				reason.value = s.reason;
			cause = s.keys || '';
			el.scrollIntoView({ block: 'start' });
			(s.assignment_id ? stepSel : unitSel).focus();
		},
	};
}
