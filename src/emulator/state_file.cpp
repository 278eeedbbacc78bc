#include "emulator/state_file.hpp"

#include <nlohmann/json.hpp>

#include "util/file.hpp"

namespace descope_mgmt::emulator {

namespace {
constexpr int kFormatVersion = 1;
}

util::Result<nlohmann::json> load_state(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return nlohmann::json::array();
    auto text = util::read_file(path);
    if (!text) return util::unexpected(text.error());
    const auto doc = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return util::error(path.string() + ": not valid JSON");
    if (!doc.is_object() || doc.value("format_version", 0) != kFormatVersion ||
        !doc.contains("projects") || !doc["projects"].is_array()) {
        return util::error(path.string() + ": not a descope-emulator state file (format_version " +
                           std::to_string(kFormatVersion) + " with a projects list expected)");
    }
    return doc["projects"];
}

util::Result<void> save_state(const std::filesystem::path& path, const nlohmann::json& projects) {
    const nlohmann::json doc = {{"format_version", kFormatVersion}, {"projects", projects}};
    return util::write_file_atomically(path, doc.dump(2) + "\n", 0600);
}

}  // namespace descope_mgmt::emulator
