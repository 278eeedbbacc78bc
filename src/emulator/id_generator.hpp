#pragma once
// Server-side ids that look like Descope's: a type letter, "2", then 26 base-62 characters
// (28 characters in all, like project ids). Seeded, so a test run is reproducible.

#include <cstdint>
#include <random>
#include <string>

namespace descope_mgmt::emulator {

class IdGenerator {
  public:
    explicit IdGenerator(std::uint64_t seed) : m_rng(seed) {}

    /// A new id such as "T2x8Kq...": `prefix` ('T' tenant, 'R' role), "2", 26 random characters.
    std::string next(char prefix);

  private:
    std::mt19937_64 m_rng;
};

}  // namespace descope_mgmt::emulator
