// The man pages the build generates (target `man`, cmake/man_page.cmake; issue 15): built from
// the binaries' own --help, so every command's help page is in descope-mgmt(1). Compiled when the
// build makes man pages (DM_MAN_PAGES, on when help2man is installed, as in CI).

#ifdef DM_MAN_DIR

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/files.hpp"

namespace descope_mgmt::test {
namespace {

/// `text` as it reads in the roff source: help2man and man_page.cmake write "-" as "\-".
std::string man_e2e_roff(std::string text) {
    std::string out;
    for (char c : text) {
        if (c == '-') out += '\\';
        out += c;
    }
    return out;
}

/// The command path of a golden help file: "descope-mgmt_tenant_show.txt" -> "tenant show".
std::string man_e2e_command(std::string name) {
    name = name.substr(std::string("descope-mgmt").size());
    name = name.substr(0, name.size() - 4);  // ".txt"
    for (char& c : name)
        if (c == '_') c = ' ';
    return name.empty() ? name : name.substr(1);
}

TEST(ManPageE2e, DescopeMgmtHasEveryHelpPageUnderCommands) {
    const std::string page = read_text(std::filesystem::path(DM_MAN_DIR) / "descope-mgmt.1");
    for (const char* section : {".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH EXAMPLES",
                                ".SH COMMANDS", ".SH \"SEE ALSO\"", ".BR descope-emulator (1)"})
        EXPECT_NE(page.find(section), std::string::npos) << section;
    EXPECT_NE(page.find("manage Descope projects as code across environments"), std::string::npos);
    // The global options are under OPTIONS once, not in every command's subsection.
    EXPECT_EQ(page.find("Global options:"), std::string::npos);

    int commands = 0;
    const auto golden = std::filesystem::path(DM_SOURCE_DIR) / "tests/golden/help";
    for (const auto& entry : std::filesystem::directory_iterator(golden)) {
        const std::string command = man_e2e_command(entry.path().filename().string());
        if (command.empty()) continue;  // the top-level page is the page itself
        ++commands;
        const std::string help = read_text(entry.path());
        const std::string heading = ".SS \"descope-mgmt " + command + "\"";
        const auto at = page.find(heading);
        ASSERT_NE(at, std::string::npos) << heading;
        // Its first line (the summary) and its usage line follow the heading.
        const std::string summary = help.substr(0, help.find('\n'));
        EXPECT_NE(page.find(man_e2e_roff(summary), at), std::string::npos) << command;
        EXPECT_NE(page.find(man_e2e_roff("Usage: descope-mgmt " + command), at), std::string::npos)
            << command;
    }
    EXPECT_GT(commands, 20);
}

TEST(ManPageE2e, DescopeEmulatorHasItsOptions) {
    const std::string page = read_text(std::filesystem::path(DM_MAN_DIR) / "descope-emulator.1");
    EXPECT_NE(page.find("a local Descope management API for development and tests"),
              std::string::npos);
    for (const char* option : {"\\-\\-project", "\\-\\-fault", "\\-\\-rate\\-limit", "\\-\\-state"})
        EXPECT_NE(page.find(option), std::string::npos) << option;
    EXPECT_NE(page.find(".BR descope-mgmt (1)"), std::string::npos);
}

}  // namespace
}  // namespace descope_mgmt::test

#endif  // DM_MAN_DIR
