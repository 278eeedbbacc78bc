// libFuzzer target: the config loader on arbitrary text. It must never crash, hang, leak or
// throw, whatever the YAML; flow/theme paths point into a folder that does not exist.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "config/config.hpp"

namespace {

std::optional<std::string> fuzz_env(const std::string& name) {
    if (name == "DESCOPE_DEV_PROJECT_ID" || name == "ID") return "P2aaaaaaaaaaaaaaaaaaaaaaaaaa";
    if (name == "DESCOPE_DEV_MANAGEMENT_KEY" || name == "KEY") return "K2fuzzkey";
    if (name == "EMPTY") return "";
    if (name == "NUM") return "42";
    if (name == "REF") return "${NUM}";
    if (name == "A") return "a";
    return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace descope_mgmt;
    const std::string text(reinterpret_cast<const char*>(data), size);
    const config::LoadResult r =
        config::load_from_string(text, "/nonexistent-dm-fuzz/descope.yaml", fuzz_env);
    // Rendering reads the source cache at every reported position.
    const std::string out = diag::render_all(r.diagnostics, r.sources, false);
    if (r.diagnostics.has_errors() == r.config.has_value()) __builtin_trap();
    if (r.config) {
        for (const auto& env : r.config->environments) {
            const model::DesiredState s = config::desired_state(*r.config, env.name);
            if (s.environment != env.name) __builtin_trap();
        }
    }
    return out.size() == static_cast<std::size_t>(-1) ? 1 : 0;
}
