#include "model/environment.hpp"

#include <fmt/format.h>

#include <iterator>

namespace descope_mgmt::model {

namespace {

/// "A", "A and B", "A, B and C".
std::string and_list(const std::vector<std::string>& words) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += i + 1 == words.size() ? " and " : ", ";
        out += words[i];
    }
    return out;
}

}  // namespace

const std::vector<std::string>& prune_type_names() {
    static const std::vector<std::string> names = {"tenants", "roles", "permissions", "flows"};
    return names;
}

const std::vector<std::string>& prune_type_singulars() {
    static const std::vector<std::string> names = {"tenant", "role", "permission", "flow"};
    return names;
}

std::optional<PruneType> parse_prune_type(std::string_view word) {
    static constexpr PruneType kTypes[] = {PruneType::tenants, PruneType::roles,
                                           PruneType::permissions, PruneType::flows};
    for (std::size_t i = 0; i < std::size(kTypes); ++i) {
        if (word == prune_type_names()[i] || word == prune_type_singulars()[i]) return kTypes[i];
    }
    return std::nullopt;
}

std::string credential_hint(const Environment& env) {
    const CredentialOrigin& origin = env.management_key_origin;
    std::string where;
    if (origin.variables.size() == 1) {
        where = origin.variables.front();
    } else if (!origin.variables.empty()) {
        where = and_list(origin.variables);
        if (!origin.config_key.empty()) where += fmt::format(" (in {})", origin.config_key);
    } else if (!origin.config_key.empty()) {
        where = origin.config_key;
        if (origin.location.known()) {
            where += fmt::format(" at {}:{}:{}", origin.location.file, origin.location.line,
                                 origin.location.column);
        }
    } else {
        where = fmt::format("the management key of environment '{}'", env.name);
    }
    std::string project = fmt::format("{}'s project", env.name);
    if (!env.project_id.empty()) project += " " + env.project_id;
    return fmt::format("check {}: it is the key for {}", where, project);
}

}  // namespace descope_mgmt::model
