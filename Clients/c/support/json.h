/* A small JSON reader: enough for a sandbox's manifest.json. */
#ifndef LICIT_SUPPORT_JSON_H
#define LICIT_SUPPORT_JSON_H

#include <stddef.h>

typedef enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json_value {
    json_type type;
    double number;        /* JSON_NUMBER, JSON_BOOL (0 or 1) */
    char *string;         /* JSON_STRING */
    size_t count;         /* JSON_ARRAY items, JSON_OBJECT members */
    char **keys;          /* JSON_OBJECT */
    struct json_value **items;
} json_value;

/** Parses `text`; NULL when it is not valid JSON (or out of memory). */
json_value *json_parse(const char *text);
void json_free(json_value *value);
/** The member `key` of an object, or NULL. */
const json_value *json_member(const json_value *object, const char *key);
/** The string member `key` of an object, or NULL. */
const char *json_string(const json_value *object, const char *key);

#endif
