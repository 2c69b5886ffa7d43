/* Printable 交办单 / 催办单 / 督办通知单 as one standalone HTML document with a print stylesheet. */
#include "export/form_html.h"

#include "util/html.h"
#include "util/banned.h"

static const char style[] =
	"<style>\n"
	"@page { size: A4 portrait; margin: 25mm 22mm; }\n"
	"body { font-family: \"FangSong\", \"仿宋\", \"STFangsong\", \"SimSun\", \"宋体\", serif;"
	" font-size: 16pt; line-height: 1.6; color: #000; max-width: 170mm; margin: 0 auto; }\n"
	".office { text-align: center; font-size: 20pt; letter-spacing: 0.1em; margin: 0; }\n"
	"h1 { text-align: center; font-size: 24pt; margin: 0.2em 0 0.4em; }\n"
	".number { text-align: right; margin: 0 0 0.6em; }\n"
	"table { width: 100%; border-collapse: collapse; }\n"
	"th, td { border: 1px solid #000; padding: 0.3em 0.5em; vertical-align: top; }\n"
	"th { width: 6em; font-weight: normal; text-align: center; white-space: nowrap; }\n"
	".sign { margin-top: 1.5em; text-align: right; }\n"
	".reply td { height: 8em; }\n"
	".note { font-size: 12pt; margin-top: 1em; }\n"
	"@media print { body { max-width: none; } }\n"
	"</style>\n";

static void row(struct strbuf *out, const char *head, const char *value)
{
	strbuf_addstr(out, "<tr><th>");
	html_add_text(out, head);
	strbuf_addstr(out, "</th><td>");
	html_add_text_br(out, value);
	strbuf_addstr(out, "</td></tr>\n");
}

void form_render_html(const struct ladder_form *f, struct strbuf *out)
{
	strbuf_addstr(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
			   "<title>");
	html_add_text(out, f->title);
	if (f->number[0]) {
		strbuf_addstr(out, " ");
		html_add_text(out, f->number);
	}
	strbuf_addstr(out, "</title>\n");
	strbuf_addstr(out, style);
	strbuf_addstr(out, "</head>\n<body>\n<p class=\"office\">");
	html_add_text(out, f->office);
	strbuf_addstr(out, "</p>\n<h1>");
	html_add_text(out, f->title);
	strbuf_addstr(out, "</h1>\n<p class=\"number\">编号：");
	html_add_text(out, f->number);
	strbuf_addstr(out, "</p>\n<table>\n");
	{
		struct strbuf m = STRBUF_INIT;

		if (f->matter_no[0])
			strbuf_addf(&m, "%s：", f->matter_no);
		strbuf_addstr(&m, f->matter ? f->matter : "");
		row(out, "事项", m.buf);
		strbuf_release(&m);
	}
	if (f->ground[0])
		row(out, "督办事由", f->ground);
	row(out, "要求", f->requirement);
	row(out, "责任单位", f->unit);
	row(out, "责任人", f->person);
	row(out, "时限", f->deadline[0] ? f->deadline : "—");
	if (f->leader && f->leader[0])
		row(out, f->step == STEP_ESCALATE ? "提级至" : "负责领导", f->leader);
	strbuf_addstr(out, "</table>\n<p class=\"sign\">");
	html_add_text(out, f->office);
	strbuf_addstr(out, "<br>");
	html_add_text(out, f->issued);
	strbuf_addstr(out, "</p>\n");
	if (f->kind == FORM_HANDOVER) {
		strbuf_addstr(out, "<table>\n<tr><th>签收回执</th><td>已收到本交办单，"
				   "将按要求抓好落实、按期报送进展。<br>签收单位（盖章）：　　　　"
				   "签收人：　　　　　　<br>签收日期：　　　　年　　月　　日</td></tr>\n"
				   "</table>\n");
	} else if (f->deadline[0]) {
		strbuf_addstr(out, "<table class=\"reply\">\n<tr><th>回复情况</th><td></td></tr>\n"
				   "</table>\n<p class=\"sign\">责任单位（盖章）　　　　负责人签字："
				   "　　　　　　<br>年　　月　　日</p>\n<p class=\"note\">请于");
		html_add_text(out, f->deadline);
		strbuf_addstr(out, "将办理情况书面回复");
		html_add_text(out, f->office);
		strbuf_addstr(out, "（回复时注明编号）。</p>\n");
	}
	strbuf_addstr(out, "</body>\n</html>\n");
}
