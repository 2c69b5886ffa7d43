/* The import use case, parsing side: bytes (or a file) through import_parse, then the store. */
#include "service/import_service.h"

#include <string.h>

#include "util/arena.h"
#include "util/fileio.h"
#include "util/hash.h"
#include "util/strbuf.h"
#include "util/banned.h"

int svc_import_parse(const char *data, size_t len, const char *source_name,
		     enum import_format format, struct svc_import *imp, struct err *e)
{
	struct plan *p = &imp->doc.plan;
	struct import_opts opts = { format, imp->sheet };

	if (!source_name)
		source_name = "-";
	if (import_parse_opts(data, len, source_name, &opts, &imp->doc, &imp->info,
			      &imp->warnings, e))
		return -1;
	/* Stored: the file's name without its directories. */
	p->source_name = arena_strdup(&imp->doc.arena, fileio_basename(source_name));
	if (!p->sha256[0]) {
		if (hash_init())
			return err_set(e, ERR_INTERNAL, "无法初始化 libsodium");
		hash_sha256_hex(data, len, p->sha256);
	}
	if (!imp->info.format)
		imp->info.format = "";
	if (!imp->info.encoding)
		imp->info.encoding = "UTF-8";
	imp->outcome = SVC_IMPORT_PARSED;
	return 0;
}

int svc_import(struct store *st, const char *data, size_t len, const char *source_name,
	       enum import_format format, enum svc_import_mode mode, const struct svc_actor *actor,
	       struct svc_import *imp, struct err *e)
{
	if (svc_import_parse(data, len, source_name, format, imp, e))
		return -1;
	return svc_import_store(st, imp, mode, actor, e);
}

int svc_import_file(struct store *st, const char *path, enum import_format format,
		    enum svc_import_mode mode, const struct svc_actor *actor,
		    struct svc_import *imp, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	if (fileio_read(path, IMPORT_MAX_BYTES, &sb, e)) {
		strbuf_release(&sb);
		return -1;
	}
	rc = svc_import(st, sb.buf, sb.len, path, format, mode, actor, imp, e);
	strbuf_release(&sb);
	return rc;
}
