#include "config_test_support.hpp"

#include <fstream>
#include <random>

namespace descope_mgmt::config::testing {

TempDir::TempDir() {
    std::random_device rd;
    m_path = std::filesystem::temp_directory_path() /
             ("dm-config-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::filesystem::path TempDir::write(const std::string& relative, const std::string& text) const {
    const auto full = m_path / relative;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << text;
    return full;
}

std::string flow_export(const std::string& id) {
    return R"({
  "flow": {"id": ")" +
           id + R"(", "name": "Flow", "description": "", "dsl": {"tasks": {}}, "disabled": false},
  "screens": [{"id": "SC1", "flowId": ")" +
           id + R"(", "inputs": [], "interactions": [], "htmlTemplate": {}}]
}
)";
}

std::string theme_export() {
    return R"({"theme": {"id": "", "version": 1, "cssTemplate": {"light": {}}, "codeMode": false}}
)";
}

}  // namespace descope_mgmt::config::testing
