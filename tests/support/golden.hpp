#pragma once
// Golden files: tests/golden/<suite>/<name>. A test compares its output with the file; run it
// with UPDATE_GOLDEN=1 to rewrite the file instead, then review `git diff tests/golden`.

#include <filesystem>
#include <string>

namespace descope_mgmt::test {

/// tests/golden/<suite>.
std::filesystem::path golden_dir(const std::string& suite);

/// Expects `actual` to equal tests/golden/<suite>/<name> (a gtest failure names the file and
/// how to update it); with UPDATE_GOLDEN=1 writes `actual` there instead.
void expect_golden(const std::string& suite, const std::string& name, const std::string& actual);

}  // namespace descope_mgmt::test
