#include "emulator/fault_injector.hpp"

#include <cstdlib>

namespace descope_mgmt::emulator {

namespace {

constexpr FaultKind kAllKinds[] = {FaultKind::too_many_requests,
                                   FaultKind::internal_error,
                                   FaultKind::unavailable,
                                   FaultKind::reset,
                                   FaultKind::lost,
                                   FaultKind::malformed,
                                   FaultKind::slow};

}  // namespace

std::string_view to_string(FaultKind kind) {
    switch (kind) {
        case FaultKind::too_many_requests:
            return "429";
        case FaultKind::internal_error:
            return "500";
        case FaultKind::unavailable:
            return "503";
        case FaultKind::reset:
            return "reset";
        case FaultKind::lost:
            return "lost";
        case FaultKind::malformed:
            return "malformed";
        case FaultKind::slow:
            return "slow";
    }
    return "?";
}

util::Result<FaultSpec> parse_fault(const std::string& text) {
    const auto eq = text.find('=');
    const std::string name = text.substr(0, eq);
    for (FaultKind kind : kAllKinds) {
        if (to_string(kind) != name) continue;
        if (eq == std::string::npos) break;
        const std::string number = text.substr(eq + 1);
        char* end = nullptr;
        const double p = std::strtod(number.c_str(), &end);
        if (number.empty() || *end != '\0' || !(p >= 0.0 && p <= 1.0)) {
            return util::error("--fault " + text +
                               ": the probability must be a number from 0 to 1");
        }
        return FaultSpec{kind, p};
    }
    return util::error(
        "--fault wants KIND=PROBABILITY with KIND one of 429, 500, 503, reset, lost, "
        "malformed, slow (e.g. --fault 503=0.1), got '" +
        text + "'");
}

util::Result<FaultInjector> FaultInjector::create(std::vector<FaultSpec> faults,
                                                  std::uint64_t seed) {
    double total = 0;
    for (std::size_t i = 0; i < faults.size(); ++i) {
        total += faults[i].probability;
        for (std::size_t j = 0; j < i; ++j) {
            if (faults[j].kind == faults[i].kind) {
                return util::error("--fault " + std::string(to_string(faults[i].kind)) +
                                   " is given twice");
            }
        }
    }
    if (total > 1.0 + 1e-9) {
        return util::error("the --fault probabilities add up to more than 1");
    }
    return FaultInjector(std::move(faults), seed);
}

std::optional<FaultKind> FaultInjector::next() {
    if (m_faults.empty()) return std::nullopt;
    double draw = 0;
    {
        std::lock_guard lock(m_mutex);
        // 53 random bits -> [0, 1), identical on every standard library (unlike the
        // std::uniform_real_distribution algorithms).
        draw = static_cast<double>(m_rng() >> 11) * 0x1.0p-53;
    }
    double edge = 0;
    for (const auto& fault : m_faults) {
        edge += fault.probability;
        if (draw < edge) return fault.kind;
    }
    return std::nullopt;
}

}  // namespace descope_mgmt::emulator
