/* OOXML packages: ZIP parts read within size and ratio limits, XML streamed through SAX2 with no DTD or entities. */
#include "import/ooxml.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define CHUNK 65536

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser();
}

/* ---------------------------------------------------------------- ZIP */

static const char *zip_reason(int code)
{
	switch (code) {
	case ZIP_ER_NOZIP:
		return "不是 ZIP 压缩包";
	case ZIP_ER_INCONS:
		return "ZIP 结构前后不一致（文件已损坏或被截断）";
	case ZIP_ER_CRC:
		return "校验和不符（文件已损坏）";
	case ZIP_ER_EOF:
		return "文件被截断";
	case ZIP_ER_MULTIDISK:
		return "是分卷压缩包，不支持";
	case ZIP_ER_COMPNOTSUPP:
		return "使用了不支持的压缩方法";
	case ZIP_ER_ENCRNOTSUPP:
	case ZIP_ER_NOPASSWD:
	case ZIP_ER_WRONGPASSWD:
		return "已加密（请去掉密码后另存再导入）";
	case ZIP_ER_ZLIB:
	case ZIP_ER_COMPRESSED_DATA:
		return "压缩数据无效（文件已损坏）";
	default:
		return "无法读取";
	}
}

int ooxml_open(struct ooxml *p, const char *data, size_t len, const char *name, struct err *e)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_int64_t n;
	uint64_t total = 0;

	memset(p, 0, sizeof(*p));
	p->name = name;
	zip_error_init(&ze);
	src = zip_source_buffer_create(len ? data : "", len, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		return err_set(e, ERR_INPUT, "%s: 无法读取 ZIP 内容", name);
	}
	p->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!p->zip) {
		int code = zip_error_code_zip(&ze);

		zip_source_free(src);
		zip_error_fini(&ze);
		return err_set(e, ERR_INPUT, "%s: 不是有效的 Office 文档：%s（.docx/.xlsx 是 ZIP 压缩包）",
			       name, zip_reason(code));
	}
	zip_error_fini(&ze);
	n = zip_get_num_entries(p->zip, 0);
	if (n < 0 || n > OOXML_MAX_ENTRIES) {
		err_set(e, ERR_INPUT, "%s: ZIP 中有 %lld 个条目，超过 %d 个的上限，拒绝读取", name,
			(long long)n, OOXML_MAX_ENTRIES);
		goto fail;
	}
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;

		if (zip_stat_index(p->zip, (zip_uint64_t)i, 0, &st) || !(st.valid & ZIP_STAT_SIZE))
			continue;
		total += st.size;
		if (total > OOXML_MAX_TOTAL) {
			err_set(e, ERR_INPUT,
				"%s: ZIP 各条目解压后共超过 %llu 字节，疑似压缩炸弹，拒绝读取", name,
				(unsigned long long)OOXML_MAX_TOTAL);
			goto fail;
		}
	}
	return 0;
fail:
	zip_discard(p->zip);
	p->zip = NULL;
	return -1;
}

void ooxml_close(struct ooxml *p)
{
	if (p->zip)
		zip_discard(p->zip);
	p->zip = NULL;
}

static zip_int64_t locate(struct ooxml *p, const char *part)
{
	if (*part == '/')
		part++;
	return zip_name_locate(p->zip, part, ZIP_FL_NOCASE);
}

bool ooxml_has_part(struct ooxml *p, const char *part)
{
	return p->zip && locate(p, part) >= 0;
}

/*
 * Open part `part` for reading after checking its declared sizes; *size
 * receives the declared uncompressed size.  Returns NULL with the error set.
 */
static zip_file_t *open_part(struct ooxml *p, const char *part, uint64_t *size, struct err *e)
{
	zip_int64_t idx = locate(p, part);
	zip_stat_t st;
	zip_file_t *f;

	if (idx < 0) {
		err_set(e, ERR_INPUT, "%s: 缺少 %s 部分", p->name, part);
		return NULL;
	}
	if (zip_stat_index(p->zip, (zip_uint64_t)idx, 0, &st) ||
	    (st.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) != (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) {
		err_set(e, ERR_INPUT, "%s: %s: 无法读取条目信息", p->name, part);
		return NULL;
	}
	if (st.size > OOXML_MAX_PART) {
		err_set(e, ERR_INPUT, "%s: %s: 解压后有 %llu 字节，超过 %llu 字节的上限，拒绝读取",
			p->name, part, (unsigned long long)st.size,
			(unsigned long long)OOXML_MAX_PART);
		return NULL;
	}
	if (st.size > OOXML_RATIO_FROM &&
	    (st.comp_size == 0 || st.size / st.comp_size > OOXML_MAX_RATIO)) {
		err_set(e, ERR_INPUT,
			"%s: %s: 压缩比超过 %d 倍（%llu 字节压缩为 %llu 字节），疑似压缩炸弹，拒绝读取",
			p->name, part, OOXML_MAX_RATIO, (unsigned long long)st.size,
			(unsigned long long)st.comp_size);
		return NULL;
	}
	if (p->inflated + st.size > OOXML_MAX_INFLATED) {
		err_set(e, ERR_INPUT, "%s: %s: 各部分解压后共超过 %llu 字节的上限，拒绝读取", p->name,
			part, (unsigned long long)OOXML_MAX_INFLATED);
		return NULL;
	}
	f = zip_fopen_index(p->zip, (zip_uint64_t)idx, 0);
	if (!f) {
		err_set(e, ERR_INPUT, "%s: %s: %s", p->name, part,
			zip_reason(zip_error_code_zip(zip_get_error(p->zip))));
		return NULL;
	}
	*size = st.size;
	return f;
}

/*
 * Read the next chunk of an open part into buf; returns the byte count (0 at
 * the end) or -1 with the error set.  *got counts the bytes so far, checked
 * against the declared size.
 */
static zip_int64_t read_chunk(struct ooxml *p, const char *part, zip_file_t *f, char *buf,
			      uint64_t size, uint64_t *got, struct err *e)
{
	zip_int64_t n = zip_fread(f, buf, CHUNK);

	if (n < 0) {
		err_set(e, ERR_INPUT, "%s: %s: %s", p->name, part,
			zip_reason(zip_error_code_zip(zip_file_get_error(f))));
		return -1;
	}
	*got += (uint64_t)n;
	p->inflated += (uint64_t)n;
	if (*got > size) {
		err_set(e, ERR_INPUT,
			"%s: %s: 解压出的数据多于条目声明的 %llu 字节，疑似压缩炸弹，已停止读取",
			p->name, part, (unsigned long long)size);
		return -1;
	}
	return n;
}

/* ---------------------------------------------------------------- XML */

struct sax_state {
	struct ooxml *p;
	const struct ooxml_handler *h;
	void *ctx;
	xmlParserCtxtPtr ctxt;
	struct err *e;
	bool failed;		/* a callback failed, or a fatal XML error */
	bool doctype;
	struct ooxml_attr *attrs;
	size_t attrs_alloc;
	struct strbuf vals;
};

static void stop(struct sax_state *s)
{
	s->failed = true;
	xmlStopParser(s->ctxt);
}

/* The callback failed: put the place in front of its message. */
static void callback_failed(struct sax_state *s)
{
	struct ooxml *p = s->p;

	err_prefix(s->e, "%s: %s:%d: ", p->name, p->part, xmlSAX2GetLineNumber(s->ctxt));
	stop(s);
}

static void sax_start(void *ud, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
		      int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
		      int nb_defaulted, const xmlChar **attributes)
{
	struct sax_state *s = ud;
	size_t n = nb_attributes > 0 ? (size_t)nb_attributes : 0;
	size_t *offs;

	(void)prefix;
	(void)nb_namespaces;
	(void)namespaces;
	(void)nb_defaulted;
	if (s->failed || !s->h->start)
		return;
	ALLOC_GROW(s->attrs, n + 1, s->attrs_alloc);
	strbuf_reset(&s->vals);
	/* Values are not NUL-terminated and '&' comes as "&#38;": copy and decode. */
	offs = xcalloc(n + 1, sizeof(*offs));
	for (size_t i = 0; i < n; i++) {
		const char *v = (const char *)attributes[i * 5 + 3];
		const char *end = (const char *)attributes[i * 5 + 4];

		offs[i] = s->vals.len;
		while (v < end) {
			if (*v == '&' && end - v >= 5 && !memcmp(v, "&#38;", 5)) {
				strbuf_addch(&s->vals, '&');
				v += 5;
			} else {
				strbuf_addch(&s->vals, *v++);
			}
		}
		strbuf_addch(&s->vals, '\0');
	}
	for (size_t i = 0; i < n; i++) {
		s->attrs[i].name = (const char *)attributes[i * 5];
		s->attrs[i].ns = attributes[i * 5 + 2] ? (const char *)attributes[i * 5 + 2] : "";
		s->attrs[i].value = s->vals.buf + offs[i];
	}
	free(offs);
	if (s->h->start(s->ctx, (const char *)localname, uri ? (const char *)uri : "", s->attrs, n,
			s->e))
		callback_failed(s);
}

static void sax_end(void *ud, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	struct sax_state *s = ud;

	(void)prefix;
	if (s->failed || !s->h->end)
		return;
	if (s->h->end(s->ctx, (const char *)localname, uri ? (const char *)uri : "", s->e))
		callback_failed(s);
}

static void sax_text(void *ud, const xmlChar *ch, int len)
{
	struct sax_state *s = ud;

	if (s->failed || !s->h->text || len <= 0)
		return;
	if (s->h->text(s->ctx, (const char *)ch, (size_t)len, s->e))
		callback_failed(s);
}

/* <!DOCTYPE ...>: stop before the internal subset is read. */
static void sax_doctype(void *ud, const xmlChar *name, const xmlChar *external_id,
			const xmlChar *system_id)
{
	struct sax_state *s = ud;

	(void)name;
	(void)external_id;
	(void)system_id;
	if (s->failed)
		return;
	s->doctype = true;
	err_set(s->e, ERR_INPUT,
		"%s: %s:%d: 含有 DTD（<!DOCTYPE> 声明），Office 文档不应有；为安全起见拒绝读取"
		"（可能是实体扩展或外部实体攻击）",
		s->p->name, s->p->part, xmlSAX2GetLineNumber(s->ctxt));
	stop(s);
}

/* No entity is ever defined: every non-predefined reference is undeclared. */
static xmlEntityPtr sax_get_entity(void *ud, const xmlChar *name)
{
	(void)ud;
	(void)name;
	return NULL;
}

static void sax_error(void *ud, xmlErrorPtr err)
{
	struct sax_state *s = ud;
	char msg[200];
	size_t n;

	if (s->failed || !err || err->level < XML_ERR_ERROR)
		return;
	snprintf(msg, sizeof(msg), "%s", err->message ? err->message : "");
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (err->code == XML_ERR_UNDECLARED_ENTITY || err->code == XML_WAR_UNDECLARED_ENTITY)
		err_set(s->e, ERR_INPUT, "%s: %s:%d: 引用了未定义的实体（%s），拒绝读取", s->p->name,
			s->p->part, err->line, msg);
	else
		err_set(s->e, ERR_INPUT, "%s: %s:%d: XML 格式错误：%s", s->p->name, s->p->part,
			err->line, msg);
	stop(s);
}

int ooxml_parse_part(struct ooxml *p, const char *part, const struct ooxml_handler *h, void *ctx,
		     struct err *e)
{
	struct sax_state s;
	xmlSAXHandler sax;
	zip_file_t *f;
	uint64_t size, got = 0;
	char *buf = NULL;
	int rc = -1;

	pthread_once(&xml_once, xml_init);
	memset(&s, 0, sizeof(s));
	s.p = p;
	s.h = h;
	s.ctx = ctx;
	s.e = e;
	strbuf_init(&s.vals, 0);
	f = open_part(p, part, &size, e);
	if (!f)
		return -1;

	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = sax_start;
	sax.endElementNs = sax_end;
	sax.characters = sax_text;
	sax.cdataBlock = sax_text;
	sax.internalSubset = sax_doctype;
	sax.getEntity = sax_get_entity;
	sax.getParameterEntity = sax_get_entity;
	sax.serror = sax_error;

	s.ctxt = xmlCreatePushParserCtxt(&sax, &s, NULL, 0, part);
	if (!s.ctxt) {
		err_set(e, ERR_INTERNAL, "无法创建 XML 解析器");
		goto out;
	}
	xmlCtxtUseOptions(s.ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	p->parser = s.ctxt;
	p->part = part;
	buf = xmalloc(CHUNK);
	for (;;) {
		zip_int64_t n = read_chunk(p, part, f, buf, size, &got, e);

		if (n < 0)
			goto out;
		xmlParseChunk(s.ctxt, buf, (int)n, n == 0);
		if (s.failed)
			goto out;
		if (n == 0)
			break;
	}
	if (!s.ctxt->wellFormed) {
		err_set(e, ERR_INPUT, "%s: %s: XML 格式错误", p->name, part);
		goto out;
	}
	rc = 0;
out:
	p->parser = NULL;
	p->part = NULL;
	if (s.ctxt)
		xmlFreeParserCtxt(s.ctxt);
	free(buf);
	free(s.attrs);
	strbuf_release(&s.vals);
	zip_fclose(f);
	return rc;
}

int ooxml_line(const struct ooxml *p)
{
	return p->parser ? xmlSAX2GetLineNumber(p->parser) : 0;
}

const char *ooxml_attr(const struct ooxml_attr *attrs, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(attrs[i].name, name))
			return attrs[i].value;
	return NULL;
}

/* ---------------------------------------------------------------- relationships */

struct rels_ctx {
	struct arena *a;
	const char *dir;	/* folder of the source part, with a trailing '/' or "" */
	struct ooxml_rel *v;
	size_t n, alloc;
};

/* Resolve a relative target against dir, folding "." and ".." segments. */
static char *resolve(struct arena *a, const char *dir, const char *target)
{
	struct strbuf path = STRBUF_INIT, out = STRBUF_INIT;
	char *res, *seg, *save = NULL;

	if (*target == '/')
		strbuf_addstr(&path, target + 1);
	else
		strbuf_addf(&path, "%s%s", dir, target);
	for (seg = strtok_r(path.buf, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (!strcmp(seg, "."))
			continue;
		if (!strcmp(seg, "..")) {
			char *slash = strrchr(out.buf, '/');
			strbuf_setlen(&out, slash ? (size_t)(slash - out.buf) : 0);
			continue;
		}
		if (out.len)
			strbuf_addch(&out, '/');
		strbuf_addstr(&out, seg);
	}
	res = arena_strndup(a, out.buf, out.len);
	strbuf_release(&path);
	strbuf_release(&out);
	return res;
}

static int rels_start(void *ctx, const char *name, const char *ns, const struct ooxml_attr *at,
		      size_t n, struct err *e)
{
	struct rels_ctx *r = ctx;
	const char *id, *type, *target, *mode, *slash;

	(void)ns;
	(void)e;
	if (strcmp(name, "Relationship"))
		return 0;
	id = ooxml_attr(at, n, "Id");
	type = ooxml_attr(at, n, "Type");
	target = ooxml_attr(at, n, "Target");
	mode = ooxml_attr(at, n, "TargetMode");
	if (!id || !type || !target || (mode && !strcasecmp(mode, "External")))
		return 0;
	slash = strrchr(type, '/');
	ALLOC_GROW(r->v, r->n + 1, r->alloc);
	r->v[r->n].id = arena_strdup(r->a, id);
	r->v[r->n].type = arena_strdup(r->a, slash ? slash + 1 : type);
	r->v[r->n].target = resolve(r->a, r->dir, target);
	r->n++;
	return 0;
}

int ooxml_rels_load(struct ooxml *p, const char *source, struct arena *a, struct ooxml_rels *out,
		    struct err *e)
{
	static const struct ooxml_handler h = { rels_start, NULL, NULL };
	struct rels_ctx r = { a, "", NULL, 0, 0 };
	const char *slash = strrchr(source, '/');
	char *dir = arena_strndup(a, source, slash ? (size_t)(slash - source + 1) : 0);
	char *rels = arena_printf(a, "%s_rels/%s.rels", dir, slash ? slash + 1 : source);
	int rc = 0;

	r.dir = dir;
	out->v = NULL;
	out->n = 0;
	if (!ooxml_has_part(p, rels))
		return 0;
	if (ooxml_parse_part(p, rels, &h, &r, e))
		rc = -1;
	if (!rc && r.n) {
		out->v = arena_alloc(a, r.n * sizeof(*out->v));
		memcpy(out->v, r.v, r.n * sizeof(*out->v));
		out->n = r.n;
	}
	free(r.v);
	return rc;
}

const struct ooxml_rel *ooxml_rels_find_type(const struct ooxml_rels *r, const char *type)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].type, type))
			return &r->v[i];
	return NULL;
}

const struct ooxml_rel *ooxml_rels_find_id(const struct ooxml_rels *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].id, id))
			return &r->v[i];
	return NULL;
}

enum ooxml_kind ooxml_sniff(const char *data, size_t len)
{
	struct ooxml p;
	enum ooxml_kind k = OOXML_UNKNOWN;
	zip_int64_t n;

	if (ooxml_open(&p, data, len, "", NULL))
		return OOXML_UNKNOWN;
	if (ooxml_has_part(&p, "word/document.xml"))
		k = OOXML_DOCX;
	else if (ooxml_has_part(&p, "xl/workbook.xml"))
		k = OOXML_XLSX;
	n = zip_get_num_entries(p.zip, 0);
	for (zip_int64_t i = 0; k == OOXML_UNKNOWN && i < n; i++) {
		const char *nm = zip_get_name(p.zip, (zip_uint64_t)i, 0);

		if (nm && !strncasecmp(nm, "word/", 5))
			k = OOXML_DOCX;
		else if (nm && !strncasecmp(nm, "xl/", 3))
			k = OOXML_XLSX;
	}
	ooxml_close(&p);
	return k;
}
