// Who is logged in, the plans, and which plan the pages show (remembered in localStorage).

import { api, setCsrf } from './api.js';

export const state = {
	user: null,	/* {id, login, name, role, unit_id, unit_name} */
	plans: [],	/* GET /plans, in id order */
	planId: null,	/* the plan the pages show */
};

const PLAN_KEY = 'duban.plan';

/* Ask the server who we are; false when not logged in. */
export async function probeSession() {
	try {
		const s = await api('/session', { quiet401: true });
		state.user = s.user;
		setCsrf(s.csrf_token);
		return true;
	} catch (e) {
		if (e.status === 401) {
			state.user = null;
			setCsrf(null);
			return false;
		}
		throw e;
	}
}

export async function login(loginName, password) {
	const s = await api('/session', { method: 'POST', json: { login: loginName, password }, quiet401: true });
	state.user = s.user;
	setCsrf(s.csrf_token);
	return s.user;
}

export async function logout() {
	try {
		await api('/session', { method: 'DELETE', quiet401: true });
	} finally {
		forget();
	}
}

/* Drop what we know of the session (after a logout or a 401). */
export function forget() {
	state.user = null;
	state.plans = [];
	setCsrf(null);
}

export async function loadPlans() {
	const r = await api('/plans');
	state.plans = r.plans || [];
	const saved = Number(localStorage.getItem(PLAN_KEY));
	if (state.plans.some((p) => p.id === state.planId))
		return state.plans;
	if (state.plans.some((p) => p.id === saved))
		state.planId = saved;
	else
		state.planId = state.plans.length ? state.plans[state.plans.length - 1].id : null;
	return state.plans;
}

export function setPlan(id) {
	state.planId = id;
	localStorage.setItem(PLAN_KEY, String(id));
}

export function currentPlan() {
	return state.plans.find((p) => p.id === state.planId) || null;
}

export function role() {
	return state.user ? state.user.role : null;
}

export const isAdmin = () => role() === 'admin';
export const isReader = () => role() === 'admin' || role() === 'leader';
export const isLiaison = () => role() === 'liaison';

/* The as-of date a page proposes: today, or the end of a past plan's year. */
export function defaultAsOf(plan, todayStr) {
	const year = plan && plan.year;
	if (year && Number(todayStr.slice(0, 4)) > year)
		return `${year}-12-31`;
	return todayStr;
}

/* Where a user lands after login: liaisons on their tasks, the others on the dashboard. */
export function homeOf(user) {
	return user && user.role === 'liaison' ? '#/my' : '#/';
}
