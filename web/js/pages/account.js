// 修改密码: change one's own password (the other sessions of the account end).

import { api } from '../api.js';
import { h, field } from '../dom.js';
import { ROLE } from '../labels.js';
import { pageHead, section, notice, facts } from '../ui.js';

export default async function render(ctx) {
	ctx.setTitle('修改密码');
	const u = ctx.user;
	const oldPw = h('input', { type: 'password', id: 'pw-old', autocomplete: 'current-password', required: true });
	const newPw = h('input', { type: 'password', id: 'pw-new', autocomplete: 'new-password', required: true, minlength: '8' });
	const again = h('input', { type: 'password', id: 'pw-again', autocomplete: 'new-password', required: true, minlength: '8' });
	const msg = h('div', { 'aria-live': 'polite', tabindex: '-1' });
	const submit = h('button', { type: 'submit', class: 'primary' }, '修改密码');
	const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'pw-title' },
		h('h2', { id: 'pw-title' }, '修改密码'), msg,
		field('当前密码', oldPw), field('新密码', newPw, '至少 8 个字符'), field('再次输入新密码', again),
		h('div', { class: 'actions' }, submit));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		msg.replaceChildren();
		let problem = null;
		if (!oldPw.value || !newPw.value)
			problem = '请填写当前密码和新密码。';
		else if (newPw.value.length < 8)
			problem = '新密码至少 8 个字符。';
		else if (newPw.value !== again.value)
			problem = '两次输入的新密码不一致。';
		if (problem) {
			msg.append(notice('error', problem));
			msg.focus();
			return;
		}
		submit.disabled = true;
		try {
			await api('/session/password', { method: 'POST', json: { old_password: oldPw.value, new_password: newPw.value } });
			form.reset();
			msg.append(notice('ok', '密码已修改。此账号在其他地方的登录已退出。'));
		} catch (e) {
			msg.append(notice('error', `修改失败：${e.message}`));
		} finally {
			submit.disabled = false;
			msg.focus();
		}
	});
	ctx.root.append(pageHead('账号'),
		section('当前账号', facts([['用户名', u.login], ['姓名', u.name || null], ['角色', ROLE[u.role] || u.role], ['单位', u.unit_name || null]])),
		form);
}
