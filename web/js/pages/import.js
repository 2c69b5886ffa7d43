// 导入: upload a task list, preview what was understood (tasks, targets, warnings), then confirm the import.

import { api } from '../api.js';
import { h, field, select, put } from '../dom.js';
import { fmtDate } from '../labels.js';
import { setPlan, state } from '../state.js';
import { pageHead, section, notice, facts, table, toast } from '../ui.js';

const FORMATS = [['auto', '自动识别'], ['text', '文本（.txt）'], ['docx', 'Word（.docx）'], ['xlsx', 'Excel（.xlsx）']];

function upload(file, format, extra) {
	const fd = new FormData();
	fd.append('file', file, file.name);
	return api('/plans', { method: 'POST', body: fd, query: { filename: file.name, format, ...extra } });
}

function warningsList(warnings, stored) {
	if (!warnings || !warnings.length)
		return notice('ok', '没有警告：文件中的每一行都已识别。');
	return h('div', { id: 'import-warnings' },
		notice('warn', stored ? `导入时有 ${warnings.length} 条警告，请对照原文件核对：`
			: `有 ${warnings.length} 条警告，请核对原文件后决定是否导入：`),
		h('ul', { class: 'reasons' }, warnings.map((w) => h('li', null, w.line ? `第 ${w.line} 行：` : '', w.message))));
}

function planFacts(p) {
	return facts([
		['文号', p.doc_no || '（未识别）'],
		['标题', p.title || '（未识别）'],
		['发文机关', p.issuer || '（未识别）'],
		['成文日期', p.issued ? fmtDate(p.issued) : '（未识别）'],
		['年度', p.year ? String(p.year) : null],
		['主送', p.recipients || null],
		['任务数', p.ntasks !== undefined ? `${p.ntasks} 项` : null],
		['文件', `${p.source_name || ''}（${p.source_format || ''}${p.source_encoding ? `，${p.source_encoding}` : ''}）`],
	]);
}

export default async function render(ctx) {
	ctx.setTitle('导入');
	ctx.root.append(pageHead('导入任务清单', '上传印发的任务清单（文本、Word 或 Excel），先预览识别结果，确认后再导入'));
	const file = h('input', { type: 'file', id: 'im-file', required: true, accept: '.txt,.csv,.docx,.xlsx,text/plain' });
	const format = select(FORMATS, 'auto', { id: 'im-format' });
	const previewBtn = h('button', { type: 'submit', class: 'primary' }, '上传并预览');
	const msg = h('div', { 'aria-live': 'polite', tabindex: '-1', id: 'import-message' });
	const out = h('div', { id: 'import-result' });
	const form = h('form', { class: 'card', id: 'import-form', novalidate: true },
		h('h2', null, '第一步：选择文件'),
		h('div', { class: 'form-grid' }, field('任务清单文件', file, '文本文件可为 UTF-8 或 GB18030 编码'), field('文件格式', format)),
		msg, h('div', { class: 'actions' }, previewBtn));
	ctx.root.append(form, out);

	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		msg.replaceChildren();
		out.replaceChildren();
		const f = file.files[0];
		if (!f) {
			file.setAttribute('aria-invalid', 'true');
			msg.append(notice('error', '请选择要导入的文件。'));
			file.focus();
			return;
		}
		file.removeAttribute('aria-invalid');
		previewBtn.disabled = true;
		try {
			const r = await upload(f, format.value, { dry_run: 'true' });
			showPreview(ctx, out, f, format.value, r);
		} catch (e) {
			if (e.status === 400 && /dry_run/.test(e.message)) {
				showNoPreview(ctx, out, f, format.value);
			} else {
				msg.append(notice('error', `无法识别这个文件：${e.message}`));
				msg.focus();
			}
		} finally {
			previewBtn.disabled = false;
		}
	});
}

function confirmBox(ctx, out, f, fmt, preview) {
	const go = h('button', { type: 'button', class: 'primary', id: 'import-confirm' }, '确认导入');
	const cancel = h('button', { type: 'button' }, '取消');
	const msg = h('div', { 'aria-live': 'polite', tabindex: '-1' });
	cancel.addEventListener('click', () => { out.replaceChildren(); document.getElementById('im-file').focus(); });
	go.addEventListener('click', async () => {
		go.disabled = true;
		msg.replaceChildren();
		try {
			const r = await upload(f, fmt, {});
			await done(ctx, out, r);
		} catch (e) {
			msg.append(notice('error', e.message));
			if (e.status === 409 && preview && preview.plan && preview.plan.doc_no) {
				const same = state.plans.find((p) => p.doc_no === preview.plan.doc_no);
				if (same)
					msg.append(replaceButton(ctx, out, f, fmt, same));
			}
			msg.focus();
			go.disabled = false;
		}
	});
	return section('第三步：确认', h('p', null, '导入在一个事务中完成：失败时数据库保持原样。'), msg, h('div', { class: 'actions' }, go, cancel));
}

function replaceButton(ctx, out, f, fmt, plan) {
	const b = h('button', { type: 'button', class: 'danger' }, `用此文件替换现有清单 ${plan.doc_no}`);
	b.addEventListener('click', async () => {
		if (!window.confirm(`确认用新文件替换 ${plan.doc_no}？已有报告或督办记录的清单不能替换。`))
			return;
		b.disabled = true;
		try {
			const cur = await api(`/plans/${plan.id}`, { withHeaders: true });
			const fd = new FormData();
			fd.append('file', f, f.name);
			const r = await api(`/plans/${plan.id}`, { method: 'PUT', body: fd, query: { filename: f.name, format: fmt },
				headers: { 'If-Match': cur.headers.get('ETag') || '*' } });
			await done(ctx, out, r);
		} catch (e) {
			toast(e.message, 'error');
			b.disabled = false;
		}
	});
	return b;
}

async function done(ctx, out, r) {
	const p = r.plan;
	setPlan(p.id);
	await ctx.reloadPlans();
	const verb = r.outcome === 'replaced' ? '已替换' : r.outcome === 'unchanged' ? '已存在，未重复导入' : '已导入';
	toast(`${verb}：${p.doc_no || p.title}`);
	put(out, section('导入完成',
		notice('ok', h('strong', null, `${verb}：`), `${p.doc_no || ''}《${p.title || ''}》，共 ${p.ntasks} 项任务。`),
		planFacts(p), warningsList(r.warnings, true),
		h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#/tasks' }, '查看任务'), h('a', { class: 'button', href: '#/' }, '查看总览'))));
	const heading = out.querySelector('h2');
	if (heading) {
		heading.tabIndex = -1;
		heading.focus();
	}
}

function showPreview(ctx, out, f, fmt, r) {
	const p = r.plan || {};
	const tasks = r.tasks || [];
	const sections = r.sections || [];
	put(out,
		section('第二步：核对识别结果',
			notice('info', '以下是从文件中识别出的内容，尚未写入数据库。'),
			h('div', { class: 'grid-2' },
				h('div', null, h('h3', null, '清单信息'), planFacts({ ...p, ntasks: p.ntasks ?? tasks.length })),
				h('div', null, h('h3', null, '分类'), sections.length
					? h('ul', null, sections.map((s) => h('li', null, `${s.section || '未分类'}：${s.ntasks} 项`))) : h('p', null, '—'),
				r.ntargets !== undefined ? h('p', null, `量化目标 ${r.ntargets} 个，时间节点 ${r.nmilestones || 0} 个，责任单位 ${r.nunits || 0} 个（按原文写法计）。`) : null)),
			h('h3', null, '警告'), warningsList(r.warnings),
			r.existing ? notice('warn', `数据库中已有同一文号的清单（${r.existing.doc_no || ''}，导入于 ${fmtDate(r.existing.imported_at)}）：直接导入会被拒绝，可选择替换。`) : null,
			h('h3', null, `任务（${tasks.length} 项）`),
			table('识别出的任务', [{ label: '序号', cls: 'num' }, { label: '分类', cls: 'col-opt nowrap' }, { label: '重点任务', cls: 'col-text' },
				{ label: '责任单位' }, { label: '目标', cls: 'num col-opt' }, { label: '节点', cls: 'num col-opt' }, { label: '完成时限', cls: 'nowrap col-opt' }],
			tasks.map((t) => [String(t.no), t.section || '—', h('span', { class: 'clamp' }, t.text), (t.units || []).join('、') || h('span', { class: 'badge bad' }, '无'),
				String(t.ntargets ?? 0), String(t.nmilestones ?? 0), t.due || '—']))),
		confirmBox(ctx, out, f, fmt, r));
	out.querySelector('h2').tabIndex = -1;
	out.querySelector('h2').focus();
}

function showNoPreview(ctx, out, f, fmt) {
	put(out,
		section('第二步：核对识别结果',
			h('div', { class: 'notice notice-missing', 'data-state': 'api-missing' },
				h('strong', null, '预览接口尚未提供'),
				h('p', null, '当前服务器不支持 ', h('code', null, 'POST /api/v1/plans?dry_run=true'),
					'，无法在导入前预览。确认后将直接导入，导入结果和全部警告会在导入后显示；如有问题，可修改文件后用“替换”重新导入。'))),
		confirmBox(ctx, out, f, fmt, null));
	out.querySelector('h2').tabIndex = -1;
	out.querySelector('h2').focus();
}
