// The fetch wrapper: /api/v1 calls with the CSRF token, errors as readable Chinese messages.

/*
 * api(path, opts) → parsed JSON (or null for 204), throws ApiError.
 *   opts.query   object of query arguments (undefined/null/'' left out)
 *   opts.method  GET by default
 *   opts.json    a value sent as JSON
 *   opts.body    a FormData / Blob sent as is
 *   opts.headers extra headers
 *   opts.quiet401  do not treat 401 as "session ended" (login, session probe)
 *   opts.blob    answer a {blob, filename} instead of JSON (downloads)
 * A 401 (session gone) calls the handler set with onUnauthenticated() and
 * throws.  ApiError.missing is true when the route itself does not exist
 * (404 "没有这个接口"): the page then says the feature's API is not there yet.
 */

export const API = '/api/v1';
const MISSING_ROUTE = '没有这个接口';

let csrfToken = null;
let unauthenticated = () => {};

export function setCsrf(token) {
	csrfToken = token || null;
}

export function onUnauthenticated(fn) {
	unauthenticated = fn;
}

const STATUS_TEXT = {
	400: '请求有误',
	401: '未登录或会话已过期，请重新登录',
	403: '没有权限进行此操作',
	404: '没有找到',
	405: '不支持此操作',
	409: '与现有数据冲突，请刷新后重试',
	413: '文件或内容过大',
	415: '请求格式不受支持',
	422: '内容未通过检查',
	428: '缺少版本信息，请刷新后重试',
	429: '尝试过于频繁，请稍后再试',
	500: '服务器内部错误，请稍后重试或联系管理员',
	503: '服务器正在停止，请稍后再试',
};

export class ApiError extends Error {
	constructor(status, code, message, path) {
		super(message);
		this.name = 'ApiError';
		this.status = status;
		this.code = code;
		this.path = path;
		this.missing = status === 404 && message === MISSING_ROUTE;
	}
}

export function queryString(query) {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(query || {}))
		if (v !== undefined && v !== null && v !== '')
			p.append(k, String(v));
	const s = p.toString();
	return s ? `?${s}` : '';
}

function filenameFrom(res, fallback) {
	const cd = res.headers.get('Content-Disposition') || '';
	const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
	if (star)
		return decodeURIComponent(star[1]);
	const plain = /filename="?([^";]+)"?/i.exec(cd);
	return plain ? plain[1] : fallback;
}

export async function api(path, opts = {}) {
	const method = opts.method || 'GET';
	const headers = { Accept: 'application/json', ...(opts.headers || {}) };
	let body;
	if (opts.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(opts.json);
	} else if (opts.body !== undefined) {
		body = opts.body;
	}
	if (method !== 'GET' && method !== 'HEAD' && csrfToken)
		headers['X-CSRF-Token'] = csrfToken;
	const url = API + path + queryString(opts.query);
	let res;
	try {
		res = await fetch(url, { method, headers, body, credentials: 'same-origin' });
	} catch {
		throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试', path);
	}
	if (res.ok) {
		if (opts.blob) {
			const blob = await res.blob();
			return { blob, filename: filenameFrom(res, opts.filename || 'download'), headers: res.headers };
		}
		if (res.status === 204)
			return null;
		const text = await res.text();
		const data = text ? JSON.parse(text) : null;
		if (opts.withHeaders)
			return { data, headers: res.headers, status: res.status };
		return data;
	}
	let code = 'error', message = '';
	try {
		const err = (await res.json()).error;
		code = err.code || code;
		message = err.message || '';
	} catch {
		/* not JSON: keep the generic text */
	}
	if (!message)
		message = STATUS_TEXT[res.status] || `请求失败（${res.status}）`;
	if (res.status === 429) {
		const after = Number(res.headers.get('Retry-After'));
		if (after > 0)
			message += `（请 ${Math.ceil(after / 60)} 分钟后再试）`;
	}
	const e = new ApiError(res.status, code, message, path);
	if (res.status === 401 && !opts.quiet401)
		unauthenticated(e);
	throw e;
}

/* Save a blob as a file via a temporary link. */
export function saveBlob(blob, filename) {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10000);
}
