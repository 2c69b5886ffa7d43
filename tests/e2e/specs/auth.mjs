// Login as each role and logout; the wrong-password message; what each role's menu offers.

import { openPage, login, logout, go, text, check, eq, screenshot, USERS } from '../lib.mjs';

async function menu(page) {
	return page.$$eval('#nav-list a', (as) => as.map((a) => a.textContent.trim()));
}

async function clean(page) {
	const problems = await page.problems();
	check(!problems.length, `console or HTTP errors:\n  ${problems.join('\n  ')}`);
	await page.context().close();
}

export const tests = [
	{
		name: 'a wrong password is refused with a readable message and nothing else happens',
		async run(browser) {
			const page = await openPage(browser);
			await login(page, 'admin', 'not-the-password');
			const msg = await text(page, '#login-message');
			check(msg.includes('用户名或密码错误'), `message: ${msg}`);
			check(await page.isVisible('#login-name'), 'still on the login page');
			check(await page.isHidden('#topbar'), 'no menu before login');
			const focused = await page.evaluate(() => document.activeElement.id);
			eq(focused, 'login-password', 'focus after a failed login');
			await screenshot(page, 'login-wrong-password');
			await clean(page);
		},
	},
	{
		name: 'empty fields are caught in the browser',
		async run(browser) {
			const page = await openPage(browser);
			await go(page, '#/login');
			await page.click('.login-form button[type=submit]');
			check((await text(page, '#login-message')).includes('请输入用户名和密码'), 'empty-field message');
			await clean(page);
		},
	},
	...['admin', 'leader', 'hanbin', 'fgw'].map((who) => ({
		name: `log in and out as ${who} (${USERS[who].role})`,
		async run(browser) {
			const page = await openPage(browser);
			await login(page, who);
			const who_ = await text(page, '#who');
			const items = await menu(page);
			if (USERS[who].role === 'liaison') {
				check(page.url().endsWith('#/my'), `a liaison lands on 我的任务: ${page.url()}`);
				check(who_.includes(`${USERS[who].unit}联络员`), `user box: ${who_}`);
				eq(items, ['我的任务', '任务', '本单位'], 'liaison menu');
			} else if (who === 'admin') {
				check(page.url().endsWith('#/'), `admin lands on 总览: ${page.url()}`);
				eq(items, ['总览', '任务', '单位', '审核', '督办', '考核', '通报', '导入', '导出'], 'admin menu');
			} else {
				eq(items, ['总览', '任务', '单位', '督办', '考核', '通报', '导出'], 'leader menu');
				await go(page, '#/import');
				eq(await text(page, 'h1'), '无权访问', 'leader opening 导入');
			}
			await logout(page);
			check(page.url().includes('#/login'), `after logout: ${page.url()}`);
			/* The session is gone on the server too: a page asks for login again. */
			await go(page, '#/tasks');
			check(page.url().includes('#/login?next='), `after logout a page needs login: ${page.url()}`);
			check(await page.isVisible('#login-name'), 'login form shown');
			await clean(page);
		},
	})),
	{
		name: 'after login the user returns to the page asked for',
		async run(browser) {
			const page = await openPage(browser);
			await go(page, '#/tasks/24');
			check(page.url().includes('next='), 'redirected to login');
			await login(page, 'leader');
			check(page.url().endsWith('#/tasks/24'), `back to the task: ${page.url()}`);
			eq(await text(page, 'h1'), '第 24 项任务', 'task page heading');
			await clean(page);
		},
	},
];
