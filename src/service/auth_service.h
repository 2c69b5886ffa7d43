/* Accounts, password hashing, sessions with CSRF tokens, login throttling and access scope. */
#ifndef DUBAN_SERVICE_AUTH_SERVICE_H
#define DUBAN_SERVICE_AUTH_SERVICE_H

/*
 * Passwords are hashed with argon2id (libsodium crypto_pwhash_str); the
 * cost is process-wide (svc_auth_set_cost, called once before any thread
 * starts): "interactive" by default (libsodium's OPSLIMIT/MEMLIMIT
 * _INTERACTIVE: 2 passes over 64 MiB), "moderate" (3 passes, 256 MiB), or
 * "fast" (the library minimum: for tests only; the CLI and the server take
 * it from DUBAN_PWHASH).  A hash records its own cost, so hashes made at any
 * cost verify.
 *
 * Sessions.  A login creates a session: a token of SVC_TOKEN_BYTES random
 * bytes (the cookie's value, base64url), of which the store keeps only the
 * SHA-256; a CSRF token of the same size, returned to the client, which
 * sends it back with every state change; and an expiry `ttl` seconds ahead,
 * pushed forward again once less than half of it is left.  A session of a
 * disabled user, or past its expiry, opens nothing.  Sessions live in the
 * database, so several server instances share them.
 *
 * Throttling.  Failed logins are kept for SVC_LOGIN_WINDOW seconds, by
 * login name and by client address.  While a name has
 * SVC_LOGIN_MAX_PER_LOGIN failures in the window, or an address
 * SVC_LOGIN_MAX_PER_ADDRESS, further attempts are refused without checking
 * the password (SVC_LOGIN_THROTTLED, with the seconds until the oldest of
 * those failures leaves the window); refused attempts are not counted.  A
 * successful login forgets its name's failures.  An unknown name costs the
 * same time as a known one (a dummy hash is verified) and counts the same.
 *
 * Time: `now` (Unix seconds) is a parameter: the HTTP layer reads the clock.
 * Every change of an account is audited (service/audit.h) in its
 * transaction; logins and logouts are not (they change no supervised data;
 * the sessions table shows who is logged in).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/account.h"
#include "service/audit.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

enum svc_pwhash_cost {
	SVC_PWHASH_INTERACTIVE = 0,
	SVC_PWHASH_MODERATE,
	SVC_PWHASH_FAST		/* tests only */
};

/* "interactive", "moderate", "fast"; -1 if unknown. */
int svc_pwhash_cost_parse(const char *s, enum svc_pwhash_cost *out);
/* Set the cost of new hashes; call before any thread starts. */
void svc_auth_set_cost(enum svc_pwhash_cost cost);

#define SVC_TOKEN_BYTES 32
#define SVC_TOKEN_LEN 43	/* base64url, no padding, of SVC_TOKEN_BYTES */
#define SVC_LOGIN_WINDOW 900	/* seconds */
#define SVC_LOGIN_MAX_PER_LOGIN 5
#define SVC_LOGIN_MAX_PER_ADDRESS 20

/* ---- accounts ---- */

struct svc_user_new {
	const char *login;
	const char *name;	/* NULL: "" */
	const char *password;
	enum user_role role;
	/* a liaison's unit: a directory unit id, or else its name (or alias) */
	int64_t unit_id;
	const char *unit_name;
	bool disabled;
};

/* Check and add a user; its id goes to *id (may be NULL).  Audited: user.add. */
int svc_user_add(struct store *st, const struct svc_actor *actor, const struct svc_user_new *u,
		 int64_t *id, struct err *e);

/* Users by login (pw_hash is cleared). */
int svc_user_list(struct store *st, struct store_user_list *out, struct err *e);

/* A user by id (id > 0) or login; ERR_NOT_FOUND if none.  pw_hash is cleared. */
int svc_user_get(struct store *st, int64_t id, const char *login, struct arena *a,
		 struct store_user *out, struct err *e);

/* What to change in a user; unset fields stay. */
struct svc_user_change {
	const char *name;	/* NULL: unchanged */
	bool set_role;
	enum user_role role;
	bool set_unit;		/* with unit_id, or unit_name, or neither (no unit) */
	int64_t unit_id;
	const char *unit_name;
	bool set_disabled;
	bool disabled;
	const char *password;	/* NULL: unchanged */
};

/*
 * Change user `id` (id > 0) or `login`.  With expect_version > 0 the user
 * must still be at that version (else ERR_CONFLICT: an HTTP If-Match).
 * Changing the password or disabling ends the user's sessions.  The user as
 * changed goes to *after (may be NULL; strings in `a`).  Audited:
 * user.update (user.passwd when only the password changes, user.disable /
 * user.enable when only that changes).
 */
int svc_user_change(struct store *st, const struct svc_actor *actor, int64_t id,
		    const char *login, int64_t expect_version, const struct svc_user_change *c,
		    struct arena *a, struct store_user *after, struct err *e);

/* ---- sessions ---- */

/* Who a session belongs to, as the HTTP layer needs it. */
struct svc_principal {
	int64_t user_id;
	const char *login;
	const char *name;
	enum user_role role;
	int64_t unit_id;	/* a liaison's unit, else 0 */
	const char *unit_name;	/* NULL when unit_id is 0 */
	char token_hash[65];
	char csrf[SVC_TOKEN_LEN + 1];
	int64_t expires_at;
	bool extended;		/* svc_session_resume pushed the expiry forward just now */
};

enum svc_login_outcome {
	SVC_LOGIN_OK = 0,
	SVC_LOGIN_BAD,		/* wrong name or password, or a disabled user */
	SVC_LOGIN_THROTTLED
};

struct svc_login {
	enum svc_login_outcome outcome;
	int64_t retry_after;		/* THROTTLED: seconds */
	char token[SVC_TOKEN_LEN + 1];	/* OK: the session token (the cookie) */
	struct svc_principal who;	/* OK */
};

/*
 * Try a login from `address` at `now` (rules at the top).  Returns 0 with
 * the outcome in *out, -1 only when the store fails.  Strings go into `a`.
 */
int svc_login(struct store *st, const char *login, const char *password, const char *address,
	      int64_t now, int64_t ttl, struct arena *a, struct svc_login *out, struct err *e);

/*
 * The principal of session token `token` (the cookie's value) at `now`:
 * *valid is false for a malformed, unknown or expired token or a disabled
 * user.  May push the expiry forward (a write).
 */
int svc_session_resume(struct store *st, const char *token, int64_t now, int64_t ttl,
		       struct arena *a, struct svc_principal *who, bool *valid, struct err *e);

/* End the session with this token hash (none is not an error). */
int svc_logout(struct store *st, const char *token_hash, struct err *e);

/*
 * Change one's own password: `old` must be the current one (else
 * ERR_DENIED); the user's other sessions end, the one `who` holds stays.
 * Audited: user.passwd.
 */
int svc_password_change(struct store *st, const struct svc_principal *who, const char *old,
			const char *password, int64_t now, struct err *e);

/* Constant-time comparison of a CSRF token sent with a request. */
bool svc_csrf_ok(const struct svc_principal *who, const char *sent);

/* The audit actor of a principal: "user:LOGIN" (in `a`). */
struct svc_actor svc_principal_actor(const struct svc_principal *who, struct arena *a);

/* ---- scope ---- */

/*
 * The task numbers of plan `plan_id` that unit `unit_id` has an active
 * assignment for, ascending (malloc'd; free it; NULL when none).  This is
 * what a liaison of that unit may read.
 */
int svc_unit_task_nos(struct store *st, int64_t plan_id, int64_t unit_id, int **nos, size_t *n,
		      struct err *e);

#endif
