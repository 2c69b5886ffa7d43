// Copy the browser libraries from node_modules into vendor/ (npm run vendor), or check the copies (--check).

import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = [
	['node_modules/echarts/dist/echarts.common.min.js', 'vendor/echarts.common.min.js'],
	['node_modules/echarts/LICENSE', 'vendor/echarts.LICENSE.txt'],
	['node_modules/echarts/NOTICE', 'vendor/echarts.NOTICE.txt'],
];
const check = process.argv.includes('--check');
let bad = 0;

for (const [from, to] of FILES) {
	const src = join(web, from), dst = join(web, to);
	if (!existsSync(src)) {
		console.error(`vendor: ${from} is missing: run \`npm ci --prefix web\` first`);
		process.exit(2);
	}
	const want = readFileSync(src);
	if (check) {
		if (!existsSync(dst) || !readFileSync(dst).equals(want)) {
			console.error(`vendor: ${to} differs from ${from} (run \`npm run vendor --prefix web\`)`);
			bad++;
		}
		continue;
	}
	mkdirSync(dirname(dst), { recursive: true });
	writeFileSync(dst, want);
	console.log(`vendor: ${to} (${want.length} bytes)`);
}
const version = JSON.parse(readFileSync(join(web, 'node_modules/echarts/package.json'), 'utf8')).version;
if (check) {
	if (bad)
		process.exit(1);
	console.log(`vendor: vendor/ matches echarts ${version} from package-lock.json`);
} else {
	writeFileSync(join(web, 'vendor/VERSIONS.txt'), `echarts ${version} (dist/echarts.common.min.js; Apache-2.0)\n`);
}
