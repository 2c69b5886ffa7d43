// Helpers for the browser tests: chromium launch, login, navigation waits, console-error policy, screenshots.

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const BASE = process.env.E2E_BASE;
export const ARTIFACTS = process.env.E2E_ARTIFACTS;
export const FIXTURES = process.env.E2E_FIXTURES;
export const PASSWORD = process.env.E2E_PASSWORD;
export const USERS = {
	admin: { login: 'admin', role: 'admin' },
	leader: { login: 'leader', role: 'leader' },
	hanbin: { login: 'hanbin', role: 'liaison', unit: '汉滨区政府' },
	fgw: { login: 'fgw', role: 'liaison', unit: '市发改委' },
};
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/*
 * Debian's chromium, headless, no network but the loopback.  Playwright
 * gives every launch a fresh temporary profile (its own --user-data-dir,
 * removed on close: it refuses the flag in args) and every context is a
 * fresh incognito-like session.
 */
export async function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync',
			'--lang=zh-CN', '--font-render-hinting=none'],
	});
}

export class Failure extends Error {}

export function check(cond, message) {
	if (!cond)
		throw new Failure(message);
}

export function eq(actual, expected, what) {
	const a = JSON.stringify(actual), b = JSON.stringify(expected);
	if (a !== b)
		throw new Failure(`${what}: expected ${b}, got ${a}`);
}

/*
 * A page with the console-error policy attached.  Any console error, page
 * error or HTTP error answer fails the test, except:
 *  - a route the server does not offer yet (404 "没有这个接口", or 400 for an
 *    unknown ?dry_run=): the page shows "接口尚未提供" for those;
 *  - 401 from GET/POST /api/v1/session (the session probe; a wrong password);
 *  - answers the test declared with page.expectHttp(status, urlPart).
 * Chromium logs every 4xx as "Failed to load resource": those are matched
 * to the recorded answers by URL and status.
 */
export async function openPage(browser, viewport = DESKTOP) {
	const context = await browser.newContext({
		viewport, locale: 'zh-CN', acceptDownloads: true,
		isMobile: viewport.width < 600, hasTouch: viewport.width < 600, deviceScaleFactor: 1,
	});
	const page = await context.newPage();
	page.setDefaultTimeout(20000);
	const consoleErrors = [];
	const httpErrors = [];
	const expected = [];
	const pending = [];
	page.on('console', (m) => {
		if (m.type() === 'error')
			consoleErrors.push({ text: m.text(), url: (m.location() || {}).url || '' });
	});
	page.on('pageerror', (e) => consoleErrors.push({ text: `页面脚本错误：${e.message}`, url: '' }));
	page.on('response', (res) => {
		if (res.status() < 400)
			return;
		pending.push((async () => {
			let message = '';
			try {
				message = ((await res.json()).error || {}).message || '';
			} catch { /* not JSON */ }
			httpErrors.push({ url: res.url(), status: res.status(), method: res.request().method(), message });
		})());
	});
	page.expectHttp = (status, urlPart) => expected.push({ status, urlPart });
	page.problems = async () => {
		await Promise.all(pending);
		/* A body lost to a reload: ask again without a session (the route is checked first). */
		for (const r of httpErrors) {
			if (r.status === 404 && !r.message) {
				try {
					r.message = ((await (await fetch(r.url)).json()).error || {}).message || '';
				} catch { /* leave it empty: then it counts as an error */ }
			}
		}
		const allowed = (r) => {
			const path = new URL(r.url).pathname;
			if (r.status === 404 && r.message === '没有这个接口')
				return true;
			if (r.status === 400 && /查询参数 dry_run/.test(r.message))
				return true;
			if (r.status === 401 && path === '/api/v1/session')
				return true;
			return expected.some((x) => x.status === r.status && r.url.includes(x.urlPart));
		};
		const out = [];
		for (const r of httpErrors)
			if (!allowed(r))
				out.push(`HTTP ${r.status} ${r.method} ${r.url}: ${r.message}`);
		for (const c of consoleErrors) {
			const m = /Failed to load resource: the server responded with a status of (\d+)/.exec(c.text);
			if (m && httpErrors.some((r) => r.url === c.url && r.status === Number(m[1])))
				continue;	/* judged above, by its answer */
			out.push(`console: ${c.text} ${c.url}`);
		}
		return out;
	};
	page.missingRoutes = () => httpErrors.filter((r) => r.status === 404 && r.message === '没有这个接口')
		.map((r) => new URL(r.url).pathname);
	return page;
}

/* The number of the last completed navigation (app.js sets html[data-nav], html[data-loaded]). */
async function navState(page) {
	return page.evaluate(() => ({
		nav: Number(document.documentElement.dataset.nav || 0),
		loaded: Number(document.documentElement.dataset.loaded || 0),
	}));
}

/* Wait until the page rendered for a navigation after `after`. */
export async function settled(page, after = 0) {
	await page.waitForFunction((prev) => {
		const d = document.documentElement.dataset;
		return Number(d.loaded || 0) > prev && d.loaded === d.nav;
	}, after);
	await page.waitForLoadState('networkidle');
}

/* Go to `hash` (e.g. "#/tasks?q=硒") and wait for its page. */
export async function go(page, hash) {
	if (!page.url().startsWith(BASE)) {
		await page.goto(BASE + hash);
		await settled(page, 0);
		return;
	}
	const { nav } = await navState(page);
	const same = await page.evaluate((h) => decodeURIComponent(location.hash) === decodeURIComponent(h), hash);
	if (same)
		return;
	await page.evaluate((h) => { location.hash = h; }, hash);
	await settled(page, nav);
}

/* Run `action` (a click, a submit) and wait for the navigation it causes. */
export async function navigating(page, action) {
	const { nav } = await navState(page);
	await action();
	await settled(page, nav);
}

/* Log in through the form; with a wrong password, wait for the message instead of a page. */
export async function login(page, who, password = PASSWORD) {
	if (!page.url().includes('#/login'))
		await go(page, '#/login');
	await page.fill('#login-name', USERS[who] ? USERS[who].login : who);
	await page.fill('#login-password', password);
	if (password !== PASSWORD) {
		await page.click('.login-form button[type=submit]');
		await page.waitForSelector('#login-message .notice');
		return;
	}
	await navigating(page, () => page.click('.login-form button[type=submit]'));
}

export async function logout(page) {
	await navigating(page, () => page.click('#logout'));
}

export async function text(page, selector) {
	return (await page.locator(selector).first().innerText()).trim();
}

/* The task numbers listed on the task list page. */
export async function listedTasks(page) {
	return page.$$eval('a.task-link', (as) => as.map((a) => Number(a.dataset.no)));
}

let shots = 0;
export async function screenshot(page, name) {
	mkdirSync(ARTIFACTS, { recursive: true });
	const vp = page.viewportSize();
	const file = join(ARTIFACTS, `${name}-${vp.width}.png`);
	await page.screenshot({ path: file, fullPage: true });
	shots++;
	return file;
}
export const shotCount = () => shots;

/* Calls to the API as `who`, outside any page (oracles for what the pages show). */
export async function apiAs(browser, who) {
	const context = await browser.newContext();
	const res = await context.request.post(`${BASE}api/v1/session`, {
		data: { login: USERS[who].login, password: PASSWORD },
	});
	check(res.status() === 201, `API login as ${who}: ${res.status()}`);
	const csrf = (await res.json()).csrf_token;
	return {
		async get(path) {
			const r = await context.request.get(`${BASE}api/v1${path}`);
			return { status: r.status(), body: r.headers()['content-type']?.includes('json') ? await r.json() : await r.text() };
		},
		async post(path, data) {
			const r = await context.request.post(`${BASE}api/v1${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
			return { status: r.status(), body: await r.json().catch(() => null) };
		},
		close: () => context.close(),
	};
}

/* Every <input>, <select> and <textarea> on the page has a label (or aria-label). */
export async function unlabelled(page) {
	return page.$$eval('input:not([type=hidden]), select, textarea', (els) => els
		.filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
		.map((el) => el.id || el.name || el.outerHTML.slice(0, 60)));
}

/* The page is no wider than the viewport (tables scroll inside their own boxes). */
export async function overflow(page) {
	return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
