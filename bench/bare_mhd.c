/* The machine's ceiling for bench/http.sh: libmicrohttpd as duban serve runs it, answering a fixed 2 KB JSON body. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/banned.h"

/*
 * Usage: bare_mhd [THREADS]
 * Listens on 127.0.0.1, any free port, and prints its base URL on stdout
 * (as `duban serve` does); stops on SIGTERM or SIGINT.  Same daemon flags
 * and thread pool as src/http/server.c, and the same JSON content type and
 * security headers, so that the difference to duban is duban's own work.
 */

#define BODY_BYTES 2048

static char body[BODY_BYTES + 1];
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* A JSON array of small objects, exactly BODY_BYTES bytes. */
static void make_body(void)
{
	size_t n = 0;

	body[n++] = '[';
	for (int i = 0; n < BODY_BYTES - 64; i++) {
		int w = snprintf(body + n, sizeof(body) - n, "%s{\"no\":%d,\"rag\":\"green\"}",
				 i ? "," : "", i + 1);

		if (w < 0)
			break;
		n += (size_t)w;
	}
	while (n < BODY_BYTES - 1)
		body[n++] = ' ';
	body[n++] = ']';
	body[n] = '\0';
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url,
			      const char *method, const char *version, const char *upload_data,
			      size_t *upload_data_size, void **con_cls)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	(void)cls;
	(void)url;
	(void)method;
	(void)version;
	(void)upload_data;
	if (!*con_cls) {
		*con_cls = conn;	/* headers in: answer on the next call */
		return MHD_YES;
	}
	*upload_data_size = 0;
	r = MHD_create_response_from_buffer(BODY_BYTES, body, MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json; charset=utf-8");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	ret = MHD_queue_response(conn, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

int main(int argc, char **argv)
{
	unsigned threads = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 4;
	const union MHD_DaemonInfo *info;
	struct MHD_Daemon *d;
	struct sockaddr_in addr;
	struct sigaction sa;

	make_body();
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = 0;	/* any free port */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC |
				     MHD_ALLOW_SUSPEND_RESUME,
			     0, NULL, NULL, answer, NULL,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
			     MHD_OPTION_THREAD_POOL_SIZE, threads ? threads : 1u,
			     MHD_OPTION_CONNECTION_LIMIT, 256u,
			     MHD_OPTION_CONNECTION_TIMEOUT, 30u,
			     MHD_OPTION_END);
	if (!d) {
		fputs("bare_mhd: cannot start\n", stderr);
		return 1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("http://127.0.0.1:%u/\n", info ? info->port : 0);
	fflush(stdout);
	while (!stop)
		pause();
	MHD_stop_daemon(d);
	return 0;
}
