// The task list: filters and a search that finds one- and two-character words; the task page; keyboard use.

import { openPage, login, go, navigating, settled, text, check, eq, listedTasks, screenshot, apiAs } from '../lib.mjs';

/* The oracle: the plan as exported, searched here with plain substring matching. */
async function exported(browser) {
	const admin = await apiAs(browser, 'admin');
	const plan = (await admin.get('/export?format=json')).body;
	const dir = (await admin.get('/directory')).body;
	const detail = (await admin.get('/plans/1')).body;
	const unit = dir.units.find((u) => u.name === '汉滨区政府');
	const asg = (await admin.get(`/assignments?unit_id=${unit.id}`)).body.assignments;
	await admin.close();
	return { tasks: plan.tasks, detail, unit, unitTasks: [...new Set(asg.map((a) => a.task_no))].sort((a, b) => a - b) };
}

const having = (tasks, word) => tasks.filter((t) => t.text.includes(word)).map((t) => t.no);

async function search(page, word) {
	await page.fill('#f-q', word);
	await navigating(page, () => page.click('.filters button[type=submit]'));
	return listedTasks(page);
}

async function done(page) {
	const problems = await page.problems();
	check(!problems.length, `console or HTTP errors:\n  ${problems.join('\n  ')}`);
	await page.context().close();
}

export const tests = [
	{
		name: 'search finds one- and two-character words (硒, 富硒, 创建) and says when nothing matches (督查)',
		async run(browser) {
			const { tasks } = await exported(browser);
			const page = await openPage(browser);
			await login(page, 'admin');
			await go(page, '#/tasks');
			check((await text(page, '#result-count')).startsWith(`共 ${tasks.length} 项任务`), 'all tasks listed at first');
			const se = await search(page, '硒');
			check(se.includes(24), `硒 finds task 24: ${se}`);
			eq(se, having(tasks, '硒'), '硒: the tasks whose text contains it');
			check((await page.locator('a.task-link mark').count()) >= se.length, 'the word is highlighted');
			await screenshot(page, 'search-se');
			for (const word of ['富硒', '创建', '汉江']) {
				const got = await search(page, word);
				const want = having(tasks, word);
				check(want.length > 0, `the example has tasks with ${word}`);
				eq(got, want, `search ${word}`);
			}
			const none = await search(page, '督查');
			eq(none, having(tasks, '督查'), 'search 督查');
			if (!none.length)
				check((await text(page, '#task-results')).includes('没有找到含“督查”的任务'), 'the empty result is said');
			/* The search is in the address: reload keeps it. */
			await go(page, '#/tasks?q=%E7%A1%92');
			eq(await listedTasks(page), having(tasks, '硒'), 'search from the address');
			eq(await page.inputValue('#f-q'), '硒', 'the search box shows the word');
			await done(page);
		},
	},
	{
		name: 'filters by section and unit, combined with the search; paging',
		async run(browser) {
			const { tasks, detail, unit, unitTasks } = await exported(browser);
			const page = await openPage(browser);
			await login(page, 'leader');
			await go(page, '#/tasks');
			const personal = detail.sections.find((s) => s.section === '个性任务');
			await page.selectOption('#f-section', '个性任务');
			await navigating(page, () => page.click('.filters button[type=submit]'));
			check((await text(page, '#result-count')).startsWith(`共 ${personal.ntasks} 项任务`), `section count ${personal.ntasks}`);
			eq(await listedTasks(page), tasks.filter((t) => t.section === '个性任务').map((t) => t.no), 'section filter');
			await page.selectOption('#f-section', '');
			await page.selectOption('#f-unit', String(unit.id));
			await navigating(page, () => page.click('.filters button[type=submit]'));
			const listed = [];
			listed.push(...await listedTasks(page));
			while (await page.locator('.pager a[rel=next]').count()) {
				await navigating(page, () => page.click('.pager a[rel=next]'));
				listed.push(...await listedTasks(page));
			}
			eq(listed, unitTasks, `tasks of ${unit.name} (through the pages)`);
			await go(page, `#/tasks?unit=${unit.id}&q=${encodeURIComponent('汉江')}`);
			eq(await listedTasks(page), unitTasks.filter((no) => having(tasks, '汉江').includes(no)), 'unit and search together');
			await navigating(page, () => page.click('text=清除条件'));
			check((await text(page, '#result-count')).startsWith(`共 ${tasks.length} 项任务`), 'clear brings all back');
			await done(page);
		},
	},
	{
		name: 'the task page: text, targets, milestones, assignments',
		async run(browser) {
			const { tasks } = await exported(browser);
			const page = await openPage(browser);
			await login(page, 'admin');
			await go(page, '#/tasks?q=%E7%A1%92');
			await navigating(page, () => page.click('a.task-link[data-no="24"]'));
			eq(await text(page, 'h1'), '第 24 项任务', 'heading');
			const t24 = tasks.find((t) => t.no === 24);
			eq(await text(page, '#task-text'), t24.text, 'the text exactly as written');
			const targets = await page.$$eval('table[class~="data"]', (ts) => ts.map((t) => t.querySelector('caption').textContent));
			check(targets.includes('量化目标') && targets.includes('责任分工'), `tables: ${targets}`);
			const metricCells = await page.$$eval('caption', (cs) => {
				const t = cs.find((c) => c.textContent === '量化目标').closest('table');
				return [...t.querySelectorAll('tbody tr td:first-child')].map((td) => td.textContent);
			});
			eq(metricCells.length, (t24.targets || []).length, 'one row per target');
			const units = await page.$$eval('caption', (cs) => {
				const t = cs.find((c) => c.textContent === '责任分工').closest('table');
				return [...t.querySelectorAll('tbody tr td:first-child')].map((td) => td.textContent.trim());
			});
			check(units[0].startsWith('市富硒办'), `lead first: ${units}`);
			/* A task with milestones shows them. */
			const withMs = tasks.find((t) => (t.milestones || []).length);
			if (withMs) {
				await go(page, `#/tasks/${withMs.no}`);
				check((await page.locator('caption', { hasText: '时间节点' }).count()) === 1, `milestones of task ${withMs.no}`);
			}
			await go(page, '#/tasks/9999');
			page.expectHttp(404, '/api/v1/tasks/9999');
			eq(await text(page, 'h1'), '没有找到任务', 'a task that does not exist');
			await done(page);
		},
	},
	{
		name: 'keyboard: skip link, visible focus, filter tab order, Enter submits',
		async run(browser) {
			const page = await openPage(browser);
			await login(page, 'admin');
			await go(page, '#/tasks');
			await page.reload();
			await settled(page, 0);
			await page.keyboard.press('Tab');
			eq(await page.evaluate(() => document.activeElement.id), 'skip-link', 'first Tab stop');
			const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
			check(outline !== 'none', 'the focused skip link shows an outline');
			await page.keyboard.press('Enter');
			eq(await page.evaluate(() => document.activeElement.id), 'page-title', 'skip link moves focus to the page heading');
			const order = [];
			for (let i = 0; i < 6; i++) {
				await page.keyboard.press('Tab');
				order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.textContent.trim()));
			}
			const statusOff = await page.isDisabled('#f-rag');
			eq(order.slice(0, statusOff ? 4 : 6),
				['f-section', 'f-unit', ...(statusOff ? [] : ['f-rag', 'f-flag']), 'f-q', '查询'], 'tab order through the filters');
			await page.focus('#f-q');
			await page.keyboard.type('创建');
			await navigating(page, () => page.keyboard.press('Enter'));
			check((await listedTasks(page)).length > 0, 'Enter in the search box searches');
			await done(page);
		},
	},
];
