#pragma once
// Helpers for the config tests: a fake process environment (injected as the EnvLookup), loading
// from text, temporary folders for flow/theme files, and readable failure output.

#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "support/files.hpp"

namespace descope_mgmt::config::testing {

/// The fake environment every test loads with. Tests set variables through FakeEnv.
inline std::map<std::string, std::string>& fake_vars() {
    static std::map<std::string, std::string> vars;
    return vars;
}

inline std::optional<std::string> fake_env(const std::string& name) {
    auto it = fake_vars().find(name);
    if (it == fake_vars().end()) return std::nullopt;
    return it->second;
}

/// Sets variables for one test and clears them afterwards.
class FakeEnv {
  public:
    FakeEnv() { fake_vars().clear(); }
    FakeEnv(std::initializer_list<std::pair<const std::string, std::string>> vars) {
        fake_vars() = std::map<std::string, std::string>(vars);
    }
    ~FakeEnv() { fake_vars().clear(); }
    FakeEnv(const FakeEnv&) = delete;
    FakeEnv& operator=(const FakeEnv&) = delete;
    void set(const std::string& name, const std::string& value) { fake_vars()[name] = value; }
};

inline LoadResult load_text(const std::string& text,
                            const std::filesystem::path& path = "descope.yaml") {
    return load_from_string(text, path, fake_env);
}

/// Every diagnostic as rendered, for failure messages and "never printed" checks.
inline std::string rendered(const LoadResult& r) {
    return diag::render_all(r.diagnostics, r.sources, false);
}

/// The only error of `r` (fails the test when there is not exactly one).
inline const diag::Diagnostic& only_error(const LoadResult& r) {
    static const diag::Diagnostic none;
    EXPECT_EQ(r.diagnostics.error_count(), 1u) << rendered(r);
    for (const auto& d : r.diagnostics.items())
        if (d.severity == diag::Severity::error) return d;
    return none;
}

using test::TempDir;

/// A valid v1 flow export for flow `id`.
std::string flow_export(const std::string& id);
/// A valid v1 theme export.
std::string theme_export();

}  // namespace descope_mgmt::config::testing
