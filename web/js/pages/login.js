// 登录: the login form (any role); after login, back to where the user was going.

import { h } from '../dom.js';
import { login, loadPlans, homeOf } from '../state.js';
import { notice } from '../ui.js';

export default async function render(ctx) {
	ctx.setTitle('登录');
	const user = h('input', { id: 'login-name', name: 'login', autocomplete: 'username', required: true,
		maxlength: '64', autocapitalize: 'none', spellcheck: 'false' });
	const pass = h('input', { id: 'login-password', name: 'password', type: 'password',
		autocomplete: 'current-password', required: true, maxlength: '256' });
	const msg = h('div', { id: 'login-message', 'aria-live': 'assertive' });
	const submit = h('button', { type: 'submit', class: 'primary' }, '登录');
	const form = h('form', { class: 'login-form', 'aria-labelledby': 'page-title', novalidate: true },
		h('div', { class: 'field' }, h('label', { for: 'login-name' }, '用户名'), user),
		h('div', { class: 'field' }, h('label', { for: 'login-password' }, '密码'), pass),
		msg, submit);
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		msg.replaceChildren();
		if (!user.value.trim() || !pass.value) {
			msg.append(notice('error', '请输入用户名和密码。'));
			(user.value.trim() ? pass : user).focus();
			return;
		}
		submit.disabled = true;
		try {
			const u = await login(user.value.trim(), pass.value);
			await loadPlans();
			const next = ctx.query.next;
			location.hash = next && next.startsWith('/') && !next.startsWith('/login') ? `#${next}` : homeOf(u);
		} catch (e) {
			const text = e.status === 401 ? '用户名或密码错误，请重新输入。' : e.message;
			msg.append(notice('error', text));
			pass.value = '';
			pass.focus();
		} finally {
			submit.disabled = false;
		}
	});
	ctx.root.append(h('div', { class: 'login-wrap' },
		h('div', { class: 'login-card' },
			h('p', { class: 'login-brand', 'aria-hidden': 'true' }, '督'),
			h('h1', { id: 'page-title', tabindex: '-1' }, '重点任务督查督办系统'),
			h('p', { class: 'page-sub' }, '请使用督查室分配的账号登录'),
			form)));
	user.focus();
}
