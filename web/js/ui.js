// Shared page pieces: headings, notices, error and "API not there yet" states, badges, pager.

import { h } from './dom.js';
import { RAG, FLAG, label } from './labels.js';

/* The page's <h1> (focus target after navigation) with an optional line under it. */
export function pageHead(title, sub, actions) {
	return h('div', { class: 'page-head' },
		h('div', null,
			h('h1', { tabindex: '-1', id: 'page-title' }, title),
			sub ? h('p', { class: 'page-sub' }, sub) : null),
		actions ? h('div', { class: 'page-actions no-print' }, actions) : null);
}

export function notice(kind, ...content) {
	const role = kind === 'error' ? 'alert' : null;
	return h('div', { class: `notice notice-${kind}`, role }, content);
}

/* The state of a page part whose API the server does not offer yet. */
export function apiMissing(what, route) {
	return h('div', { class: 'notice notice-missing', role: 'status', 'data-state': 'api-missing' },
		h('strong', null, '该功能的接口尚未提供'),
		h('p', null, `${what}需要服务器提供接口 `, h('code', null, route),
			'，当前服务器版本还没有。升级服务器后即可使用，这里不显示任何示例数据。'));
}

export function errorBox(e) {
	return notice('error', e && e.message ? e.message : String(e));
}

/* What a failed load shows: the missing-API state, not found, or the message. */
export function failure(e, what, route) {
	if (e && e.missing)
		return apiMissing(what, route);
	if (e && e.status === 403)
		return notice('error', '当前账号无权查看此内容。');
	return errorBox(e);
}

export function loading(text = '正在加载…') {
	return h('p', { class: 'loading', role: 'status' }, text);
}

export function ragBadge(rag) {
	const code = rag || '';
	return h('span', { class: `badge rag rag-${code || 'none'}`, title: `红黄绿：${label(RAG, code)}` },
		label(RAG, code));
}

export function flagBadges(flags) {
	return (flags || []).map((f) => h('span', { class: 'badge flag' }, label(FLAG, f)));
}

export function badge(text, cls = '') {
	return h('span', { class: `badge ${cls}` }, text);
}

/* A definition list from [[term, value], ...] (null values skipped). */
export function facts(pairs) {
	const dl = h('dl', { class: 'facts' });
	for (const [k, v] of pairs) {
		if (v === null || v === undefined || v === '')
			continue;
		dl.append(h('dt', null, k), h('dd', null, v));
	}
	return dl;
}

/* A table wrapped for horizontal scrolling; columns [{label, cls}], rows of cell arrays. */
export function table(caption, columns, rows, attrs = {}) {
	const t = h('table', { class: ['data', attrs.class] },
		caption ? h('caption', { class: attrs.captionVisible ? '' : 'sr-only' }, caption) : null,
		h('thead', null, h('tr', null, columns.map((c) =>
			h('th', { scope: 'col', class: c.cls }, c.label)))),
		h('tbody', null, rows.map((r) => (r instanceof Node ? r : h('tr', null, r.map((cell, i) =>
			h('td', { class: columns[i] && columns[i].cls }, cell)))))));
	return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption || '表格' }, t);
}

/* Page links for `total` rows at `size` per page; `href(page)` builds each link. */
export function pager(total, page, size, href) {
	const pages = Math.ceil(total / size);
	if (pages <= 1)
		return null;
	const items = [];
	const link = (p, text, rel) => h('li', null, p === page
		? h('span', { 'aria-current': 'page', class: 'current' }, text)
		: h('a', { href: href(p), rel }, text));
	if (page > 1)
		items.push(link(page - 1, '上一页', 'prev'));
	for (let p = 1; p <= pages; p++)
		items.push(link(p, String(p)));
	if (page < pages)
		items.push(link(page + 1, '下一页', 'next'));
	return h('nav', { class: 'pager no-print', 'aria-label': '分页' }, h('ul', null, items));
}

/* Messages for the whole app: polite live region at the bottom. */
export function toast(text, kind = 'ok') {
	const box = document.getElementById('toast');
	if (!box)
		return;
	const item = h('p', { class: `toast-item toast-${kind}` }, text);
	box.append(item);
	setTimeout(() => item.remove(), 6000);
}

/* A button that disables itself while `fn` runs (no double submits). */
export function busy(button, fn) {
	return async (ev) => {
		if (ev)
			ev.preventDefault();
		if (button.disabled)
			return;
		button.disabled = true;
		button.setAttribute('aria-busy', 'true');
		try {
			await fn(ev);
		} finally {
			button.disabled = false;
			button.removeAttribute('aria-busy');
		}
	};
}

/* A section with a heading (h2) and content. */
export function section(title, ...content) {
	const id = `s-${Math.random().toString(36).slice(2, 9)}`;
	return h('section', { class: 'card', 'aria-labelledby': id },
		h('h2', { id }, title), content);
}

/* A line of small facts ("报送：…", "审核：…"), each its own item; null parts skipped. */
export function meta(...parts) {
	return h('p', { class: 'meta' }, parts.filter((x) => x !== null && x !== undefined && x !== false && x !== '')
		.map((x) => h('span', null, x)));
}
