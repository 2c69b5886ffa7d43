/* Administration of the store: online backup. */
#include "service/admin_service.h"

#include "util/banned.h"

int svc_backup(struct store *st, const char *path, struct err *e)
{
	if (!path || !*path)
		return err_set(e, ERR_USAGE, "缺少备份文件名");
	return store_backup(st, path, e);
}
