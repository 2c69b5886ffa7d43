// duban's web interface: boot, session, the hash router and the page frame (no framework, no build step).

import { onUnauthenticated } from './js/api.js';
import { h, clear } from './js/dom.js';
import { ROLE } from './js/labels.js';
import { state, probeSession, loadPlans, logout, forget, setPlan, currentPlan, homeOf } from './js/state.js';
import { errorBox, notice, pageHead, toast } from './js/ui.js';

/*
 * Routes: #/path?query.  Each page is one module in js/pages/ whose default
 * export renders into ctx.root (see README.md).  `roles` limits who sees a
 * page in the menu and may open it; the server checks every call anyway.
 */
const ALL = ['admin', 'leader', 'liaison'];
const READERS = ['admin', 'leader'];
const ROUTES = [
	{ path: '/login', page: 'login', public: true },
	{ path: '/', page: 'dashboard', roles: ALL },
	{ path: '/tasks', page: 'tasks', roles: ALL },
	{ path: '/tasks/:no', page: 'task', roles: ALL },
	{ path: '/units', page: 'units', roles: ALL },
	{ path: '/units/:id', page: 'unit', roles: ALL },
	{ path: '/my', page: 'my', roles: ALL },
	{ path: '/report/:id', page: 'report', roles: ALL },
	{ path: '/review', page: 'review', roles: ['admin'] },
	{ path: '/supervise', page: 'supervise', roles: READERS },
	{ path: '/notice/:id', page: 'notice', roles: ALL },
	{ path: '/assessment', page: 'assessment', roles: READERS },
	{ path: '/bulletin', page: 'bulletin', roles: READERS },
	{ path: '/import', page: 'import', roles: ['admin'] },
	{ path: '/export', page: 'export', roles: READERS },
	{ path: '/account', page: 'account', roles: ALL },
];

const NAV = [
	{ href: '#/', label: '总览', roles: READERS, match: /^\/$/ },
	{ href: '#/my', label: '我的任务', roles: ['liaison'], match: /^\/(my|report)/ },
	{ href: '#/tasks', label: '任务', roles: ALL, match: /^\/tasks/ },
	{ href: '#/units', label: '单位', roles: READERS, match: /^\/units/ },
	{ href: '#/units/mine', label: '本单位', roles: ['liaison'], match: /^\/units/ },
	{ href: '#/review', label: '审核', roles: ['admin'], match: /^\/review/ },
	{ href: '#/supervise', label: '督办', roles: READERS, match: /^\/(supervise|notice)/ },
	{ href: '#/assessment', label: '考核', roles: READERS, match: /^\/assessment/ },
	{ href: '#/bulletin', label: '通报', roles: READERS, match: /^\/bulletin/ },
	{ href: '#/import', label: '导入', roles: ['admin'], match: /^\/import/ },
	{ href: '#/export', label: '导出', roles: READERS, match: /^\/export/ },
];

const main = document.getElementById('main');
let navSeq = 0;
let cleanups = [];
let firstRender = true;

function parseHash() {
	const raw = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
	const q = raw.indexOf('?');
	const path = decodeURIComponent(q < 0 ? raw : raw.slice(0, q)) || '/';
	const query = Object.fromEntries(new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)));
	return { path, query, raw };
}

function match(path) {
	for (const r of ROUTES) {
		const ps = r.path.split('/'), xs = path.split('/');
		if (ps.length !== xs.length)
			continue;
		const params = {};
		let ok = true;
		for (let i = 0; i < ps.length && ok; i++) {
			if (ps[i].startsWith(':'))
				params[ps[i].slice(1)] = xs[i];
			else
				ok = ps[i] === xs[i];
		}
		if (ok)
			return { route: r, params };
	}
	return null;
}

function go(hash) {
	if (location.hash === hash)
		render();
	else
		location.hash = hash;
}


/* ---- the frame: menu, plan picker, user box ---- */

function renderFrame(path) {
	const bar = document.getElementById('topbar');
	const logged = Boolean(state.user);
	bar.hidden = !logged;
	if (!logged)
		return;
	const list = clear(document.getElementById('nav-list'));
	for (const item of NAV) {
		if (!item.roles.includes(state.user.role))
			continue;
		const current = item.match.test(path);
		list.append(h('li', null, h('a', { href: item.href, 'aria-current': current ? 'page' : null }, item.label)));
	}
	const picker = clear(document.getElementById('plan-picker'));
	if (state.plans.length) {
		const sel = h('select', { id: 'plan-select', on: { change: () => { setPlan(Number(sel.value)); render(); } } },
			state.plans.map((p) => h('option', { value: p.id, selected: p.id === state.planId },
				`${p.year || ''} ${p.doc_no || p.title || `清单 ${p.id}`}`.trim())));
		picker.append(h('label', { for: 'plan-select' }, '任务清单'), sel);
	}
	const u = state.user;
	const who = u.name || u.login;
	const roleText = u.role === 'liaison' && u.unit_name ? `${u.unit_name}联络员` : ROLE[u.role] || u.role;
	const out = h('button', { type: 'button', class: 'link-button', id: 'logout' }, '退出');
	out.addEventListener('click', async () => {
		try {
			await logout();
		} catch {
			forget();
		}
		location.hash = '#/login';
		toast('已退出登录');
	});
	clear(document.getElementById('userbox')).append(
		h('span', { class: 'who', id: 'who' }, who, h('span', { class: 'role' }, `（${roleText}）`)),
		h('a', { href: '#/account' }, '修改密码'), out);
}

function setupNavToggle() {
	const btn = document.getElementById('nav-toggle');
	const nav = document.getElementById('nav');
	btn.addEventListener('click', () => {
		const open = btn.getAttribute('aria-expanded') !== 'true';
		btn.setAttribute('aria-expanded', String(open));
		nav.classList.toggle('open', open);
	});
	nav.addEventListener('click', (ev) => {
		if (ev.target.closest('a')) {
			btn.setAttribute('aria-expanded', 'false');
			nav.classList.remove('open');
		}
	});
	document.getElementById('skip-link').addEventListener('click', (ev) => {
		ev.preventDefault();
		const target = document.getElementById('page-title') || main;
		target.focus();
	});
}

/* ---- rendering a route ---- */

async function render() {
	const seq = ++navSeq;
	document.documentElement.dataset.nav = String(seq);
	for (const fn of cleanups)
		try { fn(); } catch { /* a page's cleanup must not stop navigation */ }
	cleanups = [];
	const { path, query, raw } = parseHash();
	if (!state.user && path !== '/login') {
		location.replace(`#/login?next=${encodeURIComponent(raw)}`);
		return;
	}
	if (state.user && path === '/login') {
		location.replace(homeOf(state.user));
		return;
	}
	if (state.user && path === '/units/mine') {
		location.replace(state.user.unit_id ? `#/units/${state.user.unit_id}` : '#/units');
		return;
	}
	if (state.user && path === '/' && state.user.role === 'liaison') {
		location.replace('#/my');
		return;
	}
	renderFrame(path);
	const root = h('div', { class: 'page' });
	clear(main).append(root);
	const m = match(path);
	const ctx = {
		root, query, path,
		params: m ? m.params : {},
		user: state.user,
		plan: currentPlan(),
		plans: state.plans,
		go,
		setTitle: (t) => { document.title = `${t} · duban 督办`; },
		onCleanup: (fn) => cleanups.push(fn),
		alive: () => seq === navSeq,
		reloadPlans: async () => { await loadPlans(); renderFrame(path); },
	};
	try {
		if (!m) {
			ctx.setTitle('没有这个页面');
			root.append(pageHead('没有这个页面'), notice('warn', '地址有误，', h('a', { href: homeOf(state.user) }, '返回首页'), '。'));
		} else if (!m.route.public && !m.route.roles.includes(state.user.role)) {
			ctx.setTitle('无权访问');
			root.append(pageHead('无权访问'), notice('error', '当前账号的角色不能使用此页面。'));
		} else {
			const mod = await import(`./js/pages/${m.route.page}.js`);
			if (seq !== navSeq)
				return;
			await mod.default(ctx);
		}
	} catch (e) {
		if (seq === navSeq && !(e && e.status === 401))
			root.append(errorBox(e));
	}
	if (seq !== navSeq)
		return;
	root.dataset.page = m ? m.route.page : 'none';
	root.dataset.loaded = 'true';
	document.documentElement.dataset.loaded = String(seq);
	const title = document.getElementById('page-title');
	if (!firstRender && title)
		title.focus({ preventScroll: false });
	firstRender = false;
}

onUnauthenticated(() => {
	const { raw, path } = parseHash();
	forget();
	if (path !== '/login') {
		toast('会话已过期或已在别处退出，请重新登录', 'warn');
		location.hash = `#/login?next=${encodeURIComponent(raw)}`;
	}
});

async function boot() {
	setupNavToggle();
	try {
		if (await probeSession())
			await loadPlans();
	} catch (e) {
		clear(main).append(errorBox(e));
		return;
	}
	window.addEventListener('hashchange', render);
	await render();
}

boot();
