// 导出: the plan as an Excel ledger (台账), CSV or JSON download.

import { api, saveBlob } from '../api.js';
import { h } from '../dom.js';
import { today } from '../labels.js';
import { defaultAsOf } from '../state.js';
import { pageHead, section, notice, apiMissing, busy } from '../ui.js';
import { needPlan } from '../data.js';

export default async function render(ctx) {
	ctx.setTitle('导出');
	if (!needPlan(ctx))
		return;
	const plan = ctx.plan;
	const asOf = h('input', { type: 'date', id: 'ex-as-of', value: defaultAsOf(plan, today()) });
	const msg = h('div', { id: 'export-message', 'aria-live': 'polite' });
	const make = (id, text, path, query, fallback) => {
		const b = h('button', { type: 'button', id, class: 'primary' }, text);
		b.addEventListener('click', busy(b, async () => {
			msg.replaceChildren();
			try {
				const r = await api(path, { query: query(), blob: true, filename: fallback });
				saveBlob(r.blob, r.filename);
				msg.append(notice('ok', `已下载 ${r.filename}（${Math.max(1, Math.round(r.blob.size / 1024))} KB）`));
			} catch (e) {
				msg.append(e.missing ? apiMissing('Excel 台账导出', `GET ${'/api/v1' + path}`) : notice('error', e.message));
			}
		}));
		return b;
	};
	ctx.root.append(pageHead('导出', `${plan.doc_no || ''}《${plan.title || ''}》`),
		section('Excel 台账',
			h('p', null, '每项任务一行：目标、时间节点、最新进展、完成率、红黄绿状态、督办级别；另附考核表。适合打印和报送。'),
			h('div', { class: 'actions' }, h('label', { for: 'ex-as-of' }, '状态截至'), asOf,
				make('export-xlsx', '下载 Excel 台账', '/ledger', () => ({ plan: plan.id, as_of: asOf.value }), `台账-${plan.id}.xlsx`))),
		section('清单数据',
			h('p', null, 'CSV：序号、分类、重点任务、牵头单位、责任单位（UTF-8，Excel 可直接打开）。JSON：清单的全部识别结果（目标、时间节点、责任单位）。'),
			h('div', { class: 'actions' },
				make('export-csv', '下载 CSV', '/export', () => ({ plan: plan.id, format: 'csv' }), `duban-plan-${plan.id}.csv`),
				make('export-json', '下载 JSON', '/export', () => ({ plan: plan.id, format: 'json' }), `duban-plan-${plan.id}.json`))),
		msg);
}
