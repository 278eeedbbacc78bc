#include "cli/commands.hpp"

namespace descope_mgmt::cli {

const std::vector<CommandEntry>& command_table() {
    static const std::vector<CommandEntry> table = {
        {"validate", "check the config and every file it references; no network",
         define_validate},
        {"schema", "print the config's JSON Schema", define_schema},
    };
    return table;
}

}  // namespace descope_mgmt::cli
