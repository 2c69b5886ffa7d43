/* Roles and the rules for login names, display names and passwords. */
#include "domain/account.h"

#include <string.h>

#include "util/utf8.h"
#include "util/banned.h"

static const char *const role_codes[USER_ROLE_COUNT] = {
	[USER_ADMIN] = "admin",
	[USER_LEADER] = "leader",
	[USER_LIAISON] = "liaison",
};

static const char *const role_labels[USER_ROLE_COUNT] = {
	[USER_ADMIN] = "督查室管理员",
	[USER_LEADER] = "领导",
	[USER_LIAISON] = "单位联络员",
};

const char *user_role_code(enum user_role r)
{
	return (unsigned)r < USER_ROLE_COUNT ? role_codes[r] : "?";
}

const char *user_role_label(enum user_role r)
{
	return (unsigned)r < USER_ROLE_COUNT ? role_labels[r] : "?";
}

int user_role_parse(const char *s, enum user_role *out)
{
	for (int i = 0; i < USER_ROLE_COUNT; i++) {
		if (!strcmp(s, role_codes[i])) {
			*out = (enum user_role)i;
			return 0;
		}
	}
	return -1;
}

int account_login_check(const char *login, struct err *e)
{
	size_t n = strlen(login);

	if (!n || n > ACCOUNT_LOGIN_MAX)
		return err_set(e, ERR_INPUT, "登录名长度应为 1 至 %d 个字符", ACCOUNT_LOGIN_MAX);
	for (size_t i = 0; i < n; i++) {
		char c = login[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
			return err_set(e, ERR_INPUT,
				       "登录名“%s”不合规则：只能由小写英文字母、数字和 . _ - 组成，"
				       "且以字母或数字开头", login);
	}
	return 0;
}

/* Valid UTF-8 without C0/C1 control characters or DEL. */
static bool text_clean(const char *s)
{
	size_t len = strlen(s), n;
	uint32_t cp;

	while (len) {
		n = utf8_decode(s, len, &cp);
		if (!n || cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return false;
		s += n;
		len -= n;
	}
	return true;
}

int account_name_check(const char *name, struct err *e)
{
	if (!text_clean(name))
		return err_set(e, ERR_INPUT, "姓名含有无效字符（应为 UTF-8 文本，不含控制字符）");
	if (utf8_strlen(name) > ACCOUNT_NAME_MAX)
		return err_set(e, ERR_INPUT, "姓名过长：最多 %d 个字", ACCOUNT_NAME_MAX);
	return 0;
}

int account_password_check(const char *password, struct err *e)
{
	if (strlen(password) > ACCOUNT_PASSWORD_MAX)
		return err_set(e, ERR_INPUT, "密码过长：最多 %d 字节", ACCOUNT_PASSWORD_MAX);
	if (!text_clean(password))
		return err_set(e, ERR_INPUT, "密码含有无效字符（应为 UTF-8 文本，不含控制字符）");
	if (utf8_strlen(password) < ACCOUNT_PASSWORD_MIN)
		return err_set(e, ERR_INPUT, "密码太短：至少 %d 个字符", ACCOUNT_PASSWORD_MIN);
	return 0;
}
