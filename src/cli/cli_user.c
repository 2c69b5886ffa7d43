/* `duban user add|passwd|disable|enable|list`: HTTP accounts; the CLI's audit actor. */
#include "cli/cli.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "service/auth_service.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char user_usage[] =
	"用法: duban user <子命令> [参数]\n"
	"\n"
	"管理 HTTP 接口的用户账号。密码从终端读取（不回显，输入两次），\n"
	"或在标准输入不是终端时读取其第一行；密码不能写在命令行上。\n"
	"\n"
	"子命令:\n"
	"  add 登录名 --role 角色 [--unit 单位] [--name 姓名] [--disabled]\n"
	"                    新建用户。角色：admin（督查室管理员）、leader（领导，只读）、\n"
	"                    liaison（单位联络员，须用 --unit 绑定单位名录中的一个单位）\n"
	"  passwd 登录名      重设密码（该用户的所有会话随即失效）\n"
	"  disable 登录名     停用（其会话随即失效）；最后一个可用的管理员不能停用\n"
	"  enable 登录名      重新启用\n"
	"  list              列出用户\n"
	"\n"
	"登录名由小写英文字母、数字和 . _ - 组成；密码至少 8 个字符。\n"
	"环境变量 DUBAN_PWHASH 设定新密码哈希的强度：interactive（默认）、moderate，\n"
	"或 fast（仅供测试）。每次修改都记入审计日志（操作人 cli:系统用户名）。\n"
	"\n"
	"退出码: 0 成功；1 输入有误、用户不存在或登录名已被使用；2 用法错误；3 数据库错误。\n";

const char *cli_actor_name(void)
{
	static char name[128];
	const struct passwd *pw;
	const char *user;

	if (name[0])
		return name;
	pw = getpwuid(getuid());
	user = pw && pw->pw_name && *pw->pw_name ? pw->pw_name : getenv("USER");
	if (user && *user)
		snprintf(name, sizeof(name), "cli:%s", user);
	else
		snprintf(name, sizeof(name), "cli:uid%u", (unsigned)getuid());
	return name;
}

/* Apply DUBAN_PWHASH (interactive, moderate, fast) to the cost of new password hashes. */
int cli_pwhash_from_env(struct err *e)
{
	const char *v = getenv("DUBAN_PWHASH");
	enum svc_pwhash_cost cost;

	if (!v || !*v)
		return 0;
	if (svc_pwhash_cost_parse(v, &cost))
		return err_set(e, ERR_USAGE, "环境变量 DUBAN_PWHASH 应为 interactive、moderate 或 fast：%s",
			       v);
	svc_auth_set_cost(cost);
	return 0;
}

/* One line from f, without its line end; -1 at end of input. */
static int read_line(FILE *f, struct strbuf *sb)
{
	int c;

	strbuf_reset(sb);
	while ((c = getc(f)) != EOF && c != '\n')
		strbuf_addch(sb, (char)c);
	if (c == EOF && !sb->len)
		return -1;
	if (sb->len && sb->buf[sb->len - 1] == '\r')
		strbuf_setlen(sb, sb->len - 1);
	return 0;
}

/* Prompt on the terminal without echo. */
static int prompt_hidden(const char *prompt, struct strbuf *sb)
{
	struct termios old, quiet;
	int rc;

	fputs(prompt, stderr);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old))
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	rc = read_line(stdin, sb);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return rc;
}

/* A new password: typed twice on a terminal, else the first line of standard input. */
static int read_password(struct strbuf *pw, struct err *e)
{
	struct strbuf again = STRBUF_INIT;
	int rc = -1;

	if (!isatty(STDIN_FILENO)) {
		if (read_line(stdin, pw))
			return err_set(e, ERR_INPUT, "标准输入中没有密码");
		return 0;
	}
	if (prompt_hidden("新密码：", pw) || prompt_hidden("再输入一次：", &again)) {
		err_set(e, ERR_INPUT, "未能读取密码");
		goto out;
	}
	if (strcmp(pw->buf, again.buf)) {
		err_set(e, ERR_INPUT, "两次输入的密码不一致");
		goto out;
	}
	rc = 0;
out:
	strbuf_release(&again);
	return rc;
}

static int user_add(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *role = NULL, *unit = NULL, *name = NULL, *login = NULL;
	bool disabled = false;
	const struct cli_opt opts[] = {
		{ "--role", NULL, &role, NULL },
		{ "--unit", NULL, &unit, NULL },
		{ "--name", NULL, &name, NULL },
		{ "--disabled", NULL, NULL, &disabled },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct strbuf pw = STRBUF_INIT;
	struct svc_user_new u;
	struct store *st;
	size_t npos;
	int64_t id;
	int rc = -1;

	if (cli_parse_opts("user add", argc, argv, opts, &login, 1, &npos, e))
		return -1;
	if (!npos)
		return cli_usage(e, "user add", "缺少登录名");
	if (!role)
		return cli_usage(e, "user add", "缺少 --role（admin、leader 或 liaison）");
	memset(&u, 0, sizeof(u));
	if (user_role_parse(role, &u.role))
		return cli_usage(e, "user add", "--role 应为 admin、leader 或 liaison：%s", role);
	if (u.role == USER_LIAISON && !unit)
		return cli_usage(e, "user add", "单位联络员须用 --unit 指定单位");
	if (u.role != USER_LIAISON && unit)
		return cli_usage(e, "user add", "只有单位联络员（--role liaison）绑定单位");
	if (read_password(&pw, e) || cli_store(cli, &st, e))
		goto out;
	u.login = login;
	u.name = name;
	u.password = pw.buf;
	u.unit_name = unit;
	u.disabled = disabled;
	if (svc_user_add(st, &actor, &u, &id, e))
		goto out;
	fprintf(cli->out, "已新建用户 %s（ID %lld，%s%s%s）\n", login, (long long)id,
		user_role_label(u.role), unit ? "，" : "", unit ? unit : "");
	rc = 0;
out:
	strbuf_release(&pw);
	return rc;
}

/* passwd, disable, enable: one login, one change. */
static int user_change(struct cli *cli, const char *sub, int argc, char **argv, struct err *e)
{
	char cmd[32];
	const char *login = NULL;
	struct svc_actor actor = { cli_actor_name() };
	struct strbuf pw = STRBUF_INIT;
	struct svc_user_change c;
	struct store *st;
	size_t npos;
	int rc = -1;

	snprintf(cmd, sizeof(cmd), "user %s", sub);
	if (cli_parse_opts(cmd, argc, argv, NULL, &login, 1, &npos, e))
		return -1;
	if (!npos)
		return cli_usage(e, cmd, "缺少登录名");
	memset(&c, 0, sizeof(c));
	if (!strcmp(sub, "passwd")) {
		if (read_password(&pw, e))
			goto out;
		c.password = pw.buf;
	} else {
		c.set_disabled = true;
		c.disabled = !strcmp(sub, "disable");
	}
	if (cli_store(cli, &st, e) ||
	    svc_user_change(st, &actor, 0, login, 0, &c, NULL, NULL, e))
		goto out;
	if (c.password)
		fprintf(cli->out, "已重设 %s 的密码，其会话均已失效\n", login);
	else
		fprintf(cli->out, c.disabled ? "已停用 %s，其会话均已失效\n" : "已启用 %s\n", login);
	rc = 0;
out:
	strbuf_release(&pw);
	return rc;
}

static int user_list(struct cli *cli, int argc, char **argv, struct err *e)
{
	struct store_user_list l;
	struct store *st;
	size_t npos, wlogin = cli_width("登录名"), wname = cli_width("姓名");
	int rc = -1;

	if (cli_parse_opts("user list", argc, argv, NULL, NULL, 0, &npos, e) ||
	    cli_store(cli, &st, e))
		return -1;
	store_user_list_init(&l);
	if (svc_user_list(st, &l, e))
		goto out;
	for (size_t i = 0; i < l.n; i++) {
		size_t w = cli_width(l.v[i].login);
		if (w > wlogin)
			wlogin = w;
		w = cli_width(l.v[i].name);
		if (w > wname)
			wname = w;
	}
	fputs("ID    ", cli->out);
	cli_put_cell(cli->out, "登录名", wlogin + 2, false, false);
	cli_put_cell(cli->out, "姓名", wname + 2, false, false);
	fputs("角色          状态  单位\n", cli->out);
	for (size_t i = 0; i < l.n; i++) {
		const struct store_user *u = &l.v[i];

		fprintf(cli->out, "%-5lld ", (long long)u->id);
		cli_put_cell(cli->out, u->login, wlogin + 2, false, false);
		cli_put_cell(cli->out, u->name, wname + 2, false, false);
		cli_put_cell(cli->out, user_role_label(u->role), 14, false, false);
		cli_put_cell(cli->out, u->disabled ? "停用" : "正常", 6, false, false);
		fprintf(cli->out, "%s\n", u->unit_name ? u->unit_name : "");
	}
	if (!l.n)
		fputs("还没有用户（duban user add 登录名 --role admin 新建管理员）。\n", cli->msg);
	rc = 0;
out:
	store_user_list_release(&l);
	return rc;
}

int cli_user_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *sub;

	if (cli_wants_help(cli, argc, argv, user_usage))
		return 0;
	if (argc < 2)
		return cli_usage(e, "user", "缺少子命令（add、passwd、disable、enable、list）");
	sub = argv[1];
	if (cli_pwhash_from_env(e))
		return -1;
	if (!strcmp(sub, "add"))
		return user_add(cli, argc - 1, argv + 1, e);
	if (!strcmp(sub, "passwd") || !strcmp(sub, "disable") || !strcmp(sub, "enable"))
		return user_change(cli, sub, argc - 1, argv + 1, e);
	if (!strcmp(sub, "list"))
		return user_list(cli, argc - 1, argv + 1, e);
	return cli_usage(e, "user", "未知子命令 %s（add、passwd、disable、enable、list）", sub);
}
