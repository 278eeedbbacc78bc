#pragma once
// Seeded fault injection: for each request, one draw from a std::mt19937_64 picks at most one
// fault, each kind with its configured probability. The same seed and the same request order
// give the same sequence of faults.

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace descope_mgmt::emulator {

enum class FaultKind {
    too_many_requests,  // "429": 429 + Retry-After + E130429
    internal_error,     // "500"
    unavailable,        // "503" (the SDKs retry it)
    reset,              // the connection is closed without an answer
    lost,               // the request is carried out, then the connection is closed without
                        // an answer (an answer lost on the way back)
    malformed,          // a 200 whose body is not valid JSON
    slow,               // the answer comes after --slow-ms, then normally
};

struct FaultSpec {
    FaultKind kind;
    double probability = 0;
};

/// Parses "KIND=PROBABILITY", KIND one of 429, 500, 503, reset, lost, malformed, slow; 0 <= P <= 1.
util::Result<FaultSpec> parse_fault(const std::string& text);
/// The command-line name of a kind ("429", "reset", ...).
std::string_view to_string(FaultKind kind);

class FaultInjector {
  public:
    /// Fails when a kind repeats or the probabilities add up to more than 1.
    static util::Result<FaultInjector> create(std::vector<FaultSpec> faults, std::uint64_t seed);

    FaultInjector(FaultInjector&& other) noexcept
        : m_faults(std::move(other.m_faults)), m_rng(other.m_rng) {}

    /// The fault for the next request, if any. Thread-safe; draws once per call.
    std::optional<FaultKind> next();
    bool enabled() const { return !m_faults.empty(); }

  private:
    FaultInjector(std::vector<FaultSpec> faults, std::uint64_t seed)
        : m_faults(std::move(faults)), m_rng(seed) {}

    std::vector<FaultSpec> m_faults;
    std::mutex m_mutex;
    std::mt19937_64 m_rng;
};

}  // namespace descope_mgmt::emulator
