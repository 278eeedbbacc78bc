#pragma once
// Helpers shared by the http_descope_api*.cpp files; not part of the layer's interface.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "api/request_runner.hpp"
#include "util/result.hpp"

namespace descope_mgmt::api::internal {

/// A request description; `body`, when given, is serialised as the JSON body.
RequestSpec make_spec(const char* method, std::string path, RequestSafety safety,
                      std::string operation, std::string subject,
                      const nlohmann::json* body = nullptr);

/// Equal as sets (order and duplicates ignored): how Descope treats these lists.
bool same_set(std::vector<std::string> a, std::vector<std::string> b);

/// Moves a wire parse result into `out`, or passes its error on (for AnswerReaders).
template <class T>
util::Result<void> take(util::Result<T> parsed, T& out) {
    if (!parsed) return util::unexpected(parsed.error());
    out = std::move(*parsed);
    return {};
}

}  // namespace descope_mgmt::api::internal
