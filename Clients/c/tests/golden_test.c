/*
 * The golden frames of Proto/testdata (PROTOCOL.md §4.3): each decodes to what its .txtpb says
 * and re-encodes, through this library's frame writer, to exactly the same bytes. The frame
 * reader takes them whole, byte by byte, and refuses the malformed prefixes of §4.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "internal.h"

static const char *testdata;
static const char *const golden_names[] = {
    "cancel", "echo_request", "error_response", "event", "goaway_draining", "goaway_frame_too_large",
    "hello_request", "hello_response", "ping", "pong", "write_request",
};
#define GOLDEN_COUNT (sizeof golden_names / sizeof golden_names[0])

typedef struct golden {
    uint8_t *bytes;
    size_t size;
} golden;

static golden load(const char *name)
{
    golden loaded = {0};
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.bin", testdata, name);
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    uint8_t chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
        loaded.bytes = realloc(loaded.bytes, loaded.size + got);
        if (loaded.bytes == NULL) exit(2);
        memcpy(loaded.bytes + loaded.size, chunk, got);
        loaded.size += got;
    }
    fclose(file);
    return loaded;
}

/* Decodes one golden frame with the library's reader; NULL (and a failed check) otherwise. */
static Licit__V1__Frame *decode(const golden *frame, const char *name)
{
    licit_buffer in = {0};
    licit_error error;
    Licit__V1__Frame *decoded = NULL;
    CHECK(licit_buffer_append(&in, frame->bytes, frame->size) == 0, "%s: append", name);
    int taken = licit_frame_read(&in, LICIT_DEFAULT_MAX_FRAME_BYTES, &decoded, &error);
    CHECK(taken == 1, "%s: not decoded: %s", name, taken < 0 ? error.message : "incomplete");
    CHECK(licit_buffer_length(&in) == 0, "%s: %zu bytes left over", name, licit_buffer_length(&in));
    licit_buffer_free(&in);
    return taken == 1 ? decoded : NULL;
}

static void every_golden_frame_round_trips(void)
{
    for (size_t i = 0; i < GOLDEN_COUNT; i++) {
        golden frame = load(golden_names[i]);
        Licit__V1__Frame *decoded = decode(&frame, golden_names[i]);
        if (decoded != NULL) {
            licit_buffer out = {0};
            licit_error error;
            CHECK(licit_frame_write(decoded, LICIT_DEFAULT_MAX_FRAME_BYTES, &out, &error) == LICIT_OK, "%s: %s",
                  golden_names[i], error.message);
            CHECK(licit_buffer_length(&out) == frame.size &&
                      memcmp(licit_buffer_bytes(&out), frame.bytes, frame.size) == 0,
                  "%s: re-encoded to %zu different bytes (golden: %zu)", golden_names[i], licit_buffer_length(&out),
                  frame.size);
            licit_buffer_free(&out);
            licit__v1__frame__free_unpacked(decoded, NULL);
        }
        free(frame.bytes);
    }
}

static void golden_frames_say_what_their_text_says(void)
{
    golden bytes = load("echo_request");
    Licit__V1__Frame *frame = decode(&bytes, "echo_request");
    if (frame) {
        CHECK(frame->call_id == 7 && frame->kind_case == LICIT__V1__FRAME__KIND_REQUEST, "echo kind");
        CHECK(strcmp(frame->request->method, "licit.v1.Session/Echo") == 0, "method %s", frame->request->method);
        CHECK(frame->request->timeout_ms == 0 && frame->request->request_id[0] == '\0', "defaults");
        Licit__V1__EchoRequest *echo =
            licit__v1__echo_request__unpack(NULL, frame->request->payload.len, frame->request->payload.data);
        CHECK(echo && echo->data.len == 4 && memcmp(echo->data.data, "ping", 4) == 0, "echo payload");
        if (echo) licit__v1__echo_request__free_unpacked(echo, NULL);
        licit__v1__frame__free_unpacked(frame, NULL);
    }
    free(bytes.bytes);

    bytes = load("hello_response");
    frame = decode(&bytes, "hello_response");
    if (frame) {
        CHECK(frame->response->status != NULL && frame->response->status->code == 0, "status present, OK");
        Licit__V1__HelloResponse *hello = licit__v1__hello_response__unpack(
            NULL, frame->response->payload.len, frame->response->payload.data);
        CHECK(hello != NULL, "HelloResponse decodes");
        if (hello) {
            CHECK(strcmp(hello->account->name, "fr-signer") == 0 && strcmp(hello->account->authority, "FR-ANSM") == 0,
                  "account");
            CHECK(hello->account->role == LICIT__V1__ROLE__SIGNER, "role %d", hello->account->role);
            CHECK(strlen(hello->account->certificate_fingerprint) == 64, "fingerprint length");
            CHECK(hello->limits->max_frame_bytes == 4194304 && hello->limits->max_calls_in_flight == 256,
                  "limits %u %u", hello->limits->max_frame_bytes, hello->limits->max_calls_in_flight);
            CHECK(strcmp(hello->server_name, "licitd") == 0, "server name");
            licit__v1__hello_response__free_unpacked(hello, NULL);
        }
        licit__v1__frame__free_unpacked(frame, NULL);
    }
    free(bytes.bytes);

    bytes = load("goaway_frame_too_large");
    frame = decode(&bytes, "goaway_frame_too_large");
    if (frame) {
        Licit__V1__GoAway *goaway = frame->goaway;
        CHECK(frame->call_id == 0 && goaway->last_call_id == 1, "goaway ids");
        licit_error error;
        licit_fail(&error, LICIT_REJECTED, "%s", "");
        licit_error_set_status(&error, goaway->status);
        CHECK(error.code == LICIT_STATUS_RESOURCE_EXHAUSTED && error.reason == LICIT_REASON_FRAME_TOO_LARGE,
              "status %d %s", error.code, error.reason_text);
        const char *announced = licit_error_detail(&error, "announced_bytes");
        const char *limit = licit_error_detail(&error, "max_frame_bytes");
        CHECK(announced && strcmp(announced, "5000000") == 0, "announced_bytes");
        CHECK(limit && strcmp(limit, "4194304") == 0, "max_frame_bytes");
        licit__v1__frame__free_unpacked(frame, NULL);
    }
    free(bytes.bytes);

    bytes = load("event");
    frame = decode(&bytes, "event");
    if (frame) {
        CHECK(frame->call_id == 9 && frame->event->sequence == 1024, "event %llu",
              (unsigned long long)frame->event->sequence);
        licit__v1__frame__free_unpacked(frame, NULL);
    }
    free(bytes.bytes);
}

/* All the golden frames back to back, arriving one byte at a time, as a slow connection would. */
static void the_reader_reassembles_frames_from_single_bytes(void)
{
    licit_buffer stream = {0}, in = {0};
    for (size_t i = 0; i < GOLDEN_COUNT; i++) {
        golden frame = load(golden_names[i]);
        CHECK(licit_buffer_append(&stream, frame.bytes, frame.size) == 0, "append");
        free(frame.bytes);
    }
    size_t frames = 0;
    licit_error error;
    for (size_t at = 0; at < licit_buffer_length(&stream); at++) {
        CHECK(licit_buffer_append(&in, licit_buffer_bytes(&stream) + at, 1) == 0, "append");
        Licit__V1__Frame *frame = NULL;
        int taken = licit_frame_read(&in, LICIT_DEFAULT_MAX_FRAME_BYTES, &frame, &error);
        CHECK(taken >= 0, "byte %zu: %s", at, error.message);
        if (taken == 1) {
            frames++;
            licit__v1__frame__free_unpacked(frame, NULL);
        }
    }
    CHECK(frames == GOLDEN_COUNT, "%zu frames reassembled, expected %zu", frames, GOLDEN_COUNT);
    CHECK(licit_buffer_length(&in) == 0, "bytes left over");
    licit_buffer_free(&stream);
    licit_buffer_free(&in);
}

static int read_prefix(const uint8_t *bytes, size_t size, uint32_t max, licit_error *error)
{
    licit_buffer in = {0};
    Licit__V1__Frame *frame = NULL;
    if (licit_buffer_append(&in, bytes, size) != 0) return -2;
    int taken = licit_frame_read(&in, max, &frame, error);
    if (frame) licit__v1__frame__free_unpacked(frame, NULL);
    licit_buffer_free(&in);
    return taken;
}

static void the_reader_refuses_malformed_frames(void)
{
    licit_error error;
    const uint8_t zero[] = {0, 0, 0, 0};
    CHECK(read_prefix(zero, sizeof zero, 100, &error) < 0 && error.result == LICIT_PROTOCOL_ERROR, "zero length");
    /* Over the limit: refused on the 4 length bytes, before any of the body arrives. */
    const uint8_t large[] = {0x00, 0x4c, 0x4b, 0x40}; /* 5 000 000 */
    CHECK(read_prefix(large, sizeof large, LICIT_DEFAULT_MAX_FRAME_BYTES, &error) < 0, "over the limit");
    CHECK(strstr(error.message, "5000000") != NULL, "message names the size: %s", error.message);
    const uint8_t at_limit[] = {0, 0, 0, 8};
    CHECK(read_prefix(at_limit, sizeof at_limit, 8, &error) == 0, "N = max is allowed: waits for the body");
    const uint8_t garbage[] = {0, 0, 0, 2, 0xff, 0xff};
    CHECK(read_prefix(garbage, sizeof garbage, 100, &error) < 0, "undecodable bytes");
    golden ping = load("ping");
    for (size_t cut = 0; cut < ping.size; cut++)
        CHECK(read_prefix(ping.bytes, cut, 100, &error) == 0, "truncated at %zu: waits for more", cut);
    free(ping.bytes);
}

static void the_writer_refuses_frames_over_the_limit(void)
{
    uint8_t payload[64] = {0};
    Licit__V1__Request request = LICIT__V1__REQUEST__INIT;
    request.method = "licit.v1.Session/Echo";
    request.payload.data = payload;
    request.payload.len = sizeof payload;
    Licit__V1__Frame frame = LICIT__V1__FRAME__INIT;
    frame.call_id = 3;
    frame.kind_case = LICIT__V1__FRAME__KIND_REQUEST;
    frame.request = &request;
    size_t size = licit__v1__frame__get_packed_size(&frame);
    licit_buffer out = {0};
    licit_error error;
    CHECK(licit_frame_write(&frame, (uint32_t)size - 1, &out, &error) == LICIT_INVALID_REQUEST, "one byte over");
    CHECK(licit_buffer_length(&out) == 0, "nothing written");
    CHECK(licit_frame_write(&frame, (uint32_t)size, &out, &error) == LICIT_OK, "exactly at the limit");
    CHECK(licit_buffer_length(&out) == size + 4, "prefix and frame");
    licit_buffer_free(&out);
}

int main(int argc, char **argv)
{
    testdata = argc > 1 ? argv[1] : "../../Proto/testdata";
    RUN(every_golden_frame_round_trips);
    RUN(golden_frames_say_what_their_text_says);
    RUN(the_reader_reassembles_frames_from_single_bytes);
    RUN(the_reader_refuses_malformed_frames);
    RUN(the_writer_refuses_frames_over_the_limit);
    return check_summary("golden_test");
}
