// Runs the browser test specs (specs/*.mjs) in order against a running `duban serve`; ends with "N passed, N failed".

import { launch, Failure, shotCount, ARTIFACTS } from './lib.mjs';

/*
 * A spec module exports `tests`: [{name, run(browser, t)}].  t.skip(reason)
 * marks a test skipped (only for a feature whose API the server does not
 * offer yet: the flow spec).  Each test opens its own pages; a page's
 * console-error policy is checked by the test through page.problems().
 */
const SPECS = ['auth', 'tasks', 'liaison', 'pages', 'flow', 'import_export'];
const only = process.env.E2E_SPECS ? process.env.E2E_SPECS.split(',') : null;

class Skip extends Error {}

const browser = await launch();
let passed = 0, failed = 0, skipped = 0;
try {
	for (const name of SPECS) {
		if (only && !only.includes(name))
			continue;
		const { tests } = await import(`./specs/${name}.mjs`);
		for (const t of tests) {
			const label = `${name}: ${t.name}`;
			const started = Date.now();
			try {
				await t.run(browser, { skip: (why) => { throw new Skip(why); } });
				passed++;
				console.log(`ok   ${label} (${Date.now() - started} ms)`);
			} catch (e) {
				if (e instanceof Skip) {
					skipped++;
					console.log(`skip ${label}: ${e.message}`);
				} else {
					failed++;
					console.log(`FAIL ${label}: ${e instanceof Failure ? e.message : e.stack || e}`);
				}
			}
		}
	}
} finally {
	await browser.close();
}
console.log(`screenshots: ${shotCount()} in ${ARTIFACTS}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
