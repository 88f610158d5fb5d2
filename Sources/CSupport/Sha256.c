// SHA-256 (FIPS 180-4): every cache key, and the remote cache's content addresses (bazel-remote's
// /cas/ keys). OpenSSL's libcrypto computes it: maintained, vectorised, fast in any build.
#include "CSupport.h"

void tutorial_sha256_init(struct tutorial_sha256_state *state) {
    SHA256_Init(&state->context);
}

void tutorial_sha256_update(struct tutorial_sha256_state *state, const unsigned char *bytes, unsigned long length) {
    if (length > 0) SHA256_Update(&state->context, bytes, length);
}

void tutorial_sha256_final(struct tutorial_sha256_state *state, unsigned char digest[32]) {
    SHA256_Final(digest, &state->context);
}

void tutorial_sha256(const unsigned char *bytes, unsigned long length, unsigned char digest[32]) {
    SHA256(bytes, length, digest);
}
