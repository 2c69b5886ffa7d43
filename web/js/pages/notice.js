// 督办通知单: one action's form (交办单 / 催办单 / 督办通知单), laid out to print on A4.

import { api } from '../api.js';
import { h } from '../dom.js';
import { pageHead, failure, notice } from '../ui.js';

export default async function render(ctx) {
	const id = Number(ctx.params.id);
	ctx.setTitle('督办通知单');
	let f;
	try {
		f = await api(`/actions/${id}/form`);
	} catch (e) {
		ctx.root.append(pageHead('督办通知单'),
			e.status === 404 && !e.missing ? notice('warn', '没有这份督办通知单，或当前账号无权查看。')
				: failure(e, '督办通知单', 'GET /api/v1/actions/{id}/form'));
		return;
	}
	if (!ctx.alive())
		return;
	ctx.setTitle(f.number ? `${f.title} ${f.number}` : f.title);
	const print = h('button', { type: 'button', class: 'primary', on: { click: () => window.print() } }, '打印');
	const row = (k, v) => (v ? h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v)) : null);
	ctx.root.append(
		h('div', { class: 'no-print' }, pageHead('督办通知单', '核对无误后打印，加盖公章送达责任单位', [print,
			h('a', { class: 'button', href: '#/supervise' }, '返回督办')])),
		h('article', { class: 'document', id: 'notice-document', 'aria-label': f.title },
			h('p', { class: 'doc-office' }, f.office || '市政府督查室'),
			h('h2', { class: 'doc-title' }, f.title || '督办通知单'),
			f.number ? h('p', { class: 'doc-no' }, `编号：${f.number}`) : null,
			h('table', null, h('tbody', null,
				row('事项', [f.matter_no ? `${f.matter_no}：` : '', f.matter]),
				row('责任单位', f.unit),
				row('责任人', f.person),
				row('督办事由', f.ground),
				row('督办要求', f.requirement),
				row('办理时限', f.deadline),
				row('提级督办领导', f.leader))),
			h('p', null, f.deadline ? `请于${f.deadline}将办理情况书面报送${f.office || '市政府督查室'}。逾期未报的，将按规定升级督办。`
				: `请认真抓好落实，并将办理情况及时报送${f.office || '市政府督查室'}。`),
			h('p', { class: 'sign' }, f.office || '市政府督查室', h('br'), f.issued || '')));
}
