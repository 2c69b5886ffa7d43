// Chinese labels for the stable codes the API uses (status, ladder, review, roles).

export const ROLE = { admin: '督查室', leader: '领导', liaison: '单位联络员' };
export const UNIT_ROLE = { lead: '牵头', co: '配合' };
export const KIND = {
	city_dept: '市级部门', county_gov: '县市区政府', dev_zone: '开发区管委会',
	central: '中省驻市单位及企业', other: '其他',
};
export const RAG = { red: '红', amber: '黄', green: '绿', '': '未评' };
export const RAG_ORDER = ['red', 'amber', 'green', ''];
export const LIFECYCLE = {
	not_issued: '尚未交办', withdrawn: '已改派', pending_sign: '待签收',
	in_progress: '推进中', done: '已完成待核验', verified: '已销号',
};
export const SCHEDULE = { ahead: '超进度', on_track: '达进度', behind: '欠进度', done: '已完成', '': '其它' };
export const SCHEDULE_ORDER = ['ahead', 'on_track', 'behind', 'done', ''];
export const FLAG = {
	sign_overdue: '逾期未签收', report_overdue: '逾期未报', past_due: '逾期未完成', lagging: '连续滞后',
};
export const LIKELIHOOD = { very_likely: '很可能', likely: '可能', doubtful: '存疑', unlikely: '难以完成' };
export const REVIEW = { pending: '待审核', accepted: '已通过', returned: '已退回' };
export const STEP = {
	remind: '提醒', urge: '催办', blue: '蓝色督查单', orange: '橙色督查单', red: '红色督查单',
	escalate: '提级督办', interview: '约谈', accountability: '问责',
};
export const STEP_ORDER = ['remind', 'urge', 'blue', 'orange', 'red', 'escalate', 'interview', 'accountability'];
export const GROUND = { ineffective: '落实不力', behind: '进度滞后', inefficient: '效能低下', shirking: '推诿扯皮' };
export const BASIS = { refused: '不允许', free: '可直接发出', timeout: '逾期未复升级', decision: '须说明理由' };
export const REPLY = {
	not_asked: '未要求回复', waiting: '待回复', in_time: '按时回复', late: '逾期回复', overdue: '逾期未回复',
};
export const MEASURE = {
	interview: '约谈', written_review: '责令书面检查', criticism: '通报批评', admonition: '诫勉谈话',
	organizational: '组织处理', sanction: '政务处分', other: '其他',
};
export const PART = { duty: '职责履行', efficiency: '行政效能', completion: '任务完成情况' };
export const CMP = { eq: '', approx: '左右', ge: '以上', le: '以内', range: '' };
export const EXTENSION = { pending: '待审批', approved: '已批准', refused: '未批准' };

/* A label from a table, or the code itself when the table does not know it. */
export function label(table, code) {
	if (code === null || code === undefined)
		return table[''] ?? '';
	return table[code] ?? String(code);
}

/* "20 个", "6.5%左右", "3 至 5 个": a target's goal as people write it. */
export function targetGoal(t) {
	const num = (v) => (v === undefined || v === null ? '' : fmtNumber(v));
	const unit = t.unit ?? '';
	const sep = unit === '%' ? '' : ' ';
	if (t.cmp === 'range')
		return `${num(t.value)}至${num(t.max)}${sep}${unit}`;
	return `${num(t.value)}${sep}${unit}${CMP[t.cmp] ?? ''}`;
}

/* Numbers as written: no trailing zeros, thousands not grouped (Chinese documents rarely do). */
export function fmtNumber(v) {
	if (typeof v !== 'number' || !Number.isFinite(v))
		return String(v ?? '');
	if (Math.abs(v) >= 1e8 && v % 1e8 === 0)
		return `${v / 1e8} 亿`;
	return String(Math.round(v * 100) / 100);
}

export function fmtPercent(v) {
	if (v === null || v === undefined || Number.isNaN(v))
		return '—';
	return `${Math.round(v * 100) / 100}%`;
}

/* "2022-12-31" → "2022年12月31日"; null → "—". */
export function fmtDate(s) {
	if (!s)
		return '—';
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
	if (!m)
		return s;
	return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/* An ISO time from the server (UTC) shown in local time, to the minute. */
export function fmtTime(s) {
	if (!s)
		return '—';
	const d = new Date(s);
	if (Number.isNaN(d.getTime()))
		return s;
	const p = (n) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/* "2022-06" → "2022年6月", "2022-Q2" → "2022年第二季度". */
export function fmtPeriod(s) {
	if (!s)
		return '—';
	let m = /^(\d{4})-(\d{2})$/.exec(s);
	if (m)
		return `${m[1]}年${Number(m[2])}月`;
	m = /^(\d{4})-Q([1-4])$/.exec(s);
	if (m)
		return `${m[1]}年第${'一二三四'[Number(m[2]) - 1]}季度`;
	return s;
}

/* Today as YYYY-MM-DD in local time (the as-of date the browser proposes). */
export function today() {
	const d = new Date();
	const p = (n) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
