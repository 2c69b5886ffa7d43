/* `duban serve`: run the HTTP API and web interface until SIGTERM or SIGINT. */
#include "cli/cli.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "http/server.h"
#include "service/status_service.h"
#include "util/banned.h"

#ifndef DUBAN_WEBDIR
#define DUBAN_WEBDIR "web"
#endif

#define STOP_GRACE 30	/* seconds requests in flight may take to finish on stop */

static const char serve_usage[] =
	"用法: duban serve [--listen 地址:端口] [选项]\n"
	"\n"
	"启动 HTTP 服务：/api/v1 下的 JSON 接口（说明见 /api/v1/openapi.yaml）和网页界面。\n"
	"启动后在标准输出打印一行服务地址（如 http://127.0.0.1:8080/），\n"
	"每个请求在访问日志中记一行。收到 SIGTERM 或 SIGINT（Ctrl-C）时停止接受新连接，\n"
	"等进行中的请求完成（最多 30 秒）后退出，退出码 0。\n"
	"\n"
	"选项:\n"
	"  --listen 地址:端口    监听地址（默认 127.0.0.1:8080；端口 0 表示任选空闲端口）\n"
	"  --threads N          工作线程数（默认 4）\n"
	"  --web 目录           网页文件目录（默认环境变量 DUBAN_WEB，否则安装目录）\n"
	"  --access-log 文件     访问日志追加到文件（默认标准错误）\n"
	"  --max-connections N  同时连接数上限（默认 256）\n"
	"  --timeout 秒         空闲连接超时（默认 30）\n"
	"  --max-body 字节      JSON 请求体上限（默认 1048576）\n"
	"  --max-upload 字节    上传文件上限（默认 67108864）\n"
	"  --session-ttl 秒     会话有效期，使用中自动延长（默认 43200，即 12 小时）\n"
	"  --status-config 文件  状态判定阈值（格式同 duban status --config；默认内置阈值）\n"
	"  --answer-cache MB    查询结果缓存上限，单位 MiB（默认 8；0 表示不缓存）。\n"
	"                       任务、状态、报告等查询的结果在数据下次改动前直接复用，\n"
	"                       任何写入（本服务、其他实例或命令行）都使缓存失效\n"
	"  --secure-cookies     会话 Cookie 加 Secure（经 HTTPS 反向代理提供服务时使用）\n"
	"  -h, --help           显示本帮助\n"
	"\n"
	"用户账号用 duban user 管理。环境变量 DUBAN_PWHASH 设定密码哈希强度（见 duban user --help）。\n"
	"退出码: 0 正常停止；1 地址不可用；2 用法错误；3 数据库错误。\n";

static int opt_long(const char *s, long min, long max, long *out, const char *what,
		    struct err *e)
{
	return s ? cli_parse_int(s, min, max, out, what, e) : 0;
}

static const char *default_web(void)
{
	const char *env = getenv("DUBAN_WEB");

	return env && *env ? env : DUBAN_WEBDIR;
}

int cli_serve_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *listen = NULL, *web = NULL, *access = NULL, *threads = NULL, *maxconn = NULL,
		   *timeout = NULL, *max_body = NULL, *max_upload = NULL, *ttl = NULL, *answer_cache = NULL,
		   *status_config = NULL;
	bool secure = false;
	const struct cli_opt opts[] = {
		{ "--listen", NULL, &listen, NULL },
		{ "--web", NULL, &web, NULL },
		{ "--access-log", NULL, &access, NULL },
		{ "--threads", NULL, &threads, NULL },
		{ "--max-connections", NULL, &maxconn, NULL },
		{ "--timeout", NULL, &timeout, NULL },
		{ "--max-body", NULL, &max_body, NULL },
		{ "--max-upload", NULL, &max_upload, NULL },
		{ "--session-ttl", NULL, &ttl, NULL },
		{ "--answer-cache", NULL, &answer_cache, NULL },
		{ "--status-config", NULL, &status_config, NULL },
		{ "--secure-cookies", NULL, NULL, &secure },
		{ NULL, NULL, NULL, NULL },
	};
	struct http_config cfg;
	struct status_config thresholds;
	struct http_server *srv = NULL;
	sigset_t stop, old;
	struct stat sb;
	FILE *log = NULL;
	long v;
	size_t npos;
	int sig = 0, rc = -1;

	if (cli_wants_help(cli, argc, argv, serve_usage))
		return 0;
	if (cli_parse_opts("serve", argc, argv, opts, NULL, 0, &npos, e))
		return -1;
	http_config_defaults(&cfg);
	cfg.db = cli->db;
	cfg.secure_cookies = secure;
	if (listen)
		cfg.listen = listen;
	cfg.web_dir = web ? web : default_web();
	if (opt_long(threads, 1, 256, &v, "--threads", e))
		return -1;
	if (threads)
		cfg.threads = (unsigned)v;
	if (opt_long(maxconn, 1, 100000, &v, "--max-connections", e))
		return -1;
	if (maxconn)
		cfg.max_connections = (unsigned)v;
	if (opt_long(timeout, 1, 3600, &v, "--timeout", e))
		return -1;
	if (timeout)
		cfg.timeout = (unsigned)v;
	if (opt_long(max_body, 1024, 64L * 1024 * 1024, &v, "--max-body", e))
		return -1;
	if (max_body)
		cfg.max_body = (size_t)v;
	if (opt_long(max_upload, 1024, 1024L * 1024 * 1024, &v, "--max-upload", e))
		return -1;
	if (max_upload)
		cfg.max_upload = (size_t)v;
	if (opt_long(ttl, 60, 30L * 24 * 3600, &v, "--session-ttl", e))
		return -1;
	if (ttl)
		cfg.session_ttl = v;
	if (opt_long(answer_cache, 0, 4096, &v, "--answer-cache", e))
		return -1;
	if (answer_cache)
		cfg.answer_cache = (size_t)v * 1024 * 1024;
	if (status_config) {
		if (svc_status_config_load(status_config, &thresholds, e))
			return -1;
		cfg.status_cfg = &thresholds;
	}
	if (cli_pwhash_from_env(e))
		return -1;
	if (access) {
		log = fopen(access, "ae");
		if (!log)
			return err_set(e, ERR_INPUT, "%s: 无法打开访问日志：%s", access, strerror(errno));
		setvbuf(log, NULL, _IOLBF, 0);
		cfg.access_log = log;
	} else {
		cfg.access_log = cli->msg;
	}
	if (stat(cfg.web_dir, &sb) || !S_ISDIR(sb.st_mode))
		fprintf(cli->msg, "duban serve: 警告：网页目录 %s 不存在，只提供 /api/v1 接口\n",
			cfg.web_dir);

	/*
	 * Block the stop signals (and SIGPIPE) before any thread starts: the
	 * server's threads inherit the mask, and this thread takes the signals
	 * synchronously with sigwait, outside any handler.
	 */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	if (http_server_start(&cfg, &srv, e))
		goto out;
	{
		char host[64];
		const char *colon = strrchr(cfg.listen, ':');
		size_t n = colon ? (size_t)(colon - cfg.listen) : 0;

		if (n >= sizeof(host))
			n = sizeof(host) - 1;
		memcpy(host, cfg.listen, n);
		host[n] = '\0';
		fprintf(cli->out, "http://%s:%u/\n", host, http_server_port(srv));
		fflush(cli->out);
		fprintf(cli->msg, "duban serve: 已在 %s:%u 上提供服务（SIGTERM 或 Ctrl-C 停止）\n",
			host, http_server_port(srv));
	}
	for (;;) {
		if (sigwait(&stop, &sig))
			continue;
		if (sig != SIGPIPE)
			break;
	}
	fprintf(cli->msg, "duban serve: 收到%s，停止接受新连接，等待进行中的请求完成…\n",
		sig == SIGTERM ? " SIGTERM" : " SIGINT");
	http_server_stop(srv, STOP_GRACE);
	fprintf(cli->msg, "duban serve: 已停止\n");
	rc = 0;
out:
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (log)
		fclose(log);
	return rc;
}
