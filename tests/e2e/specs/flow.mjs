// The reporting flow of the issue: a liaison reports, the office returns it, the liaison resubmits,
// the office accepts (the dashboard follows), and later escalates another task. Each part runs once
// the server offers its routes (until then: skipped, with the routes it waits for).

import { openPage, login, go, navigating, text, check, eq, screenshot, apiAs } from '../lib.mjs';

const REPORTING = ['/review-queue', '/status', '/reports'];
const SUPERVISION = ['/actions', '/suggestions'];

/* Skip `t` unless the server offers every route in `needed`. */
async function needRoutes(admin, t, needed) {
	const absent = [];
	for (const p of needed) {
		const r = await admin.get(`${p}${p === '/status' ? '?as_of=2022-06-30' : ''}`);
		if (r.status === 404 && r.body && r.body.error && r.body.error.message === '没有这个接口')
			absent.push(`GET /api/v1${p}`);
	}
	if (absent.length) {
		await admin.close();
		t.skip(`the server does not offer ${absent.join(', ')} yet`);
	}
}

/* 汉滨区政府's active assignments: one it leads, and one of another task. */
async function hanbinAssignments(admin) {
	const dir = (await admin.get('/directory')).body;
	const hanbin = dir.units.find((u) => u.name === '汉滨区政府');
	const asg = (await admin.get(`/assignments?unit_id=${hanbin.id}`)).body.assignments.filter((a) => a.state !== 'retired');
	const lead = asg.find((a) => a.role === 'lead');
	check(lead, '汉滨区政府 leads a task in the example');
	const other = asg.find((a) => a.task_no !== lead.task_no);
	return { lead, other };
}

async function done(page) {
	const problems = await page.problems();
	check(!problems.length, `console or HTTP errors:\n  ${problems.join('\n  ')}`);
	await page.context().close();
}

/* The dashboard's RAG tiles, {红: n, 黄: n, 绿: n, 未评: n}. */
async function ragTiles(page) {
	return page.$$eval('#rag-tiles .tile', (ts) => Object.fromEntries(ts.map((t) =>
		[t.querySelector('.t').textContent.replace(/色?任务$/, ''), Number(t.querySelector('.n').textContent)])));
}

/* Show `hash` afresh even when the page is on it already (go() does nothing then). */
async function revisit(page, hash) {
	await go(page, '#/account');
	await go(page, hash);
}

/* Today in the machine's local time, as the pages and the server date things. */
function localToday() {
	const d = new Date();
	const p = (n) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function ragCounts(status) {
	const c = { 红: 0, 黄: 0, 绿: 0, 未评: 0 };
	for (const t of status.tasks)
		c[{ red: '红', amber: '黄', green: '绿' }[t.rag] || '未评'] += 1;
	return c;
}

export const tests = [
	{
		name: 'report → return → resubmit → accept, and the dashboard follows',
		async run(browser, t) {
			const admin = await apiAs(browser, 'admin');
			await needRoutes(admin, t, REPORTING);
			const today = localToday();
			const { lead } = await hanbinAssignments(admin);
			const before = ragCounts((await admin.get(`/status?as_of=${today}`)).body);

			/* The dashboard shows the API's numbers. */
			const office = await openPage(browser);
			await login(office, 'admin');
			await go(office, `#/?as_of=${today}`);
			eq(await ragTiles(office), before, 'dashboard before the reports');

			/* 1. The liaison reports 40%. */
			const unit = await openPage(browser);
			await login(unit, 'hanbin');
			await navigating(unit, () => unit.click(`#my-tasks tr[data-assignment="${lead.id}"] a.button`));
			await unit.fill('#r-percent', '40');
			await unit.fill('#r-progress', '已完成年度工作的四成：项目前期手续办结。');
			await unit.fill('#r-problems', '资金到位较慢。');
			await screenshot(unit, 'flow-report-form');
			await navigating(unit, () => unit.click('#report-form button[type=submit]'));
			check(unit.url().endsWith('#/my'), 'back on 我的任务 after reporting');

			/* 2. The office returns it with a reason. */
			await go(office, '#/review');
			const item = office.locator(`#review-queue li[data-assignment="${lead.id}"]`);
			await item.locator('textarea').fill('请补充项目投资完成额的具体数字。');
			await item.locator('[data-action=return]').click();
			await item.waitFor({ state: 'detached' });

			/* 3. The liaison sees why and resubmits, now complete. */
			await revisit(unit, '#/my');
			check((await text(unit, '#returned-list')).includes('请补充项目投资完成额的具体数字'), 'the return reason is shown');
			await navigating(unit, () => unit.click('#returned-list a.button'));
			eq(await unit.inputValue('#r-percent'), '40', 'the returned report prefills the form');
			await unit.fill('#r-percent', '100');
			await unit.fill('#r-progress', '全部完成：项目投资完成 1.2 亿元。');
			await navigating(unit, () => unit.click('#report-form button[type=submit]'));

			/* 4. The office accepts. */
			await revisit(office, '#/review');
			const again = office.locator(`#review-queue li[data-assignment="${lead.id}"]`);
			await again.locator('[data-action=accept]').click();
			await again.waitFor({ state: 'detached' });
			await go(office, `#/tasks/${lead.task_no}`);
			check((await text(office, 'main')).includes('已通过'), 'the task page shows the accepted report');

			/* 5. The dashboard follows the API (and something changed). */
			const after = ragCounts((await admin.get(`/status?as_of=${today}`)).body);
			await go(office, `#/?as_of=${today}`);
			eq(await ragTiles(office), after, 'dashboard after the accepted report');
			check(JSON.stringify(after) !== JSON.stringify(before), `the accepted 100% report changes the counts: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
			await screenshot(office, 'flow-dashboard-after');
			await admin.close();
			await done(unit);
			await done(office);
		},
	},
	{
		name: 'the office escalates another task of the unit; the notice and the task history show it',
		async run(browser, t) {
			const admin = await apiAs(browser, 'admin');
			await needRoutes(admin, t, SUPERVISION);
			const { other } = await hanbinAssignments(admin);
			const office = await openPage(browser);
			await login(office, 'admin');

			/* 6. The office escalates another task of the unit. */
			await go(office, `#/supervise?task=${other.task_no}`);
			await office.selectOption('#act-unit', String(other.id));
			await office.selectOption('#act-step', 'escalate');
			await office.selectOption('#act-ground', 'behind');
			await office.fill('#act-requirement', '请于时限前报送整改方案。');
			await office.fill('#act-reason', '连续两期进度滞后，提请分管领导督办。');
			await navigating(office, () => office.click('#action-form button[type=submit]'));
			check((await text(office, 'main')).includes('提级督办'), 'the escalation\'s notice is shown');
			await screenshot(office, 'flow-notice');
			await go(office, `#/tasks/${other.task_no}`);
			check((await text(office, 'main')).includes('提级督办'), 'the task history shows the escalation');
			await admin.close();
			await done(office);
		},
	},
];
