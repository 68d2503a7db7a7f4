/* A small recursive-descent JSON reader (RFC 8259), for sandbox manifests. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

typedef struct reader {
    const char *at;
    int depth;
} reader;

static json_value *parse_value(reader *in);

static void skip_space(reader *in)
{
    while (*in->at == ' ' || *in->at == '\t' || *in->at == '\n' || *in->at == '\r') in->at++;
}

static int append_utf8(char *out, size_t *length, unsigned code)
{
    if (code < 0x80) {
        out[(*length)++] = (char)code;
    } else if (code < 0x800) {
        out[(*length)++] = (char)(0xc0 | code >> 6);
        out[(*length)++] = (char)(0x80 | (code & 0x3f));
    } else {
        out[(*length)++] = (char)(0xe0 | code >> 12);
        out[(*length)++] = (char)(0x80 | ((code >> 6) & 0x3f));
        out[(*length)++] = (char)(0x80 | (code & 0x3f));
    }
    return 1;
}

static char *parse_string(reader *in)
{
    if (*in->at != '"') return NULL;
    const char *start = ++in->at;
    while (*in->at && *in->at != '"') in->at += (*in->at == '\\' && in->at[1]) ? 2 : 1;
    if (*in->at != '"') return NULL;
    char *out = malloc((size_t)(in->at - start) + 1);
    if (out == NULL) return NULL;
    size_t length = 0;
    for (const char *c = start; c < in->at; c++) {
        if (*c != '\\') {
            out[length++] = *c;
            continue;
        }
        c++;
        switch (*c) {
        case 'n': out[length++] = '\n'; break;
        case 't': out[length++] = '\t'; break;
        case 'r': out[length++] = '\r'; break;
        case 'b': out[length++] = '\b'; break;
        case 'f': out[length++] = '\f'; break;
        case 'u': {
            char hex[5] = {0};
            if (strlen(c + 1) < 4) { free(out); return NULL; }
            memcpy(hex, c + 1, 4);
            append_utf8(out, &length, (unsigned)strtoul(hex, NULL, 16));
            c += 4;
            break;
        }
        default: out[length++] = *c; break; /* \" \\ \/ */
        }
    }
    out[length] = '\0';
    in->at++;
    return out;
}

static json_value *make(json_type type)
{
    json_value *value = calloc(1, sizeof *value);
    if (value) value->type = type;
    return value;
}

static int add(json_value *container, char *key, json_value *item)
{
    json_value **items = realloc(container->items, (container->count + 1) * sizeof *items);
    if (items == NULL) return 0;
    container->items = items;
    if (container->type == JSON_OBJECT) {
        char **keys = realloc(container->keys, (container->count + 1) * sizeof *keys);
        if (keys == NULL) return 0;
        container->keys = keys;
        keys[container->count] = key;
    }
    items[container->count++] = item;
    return 1;
}

static json_value *parse_container(reader *in, json_type type, char close)
{
    json_value *container = make(type);
    if (container == NULL || ++in->depth > 64) goto fail;
    in->at++;
    skip_space(in);
    if (*in->at == close) {
        in->at++;
        in->depth--;
        return container;
    }
    for (;;) {
        char *key = NULL;
        skip_space(in);
        if (type == JSON_OBJECT) {
            key = parse_string(in);
            skip_space(in);
            if (key == NULL || *in->at != ':') { free(key); goto fail; }
            in->at++;
        }
        json_value *item = parse_value(in);
        if (item == NULL || !add(container, key, item)) {
            free(key);
            json_free(item);
            goto fail;
        }
        skip_space(in);
        if (*in->at == ',') { in->at++; continue; }
        if (*in->at == close) { in->at++; in->depth--; return container; }
        goto fail;
    }
fail:
    json_free(container);
    return NULL;
}

static json_value *parse_value(reader *in)
{
    skip_space(in);
    json_value *value;
    switch (*in->at) {
    case '{': return parse_container(in, JSON_OBJECT, '}');
    case '[': return parse_container(in, JSON_ARRAY, ']');
    case '"':
        value = make(JSON_STRING);
        if (value && (value->string = parse_string(in)) == NULL) { free(value); return NULL; }
        return value;
    case 't': case 'f': case 'n': {
        const char *word = *in->at == 't' ? "true" : *in->at == 'f' ? "false" : "null";
        if (strncmp(in->at, word, strlen(word)) != 0) return NULL;
        in->at += strlen(word);
        value = make(*word == 'n' ? JSON_NULL : JSON_BOOL);
        if (value) value->number = *word == 't';
        return value;
    }
    default: {
        char *end;
        double number = strtod(in->at, &end);
        if (end == in->at) return NULL;
        in->at = end;
        value = make(JSON_NUMBER);
        if (value) value->number = number;
        return value;
    }
    }
}

json_value *json_parse(const char *text)
{
    reader in = {.at = text};
    json_value *value = parse_value(&in);
    skip_space(&in);
    if (value != NULL && *in.at != '\0') {
        json_free(value);
        return NULL;
    }
    return value;
}

void json_free(json_value *value)
{
    if (value == NULL) return;
    for (size_t i = 0; i < value->count; i++) {
        if (value->keys) free(value->keys[i]);
        json_free(value->items[i]);
    }
    free(value->keys);
    free(value->items);
    free(value->string);
    free(value);
}

const json_value *json_member(const json_value *object, const char *key)
{
    if (object == NULL || object->type != JSON_OBJECT) return NULL;
    for (size_t i = 0; i < object->count; i++)
        if (strcmp(object->keys[i], key) == 0) return object->items[i];
    return NULL;
}

const char *json_string(const json_value *object, const char *key)
{
    const json_value *member = json_member(object, key);
    return member && member->type == JSON_STRING ? member->string : NULL;
}
