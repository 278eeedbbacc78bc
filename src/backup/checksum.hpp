#pragma once

#include <string>
#include <string_view>

namespace descope_mgmt::backup {

/// The SHA-256 of `data` as 64 lower-case hex digits (OpenSSL EVP).
std::string sha256_hex(std::string_view data);

}  // namespace descope_mgmt::backup
