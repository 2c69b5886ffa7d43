/* Accounts of the HTTP interface: roles, and the rules for login names and passwords. */
#ifndef DUBAN_DOMAIN_ACCOUNT_H
#define DUBAN_DOMAIN_ACCOUNT_H

/*
 * Pure rules, no I/O.  Three roles:
 *   admin    the supervision office (督查室): reads and changes everything;
 *   leader   reads everything, changes nothing but its own password;
 *   liaison  a unit's liaison (联络员): bound to exactly one directory unit,
 *            reads only the tasks its unit is assigned and writes only its
 *            unit's reports.
 * A liaison always has a unit; the other roles never do.
 *
 * Login names are ASCII so that they can be typed anywhere and compared
 * exactly: 1..ACCOUNT_LOGIN_MAX of [a-z0-9._-], starting with a letter or
 * digit.  Passwords are ACCOUNT_PASSWORD_MIN..ACCOUNT_PASSWORD_MAX
 * characters of valid UTF-8 without control characters.
 */

#include <stdbool.h>

#include "util/err.h"

enum user_role {
	USER_ADMIN = 0,
	USER_LEADER,
	USER_LIAISON
};
#define USER_ROLE_COUNT 3

/* A set of roles, for the HTTP route table: USER_ROLE_BIT(USER_ADMIN) | ... */
#define USER_ROLE_BIT(r) (1u << (unsigned)(r))
#define USER_ROLES_ALL (USER_ROLE_BIT(USER_ADMIN) | USER_ROLE_BIT(USER_LEADER) | \
			USER_ROLE_BIT(USER_LIAISON))

#define ACCOUNT_LOGIN_MAX 64		/* bytes */
#define ACCOUNT_NAME_MAX 64		/* characters of the display name */
#define ACCOUNT_PASSWORD_MIN 8		/* characters */
#define ACCOUNT_PASSWORD_MAX 256	/* bytes */

/* "admin", "leader", "liaison". */
const char *user_role_code(enum user_role r);
/* 督查室管理员, 领导, 单位联络员. */
const char *user_role_label(enum user_role r);
/* Parse a code; -1 if unknown. */
int user_role_parse(const char *s, enum user_role *out);

/* Check a login name (rules above); ERR_INPUT naming the rule broken. */
int account_login_check(const char *login, struct err *e);
/* Check a display name: 0..ACCOUNT_NAME_MAX characters, valid UTF-8, no control characters. */
int account_name_check(const char *name, struct err *e);
/* Check a new password (rules above). */
int account_password_check(const char *password, struct err *e);

#endif
