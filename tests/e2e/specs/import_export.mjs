// 导入 (upload, preview with warnings, confirm; a second import is refused) and 导出 (CSV, JSON, Excel downloads).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, login, go, text, check, eq, listedTasks, screenshot, apiAs, FIXTURES, ARTIFACTS } from '../lib.mjs';

async function done(page) {
	const problems = await page.problems();
	check(!problems.length, `console or HTTP errors:\n  ${problems.join('\n  ')}`);
	await page.context().close();
}

async function download(page, button) {
	const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
	const file = join(ARTIFACTS, `download-${dl.suggestedFilename()}`);
	await dl.saveAs(file);
	return { name: dl.suggestedFilename(), bytes: readFileSync(file) };
}

export const tests = [
	{
		name: 'exports: CSV and JSON downloads equal the API\'s; Excel is a workbook or said to be not yet offered',
		async run(browser) {
			const page = await openPage(browser);
			await login(page, 'leader');
			await go(page, '#/export');
			const csv = await download(page, '#export-csv');
			check(csv.name.endsWith('.csv'), `csv name ${csv.name}`);
			check(csv.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'CSV starts with a BOM');
			check(csv.bytes.toString('utf8').slice(1).startsWith('序号,分类,重点任务,牵头单位,责任单位'), 'CSV header');
			const json = await download(page, '#export-json');
			const doc = JSON.parse(json.bytes.toString('utf8'));
			const api = await apiAs(browser, 'leader');
			const want = (await api.get('/export?format=json')).body;
			await api.close();
			eq(doc.tasks.length, want.tasks.length, 'JSON download: tasks');
			eq(doc, want, 'JSON download equals GET /export');
			check((await text(page, '#export-message')).includes('已下载'), 'the page says what was downloaded');
			await page.click('#export-xlsx');
			await page.waitForSelector('#export-message .notice');
			if (await page.locator('#export-message [data-state=api-missing]').count()) {
				check((await text(page, '#export-message')).includes('该功能的接口尚未提供'), 'Excel: not yet offered');
			} else {
				const xlsx = await download(page, '#export-xlsx');
				check(xlsx.bytes.subarray(0, 2).toString() === 'PK', 'Excel download is a zip (xlsx)');
			}
			await screenshot(page, 'export-done');
			await done(page);
		},
	},
	{
		name: 'import a list: preview (or its absence said), warnings, confirm; the same file again is refused',
		async run(browser) {
			const page = await openPage(browser);
			await login(page, 'admin');
			await go(page, '#/import');
			await page.setInputFiles('#im-file', join(FIXTURES, 'list-2023.txt'));
			await page.click('#import-form button[type=submit]');
			await page.waitForSelector('#import-result h2');
			const previewed = (await page.locator('#import-result [data-state=api-missing]').count()) === 0;
			if (previewed) {
				const pv = await text(page, '#import-result');
				check(pv.includes('安政发〔2023〕3号'), 'preview shows the document number');
				check(pv.includes('缺少序号 3'), 'preview shows the numbering warning');
				check(pv.includes('尚未写入数据库'), 'preview says nothing is stored yet');
				eq(await page.locator('#import-result caption', { hasText: '识别出的任务' }).count(), 1, 'preview lists the tasks');
			} else {
				check((await text(page, '#import-result')).includes('预览接口尚未提供'), 'no preview: said so');
			}
			await screenshot(page, 'import-preview');
			await page.click('#import-confirm');
			await page.waitForSelector('#import-result .notice-ok');
			const res = await text(page, '#import-result');
			check(res.includes('已导入') && res.includes('安政发〔2023〕3号'), `result: ${res.slice(0, 80)}`);
			check(res.includes('缺少序号 3') && res.includes('无法识别的行'), 'the warnings are listed with the result');
			await screenshot(page, 'import-done');
			const options = await page.$$eval('#plan-select option', (os) => os.map((o) => [o.textContent, o.selected]));
			eq(options.length, 2, 'two plans to choose from');
			check(options.find(([t]) => t.includes('2023'))[1], 'the new plan is selected');
			await go(page, '#/tasks');
			eq(await listedTasks(page), [1, 2, 4, 5], 'the new plan\'s tasks');
			/* The same file again: 409, said in words. */
			await go(page, '#/import');
			await page.setInputFiles('#im-file', join(FIXTURES, 'list-2023.txt'));
			await page.click('#import-form button[type=submit]');
			await page.waitForSelector('#import-confirm');
			page.expectHttp(409, '/api/v1/plans');
			await page.click('#import-confirm');
			await page.waitForSelector('#import-result .notice-error');
			check((await text(page, '#import-result .notice-error')).length > 4, 'the conflict is explained');
			/* Back to the example plan for whatever runs next. */
			await page.selectOption('#plan-select', '1');
			await page.waitForFunction(() => document.querySelector('#plan-select').value === '1');
			await done(page);
		},
	},
];
