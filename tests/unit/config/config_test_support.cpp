#include "config_test_support.hpp"

#include <fstream>
#include <random>

namespace descope_mgmt::config::testing {

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
