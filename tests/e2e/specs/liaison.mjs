// A liaison sees only its unit's tasks, and another unit's task or unit reached by address is "not found".

import { openPage, login, go, text, check, eq, listedTasks, navigating, screenshot, apiAs } from '../lib.mjs';

async function oracle(browser) {
	const admin = await apiAs(browser, 'admin');
	const dir = (await admin.get('/directory')).body;
	const unitOf = (name) => dir.units.find((u) => u.name === name);
	const hanbin = unitOf('汉滨区政府'), fgw = unitOf('市发改委');
	const mine = async (u) => [...new Set((await admin.get(`/assignments?unit_id=${u.id}`)).body.assignments
		.filter((a) => a.state !== 'retired').map((a) => a.task_no))].sort((a, b) => a - b);
	const r = { hanbin, fgw, hanbinTasks: await mine(hanbin), fgwTasks: await mine(fgw) };
	await admin.close();
	return r;
}

async function done(page) {
	const problems = await page.problems();
	check(!problems.length, `console or HTTP errors:\n  ${problems.join('\n  ')}`);
	await page.context().close();
}

async function allListed(page) {
	const out = [...await listedTasks(page)];
	while (await page.locator('.pager a[rel=next]').count()) {
		await navigating(page, () => page.click('.pager a[rel=next]'));
		out.push(...await listedTasks(page));
	}
	return out;
}

export const tests = [
	{
		name: 'a liaison of 汉滨区政府 lists exactly its unit\'s tasks, on 任务 and on 我的任务',
		async run(browser) {
			const o = await oracle(browser);
			check(o.hanbinTasks.length > 0, 'the example gives 汉滨区政府 tasks');
			const page = await openPage(browser);
			await login(page, 'hanbin');
			const my = await page.$$eval('#my-tasks tbody tr', (trs) => trs.length);
			const myAssignments = await apiAs(browser, 'hanbin').then(async (a) => {
				const n = (await a.get('/assignments')).body.assignments.filter((x) => x.state !== 'retired').length;
				await a.close();
				return n;
			});
			eq(my, myAssignments, '我的任务 lists one item per assignment of the unit');
			await go(page, '#/tasks');
			eq(await allListed(page), o.hanbinTasks, '任务 lists the unit\'s tasks only');
			check(!(await page.isVisible('#f-unit')), 'no unit filter for a liaison');
			await go(page, '#/tasks?q=%E7%A1%92');
			const se = await listedTasks(page);
			check(se.every((no) => o.hanbinTasks.includes(no)), `search stays inside the unit: ${se}`);
			await done(page);
		},
	},
	{
		name: 'another unit\'s task, unit, report form and the office pages are out of reach',
		async run(browser) {
			const o = await oracle(browser);
			const foreign = o.fgwTasks.find((no) => !o.hanbinTasks.includes(no));
			check(foreign, 'a task of 市发改委 that 汉滨区政府 does not have');
			const page = await openPage(browser);
			await login(page, 'hanbin');
			page.expectHttp(404, `/api/v1/tasks/${foreign}`);
			await go(page, `#/tasks/${foreign}`);
			eq(await text(page, 'h1'), '没有找到任务', `task ${foreign} by address`);
			check(!(await page.textContent('main')).includes('市发改委'), 'nothing of the other unit\'s task is shown');
			await screenshot(page, 'liaison-foreign-task');
			page.expectHttp(404, `/api/v1/directory/units/${o.fgw.id}`);
			await go(page, `#/units/${o.fgw.id}`);
			eq(await text(page, 'h1'), '没有找到单位', 'another unit by address');
			await go(page, '#/units');
			check(page.url().endsWith(`#/units/${o.hanbin.id}`), `单位 goes to the liaison's own unit: ${page.url()}`);
			eq(await text(page, 'h1'), '汉滨区政府', 'own unit page');
			for (const [hash, what] of [['#/import', '导入'], ['#/export', '导出'], ['#/review', '审核'], ['#/supervise', '督办'], ['#/assessment', '考核']]) {
				await go(page, hash);
				eq(await text(page, 'h1'), '无权访问', `${what} for a liaison`);
			}
			/* A report form for another unit's assignment: the assignment is not in the unit's list. */
			const admin = await apiAs(browser, 'admin');
			const fgwAsg = (await admin.get(`/assignments?unit_id=${o.fgw.id}`)).body.assignments[0];
			await admin.close();
			await go(page, `#/report/${fgwAsg.id}`);
			eq(await text(page, 'h1'), '没有找到任务', 'another unit\'s report form');
			/* And the API itself refuses what the menu hides. */
			const api = await apiAs(browser, 'hanbin');
			eq((await api.get(`/tasks/${foreign}`)).status, 404, 'API: another unit\'s task');
			eq((await api.get('/directory')).status, 403, 'API: the directory');
			await api.close();
			await done(page);
		},
	},
];
