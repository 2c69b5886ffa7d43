/* PLACEHOLDER */
typedef int duban_placeholder_export_json;
