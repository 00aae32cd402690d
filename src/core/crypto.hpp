#pragma once
// libsodium-backed primitives: random tokens, SHA-256, Argon2id password hashes.
#include <string>
#include <string_view>

namespace envgrid::core {

// Initialises libsodium once; safe to call from any thread.
void crypto_init();
// n random bytes, hex-encoded (2n characters).
std::string random_hex(std::size_t n);
// SHA-256 of data, lower-case hex.
std::string sha256_hex(std::string_view data);
// HMAC-SHA256 of data under key (any length), lower-case hex.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// Argon2id hash string (libsodium's crypto_pwhash_str, interactive limits: ~64 MiB).
// Callers bound concurrency; see http/auth.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);
// Constant-time comparison of equal-length strings.
bool equal_ct(std::string_view a, std::string_view b);

}  // namespace envgrid::core
