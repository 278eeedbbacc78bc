#include "support/golden.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "support/files.hpp"

namespace descope_mgmt::test {

std::filesystem::path golden_dir(const std::string& suite) {
    return std::filesystem::path(DM_SOURCE_DIR) / "tests" / "golden" / suite;
}

void expect_golden(const std::string& suite, const std::string& name, const std::string& actual) {
    const auto path = golden_dir(suite) / name;
    const char* update = std::getenv("UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        write_text(path, actual);
        return;
    }
    ASSERT_TRUE(std::filesystem::exists(path))
        << "missing golden file " << path << " (run the test with UPDATE_GOLDEN=1 to create it)";
    EXPECT_EQ(read_text(path), actual)
        << "golden file " << path
        << " differs; if the change is intended, run with UPDATE_GOLDEN=1 and review the diff";
}

}  // namespace descope_mgmt::test
