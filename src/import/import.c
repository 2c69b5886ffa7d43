/* import_parse: a document's bytes to an understood plan (format dispatch, reader, table, understanding). */
#include "import/import.h"

#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "import/ooxml.h"
#include "import/read_docx.h"
#include "import/read_text.h"
#include "import/read_xlsx.h"
#include "import/rows.h"
#include "import/table.h"
#include "import/understand.h"
#include "util/hash.h"
#include "util/banned.h"

/* Inputs this large are hashed on a second thread while they are parsed. */
#define HASH_THREAD_MIN (1u << 20)

struct hash_job {
	const char *data;
	size_t len;
	char *out;
};

static void *hash_job_run(void *arg)
{
	struct hash_job *j = arg;

	hash_sha256_hex(j->data, j->len, j->out);
	return NULL;
}

static const char *const format_names[] = {
	[IMPORT_FORMAT_AUTO] = "auto",
	[IMPORT_FORMAT_TEXT] = "text",
	[IMPORT_FORMAT_DOCX] = "docx",
	[IMPORT_FORMAT_XLSX] = "xlsx",
};

int import_format_parse(const char *s, enum import_format *out)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++) {
		if (!strcmp(s, format_names[i])) {
			*out = (enum import_format)i;
			return 0;
		}
	}
	if (!strcmp(s, "txt")) {
		*out = IMPORT_FORMAT_TEXT;
		return 0;
	}
	return -1;
}

static bool name_ends_with(const char *name, const char *ext)
{
	size_t n = strlen(name), m = strlen(ext);

	return n >= m && !strcasecmp(name + n - m, ext);
}

/* By content first (ZIP and OLE magic; a ZIP's parts), then by name; text otherwise. */
static int detect_format(const char *data, size_t len, const char *name,
			 enum import_format *fmt, struct err *e)
{
	bool zip = len >= 4 && !memcmp(data, "PK\x03\x04", 4);

	if (len >= 8 && !memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		return err_set(e, ERR_INPUT,
			       "%s: 这是旧版 Word/Excel 二进制文件（.doc/.xls），不支持；"
			       "请另存为 .docx、.xlsx 或 UTF-8 文本后再导入", name);
	if (zip) {
		switch (ooxml_sniff(data, len)) {
		case OOXML_DOCX:
			*fmt = IMPORT_FORMAT_DOCX;
			break;
		case OOXML_XLSX:
			*fmt = IMPORT_FORMAT_XLSX;
			break;
		default:
			*fmt = name_ends_with(name, ".xlsx") ? IMPORT_FORMAT_XLSX : IMPORT_FORMAT_DOCX;
			break;
		}
		return 0;
	}
	if (name_ends_with(name, ".docx") || name_ends_with(name, ".xlsx"))
		return err_set(e, ERR_INPUT, "%s: 文件名是 %s，但内容不是 ZIP 格式的 Office 文档",
			       name, name_ends_with(name, ".docx") ? ".docx" : ".xlsx");
	*fmt = IMPORT_FORMAT_TEXT;
	return 0;
}

/*
 * Milestones from a 完成时限 column (table.h) join those of the text: the
 * text's first, then the column's on other dates.  The task is due at the
 * latest of them all.
 */
static void add_column_milestones(struct arena *a, struct task *t, const struct milestone *col,
				  size_t ncol)
{
	struct milestone *v = arena_alloc(a, (t->nmilestones + ncol) * sizeof(*v));
	size_t n = t->nmilestones;

	if (n)
		memcpy(v, t->milestones, n * sizeof(*v));
	for (size_t i = 0; i < ncol; i++) {
		bool dup = false;

		for (size_t j = 0; j < t->nmilestones && !dup; j++)
			dup = !date_cmp(v[j].due, col[i].due);
		if (!dup)
			v[n++] = col[i];
	}
	t->milestones = v;
	t->nmilestones = n;
	t->due = v[0].due;
	for (size_t i = 1; i < n; i++)
		if (date_cmp(v[i].due, t->due) > 0)
			t->due = v[i].due;
}

int import_parse(const char *data, size_t len, const char *source_name,
		 enum import_format format, struct plan_doc *doc,
		 struct import_info *info, struct diags *warnings, struct err *e)
{
	struct import_opts opts = { format, NULL };

	return import_parse_opts(data, len, source_name, &opts, doc, info, warnings, e);
}

int import_parse_opts(const char *data, size_t len, const char *source_name,
		      const struct import_opts *opts, struct plan_doc *doc,
		      struct import_info *info, struct diags *warnings, struct err *e)
{
	enum import_format format = opts->format;
	struct rows rows = ROWS_INIT;
	struct arena scratch = ARENA_INIT;
	const char *name = source_name && *source_name ? source_name : "(输入)";
	struct hash_job job = { data, len, doc->plan.sha256 };
	pthread_t hasher;
	bool hashing = false;
	int rc = -1;

	if (info) {
		info->format = "text";
		info->encoding = "UTF-8";
	}
	arena_init(&scratch, 0);
	doc->plan.source_name = arena_strdup(&doc->arena, name);
	if (len > IMPORT_MAX_BYTES) {
		err_set(e, ERR_INPUT, "%s: 文件有 %zu 字节，超过 %u 字节的上限", name, len,
			IMPORT_MAX_BYTES);
		goto out;
	}
	if (hash_init()) {
		err_set(e, ERR_INTERNAL, "无法初始化 libsodium");
		goto out;
	}
	/* doc->plan.sha256 belongs to the hashing thread until it is joined at out. */
	if (len >= HASH_THREAD_MIN && !pthread_create(&hasher, NULL, hash_job_run, &job))
		hashing = true;
	else
		hash_sha256_hex(data, len, doc->plan.sha256);
	if (format == IMPORT_FORMAT_AUTO && detect_format(data, len, name, &format, e))
		goto out;
	if (info)
		info->format = format_names[format];
	switch (format) {
	case IMPORT_FORMAT_TEXT:
		if (read_text(data, len, name, &scratch, &rows, warnings, e))
			goto out;
		break;
	case IMPORT_FORMAT_DOCX:
		if (read_docx(data, len, name, &scratch, &rows, warnings, e))
			goto out;
		break;
	case IMPORT_FORMAT_XLSX:
		if (read_xlsx(data, len, name, opts->sheet, &scratch, &rows, warnings, e))
			goto out;
		break;
	default:
		err_set(e, ERR_INTERNAL, "%s: 未知的导入格式", name);
		goto out;
	}
	if (info)
		info->encoding = rows.encoding;
	if (table_interpret(&rows, name, doc, warnings, e))
		goto out;
	for (size_t i = 0; i < doc->ntasks; i++) {
		struct task *t = &doc->tasks[i];
		struct milestone *col = t->milestones;
		size_t ncol = t->nmilestones;

		understand_task(&doc->arena, t, doc->plan.year);
		if (ncol)
			add_column_milestones(&doc->arena, t, col, ncol);
		if (!date_is_set(t->due) && doc->plan.year > 0)
			t->due = (struct date){ doc->plan.year, 12, 31 };
	}
	rc = 0;
out:
	if (hashing)
		pthread_join(hasher, NULL);
	rows_release(&rows);
	arena_release(&scratch);
	return rc;
}
