/* PLACEHOLDER */
typedef int duban_placeholder_import_service;
